package corpus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Pending is a document whose current version the search index lacks.
type Pending struct {
	Doc     DocInfo
	Version int64
	Text    string
}

// Unindexed returns up to limit documents the search index does not hold in
// their current version.
func (s *Store) Unindexed(ctx context.Context, limit int) ([]Pending, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.version, coalesce(t.text, ''), `+docCols+`
		FROM documents d LEFT JOIN texts t ON t.document_id = d.id
		WHERE d.indexed = 0 AND d.state = 'document' ORDER BY d.id LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("cannot list unindexed documents: %w", err)
	}
	defer rows.Close()
	var out []Pending
	for rows.Next() {
		var p Pending
		d := &p.Doc
		if err := rows.Scan(&p.Version, &p.Text, &d.Row, &d.Key, &d.State, &d.Type, &d.Symbol, &d.Number, &d.Year,
			&d.Date, &d.Juris, &d.Issuer, &d.Province, &d.Subject, &d.Path); err != nil {
			return nil, fmt.Errorf("cannot list unindexed documents: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PendingIndex counts the documents the search index lacks or holds in an
// older version.
func (s *Store) PendingIndex(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE indexed = 0 AND state = 'document'`).Scan(&n); err != nil {
		return 0, fmt.Errorf("cannot count unindexed documents: %w", err)
	}
	return n, nil
}

// MarkIndexed notes that the index holds these versions. A document written
// again since it was read stays unindexed.
func (s *Store) MarkIndexed(ctx context.Context, done []Pending) error {
	t, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("cannot mark documents indexed: %w", err)
	}
	defer t.Rollback()
	for _, p := range done {
		if _, err := t.Exec(`UPDATE documents SET indexed = 1 WHERE id = ? AND version = ?`, p.Doc.Row, p.Version); err != nil {
			return fmt.Errorf("cannot mark documents indexed: %w", err)
		}
	}
	return t.Commit()
}

// IndexDeletes lists keys the index must drop.
func (s *Store) IndexDeletes(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key FROM index_deletes WHERE key NOT IN (SELECT key FROM documents WHERE state = 'document')`)
	if err != nil {
		return nil, fmt.Errorf("cannot list index deletions: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, fmt.Errorf("cannot list index deletions: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// ClearIndexDeletes forgets deletions the index has applied.
func (s *Store) ClearIndexDeletes(ctx context.Context, keys []string) error {
	for _, k := range keys {
		if _, err := s.db.ExecContext(ctx, `DELETE FROM index_deletes WHERE key = ?`, k); err != nil {
			return fmt.Errorf("cannot clear index deletions: %w", err)
		}
	}
	return nil
}

// ResetIndexed marks every document unindexed (before a rebuild of the index).
func (s *Store) ResetIndexed(ctx context.Context) error {
	for _, q := range []string{`UPDATE documents SET indexed = 0 WHERE state = 'document'`, `DELETE FROM index_deletes`} {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("cannot reset the index state: %w", err)
		}
	}
	return nil
}

// DocumentKeys lists the keys of all documents (not stubs): what the search
// index must hold.
func (s *Store) DocumentKeys(ctx context.Context) (map[string]bool, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT key FROM documents WHERE state = 'document'`)
	if err != nil {
		return nil, fmt.Errorf("cannot list document keys: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, fmt.Errorf("cannot list document keys: %w", err)
		}
		out[k] = true
	}
	return out, rows.Err()
}

// Problem is one difference verify found.
type Problem struct {
	Check   string `json:"check"` // "file", "integrity", "foreign_key", "index"
	Path    string `json:"path,omitempty"`
	Key     string `json:"id,omitempty"`
	Message string `json:"message"`
}

// CheckDatabase runs SQLite's integrity and foreign-key checks.
func (s *Store) CheckDatabase(ctx context.Context) ([]Problem, error) {
	var out []Problem
	rows, err := s.db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return nil, fmt.Errorf("cannot check the database: %w", err)
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return nil, fmt.Errorf("cannot check the database: %w", err)
		}
		if msg != "ok" {
			out = append(out, Problem{Check: "integrity", Message: msg})
		}
	}
	rows.Close()
	rows, err = s.db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return nil, fmt.Errorf("cannot check foreign keys: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid, fkid any
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return nil, fmt.Errorf("cannot check foreign keys: %w", err)
		}
		out = append(out, Problem{Check: "foreign_key", Message: fmt.Sprintf("%s row %v points at a missing %s", table, rowid, parent)})
	}
	// Edges must be the aggregate of the resolved mentions.
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (
		SELECT src, dst, relation, sum(count) c FROM mentions WHERE dst IS NOT NULL GROUP BY src, dst, relation
		EXCEPT SELECT src, dst, relation, count FROM edges)`).Scan(&n); err != nil {
		return nil, fmt.Errorf("cannot check edges: %w", err)
	}
	if n > 0 {
		out = append(out, Problem{Check: "integrity", Message: fmt.Sprintf("%d edges differ from their mentions", n)})
	}
	return out, rows.Err()
}

// CheckFiles compares every recorded path with the file on disk: missing,
// or content that no longer has the stored checksum. A file whose size and
// mtime are unchanged is still read: fixity means reading.
func (s *Store) CheckFiles(ctx context.Context) ([]Problem, int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT path, sha256, size FROM paths ORDER BY path`)
	if err != nil {
		return nil, 0, fmt.Errorf("cannot list paths: %w", err)
	}
	type p struct {
		path, sha string
		size      int64
	}
	var all []p
	for rows.Next() {
		var x p
		if err := rows.Scan(&x.path, &x.sha, &x.size); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("cannot list paths: %w", err)
		}
		all = append(all, x)
	}
	rows.Close()
	var out []Problem
	for _, x := range all {
		if err := ctx.Err(); err != nil {
			return out, len(all), err
		}
		sum, err := hashFile(x.path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			out = append(out, Problem{Check: "file", Path: x.path, Message: "missing"})
		case err != nil:
			out = append(out, Problem{Check: "file", Path: x.path, Message: err.Error()})
		case sum != x.sha:
			out = append(out, Problem{Check: "file", Path: x.path, Message: fmt.Sprintf("checksum %s, stored %s", sum[:12], x.sha[:12])})
		}
	}
	return out, len(all), nil
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("cannot read %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
