package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"vanban/corpus"
	"vanban/corpus/synth"
	"vanban/index"
	"vanban/internal/pgtest"

	"vanban/internal/testenv"
)

// binary is the vanban executable built once for the end-to-end tests that
// must run a real process (kill -9, --watch).
var binary string

// TestMain builds the binary once for the package's tests. It is the
// package's only TestMain: add set-up here rather than a second one.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "vanban-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "vanban")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "cannot build vanban:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	pgtest.StopShared()
	os.RemoveAll(dir)
	os.Exit(code)
}

// vanban runs a command in-process and returns stdout, stderr and the exit
// status.
func vanban(t testing.TB, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := Run(context.Background(), env, args)
	return out.String(), errb.String(), code
}

// runBinary runs the built binary.
func runBinary(t testing.TB, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
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

func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func snapshot(t testing.TB, store string) []string {
	t.Helper()
	st, err := corpus.Open(store)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := st.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func readReport(t testing.TB, path string) corpus.Report {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var r corpus.Report
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestIngestIdempotentDuplicatesFailures(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	copyTree(t, filepath.Join("..", "..", "testdata", "corpus", "chain"), in)
	// The same content at another path, and a file that is not a document.
	b, _ := os.ReadFile(filepath.Join(in, "2_ket_luan_tinh.txt"))
	os.MkdirAll(filepath.Join(in, "copy"), 0o755)
	os.WriteFile(filepath.Join(in, "copy", "kl512.txt"), b, 0o644)
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(i*7 + 3)
	}
	os.WriteFile(filepath.Join(in, "garbage.bin"), garbage, 0o644)
	os.WriteFile(filepath.Join(in, "empty.txt"), nil, 0o644)
	store := filepath.Join(dir, "store")
	rep := filepath.Join(dir, "report.json")

	out, errs, code := vanban(t, "ingest", "--store", store, "--report", rep, in)
	if code != exitPartial {
		t.Fatalf("first run: exit %d, want %d (two bad files)\n%s\n%s", code, exitPartial, out, errs)
	}
	r := readReport(t, rep)
	if r.Added != 4 || r.Duplicates != 1 || r.Failed != 2 || r.Files != 7 {
		t.Errorf("first run report: %+v", r)
	}
	// Files are processed in parallel: either copy may be stored first, and
	// the other is its duplicate.
	if len(r.DuplicateOf) != 1 || !strings.HasSuffix(r.DuplicateOf[0].Path, "kl512.txt") && !strings.HasSuffix(r.DuplicateOf[0].Path, "2_ket_luan_tinh.txt") {
		t.Errorf("duplicates: %+v", r.DuplicateOf)
	}
	if len(r.Failures) != 2 || r.Failures[0].Kind == "" || r.Failures[0].Message == "" {
		t.Errorf("failures: %+v", r.Failures)
	}
	// The run's cost and shape (issue 11): when each tenth was done, the
	// kernel's counters, the store's parts.
	if len(r.Tenths) != 10 || r.Tenths[9] > r.Seconds+0.01 {
		t.Errorf("tenths %v of a %.2fs run", r.Tenths, r.Seconds)
	}
	for i := 1; i < len(r.Tenths); i++ {
		if r.Tenths[i] < r.Tenths[i-1] {
			t.Errorf("tenths go back: %v", r.Tenths)
		}
	}
	if x := r.Resources; x == nil || x.UserSeconds+x.SystemSeconds <= 0 || x.PeakRSSBytes <= 0 || x.WriteBytes <= 0 {
		t.Errorf("resources: %+v", x)
	}
	if r.StoreBytes["db"] <= 0 || r.StoreBytes["index"] <= 0 {
		t.Errorf("store bytes: %v", r.StoreBytes)
	}
	if !strings.Contains(out, "MB written, peak memory") {
		t.Errorf("the printed report does not give the cost:\n%s", out)
	}
	first := snapshot(t, store)

	_, _, code = vanban(t, "ingest", "--store", store, "--report", rep, in)
	r = readReport(t, rep)
	if r.Added != 0 || r.Changed != 0 || r.Duplicates != 0 || r.Unchanged != 5 || r.Failed != 2 || code != exitPartial {
		t.Errorf("second run report: %+v (exit %d)", r, code)
	}
	if second := snapshot(t, store); !reflect.DeepEqual(first, second) {
		t.Errorf("a second run changed the store")
	}

	// The report is also in the store.
	st, _ := corpus.Open(store)
	var n int
	st.DB().QueryRow(`SELECT count(*) FROM runs WHERE report IS NOT NULL`).Scan(&n)
	st.Close()
	if n != 2 {
		t.Errorf("%d reports in the store, want 2", n)
	}

	// A changed file is re-read and reported as changed.
	p := filepath.Join(in, "4_ke_hoach_xa.txt")
	b, _ = os.ReadFile(p)
	os.WriteFile(p, append(b, []byte("\nPhụ lục kèm theo.\n")...), 0o644)
	vanban(t, "ingest", "--store", store, "--report", rep, in)
	if r = readReport(t, rep); r.Changed != 1 || r.Added != 0 {
		t.Errorf("after a change: %+v", r)
	}

	// verify: all well, then a file altered behind the store's back.
	if out, errs, code := vanban(t, "verify", "--store", store); code != exitOK {
		t.Errorf("verify: exit %d\n%s%s", code, out, errs)
	}
	os.WriteFile(filepath.Join(in, "1_chi_thi_tw.txt"), []byte("altered"), 0o644)
	out, _, code = vanban(t, "verify", "--store", store)
	if code != exitPartial || !strings.Contains(out, "1_chi_thi_tw.txt: checksum") {
		t.Errorf("verify after an alteration: exit %d\n%s", code, out)
	}
}

func TestIngestLimits(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	copyTree(t, filepath.Join("..", "..", "testdata", "corpus", "chain"), in)
	store := filepath.Join(dir, "store")
	rep := filepath.Join(dir, "r.json")
	// A limit between the sizes of the fixtures: the longer ones fail as
	// too_large, the run goes on.
	_, _, code := vanban(t, "ingest", "--store", store, "--report", rep, "--max-bytes", "1350", "--no-index", in)
	r := readReport(t, rep)
	if code != exitPartial || r.FailedByKind["too_large"] == 0 || r.Added == 0 || r.Added+r.Failed != 4 {
		t.Errorf("size limit: exit %d, report %+v", code, r)
	}
}

// parserReady says whether the parser gives what the graph tests need for a
// fixture (symbol and references); the corpus is built on top of it.
func parserReady(t *testing.T, path string) bool {
	out, _, _ := vanban(t, "parse", "--json", path)
	var d struct {
		Symbol     *string           `json:"symbol"`
		References []json.RawMessage `json:"references"`
	}
	json.Unmarshal([]byte(out), &d)
	return d.Symbol != nil && len(d.References) > 0
}

func TestChainFixture(t *testing.T) {
	chain := filepath.Join("..", "..", "testdata", "corpus", "chain")
	if !parserReady(t, filepath.Join(chain, "4_ke_hoach_xa.txt")) {
		t.Fatal("rules.ParseText does not give the symbol and references of testdata/corpus/chain/4_ke_hoach_xa.txt")
	}
	dir := t.TempDir()
	store := filepath.Join(dir, "store")
	// The middle document (the district plan) last.
	for _, f := range []string{"4_ke_hoach_xa.txt", "1_chi_thi_tw.txt", "2_ket_luan_tinh.txt", "3_ke_hoach_huyen.md"} {
		if out, errs, code := vanban(t, "ingest", "--store", store, filepath.Join(chain, f)); code != exitOK {
			t.Fatalf("ingest %s: exit %d\n%s%s", f, code, out, errs)
		}
	}
	out, errs, code := vanban(t, "trace", "--store", store, "--up", "--json", "Kế hoạch 15-KH/ĐU")
	if code != exitOK {
		t.Fatalf("trace: exit %d: %s", code, errs)
	}
	var keys []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var n corpus.TraceNode
		if err := json.Unmarshal([]byte(l), &n); err != nil {
			t.Fatal(err)
		}
		if n.Doc.State != corpus.StateDocument {
			continue // stubs on the way (33/CT-TTg, 25-NQ/TW) are fine
		}
		keys = append(keys, n.Doc.Key)
	}
	// Keys carry the issuer's full place (issue 7): the commune plan of Bản
	// Giang and the plan of Tam Đường district.
	want := []string{"15-KH/ĐU:2023:lai-chau/tam-duong/ban-giang", "88-KH/HU:2023:lai-chau/tam-duong", "512-KL/TU:2023:lai-chau", "47-CT/TW:2023:vn"}
	if !reflect.DeepEqual(keys, want) {
		t.Errorf("trace --up from the commune plan = %v, want %v\n%s", keys, want, out)
	}
	// The same walk down, by path, and as dot and mermaid.
	out, _, code = vanban(t, "trace", "--store", store, "--down", filepath.Join(chain, "1_chi_thi_tw.txt"))
	if code != exitOK || !strings.Contains(out, "15-KH/ĐU:2023:lai-chau/tam-duong/ban-giang") {
		t.Errorf("trace --down by path: exit %d\n%s", code, out)
	}
	for _, f := range []string{"dot", "mermaid"} {
		out, _, code = vanban(t, "trace", "--store", store, "--format", f, "15-KH/ĐU:2023:lai-chau/tam-duong/ban-giang")
		if code != exitOK || !strings.Contains(out, "47-CT/TW") {
			t.Errorf("trace --format %s: exit %d\n%s", f, code, out)
		}
	}
	// show: the record plus cited_by.
	out, _, code = vanban(t, "show", "--store", store, "--json", "Kết luận 512-KL/TU")
	var sh struct {
		ID      string            `json:"id"`
		Symbol  string            `json:"symbol"`
		CitedBy []corpus.Citation `json:"cited_by"`
		Links   []corpus.Link     `json:"links"`
	}
	if err := json.Unmarshal([]byte(out), &sh); err != nil || code != exitOK {
		t.Fatalf("show --json: %v, exit %d: %s", err, code, out)
	}
	if len(sh.Links) == 0 || sh.Links[0].Target == nil || sh.Links[0].Target.Key != "47-CT/TW:2023:vn" ||
		sh.Links[0].Target.State != corpus.StateDocument {
		t.Errorf("show --json links = %+v", sh.Links)
	}
	if sh.ID != "512-KL/TU:2023:lai-chau" || sh.Symbol != "512-KL/TU" || len(sh.CitedBy) != 2 {
		t.Errorf("show --json = %+v", sh)
	}
	if out, _, code := vanban(t, "search", "--store", store, "--json", "dân vận khéo"); code != exitOK || !strings.Contains(out, "15-KH/ĐU") {
		t.Errorf("search: exit %d\n%s", code, out)
	}
}

func TestSeedsMustShow(t *testing.T) {
	seeds := filepath.Join(testenv.Shared(t), "corpus", "seeds")
	if _, err := os.Stat(seeds); err != nil {
		testenv.NoShared(t, "no seeds: %v", err)
	}
	if !parserReady(t, filepath.Join(seeds, "003_e6f5f0dc89473b66.txt")) {
		t.Fatal("rules.ParseText does not give symbols and references for the seeds")
	}
	store := filepath.Join(t.TempDir(), "store")
	if out, errs, code := vanban(t, "ingest", "--store", store, seeds); code != exitOK {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	citing := func(args ...string) []string {
		out, errs, code := vanban(t, append([]string{"cites", "--store", store, "--json"}, args...)...)
		if code != exitOK {
			t.Fatalf("cites %v: exit %d: %s", args, code, errs)
		}
		var files []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var c corpus.Citation
			if l == "" {
				continue
			}
			if err := json.Unmarshal([]byte(l), &c); err != nil {
				t.Fatal(err)
			}
			files = append(files, filepath.Base(c.Citing.Path))
		}
		return files
	}
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"plans citing 33/CT-TTg", []string{"Chỉ thị 33/CT-TTg", "--type", "Kế hoạch"},
			[]string{"000_8e574bec47acc631.txt", "002_1d85cb063a09f93b.txt", "003_e6f5f0dc89473b66.txt"}},
		{"all citing 33/CT-TTg", []string{"Chỉ thị 33/CT-TTg"},
			[]string{"000_8e574bec47acc631.txt", "002_1d85cb063a09f93b.txt", "003_e6f5f0dc89473b66.txt", "004_1576c16b1377fe68.txt"}},
		{"typed without marks", []string{"chi thi 33", "--type", "ke hoach"},
			[]string{"000_8e574bec47acc631.txt", "002_1d85cb063a09f93b.txt", "003_e6f5f0dc89473b66.txt"}},
		{"18-CT/TU is Lâm Đồng's", []string{"18-CT/TU"}, []string{"001_8621afda0c88fb14.txt"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := citing(tc.args...)
			sortStrings(got)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("cites %v = %v, want %v", tc.args, got, tc.want)
			}
		})
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func TestCitesExitStatus(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	st, err := corpus.Open(store)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"no REF", []string{"cites", "--store", store}, exitUsage},
		{"not a REF", []string{"cites", "--store", store, "công tác dân vận"}, exitUsage},
		{"nothing stored", []string{"cites", "--store", store, "Chỉ thị 33/CT-TTg"}, exitPartial},
		{"no such store", []string{"cites", "--store", filepath.Join(store, "nope"), "33/CT-TTg"}, exitPartial},
		{"bad format", []string{"trace", "--store", store, "--format", "png", "33/CT-TTg"}, exitUsage},
		{"bad export", []string{"export", "--store", store, "--format", "xls"}, exitUsage},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, errs, code := vanban(t, tc.args...); code != tc.want {
				t.Errorf("%v: exit %d, want %d (%s)", tc.args, code, tc.want, errs)
			}
		})
	}
}

