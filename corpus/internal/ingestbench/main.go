// Command ingestbench measures a large ingest the way a user runs it (issue
// 11): it generates the synthetic corpus (package corpus/synth, as
// gencorpus does) unless it is already there, builds and runs the real
// binary's `vanban ingest` into a fresh store, and prints the rate over each
// tenth of the files, the peak resident memory and the bytes the process
// wrote (from wait4's rusage: ru_maxrss, ru_oublock = /proc/PID/io
// write_bytes / 512), the CPU time, the final store's size and its parts,
// and the machine's load average while it ran.
//
//	go run ./corpus/internal/ingestbench -n 100000
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"vanban/corpus"
	"vanban/corpus/synth"
	"vanban/index"
)

func main() {
	n := flag.Int("n", 10000, "documents")
	dir := flag.String("corpus", "", "corpus folder (default /tmp/vanban-corpus-N; generated when absent)")
	store := flag.String("store", "", "store folder (default a fresh temporary one, removed unless -keep)")
	keep := flag.Bool("keep", false, "keep the store")
	bin := flag.String("bin", "", "vanban binary (default: built from ./cmd/vanban)")
	genOnly := flag.Bool("generate", false, "only generate the corpus (it takes minutes at 300 000)")
	flag.Parse()
	if err := run(*n, *dir, *store, *keep, *bin, *genOnly); err != nil {
		fmt.Fprintln(os.Stderr, "ingestbench:", err)
		os.Exit(1)
	}
}

func run(n int, dir, store string, keep bool, bin string, genOnly bool) error {
	if dir == "" {
		dir = fmt.Sprintf("/tmp/vanban-corpus-%d", n)
	}
	marker := filepath.Join(dir, ".gencorpus")
	want := fmt.Sprintf("n=%d seed=1\n", n)
	if b, err := os.ReadFile(marker); err != nil || string(b) != want {
		fmt.Printf("generating %d documents in %s\n", n, dir)
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		if _, err := synth.Write(dir, synth.Options{N: n, Seed: 1}); err != nil {
			return err
		}
		if err := os.WriteFile(marker, []byte(want), 0o644); err != nil {
			return err
		}
	}
	if genOnly {
		return nil
	}
	tmp, err := os.MkdirTemp("", "ingestbench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if bin == "" {
		bin = filepath.Join(tmp, "vanban")
		if out, err := exec.Command("go", "build", "-o", bin, "./cmd/vanban").CombinedOutput(); err != nil {
			return fmt.Errorf("go build: %v\n%s", err, out)
		}
	}
	if store == "" {
		store = filepath.Join(tmp, "store")
	} else if _, err := os.Stat(store); err == nil {
		return fmt.Errorf("the store %s exists: name a new one", store)
	}
	if !keep {
		defer os.RemoveAll(store)
	}
	report := filepath.Join(tmp, "report.json")
	cmd := exec.Command(bin, "ingest", "-q", "--store", store, "--report", report, dir)
	cmd.Stderr = os.Stderr
	var stdout strings.Builder
	cmd.Stdout = &stdout
	var loads []float64
	var anon, file int // peak RssAnon and RssFile of the process, kB
	var mu sync.Mutex
	stop := make(chan struct{})
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { // the load average and the resident memory once a second while it runs
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				a, f := rssParts(cmd.Process.Pid)
				mu.Lock()
				if l, ok := loadAvg(); ok {
					loads = append(loads, l)
				}
				anon, file = max(anon, a), max(file, f)
				mu.Unlock()
			}
		}
	}()
	err = cmd.Wait()
	wall := time.Since(start).Seconds()
	close(stop)
	if err != nil {
		return fmt.Errorf("vanban ingest: %v\n%s", err, stdout.String())
	}
	ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	var rep corpus.Report
	b, err := os.ReadFile(report)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		return fmt.Errorf("the report: %w", err)
	}
	mu.Lock()
	defer mu.Unlock()
	fmt.Printf("ingest of %d documents (%s): %.1f s wall, %.1f docs/s overall; %d added, %d failed\n",
		n, dir, wall, float64(rep.Files)/wall, rep.Added, rep.Failed)
	if len(rep.Tenths) == 10 {
		prev := 0.0
		var rates []float64
		for _, t := range rep.Tenths {
			rates = append(rates, float64(rep.Files)/10/max(t-prev, 1e-3))
			prev = t
		}
		var s []string
		for _, r := range rates {
			s = append(s, fmt.Sprintf("%.0f", r))
		}
		fmt.Printf("docs/s per tenth: %s (last/first %.2f)\n", strings.Join(s, " "), rates[9]/rates[0])
	}
	if len(rep.StageSeconds) > 0 {
		var s []string
		for _, k := range corpus.StageNames() {
			if v, ok := rep.StageSeconds[k]; ok {
				s = append(s, fmt.Sprintf("%s %.1f", k, v))
			}
		}
		fmt.Printf("seconds per stage (added over the workers): %s\n", strings.Join(s, ", "))
	}
	// The store as the process left it (its WAL checkpointed on close).
	sizes := index.StoreBytes(store)
	var size int64
	var parts []string
	for _, k := range []string{"db", "wal", "index"} {
		size += sizes[k]
		parts = append(parts, fmt.Sprintf("%s %.0f MB", k, float64(sizes[k])/1e6))
	}
	if ru != nil {
		written := ru.Oublock * 512
		fmt.Printf("peak RSS %.0f MB; written %.2f GB = %.1f× the final store; CPU %.0f s user + %.0f s system\n",
			float64(ru.Maxrss)/1024, float64(written)/1e9, float64(written)/float64(max(size, 1)),
			time.Duration(ru.Utime.Nano()).Seconds(), time.Duration(ru.Stime.Nano()).Seconds())
	}
	// RSS counts the pages of the search index's segments that bleve maps
	// and has read (file-backed: the kernel drops them when memory is
	// short) beside the process's own memory (anonymous: the Go heap,
	// SQLite's page cache).
	fmt.Printf("resident memory sampled each second: peak anonymous %.0f MB, peak file-backed (mapped index segments) %.0f MB\n",
		float64(anon)/1024, float64(file)/1024)
	fmt.Printf("store %.0f MB: %s\n", float64(size)/1e6, strings.Join(parts, ", "))
	if len(loads) > 0 {
		lo, hi, sum := loads[0], loads[0], 0.0
		for _, l := range loads {
			lo, hi, sum = min(lo, l), max(hi, l), sum+l
		}
		fmt.Printf("load average during the run (1 min, %d cores): mean %.1f, %.1f–%.1f\n", runtime.NumCPU(), sum/float64(len(loads)), lo, hi)
	}
	return nil
}

// rssParts reads RssAnon and RssFile (kB) of a process from
// /proc/PID/status (0 where unknown).
func rssParts(pid int) (anon, file int) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
		switch k {
		case "RssAnon":
			anon = n
		case "RssFile":
			file = n
		}
	}
	return anon, file
}

func loadAvg() (float64, bool) {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0, false
	}
	l, err := strconv.ParseFloat(f[0], 64)
	return l, err == nil
}
