package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"vanban/corpus"
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
	year := fs.Int("year", 0, "only citing documents of this year")
	province := fs.String("province", "", "only citing documents of this province")
	relation := fs.String("relation", "", "only this relation: implements, basis, guides, amends, replaces, repeals, cites")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: vanban cites REF [--type T] [--year Y] [--province P] [--relation R] [--json]")
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
	ref := strings.Join(pos, " ")
	st, err := openStore(*store)
	if err != nil {
		fmt.Fprintf(env.Stderr, "vanban cites: %v\n", err)
		return exitPartial
	}
	defer st.Close()
	target, code := resolveDoc(ctx, st, env, "cites", ref, *asJSON)
	if code != exitOK {
		return code
	}
	cs, err := st.Cites(ctx, []corpus.DocInfo{target}, corpus.Filter{Type: *typ, Year: *year, Province: *province, Relation: *relation})
	if err != nil {
		fmt.Fprintf(env.Stderr, "vanban cites: %v\n", err)
		return exitPartial
	}
	if *asJSON {
		for _, c := range cs {
			writeJSONLine(env.Stdout, c)
		}
		return exitOK
	}
	fmt.Fprintf(env.Stdout, "%s  [%s]\ncited by %s:\n", target.Label(), target.Key, plural(len(cs), "document", "documents"))
	for _, c := range cs {
		fmt.Fprintf(env.Stdout, "  %-10s ×%d  %s  [%s]\n", c.Relation, c.Count, c.Citing.Label(), c.Citing.Key)
		if c.Citing.Path != "" {
			fmt.Fprintf(env.Stdout, "      %s\n", c.Citing.Path)
		}
		if c.Sentence != "" {
			fmt.Fprintf(env.Stdout, "      “%s”\n", oneLine(c.Sentence, 240))
		}
	}
	return exitOK
}
