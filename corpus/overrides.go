package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Corrections made by people (the review page of `vanban serve`) are kept
// apart from what the parser wrote: a table of overrides, one row per
// corrected field, with who and when, applied when a record is read. A
// re-ingest or `ingest --force` rewrites the documents table, never this
// one, so a correction survives; undoing one marks it undone (the history
// stays).
//
//	overrides  document key, field, the corrected value, the parser's value
//	           at the time, who, when, and when and by whom it was undone
//
// The migration is version 3 (schema.go lists it).
const overridesMigration = `
CREATE TABLE overrides (
	id        INTEGER PRIMARY KEY,
	doc_key   TEXT NOT NULL,
	field     TEXT NOT NULL,
	value     TEXT NOT NULL,
	previous  TEXT,
	who       TEXT NOT NULL,
	at        TEXT NOT NULL,
	undone_at TEXT,
	undone_by TEXT
);
CREATE INDEX overrides_doc ON overrides (doc_key) WHERE undone_at IS NULL;
`

// OverrideFields are the record fields a person may correct.
var OverrideFields = []string{"type", "symbol", "date", "place", "issuer", "province", "subject"}

// Override is one correction of a field of a document.
type Override struct {
	ID       int64  `json:"id"`
	Key      string `json:"document"`
	Field    string `json:"field"`
	Value    string `json:"value"`
	Previous string `json:"previous,omitempty"`
	Who      string `json:"who"`
	At       string `json:"at"`
	UndoneAt string `json:"undone_at,omitempty"`
	UndoneBy string `json:"undone_by,omitempty"`
}

// ErrNoSuchOverride is returned when undoing an override that does not
// exist or is already undone.
var ErrNoSuchOverride = errors.New("no such active correction")

