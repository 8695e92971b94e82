package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"vanban/corpus"
)

func init() {
	register(&command{name: "tasks", summary: "tasks with lead body and deadline from the stored directives", run: runTasks})
}

// runTasks lists the tasks of the stored documents by body and deadline.
// Overdue means the deadline has passed (relative to --today) and no stored
// document from the lead body implements or cites the task's document.
func runTasks(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("tasks", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	store := storeFlag(fs, env)
	asJSON := fs.Bool("json", false, "print one JSON object per line")
	body := fs.String("body", "", "only tasks this body leads or supports (\"Ban Dân vận\", \"huyen uy\")")
	dueBefore := fs.String("due-before", "", "only tasks due before this date (YYYY-MM-DD)")
	overdue := fs.Bool("overdue", false, "only tasks past their deadline with nothing stored from the lead body")
	today := fs.String("today", time.Now().Format("2006-01-02"), "the date overdue is measured against (YYYY-MM-DD)")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: vanban tasks [--body B] [--due-before DATE] [--overdue] [--today DATE] [--json]")
		fs.PrintDefaults()
	}
	if err := parseNoArgs(fs, args); err != nil {
		return exitUsage
	}
	for name, v := range map[string]string{"--due-before": *dueBefore, "--today": *today} {
		if v == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", v); err != nil {
			fmt.Fprintf(env.Stderr, "vanban tasks: %s: %q is not a date (YYYY-MM-DD)\n", name, v)
			return exitUsage
		}
	}
	st, err := openStore(*store)
	if err != nil {
		return fail(env, "tasks", err)
	}
	defer st.Close()
	rows, err := st.Tasks(ctx, corpus.TaskFilter{Body: *body, DueBefore: *dueBefore, Overdue: *overdue, Today: *today})
	if err != nil {
		return fail(env, "tasks", err)
	}
	if *asJSON {
		for _, r := range rows {
			writeJSONLine(env.Stdout, r)
		}
		return exitOK
	}
	fmt.Fprintf(env.Stdout, "%s\n", plural(len(rows), "task", "tasks"))
	for _, r := range rows {
		due := r.Due
		if due == "" && r.Task.Deadline != nil {
			due = r.Task.Deadline.Text
		}
		if due == "" {
			due = "-"
		}
		fmt.Fprintf(env.Stdout, "%-12s %s  [%s]  %s\n", esc(due), esc(string(r.Task.Lead)), esc(r.Doc.Key), esc(r.Describe()))
		fmt.Fprintf(env.Stdout, "      %s\n", esc(excerpt(r.Task.Text, "", 160)))
		if r.Task.Report != nil {
			via := ""
			if r.Task.Report.Via != "" {
				via = " (qua " + r.Task.Report.Via + ")"
			}
			fmt.Fprintf(env.Stdout, "      báo cáo: %s%s\n", esc(r.Task.Report.To), esc(via))
		}
		for _, m := range r.Missing {
			fmt.Fprintf(env.Stdout, "      chưa có: %s\n", esc(m))
		}
	}
	return exitOK
}