// TestIngestResumesAfterKill kills the ingest process with SIGKILL at random
// moments, runs it again until it completes, and compares the store with
// one made by a single clean run: nothing lost, nothing doubled, nothing
// half-stored; the search index agrees with the database.
func TestIngestResumesAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes; not in -short")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if _, err := synth.Write(in, synth.Options{N: 300, Seed: 7, BodyBytes: 3000}); err != nil {
		t.Fatal(err)
	}
	clean := filepath.Join(dir, "clean")
	if _, errs, code := runBinary(t, "ingest", "--store", clean, "-q", in); code != exitOK {
		t.Fatalf("clean run: exit %d: %s", code, errs)
	}
	want := snapshot(t, clean)

	killed := filepath.Join(dir, "killed")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	kills := 0
	for attempt := 0; attempt < 20; attempt++ {
		cmd := exec.Command(binary, "ingest", "--store", killed, "-q", in)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("ingest run %d failed: %v", attempt, err)
			}
			attempt = 1 << 30 // completed
		case <-time.After(time.Duration(50+rng.IntN(600)) * time.Millisecond):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			kills++
		}
		if attempt >= 1<<30 {
			break
		}
	}
	if kills == 0 {
		t.Log("the ingest finished before any kill; the corpus is too small for this machine")
	}
	// Complete the work, then one more run must find nothing to do.
	if _, errs, code := runBinary(t, "ingest", "--store", killed, "-q", in); code != exitOK {
		t.Fatalf("completing run after %d kills: exit %d: %s", kills, code, errs)
	}
	out, errs, code := runBinary(t, "ingest", "--store", killed, in)
	if code != exitOK || !strings.Contains(out, "0 added, 0 changed, 0 duplicates, 300 unchanged") {
		t.Errorf("final run after %d kills: exit %d\n%s%s", kills, code, out, errs)
	}
	got := snapshot(t, killed)
	if !reflect.DeepEqual(got, want) {
		diff := 0
		for i := 0; i < len(got) && i < len(want) && diff < 10; i++ {
			if got[i] != want[i] {
				t.Logf("got  %s\nwant %s", got[i], want[i])
				diff++
			}
		}
		t.Fatalf("after %d kills the store differs from a clean run (%d vs %d lines)", kills, len(got), len(want))
	}
	if out, errs, code := runBinary(t, "verify", "--store", killed); code != exitOK {
		t.Errorf("verify after %d kills: exit %d\n%s%s", kills, code, out, errs)
	}
	t.Logf("%d kills, store equal to a clean run", kills)
}

