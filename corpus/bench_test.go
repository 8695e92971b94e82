package corpus

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"vanban/internal/pgtest"
)

// The query benchmarks run on a graph of benchDocs documents and about
// benchEdges edges written straight into the database (resolution is not
// what they measure): a pyramid of central, provincial, district and
// commune documents, each implementing one document a level up and citing
// about nine earlier ones. Built once per process, only under -bench.
const (
	benchDocs  = 100_000
	benchEdges = 1_000_000
)

var (
	benchOnce  sync.Once
	benchStore *Store
	benchErr   error
	benchLevel [4][]int64 // row ids by level
	benchKeys  []string
	benchDir   string
)

func benchGraph(b *testing.B) *Store {
	benchOnce.Do(func() {
		benchDir, benchErr = os.MkdirTemp("", "vanban-bench-")
		if benchErr != nil {
			return
		}
		benchStore, benchErr = Open(filepath.Join(benchDir, "store"))
		if benchErr != nil {
			return
		}
		start := time.Now()
		benchErr = fillGraph(benchStore, benchDocs, benchEdges)
		fmt.Fprintf(os.Stderr, "bench graph: %d documents, %d edges written in %s\n", benchDocs, benchEdges, time.Since(start).Round(time.Millisecond))
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore
}

func fillGraph(s *Store, nDocs, nEdges int) error {
	r := rand.New(rand.NewPCG(1, 2))
	t, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer t.Rollback()
	insDoc, err := t.Prepare(`INSERT INTO documents (key, state, symbol_fold, year, juris, type, type_fold, symbol, number, date,
		province, record, indexed) VALUES (?, 'document', ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', 1)`)
	if err != nil {
		return err
	}
	insMention, err := t.Prepare(`INSERT INTO mentions (src, seq, dst, type, symbol, symbol_fold, number, year, relation, count,
		text, start, end_, sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, 0, 10, ?)`)
	if err != nil {
		return err
	}
	insEdge, err := t.Prepare(`INSERT OR IGNORE INTO edges (src, dst, relation, count) VALUES (?, ?, ?, 1)`)
	if err != nil {
		return err
	}
	provinces := []string{"Lai Châu", "Thanh Hóa", "Lâm Đồng", "Nghệ An", "Gia Lai", "Cà Mau", "Hà Nội", "Huế"}
	codes := []string{"TW", "TU", "HU", "ĐU"}
	types := []string{"Chỉ thị", "Kết luận", "Kế hoạch", "Kế hoạch"}
	abbr := []string{"CT", "KL", "KH", "KH"}
	perDoc := nEdges / nDocs
	for i := 0; i < nDocs; i++ {
		lvl := 3
		switch x := r.IntN(100); {
		case x < 1 || i == 0:
			lvl = 0
		case x < 10:
			lvl = 1
		case x < 40:
			lvl = 2
		}
		year := 2010 + i*15/nDocs
		prov, juris := "", JurisNational
		if lvl > 0 {
			prov = provinces[r.IntN(len(provinces))]
			juris = Slug(prov)
		}
		sym := fmt.Sprintf("%d-%s/%s", i+1, abbr[lvl], codes[lvl])
		key := makeKey(sym, year, juris)
		res, err := insDoc.Exec(key, FoldSymbol(sym), year, juris, types[lvl], Fold(types[lvl]), sym, fmt.Sprint(i+1),
			fmt.Sprintf("%d-%02d-%02d", year, 1+r.IntN(12), 1+r.IntN(28)), prov)
		if err != nil {
			return err
		}
		id, _ := res.LastInsertId()
		benchKeys = append(benchKeys, key)
		// Edges to earlier documents: the parent one level up, then cites.
		seq := 0
		link := func(dst int64, rel string) error {
			if _, err := insMention.Exec(id, seq, dst, "Kế hoạch", "x", "X", "1", year, rel, "Thực hiện …",
				"Thực hiện Kế hoạch số … của Ban Thường vụ."); err != nil {
				return err
			}
			seq++
			_, err := insEdge.Exec(id, dst, rel)
			return err
		}
		if lvl > 0 && len(benchLevel[lvl-1]) > 0 {
			up := benchLevel[lvl-1]
			if err := link(up[r.IntN(len(up))], "implements"); err != nil {
				return err
			}
		}
		for k := seq; k < perDoc && i > 0; k++ {
			// Cited documents are mostly recent and higher up.
			j := max(0, i-1-r.IntN(min(i, 5000)))
			if err := link(int64(j+1), "cites"); err != nil {
				return err
			}
		}
		benchLevel[lvl] = append(benchLevel[lvl], id)
	}
	if err := t.Commit(); err != nil {
		return err
	}
	_, err = s.db.Exec(`ANALYZE`)
	return err
}

// BenchmarkCites is `vanban cites REF` on the 100k/1M graph: parse the REF,
// find the document, list who cites it with the citing sentences.
func BenchmarkCites(b *testing.B) {
	s := benchGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 4))
	b.ResetTimer()
	total := 0
	for i := 0; i < b.N; i++ {
		k := benchKeys[r.IntN(len(benchKeys))]
		d, err := s.Resolve(ctx, k)
		if err != nil {
			b.Fatal(err)
		}
		cs, err := s.Cites(ctx, []DocInfo{d}, Filter{})
		if err != nil {
			b.Fatal(err)
		}
		total += len(cs)
	}
	b.ReportMetric(float64(total)/float64(b.N), "citers/op")
}

