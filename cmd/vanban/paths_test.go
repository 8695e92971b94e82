package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"vanban/corpus"
)

// runBinaryIn runs the built binary in the directory dir.
func runBinaryIn(t testing.TB, dir string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "VANBAN_STORE=")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func mustRun(t *testing.T, dir string, want int, args ...string) string {
	t.Helper()
	out, errs, code := runBinaryIn(t, dir, args...)
	if code != want {
		t.Fatalf("vanban %s (in %s): exit %d, want %d\n%s%s", strings.Join(args, " "), dir, code, want, out, errs)
	}
	return out
}

// verify finds every file when run from another directory than the
// ingest's (which was given relative paths), and after the whole store
// directory was moved (the files inside it are recorded relative to it,
// the others absolute).
func TestVerifyFromAnotherDirAndMovedStore(t *testing.T) {
	dir, _ := filepath.EvalSymlinks(t.TempDir())
	work := filepath.Join(dir, "work")
	copyTree(t, filepath.Join("..", "..", "testdata", "corpus", "chain"), filepath.Join(work, "in"))
	os.MkdirAll(filepath.Join(work, "store", "files"), 0o755)
	if err := os.Rename(filepath.Join(work, "in", "4_ke_hoach_xa.txt"), filepath.Join(work, "store", "files", "xa.txt")); err != nil {
		t.Fatal(err)
	}

	out := mustRun(t, work, exitOK, "ingest", "--store", "store", "./in", "in/../in/1_chi_thi_tw.txt", "store/files")
	if !strings.Contains(out, "4 added, 0 changed, 0 duplicates") {
		t.Errorf("ingest:\n%s", out)
	}
	other := filepath.Join(dir, "other")
	os.MkdirAll(other, 0o755)
	out = mustRun(t, other, exitOK, "verify", "--store", filepath.Join(work, "store"))
	if !strings.Contains(out, "4 files checked") || !strings.Contains(out, ": 0 problems") {
		t.Errorf("verify from another directory:\n%s", out)
	}
	// show by the path as typed elsewhere: the same document.
	out = mustRun(t, other, exitOK, "show", "--store", filepath.Join(work, "store"), "--json", filepath.Join("..", "work", "in", "1_chi_thi_tw.txt"))
	if !strings.Contains(out, `"47-CT/TW`) {
		t.Errorf("show by path from another directory:\n%s", out)
	}

	moved := filepath.Join(dir, "moved", "store-2")
	os.MkdirAll(filepath.Dir(moved), 0o755)
	if err := os.Rename(filepath.Join(work, "store"), moved); err != nil {
		t.Fatal(err)
	}
	out = mustRun(t, other, exitOK, "verify", "--store", moved)
	if !strings.Contains(out, "4 files checked") || !strings.Contains(out, ": 0 problems") {
		t.Errorf("verify of the moved store:\n%s", out)
	}
	out = mustRun(t, other, exitOK, "show", "--store", moved, "--json", "15-KH/ĐU")
	var rec struct {
		Source struct{ Path string } `json:"source"`
	}
	json.Unmarshal([]byte(out), &rec)
	if rec.Source.Path != filepath.Join(moved, "files", "xa.txt") {
		t.Errorf("the source of a file inside the moved store is %q", rec.Source.Path)
	}
}

