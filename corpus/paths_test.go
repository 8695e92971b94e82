package corpus

import (
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func ingestFake(t *testing.T, s *Store, paths ...string) Report {
	t.Helper()
	rep, err := s.Ingest(context.Background(), paths, IngestOptions{Process: fakeProcess, Workers: 2, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func pathList(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.pathRows(context.Background(), nil, "")
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, r := range rows {
		out = append(out, r.Path+" "+r.Anchor)
	}
	return out
}

func fileProblems(t *testing.T, s *Store) []Problem {
	t.Helper()
	ps, _, err := s.CheckFiles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// One file reached by several spellings (a relative path, "d/../", a
// symbolic link given as an argument or met in a folder) is one path row,
// absolute and canonical; the link is followed, not skipped.
func TestOneFileOnePathRow(t *testing.T) {
	dir := Canon(t.TempDir())
	writeFiles(t, dir, map[string]string{"in/a/1.txt": "1-KH/TU 2022-01-01 Thanh Hóa"})
	real := filepath.Join(dir, "in", "a", "1.txt")
	if err := os.Symlink(real, filepath.Join(dir, "in", "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, filepath.Join(dir, "alone.txt")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"relative", []string{"in/a/1.txt"}},
		{"dot-dot and dot", []string{"./in/a/../a/1.txt", filepath.Join(dir, "in", "a", "1.txt")}},
		{"link argument", []string{"alone.txt"}},
		{"link in a folder and the file", []string{"in", "in/a/1.txt", "alone.txt"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := openTest(t)
			rep := ingestFake(t, s, tc.args...)
			if rep.Added != 1 || rep.Duplicates != 0 || rep.Skipped != 0 || rep.Failed != 0 {
				t.Errorf("report %+v", rep)
			}
			if got, want := pathList(t, s), []string{real + " "}; !reflect.DeepEqual(got, want) {
				t.Errorf("paths %q, want %q", got, want)
			}
			d, err := s.Resolve(context.Background(), "alone.txt")
			if err != nil || d.Key != "1-KH/TU:2022:thanh-hoa" {
				t.Errorf("resolve by the link: %+v %v", d, err)
			}
		})
	}
}

// A file inside the store directory is recorded relative to it: after the
// whole store directory moved, it is still found; one outside keeps its
// absolute path.
func TestStoreMovedKeepsItsFiles(t *testing.T) {
	dir := Canon(t.TempDir())
	store := filepath.Join(dir, "store")
	writeFiles(t, dir, map[string]string{
		"store/files/1.txt": "1-KH/TU 2022-01-01 Thanh Hóa",
		"out/2.txt":         "2-KH/TU 2022-01-02 Thanh Hóa",
	})
	s, err := Open(store)
	if err != nil {
		t.Fatal(err)
	}
	ingestFake(t, s, filepath.Join(store, "files"), filepath.Join(dir, "out"))
	want := []string{filepath.Join(dir, "out", "2.txt") + " ", filepath.Join("files", "1.txt") + " "}
	if got := pathList(t, s); !reflect.DeepEqual(got, want) {
		t.Errorf("paths %q, want %q", got, want)
	}
	s.Close()
	moved := filepath.Join(dir, "elsewhere", "store2")
	os.MkdirAll(filepath.Dir(moved), 0o755)
	if err := os.Rename(store, moved); err != nil {
		t.Fatal(err)
	}
	s, err = Open(moved)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if ps := fileProblems(t, s); len(ps) != 0 {
		t.Errorf("after moving the store: %+v", ps)
	}
	d, err := s.Resolve(context.Background(), "1-KH/TU")
	if err != nil {
		t.Fatal(err)
	}
	rec, err := s.Record(context.Background(), d, false)
	if err != nil || rec.Source.Path != filepath.Join(moved, "files", "1.txt") {
		t.Errorf("source path %q (%v), want the file where the store is now", rec.Source.Path, err)
	}
}

// A file moved or renamed, ingested again, is recognised by its content:
// its path row follows it, no document is added, the report says where it
// was. A copy (the old path still there) stays a duplicate.
func TestMovedFileIngestedAgain(t *testing.T) {
	dir := Canon(t.TempDir())
	writeFiles(t, dir, map[string]string{
		"a/1.txt": "1-KH/TU 2022-01-01 Thanh Hóa",
		"a/2.txt": "2-KH/TU 2022-01-02 Thanh Hóa",
	})
	s := openTest(t)
	ingestFake(t, s, filepath.Join(dir, "a"))
	os.MkdirAll(filepath.Join(dir, "b"), 0o755)
	if err := os.Rename(filepath.Join(dir, "a", "1.txt"), filepath.Join(dir, "b", "renamed.txt")); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "a", "2.txt"))
	os.WriteFile(filepath.Join(dir, "b", "copy.txt"), b, 0o644)
	rep := ingestFake(t, s, filepath.Join(dir, "b"))
	want := []Move{{Path: filepath.Join(dir, "b", "renamed.txt"), From: []string{filepath.Join(dir, "a", "1.txt")}, Of: "1-KH/TU:2022:thanh-hoa"}}
	if rep.Moved != 1 || !reflect.DeepEqual(rep.MovedFrom, want) || rep.Added != 0 || rep.Duplicates != 1 {
		t.Errorf("report: moved %d %+v, added %d, duplicates %d %+v", rep.Moved, rep.MovedFrom, rep.Added, rep.Duplicates, rep.DuplicateOf)
	}
	st, _ := s.Stats(context.Background())
	if st.Documents != 2 || st.Paths != 3 {
		t.Errorf("stats %+v, want 2 documents and 3 paths", st)
	}
	if ps := fileProblems(t, s); len(ps) != 0 {
		t.Errorf("verify after the move: %+v", ps)
	}
}

// verify --relocate: missing files are found under a folder by their
// content (only files of a missing size are read) and their paths
// recorded; a dry run changes nothing.
func TestRelocate(t *testing.T) {
	dir := Canon(t.TempDir())
	writeFiles(t, dir, map[string]string{
		"a/1.txt": "1-KH/TU 2022-01-01 Thanh Hóa",
		"a/2.txt": "2-KH/TU 2022-01-02 Thanh Hóa",
		"a/3.txt": "3-KH/TU 2022-01-03 Thanh Hóa",
	})
	s := openTest(t)
	ingestFake(t, s, filepath.Join(dir, "a"))
	os.MkdirAll(filepath.Join(dir, "archive", "x"), 0o755)
	os.Rename(filepath.Join(dir, "a", "1.txt"), filepath.Join(dir, "archive", "x", "one.txt"))
	os.Rename(filepath.Join(dir, "a", "2.txt"), filepath.Join(dir, "archive", "2.txt"))
	writeFiles(t, dir, map[string]string{"archive/other.txt": "9-KH/TU 2022-01-09 Thanh Hóa"})
	if ps := fileProblems(t, s); len(ps) != 2 || !strings.Contains(ps[0].Message, "missing") {
		t.Fatalf("before: %+v", ps)
	}
	snap, _ := s.Snapshot(context.Background())
	got, err := s.Relocate(context.Background(), filepath.Join(dir, "archive"), true)
	if err != nil {
		t.Fatal(err)
	}
	want := []Relocation{
		{From: filepath.Join(dir, "a", "2.txt"), To: filepath.Join(dir, "archive", "2.txt"), Key: "2-KH/TU:2022:thanh-hoa"},
		{From: filepath.Join(dir, "a", "1.txt"), To: filepath.Join(dir, "archive", "x", "one.txt"), Key: "1-KH/TU:2022:thanh-hoa"},
	}
	sortRel := func(r []Relocation) {
		if len(r) == 2 && r[0].From > r[1].From {
			r[0], r[1] = r[1], r[0]
		}
	}
	sortRel(got)
	sortRel(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("dry run: %+v, want %+v", got, want)
	}
	if after, _ := s.Snapshot(context.Background()); !reflect.DeepEqual(snap, after) {
		t.Errorf("the dry run changed the store")
	}
	got, err = s.Relocate(context.Background(), filepath.Join(dir, "archive"), false)
	sortRel(got)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("relocate: %+v %v", got, err)
	}
	if ps := fileProblems(t, s); len(ps) != 0 {
		t.Errorf("after relocating: %+v", ps)
	}
	if st, _ := s.Stats(context.Background()); st.Paths != 3 || st.Documents != 3 {
		t.Errorf("stats %+v", st)
	}
	if got, err := s.Relocate(context.Background(), filepath.Join(dir, "archive"), false); err != nil || len(got) != 0 {
		t.Errorf("nothing left to relocate: %+v %v", got, err)
	}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	os.MkdirAll(filepath.Dir(dst), 0o755)
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	out.Close()
}

// A store of schema version 3 (testdata/store-v3) migrates to version 5:
// absolute paths are rewritten canonical where the file is found (two
// spellings of one file become one row), relative ones (store-v1, from an
// ingest in the repository's root) are kept and marked, verify names
// them, and ingesting the file again puts it where it is.
func TestMigratePaths(t *testing.T) {
	dir := Canon(t.TempDir())
	writeFiles(t, dir, map[string]string{"docs/a.txt": "x"})
	if err := os.Symlink(filepath.Join(dir, "docs"), filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"store-v1", "store-v3"} {
		t.Run(v, func(t *testing.T) {
			store := filepath.Join(t.TempDir(), "s")
			copyFile(t, filepath.Join("testdata", v, DBName), filepath.Join(store, DBName))
			// Two spellings of one file, as an old ingest recorded them.
			db, err := sql.Open("sqlite3", filepath.Join(store, DBName))
			if err != nil {
				t.Fatal(err)
			}
			var sha string
			if err := db.QueryRow(`SELECT sha256 FROM files LIMIT 1`).Scan(&sha); err != nil {
				t.Fatal(err)
			}
			for i, p := range []string{filepath.Join(dir, "docs", "..", "docs", "a.txt"), filepath.Join(dir, "link", "a.txt")} {
				if _, err := db.Exec(`INSERT INTO paths (path, sha256, size, mtime_ns, seen_at) VALUES (?, ?, 1, 0, ?)`,
					p, sha, "2025-01-0"+string(rune('1'+i))); err != nil {
					t.Fatal(err)
				}
			}
			var relative int
			db.QueryRow(`SELECT count(*) FROM paths WHERE path NOT LIKE '/%'`).Scan(&relative)
			db.Close()
			s, err := Open(store)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			var ver int
			if s.db.QueryRow(`PRAGMA user_version`).Scan(&ver); ver != len(migrations) {
				t.Errorf("version %d", ver)
			}
			rows, err := s.pathRows(context.Background(), nil, `path LIKE ?`, dir+"%")
			if err != nil || len(rows) != 1 || rows[0].Path != filepath.Join(dir, "docs", "a.txt") {
				t.Errorf("the two spellings: %+v %v", rows, err)
			}
			var marked int
			s.db.QueryRow(`SELECT count(*) FROM paths WHERE anchor = ?`, AnchorUnknown).Scan(&marked)
			if marked != relative || (v == "store-v1" && marked != 8) {
				t.Errorf("%d relative paths marked, %d relative", marked, relative)
			}
			n := 0
			for _, p := range fileProblems(t, s) {
				if strings.Contains(p.Message, "before schema version 5") {
					n++
				}
			}
			if n != marked {
				t.Errorf("verify names %d of the %d relative paths", n, marked)
			}
			if probs, err := s.CheckDatabase(context.Background()); err != nil || len(probs) > 0 {
				t.Errorf("database check: %v %v", probs, err)
			}
			if v != "store-v1" {
				return
			}
			// The file of a marked path ingested again from where it is:
			// the marked row gives way to the canonical one.
			f := filepath.Join("..", "testdata", "corpus", "chain", "1_chi_thi_tw.txt")
			sum, err := hashFile(f)
			if err != nil {
				t.Fatal(err)
			}
			_, from, err := s.RecordDuplicate(context.Background(), FileStat{Path: f, SHA256: sum}, 0)
			if err != nil || !reflect.DeepEqual(from, []string{"testdata/corpus/chain/1_chi_thi_tw.txt"}) {
				t.Errorf("moved from %q, %v", from, err)
			}
			rows, _ = s.pathRows(context.Background(), nil, `sha256 = ?`, sum)
			if len(rows) != 1 || rows[0].Path != Canon(f) || rows[0].Anchor != "" {
				t.Errorf("rows of the file ingested again: %+v", rows)
			}
		})
	}
}

// A file relocated onto a path that held other content: as at ingest, the
// content that no path shows any more has its document retired (the
// change log tells the index).
func TestRelocateOntoAnotherFile(t *testing.T) {
	dir := Canon(t.TempDir())
	writeFiles(t, dir, map[string]string{
		"a/1.txt": "1-KH/TU 2022-01-01 Thanh Hóa",
		"a/3.txt": "3-KH/TU 2022-01-03 Thanh Hóa",
	})
	s := openTest(t)
	ingestFake(t, s, filepath.Join(dir, "a"))
	seq, _ := s.LastChange(context.Background())
	if err := os.Rename(filepath.Join(dir, "a", "1.txt"), filepath.Join(dir, "a", "3.txt")); err != nil {
		t.Fatal(err)
	}
	got, err := s.Relocate(context.Background(), filepath.Join(dir, "a"), false)
	if err != nil || len(got) != 1 || got[0].To != filepath.Join(dir, "a", "3.txt") {
		t.Fatalf("relocate: %+v %v", got, err)
	}
	if st := states(t, s); len(st) != 1 || st["1-KH/TU:2022:thanh-hoa"] != StateDocument {
		t.Errorf("states %v", st)
	}
	if chs, _ := s.Changes(context.Background(), seq, 10); len(chs) != 1 || chs[0].Key != "3-KH/TU:2022:thanh-hoa" {
		t.Errorf("changes %+v", chs)
	}
	if ps := fileProblems(t, s); len(ps) != 0 {
		t.Errorf("verify: %+v", ps)
	}
}
