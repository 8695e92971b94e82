package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Where the store records files (paths, schema version 5). A path is
// recorded in one spelling, so that one file reached as "./a.txt",
// "dir/../a.txt" or through a symbolic link is one row, and so that verify
// finds it from any directory:
//
//   - absolute, clean, with every symbolic link resolved (Canon);
//   - relative to the store directory when the file is inside it, so that
//     moving the whole store directory keeps its own files found.
//
// Stores made before version 5 recorded paths as typed, relative to the
// directory the ingest ran in, which the store does not know. The
// migration rewrites the absolute ones into the spelling above and marks
// the relative ones (anchor 'unknown'), which it keeps unchanged: verify
// names them, and ingesting the file again or `verify --relocate DIR`
// finds them by their content hash.
const pathsMigration = `
ALTER TABLE paths ADD COLUMN anchor TEXT NOT NULL DEFAULT '';
`

// AnchorUnknown marks a path recorded relative to a directory the store
// does not know (an ingest before schema version 5).
const AnchorUnknown = "unknown"

// Canon is the absolute, clean spelling of path with its symbolic links
// resolved. A path that no longer exists keeps its directory's links
// resolved as far as they exist.
func Canon(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	// The file is gone: resolve what is left of its directory.
	dir, base := filepath.Split(abs)
	if dir = filepath.Clean(dir); dir != abs {
		return filepath.Join(Canon(dir), base)
	}
	return abs
}

// rel is the recorded spelling of a canonical path: relative to the store
// when inside it.
func (s *Store) rel(canon string) string {
	if s.root == "" {
		return canon
	}
	if r, err := filepath.Rel(s.root, canon); err == nil && r != "." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && r != ".." {
		return r
	}
	return canon
}

// StoredPath is how the store records (and looks up) the file at path.
func (s *Store) StoredPath(path string) string { return s.rel(Canon(path)) }

func (s *Store) storedPath(st FileStat) string {
	if st.canon {
		return s.rel(st.Path)
	}
	return s.StoredPath(st.Path)
}

// OnDisk is where a recorded path is now: a path relative to the store is
// joined to the store directory (wherever the store was moved).
func (s *Store) OnDisk(stored string) string {
	if filepath.IsAbs(stored) || s.root == "" {
		return stored
	}
	return filepath.Join(s.root, stored)
}

// fixPaths is the data fix-up of version 5: absolute paths are rewritten
// into their canonical spelling where the file can be found (two rows that
// become one keep the latest seen), relative ones are marked.
func fixPaths(t *tx) error {
	if _, err := t.Exec(`UPDATE paths SET anchor = ? WHERE substr(path, 1, 1) != '/'`, AnchorUnknown); err != nil {
		return fmt.Errorf("cannot mark the relative paths: %w", err)
	}
	rows, err := t.Query(`SELECT path FROM paths WHERE anchor = '' ORDER BY path`)
	if err != nil {
		return fmt.Errorf("cannot list the paths: %w", err)
	}
	var all []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return fmt.Errorf("cannot list the paths: %w", err)
		}
		all = append(all, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("cannot list the paths: %w", err)
	}
	for _, p := range all {
		np := t.store.StoredPath(p)
		if np == p {
			continue
		}
		if err := t.renamePath(p, np); err != nil {
			return err
		}
	}
	return nil
}

// renamePath moves the row of path from to path to; when to has a row
// already, the one seen last is kept.
func (t *tx) renamePath(from, to string) error {
	var fromSeen, toSeen string
	if err := t.QueryRow(`SELECT seen_at FROM paths WHERE path = ?`, from).Scan(&fromSeen); err != nil {
		return fmt.Errorf("cannot read the path %s: %w", from, err)
	}
	err := t.QueryRow(`SELECT seen_at FROM paths WHERE path = ?`, to).Scan(&toSeen)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = t.Exec(`UPDATE paths SET path = ?, anchor = '' WHERE path = ?`, to, from)
	case err != nil:
	case fromSeen > toSeen:
		if _, err = t.Exec(`DELETE FROM paths WHERE path = ?`, to); err == nil {
			_, err = t.Exec(`UPDATE paths SET path = ?, anchor = '' WHERE path = ?`, to, from)
		}
	default:
		_, err = t.Exec(`DELETE FROM paths WHERE path = ?`, from)
	}
	if err != nil {
		return fmt.Errorf("cannot rewrite the path %s as %s: %w", from, to, err)
	}
	return nil
}

// PathRow is one recorded path.
type PathRow struct {
	Path   string // as recorded
	Disk   string // where it is now (OnDisk); "" when the store cannot know (Anchor)
	SHA256 string
	Size   int64
	Anchor string // "" or AnchorUnknown
}

