package index

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"vanban/corpus/synth"
)

// BenchmarkSearchCold answers each query of the server benchmark once with
// the result cache emptied before it (what a query nobody asked yet costs;
// the index unchanged, so what the archive keeps per generation of the
// index, the hiệu lực sets and the places, stays), one at a time, and logs
// each query's time. The store
// is $VANBAN_BENCH_STORE, or 2 000 synthetic documents made here.
//
//	VANBAN_BENCH_STORE=/tmp/s100k go test ./index -run '^$' -bench SearchCold -benchtime 1x
func BenchmarkSearchCold(b *testing.B) {
	dir := benchStore(b)
	a, err := OpenArchive(dir, ArchiveOptions{Index: true})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	ctx := context.Background()
	queries := []Query{{Text: "chi thi"}, {Text: "dân vận"}, {Text: "kế hoạch thực hiện"}, {Text: "công tác dân vận ở cơ sở"},
		{Text: "nghị quyết"}, {Text: "học tập và làm theo"}, {Text: "cải cách hành chính"}, {Text: "phòng chống tham nhũng"},
		{Text: "chuyển đổi số"}, {Text: "an ninh trật tự"}, {Text: "33/ct-ttg"}, {Text: "nghị quyết", From: 10},
		{Text: "dân vận", Province: "Bình Định"}, {Text: ""}, {Text: "kế hoạch", Type: "Kế hoạch", Year: 2022}}
	times := make([][]time.Duration, len(queries))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, q := range queries {
			a.ix.cache.clear()
			start := time.Now()
			if _, err := a.Search(ctx, q); err != nil {
				b.Fatal(err)
			}
			times[j] = append(times[j], time.Since(start))
		}
	}
	b.StopTimer()
	var all []time.Duration
	for j, q := range queries {
		ts := times[j]
		sort.Slice(ts, func(x, y int) bool { return ts[x] < ts[y] })
		all = append(all, ts...)
		b.Logf("%-40q %8.2f ms (median of %d)", strings.TrimSpace(q.Text+" "+q.Province+" "+q.Type), ms(ts[len(ts)/2]), len(ts))
	}
	sort.Slice(all, func(x, y int) bool { return all[x] < all[y] })
	b.ReportMetric(ms(all[len(all)/2]), "p50-ms")
	b.ReportMetric(ms(all[len(all)-1]), "max-ms")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// benchStore is the store a benchmark reads: $VANBAN_BENCH_STORE, or 2 000
// synthetic documents ingested here.
func benchStore(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("VANBAN_BENCH_STORE"); dir != "" {
		return dir
	}
	tmp := b.TempDir()
	if _, err := synth.Write(filepath.Join(tmp, "in"), synth.Options{N: 2000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	a, err := OpenArchive(filepath.Join(tmp, "store"), ArchiveOptions{Create: true, Index: true})
	if err != nil {
		b.Fatal(err)
	}
	if _, _, err := a.Ingest(context.Background(), []string{filepath.Join(tmp, "in")}, IngestOptions{}); err != nil {
		b.Fatal(err)
	}
	a.Close()
	return filepath.Join(tmp, "store")
}