// BenchmarkCitesBySymbol types the REF as a person would ("Kế hoạch số N-KH/HU"):
// ParseRef, then a lookup by folded symbol.
func BenchmarkCitesBySymbol(b *testing.B) {
	s := benchGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(5, 6))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := r.IntN(len(benchKeys))
		d, err := s.Resolve(ctx, fmt.Sprintf("văn bản số %s", symbolOfKey(benchKeys[n])))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Cites(ctx, []DocInfo{d}, Filter{Type: "Kế hoạch"}); err != nil {
			b.Fatal(err)
		}
	}
}

func symbolOfKey(k string) string {
	for i := 0; i < len(k); i++ {
		if k[i] == ':' {
			return k[:i]
		}
	}
	return k
}

// BenchmarkTraceUp is `vanban trace DOC --up` from a commune document to the
// centre.
func BenchmarkTraceUp(b *testing.B) {
	s := benchGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(7, 8))
	leaves := benchLevel[3]
	b.ResetTimer()
	nodes := 0
	for i := 0; i < b.N; i++ {
		root := DocInfo{Row: leaves[r.IntN(len(leaves))]}
		ns, err := s.Trace(ctx, root, true, 0)
		if err != nil {
			b.Fatal(err)
		}
		nodes += len(ns)
	}
	b.ReportMetric(float64(nodes)/float64(b.N), "nodes/op")
}

// BenchmarkTraceDown is `vanban trace DOC --down` from a district document.
func BenchmarkTraceDown(b *testing.B) {
	s := benchGraph(b)
	ctx := context.Background()
	r := rand.New(rand.NewPCG(9, 10))
	mids := benchLevel[2]
	b.ResetTimer()
	nodes := 0
	for i := 0; i < b.N; i++ {
		root := DocInfo{Row: mids[r.IntN(len(mids))]}
		ns, err := s.Trace(ctx, root, false, 0)
		if err != nil {
			b.Fatal(err)
		}
		nodes += len(ns)
	}
	b.ReportMetric(float64(nodes)/float64(b.N), "nodes/op")
}

// BenchmarkPut is storing one parsed document with ten references into a
// store that already holds the chain.
func BenchmarkPut(b *testing.B) {
	s := openTest(b)
	for i, d := range chain() {
		put(b, s, fmt.Sprintf("f%d.txt", i), d)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := doc("Kế hoạch", fmt.Sprintf("%d-KH/ĐU", i+100), "2023-10-01", "Lai Châu",
			ref("Kế hoạch", "88-KH/HU", 2023, "implements"), ref("Chỉ thị", "47-CT/TW", 0, "cites"),
			ref("Chỉ thị", "33/CT-TTg", 2021, "cites"), ref("Nghị quyết", "25-NQ/TW", 2013, "cites"),
			ref("Kết luận", "512-KL/TU", 2023, "cites"), ref("Kế hoạch", fmt.Sprintf("%d-KH/ĐU", i+99), 2023, "cites"))
		put(b, s, fmt.Sprintf("p%d.txt", i), d)
	}
}

// testOnPostgres runs the store's tests (those of openTest) on a
// PostgreSQL store instead of SQLite: VANBAN_TEST_STORE=postgres.
var testOnPostgres = os.Getenv("VANBAN_TEST_STORE") == "postgres"

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.StopShared()
	if benchStore != nil {
		benchStore.Close()
	}
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}
