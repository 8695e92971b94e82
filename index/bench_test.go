package index

import (
	"path/filepath"
	"testing"

	"vanban/corpus/synth"
)

// BenchmarkPut indexes 1000 synthetic documents (about 7 KB each) in
// batches of 200, as ingest and reindex do.
func BenchmarkPut(b *testing.B) {
	gen := synth.Generate(synth.Options{N: 1000, Seed: 1})
	docs := make([]Doc, len(gen))
	for i, g := range gen {
		docs[i] = Doc{ID: g.Name, Type: "Kế hoạch", Symbol: g.Symbol, Year: g.Year, Province: g.Province, Body: g.Text}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix, err := Open(filepath.Join(b.TempDir(), Name))
		if err != nil {
			b.Fatal(err)
		}
		for j := 0; j < len(docs); j += 200 {
			if err := ix.Put(docs[j : j+200]); err != nil {
				b.Fatal(err)
			}
		}
		ix.Close()
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "docs/s")
}
