package main

import (
	"context"
	"flag"
	"fmt"

	"vanban/corpus"
)

func init() {
	register(&command{name: "show", summary: "one stored document: its record and what cites it", run: runShow})
}

func runShow(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("show", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	store := storeFlag(fs, env)
	asJSON := fs.Bool("json", false, "print the record as JSON")
	withText := fs.Bool("text", false, "include the normalized text")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: vanban show DOC [--json] [--text]")
		fs.PrintDefaults()
	}
	pos, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) == 0 {
		fs.Usage()
		return exitUsage
	}
	ref, ok := refArg(env, "show", pos)
	if !ok {
		return exitUsage
	}
	a, err := openArchive(*store)
	if err != nil {
		return fail(env, "show", err)
	}
	defer a.Close()
	d, code := resolveDoc(ctx, a, env, "show", ref, *asJSON)
	if code != exitOK {
		return code
	}
	sh, err := a.Show(ctx, d, *withText)
	if err != nil {
		return fail(env, "show", err)
	}
	if *asJSON {
		writeJSONLine(env.Stdout, sh)
		return exitOK
	}
	msg := message(env)
	if d.State != corpus.StateDocument {
		fmt.Fprintf(env.Stdout, "%s  [%s]\n  known only by citation (%s)\n", msg.label(d), esc(d.Key), d.State)
	} else {
		printDocument(env.Stdout, sh.Document)
	}
	if st := sh.Document.Status; st != nil {
		fmt.Fprintf(env.Stdout, "  hiệu lực: %s\n", esc(st.Text))
	}
	for _, o := range sh.Overrides {
		fmt.Fprintf(env.Stdout, "  corrected %s: %q (was %q) by %s at %s\n", o.Field, o.Value, o.Previous, esc(o.Who), o.At)
	}
	if len(sh.Links) > 0 {
		fmt.Fprintf(env.Stdout, "  %s:\n", msg.links)
		for _, l := range sh.Links {
			switch {
			case l.Target == nil:
				continue
			case len(l.Candidates) > 0:
				fmt.Fprintf(env.Stdout, "    %-10s %s → ambiguous, one of %s\n", msg.rel(l.Relation), esc(l.Symbol), escAll(l.Candidates, ", "))
			default:
				fmt.Fprintf(env.Stdout, "    %-10s %s → %s  [%s]\n", msg.rel(l.Relation), esc(l.Symbol), msg.label(*l.Target), esc(l.Target.Key))
			}
		}
	}
	fmt.Fprintf(env.Stdout, "  %s:\n", msg.citedByCount(len(sh.CitedBy)))
	for _, c := range sh.CitedBy {
		fmt.Fprintf(env.Stdout, "    %-10s ×%d  %s  [%s]\n", msg.rel(c.Relation), c.Count, msg.label(c.Citing), esc(c.Citing.Key))
	}
	return exitOK
}