// A file moved or renamed is recognised by its content when ingested
// again; verify --relocate finds moved files under a folder (--dry-run
// first); either way verify then finds everything.
func TestMovedFilesRelocated(t *testing.T) {
	dir, _ := filepath.EvalSymlinks(t.TempDir())
	in := filepath.Join(dir, "in")
	copyTree(t, filepath.Join("..", "..", "testdata", "corpus", "chain"), in)
	store := filepath.Join(dir, "store")
	mustRun(t, dir, exitOK, "ingest", "--store", store, "in")

	// Renamed in place, ingested again.
	os.Rename(filepath.Join(in, "1_chi_thi_tw.txt"), filepath.Join(in, "ct47.txt"))
	out := mustRun(t, dir, exitOK, "ingest", "--store", store, "--report", filepath.Join(dir, "r.json"), "in")
	if !strings.Contains(out, "0 added, 0 changed, 0 duplicates, 1 moved, 3 unchanged") ||
		!strings.Contains(out, "moved from "+filepath.Join(in, "1_chi_thi_tw.txt")) {
		t.Errorf("ingest after a rename:\n%s", out)
	}
	r := readReport(t, filepath.Join(dir, "r.json"))
	want := []corpus.Move{{Path: filepath.Join(in, "ct47.txt"), From: []string{filepath.Join(in, "1_chi_thi_tw.txt")}, Of: "47-CT/TW:2023:vn"}}
	if r.Moved != 1 || !reflect.DeepEqual(r.MovedFrom, want) {
		t.Errorf("report: %d moved, %+v", r.Moved, r.MovedFrom)
	}

	// The folder moved elsewhere, two files renamed.
	arch := filepath.Join(dir, "archive", "2023")
	os.MkdirAll(filepath.Dir(arch), 0o755)
	if err := os.Rename(in, arch); err != nil {
		t.Fatal(err)
	}
	os.Rename(filepath.Join(arch, "2_ket_luan_tinh.txt"), filepath.Join(arch, "kl512.txt"))
	out, _, code := runBinaryIn(t, dir, "verify", "--store", store)
	if code != exitPartial || strings.Count(out, "missing") != 4 {
		t.Errorf("verify after the move: exit %d\n%s", code, out)
	}
	out, _, code = runBinaryIn(t, dir, "verify", "--store", store, "--relocate", "archive", "--dry-run")
	if code != exitPartial || strings.Count(out, "would relocate: ") != 4 || strings.Count(out, "missing") != 4 {
		t.Errorf("dry run: exit %d\n%s", code, out)
	}
	out = mustRun(t, dir, exitOK, "verify", "--store", store, "--relocate", "archive")
	if strings.Count(out, "relocated: ") != 4 || !strings.Contains(out, filepath.Join(in, "2_ket_luan_tinh.txt")+" → "+filepath.Join(arch, "kl512.txt")) ||
		!strings.Contains(out, ": 0 problems") {
		t.Errorf("relocate:\n%s", out)
	}
	out = mustRun(t, dir, exitOK, "ingest", "--store", store, "archive")
	if !strings.Contains(out, "0 added, 0 changed, 0 duplicates, 4 unchanged") {
		t.Errorf("ingest of the relocated files:\n%s", out)
	}
	if _, _, code := runBinaryIn(t, dir, "verify", "--store", store, "--dry-run"); code != exitUsage {
		t.Errorf("--dry-run without --relocate: exit %d", code)
	}
}

