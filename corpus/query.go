package corpus

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"vanban/rules"
)

// DocInfo is the identity of a stored document or stub.
type DocInfo struct {
	Row      int64  `json:"-"`
	Key      string `json:"id"`
	State    string `json:"state"`
	Type     string `json:"type,omitempty"`
	Symbol   string `json:"symbol,omitempty"`
	Number   string `json:"number,omitempty"`
	Year     int    `json:"year,omitempty"`
	Date     string `json:"date,omitempty"`
	Juris    string `json:"jurisdiction,omitempty"`
	Issuer   string `json:"issuer,omitempty"`
	Province string `json:"province,omitempty"`
	Subject  string `json:"subject,omitempty"`
	Path     string `json:"path,omitempty"` // a file it was read from
}

// Label is a short human name: "Chỉ thị 33/CT-TTg (2021)".
func (d DocInfo) Label() string {
	var b strings.Builder
	if d.Type != "" {
		b.WriteString(d.Type)
		b.WriteByte(' ')
	}
	switch {
	case d.Symbol != "":
		b.WriteString(d.Symbol)
	case d.Subject != "":
		s := []rune(d.Subject)
		if len(s) > 60 {
			s = append(s[:60], '…')
		}
		b.WriteString("“" + string(s) + "”")
	default:
		b.WriteString(d.Key)
	}
	if d.Year > 0 {
		fmt.Fprintf(&b, " (%d)", d.Year)
	}
	if d.Province != "" && d.Juris != JurisNational {
		b.WriteString(", " + d.Province)
	} else if d.State != StateDocument && d.Juris != "" && d.Juris != JurisNational {
		b.WriteString(", " + d.Juris)
	}
	switch d.State {
	case StateStub:
		b.WriteString(" [stub]")
	case StateAmbiguous:
		b.WriteString(" [ambiguous]")
	}
	return b.String()
}

const docCols = `d.id, d.key, d.state, coalesce(d.type, ''), coalesce(d.symbol, ''), coalesce(d.number, ''), d.year,
	coalesce(d.date, ''), d.juris, coalesce(d.issuer, ''), coalesce(d.province, ''), coalesce(d.subject, ''),
	coalesce((SELECT min(p.path) FROM files f JOIN paths p ON p.sha256 = f.sha256 WHERE f.document_id = d.id), '')`

type scanner interface{ Scan(...any) error }

func scanDoc(r scanner) (DocInfo, error) {
	var d DocInfo
	err := r.Scan(&d.Row, &d.Key, &d.State, &d.Type, &d.Symbol, &d.Number, &d.Year, &d.Date, &d.Juris, &d.Issuer,
		&d.Province, &d.Subject, &d.Path)
	return d, err
}

func (s *Store) docs(ctx context.Context, where string, args ...any) ([]DocInfo, error) {
	return s.queryDocs(ctx, `SELECT `+docCols+` FROM documents d WHERE `+where+` ORDER BY d.year, d.key`, args...)
}

