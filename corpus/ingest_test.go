package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"vanban/rules"
)

// fakeProcess reads a tiny line format instead of running the real
// pipeline: "SYMBOL DATE PROVINCE" on the first line; "hang" never returns
// (ignoring its context), "panic" panics, "fail" is corrupt.
func fakeProcess(ctx context.Context, path string, data []byte) (rules.Document, error) {
	line := strings.TrimSpace(string(data))
	switch line {
	case "hang":
		select {} // ignores ctx: the ingester must abandon it
	case "slow":
		<-ctx.Done()
		return rules.Document{Error: &rules.ErrorRecord{Kind: "timeout", Message: ctx.Err().Error()}}, ctx.Err()
	case "panic":
		panic("extractor bug")
	case "fail":
		return rules.Document{Error: &rules.ErrorRecord{Kind: "corrupt", Message: "truncated"}}, errors.New("truncated")
	}
	f := strings.Fields(line)
	d := rules.Document{Type: "Kế hoạch", Symbol: rules.NString(f[0]), Date: rules.NString(f[1]), Text: line}
	if len(f) > 2 {
		d.Province = rules.NString(strings.Join(f[2:], " "))
	}
	return d, nil
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestIngestOneBadFileNeverStalls(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a/1.txt":     "1-KH/TU 2022-01-01 Thanh Hóa",
		"a/2.txt":     "2-KH/TU 2022-01-02 Thanh Hóa",
		"b/hang.txt":  "hang",
		"b/slow.txt":  "slow",
		"b/panic.txt": "panic",
		"b/fail.txt":  "fail",
		"b/big.txt":   "3-KH/TU 2022-01-03 Thanh Hóa " + strings.Repeat("x", 200),
		"c/dup.txt":   "1-KH/TU 2022-01-01 Thanh Hóa",
		".hidden/x":   "4-KH/TU 2022-01-03 Thanh Hóa",
	})
	s := openTest(t)
	start := time.Now()
	rep, err := s.Ingest(context.Background(), []string{dir}, IngestOptions{Process: fakeProcess, Workers: 2,
		Timeout: 300 * time.Millisecond, MaxBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 8*time.Second {
		t.Errorf("the run took %s: a bad file stalled it", el)
	}
	want := map[string]int{"timeout": 2, "other": 1, "corrupt": 1, "too_large": 1}
	for k, n := range want {
		if rep.FailedByKind[k] != n {
			t.Errorf("failed %s: %d, want %d (%v)", k, rep.FailedByKind[k], n, rep.Failures)
		}
	}
	if rep.Added != 2 || rep.Duplicates != 1 || rep.Files != 8 {
		t.Errorf("report %+v", rep)
	}
	// Failed files are retried by the next run, stored ones are not re-read.
	rep, err = s.Ingest(context.Background(), []string{dir}, IngestOptions{Process: fakeProcess, Timeout: 300 * time.Millisecond, MaxBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 0 || rep.Unchanged != 3 || rep.Failed != 5 {
		t.Errorf("second report %+v", rep)
	}
	var events int
	s.DB().QueryRow(`SELECT count(*) FROM events WHERE kind = 'failed' AND error_kind = 'timeout'`).Scan(&events)
	if events != 4 {
		t.Errorf("%d timeout events logged, want 4", events)
	}
}

func TestIngestInterruptedKeepsWhatWasDone(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for i := 0; i < 40; i++ {
		files[filepath.Join("d", string(rune('a'+i/26))+string(rune('a'+i%26))+".txt")] =
			strings.Replace("N-KH/TU 2022-01-01 Lai Châu", "N", string(rune('1'+i%9))+string(rune('0'+i/9)), 1)
	}
	writeFiles(t, dir, files)
	s := openTest(t)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	rep, err := s.Ingest(ctx, []string{dir}, IngestOptions{Process: fakeProcess, Workers: 2, Progress: func(p Progress) {
		n++
		if n == 10 {
			cancel()
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Interrupted || rep.Failed != 0 {
		t.Errorf("interrupted run: %+v", rep)
	}
	first := rep.Added
	rep, err = s.Ingest(context.Background(), []string{dir}, IngestOptions{Process: fakeProcess})
	if err != nil {
		t.Fatal(err)
	}
	if first+rep.Added != 40 || rep.Unchanged != first {
		t.Errorf("resumed: %d then %d added, %d unchanged; want 40 in all", first, rep.Added, rep.Unchanged)
	}
}

func TestIngestMissingPathFailsAlone(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"1.txt": "1-KH/TU 2022-01-01 Thanh Hóa"})
	s := openTest(t)
	rep, err := s.Ingest(context.Background(), []string{filepath.Join(dir, "nope"), dir}, IngestOptions{Process: fakeProcess})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Added != 1 || rep.FailedByKind["io"] != 1 {
		t.Errorf("report %+v", rep)
	}
}

// TestForceReparse: after a parser upgrade, --force stores every file
// again; a document whose identity changed replaces the old one, which goes.
func TestForceReparse(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"1.txt":     "1-KH/TU 2022-01-01",
		"2.txt":     "2-KH/TU 2022-01-02 Thanh Hóa",
		"dup/1.txt": "1-KH/TU 2022-01-01",
	})
	s := openTest(t)
	if _, err := s.Ingest(context.Background(), []string{dir}, IngestOptions{Process: fakeProcess}); err != nil {
		t.Fatal(err)
	}
	// The "upgraded parser" now finds the province of 1.txt.
	better := func(ctx context.Context, path string, data []byte) (rules.Document, error) {
		d, err := fakeProcess(ctx, path, data)
		if d.Province == "" {
			d.Province = "Lai Châu"
		}
		return d, err
	}
	rep, err := s.Ingest(context.Background(), []string{dir}, IngestOptions{Process: better})
	if err != nil || rep.Unchanged != 3 || rep.Reparsed != 0 {
		t.Fatalf("without --force nothing is read again: %+v, %v", rep, err)
	}
	rep, err = s.Ingest(context.Background(), []string{dir}, IngestOptions{Process: better, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Reparsed != 2 || rep.Duplicates != 1 || rep.Added != 0 {
		t.Errorf("--force report %+v", rep)
	}
	st := states(t, s)
	if _, old := st["1-KH/TU:2022:unknown"]; old || st["1-KH/TU:2022:lai-chau"] != StateDocument || len(st) != 2 {
		t.Errorf("after --force: %v", st)
	}
	if probs, err := s.CheckDatabase(context.Background()); err != nil || len(probs) > 0 {
		t.Errorf("database check: %v %v", probs, err)
	}
}

func TestIngestRenditions(t *testing.T) {
	dir := t.TempDir()
	// Two renditions of one document (same symbol, year and place, other bytes).
	writeFiles(t, dir, map[string]string{
		"a.txt": "7-KH/TU 2022-04-01 Huế",
		"b.txt": "7-KH/TU 2022-04-01  Huế",
	})
	s := openTest(t)
	rep, err := s.Ingest(context.Background(), []string{dir}, IngestOptions{Process: fakeProcess, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := s.Stats(context.Background())
	if rep.Added != 2 || rep.Renditions != 1 || st.Documents != 1 || st.Files != 2 {
		t.Errorf("report %+v, stats %+v", rep, st)
	}
}
