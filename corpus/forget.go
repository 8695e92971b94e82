package corpus

import (
	"context"
	"errors"
	"fmt"
	"sort"
)

// ErrNotStored is the error of forgetting something that is not a stored
// document (a stub, an ambiguous citation): there is nothing to remove.
var ErrNotStored = errors.New("not a stored document (known only by citation): nothing to forget")

// Forgotten is what Forget removed, or would remove (DryRun).
type Forgotten struct {
	Key    string   `json:"id"`
	Label  string   `json:"label"`
	Files  []string `json:"files"` // sha256 of the contents that made it
	Paths  []string `json:"paths"` // where they were seen, as on disk now
	Text   bool     `json:"text"`  // its text went
	Stub   bool     `json:"stub"`  // it stays as a stub, with the same id, for the documents that cite it
	Citing []string `json:"citing"`
	// Dropped are the stubs only this document cited: they go with it.
	Dropped []string `json:"dropped_stubs"`
	DryRun  bool     `json:"dry_run,omitempty"`
}

// Forget removes a stored document: its text, its files and every path
// they were seen at, its references (and the stubs only it cited), its
// names; the search index drops its entry through the change log. When
// other documents cite it, it stays as a stub with the same id, so that
// their edges keep a node and a later ingest of the file joins them again.
// With dryRun nothing is written. A stub is ErrNotStored.
func (s *Store) Forget(ctx context.Context, d DocInfo, dryRun bool) (Forgotten, error) {
	f := Forgotten{Key: d.Key, Label: d.Label(), Files: []string{}, Paths: []string{}, Citing: []string{}, Dropped: []string{}, DryRun: dryRun}
	t, err := s.begin(ctx)
	if err != nil {
		return f, err
	}
	defer t.Rollback()
	var state string
	if err := t.QueryRow(`SELECT state FROM documents WHERE id = ?`, d.Row).Scan(&state); err != nil {
		return f, fmt.Errorf("cannot read %s: %w", d.Key, err)
	}
	if state != StateDocument {
		return f, fmt.Errorf("%s: %w", d.Key, ErrNotStored)
	}
	list := func(q string, args ...any) ([]string, error) {
		rows, err := t.Query(q, args...)
		if err != nil {
			return nil, fmt.Errorf("cannot read what %s holds: %w", d.Key, err)
		}
		defer rows.Close()
		out := []string{}
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				return nil, fmt.Errorf("cannot read what %s holds: %w", d.Key, err)
			}
			out = append(out, v)
		}
		return out, rows.Err()
	}
	if f.Files, err = list(`SELECT sha256 FROM files WHERE document_id = ? ORDER BY sha256`, d.Row); err != nil {
		return f, err
	}
	var rows []PathRow
	for _, sha := range f.Files {
		rs, err := s.pathRows(ctx, t.sqlTx, `sha256 = ?`, sha)
		if err != nil {
			return f, err
		}
		rows = append(rows, rs...)
	}
	for _, r := range rows {
		if r.Disk != "" {
			f.Paths = append(f.Paths, r.Disk)
		} else {
			f.Paths = append(f.Paths, r.Path)
		}
	}
	sort.Strings(f.Paths)
	var texts int
	if err := t.QueryRow(`SELECT count(*) FROM texts WHERE document_id = ?`, d.Row).Scan(&texts); err != nil {
		return f, fmt.Errorf("cannot read the text of %s: %w", d.Key, err)
	}
	f.Text = texts > 0
	if f.Citing, err = list(`SELECT DISTINCT s.key FROM mentions m JOIN documents s ON s.id = m.src
		WHERE m.dst = ? AND m.src != ? ORDER BY s.key`, d.Row, d.Row); err != nil {
		return f, err
	}
	f.Stub = len(f.Citing) > 0
	if f.Dropped, err = list(`SELECT DISTINCT x.key FROM mentions m JOIN documents x ON x.id = m.dst
		WHERE m.src = ? AND x.state != 'document' AND x.id != ?
		AND NOT EXISTS (SELECT 1 FROM mentions o WHERE o.dst = m.dst AND o.src != ?) ORDER BY x.key`, d.Row, d.Row, d.Row); err != nil {
		return f, err
	}
	if dryRun {
		return f, nil
	}
	for _, r := range rows {
		if _, err := t.Exec(`DELETE FROM paths WHERE path = ?`, r.Path); err != nil {
			return f, fmt.Errorf("cannot remove the path %s: %w", r.Path, err)
		}
	}
	if err := t.retireDoc(d.Row); err != nil {
		return f, err
	}
	if err := t.finish(); err != nil {
		return f, err
	}
	if err := t.Commit(); err != nil {
		return f, fmt.Errorf("cannot forget %s: %w", d.Key, err)
	}
	return f, nil
}
