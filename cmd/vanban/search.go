package main

import (
	"context"
	"flag"
	"fmt"
	"html"
	"sort"
	"strings"

	"vanban/corpus"
	"vanban/index"
)

func init() {
	register(&command{name: "search", summary: "full-text and symbol search with facets", run: runSearch})
	register(&command{name: "reindex", summary: "rebuild the search index from the database", run: runReindex})
}

func runSearch(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	store := storeFlag(fs, env)
	asJSON := fs.Bool("json", false, "print one JSON object per hit, then one with the total and facets")
	typ := fs.String("type", "", "only documents of this type")
	year := fs.Int("year", 0, "only documents of this year")
	province := fs.String("province", "", "only documents of this province")
	place := fs.String("place", "", "only documents of this place: a province, district or commune (\"Tây Sơn\", \"xã Bình Thành, Tây Sơn\")")
	size := fs.Int("n", 10, "hits to show")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: vanban search QUERY [--type T] [--year Y] [--province P] [--place P] [-n N] [--json]")
		fs.PrintDefaults()
	}
	pos, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) == 0 && *typ == "" && *year == 0 && *province == "" && *place == "" {
		fs.Usage()
		return exitUsage
	}
	if _, err := corpus.ParsePlace(*place); err != nil {
		fmt.Fprintf(env.Stderr, "vanban search: --place: %v\n", err)
		return exitUsage
	}
	st, err := openStore(*store)
	if err != nil {
		fmt.Fprintf(env.Stderr, "vanban search: %v\n", err)
		return exitPartial
	}
	if n, err := st.PendingIndex(ctx); err == nil && n > 0 {
		fmt.Fprintf(env.Stderr, "vanban search: warning: %s not in the search index yet (run 'vanban reindex')\n",
			plural(n, "document is", "documents are"))
	}
	defer st.Close()
	ix, err := index.Open(index.Path(*store))
	if err != nil {
		fmt.Fprintf(env.Stderr, "vanban search: %v\n", err)
		return exitPartial
	}
	defer ix.Close()
	style := "ansi"
	if *asJSON || !isTerminal(env.Stdout) {
		style = "html"
	}
	q := index.Query{Text: strings.Join(pos, " "), Type: *typ, Year: *year, Province: *province, Size: *size, Style: style}
	if *place != "" {
		// The index knows provinces only: the hits are taken wider and
		// kept by the store's jurisdictions.
		q.Size = max(*size, 10) * 50
	}
	res, err := ix.Search(q)
	if err != nil {
		fmt.Fprintf(env.Stderr, "vanban search: %v\n", err)
		return exitPartial
	}
	if *place != "" {
		if res, err = keepInPlace(ctx, st, res, *place, *size); err != nil {
			fmt.Fprintf(env.Stderr, "vanban search: %v\n", err)
			return exitPartial
		}
	}
	if *asJSON {
		for _, h := range res.Hits {
			writeJSONLine(env.Stdout, h)
		}
		writeJSONLine(env.Stdout, map[string]any{"total": res.Total, "facets": res.Facets})
		return exitOK
	}
	fmt.Fprintf(env.Stdout, "%s (%s)\n", plural(int(res.Total), "hit", "hits"), res.Took.Round(1000))
	for _, h := range res.Hits {
		label := strings.TrimSpace(h.Type + " " + h.Symbol)
		if label == "" {
			label = h.ID
		}
		fmt.Fprintf(env.Stdout, "  %s  [%s]", label, h.ID)
		if h.Year != "" {
			fmt.Fprintf(env.Stdout, "  %s", h.Year)
		}
		if h.Province != "" {
			fmt.Fprintf(env.Stdout, "  %s", h.Province)
		}
		fmt.Fprintln(env.Stdout)
		if h.Subject != "" {
			fmt.Fprintf(env.Stdout, "      %s\n", oneLine(h.Subject, 120))
		}
		for i, f := range h.Fragments {
			if i == 2 {
				break
			}
			if style == "html" {
				f = html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(f))
			}
			fmt.Fprintf(env.Stdout, "      %s\n", oneLine(f, 240))
		}
	}
	names := make([]string, 0, len(res.Facets))
	for n := range res.Facets {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		var parts []string
		for _, t := range res.Facets[n] {
			parts = append(parts, fmt.Sprintf("%s (%d)", t.Term, t.Count))
		}
		if len(parts) > 0 {
			fmt.Fprintf(env.Stdout, "%s: %s\n", n, strings.Join(parts, ", "))
		}
	}
	return exitOK
}

// runReindex rebuilds the search index from the database: the index holds
// nothing the database does not, so it can always be thrown away.
func runReindex(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	store := storeFlag(fs, env)
	if _, err := parseArgs(fs, args); err != nil {
		return exitUsage
	}
	st, err := openStore(*store)
	if err != nil {
		fmt.Fprintf(env.Stderr, "vanban reindex: %v\n", err)
		return exitPartial
	}
	defer st.Close()
	n, err := reindex(ctx, st)
	if err != nil {
		fmt.Fprintf(env.Stderr, "vanban reindex: %v\n", err)
		return exitPartial
	}
	fmt.Fprintf(env.Stdout, "reindex: %s indexed\n", plural(n, "document", "documents"))
	return exitOK
}

func reindex(ctx context.Context, st *corpus.Store) (int, error) {
	path := index.Path(st.Dir())
	// Take the lock first: removing an index another process has open would
	// pull it from under that process.
	ix, err := index.Open(path)
	if err != nil {
		return 0, err
	}
	ix.Close()
	if err := index.Remove(path); err != nil {
		return 0, err
	}
	if err := st.ResetIndexed(ctx); err != nil {
		return 0, err
	}
	ix, err = index.Open(path)
	if err != nil {
		return 0, err
	}
	n, err := syncIndex(ctx, st, ix)
	if cerr := ix.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("cannot close the index: %w", cerr)
	}
	return n, err
}

// keepInPlace keeps the hits of documents of the place, at most size.
func keepInPlace(ctx context.Context, st *corpus.Store, res index.Result, place string, size int) (index.Result, error) {
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	kept, err := st.KeepInPlace(ctx, ids, place)
	if err != nil {
		return res, err
	}
	in := map[string]bool{}
	for _, k := range kept {
		in[k] = true
	}
	hits := res.Hits[:0]
	for _, h := range res.Hits {
		if in[h.ID] && len(hits) < size {
			hits = append(hits, h)
		}
	}
	res.Hits = hits
	res.Total = uint64(len(kept))
	return res, nil
}
