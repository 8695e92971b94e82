package web

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"vanban/corpus/synth"
	"vanban/index"
)

// BenchmarkServerLoad puts 20 concurrent clients on the server: the search
// page, the search API and the document page, in rounds, and reports the
// server-side latency (time inside the handler) p50 and p99 for each, and
// the process's resident memory after each round (flat = no growth).
//
// The store is $VANBAN_BENCH_STORE (for the 100 000-document figure of the
// README, made with corpus/internal/gencorpus and `vanban ingest`), or a
// synthetic store of $VANBAN_BENCH_N documents (default 2000) built here.
func BenchmarkServerLoad(b *testing.B) {
	dir := os.Getenv("VANBAN_BENCH_STORE")
	if dir == "" {
		n := 2000
		if v, err := strconv.Atoi(os.Getenv("VANBAN_BENCH_N")); err == nil && v > 0 {
			n = v
		}
		tmp := b.TempDir()
		if _, err := synth.Write(filepath.Join(tmp, "in"), synth.Options{N: n, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		a, err := index.OpenArchive(filepath.Join(tmp, "store"), index.ArchiveOptions{Create: true, Index: true})
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := a.Ingest(context.Background(), []string{filepath.Join(tmp, "in")}, index.IngestOptions{}); err != nil {
			b.Fatal(err)
		}
		a.Close()
		dir = filepath.Join(tmp, "store")
	}
	a, err := index.OpenArchive(dir, index.ArchiveOptions{Index: true})
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
	queries := []string{"chi thi", "dân vận", "kế hoạch thực hiện", "công tác dân vận ở cơ sở", "nghị quyết", "học tập và làm theo",
		"cải cách hành chính", "phòng chống tham nhũng", "chuyển đổi số", "an ninh trật tự"}
	for i := 0; i < 20; i++ { // symbols as typed, from the store itself
		k := keys[(i*7919)%len(keys)]
		queries = append(queries, strings.ToLower(k[:strings.Index(k, ":")]))
	}

	srv := New(a, Options{})
	defer srv.Close()
	type sample struct {
		kind  string
		d     time.Duration
		round int
		url   string
	}
	var mu sync.Mutex
	var samples []sample
	var round int // the round running, read under mu
	timed := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		srv.ServeHTTP(w, r)
		d := time.Since(start)
		kind := "document page"
		switch {
		case strings.HasPrefix(r.URL.Path, "/api/search"):
			kind = "search API"
		case r.URL.Path == "/":
			kind = "search page"
		}
		mu.Lock()
		samples = append(samples, sample{kind, d, round, r.URL.RequestURI()})
		mu.Unlock()
	})
	ts := httptest.NewServer(timed)
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

	const clients = 20
	perClient := 50
	if v, err := strconv.Atoi(os.Getenv("VANBAN_BENCH_REQUESTS")); err == nil && v > 0 {
		perClient = v
	}
	rounds := 5
	b.ResetTimer()
	for it := 0; it < b.N; it++ {
		var rss []int
		samples = samples[:0]
		for r := 0; r < rounds; r++ {
			mu.Lock()
			round = r
			mu.Unlock()
			var wg sync.WaitGroup
			for c := 0; c < clients; c++ {
				wg.Add(1)
				go func(c int) {
					defer wg.Done()
					rng := rand.New(rand.NewPCG(uint64(r), uint64(c)))
					for i := 0; i < perClient; i++ {
						var u string
						switch i % 3 {
						case 0:
							u = "/?q=" + url.QueryEscape(queries[rng.IntN(len(queries))])
						case 1:
							u = "/api/search?q=" + url.QueryEscape(queries[rng.IntN(len(queries))]) + "&page=" + strconv.Itoa(1+rng.IntN(3))
						default:
							u = "/van-ban/" + url.PathEscape(keys[rng.IntN(len(keys))])
						}
						resp, err := client.Get(ts.URL + u)
						if err != nil {
							b.Error(err)
							return
						}
						if resp.StatusCode != 200 {
							b.Errorf("%s: %d", u, resp.StatusCode)
						}
						resp.Body.Close()
					}
				}(c)
			}
			wg.Wait()
			runtime.GC()
			rss = append(rss, rssKiB())
		}
		b.StopTimer()
		// The first round meets every query cold (nothing asked yet since
		// the server started); the later ones ask the same queries again.
		byKind, warm := map[string][]time.Duration{}, map[string][]time.Duration{}
		for _, s := range samples {
			byKind[s.kind] = append(byKind[s.kind], s.d)
			if s.round > 0 {
				warm[s.kind] = append(warm[s.kind], s.d)
			}
		}
		kinds := make([]string, 0, len(byKind))
		for k := range byKind {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		pct := func(ds []time.Duration) (p50, p99, top time.Duration) {
			if len(ds) == 0 {
				return 0, 0, 0
			}
			sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
			return ds[len(ds)/2], ds[len(ds)*99/100], ds[len(ds)-1]
		}
		for _, k := range kinds {
			p50, p99, top := pct(byKind[k])
			w50, w99, wtop := pct(warm[k])
			b.Logf("%-14s %5d requests  p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms | rounds 2–%d: p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms",
				k, len(byKind[k]), ms(p50), ms(p99), ms(top), rounds, ms(w50), ms(w99), ms(wtop))
			b.ReportMetric(ms(p99), "p99-ms-"+strings.ReplaceAll(k, " ", "-"))
		}
		var slow []sample
		for _, s := range samples {
			if s.round > 0 {
				slow = append(slow, s)
			}
		}
		sort.Slice(slow, func(i, j int) bool { return slow[i].d > slow[j].d })
		for _, s := range slow[:min(5, len(slow))] {
			b.Logf("slow after the first round: %6.2f ms %s", ms(s.d), s.url)
		}
		b.Logf("%d documents, %d clients; resident memory after each round (MiB): %s", len(keys), clients, mib(rss))
		b.StartTimer()
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func mib(kib []int) string {
	parts := make([]string, len(kib))
	for i, k := range kib {
		parts[i] = fmt.Sprintf("%.0f", float64(k)/1024)
	}
	return strings.Join(parts, " → ")
}

// rssKiB is the resident set size of this process (Linux), 0 elsewhere.
func rssKiB() int {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	return 0
}