// syncBuffer is a bytes.Buffer that a child process writes while the test
// reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestWatch(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for files to settle; not in -short")
	}
	dir := t.TempDir()
	drop := filepath.Join(dir, "drop")
	os.MkdirAll(drop, 0o755)
	store := filepath.Join(dir, "store")
	cmd := exec.Command(binary, "ingest", "--store", store, "--watch", drop, "--settle", "500ms", "--poll", "100ms")
	var out syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join("..", "..", "testdata", "corpus", "chain", "2_ket_luan_tinh.txt"))
	// Written in two halves, as a slow copy would: only the whole file is taken.
	p := filepath.Join(drop, "kl.txt")
	os.WriteFile(p, b[:len(b)/2], 0o644)
	time.Sleep(200 * time.Millisecond)
	os.WriteFile(p, b, 0o644)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) && !strings.Contains(out.String(), "1 added") {
		time.Sleep(100 * time.Millisecond)
	}
	cmd.Process.Signal(os.Interrupt)
	cmd.Wait()
	if !strings.Contains(out.String(), "1 added") {
		t.Fatalf("the watched file was not ingested:\n%s", out.String())
	}
	st, _ := corpus.Open(store)
	defer st.Close()
	var size int64
	st.DB().QueryRow(`SELECT size FROM files`).Scan(&size)
	if size != int64(len(b)) {
		t.Errorf("stored %d bytes, the file has %d: a half-written file was taken", size, len(b))
	}
}

