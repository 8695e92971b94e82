// Command gencorpus writes a synthetic corpus of Vietnamese administrative
// documents (package vanban/corpus/synth) for benchmarks and load tests:
//
//	go run ./corpus/internal/gencorpus -n 10000 -out /tmp/corpus10k
package main

import (
	"flag"
	"fmt"
	"os"

	"vanban/corpus/synth"
)

func main() {
	n := flag.Int("n", 1000, "documents")
	out := flag.String("out", "", "output folder (required)")
	seed := flag.Uint64("seed", 1, "random seed: the same seed gives the same corpus")
	body := flag.Int("body", 6000, "approximate body size in bytes")
	flag.Parse()
	if *out == "" || *n < 1 {
		flag.Usage()
		os.Exit(2)
	}
	docs, err := synth.Write(*out, synth.Options{N: *n, Seed: *seed, BodyBytes: *body})
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
	var bytes int
	for _, d := range docs {
		bytes += len(d.Text)
	}
	fmt.Printf("gencorpus: %d documents, %.1f MB in %s\n", len(docs), float64(bytes)/1e6, *out)
}