// forget of a cited document, by its path: the dry run changes nothing;
// then it leaves the database and the search index, its citers keep an
// edge to a stub with its id, verify is clean, and the file ingested
// again joins them.
func TestForgetCitedDocumentEndToEnd(t *testing.T) {
	dir, _ := filepath.EvalSymlinks(t.TempDir())
	copyTree(t, filepath.Join("..", "..", "testdata", "corpus", "chain"), filepath.Join(dir, "in"))
	store := filepath.Join(dir, "store")
	mustRun(t, dir, exitOK, "ingest", "--store", store, "in")
	const kl = "512-KL/TU:2023:lai-chau"
	search := func() string {
		return mustRun(t, dir, exitOK, "search", "--store", store, "Ban Thường vụ Tỉnh ủy kết luận")
	}
	if !strings.Contains(search(), kl) {
		t.Fatal("search does not find the document before forget")
	}
	before := snapshot(t, store)
	out := mustRun(t, dir, exitOK, "forget", "--store", store, "--dry-run", "in/2_ket_luan_tinh.txt")
	if !strings.Contains(out, "would forget") || !strings.Contains(out, filepath.Join(dir, "in", "2_ket_luan_tinh.txt")) {
		t.Errorf("dry run:\n%s", out)
	}
	if !reflect.DeepEqual(before, snapshot(t, store)) {
		t.Fatal("the dry run changed the store")
	}
	out = mustRun(t, filepath.Join(dir, "in"), exitOK, "forget", "--store", store, "--json", "2_ket_luan_tinh.txt")
	var f corpus.Forgotten
	if err := json.Unmarshal([]byte(out), &f); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if f.Key != kl || !f.Stub || !f.Text || len(f.Paths) != 1 || len(f.Citing) != 2 {
		t.Errorf("forgotten: %+v", f)
	}
	if strings.Contains(search(), kl) {
		t.Error("search still finds the forgotten document")
	}
	out = mustRun(t, dir, exitOK, "show", "--store", store, "--json", "512-KL/TU")
	if !strings.Contains(out, `"state":"stub"`) {
		t.Errorf("show after forget:\n%s", out)
	}
	out = mustRun(t, dir, exitOK, "cites", "--store", store, "512-KL/TU")
	if !strings.Contains(out, "88-KH/HU") {
		t.Errorf("the citer lost its edge:\n%s", out)
	}
	out = mustRun(t, dir, exitOK, "verify", "--store", store, "--full")
	if !strings.Contains(out, "3 files checked, 3 documents in the database, 3 in the index") || !strings.Contains(out, ": 0 problems") {
		t.Errorf("verify after forget:\n%s", out)
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"512-KL/TU"}, exitPartial},         // a stub now: nothing to forget
		{[]string{"999-KL/XYZ"}, exitPartial},        // nothing matches
		{[]string{}, exitUsage},                      // no DOC
		{[]string{"--no-such-flag", "x"}, exitUsage}, // bad flag
	} {
		if _, errs, code := runBinaryIn(t, dir, append([]string{"forget", "--store", store}, tc.args...)...); code != tc.code {
			t.Errorf("forget %q: exit %d, want %d: %s", tc.args, code, tc.code, errs)
		}
	}
	out = mustRun(t, dir, exitOK, "ingest", "--store", store, "in")
	if !strings.Contains(out, "1 added") {
		t.Errorf("ingest again:\n%s", out)
	}
	if !strings.Contains(search(), kl) {
		t.Error("search does not find the document ingested again")
	}
	if got := snapshot(t, store); !reflect.DeepEqual(before, got) {
		t.Errorf("the store ingested again differs from the first")
	}

	// Beside a server holding the index: it is asked to apply the change.
	startServe(t, "--store", store)
	const kh = "15-KH/ĐU:2023:lai-chau/tam-duong/ban-giang"
	if !strings.Contains(search(), kh) {
		t.Fatal("search through the server does not find the plan")
	}
	out = mustRun(t, dir, exitOK, "forget", "--store", store, kh)
	if !strings.Contains(out, "forgot ") || strings.Contains(out, "kept as a stub") {
		t.Errorf("forget an uncited document beside the server:\n%s", out)
	}
	if strings.Contains(search(), kh) {
		t.Error("the server's index still finds the forgotten document")
	}
	out = mustRun(t, dir, exitOK, "verify", "--store", store, "--full")
	if !strings.Contains(out, "3 documents in the database, 3 in the index (0 changes behind") || !strings.Contains(out, ": 0 problems") {
		t.Errorf("verify through the server after forget:\n%s", out)
	}
}

// A store of schema version 1 (corpus/testdata/store-v1, made by an ingest
// in the repository's root, with relative paths) migrates: verify names
// the paths it cannot place, ingesting the files again and --relocate
// place them, and verify is then clean.
func TestOldStoreRelativePaths(t *testing.T) {
	dir, _ := filepath.EvalSymlinks(t.TempDir())
	store := filepath.Join(dir, "store")
	os.MkdirAll(store, 0o755)
	b, err := os.ReadFile(filepath.Join("..", "..", "corpus", "testdata", "store-v1", corpus.DBName))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(store, corpus.DBName), b, 0o644)
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	out, _, code := runBinaryIn(t, dir, "verify", "--store", store)
	if code != exitPartial || strings.Count(out, "before schema version 5") != 8 {
		t.Errorf("verify of the old store: exit %d\n%s", code, out)
	}
	out = mustRun(t, dir, exitOK, "ingest", "--store", store, filepath.Join(root, "testdata", "corpus", "chain"))
	if !strings.Contains(out, "4 moved") || !strings.Contains(out, "moved from testdata/corpus/chain/1_chi_thi_tw.txt") {
		t.Errorf("ingest of the old store's files:\n%s", out)
	}
	parse := filepath.Join(dir, "copy")
	os.MkdirAll(parse, 0o755)
	for _, f := range []string{"news-article.txt", "commune-plan.txt", "province-plan.txt", "state-decision.md"} {
		b, _ := os.ReadFile(filepath.Join(root, "testdata", "parse", f))
		os.WriteFile(filepath.Join(parse, f), b, 0o644)
	}
	out = mustRun(t, dir, exitOK, "verify", "--store", store, "--relocate", "copy")
	if strings.Count(out, "relocated: testdata/parse/") != 4 || !strings.Contains(out, "8 files checked") || !strings.Contains(out, ": 0 problems") {
		t.Errorf("relocate the old store's files:\n%s", out)
	}
}