func TestExportFormats(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	chain := filepath.Join("..", "..", "testdata", "corpus", "chain")
	vanban(t, "ingest", "--store", store, "--no-index", chain)
	st, _ := corpus.Open(store)
	stats, _ := st.Stats(context.Background())
	st.Close()
	tests := []struct {
		format string
		check  func(string) error
	}{
		{"json", func(s string) error {
			lines := strings.Split(strings.TrimSpace(s), "\n")
			if len(lines) != stats.Documents+stats.Stubs+stats.Ambiguous+stats.Edges {
				return fmt.Errorf("%d lines for %+v", len(lines), stats)
			}
			for _, l := range lines {
				if !json.Valid([]byte(l)) {
					return fmt.Errorf("invalid JSON line %q", l)
				}
			}
			return nil
		}},
		{"csv", func(s string) error {
			if n := strings.Count(s, "\n"); n != stats.Edges+1 {
				return fmt.Errorf("%d CSV lines for %d edges", n, stats.Edges)
			}
			return nil
		}},
		{"graphml", func(s string) error {
			if strings.Count(s, "<node ") != stats.Documents+stats.Stubs+stats.Ambiguous || strings.Count(s, "<edge ") != stats.Edges {
				return fmt.Errorf("graphml counts differ from %+v", stats)
			}
			return nil
		}},
		{"dot", func(s string) error {
			if strings.Count(s, " -> ") != stats.Edges {
				return fmt.Errorf("dot edges differ from %+v", stats)
			}
			return nil
		}},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			out, errs, code := vanban(t, "export", "--store", store, "--format", tc.format)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if err := tc.check(out); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestVerifyIndexAndReindex(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	chain := filepath.Join("..", "..", "testdata", "corpus", "chain")
	if _, errs, code := vanban(t, "ingest", "--store", store, chain); code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	if out, _, code := vanban(t, "verify", "--store", store, "--json"); code != exitOK || out != "" {
		t.Fatalf("verify of a fresh store: exit %d\n%s", code, out)
	}
	// Drop one document from the index behind the store's back.
	st, _ := corpus.Open(store)
	keys, _ := st.DocumentKeys(context.Background())
	st.Close()
	var victim string
	for k := range keys {
		victim = k
		break
	}
	ix, err := index.Open(index.Path(store))
	if err != nil {
		t.Fatal(err)
	}
	ix.Delete([]string{victim})
	ix.Close()
	out, _, code := vanban(t, "verify", "--store", store, "--json")
	var p corpus.Problem
	json.Unmarshal([]byte(strings.TrimSpace(out)), &p)
	if code != exitPartial || p.Check != "index" || p.Key != victim {
		t.Errorf("verify after an index loss: exit %d, %s", code, out)
	}
	if out, errs, code := vanban(t, "reindex", "--store", store); code != exitOK || !strings.Contains(out, "4 documents indexed") {
		t.Errorf("reindex: exit %d\n%s%s", code, out, errs)
	}
	if out, _, code := vanban(t, "verify", "--store", store); code != exitOK {
		t.Errorf("verify after reindex: exit %d\n%s", code, out)
	}
}
