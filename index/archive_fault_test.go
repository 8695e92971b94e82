package index

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var faultCorpus = []string{"../testdata/corpus/chain-local", "../testdata/corpus/chain"}

// builtArchive ingests faultCorpus into a new store and closes it.
func builtArchive(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "store")
	a, err := OpenArchive(dir, ArchiveOptions{Create: true, Index: true})
	if err != nil {
		t.Fatal(err)
	}
	rep, ixErr, err := a.Ingest(context.Background(), faultCorpus, IngestOptions{Workers: 2})
	if err != nil || ixErr != nil || rep.Added != 11 {
		t.Fatalf("ingest: %+v %v %v", rep, ixErr, err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

// searchIDs is what the fault suite compares before and after: the ids a
// few searches find.
func searchIDs(t *testing.T, a *Archive) [][]string {
	t.Helper()
	var out [][]string
	for _, q := range []Query{{Text: "dân vận khéo"}, {Text: "47-CT/TW"}, {Text: "ke hoach", Province: "Bình Định"}, {Type: "Kế hoạch", Size: 50}} {
		res, err := a.Search(context.Background(), q)
		if err != nil {
			t.Fatalf("search %+v: %v", q, err)
		}
		out = append(out, ids(res.Result))
	}
	return out
}

func verifyIndex(t *testing.T, a *Archive) VerifyResult {
	t.Helper()
	r, err := a.VerifyWith(context.Background(), false, true)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestDamagedIndexHeals is the index half of the fault suite: whatever the
// damage, opening the index neither panics nor serves a smaller index;
// verify names the damage; symbol queries still answer from the database;
// reindex rebuilds without opening the damaged index, and searches answer
// as before.
func TestDamagedIndexHeals(t *testing.T) {
	clean := builtArchive(t)
	a, err := OpenArchive(clean, ArchiveOptions{Index: true})
	if err != nil {
		t.Fatal(err)
	}
	before := searchIDs(t, a)
	a.Close()
	if len(before[0]) == 0 || len(before[1]) == 0 {
		t.Fatalf("the searches find nothing to compare: %v", before)
	}
	ctx := context.Background()
	for _, d := range damages {
		t.Run(d.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "store")
			copyDir(t, clean, dir)
			d.do(t, Path(dir))
			if _, err := OpenArchive(dir, ArchiveOptions{Index: true}); !errors.Is(err, ErrDamaged) {
				t.Fatalf("OpenArchive of a damaged index = %v, want ErrDamaged", err)
			}
			a, err := OpenArchive(dir, ArchiveOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			if err := a.OpenIndex(); !errors.Is(err, ErrDamaged) {
				t.Fatalf("OpenIndex = %v", err)
			}
			r := verifyIndex(t, a)
			if len(r.Problems) != 1 || r.Problems[0].Check != "index" || !strings.Contains(r.Problems[0].Message, "damaged") ||
				!strings.Contains(r.Problems[0].Message, "vanban reindex") {
				t.Fatalf("verify of a damaged index: %+v", r.Problems)
			}
			// A symbol still answers, from the database.
			res, err := a.Search(ctx, Query{Text: "47-CT/TW"})
			if err != nil || !reflect.DeepEqual(ids(res.Result), before[1]) || res.Warning == "" {
				t.Errorf("symbol search without the index: %v %q %v; the index found %v", ids(res.Result), res.Warning, err, before[1])
			}
			if _, err := a.Search(ctx, Query{Text: "dân vận khéo"}); !errors.Is(err, ErrDamaged) {
				t.Fatalf("text search without the index = %v, want ErrDamaged", err)
			}
			n, err := a.Reindex(ctx)
			if err != nil || n != 11 {
				t.Fatalf("reindex: %d %v", n, err)
			}
			if got := searchIDs(t, a); !reflect.DeepEqual(got, before) {
				t.Errorf("after reindex the searches find %v, before %v", got, before)
			}
			if r := verifyIndex(t, a); len(r.Problems) > 0 || r.Lag != 0 || r.Indexed != 11 || r.Compared != 11 || r.Sample {
				t.Errorf("verify after reindex: %+v", r)
			}
			if leftovers, _ := filepath.Glob(Path(dir) + ".*"); len(leftovers) > 0 {
				t.Errorf("reindex left %v", leftovers)
			}
		})
	}
}

// TestIndexFollowsChanges: a correction, a stale entry and a lost batch
// are seen by verify and mended by the next sync.
func TestIndexFollowsChanges(t *testing.T) {
	ctx := context.Background()
	dir := builtArchive(t)
	a, err := OpenArchive(dir, ArchiveOptions{Index: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	d, err := a.Resolve(ctx, "47-CT/TW")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Correct(ctx, d, "subject", "về tăng cường sửa chữa", "test"); err != nil {
		t.Fatal(err)
	}
	got, _ := a.ix.Stored(d.Key)
	if got["subject"] != "về tăng cường sửa chữa" {
		t.Fatalf("the correction is not in the index: %v", got)
	}
	// An entry written behind the change log's back differs from the
	// database: verify names it and the field.
	if err := a.ix.Put([]Doc{{ID: d.Key, Symbol: d.Symbol, Subject: "something else"}}); err != nil {
		t.Fatal(err)
	}
	r := verifyIndex(t, a)
	if len(r.Problems) != 1 || r.Problems[0].Key != d.Key || !strings.Contains(r.Problems[0].Message, "type") {
		t.Fatalf("verify of a stale entry: %+v", r.Problems)
	}
	// A change the index has not applied is lag, then applied by Sync.
	if _, err := a.st.SetOverride(ctx, d.Key, "type", "Chỉ thị", "", "test"); err != nil {
		t.Fatal(err)
	}
	if r := verifyIndex(t, a); r.Lag != 1 {
		t.Fatalf("lag %d, want 1", r.Lag)
	}
	if _, err := a.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if r := verifyIndex(t, a); len(r.Problems) > 0 || r.Lag != 0 {
		t.Fatalf("verify after sync: %+v", r)
	}
}

// TestIndexOfTheLastRelease: a store and index made by the release before
// the change log (schema version 3, committed in corpus/testdata) migrate;
// the index, which recorded no sequence, is brought up to date on open.
func TestIndexOfTheLastRelease(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "store")
	copyDir(t, "../corpus/testdata/store-v3", dir)
	a, err := OpenArchive(dir, ArchiveOptions{Index: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	seq, ok, err := a.ix.Seq()
	if err != nil || !ok || seq == 0 {
		t.Fatalf("the index recorded no sequence after open: %d %v %v", seq, ok, err)
	}
	if r := verifyIndex(t, a); len(r.Problems) > 0 || r.Indexed != 11 || r.Lag != 0 {
		t.Fatalf("verify: %+v", r)
	}
}

func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
