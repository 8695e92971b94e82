package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"vanban/corpus"
	"vanban/corpus/synth"
	"vanban/index"
)

// indexEqualsDatabase opens the store's index raw (without the archive,
// which would bring it up to date) and compares its ids with the
// database's documents: by count and id by id.
func indexEqualsDatabase(t *testing.T, store string) int {
	t.Helper()
	st, err := corpus.Open(store)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	want, err := st.DocumentKeys(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ix, err := index.Open(index.Path(store))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	have, err := ix.IDs()
	if err != nil {
		t.Fatal(err)
	}
	n, _ := ix.Count()
	if int(n) != len(want) || len(have) != len(want) {
		t.Errorf("the index holds %d documents (%d ids), the database %d", n, len(have), len(want))
	}
	var missing, extra []string
	for k := range want {
		if !have[k] {
			missing = append(missing, k)
		}
	}
	for k := range have {
		if !want[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing)+len(extra) > 0 {
		t.Errorf("index differs from the database: %d missing %.5v, %d extra %.5v", len(missing), missing, len(extra), extra)
	}
	return len(want)
}

// TestFaultTwoIngestsAtOnce: two `vanban ingest` on one store at once (one
// holds the index, the other waits for it at its end) end with the index
// equal to the database.
func TestFaultTwoIngestsAtOnce(t *testing.T) {
	dir := t.TempDir()
	all := filepath.Join(dir, "all")
	if _, err := synth.Write(all, synth.Options{N: 300, Seed: 11, BodyBytes: 2000}); err != nil {
		t.Fatal(err)
	}
	// Two halves of one corpus, one for each ingest.
	ins := []string{filepath.Join(dir, "a"), filepath.Join(dir, "b")}
	files, _ := filepath.Glob(filepath.Join(all, "*"))
	for _, in := range ins {
		if err := os.MkdirAll(in, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for i, f := range files {
		if err := os.Rename(f, filepath.Join(ins[i%2], filepath.Base(f))); err != nil {
			t.Fatal(err)
		}
	}
	store := filepath.Join(dir, "store")
	var wg sync.WaitGroup
	errs := make([]string, len(ins))
	for i, in := range ins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := exec.Command(binary, "ingest", "--store", store, "-q", "-j", "1", in).CombinedOutput()
			if err != nil {
				errs[i] = err.Error() + ": " + string(out)
			}
		}()
	}
	wg.Wait()
	for _, e := range errs {
		if e != "" {
			t.Fatalf("ingest: %s", e)
		}
	}
	// As many documents as one ingest of both halves stores.
	clean := filepath.Join(dir, "clean")
	if _, errs, code := runBinary(t, "ingest", "--store", clean, "-q", ins[0], ins[1]); code != exitOK {
		t.Fatalf("clean ingest: %d %s", code, errs)
	}
	if n, want := indexEqualsDatabase(t, store), indexEqualsDatabase(t, clean); n != want || n < 100 {
		t.Errorf("%d documents stored by two ingests at once, %d by one", n, want)
	}
}

// TestFaultIngestBesideServer: an ingest while `vanban serve` holds the
// index ends with the index equal to the database.
func TestFaultIngestBesideServer(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if _, err := synth.Write(in, synth.Options{N: 200, Seed: 13, BodyBytes: 2000}); err != nil {
		t.Fatal(err)
	}
	store := filepath.Join(dir, "store")
	if err := os.MkdirAll(store, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := runBinary(t, "ingest", "--store", store, "-q", "../../testdata/corpus/chain"); code != exitOK {
		t.Fatalf("first ingest: %d %s", code, errs)
	}
	_, srv := startServe(t, "--store", store)
	if _, errs, code := runBinary(t, "ingest", "--store", store, "-q", in); code != exitOK {
		t.Fatalf("ingest beside the server: %d %s", code, errs)
	}
	// A search through the server sees every document now.
	out, errs, code := runBinary(t, "search", "--store", store, "--json", "-n", "1", "--type", "Kế hoạch")
	if code != exitOK || strings.Contains(errs, "not in the search index") {
		t.Errorf("search beside the server: %d %s %s", code, out, errs)
	}
	srv.Process.Signal(os.Interrupt)
	srv.Wait()
	indexEqualsDatabase(t, store)
}

// TestFaultDamagedIndexCommands: with a segment of the index truncated,
// search by symbol answers from the database with a warning, verify names
// the damage, reindex heals it, and the searches answer as before.
func TestFaultDamagedIndexCommands(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	if _, errs, code := runBinary(t, "ingest", "--store", store, "-q", "../../testdata/corpus/chain", "../../testdata/corpus/chain-local"); code != exitOK {
		t.Fatalf("ingest: %d %s", code, errs)
	}
	text, _, _ := runBinary(t, "search", "--store", store, "--json", "dân vận khéo")
	sym, _, _ := runBinary(t, "search", "--store", store, "--json", "47-CT/TW")
	segs, _ := filepath.Glob(filepath.Join(index.Path(store), "store", "*.zap"))
	if len(segs) == 0 {
		t.Fatal("no segment")
	}
	for _, s := range segs {
		fi, _ := os.Stat(s)
		if err := os.Truncate(s, fi.Size()/2); err != nil {
			t.Fatal(err)
		}
	}
	out, errs, code := runBinary(t, "search", "--store", store, "--json", "47-CT/TW")
	if code != exitOK || !strings.Contains(errs, "damaged") || !strings.Contains(errs, "answered from the database") || !sameHits(out, sym) {
		t.Errorf("symbol search on a damaged index: %d\n%s\n%s\nbefore:\n%s", code, out, errs, sym)
	}
	if _, errs, code := runBinary(t, "search", "--store", store, "dân vận khéo"); code == exitOK || !strings.Contains(errs, "vanban reindex") || strings.Contains(errs, "panic") {
		t.Errorf("text search on a damaged index: %d %s", code, errs)
	}
	out, errs, code = runBinary(t, "verify", "--store", store, "--no-files")
	if code == exitOK || !strings.Contains(out, "index: the search index is damaged") || !strings.Contains(out, ".zap") {
		t.Errorf("verify on a damaged index: %d\n%s\n%s", code, out, errs)
	}
	if out, errs, code := runBinary(t, "reindex", "--store", store); code != exitOK || !strings.Contains(out, "11 documents") {
		t.Fatalf("reindex: %d %s %s", code, out, errs)
	}
	if out, errs, code := runBinary(t, "verify", "--store", store, "--no-files", "--full"); code != exitOK || !strings.Contains(out, "0 changes behind; 11 entries compared field by field, all") {
		t.Errorf("verify after reindex: %d\n%s\n%s", code, out, errs)
	}
	if got, _, _ := runBinary(t, "search", "--store", store, "--json", "dân vận khéo"); got != text {
		t.Errorf("after reindex search finds\n%s\nbefore\n%s", got, text)
	}
}

// sameHits compares the ids of two `search --json` outputs.
func sameHits(a, b string) bool {
	ids := func(s string) []string {
		var out []string
		for _, l := range strings.Split(s, "\n") {
			if i := strings.Index(l, `{"id":"`); i == 0 {
				out = append(out, strings.SplitN(l[7:], `"`, 2)[0])
			}
		}
		sort.Strings(out)
		return out
	}
	return len(ids(b)) > 0 && reflect.DeepEqual(ids(a), ids(b))
}
