package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"sort"
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
	ref := strings.Join(pos, " ")
	if _, err := corpus.ParsePlace(*place); err != nil {
		fmt.Fprintf(env.Stderr, "vanban cites: --place: %v\n", err)
		return exitUsage
	}
	st, err := openStore(*store)
	if err != nil {
		fmt.Fprintf(env.Stderr, "vanban cites: %v\n", err)
		return exitPartial
	}
	defer st.Close()
	targets, code := citedTargets(ctx, st, env, ref, *asJSON)
	if code != exitOK {
		return code
	}
	cs, err := st.Cites(ctx, targets, corpus.Filter{Type: *typ, Year: *year, Province: *province, Place: *place, Relation: *relation})
	if err != nil {
		fmt.Fprintf(env.Stderr, "vanban cites: %v\n", err)
		return exitPartial
	}
	target := targets[0]
	if *asJSON {
		for _, c := range cs {
			writeJSONLine(env.Stdout, c)
		}
		return exitOK
	}
	for _, t := range targets {
		fmt.Fprintf(env.Stdout, "%s  [%s]\n", t.Label(), t.Key)
	}
	fmt.Fprintf(env.Stdout, "cited by %s:\n", plural(len(cs), "document", "documents"))
	for _, c := range cs {
		note := ""
		if len(targets) > 1 && c.Cited != target.Key {
			note = "  (as " + c.Cited + ")"
		}
		fmt.Fprintf(env.Stdout, "  %-10s ×%d  %s  [%s]%s\n", c.Relation, c.Count, c.Citing.Label(), c.Citing.Key, note)
		if c.Citing.Path != "" {
			fmt.Fprintf(env.Stdout, "      %s\n", c.Citing.Path)
		}
		if c.Sentence != "" {
			fmt.Fprintf(env.Stdout, "      “%s”\n", excerpt(c.Sentence, c.Text, 240))
		}
	}
	return exitOK
}

// citedTargets resolves the REF of cites. Besides one document it accepts
// one special kind of multiple match: stubs of the same symbol and
// jurisdiction of which at most one has a year ("05-CT/TW" cited once with
// its date and elsewhere without). They are one citation written with and
// without a year, not several documents; cites lists the citers of each,
// naming the stub each one points at. (The store joins a yearless citation
// to the dated node when it fits; they stay apart when the yearless one was
// made before that year.)
func citedTargets(ctx context.Context, st *corpus.Store, env *Env, ref string, asJSON bool) ([]corpus.DocInfo, int) {
	d, err := st.Resolve(ctx, ref)
	var amb *corpus.AmbiguousError
	if errors.As(err, &amb) && sameCitation(amb.Candidates) {
		out := append([]corpus.DocInfo(nil), amb.Candidates...)
		sort.SliceStable(out, func(i, j int) bool { return out[i].Year > out[j].Year })
		return out, exitOK
	}
	if err == nil {
		return []corpus.DocInfo{d}, exitOK
	}
	_, code := resolveDoc(ctx, st, env, "cites", ref, asJSON)
	return nil, code
}

func sameCitation(ds []corpus.DocInfo) bool {
	dated := 0
	for _, d := range ds {
		if d.State == corpus.StateDocument || d.Juris != ds[0].Juris || corpus.FoldSymbol(d.Symbol) != corpus.FoldSymbol(ds[0].Symbol) {
			return false
		}
		if d.Year > 0 {
			dated++
		}
	}
	return dated <= 1
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
