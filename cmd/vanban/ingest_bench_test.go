package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"vanban/corpus/synth"
)

// benchIngest ingests a synthetic corpus of n text documents (about 7 KB
// each) with the whole pipeline (extract, normalize, rules, store, index) on
// all cores, into a fresh store per iteration.
func benchIngest(b *testing.B, n int) {
	in := b.TempDir()
	if _, err := synth.Write(in, synth.Options{N: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		store := filepath.Join(b.TempDir(), "store")
		if out, errs, code := vanban(b, "ingest", "-q", "--store", store, in); code != exitOK {
			b.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
		}
	}
	el := time.Since(start).Seconds() / float64(b.N)
	b.ReportMetric(float64(n)/el, "docs/s")
	b.ReportMetric(el, "s/run")
	if kb := peakRSSKiB(); kb > 0 {
		b.ReportMetric(float64(kb)/1024, "peak-RSS-MiB")
	}
}

func BenchmarkIngest1k(b *testing.B)  { benchIngest(b, 1000) }
func BenchmarkIngest10k(b *testing.B) { benchIngest(b, 10000) }

// peakRSSKiB is the process's peak resident set (VmHWM), 0 when unknown.
func peakRSSKiB() int {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return n
		}
	}
	return 0
}
