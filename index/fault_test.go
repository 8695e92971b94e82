package index

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// indexedDir builds an index of docs on disk and closes it; it returns the
// index path.
func indexedDir(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), Name)
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(docs); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// segments lists the zap segment files of an index.
func segments(t *testing.T, path string) []string {
	t.Helper()
	segs, err := filepath.Glob(filepath.Join(path, "store", "*.zap"))
	if err != nil || len(segs) == 0 {
		t.Fatalf("no segment in %s (%v)", path, err)
	}
	return segs
}

func TestOpenBusy(t *testing.T) {
	path := indexedDir(t)
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	_, err = Open(path)
	if !errors.Is(err, ErrBusy) || errors.Is(err, ErrDamaged) {
		t.Fatalf("second Open = %v, want ErrBusy", err)
	}
}

// damages are the ways an index on disk is damaged in the fault suite.
var damages = []struct {
	name string
	do   func(t *testing.T, path string)
}{
	{"truncated segment", func(t *testing.T, path string) {
		for _, s := range segments(t, path) {
			fi, _ := os.Stat(s)
			if err := os.Truncate(s, fi.Size()/2); err != nil {
				t.Fatal(err)
			}
		}
	}},
	{"flipped bytes in a segment", func(t *testing.T, path string) {
		for _, s := range segments(t, path) {
			b, err := os.ReadFile(s)
			if err != nil {
				t.Fatal(err)
			}
			for i := len(b) / 3; i < len(b)/3+16 && i < len(b); i++ {
				b[i] ^= 0xff
			}
			if err := os.WriteFile(s, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}},
	{"deleted segment", func(t *testing.T, path string) {
		for _, s := range segments(t, path) {
			if err := os.Remove(s); err != nil {
				t.Fatal(err)
			}
		}
	}},
	{"deleted index_meta.json", func(t *testing.T, path string) {
		if err := os.Remove(filepath.Join(path, "index_meta.json")); err != nil {
			t.Fatal(err)
		}
	}},
	{"garbled index_meta.json", func(t *testing.T, path string) {
		if err := os.WriteFile(filepath.Join(path, "index_meta.json"), []byte("{\"storage\":\x00\xff"), 0o600); err != nil {
			t.Fatal(err)
		}
	}},
	{"damaged root.bolt", func(t *testing.T, path string) {
		p := filepath.Join(path, "store", "root.bolt")
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < len(b); i += 7 {
			b[i] ^= 0x5a
		}
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}},
}

// TestOpenDamaged: whatever the damage, Open neither panics nor opens a
// index that lost documents: it says the index is damaged and what to do.
func TestOpenDamaged(t *testing.T) {
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			path := indexedDir(t)
			d.do(t, path)
			ix, err := Open(path)
			if err == nil {
				ix.Close()
				t.Fatal("Open of a damaged index succeeded")
			}
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "vanban reindex") {
				t.Fatalf("Open = %v, want ErrDamaged naming 'vanban reindex'", err)
			}
		})
	}
}
