package main

import (
	"bytes"
	"database/sql"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"vanban/corpus"
	"vanban/corpus/synth"
)

// The fault suite of hostile inputs and signals: each gets a clear answer
// within a second, and memory stays under the budget of the README.

const (
	faultDeadline = time.Second
	// memoryBudgetKiB is the README's budget of peak memory (400 MB).
	memoryBudgetKiB = 400 << 10
)

// faultRun is one run of the binary: its output, exit status, wall time
// and peak memory.
type faultRun struct {
	out, err string
	code     int
	took     time.Duration
	maxRSS   int64 // KiB
}

func runFault(t *testing.T, stdin io.Reader, args ...string) faultRun {
	t.Helper()
	cmd := exec.Command(binary, args...)
	var out, errb bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, &out, &errb
	start := time.Now()
	err := cmd.Run()
	r := faultRun{out: out.String(), err: errb.String(), took: time.Since(start)}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = ru.Maxrss
	}
	return r
}

func TestFaultHostileInputs(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sparse := filepath.Join(dir, "sparse.txt")
	f, err := os.Create(sparse)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	store := filepath.Join(dir, "store")
	if r := runFault(t, nil, "ingest", "--store", store, "-q", "--no-index", filepath.Join("..", "..", "testdata", "corpus", "chain")); r.code != exitOK {
		t.Fatalf("ingest of the chain: exit %d: %s", r.code, r.err)
	}
	// A REF of 1 MB: one argument may not exceed 128 KiB, so ten of them
	// (the REF is the arguments joined).
	var longRef []string
	for i := 0; i < 10; i++ {
		longRef = append(longRef, strings.Repeat("Chỉ thị 33/CT-TTg tỉnh Bình Định ", (100<<10)/len("Chỉ thị 33/CT-TTg tỉnh Bình Định ")))
	}
	zero1MB := io.LimitReader(zeroReader{}, 1<<20)
	tests := []struct {
		name  string
		stdin io.Reader
		args  []string
		code  int
		want  []string // in stderr or stdout
	}{
		{"parse FIFO", nil, []string{"parse", fifo}, exitPartial, []string{fifo, "named pipe"}},
		{"parse /dev/zero", nil, []string{"parse", "/dev/zero"}, exitPartial, []string{"/dev/zero", "character device"}},
		{"parse 1 GB sparse", nil, []string{"parse", sparse}, exitPartial, []string{sparse, "over the limit"}},
		{"parse stdin over --max-bytes", zero1MB, []string{"parse", "--max-bytes", "1000", "-"}, exitPartial, []string{"-: read: more than the limit of 1000 bytes"}},
		{"parse stdin of /dev/zero", mustOpen(t, "/dev/zero"), []string{"parse", "--max-bytes", "65536", "-"}, exitPartial, []string{"more than the limit of 65536"}},
		{"ingest FIFO", nil, []string{"ingest", "--store", filepath.Join(dir, "s2"), "-q", "--no-index", fifo}, exitPartial, []string{fifo, "named pipe"}},
		{"ingest /dev/zero", nil, []string{"ingest", "--store", filepath.Join(dir, "s2"), "-q", "--no-index", "/dev/zero"}, exitPartial, []string{"/dev/zero", "character device"}},
		{"cites REF of 1 MB", nil, append([]string{"cites", "--store", store}, longRef...), exitUsage, []string{"at most 1000"}},
		{"search query of 1 MB", nil, append([]string{"search", "--store", store}, longRef...), exitUsage, []string{"at most 1000"}},
		{"show REF of 1 MB", nil, append([]string{"show", "--store", store}, longRef...), exitUsage, []string{"at most 1000"}},
		{"--max-bytes -1", nil, []string{"parse", "--max-bytes", "-1", fifo}, exitUsage, []string{"-max-bytes", "must be from 1"}},
		{"--max-bytes absurd", nil, []string{"ingest", "--max-bytes", "99999999999999", fifo}, exitUsage, []string{"-max-bytes"}},
		{"-j 0", nil, []string{"parse", "-j", "0", fifo}, exitUsage, []string{"-j"}},
		{"--timeout -1s", nil, []string{"ingest", "--timeout", "-1s", fifo}, exitUsage, []string{"-timeout"}},
		{"-n -5", nil, []string{"search", "--store", store, "-n", "-5", "x"}, exitUsage, []string{"-n"}},
		{"--year 99999", nil, []string{"cites", "--store", store, "--year", "99999", "x"}, exitUsage, []string{"-year"}},
		{"--depth -1", nil, []string{"trace", "--store", store, "--depth", "-1", "x"}, exitUsage, []string{"-depth"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runFault(t, tc.stdin, tc.args...)
			if r.code != tc.code {
				t.Errorf("exit %d, want %d\n%s%s", r.code, tc.code, r.out, r.err)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.err+r.out, w) { // ingest lists failures in its report
					t.Errorf("output lacks %q:\n%.2000s%.2000s", w, r.out, r.err)
				}
			}
			if r.took > faultDeadline {
				t.Errorf("took %v, over %v", r.took, faultDeadline)
			}
			if r.maxRSS > memoryBudgetKiB {
				t.Errorf("peak memory %d MiB, over the budget of %d MiB", r.maxRSS>>10, memoryBudgetKiB>>10)
			}
		})
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func mustOpen(t *testing.T, path string) *os.File {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestFaultSignals: SIGINT and SIGTERM during an ingest stop it within a
// second with 130 and 143, the report says "interrupted", what is stored
// is whole (verify), and the next run finishes the work.
// storedDocuments is how many documents a running ingest has committed to
// the store (0 while it cannot be read).
func storedDocuments(store string) int {
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(store, corpus.DBName)+"?mode=ro&_busy_timeout=1000")
	if err != nil {
		return 0
	}
	defer db.Close()
	var n int
	if db.QueryRow(`SELECT count(*) FROM documents WHERE state = 'document'`).Scan(&n) != nil {
		return 0
	}
	return n
}

func TestFaultSignals(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	const n = 400
	if _, err := synth.Write(in, synth.Options{N: n, Seed: 11, BodyBytes: 3000}); err != nil {
		t.Fatal(err)
	}
	for _, sig := range []struct {
		s    syscall.Signal
		code int
	}{{syscall.SIGINT, exitSIGINT}, {syscall.SIGTERM, exitSIGTERM}} {
		t.Run(sig.s.String(), func(t *testing.T) {
			store := filepath.Join(dir, "store-"+sig.s.String())
			rep := filepath.Join(dir, "report-"+sig.s.String()+".json")
			cmd := exec.Command(binary, "ingest", "--store", store, "--report", rep, "-q", in)
			var errb syncBuffer
			cmd.Stderr = &errb
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Signal once some documents are stored.
			deadline := time.Now().Add(60 * time.Second)
			for time.Now().Before(deadline) {
				if storedDocuments(store) >= 40 {
					break
				}
				time.Sleep(20 * time.Millisecond)
			}
			sent := time.Now()
			cmd.Process.Signal(sig.s)
			err := cmd.Wait()
			took := time.Since(sent)
			code := 0
			if ee, ok := err.(*exec.ExitError); ok {
				code = ee.ExitCode()
			}
			if code != sig.code {
				t.Errorf("exit %d after %v, want %d\n%s", code, sig.s, sig.code, errb.String())
			}
			if took > faultDeadline {
				t.Errorf("stopped %v after %v, over %v", took, sig.s, faultDeadline)
			}
			r := readReport(t, rep)
			if !r.Interrupted || r.Added >= n {
				t.Errorf("report after %v: interrupted %v, %d added of %d", sig.s, r.Interrupted, r.Added, n)
			}
			if out, errs, code := runBinary(t, "verify", "--store", store); code != exitOK {
				t.Errorf("verify after %v: exit %d\n%s%s", sig.s, code, out, errs)
			}
			out, errs, code := runBinary(t, "ingest", "--store", store, in)
			if code != exitOK || !strings.Contains(out, "unchanged") {
				t.Fatalf("resumed run: exit %d\n%s%s", code, out, errs)
			}
			out, errs, code = runBinary(t, "ingest", "--store", store, in)
			if code != exitOK || !strings.Contains(out, "0 added, 0 changed, 0 duplicates, 400 unchanged") {
				t.Errorf("final run: exit %d\n%s%s", code, out, errs)
			}
		})
	}
}

// TestExtraArguments: extra arguments are a usage error (exit 2) for every
// command that takes a fixed number of them: none (verify, reindex, export,
// tasks, serve, ingest --watch DIR, version) or one DOC or REF (show,
// trace, coverage, forget, cites), whose words may come unquoted but which
// may not name a second document; nothing is done (forget removes nothing).
func TestExtraArguments(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	chain := filepath.Join("..", "..", "testdata", "corpus", "chain")
	if _, errs, code := vanban(t, "ingest", "-q", "--store", store, chain); code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	kh := filepath.Join(chain, "4_ke_hoach_xa.txt")
	kl := filepath.Join(chain, "2_ket_luan_tinh.txt")
	for _, tc := range []struct {
		args []string
		code int
		want string // in stderr
	}{
		{[]string{"verify", "--store", store, "extra"}, exitUsage, "takes no arguments"},
		{[]string{"reindex", "--store", store, "extra"}, exitUsage, "takes no arguments"},
		{[]string{"export", "--store", store, "extra"}, exitUsage, "takes no arguments"},
		{[]string{"export", "--store", store, "--format", "csv", "extra"}, exitUsage, "takes no arguments"},
		{[]string{"tasks", "--store", store, "extra"}, exitUsage, "takes no arguments"},
		{[]string{"serve", "--store", store, "--addr", "127.0.0.1:0", "extra"}, exitUsage, "takes no arguments"},
		{[]string{"ingest", "--store", store, "--watch", store, "extra"}, exitUsage, "--watch takes its folder alone"},
		{[]string{"version", "extra"}, exitUsage, "takes no arguments"},
		{[]string{"help", "nosuchcommand"}, exitUsage, "extra arguments"},
		{[]string{"show", "--store", store, "15-KH/ĐU", "512-KL/TU"}, exitUsage, "name 2 documents"},
		{[]string{"show", "--store", store, "15-KH/ĐU:2023:lai-chau/tam-duong/ban-giang", "extra"}, exitUsage, "stored id by itself"},
		{[]string{"show", "--store", store, kh, kl}, exitUsage, "a file by itself"},
		{[]string{"trace", "--store", store, "--up", "15-KH/ĐU", "88-KH/HU"}, exitUsage, "name 2 documents"},
		{[]string{"coverage", "--store", store, "512-KL/TU", "47-CT/TW"}, exitUsage, "name 2 documents"},
		{[]string{"cites", "--store", store, "Chỉ thị 47-CT/TW", "Kết luận 512-KL/TU"}, exitUsage, "name 2 documents"},
		{[]string{"forget", "--store", store, "15-KH/ĐU", "512-KL/TU"}, exitUsage, "name 2 documents"},
		{[]string{"forget", "--store", store, kh, "extra"}, exitUsage, "a file by itself"},
		// One REF in several words is still one argument's worth.
		{[]string{"show", "--store", store, "Kế", "hoạch", "15-KH/ĐU"}, exitOK, ""},
		{[]string{"cites", "--store", store, "Kết", "luận", "512-KL/TU", "năm", "2023"}, exitOK, ""},
		{[]string{"help", "show"}, exitOK, "usage: vanban show"},
	} {
		out, errs, code := vanban(t, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("%q: exit %d, want %d with %q\n%s%s", tc.args, code, tc.code, tc.want, out, errs)
		}
	}
	// Nothing was forgotten.
	for _, doc := range []string{"15-KH/ĐU", "512-KL/TU", kh} {
		if out, errs, code := vanban(t, "show", "--store", store, doc); code != exitOK {
			t.Errorf("show %s after the refused forgets: exit %d\n%s%s", doc, code, out, errs)
		}
	}
}

// TestExitStoreDamaged: a command on a store whose search index is damaged
// exits 3 and says what to do.
func TestExitStoreDamaged(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	if _, errs, code := runBinary(t, "ingest", "-q", "--store", store, filepath.Join("..", "..", "testdata", "corpus", "chain")); code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	segs, _ := filepath.Glob(filepath.Join(store, "index.bleve", "store", "*.zap"))
	if len(segs) == 0 {
		t.Fatal("no segment file in the index")
	}
	for _, s := range segs {
		if err := os.Truncate(s, 100); err != nil {
			t.Fatal(err)
		}
	}
	_, errs, code := runBinary(t, "search", "--store", store, "kế hoạch")
	if code != exitStore || !strings.Contains(errs, "damaged") || !strings.Contains(errs, "vanban reindex") {
		t.Errorf("search on a damaged index: exit %d, want %d:\n%s", code, exitStore, errs)
	}
}

// TestMemoryBudget: `vanban parse` of a 14 MB text stays under the budget
// of the README (400 MB peak). The text is the shared corpus's vbpl texts
// and seeds end to end when ../shared is there, else the project's own
// text fixtures repeated.
func TestMemoryBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("parses 14 MB; not in -short")
	}
	const size = 14 << 20
	var files []string
	for _, root := range []string{"../../../shared/corpus/real/vbpl", "../../../shared/corpus/seeds"} {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".txt") || strings.HasSuffix(p, ".md")) {
				files = append(files, p)
			}
			return nil
		})
	}
	source := "../shared vbpl texts and seeds"
	if len(files) == 0 {
		files, _ = filepath.Glob(filepath.Join("..", "..", "testdata", "parse", "*.txt"))
		source = "testdata/parse fixtures, repeated"
	}
	var b bytes.Buffer
	for b.Len() < size {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			b.Write(data)
			b.WriteString("\n\n")
			if b.Len() >= size {
				break
			}
		}
	}
	big := filepath.Join(t.TempDir(), "big.txt")
	if err := os.WriteFile(big, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runFault(t, nil, "parse", "--json", big)
	if r.code != exitOK {
		t.Fatalf("parse of %d bytes: exit %d: %.2000s", b.Len(), r.code, r.err)
	}
	t.Logf("parse of %.1f MB (%s): peak %d MiB in %v", float64(b.Len())/1e6, source, r.maxRSS>>10, r.took.Round(time.Millisecond))
	if r.maxRSS > memoryBudgetKiB {
		t.Errorf("parse of %.1f MB: peak memory %d MiB, over the budget of %d MiB", float64(b.Len())/1e6, r.maxRSS>>10, memoryBudgetKiB>>10)
	}
}
