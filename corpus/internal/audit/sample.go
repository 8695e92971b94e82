package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"vanban/corpus"
)

// Edge is one edge of the graph with what an auditor needs to check it: the
// citing document and a file it was read from, the cited document or stub,
// the relation, and the first mention that made the edge.
type Edge struct {
	Citing     string // key of the citing document
	CitingPath string // a file the citing document was read from
	Cited      string // key of the cited document or stub
	Symbol     string // the cited symbol
	Year       int    // the cited year, 0 when unknown
	Juris      string // the cited jurisdiction: "vn", a place slug, "unknown"
	State      string // document, stub or ambiguous
	Candidates string // for an ambiguous target: the keys it may be, comma-separated
	Relation   string
	Count      int
	Mention    string // the text of the first mention
	Sentence   string // its citing sentence
}

// Local reports whether the cited document belongs to a place rather than to
// a central body: its jurisdiction is not national.
func (e Edge) Local() bool { return e.Juris != corpus.JurisNational }

// id is the identity of an edge in the graph, independent of row numbers.
func (e Edge) id() string { return e.Citing + "\x00" + e.Cited + "\x00" + e.Relation }

// LoadEdges reads every edge of the store, sorted by citing key, cited key
// and relation, each with its first mention (in text order).
func LoadEdges(ctx context.Context, st *corpus.Store) ([]Edge, error) {
	db := st.DB()
	rows, err := db.QueryContext(ctx, `SELECT e.src, e.dst, a.key, b.key, coalesce(b.symbol, ''), b.year, b.juris, b.state,
		e.relation, e.count,
		coalesce((SELECT min(p.path) FROM files f JOIN paths p ON p.sha256 = f.sha256 WHERE f.document_id = a.id), '')
		FROM edges e JOIN documents a ON a.id = e.src JOIN documents b ON b.id = e.dst`)
	if err != nil {
		return nil, fmt.Errorf("cannot read the edges: %w", err)
	}
	type rowKey struct {
		src, dst int64
		rel      string
	}
	var edges []Edge
	index := map[rowKey]int{}
	for rows.Next() {
		var e Edge
		var k rowKey
		if err := rows.Scan(&k.src, &k.dst, &e.Citing, &e.Cited, &e.Symbol, &e.Year, &e.Juris, &e.State,
			&e.Relation, &e.Count, &e.CitingPath); err != nil {
			rows.Close()
			return nil, fmt.Errorf("cannot read an edge: %w", err)
		}
		k.rel = e.Relation
		index[k] = len(edges)
		edges = append(edges, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("cannot read the edges: %w", err)
	}
	// The first mention of each edge: its text, sentence and candidates.
	mrows, err := db.QueryContext(ctx, `SELECT src, dst, relation, coalesce(text, ''), coalesce(sentence, ''),
		coalesce(candidates, '') FROM mentions WHERE dst IS NOT NULL ORDER BY src, seq`)
	if err != nil {
		return nil, fmt.Errorf("cannot read the mentions: %w", err)
	}
	seen := map[rowKey]bool{}
	for mrows.Next() {
		var k rowKey
		var text, sent, cands string
		if err := mrows.Scan(&k.src, &k.dst, &k.rel, &text, &sent, &cands); err != nil {
			mrows.Close()
			return nil, fmt.Errorf("cannot read a mention: %w", err)
		}
		i, ok := index[k]
		if !ok || seen[k] {
			continue
		}
		seen[k] = true
		edges[i].Mention, edges[i].Sentence = text, sent
		if cands != "" {
			var keys []string
			if json.Unmarshal([]byte(cands), &keys) == nil {
				edges[i].Candidates = strings.Join(keys, ", ")
			}
		}
	}
	mrows.Close()
	if err := mrows.Err(); err != nil {
		return nil, fmt.Errorf("cannot read the mentions: %w", err)
	}
	sort.Slice(edges, func(i, j int) bool { return edges[i].id() < edges[j].id() })
	return edges, nil
}

// Row is one sampled edge: the edge, its stratum and its weight (how many
// edges of the graph it stands for), and the verdicts of a checked file.
type Row struct {
	Edge
	N       int     // the row number in its file (from 1)
	Stratum string  // "local" or "national"
	Weight  float64 // stratum size / edges sampled from the stratum
	// Verdicts: "y", "n", "-" (does not apply) or "" (not checked yet).
	SymbolOK, RelationOK, Note string
}

// rank is the place of an edge in the random order of a seed: a hash of the
// seed and the edge's identity. Taking the k lowest ranks is a uniform
// sample without replacement that depends only on the edges themselves (not
// on row ids or ingest order), and an edge keeps its rank when others come
// or go.
func rank(seed uint64, e Edge) uint64 {
	h := sha256.New()
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], seed)
	h.Write(b[:])
	h.Write([]byte(e.id()))
	return binary.BigEndian.Uint64(h.Sum(nil)[:8])
}

