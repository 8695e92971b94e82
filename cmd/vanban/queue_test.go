package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"vanban/corpus/synth"
	"vanban/internal/pgtest"
	"vanban/internal/testenv"
)

// TestQueueWorkers runs three workers (the vanban binary, one file at a time
// each) on a PostgreSQL store: generated documents, two damaged files and,
// where ../shared is there, two real scans are queued by 'ingest --queue';
// one worker is killed (SIGKILL) in the middle of the run. At the end every
// file is stored exactly once (one files and one paths row each, each
// document made by a file), the report counts every file and names both
// damaged ones, and the search index equals the database (verify --full).
// 2 000 documents (1 000 with -short or -race, as make test runs it: the
// race detector slows the machine, not the workers' binary): 40-60 s on 2
// cores, of which up to 30 s waiting for river's rescuer (it looks every
// 30 s) to hand the killed worker's files to another.
func TestQueueWorkers(t *testing.T) {
	n := 2000
	if testing.Short() || raceEnabled {
		n = 1000
	}
	dir := t.TempDir()
	gen := filepath.Join(dir, "gen")
	if _, err := synth.Write(gen, synth.Options{N: n, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad")
	os.MkdirAll(bad, 0o755)
	os.WriteFile(filepath.Join(bad, "truncated.pdf"), []byte("%PDF-1.4\n1 0 obj <<"), 0o644)
	os.WriteFile(filepath.Join(bad, "not-a-zip.docx"), []byte("PK\x03\x04 this is no zip"), 0o644)

	cache := filepath.Join(dir, "cache")
	t.Setenv("XDG_CACHE_HOME", cache)
	pg := pgtest.New(t)
	db, err := sql.Open("pgx", pg)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	// The workers: short per-file deadlines and rescue so that the killed
	// worker's file goes back to the queue within the test.
	var workers []*exec.Cmd
	var logs []*bytes.Buffer
	for i := 0; i < 3; i++ {
		cmd := exec.Command(binary, "worker", "--store", pg, "-j", "1", "--rescue-after", "2s", "--poll", "100ms")
		cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+cache)
		var log bytes.Buffer
		cmd.Stdout, cmd.Stderr = &log, &log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		workers = append(workers, cmd)
		logs = append(logs, &log)
	}
	defer func() {
		for _, w := range workers {
			w.Process.Signal(syscall.SIGTERM)
		}
		for i, w := range workers {
			w.Wait()
			if t.Failed() {
				t.Logf("worker %d:\n%s", i, logs[i])
			}
		}
	}()

	started := time.Now()
	type result struct {
		out, errOut string
		code        int
	}
	done := make(chan result, 1)
	go func() {
		o, e, c := vanban(t, "ingest", "--queue", "-q", "--store", pg, "--timeout", "3s", gen, bad)
		done <- result{o, e, c}
	}()
	// Kill one worker once a third of the documents are stored.
	killed := false
	deadline := time.Now().Add(3 * time.Minute)
	var res result
wait:
	for {
		select {
		case res = <-done:
			break wait
		case <-time.After(200 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("the run did not finish in 3 minutes")
		}
		var stored int
		db.QueryRow(`SELECT count(*) FROM files`).Scan(&stored)
		if !killed && stored >= n/3 {
			if err := workers[0].Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed = true
			t.Logf("worker 0 killed at %d of %d files stored, %.1f s", stored, n, time.Since(started).Seconds())
		}
	}
	t.Logf("run of %d files in %.1f s:\n%s", n+2, time.Since(started).Seconds(), res.out)
	if !killed {
		t.Fatalf("the run ended before a worker could be killed")
	}
	if res.code != exitPartial {
		t.Errorf("ingest --queue: exit %d, want %d (two files failed)\n%s\n%s", res.code, exitPartial, res.out, res.errOut)
	}
	// The report counts every file, and names the two damaged ones.
	m := regexp.MustCompile(`ingest: (\d+) files in [0-9.]+s: (\d+) added, 0 changed, 0 duplicates, (\d+) unchanged, 0 skipped, 2 failed`).FindStringSubmatch(res.out)
	if m == nil {
		t.Fatalf("report:\n%s", res.out)
	}
	files, _ := strconv.Atoi(m[1])
	added, _ := strconv.Atoi(m[2])
	unchanged, _ := strconv.Atoi(m[3])
	// A file the killed worker stored before its job was marked done is
	// not stored again and still counts as added (its events say so).
	if files != n+2 || added != n || unchanged != 0 {
		t.Errorf("report counts %d files, %d added, %d unchanged; want %d files, %d added", files, added, unchanged, n+2, n)
	}
	for _, f := range []string{"truncated.pdf", "not-a-zip.docx"} {
		if !strings.Contains(res.out, filepath.Join(bad, f)+":") {
			t.Errorf("the report does not name the failure of %s:\n%s", f, res.out)
		}
	}
	var retried int
	db.QueryRow(`SELECT count(*) FROM river_job WHERE attempt > 1`).Scan(&retried)
	t.Logf("%d files taken again after the kill (rescued from the dead worker)", retried)
	if os.Getenv("VANBAN_QUEUE_SCANS") != "0" {
		queueRealScans(t, pg)
	}
	storedOnce(t, db, n)
	// Search equals the database: the index of this machine followed the
	// change log at the end of each run.
	out, errOut, code := vanban(t, "verify", "--full", "--no-files", "--store", pg)
	if code != exitOK {
		t.Errorf("verify --full: exit %d\n%s\n%s", code, out, errOut)
	}
}

// queueRealScans queues the two smallest real scans of ../shared (OCRed)
// as a second run, with a deadline per file long enough for OCR.
func queueRealScans(t *testing.T, pg string) {
	t.Helper()
	scans, _ := filepath.Glob(filepath.Join(testenv.Shared(t), "corpus", "real", "scans", "*.pdf"))
	if len(scans) == 0 {
		testenv.NoShared(t, "no scans in ../shared/corpus/real/scans")
	}
	sort.Slice(scans, func(i, j int) bool { return size(scans[i]) < size(scans[j]) })
	scans = scans[:2]
	out, errOut, code := vanban(t, append([]string{"ingest", "--queue", "-q", "--store", pg, "--timeout", "5m"}, scans...)...)
	if code != exitOK || !strings.Contains(out, "ingest: 2 files") || !strings.Contains(out, "2 added") {
		t.Errorf("ingest --queue of two real scans: exit %d\n%s\n%s", code, out, errOut)
	}
}

func size(p string) int64 {
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// storedOnce checks that every file of the store was stored exactly once:
// as many paths and contents as files, each content made one document and
// every document is made by a content.
func storedOnce(t *testing.T, db *sql.DB, generated int) {
	t.Helper()
	ctx := context.Background()
	var paths, contents, docs, orphans, dupPaths int
	db.QueryRowContext(ctx, `SELECT count(*) FROM paths`).Scan(&paths)
	db.QueryRowContext(ctx, `SELECT count(*) FROM files`).Scan(&contents)
	db.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE state = 'document'`).Scan(&docs)
	db.QueryRowContext(ctx, `SELECT count(*) FROM documents d WHERE d.state = 'document'
		AND NOT EXISTS (SELECT 1 FROM files f WHERE f.document_id = d.id)`).Scan(&orphans)
	db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT sha256 FROM paths GROUP BY sha256 HAVING count(*) > 1) x`).Scan(&dupPaths)
	if paths != contents || contents < generated || dupPaths != 0 {
		t.Errorf("%d paths, %d contents (%d stored twice), want one of each per file (at least %d)", paths, contents, dupPaths, generated)
	}
	if orphans != 0 || docs == 0 || docs > contents {
		t.Errorf("%d documents for %d contents, %d made by no file", docs, contents, orphans)
	}
}
