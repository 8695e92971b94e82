// Command legacyscore prints the diacritic accuracy (METRIC.md) of extract +
// normalize on the real TCVN3/VNI files of shared/corpus/real/legacy, one row
// a file:
//
//	go run ./extract/internal/legacyscore [-dir ../shared/corpus/real/legacy]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"vanban/extract/internal/legacymetric"
)

func main() {
	dir := flag.String("dir", "../shared/corpus/real/legacy", "the legacy corpus folder (with transcripts/)")
	flag.Parse()
	rows, err := legacymetric.Run(context.Background(), *dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	legacymetric.Print(os.Stdout, rows)
}
