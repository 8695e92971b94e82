package main

import (
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"vanban/corpus"
	"vanban/internal/pgtest"
)

// storeFixtures are the files of the project's own corpus that both
// engines are given.
func storeFixtures(t *testing.T) []string {
	t.Helper()
	root := filepath.Join("..", "..", "testdata")
	files := []string{filepath.Join(root, "corpus")}
	for _, pat := range []string{"parse/*.txt", "parse/*.md"} {
		m, err := filepath.Glob(filepath.Join(root, pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	return files
}

// TestPostgresSameAnswers ingests the same files into an embedded (SQLite)
// store and into a PostgreSQL one (a server of Debian's PostgreSQL started
// for the test: internal/pgtest) and asks both the same questions: the
// whole graph (export), show, cites and trace (up and down) of every
// document and stub, search, tasks and verify give the same output.
func TestPostgresSameAnswers(t *testing.T) {
	files := storeFixtures(t)
	sq := t.TempDir()
	// The PostgreSQL stores' search indexes: in the user's cache, one
	// directory per address (corpus.LocalDir).
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	pg := pgtest.New(t)
	for _, st := range []string{sq, pg} {
		out, errOut, code := vanban(t, append([]string{"ingest", "--store", st}, files...)...)
		if code != exitOK {
			t.Fatalf("ingest into %s: exit %d\n%s\n%s", corpus.RedactDSN(st), code, out, errOut)
		}
	}
	// The embedded store copied into a third database (vanban migrate).
	migrated := pgtest.New(t)
	if out, errOut, code := vanban(t, "migrate", "--from", sq, "--to", migrated); code != exitOK {
		t.Fatalf("migrate: exit %d\n%s\n%s", code, out, errOut)
	} else if !strings.Contains(out, "documents 83,") {
		t.Errorf("migrate printed %q, want the 83 documents and stubs of the fixtures copied", out)
	}
	if out, _, code := vanban(t, "migrate", "--from", sq, "--to", migrated); code == exitOK {
		t.Errorf("a second migrate into the same database succeeded: %s", out)
	}
	same := func(args ...string) string {
		t.Helper()
		o1, e1, c1 := vanban(t, append(args, "--store", sq)...)
		if args[0] == "search" {
			o1 = tiesByID(t, o1)
		}
		for _, st := range []struct{ name, loc string }{{"PostgreSQL", pg}, {"PostgreSQL (migrated)", migrated}} {
			o2, e2, c2 := vanban(t, append(args, "--store", st.loc)...)
			if args[0] == "search" {
				o2 = tiesByID(t, o2)
			}
			if c1 != c2 || o1 != o2 {
				t.Errorf("vanban %s: SQLite and %s differ:\nSQLite (exit %d):\n%s%s\n%s (exit %d):\n%s%s",
					strings.Join(args, " "), st.name, c1, o1, e1, st.name, c2, o2, e2)
			}
		}
		return o1
	}
	graph := same("export", "--format", "json")
	var keys []string
	for _, line := range strings.Split(strings.TrimSpace(graph), "\n") {
		var rec struct {
			Node *struct {
				ID string `json:"id"`
			} `json:"node"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("export: %v: %s", err, line)
		}
		if rec.Node != nil {
			keys = append(keys, rec.Node.ID)
		}
	}
	if len(keys) < 50 {
		t.Fatalf("export lists %d documents and stubs, want the fixtures' 80 or so", len(keys))
	}
	for _, k := range keys {
		same("show", "--json", k)
		same("cites", "--json", k)
		same("trace", "--up", "--json", k)
		same("trace", "--down", "--json", k)
	}
	for _, q := range []string{"kế hoạch", "dan van", "33/CT-TTg", "Nghị định 15/2020/NĐ-CP", "chỉ thị"} {
		same("search", "--json", q)
	}
	same("search", "--json", "--type", "Kế hoạch", "--province", "Bình Định", "công tác")
	same("tasks", "--json", "--today", "2024-06-01")
	same("export", "--format", "csv")
	same("verify", "--full", "--json")
}

// tiesByID is the JSON lines of a search with the hits of equal score in
// the order of their ids: bleve orders ties by its internal document
// numbers, which follow the order documents reached the index, not the
// database.
func tiesByID(t *testing.T, out string) string {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	type hit struct {
		ID    string  `json:"id"`
		Score float64 `json:"score"`
	}
	hits := make([]hit, len(lines))
	for i, l := range lines {
		if err := json.Unmarshal([]byte(l), &hits[i]); err != nil {
			t.Fatalf("search: %v: %s", err, l)
		}
	}
	idx := make([]int, len(lines))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ha, hb := hits[idx[a]], hits[idx[b]]
		switch {
		case ha.ID == "": // the facets, last
			return false
		case hb.ID == "":
			return true
		case ha.Score != hb.Score:
			return ha.Score > hb.Score
		}
		return ha.ID < hb.ID
	})
	var b strings.Builder
	for _, i := range idx {
		b.WriteString(lines[i] + "\n")
	}
	return b.String()
}