// queryDocs runs a query selecting docCols and scans its rows.
func (s *Store) queryDocs(ctx context.Context, query string, args ...any) ([]DocInfo, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("cannot query documents: %w", err)
	}
	defer rows.Close()
	var out []DocInfo
	for rows.Next() {
		d, err := scanDoc(rows)
		if err != nil {
			return nil, fmt.Errorf("cannot read a document: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// Find lists the documents (and stubs) a Ref names. An ambiguous stub is
// listed only when nothing else matches.
func (s *Store) Find(ctx context.Context, r Ref) ([]DocInfo, error) {
	var found []DocInfo
	var err error
	switch {
	case r.Key != "":
		return s.byKey(ctx, r.Key)
	case r.Symbol != "":
		found, err = s.docs(ctx, `d.symbol_fold = ?`, FoldSymbol(r.Symbol))
	default:
		found, err = s.docs(ctx, `d.number = ?`, r.Number)
		if err == nil && r.Type != "" {
			abbrevs := TypeAbbrevs(r.Type)
			kept := found[:0]
			for _, d := range found {
				if d.Type != "" && Fold(d.Type) == r.Type {
					kept = append(kept, d)
					continue
				}
				if d.Type == "" {
					p, _ := SplitSymbol(d.Symbol)
					for _, a := range abbrevs {
						if FoldSymbol(p.Type) == a {
							kept = append(kept, d)
							break
						}
					}
				}
			}
			found = kept
		}
	}
	if err != nil {
		return nil, err
	}
	kept := found[:0]
	for _, d := range found {
		if r.Year > 0 && d.Year != r.Year {
			continue
		}
		if r.Place != "" && !inPlaces(d.Juris, []string{r.Place}) && Slug(d.Province) != r.Place {
			continue
		}
		kept = append(kept, d)
	}
	found = kept
	var plain []DocInfo
	for _, d := range found {
		if d.State != StateAmbiguous {
			plain = append(plain, d)
		}
	}
	if len(plain) > 0 {
		return plain, nil
	}
	return found, nil
}

// byKey finds the row of a key, else the row an old key (an alias) names
// now: a key taken again by a new row is that row's.
func (s *Store) byKey(ctx context.Context, key string) ([]DocInfo, error) {
	ds, err := s.docs(ctx, `d.key = ?`, key)
	if err != nil || len(ds) > 0 {
		return ds, err
	}
	return s.docs(ctx, `d.id IN (SELECT document_id FROM aliases WHERE key = ?)`, key)
}

// Resolve finds one document from what a person typed: a REF, a stored key,
// or the path of an ingested file. More than one match is an *AmbiguousError.
func (s *Store) Resolve(ctx context.Context, text string) (DocInfo, error) {
	if err := CheckLen("REF", text); err != nil {
		return DocInfo{}, err
	}
	if ds, err := s.byKey(ctx, text); err != nil || len(ds) == 1 {
		if err != nil {
			return DocInfo{}, err
		}
		return ds[0], nil
	}
	// The path of an ingested file, in any spelling and from any directory
	// (or as an old store recorded it).
	if ds, err := s.docs(ctx, `d.id IN (SELECT f.document_id FROM paths p JOIN files f ON f.sha256 = p.sha256 WHERE p.path IN (?, ?))`,
		s.StoredPath(text), text); err != nil || len(ds) == 1 {
		if err != nil {
			return DocInfo{}, err
		}
		return ds[0], nil
	}
	// A file given by another path than at ingest ("./in/x.txt", an
	// absolute path, a copy): its content names the document.
	if fi, err := os.Stat(text); err == nil && fi.Mode().IsRegular() {
		if sum, err := hashFile(text); err == nil {
			if ds, err := s.docs(ctx, `d.id IN (SELECT document_id FROM files WHERE sha256 = ?)`, sum); err == nil && len(ds) == 1 {
				return ds[0], nil
			}
		}
	}
	r, err := ParseRef(text)
	if err != nil {
		return DocInfo{}, fmt.Errorf("cannot read %q as a document: %w", text, err)
	}
	ds, err := s.Find(ctx, r)
	if err != nil {
		return DocInfo{}, err
	}
	switch len(ds) {
	case 0:
		return DocInfo{}, &NotFoundError{Text: text}
	case 1:
		return ds[0], nil
	}
	return DocInfo{}, &AmbiguousError{Text: text, Candidates: ds}
}

// NotFoundError says that no stored document matches.
type NotFoundError struct{ Text string }

func (e *NotFoundError) Error() string { return fmt.Sprintf("no stored document matches %q", e.Text) }

// AmbiguousError lists the documents a REF matches when it matches several.
type AmbiguousError struct {
	Text       string
	Candidates []DocInfo
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%q matches %d documents; name one by its id, or add a year or a province", e.Text, len(e.Candidates))
}

// Filter narrows citing documents.
type Filter struct {
	Type     string // type name, compared folded
	Year     int
	Province string // name or slug, compared as slugs
	// Place is a province, district or commune as people type it
	// (ParsePlace): documents of that place or a unit below it.
	Place    string
	Relation string
	places   []string // Place read
}

func (f Filter) keep(d DocInfo) bool {
	if f.places != nil && !inPlaces(d.Juris, f.places) {
		return false
	}
	if f.Type != "" && Fold(d.Type) != Fold(f.Type) {
		return false
	}
	if f.Year > 0 && d.Year != f.Year {
		return false
	}
	if f.Province != "" {
		p := Slug(f.Province)
		if Slug(d.Province) != p && !inPlaces(d.Juris, []string{p}) {
			return false
		}
	}
	return true
}

// Citation is one document citing another.
type Citation struct {
	Citing   DocInfo `json:"citing"`
	Cited    string  `json:"cited"` // key of the cited document
	Relation string  `json:"relation"`
	Count    int     `json:"count"`
	Text     string  `json:"text"`     // the mention
	Sentence string  `json:"sentence"` // the citing sentence
}

// Cites lists the documents that cite any of the given ones, oldest first.
func (s *Store) Cites(ctx context.Context, cited []DocInfo, f Filter) ([]Citation, error) {
	if len(cited) == 0 {
		return nil, nil
	}
	places, err := ParsePlace(f.Place)
	if err != nil {
		return nil, err
	}
	f.places = places
	keyOf := map[int64]string{}
	args := []any{}
	for _, d := range cited {
		keyOf[d.Row] = d.Key
		args = append(args, d.Row)
	}
	q := `SELECT m.dst, m.relation, sum(m.count), coalesce(min(m.text), ''), coalesce(min(m.sentence), ''), ` + docCols + `
		FROM mentions m JOIN documents d ON d.id = m.src
		WHERE m.dst IN (` + strings.TrimSuffix(strings.Repeat("?,", len(args)), ",") + `)`
	if f.Relation != "" {
		q += ` AND m.relation = ?`
		args = append(args, f.Relation)
	}
	if f.Year > 0 {
		q += ` AND d.year = ?`
		args = append(args, f.Year)
	}
	q += ` GROUP BY m.src, m.dst, m.relation, d.id ORDER BY d.date, d.key`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("cannot query citations: %w", err)
	}
	defer rows.Close()
	var out []Citation
	for rows.Next() {
		var c Citation
		var dst int64
		var d DocInfo
		if err := rows.Scan(&dst, &c.Relation, &c.Count, &c.Text, &c.Sentence, &d.Row, &d.Key, &d.State, &d.Type,
			&d.Symbol, &d.Number, &d.Year, &d.Date, &d.Juris, &d.Issuer, &d.Province, &d.Subject, &d.Path); err != nil {
			return nil, fmt.Errorf("cannot read a citation: %w", err)
		}
		if !f.keep(d) {
			continue
		}
		c.Citing = d
		c.Cited = keyOf[dst]
		out = append(out, c)
	}
	return out, rows.Err()
}

// TraceRelations are the relations trace follows: a document "implements"
// what it carries out ("Thực hiện …") and what it is based on ("Căn cứ …");
// the gold calls both its parents. guides/amends/replaces/repeals/cites are
// not chains of implementation.
var TraceRelations = []string{string(rules.Implements), string(rules.Basis)}

// TraceNode is one line of a trace: a document at a depth, reached from its
// parent by a relation. Repeat marks a document already shown (the walk does
// not expand it again: cycles and diamonds end there).
type TraceNode struct {
	Depth    int     `json:"depth"`
	Doc      DocInfo `json:"document"`
	Parent   string  `json:"parent,omitempty"`
	Relation string  `json:"relation,omitempty"`
	Repeat   bool    `json:"repeat,omitempty"`
	// ClaimedBy is set for a step known only from a nested claim: the key
	// of the document that says so ("Kết luận 01-KL/TW về tiếp tục thực
	// hiện Chỉ thị 05-CT/TW" in a plan links two documents the plan cites).
	ClaimedBy string `json:"claimed_by,omitempty"`
}

// Trace walks from root up (to what it implements) or down (to what
// implements it), depth-first, at most depth levels (0: no limit).
func (s *Store) Trace(ctx context.Context, root DocInfo, up bool, depth int) ([]TraceNode, error) {
	q := `SELECT e.relation, ` + docCols + ` FROM edges e JOIN documents d ON d.id = e.dst
		WHERE e.src = ? AND e.relation IN ('implements', 'basis') ORDER BY d.year, d.key`
	if !up {
		q = `SELECT e.relation, ` + docCols + ` FROM edges e JOIN documents d ON d.id = e.src
		WHERE e.dst = ? AND e.relation IN ('implements', 'basis') ORDER BY d.year, d.key`
	}
	// Claims: the claiming document (c.src) cites both ends; its mentions
	// say which documents or stubs they resolved to.
	// The joins are in this order (CROSS JOIN: SQLite keeps it; JOIN on
	// PostgreSQL, whose planner has statistics): the claims of each citing
	// document right after its citations of d, so that a document cited
	// 2 000 times costs 2 000 lookups of few claims, not a read of every
	// citation of every citing document (SQLite chose that without
	// statistics: 180 ms for a trace of 11 nodes at 100 000 documents).
	cq := `SELECT c.relation, min(cl.key), ` + docCols + ` FROM mentions mf
		CROSS JOIN claims c ON c.src = mf.src AND c.from_fold = mf.symbol_fold
		CROSS JOIN mentions mt ON mt.src = c.src AND mt.symbol_fold = c.to_fold
		CROSS JOIN documents cl ON cl.id = c.src
		CROSS JOIN documents d ON d.id = mt.dst
		WHERE mf.dst = ? AND c.relation IN ('implements', 'basis') GROUP BY d.id, c.relation ORDER BY d.year, d.key`
	if !up {
		cq = `SELECT c.relation, min(cl.key), ` + docCols + ` FROM mentions mt
		CROSS JOIN claims c ON c.src = mt.src AND c.to_fold = mt.symbol_fold
		CROSS JOIN mentions mf ON mf.src = c.src AND mf.symbol_fold = c.from_fold
		CROSS JOIN documents cl ON cl.id = c.src
		CROSS JOIN documents d ON d.id = mf.dst
		WHERE mt.dst = ? AND c.relation IN ('implements', 'basis') GROUP BY d.id, c.relation ORDER BY d.year, d.key`
	}
	stmt, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("cannot prepare the trace: %w", err)
	}
	defer stmt.Close()
	cstmt, err := s.db.PrepareContext(ctx, cq)
	if err != nil {
		return nil, fmt.Errorf("cannot prepare the trace: %w", err)
	}
	defer cstmt.Close()
	type next struct {
		rel, via string
		doc      DocInfo
	}
	neighbours := func(id int64) ([]next, error) {
		var out []next
		seen := map[int64]bool{}
		for _, st := range []*sql.Stmt{stmt, cstmt} {
			rows, err := st.QueryContext(ctx, id)
			if err != nil {
				return nil, fmt.Errorf("cannot walk the graph: %w", err)
			}
			for rows.Next() {
				var n next
				var d DocInfo
				dest := []any{&n.rel, &d.Row, &d.Key, &d.State, &d.Type, &d.Symbol, &d.Number, &d.Year, &d.Date,
					&d.Juris, &d.Issuer, &d.Province, &d.Subject, &d.Path}
				if st == cstmt {
					dest = append(dest[:1], append([]any{&n.via}, dest[1:]...)...)
				}
				if err := rows.Scan(dest...); err != nil {
					rows.Close()
					return nil, fmt.Errorf("cannot walk the graph: %w", err)
				}
				// A direct edge wins over a claim of the same step.
				if seen[d.Row] || d.Row == id {
					continue
				}
				seen[d.Row] = true
				n.doc = d
				out = append(out, n)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, fmt.Errorf("cannot walk the graph: %w", err)
			}
		}
		return out, nil
	}
	out := []TraceNode{{Depth: 0, Doc: root}}
	seen := map[int64]bool{root.Row: true}
	var walk func(d DocInfo, level int) error
	walk = func(d DocInfo, level int) error {
		if depth > 0 && level >= depth {
			return nil
		}
		ns, err := neighbours(d.Row)
		if err != nil {
			return err
		}
		for _, n := range ns {
			node := TraceNode{Depth: level + 1, Doc: n.doc, Parent: d.Key, Relation: n.rel, ClaimedBy: n.via}
			if seen[n.doc.Row] {
				node.Repeat = true
				out = append(out, node)
				continue
			}
			seen[n.doc.Row] = true
			out = append(out, node)
			if err := walk(n.doc, level+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(root, 0); err != nil {
		return nil, err
	}
	return out, nil
}

// Record is the stored record of a document (the contract's JSON), with the
// text when withText. A stub gives a record with what its citations say.
func (s *Store) Record(ctx context.Context, d DocInfo, withText bool) (rules.Document, error) {
	var rec sql.NullString
	if err := s.db.QueryRowContext(ctx, `SELECT record FROM documents WHERE id = ?`, d.Row).Scan(&rec); err != nil {
		return rules.Document{}, fmt.Errorf("cannot read the record of %s: %w", d.Key, err)
	}
	var doc rules.Document
	if rec.Valid {
		if err := json.Unmarshal([]byte(rec.String), &doc); err != nil {
			return rules.Document{}, fmt.Errorf("cannot decode the record of %s: %w", d.Key, err)
		}
	} else {
		doc = rules.Document{Type: rules.NString(d.Type), Symbol: rules.NString(d.Symbol), Number: rules.NString(d.Number)}
	}
	doc.ID = d.Key
	var err error
	if doc.Source.Path, err = s.whereNow(ctx, doc.Source.SHA256, doc.Source.Path); err != nil {
		return rules.Document{}, err
	}
	if withText {
		var text string
		err := s.db.QueryRowContext(ctx, `SELECT text FROM texts WHERE document_id = ?`, d.Row).Scan(&text)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return rules.Document{}, fmt.Errorf("cannot read the text of %s: %w", d.Key, err)
		}
		doc.Text = text
	}
	return doc, nil
}

// Candidates lists, for each ambiguous reference made by a document, the
// keys it could mean.
func (s *Store) Candidates(ctx context.Context, src int64) (map[string][]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT symbol, candidates FROM mentions WHERE src = ? AND candidates IS NOT NULL`, src)
	if err != nil {
		return nil, fmt.Errorf("cannot read candidates: %w", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var sym, c string
		if err := rows.Scan(&sym, &c); err != nil {
			return nil, fmt.Errorf("cannot read candidates: %w", err)
		}
		var keys []string
		json.Unmarshal([]byte(c), &keys)
		out[sym] = keys
	}
	return out, rows.Err()
}

// Edge is one resolved edge of the graph.
type Edge struct {
	Src      string `json:"src"`
	Dst      string `json:"dst"`
	Relation string `json:"relation"`
	Count    int    `json:"count"`
}

// EachDocument calls fn for every document and stub, in key order.
func (s *Store) EachDocument(ctx context.Context, fn func(DocInfo) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT `+docCols+` FROM documents d ORDER BY d.key`)
	if err != nil {
		return fmt.Errorf("cannot list documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		d, err := scanDoc(rows)
		if err != nil {
			return fmt.Errorf("cannot list documents: %w", err)
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachEdge calls fn for every edge, in key order.
func (s *Store) EachEdge(ctx context.Context, fn func(Edge) error) error {
	rows, err := s.db.QueryContext(ctx, `SELECT a.key, b.key, e.relation, e.count FROM edges e
		JOIN documents a ON a.id = e.src JOIN documents b ON b.id = e.dst ORDER BY a.key, b.key, e.relation`)
	if err != nil {
		return fmt.Errorf("cannot list edges: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e Edge
		if err := rows.Scan(&e.Src, &e.Dst, &e.Relation, &e.Count); err != nil {
			return fmt.Errorf("cannot list edges: %w", err)
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Stats counts what the store holds.
type Stats struct {
	Documents, Stubs, Ambiguous, Edges, Files, Paths int
}

// Stats counts documents by state, edges, files and paths.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents WHERE state = 'document'),
		(SELECT count(*) FROM documents WHERE state = 'stub'),
		(SELECT count(*) FROM documents WHERE state = 'ambiguous'),
		(SELECT count(*) FROM edges), (SELECT count(*) FROM files), (SELECT count(*) FROM paths)`).
		Scan(&st.Documents, &st.Stubs, &st.Ambiguous, &st.Edges, &st.Files, &st.Paths)
	if err != nil {
		return st, fmt.Errorf("cannot count the store: %w", err)
	}
	return st, nil
}

// Link is one reference of a document with where it resolved.
type Link struct {
	Symbol     string   `json:"symbol"`
	Relation   string   `json:"relation"`
	Count      int      `json:"count"`
	Target     *DocInfo `json:"target,omitempty"`     // nil for a reference without a symbol
	Candidates []string `json:"candidates,omitempty"` // for an ambiguous one
}

// Links lists the references of a document in text order, each with the
// document or stub it points at.
func (s *Store) Links(ctx context.Context, d DocInfo) ([]Link, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT coalesce(m.symbol, ''), m.relation, m.count, coalesce(m.candidates, ''),
		coalesce(m.dst, 0) FROM mentions m WHERE m.src = ? ORDER BY m.seq`, d.Row)
	if err != nil {
		return nil, fmt.Errorf("cannot read the references of %s: %w", d.Key, err)
	}
	type raw struct {
		l   Link
		dst int64
	}
	var all []raw
	for rows.Next() {
		var r raw
		var cands string
		if err := rows.Scan(&r.l.Symbol, &r.l.Relation, &r.l.Count, &cands, &r.dst); err != nil {
			rows.Close()
			return nil, fmt.Errorf("cannot read the references of %s: %w", d.Key, err)
		}
		if cands != "" {
			json.Unmarshal([]byte(cands), &r.l.Candidates)
		}
		all = append(all, r)
	}
	rows.Close()
	out := make([]Link, 0, len(all))
	for _, r := range all {
		if r.dst != 0 {
			ds, err := s.docs(ctx, `d.id = ?`, r.dst)
			if err != nil {
				return nil, err
			}
			if len(ds) == 1 {
				r.l.Target = &ds[0]
			}
		}
		out = append(out, r.l)
	}
	return out, nil
}
