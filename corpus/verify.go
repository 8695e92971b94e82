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

// CheckDatabase runs the engine's own checks — SQLite's integrity and
// foreign-key checks; on PostgreSQL, which enforces foreign keys on every
// write and checksums nothing without an extension, the count of rows of
// each table that hold a key to a missing document — then checks that the
// edges are the aggregate of the mentions.
func (s *Store) CheckDatabase(ctx context.Context) ([]Problem, error) {
	var out []Problem
	var err error
	if s.db.d.pg {
		out, err = s.pgCheck(ctx)
	} else {
		out, err = s.sqliteCheck(ctx)
	}
	if err != nil {
		return nil, err
	}
	// Edges must be the aggregate of the resolved mentions.
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (
		SELECT src, dst, relation, sum(count) c FROM mentions WHERE dst IS NOT NULL GROUP BY src, dst, relation
		EXCEPT SELECT src, dst, relation, count FROM edges) x`).Scan(&n); err != nil {
		return nil, fmt.Errorf("cannot check edges: %w", err)
	}
	if n > 0 {
		out = append(out, Problem{Check: "integrity", Message: fmt.Sprintf("%d edges differ from their mentions", n)})
	}
	return out, nil
}

func (s *Store) sqliteCheck(ctx context.Context) ([]Problem, error) {
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
	return out, rows.Err()
}

// pgForeignKeys are the references to documents of the schema, checked
// again on PostgreSQL (a constraint dropped or disabled by hand would let
// them dangle).
var pgForeignKeys = []struct{ table, col string }{
	{"texts", "document_id"}, {"files", "document_id"}, {"mentions", "src"}, {"mentions", "dst"},
	{"edges", "src"}, {"edges", "dst"}, {"claims", "src"}, {"aliases", "document_id"}, {"names", "document_id"},
}

func (s *Store) pgCheck(ctx context.Context) ([]Problem, error) {
	var out []Problem
	for _, fk := range pgForeignKeys {
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM `+fk.table+` x WHERE x.`+fk.col+` IS NOT NULL
			AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = x.`+fk.col+`)`).Scan(&n); err != nil {
			return nil, fmt.Errorf("cannot check foreign keys: %w", err)
		}
		if n > 0 {
			out = append(out, Problem{Check: "foreign_key", Message: fmt.Sprintf("%d rows of %s point at a missing document (%s)", n, fk.table, fk.col)})
		}
	}
	return out, nil
}

// CheckFiles compares every recorded path with the file on disk: missing,
// or content that no longer has the stored checksum. A file whose size and
// mtime are unchanged is still read: fixity means reading. A path relative
// to the store is looked for in the store directory, wherever it is now; a
// relative path of an old store (anchor 'unknown') is named as such.
func (s *Store) CheckFiles(ctx context.Context) ([]Problem, int, error) {
	all, err := s.pathRows(ctx, nil, "")
	if err != nil {
		return nil, 0, err
	}
	var out []Problem
	for _, x := range all {
		if err := ctx.Err(); err != nil {
			return out, len(all), err
		}
		if x.Disk == "" {
			out = append(out, Problem{Check: "file", Path: x.Path, Message: "recorded relative to the directory of an ingest before schema version 5, " +
				"which the store does not know: ingest the file again or run 'vanban verify --relocate DIR' to find it by its content"})
			continue
		}
		sum, err := hashFile(x.Disk)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			out = append(out, Problem{Check: "file", Path: x.Disk, Message: "missing (moved? 'vanban verify --relocate DIR' finds it by its content; 'vanban forget' removes its document)"})
		case err != nil:
			out = append(out, Problem{Check: "file", Path: x.Disk, Message: err.Error()})
		case sum != x.SHA256:
			out = append(out, Problem{Check: "file", Path: x.Disk, Message: fmt.Sprintf("checksum %s, stored %s", sum[:12], x.SHA256[:12])})
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