// Sample draws n edges with the seed, stratified by the cited document's
// place: at least minLocal local edges (all of them when there are fewer),
// and otherwise in proportion to the graph; the rest national. The rows come
// out local first, each stratum in rank order.
func Sample(edges []Edge, seed uint64, n, minLocal int) []Row {
	var local, national []Edge
	for _, e := range edges {
		if e.Local() {
			local = append(local, e)
		} else {
			national = append(national, e)
		}
	}
	if n > len(edges) {
		n = len(edges)
	}
	kLocal := 0
	if len(edges) > 0 {
		kLocal = int(math.Round(float64(n) * float64(len(local)) / float64(len(edges))))
	}
	kLocal = max(kLocal, min(minLocal, n))
	kLocal = min(kLocal, len(local))
	kNational := min(n-kLocal, len(national))
	kLocal = min(n-kNational, len(local)) // fewer national edges than asked: more local ones
	var out []Row
	for _, s := range []struct {
		name  string
		edges []Edge
		k     int
	}{{"local", local, kLocal}, {"national", national, kNational}} {
		if s.k == 0 {
			continue
		}
		ranked := make([]Edge, len(s.edges))
		copy(ranked, s.edges)
		sort.SliceStable(ranked, func(i, j int) bool { return rank(seed, ranked[i]) < rank(seed, ranked[j]) })
		w := float64(len(s.edges)) / float64(s.k)
		for _, e := range ranked[:s.k] {
			out = append(out, Row{Edge: e, Stratum: s.name, Weight: w, N: len(out) + 1})
		}
	}
	return out
}

// columns are the header of a sample file, in order.
var columns = []string{"n", "stratum", "weight", "citing", "citing_path", "cited", "cited_symbol", "cited_year",
	"cited_juris", "target_state", "candidates", "relation", "count", "mention", "sentence",
	"symbol_year_place_ok", "relation_ok", "note"}

// cell makes a value safe for one TSV cell.
func cell(s string) string {
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			return ' '
		}
		return r
	}, s)), " ")
}

// WriteTSV writes the rows as a sample file: a header, then one row per edge.
func WriteTSV(w io.Writer, rows []Row) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, strings.Join(columns, "\t"))
	for i, r := range rows {
		year := ""
		if r.Year > 0 {
			year = strconv.Itoa(r.Year)
		}
		vals := []string{strconv.Itoa(i + 1), r.Stratum, strconv.FormatFloat(r.Weight, 'f', 2, 64), r.Citing,
			r.CitingPath, r.Cited, r.Symbol, year, r.Juris, r.State, r.Candidates, r.Relation, strconv.Itoa(r.Count),
			r.Mention, r.Sentence, r.SymbolOK, r.RelationOK, r.Note}
		for j := range vals {
			vals[j] = cell(vals[j])
		}
		fmt.Fprintln(bw, strings.Join(vals, "\t"))
	}
	return bw.Flush()
}

// verdict reads one verdict cell: "y" (right), "n" (wrong), "-" (does not
// apply: the relation of an edge that is no document reference) or ""
// (unchecked).
func verdict(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", nil
	case "y", "yes", "ok", "1", "true":
		return "y", nil
	case "n", "no", "wrong", "0", "false", "x":
		return "n", nil
	case "-", "n/a", "na":
		return "-", nil
	}
	return "", fmt.Errorf("verdict %q is none of y, n, -", s)
}

