package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedBatch: the committed testdata/faults and its manifest are
// what the generator makes now (regenerate with `go run ./internal/mkfaults
// testdata/faults` after changing it), and the batch stays small on disk.
func TestCommittedBatch(t *testing.T) {
	root := filepath.Join("..", "..")
	out := filepath.Join(t.TempDir(), "faults")
	if err := write(out, root); err != nil {
		t.Fatal(err)
	}
	committed := filepath.Join(root, "testdata", "faults")
	compare := func(a, b string) {
		x, err := os.ReadFile(a)
		if err != nil {
			t.Error(err)
			return
		}
		y, err := os.ReadFile(b)
		if err != nil {
			t.Errorf("%v (run go run ./internal/mkfaults testdata/faults)", err)
			return
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs from what the generator makes (run go run ./internal/mkfaults testdata/faults)", b)
		}
	}
	compare(out+".tsv", committed+".tsv")
	var total int64
	n := 0
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		compare(p, filepath.Join(committed, rel))
		fi, _ := d.Info()
		total += fi.Size()
		n++
		return nil
	})
	filepath.WalkDir(committed, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(committed, p)
		if _, err := os.Stat(filepath.Join(out, rel)); err != nil {
			t.Errorf("testdata/faults/%s is not made by the generator", rel)
		}
		return nil
	})
	if n < 100 {
		t.Errorf("the batch has %d files, want at least 100", n)
	}
	if total > 5<<20 {
		t.Errorf("the batch takes %d bytes, over 5 MiB", total)
	}
	t.Logf("%d files, %d bytes", n, total)
}
