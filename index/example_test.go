package index_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"vanban/corpus"
	"vanban/index"
)

// A Go program embedding vanban: ingest a folder, search it, and ask who
// cites a directive and what a plan implements.
func ExampleArchive() {
	dir, _ := os.MkdirTemp("", "vanban-example-")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	a, err := index.OpenArchive(filepath.Join(dir, "store"), index.ArchiveOptions{Create: true, Index: true})
	if err != nil {
		log.Fatal(err)
	}
	defer a.Close()
	rep, _, err := a.Ingest(ctx, []string{"../testdata/corpus/chain"}, index.IngestOptions{Workers: 1})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("added", rep.Added)

	res, err := a.Search(ctx, index.Query{Text: "dân vận khéo", Type: "Kế hoạch"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("hits", res.Total)

	_, citations, err := a.Cites(ctx, "Chỉ thị 47-CT/TW", corpus.Filter{Relation: "implements"})
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range citations {
		fmt.Println(c.Relation, c.Citing.Symbol)
	}

	plan, err := a.Resolve(ctx, "15-KH/ĐU")
	if err != nil {
		log.Fatal(err)
	}
	nodes, err := a.Trace(ctx, plan, true, 0)
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range nodes {
		fmt.Println(n.Depth, n.Doc.Symbol)
	}
	// Output:
	// added 4
	// hits 2
	// implements 512-KL/TU
	// 0 15-KH/ĐU
	// 1 88-KH/HU
	// 2 512-KL/TU
	// 3 47-CT/TW
}
