package index

import (
	"context"
	"math/rand/v2"
	"sort"
	"testing"
	"time"

	"vanban/corpus"
)

// BenchmarkStoreQueries times what `show`, `cites` and `trace` ask of a
// store held open (the server's case), for 200 documents drawn at random
// (fixed seed): Resolve and Show of its key, Cites of its key, Trace up
// and down (all levels). It logs p50, p99 and the slowest of each. The
// store is $VANBAN_BENCH_STORE, or 2 000 synthetic documents made here.
//
//	VANBAN_BENCH_STORE=/tmp/s300k go test ./index -run '^$' -bench StoreQueries -benchtime 1x -v
func BenchmarkStoreQueries(b *testing.B) {
	dir := benchStore(b)
	a, err := OpenArchive(dir, ArchiveOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	ctx := context.Background()
	keySet, err := a.Store().DocumentKeys(ctx)
	if err != nil {
		b.Fatal(err)
	}
	keys := make([]string, 0, len(keySet))
	for k := range keySet {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	rng := rand.New(rand.NewPCG(11, 12))
	picked := make([]string, 200)
	for i := range picked {
		picked[i] = keys[rng.IntN(len(keys))]
	}
	type timing struct {
		d   time.Duration
		key string
		n   int // rows answered
	}
	ops := []string{"show", "cites", "trace up", "trace down"}
	times := map[string][]timing{}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, k := range picked {
			st := time.Now()
			d, err := a.Resolve(ctx, k)
			if err != nil {
				b.Fatal(err)
			}
			sh, err := a.Show(ctx, d, false)
			if err != nil {
				b.Fatal(err)
			}
			times["show"] = append(times["show"], timing{time.Since(st), k, len(sh.CitedBy)})
			st = time.Now()
			_, cs, err := a.Cites(ctx, k, corpus.Filter{})
			if err != nil {
				b.Fatal(err)
			}
			times["cites"] = append(times["cites"], timing{time.Since(st), k, len(cs)})
			for _, up := range []bool{true, false} {
				st = time.Now()
				nodes, err := a.Trace(ctx, d, up, 0)
				if err != nil {
					b.Fatal(err)
				}
				op := "trace down"
				if up {
					op = "trace up"
				}
				times[op] = append(times[op], timing{time.Since(st), k, len(nodes)})
			}
		}
	}
	b.StopTimer()
	b.Logf("%d documents in the store, %d drawn", len(keys), len(picked))
	for _, op := range ops {
		ts := times[op]
		sort.Slice(ts, func(i, j int) bool { return ts[i].d < ts[j].d })
		worst := ts[len(ts)-1]
		b.Logf("%-10s p50 %6.2f ms  p99 %6.2f ms  slowest %6.2f ms (%s, %d rows)", op, ms(ts[len(ts)/2].d), ms(ts[len(ts)*99/100].d), ms(worst.d), worst.key, worst.n)
		b.ReportMetric(ms(ts[len(ts)*99/100].d), "p99-ms-"+op[:1]+op[len(op)-2:])
	}
}