// SetOverride records a correction of one field of a document. The value
// replaces an earlier active correction of the same field (which stays in
// the history, undone). The document is marked for the search index.
func (s *Store) SetOverride(ctx context.Context, key, field, value, previous, who string) (Override, error) {
	ok := false
	for _, f := range OverrideFields {
		if f == field {
			ok = true
		}
	}
	if !ok {
		return Override{}, fmt.Errorf("field %q cannot be corrected; fields: %s", field, strings.Join(OverrideFields, ", "))
	}
	if strings.TrimSpace(who) == "" {
		return Override{}, errors.New("a correction needs the name of who makes it")
	}
	o := Override{Key: key, Field: field, Value: value, Previous: previous, Who: who, At: now()}
	t, err := s.begin(ctx)
	if err != nil {
		return o, fmt.Errorf("cannot store the correction: %w", err)
	}
	defer t.Rollback()
	if _, err := t.ExecContext(ctx, `UPDATE overrides SET undone_at = ?, undone_by = ? WHERE doc_key = ? AND field = ? AND undone_at IS NULL`,
		o.At, who, key, field); err != nil {
		return o, fmt.Errorf("cannot store the correction: %w", err)
	}
	if err := t.QueryRowContext(ctx, `INSERT INTO overrides (doc_key, field, value, previous, who, at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		key, field, value, nullStr(previous), who, o.At).Scan(&o.ID); err != nil {
		return o, fmt.Errorf("cannot store the correction: %w", err)
	}
	if err := t.changed(key); err != nil {
		return o, err
	}
	return o, t.Commit()
}

// UndoOverride marks a correction undone: the parser's value shows again.
func (s *Store) UndoOverride(ctx context.Context, id int64, who string) (Override, error) {
	var o Override
	err := s.db.QueryRowContext(ctx, `SELECT id, doc_key, field, value, coalesce(previous, ''), who, at FROM overrides
		WHERE id = ? AND undone_at IS NULL`, id).Scan(&o.ID, &o.Key, &o.Field, &o.Value, &o.Previous, &o.Who, &o.At)
	if errors.Is(err, sql.ErrNoRows) {
		return o, ErrNoSuchOverride
	}
	if err != nil {
		return o, fmt.Errorf("cannot read the correction: %w", err)
	}
	o.UndoneAt, o.UndoneBy = now(), who
	t, err := s.begin(ctx)
	if err != nil {
		return o, err
	}
	defer t.Rollback()
	if _, err := t.Exec(`UPDATE overrides SET undone_at = ?, undone_by = ? WHERE id = ?`, o.UndoneAt, who, id); err != nil {
		return o, fmt.Errorf("cannot undo the correction: %w", err)
	}
	if err := t.changed(o.Key); err != nil {
		return o, err
	}
	return o, t.Commit()
}

// ActiveOverrides gives the corrections in force for each of keys, oldest
// first.
func (s *Store) ActiveOverrides(ctx context.Context, keys []string) (map[string][]Override, error) {
	out := map[string][]Override{}
	if len(keys) == 0 {
		return out, nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, doc_key, field, value, coalesce(previous, ''), who, at FROM overrides
		WHERE undone_at IS NULL AND doc_key IN (`+strings.TrimSuffix(strings.Repeat("?,", len(keys)), ",")+`) ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("cannot read corrections: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var o Override
		if err := rows.Scan(&o.ID, &o.Key, &o.Field, &o.Value, &o.Previous, &o.Who, &o.At); err != nil {
			return nil, fmt.Errorf("cannot read corrections: %w", err)
		}
		out[o.Key] = append(out[o.Key], o)
	}
	return out, rows.Err()
}

// OverrideHistory lists every correction of a document, undone ones too.
func (s *Store) OverrideHistory(ctx context.Context, key string) ([]Override, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, doc_key, field, value, coalesce(previous, ''), who, at,
		coalesce(undone_at, ''), coalesce(undone_by, '') FROM overrides WHERE doc_key = ? ORDER BY id`, key)
	if err != nil {
		return nil, fmt.Errorf("cannot read corrections: %w", err)
	}
	defer rows.Close()
	out := []Override{}
	for rows.Next() {
		var o Override
		if err := rows.Scan(&o.ID, &o.Key, &o.Field, &o.Value, &o.Previous, &o.Who, &o.At, &o.UndoneAt, &o.UndoneBy); err != nil {
			return nil, fmt.Errorf("cannot read corrections: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// Weak reasons: why a record needs a person's look.
const (
	WeakNoSymbol      = "no_symbol"
	WeakPartialSymbol = "partial_symbol"
	WeakNoDate        = "no_date"
	WeakLowOCR        = "low_ocr_confidence"
	WeakUnknownPlace  = "unknown_place"
	WeakAmbiguousRefs = "ambiguous_references"
)

// LowOCRConfidence is the mean Tesseract confidence (0–100) under which an
// OCRed document is listed for review.
const LowOCRConfidence = 80

// WeakDoc is a document whose record is weak, with the reasons.
type WeakDoc struct {
	Doc           DocInfo  `json:"document"`
	Reasons       []string `json:"reasons"`
	SymbolPartial string   `json:"symbol_partial,omitempty"`
	OCRConfidence float64  `json:"ocr_confidence,omitempty"`
}

// Weak lists up to limit documents whose record lacks a symbol or a date,
// has only a partial symbol, was OCRed with low confidence, has no known
// place, or makes ambiguous references. A field corrected by a person no
// longer counts against it.
func (s *Store) Weak(ctx context.Context, limit int) ([]WeakDoc, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+docCols+`,
		coalesce(`+s.db.d.jsonText("d.record", "symbol_partial")+`, ''),
		coalesce((SELECT min(f.ocr_confidence) FROM files f WHERE f.document_id = d.id AND f.ocr_confidence > 0), 0),
		EXISTS (SELECT 1 FROM mentions m WHERE m.src = d.id AND m.candidates IS NOT NULL)
		FROM documents d WHERE d.state = 'document' AND (
			d.symbol IS NULL OR d.symbol = '' OR d.date IS NULL OR d.date = '' OR d.juris = ? OR
			EXISTS (SELECT 1 FROM files f WHERE f.document_id = d.id AND f.ocr_confidence > 0 AND f.ocr_confidence < ?) OR
			EXISTS (SELECT 1 FROM mentions m WHERE m.src = d.id AND m.candidates IS NOT NULL))
		ORDER BY d.id LIMIT ?`, JurisUnknown, LowOCRConfidence, limit)
	if err != nil {
		return nil, fmt.Errorf("cannot list weak records: %w", err)
	}
	var out []WeakDoc
	for rows.Next() {
		var w WeakDoc
		d := &w.Doc
		var amb bool
		if err := rows.Scan(&d.Row, &d.Key, &d.State, &d.Type, &d.Symbol, &d.Number, &d.Year, &d.Date, &d.Juris, &d.Issuer,
			&d.Province, &d.Subject, &d.Path, &w.SymbolPartial, &w.OCRConfidence, &amb); err != nil {
			rows.Close()
			return nil, fmt.Errorf("cannot list weak records: %w", err)
		}
		switch {
		case d.Symbol == "" && w.SymbolPartial != "":
			w.Reasons = append(w.Reasons, WeakPartialSymbol)
		case d.Symbol == "":
			w.Reasons = append(w.Reasons, WeakNoSymbol)
		}
		if d.Date == "" {
			w.Reasons = append(w.Reasons, WeakNoDate)
		}
		if w.OCRConfidence > 0 && w.OCRConfidence < LowOCRConfidence {
			w.Reasons = append(w.Reasons, WeakLowOCR)
		}
		if d.Juris == JurisUnknown {
			w.Reasons = append(w.Reasons, WeakUnknownPlace)
		}
		if amb {
			w.Reasons = append(w.Reasons, WeakAmbiguousRefs)
		}
		out = append(out, w)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	keys := make([]string, len(out))
	for i, w := range out {
		keys[i] = w.Doc.Key
	}
	ovs, err := s.ActiveOverrides(ctx, keys)
	if err != nil {
		return nil, err
	}
	covered := map[string]string{WeakNoSymbol: "symbol", WeakPartialSymbol: "symbol", WeakNoDate: "date", WeakUnknownPlace: "province"}
	for i := range out {
		fixed := map[string]bool{}
		for _, o := range ovs[out[i].Doc.Key] {
			fixed[o.Field] = true
		}
		kept := out[i].Reasons[:0]
		for _, r := range out[i].Reasons {
			if f, ok := covered[r]; ok && fixed[f] {
				continue
			}
			kept = append(kept, r)
		}
		out[i].Reasons = kept
	}
	final := out[:0]
	for _, w := range out {
		if len(w.Reasons) > 0 {
			final = append(final, w)
		}
	}
	return final, nil
}

// CitedByCounts counts, for each key, the distinct documents that cite it.
func (s *Store) CitedByCounts(ctx context.Context, keys []string) (map[string]int, error) {
	out := map[string]int{}
	if len(keys) == 0 {
		return out, nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	rows, err := s.db.QueryContext(ctx, `SELECT d.key, count(DISTINCT e.src) FROM documents d JOIN edges e ON e.dst = d.id
		WHERE d.key IN (`+strings.TrimSuffix(strings.Repeat("?,", len(keys)), ",")+`) GROUP BY d.key`, args...)
	if err != nil {
		return nil, fmt.Errorf("cannot count citations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var n int
		if err := rows.Scan(&k, &n); err != nil {
			return nil, fmt.Errorf("cannot count citations: %w", err)
		}
		out[k] = n
	}
	return out, rows.Err()
}

// SymbolsWithPrefix lists up to n stored documents and stubs whose symbol
// starts with what was typed (folded: "33/ct" finds "33/CT-TTg"), documents
// first, for the suggestions of a search box.
func (s *Store) SymbolsWithPrefix(ctx context.Context, typed string, n int) ([]DocInfo, error) {
	p := FoldSymbol(strings.TrimSpace(typed))
	if p == "" {
		return nil, nil
	}
	// A range, not LIKE: SQLite's LIKE does not use the index of a
	// case-sensitive column.
	return s.docsLimit(ctx, `d.symbol_fold >= ? AND d.symbol_fold < ?`, `d.state = 'document' DESC, d.year DESC, d.key`, n, p, p+"\U0010FFFF")
}

// ClosestSymbols lists up to n stored symbols nearest to what was typed
// (edit distance on the folded symbol, among those sharing its number or
// its first characters), for a REF that matches nothing.
func (s *Store) ClosestSymbols(ctx context.Context, typed string, n int) ([]DocInfo, error) {
	if err := CheckLen("REF", typed); err != nil {
		return nil, err
	}
	want := FoldSymbol(strings.TrimSpace(typed))
	if r, err := ParseRef(typed); err == nil && r.Symbol != "" {
		want = FoldSymbol(r.Symbol)
	}
	if want == "" {
		return nil, nil
	}
	num := want
	if i := strings.IndexAny(want, "/-"); i > 0 {
		num = want[:i]
	}
	pre := want
	if len([]rune(pre)) > 2 {
		pre = string([]rune(pre)[:2])
	}
	// The same number, the same first characters (both by index), or, for
	// a symbol as typed, the same form and issuer after the number
	// ("34/CT-TTg" → the other "…/CT-TTg"; a scan of the table, done only
	// when nothing matched).
	var cands []DocInfo
	for _, q := range []struct {
		where string
		args  []any
	}{
		{`d.number = ?`, []any{num}},
		{`d.symbol_fold >= ? AND d.symbol_fold < ?`, []any{pre, pre + "\U0010FFFF"}},
	} {
		ds, err := s.docsLimit(ctx, q.where, `d.key`, 200, q.args...)
		if err != nil {
			return nil, err
		}
		cands = append(cands, ds...)
	}
	if suffix := strings.TrimLeft(want, "0123456789"); suffix != want && strings.ContainsAny(suffix, "/-") {
		like := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
		ds, err := s.docsLimit(ctx, `d.symbol_fold LIKE ? ESCAPE '\'`, `d.key`, 200, "%"+like.Replace(suffix))
		if err != nil {
			return nil, err
		}
		cands = append(cands, ds...)
	}
	type scored struct {
		d    DocInfo
		dist int
	}
	var all []scored
	seen := map[string]bool{}
	for _, d := range cands {
		f := FoldSymbol(d.Symbol)
		if seen[f+d.Juris] {
			continue
		}
		seen[f+d.Juris] = true
		all = append(all, scored{d, editDistance(want, f)})
	}
	for i := 1; i < len(all); i++ {
		for j := i; j > 0 && (all[j].dist < all[j-1].dist); j-- {
			all[j], all[j-1] = all[j-1], all[j]
		}
	}
	var out []DocInfo
	for _, s := range all {
		if len(out) == n {
			break
		}
		out = append(out, s.d)
	}
	return out, nil
}

func (s *Store) docsLimit(ctx context.Context, where, order string, limit int, args ...any) ([]DocInfo, error) {
	return s.queryDocs(ctx, `SELECT `+docCols+` FROM documents d WHERE `+where+` ORDER BY `+order+` LIMIT ?`,
		append(args, limit)...)
}

// PathsOf lists the paths where content with this sha256 was seen, the
// first one ingested first, as they are on disk now (a path relative to the
// store joined to it).
func (s *Store) PathsOf(ctx context.Context, sha string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT path FROM (
		SELECT first_path AS path, 0 AS o FROM files WHERE sha256 = ?
		UNION SELECT path, 1 FROM paths WHERE sha256 = ?) ORDER BY o, path`, sha, sha)
	if err != nil {
		return nil, fmt.Errorf("cannot find the files: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, s.OnDisk(p))
	}
	return out, rows.Err()
}

// CorrectedKeys lists up to n keys of documents with a correction in force,
// the latest corrected first.
func (s *Store) CorrectedKeys(ctx context.Context, n int) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT doc_key FROM overrides WHERE undone_at IS NULL
		GROUP BY doc_key ORDER BY max(id) DESC LIMIT ?`, n)
	if err != nil {
		return nil, fmt.Errorf("cannot list corrections: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// DocsByKeys gives the documents (and stubs) of keys, in one query.
func (s *Store) DocsByKeys(ctx context.Context, keys []string) (map[string]DocInfo, error) {
	out := map[string]DocInfo{}
	if len(keys) == 0 {
		return out, nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	ds, err := s.docs(ctx, `d.key IN (`+strings.TrimSuffix(strings.Repeat("?,", len(keys)), ",")+`)`, args...)
	if err != nil {
		return nil, err
	}
	for _, d := range ds {
		out[d.Key] = d
	}
	return out, nil
}
