package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"vanban/corpus"
	"vanban/index"
)

func init() {
	register(&command{name: "cites", summary: "the documents that cite REF, with relation, count and sentence", run: runCites})
}

// runCites answers "who cites REF". REF is read as a person types it. When it
// names several stored documents they are listed (stdout) and the exit
// status is 2: the REF must be narrowed (a year, a province, or an id); when
// it names none the status is 1.
func runCites(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("cites", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	store := storeFlag(fs, env)
	asJSON := fs.Bool("json", false, "print one JSON object per line")
	typ := fs.String("type", "", "only citing documents of this type (\"Kế hoạch\", \"ke hoach\")")
	year := yearFlag(fs, "only citing documents of this year")
	province := fs.String("province", "", "only citing documents of this province")
	place := fs.String("place", "", "only citing documents of this place: a province, district or commune (\"Tây Sơn\")")
	relation := fs.String("relation", "", "only this relation: implements, basis, guides, amends, replaces, repeals, cites")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: vanban cites REF [--type T] [--year Y] [--province P] [--place P] [--relation R] [--json]")
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
	ref, ok := refArg(env, "cites", pos)
	if !ok {
		return exitUsage
	}
	if _, err := corpus.ParsePlace(*place); err != nil {
		fmt.Fprintf(env.Stderr, "vanban cites: --place: %v\n", err)
		return exitUsage
	}
	a, err := openArchive(*store)
	if err != nil {
		return fail(env, "cites", err)
	}
	defer a.Close()
	targets, cs, err := a.Cites(ctx, ref, corpus.Filter{Type: *typ, Year: *year, Province: *province, Place: *place, Relation: *relation})
	var inv *index.InvalidValueError
	switch {
	case errors.As(err, &inv):
		fmt.Fprintf(env.Stderr, "vanban cites: --%s: %v\n", inv.Field, err)
		return exitUsage
	case err != nil:
		return reportResolveError(ctx, a, env, "cites", ref, err, *asJSON)
	}
	target := targets[0]
	if *asJSON {
		for _, c := range cs {
			writeJSONLine(env.Stdout, c)
		}
		return exitOK
	}
	msg := message(env)
	for _, t := range targets {
		fmt.Fprintf(env.Stdout, "%s  [%s]\n", msg.label(t), esc(t.Key))
	}
	fmt.Fprintf(env.Stdout, "%s:\n", msg.citedByCount(len(cs)))
	for _, c := range cs {
		note := ""
		if len(targets) > 1 && c.Cited != target.Key {
			note = "  (as " + esc(c.Cited) + ")"
		}
		fmt.Fprintf(env.Stdout, "  %-10s ×%d  %s  [%s]%s\n", msg.rel(c.Relation), c.Count, msg.label(c.Citing), esc(c.Citing.Key), note)
		if c.Citing.Path != "" {
			fmt.Fprintf(env.Stdout, "      %s\n", esc(c.Citing.Path))
		}
		if c.Sentence != "" {
			fmt.Fprintf(env.Stdout, "      “%s”\n", esc(excerpt(c.Sentence, c.Text, 240)))
		}
	}
	return exitOK
}

// excerpt shortens a citing sentence to about max runes around the mention.
func excerpt(sentence, mention string, width int) string {
	s := []rune(strings.Join(strings.Fields(sentence), " "))
	if len(s) <= width {
		return string(s)
	}
	at := 0
	if i := strings.Index(string(s), strings.Join(strings.Fields(mention), " ")); i > 0 {
		at = len([]rune(string(s)[:i]))
	}
	start := max(0, at-width/3)
	end := min(len(s), start+width)
	out := string(s[start:end])
	if start > 0 {
		out = "…" + out
	}
	if end < len(s) {
		out += "…"
	}
	return out
}