// ReadTSV reads a sample file back, with its verdicts.
func ReadTSV(r io.Reader) ([]Row, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	if !sc.Scan() {
		return nil, fmt.Errorf("empty sample file")
	}
	col := map[string]int{}
	for i, h := range strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t") {
		col[strings.TrimSpace(h)] = i
	}
	for _, c := range []string{"citing", "cited", "relation", "symbol_year_place_ok", "relation_ok"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("the sample file has no %q column", c)
		}
	}
	var rows []Row
	line := 1
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			continue
		}
		f := strings.Split(text, "\t")
		get := func(c string) string {
			if i, ok := col[c]; ok && i < len(f) {
				return f[i]
			}
			return ""
		}
		var r Row
		r.Citing, r.CitingPath, r.Cited, r.Symbol = get("citing"), get("citing_path"), get("cited"), get("cited_symbol")
		r.Year, _ = strconv.Atoi(get("cited_year"))
		r.Juris, r.State, r.Candidates, r.Relation = get("cited_juris"), get("target_state"), get("candidates"), get("relation")
		r.Count, _ = strconv.Atoi(get("count"))
		r.Mention, r.Sentence, r.Stratum, r.Note = get("mention"), get("sentence"), get("stratum"), get("note")
		r.Weight, _ = strconv.ParseFloat(get("weight"), 64)
		r.N, _ = strconv.Atoi(get("n"))
		var err error
		if r.SymbolOK, err = verdict(get("symbol_year_place_ok")); err != nil {
			return nil, fmt.Errorf("line %d: symbol_year_place_ok: %w", line, err)
		}
		if r.RelationOK, err = verdict(get("relation_ok")); err != nil {
			return nil, fmt.Errorf("line %d: relation_ok: %w", line, err)
		}
		rows = append(rows, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("cannot read the sample file: %w", err)
	}
	return rows, nil
}

// Prefill copies the verdicts of checked rows into rows for the same edge
// (citing key, cited key, relation) with the same citing sentence: the
// verdict was given on exactly what the row shows. Rows already checked keep
// their verdicts. It returns how many rows were filled.
func Prefill(rows []Row, checked []Row) int {
	type key struct{ id, sentence string }
	by := map[key]Row{}
	for _, c := range checked {
		if c.SymbolOK != "" {
			by[key{c.id(), cell(c.Sentence)}] = c
		}
	}
	n := 0
	for i := range rows {
		if rows[i].SymbolOK != "" {
			continue
		}
		if c, ok := by[key{rows[i].id(), cell(rows[i].Sentence)}]; ok {
			rows[i].SymbolOK, rows[i].RelationOK, rows[i].Note = c.SymbolOK, c.RelationOK, c.Note
			n++
		}
	}
	return n
}

// Rates are the error rates of a checked sample.
type Rates struct {
	Rows, Checked, Unchecked int
	WrongTarget, WrongRel    int // rows with a wrong symbol/year/place, with a wrong relation
	// Percentages of the checked rows, and estimates for the whole graph
	// with each row weighted by the edges it stands for.
	TargetPct, RelPct, TargetPctW, RelPctW float64
	ByStratum                              map[string][3]int // checked, wrong target, wrong relation
	Wrong                                  []Row
}

// Score counts the verdicts. A row is checked when its target verdict is
// given; a relation verdict "-" (no document to relate to) is not counted
// as a wrong relation.
func Score(rows []Row) Rates {
	rt := Rates{Rows: len(rows), ByStratum: map[string][3]int{}}
	var w, wt, wr float64
	for _, r := range rows {
		if r.SymbolOK == "" {
			rt.Unchecked++
			continue
		}
		rt.Checked++
		s := rt.ByStratum[r.Stratum]
		s[0]++
		weight := r.Weight
		if weight <= 0 {
			weight = 1
		}
		w += weight
		bad := false
		if r.SymbolOK == "n" {
			rt.WrongTarget++
			s[1]++
			wt += weight
			bad = true
		}
		if r.RelationOK == "n" {
			rt.WrongRel++
			s[2]++
			wr += weight
			bad = true
		}
		rt.ByStratum[r.Stratum] = s
		if bad {
			rt.Wrong = append(rt.Wrong, r)
		}
	}
	if rt.Checked > 0 {
		rt.TargetPct = 100 * float64(rt.WrongTarget) / float64(rt.Checked)
		rt.RelPct = 100 * float64(rt.WrongRel) / float64(rt.Checked)
		rt.TargetPctW = 100 * wt / w
		rt.RelPctW = 100 * wr / w
	}
	return rt
}

