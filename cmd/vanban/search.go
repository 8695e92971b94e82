package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"sort"
	"strconv"
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
	year := yearFlag(fs, "only documents of this year")
	province := fs.String("province", "", "only documents of this province")
	place := fs.String("place", "", "only documents of this place: a province, district or commune (\"Tây Sơn\", \"xã Bình Thành, Tây Sơn\")")
	status := fs.String("status", "", "only documents of this hiệu lực: "+strings.Join(index.StatusStates, ", "))
	size := intFlag(fs, "n", 10, 1, 1000, "hits to show")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: vanban search QUERY [--type T] [--year Y] [--province P] [--place P] [--status S] [-n N] [--json]")
		fs.PrintDefaults()
	}
	pos, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) == 0 && *typ == "" && *year == 0 && *province == "" && *place == "" && *status == "" {
		fs.Usage()
		return exitUsage
	}
	if _, err := corpus.ParsePlace(*place); err != nil {
		fmt.Fprintf(env.Stderr, "vanban search: --place: %v\n", err)
		return exitUsage
	}
	var inv *index.InvalidValueError
	if err := index.ValidateFilter(corpus.Filter{Type: *typ, Province: *province}); errors.As(err, &inv) {
		fmt.Fprintf(env.Stderr, "vanban search: --%s: %v\n", inv.Field, err)
		return exitUsage
	}
	if *status != "" {
		if err := index.ValidStatus(*status); err != nil {
			fmt.Fprintf(env.Stderr, "vanban search: --status: %v\n", err)
			return exitUsage
		}
	}
	// The index highlights in HTML (text escaped, matches in <mark>); on a
	// terminal the text is made printable first, then the marks become
	// colours (index.PlainFragment), so a document cannot send its own
	// escape sequences to the terminal.
	colour := !*asJSON && isTerminal(env.Stdout)
	q := index.Query{Text: strings.Join(pos, " "), Type: *typ, Year: *year, Province: *province, Place: *place, Status: *status, Size: *size, Style: "html"}
	if err := corpus.CheckLen("query", q.Text); err != nil {
		fmt.Fprintf(env.Stderr, "vanban search: %v\n", err)
		return exitUsage
	}
	res, remote, err := search(ctx, *store, q)
	if err != nil {
		return fail(env, "search", err)
	}
	if res.Warning != "" {
		fmt.Fprintf(env.Stderr, "vanban search: warning: %s\n", esc(res.Warning))
	}
	if res.Pending > 0 {
		advice := "run 'vanban reindex'"
		if remote {
			advice = "the vanban process holding the store is indexing them"
		}
		fmt.Fprintf(env.Stderr, "vanban search: warning: %s not in the search index yet (%s)\n",
			plural(res.Pending, "document is", "documents are"), advice)
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
		fmt.Fprintf(env.Stdout, "  %s  [%s]", esc(label), esc(h.ID))
		if h.Year != "" {
			fmt.Fprintf(env.Stdout, "  %s", esc(h.Year))
		}
		if h.Province != "" {
			fmt.Fprintf(env.Stdout, "  %s", esc(h.Province))
		}
		fmt.Fprintln(env.Stdout)
		if h.Status != nil {
			fmt.Fprintf(env.Stdout, "      %s\n", esc(h.Status.Text))
		}
		if h.Subject != "" {
			fmt.Fprintf(env.Stdout, "      %s\n", esc(oneLine(h.Subject, 120)))
		}
		for i, f := range h.Fragments {
			if i == 2 {
				break
			}
			fmt.Fprintf(env.Stdout, "      %s\n", index.PlainFragment(f, 240, colour))
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
			term := esc(t.Term)
			if t.Label != "" {
				term = esc(t.Label) + " [" + term + "]"
			}
			parts = append(parts, fmt.Sprintf("%s (%d)", term, t.Count))
		}
		if len(parts) > 0 {
			fmt.Fprintf(env.Stdout, "%s: %s\n", n, strings.Join(parts, ", "))
		}
	}
	return exitOK
}

// search asks the process holding the store's index when one runs, or
// opens the index itself.
func search(ctx context.Context, store string, q index.Query) (res index.SearchResult, remote bool, err error) {
	if srv := serverFor(store); srv != nil {
		v := url.Values{"q": {q.Text}, "type": {q.Type}, "province": {q.Province}, "place": {q.Place}, "status": {q.Status}, "n": {strconv.Itoa(q.Size)}, "style": {q.Style}}
		if q.Year > 0 {
			v.Set("year", strconv.Itoa(q.Year))
		}
		err = srv.do(ctx, "GET", "/api/search", v, nil, &res)
		return res, true, err
	}
	a, err := openArchive(store)
	if err != nil {
		return res, false, err
	}
	defer a.Close()
	// A damaged index still lets a symbol be found in the database (the
	// answer carries a warning).
	if err := a.OpenIndex(); err != nil && !errors.Is(err, index.ErrDamaged) {
		return res, false, err
	}
	res, err = a.Search(ctx, q)
	return res, false, err
}

// runReindex rebuilds the search index from the database: the index holds
// nothing the database does not, so it can always be thrown away.
func runReindex(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("reindex", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	store := storeFlag(fs, env)
	if err := parseNoArgs(fs, args); err != nil {
		return exitUsage
	}
	var n int
	var err error
	if srv := serverFor(*store); srv != nil {
		var out struct {
			Indexed int `json:"indexed"`
		}
		err = srv.do(ctx, "POST", "/api/reindex", nil, nil, &out)
		n = out.Indexed
	} else {
		var a *index.Archive
		a, err = openArchive(*store)
		if err == nil {
			n, err = a.Reindex(ctx)
			if cerr := a.Close(); err == nil && cerr != nil {
				err = fmt.Errorf("cannot close the index: %w", cerr)
			}
		}
	}
	if err != nil {
		return fail(env, "reindex", err)
	}
	fmt.Fprintf(env.Stdout, "reindex: %s indexed\n", plural(n, "document", "documents"))
	return exitOK
}
