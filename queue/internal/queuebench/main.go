// Command queuebench measures the throughput of ingest through the queue
// with 1, 2 and 3 worker processes on one machine: it starts Debian's
// PostgreSQL in a temporary directory (internal/pgtest), generates a corpus
// (corpus/synth), and for each count of workers queues it into a fresh
// database and times the run until the last file is done; for reference it
// also times the embedded store (SQLite, one process) on the same files.
// The search index is left out of every figure (workers do not index).
//
//	go build -o bin/vanban ./cmd/vanban && go run ./queue/internal/queuebench -n 3000 -bin bin/vanban
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"vanban/corpus"
	"vanban/corpus/synth"
	"vanban/internal/pgtest"
	"vanban/queue"
)

func main() {
	n := flag.Int("n", 3000, "generated documents")
	bin := flag.String("bin", "bin/vanban", "the vanban binary the workers run")
	counts := flag.String("workers", "1,2,3", "worker processes per run")
	perWorker := flag.Int("j", 1, "files at once in each worker")
	flag.Parse()
	if err := run(*n, *bin, *counts, *perWorker); err != nil {
		fmt.Fprintln(os.Stderr, "queuebench:", err)
		os.Exit(1)
	}
}

func run(n int, bin, counts string, perWorker int) error {
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("no vanban binary at %s (go build -o %s ./cmd/vanban): %w", bin, bin, err)
	}
	tmp, err := os.MkdirTemp("", "vanban-queuebench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	gen := filepath.Join(tmp, "gen")
	if _, err := synth.Write(gen, synth.Options{N: n, Seed: 1}); err != nil {
		return err
	}
	srv, err := pgtest.Start()
	if err != nil {
		return err
	}
	defer srv.Stop()
	cache := filepath.Join(tmp, "cache")
	os.Setenv("XDG_CACHE_HOME", cache)
	fmt.Printf("%d generated documents, %d cores, PostgreSQL on a Unix socket of this machine (fsync off)\n", n, runtime.NumCPU())
	for i, c := range strings.Split(counts, ",") {
		k, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil || k < 1 {
			return fmt.Errorf("bad worker count %q", c)
		}
		dsn, err := srv.CreateDB(fmt.Sprintf("bench%d", i))
		if err != nil {
			return err
		}
		if err := once(dsn, bin, gen, cache, n, k, perWorker); err != nil {
			return err
		}
	}
	// The embedded store, one process, as many files at once as cores.
	start := time.Now()
	cmd := exec.Command(bin, "ingest", "-q", "--no-index", "--store", filepath.Join(tmp, "sqlite"), gen)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("sqlite ingest: %v\n%s", err, out)
	}
	el := time.Since(start).Seconds()
	fmt.Printf("SQLite, one process (-j %d):       %6.1f s  %6.1f documents/s  CPU %.1f s\n", runtime.NumCPU(), el, float64(n)/el, cpu(cmd.ProcessState))
	return nil
}

// once times one run with k workers of perWorker files each.
func once(dsn, bin, gen, cache string, n, k, perWorker int) error {
	ctx := context.Background()
	st, err := corpus.Open(dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := queue.Migrate(ctx, st); err != nil {
		return err
	}
	var ws []*exec.Cmd
	for i := 0; i < k; i++ {
		w := exec.Command(bin, "worker", "--store", dsn, "-j", strconv.Itoa(perWorker), "--poll", "100ms")
		w.Env = append(os.Environ(), "XDG_CACHE_HOME="+cache)
		if err := w.Start(); err != nil {
			return err
		}
		ws = append(ws, w)
	}
	start := time.Now()
	rep, _, err := queue.Enqueue(ctx, st, []string{gen}, queue.EnqueueOptions{Timeout: time.Minute})
	if err == nil {
		rep, err = queue.Wait(ctx, st, rep, 100*time.Millisecond, nil)
	}
	el := time.Since(start).Seconds()
	var workerCPU float64
	for _, w := range ws {
		w.Process.Signal(syscall.SIGTERM)
		w.Wait()
		workerCPU += cpu(w.ProcessState)
	}
	if err != nil {
		return err
	}
	if rep.Added != n || rep.Failed != 0 {
		return fmt.Errorf("%d workers: %d added, %d failed of %d", k, rep.Added, rep.Failed, n)
	}
	fmt.Printf("PostgreSQL, %d worker(s) of -j %d:  %6.1f s  %6.1f documents/s  workers' CPU %.1f s\n", k, perWorker, el, float64(n)/el, workerCPU)
	return nil
}

func cpu(ps *os.ProcessState) float64 {
	if ps == nil {
		return 0
	}
	return (ps.UserTime() + ps.SystemTime()).Seconds()
}
