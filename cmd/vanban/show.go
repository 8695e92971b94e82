package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"vanban/corpus"
	"vanban/rules"
)

func init() {
	register(&command{name: "show", summary: "one stored document: its record and what cites it", run: runShow})
}

// shown is `show --json`: the record of the contract plus cited_by.
type shown struct {
	rules.Document
	State   string            `json:"state"`
	Links   []corpus.Link     `json:"links"` // the references with where they resolved
	CitedBy []corpus.Citation `json:"cited_by"`
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
	st, err := openStore(*store)
	if err != nil {
		fmt.Fprintf(env.Stderr, "vanban show: %v\n", err)
		return exitPartial
	}
	defer st.Close()
	d, code := resolveDoc(ctx, st, env, "show", strings.Join(pos, " "), *asJSON)
	if code != exitOK {
		return code
	}
	rec, err := st.Record(ctx, d, *withText)
	if err != nil {
		fmt.Fprintf(env.Stderr, "vanban show: %v\n", err)
		return exitPartial
	}
	if rec.Status, err = st.Status(ctx, d); err != nil {
		fmt.Fprintf(env.Stderr, "vanban show: %v\n", err)
		return exitPartial
	}
	cited, err := st.Cites(ctx, []corpus.DocInfo{d}, corpus.Filter{})
	if err != nil {
		fmt.Fprintf(env.Stderr, "vanban show: %v\n", err)
		return exitPartial
	}
	if cited == nil {
		cited = []corpus.Citation{}
	}
	links, err := st.Links(ctx, d)
	if err != nil {
		fmt.Fprintf(env.Stderr, "vanban show: %v\n", err)
		return exitPartial
	}
	if *asJSON {
		writeJSONLine(env.Stdout, shown{Document: rec, State: d.State, Links: links, CitedBy: cited})
		return exitOK
	}
	if d.State != corpus.StateDocument {
		fmt.Fprintf(env.Stdout, "%s  [%s]\n  known only by citation (%s)\n", d.Label(), d.Key, d.State)
	} else {
		if rec.Source.Path == "" {
			rec.Source.Path = d.Path
		}
		printDocument(env.Stdout, rec)
	}
	if rec.Status != nil {
		fmt.Fprintf(env.Stdout, "  hiệu lực: %s\n", rec.Status.Text)
	}
	if len(links) > 0 {
		fmt.Fprintln(env.Stdout, "  links:")
		for _, l := range links {
			switch {
			case l.Target == nil:
				continue
			case len(l.Candidates) > 0:
				fmt.Fprintf(env.Stdout, "    %-10s %s → ambiguous, one of %s\n", l.Relation, l.Symbol, strings.Join(l.Candidates, ", "))
			default:
				fmt.Fprintf(env.Stdout, "    %-10s %s → %s  [%s]\n", l.Relation, l.Symbol, l.Target.Label(), l.Target.Key)
			}
		}
	}
	fmt.Fprintf(env.Stdout, "  cited by %s:\n", plural(len(cited), "document", "documents"))
	for _, c := range cited {
		fmt.Fprintf(env.Stdout, "    %-10s ×%d  %s  [%s]\n", c.Relation, c.Count, c.Citing.Label(), c.Citing.Key)
	}
	return exitOK
}