// Summary counts what the store holds for the audit report.
type Summary struct {
	corpus.Stats
	Edges              int
	ByRelation         map[string]int
	Local, National    int // edges by the cited document's place
	LocalUnknown       int // local edges whose target has no known place
	ToStub, ToAmbig    int // edges whose target is a stub, an ambiguous stub
	LocalDocs, NatDocs int // documents (state document) by jurisdiction
}

// Summarize counts the edges and the store.
func Summarize(ctx context.Context, st *corpus.Store, edges []Edge) (Summary, error) {
	var s Summary
	var err error
	if s.Stats, err = st.Stats(ctx); err != nil {
		return s, err
	}
	s.Edges = len(edges)
	s.ByRelation = map[string]int{}
	for _, e := range edges {
		s.ByRelation[e.Relation]++
		if e.Local() {
			s.Local++
			if e.Juris == corpus.JurisUnknown {
				s.LocalUnknown++
			}
		} else {
			s.National++
		}
		switch e.State {
		case corpus.StateStub:
			s.ToStub++
		case corpus.StateAmbiguous:
			s.ToAmbig++
		}
	}
	err = st.EachDocument(ctx, func(d corpus.DocInfo) error {
		if d.State != corpus.StateDocument {
			return nil
		}
		if d.Juris == corpus.JurisNational {
			s.NatDocs++
		} else {
			s.LocalDocs++
		}
		return nil
	})
	return s, err
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// PrintSummary writes the counts.
func PrintSummary(w io.Writer, s Summary) {
	fmt.Fprintf(w, "documents %d (national %d, local or unknown %d), stubs %d, ambiguous %d\n",
		s.Documents, s.NatDocs, s.LocalDocs, s.Stubs, s.Ambiguous)
	fmt.Fprintf(w, "edges %d: local %d (%.1f%%; %d of them to a place, %d to juris unknown), national %d\n",
		s.Edges, s.Local, pct(s.Local, s.Edges), s.Local-s.LocalUnknown, s.LocalUnknown, s.National)
	fmt.Fprintf(w, "edges to a stub %d (%.1f%%), to an ambiguous stub %d, to a stored document %d\n",
		s.ToStub, pct(s.ToStub, s.Edges), s.ToAmbig, s.Edges-s.ToStub-s.ToAmbig)
	rels := make([]string, 0, len(s.ByRelation))
	for r := range s.ByRelation {
		rels = append(rels, r)
	}
	sort.Strings(rels)
	fmt.Fprint(w, "edges by relation:")
	for _, r := range rels {
		fmt.Fprintf(w, " %s %d", r, s.ByRelation[r])
	}
	fmt.Fprintln(w)
}

// PrintRates writes the error rates and the wrong rows.
func PrintRates(w io.Writer, rt Rates) {
	fmt.Fprintf(w, "checked %d of %d rows", rt.Checked, rt.Rows)
	if rt.Unchecked > 0 {
		fmt.Fprintf(w, " (%d not checked yet)", rt.Unchecked)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "wrong symbol/year/place: %d (%.1f%%; weighted to the graph %.1f%%)\n", rt.WrongTarget, rt.TargetPct, rt.TargetPctW)
	fmt.Fprintf(w, "wrong relation:          %d (%.1f%%; weighted to the graph %.1f%%)\n", rt.WrongRel, rt.RelPct, rt.RelPctW)
	strata := make([]string, 0, len(rt.ByStratum))
	for s := range rt.ByStratum {
		strata = append(strata, s)
	}
	sort.Strings(strata)
	for _, s := range strata {
		c := rt.ByStratum[s]
		fmt.Fprintf(w, "  %s: %d checked, %d wrong target, %d wrong relation\n", s, c[0], c[1], c[2])
	}
	if len(rt.Wrong) > 0 {
		fmt.Fprintln(w, "wrong rows:")
	}
	for _, r := range rt.Wrong {
		what := []string{}
		if r.SymbolOK == "n" {
			what = append(what, "target")
		}
		if r.RelationOK == "n" {
			what = append(what, "relation "+r.Relation)
		}
		fmt.Fprintf(w, "  #%d %s -> %s [%s]: %s\n", r.N, r.Citing, r.Cited, strings.Join(what, ", "), r.Note)
	}
}