func (s *Store) pathRows(ctx context.Context, q *sqlTx, where string, args ...any) ([]PathRow, error) {
	query := `SELECT path, sha256, size, anchor FROM paths`
	if where != "" {
		query += ` WHERE ` + where
	}
	query += ` ORDER BY path`
	var rows *sql.Rows
	var err error
	if q != nil {
		rows, err = q.QueryContext(ctx, query, args...)
	} else {
		rows, err = s.db.QueryContext(ctx, query, args...)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot list paths: %w", err)
	}
	defer rows.Close()
	var out []PathRow
	for rows.Next() {
		var r PathRow
		if err := rows.Scan(&r.Path, &r.SHA256, &r.Size, &r.Anchor); err != nil {
			return nil, fmt.Errorf("cannot list paths: %w", err)
		}
		if r.Anchor == "" {
			r.Disk = s.OnDisk(r.Path)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// missing reports whether the file of a recorded path is not where the row
// says (or the row cannot say where).
func missing(r PathRow) bool {
	if r.Disk == "" {
		return true
	}
	_, err := os.Stat(r.Disk)
	return errors.Is(err, fs.ErrNotExist)
}

// takeOverMoved removes, in the transaction that records st, the other
// paths of the same content whose file is gone (or whose row could not say
// where it was): the file was moved or renamed to st.Path. It returns
// where it was.
func (t *tx) takeOverMoved(stored, sha string) ([]string, error) {
	rows, err := t.store.pathRows(t.ctx, t.sqlTx, `sha256 = ? AND path != ?`, sha, stored)
	if err != nil {
		return nil, err
	}
	var from []string
	for _, r := range rows {
		if !missing(r) {
			continue
		}
		if _, err := t.Exec(`DELETE FROM paths WHERE path = ?`, r.Path); err != nil {
			return nil, fmt.Errorf("cannot drop the old path %s: %w", r.Path, err)
		}
		if r.Disk != "" {
			from = append(from, r.Disk)
		} else {
			from = append(from, r.Path)
		}
	}
	return from, nil
}

// Relocation is a recorded path whose file was found elsewhere by its
// content hash.
type Relocation struct {
	From string `json:"from"` // the path recorded before
	To   string `json:"to"`   // where the file is now
	Key  string `json:"id"`   // the document it shows
}

// Relocate walks dir for the files of recorded paths that are missing (or
// recorded relative to an unknown directory), matches them by content hash
// and records their new place. Only files whose size is that of a missing
// one are read. With dryRun nothing is written.
func (s *Store) Relocate(ctx context.Context, dir string, dryRun bool) ([]Relocation, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot relocate in %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("cannot relocate in %s: not a directory", dir)
	}
	all, err := s.pathRows(ctx, nil, "")
	if err != nil {
		return nil, err
	}
	lost := map[string][]PathRow{} // sha → missing rows
	sizes := map[int64]bool{}
	for _, r := range all {
		if missing(r) {
			lost[r.SHA256] = append(lost[r.SHA256], r)
			sizes[r.Size] = true
		}
	}
	if len(lost) == 0 {
		return []Relocation{}, nil
	}
	files, _, err := Walk([]string{dir}, s.dir)
	if err != nil {
		return nil, err
	}
	found := map[string]string{} // sha → canonical path of the file found
	stat := map[string]os.FileInfo{}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		fi, err := os.Stat(f)
		if err != nil || !fi.Mode().IsRegular() || !sizes[fi.Size()] {
			continue
		}
		sum, err := hashFile(f)
		if err != nil {
			continue
		}
		if _, ok := lost[sum]; ok && found[sum] == "" {
			found[sum] = Canon(f)
			stat[sum] = fi
		}
	}
	shas := make([]string, 0, len(found))
	for sha := range found {
		shas = append(shas, sha)
	}
	sort.Strings(shas)
	t, err := s.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer t.Rollback()
	out := []Relocation{}
	for _, sha := range shas {
		to := found[sha]
		var key string
		var doc int64
		if err := t.QueryRow(`SELECT coalesce((SELECT d.key FROM files f JOIN documents d ON d.id = f.document_id WHERE f.sha256 = ?), ''),
			coalesce((SELECT document_id FROM files WHERE sha256 = ?), 0)`, sha, sha).Scan(&key, &doc); err != nil {
			return nil, fmt.Errorf("cannot look the content up: %w", err)
		}
		stored := s.rel(to)
		for _, r := range lost[sha] {
			from := r.Disk
			if from == "" {
				from = r.Path
			}
			out = append(out, Relocation{From: from, To: to, Key: key})
			if _, err := t.Exec(`DELETE FROM paths WHERE path = ?`, r.Path); err != nil {
				return nil, fmt.Errorf("cannot drop the old path %s: %w", r.Path, err)
			}
		}
		// As ingest records it: content the new path showed before, and
		// no other path shows, has its document retired.
		fi := stat[sha]
		if _, err := t.seePath(FileStat{Path: stored, SHA256: sha, Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}, doc); err != nil {
			return nil, err
		}
	}
	if err := t.finish(); err != nil {
		return nil, err
	}
	if dryRun {
		return out, nil
	}
	if err := t.Commit(); err != nil {
		return nil, fmt.Errorf("cannot record the new paths: %w", err)
	}
	return out, nil
}

// whereNow is where the file of content sha is now: the recorded path while
// a path row still shows it there, else the first path of that content (the
// file was moved), else the recorded path.
func (s *Store) whereNow(ctx context.Context, sha, recorded string) (string, error) {
	if sha == "" {
		return recorded, nil
	}
	rows, err := s.pathRows(ctx, nil, `sha256 = ?`, sha)
	if err != nil || len(rows) == 0 {
		return recorded, err
	}
	disk := func(r PathRow) string {
		if r.Disk != "" {
			return r.Disk
		}
		return r.Path
	}
	if recorded != "" {
		stored := s.StoredPath(recorded)
		for _, r := range rows {
			if r.Path == recorded || r.Path == stored {
				return disk(r), nil
			}
		}
	}
	return disk(rows[0]), nil
}
