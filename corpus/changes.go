package corpus

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// The change log (schema version 4) is how the search index follows the
// database. Every transaction that changes what the index must hold of a
// document (a document inserted, parsed again, corrected, given a new key,
// demoted to a stub or forgotten) records its key in changes with the
// next sequence number, in the same transaction (tx.changed). The index
// keeps the last sequence it applied inside itself (index.Index.Seq), so
// whoever holds it brings it up to date by applying the keys changed since:
// a key that is a document now is indexed again, any other is deleted. The
// decision is made on the database as it is when applied, so the order of
// changes does not matter and applying one twice is harmless.
//
//	changes  key (primary key) and seq, the number of its last change: one
//	         row per key ever changed, so the table stays as small as the
//	         documents table. Writers take the database's write lock at
//	         BEGIN (_txlock=immediate), so numbers are given and committed in
//	         one order: an index at seq N lacks exactly the keys with seq > N.
const changesMigration = `
CREATE TABLE changes (
	key TEXT PRIMARY KEY,
	seq INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX changes_seq ON changes (seq);
INSERT INTO changes (key, seq) SELECT key, row_number() OVER (ORDER BY id) FROM documents WHERE state = 'document';
INSERT OR IGNORE INTO changes (key, seq) SELECT key, (SELECT count(*) FROM documents) + row_number() OVER (ORDER BY key) FROM index_deletes;
DROP TABLE index_deletes;
DROP INDEX documents_unindexed;
`

// changed records that the index must look at keys again, with this
// transaction's sequence number (one per transaction).
func (t *tx) changed(keys ...string) error {
	if t.seq == 0 {
		if err := t.QueryRow(`SELECT coalesce(max(seq), 0) + 1 FROM changes`).Scan(&t.seq); err != nil {
			return fmt.Errorf("cannot number the change: %w", err)
		}
	}
	for _, k := range keys {
		if _, err := t.Exec(`INSERT INTO changes (key, seq) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET seq = excluded.seq`, k, t.seq); err != nil {
			return fmt.Errorf("cannot record the change of %s: %w", k, err)
		}
	}
	return nil
}

// Change is a key changed at Seq.
type Change struct {
	Key string
	Seq int64
}

// Changes lists up to about limit keys changed after seq, in the order of
// their sequence numbers, always every key of the last number listed (so
// that an index that applies them may record that number).
func (s *Store) Changes(ctx context.Context, after int64, limit int) ([]Change, error) {
	var out []Change
	scan := func(q string, args ...any) error {
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("cannot list changes: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var c Change
			if err := rows.Scan(&c.Key, &c.Seq); err != nil {
				return fmt.Errorf("cannot list changes: %w", err)
			}
			out = append(out, c)
		}
		return rows.Err()
	}
	if err := scan(`SELECT key, seq FROM changes WHERE seq > ? ORDER BY seq, key LIMIT ?`, after, limit); err != nil {
		return nil, err
	}
	if len(out) == limit {
		last := out[len(out)-1]
		if err := scan(`SELECT key, seq FROM changes WHERE seq = ? AND key > ? ORDER BY key`, last.Seq, last.Key); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// LastChange is the sequence number of the newest change (0: none).
func (s *Store) LastChange(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM changes`).Scan(&n); err != nil {
		return 0, fmt.Errorf("cannot read the change log: %w", err)
	}
	return n, nil
}

// ChangesAfter counts the keys changed after seq: how far behind an index
// at seq is.
func (s *Store) ChangesAfter(ctx context.Context, seq int64) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM changes WHERE seq > ?`, seq).Scan(&n); err != nil {
		return 0, fmt.Errorf("cannot read the change log: %w", err)
	}
	return n, nil
}

// Indexable is a document as the search index holds it: its identity line
// and its text.
type Indexable struct {
	Doc  DocInfo
	Text string
}

// Indexables gives the documents among keys (state 'document'); the keys
// it does not return are not documents now.
func (s *Store) Indexables(ctx context.Context, keys []string) (map[string]Indexable, error) {
	out := map[string]Indexable{}
	const chunk = 500
	for len(keys) > 0 {
		n := min(chunk, len(keys))
		part := keys[:n]
		keys = keys[n:]
		args := make([]any, len(part))
		for i, k := range part {
			args[i] = k
		}
		q := `SELECT coalesce(t.text, ''), ` + docCols + ` FROM documents d LEFT JOIN texts t ON t.document_id = d.id
			WHERE d.state = 'document' AND d.key IN (?` + strings.Repeat(", ?", n-1) + `)`
		if err := s.scanIndexables(ctx, out, q, args...); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// IndexablesAfter gives up to limit documents with a row id above after,
// in row order: a full rebuild of the index pages through them.
func (s *Store) IndexablesAfter(ctx context.Context, after int64, limit int) ([]Indexable, error) {
	m := map[string]Indexable{}
	q := `SELECT coalesce(t.text, ''), ` + docCols + ` FROM documents d LEFT JOIN texts t ON t.document_id = d.id
		WHERE d.state = 'document' AND d.id > ? ORDER BY d.id LIMIT ?`
	if err := s.scanIndexables(ctx, m, q, after, limit); err != nil {
		return nil, err
	}
	out := make([]Indexable, 0, len(m))
	for _, x := range m {
		out = append(out, x)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Doc.Row < out[j].Doc.Row })
	return out, nil
}

func (s *Store) scanIndexables(ctx context.Context, out map[string]Indexable, q string, args ...any) error {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("cannot read documents to index: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var x Indexable
		d := &x.Doc
		if err := rows.Scan(&x.Text, &d.Row, &d.Key, &d.State, &d.Type, &d.Symbol, &d.Number, &d.Year,
			&d.Date, &d.Juris, &d.Issuer, &d.Province, &d.Subject, &d.Path); err != nil {
			return fmt.Errorf("cannot read documents to index: %w", err)
		}
		out[d.Key] = x
	}
	return rows.Err()
}
