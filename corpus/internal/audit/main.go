// Command audit measures the graph on the real corpus: it ingests the shared
// corpus into a fresh store with the vanban binary (the pipeline cmd/vanban
// uses), prints what the store holds, and draws a fixed-seed random sample of
// edges, stratified by place, into a TSV file with the citing sentence of
// each edge and empty verdict columns, to be checked by hand:
//
//	go run ./corpus/internal/audit -out /tmp/sample.tsv
//
// Given a checked file it prints the error rates and the wrong rows:
//
//	go run ./corpus/internal/audit -verdicts corpus/internal/audit/verdicts-main.tsv
//
// The same store content and seed give the same rows: each edge's place in
// the random order is a hash of the seed and the edge's keys.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"vanban/corpus"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	flag := flag.NewFlagSet("audit", flag.ContinueOnError)
	flag.SetOutput(stderr)
	shared := flag.String("shared", "../shared", "the shared folder holding corpus/")
	store := flag.String("store", "", "build the store in this folder (must not hold a store yet) and keep it; default: a temporary folder, removed at the end")
	reuse := flag.Bool("reuse", false, "with -store: sample the store as it is, without ingesting")
	vanban := flag.String("vanban", "", "the vanban binary to ingest with (default: built from ./cmd/vanban)")
	skipScans := flag.Bool("skip-scans", false, "do not ingest corpus/real/scans (OCR is the slow part)")
	seed := flag.Uint64("seed", 1, "random seed of the sample")
	n := flag.Int("n", 100, "edges to sample")
	local := flag.Int("local", 30, "at least this many sampled edges cite a local document")
	out := flag.String("out", "", "write the sample here (TSV)")
	verdicts := flag.String("verdicts", "", "read this checked sample and print its error rates (no ingest)")
	prefill := flag.String("prefill", "", "a checked sample: copy its verdicts into -out for the same edges with the same citing sentence")
	if err := flag.Parse(args); err != nil {
		return 2
	}
	if flag.NArg() > 0 || *n < 0 || *local < 0 {
		flag.Usage()
		return 2
	}
	if *verdicts != "" {
		f, err := os.Open(*verdicts)
		if err != nil {
			fmt.Fprintln(stderr, "audit:", err)
			return 1
		}
		defer f.Close()
		rows, err := ReadTSV(f)
		if err != nil {
			fmt.Fprintf(stderr, "audit: %s: %v\n", *verdicts, err)
			return 1
		}
		rt := Score(rows)
		PrintRates(stdout, rt)
		if rt.Unchecked > 0 {
			return 1
		}
		return 0
	}
	if *reuse && *store == "" {
		fmt.Fprintln(stderr, "audit: -reuse needs -store")
		return 2
	}
	ctx := context.Background()
	started := time.Now()

	dir := *store
	if dir == "" {
		tmp, err := os.MkdirTemp("", "vanban-audit-")
		if err != nil {
			fmt.Fprintln(stderr, "audit:", err)
			return 1
		}
		defer os.RemoveAll(tmp)
		dir = filepath.Join(tmp, "store")
	} else if _, err := os.Stat(filepath.Join(dir, corpus.DBName)); err == nil && !*reuse {
		fmt.Fprintf(stderr, "audit: %s already holds a store: remove it, or sample it as it is with -reuse\n", dir)
		return 2
	}

	if !*reuse {
		bin := *vanban
		if bin == "" {
			bin = filepath.Join(filepath.Dir(dir), "vanban-audit-bin")
			if err := build(bin, stderr); err != nil {
				fmt.Fprintln(stderr, "audit:", err)
				return 1
			}
			if *store != "" {
				defer os.Remove(bin)
			}
		}
		paths, err := inputs(*shared, *skipScans)
		if err != nil {
			fmt.Fprintln(stderr, "audit:", err)
			return 1
		}
		t := time.Now()
		if err := ingest(bin, dir, paths, stdout, stderr); err != nil {
			fmt.Fprintln(stderr, "audit:", err)
			return 1
		}
		fmt.Fprintf(stdout, "audit: ingest took %s\n", time.Since(t).Round(time.Second))
	}

	st, err := corpus.Open(dir)
	if err != nil {
		fmt.Fprintln(stderr, "audit:", err)
		return 1
	}
	defer st.Close()
	edges, err := LoadEdges(ctx, st)
	if err != nil {
		fmt.Fprintln(stderr, "audit:", err)
		return 1
	}
	sum, err := Summarize(ctx, st, edges)
	if err != nil {
		fmt.Fprintln(stderr, "audit:", err)
		return 1
	}
	PrintSummary(stdout, sum)
	rows := Sample(edges, *seed, *n, *local)
	if *prefill != "" {
		f, err := os.Open(*prefill)
		if err != nil {
			fmt.Fprintln(stderr, "audit:", err)
			return 1
		}
		checked, err := ReadTSV(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(stderr, "audit: %s: %v\n", *prefill, err)
			return 1
		}
		fmt.Fprintf(stdout, "audit: %d of %d rows keep the verdicts of %s (same edge, same sentence)\n",
			Prefill(rows, checked), len(rows), *prefill)
	}
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(stderr, "audit:", err)
			return 1
		}
		if err := WriteTSV(f, rows); err != nil {
			f.Close()
			fmt.Fprintln(stderr, "audit:", err)
			return 1
		}
		if err := f.Close(); err != nil {
			fmt.Fprintln(stderr, "audit:", err)
			return 1
		}
		locals := 0
		for _, r := range rows {
			if r.Local() {
				locals++
			}
		}
		fmt.Fprintf(stdout, "audit: %d edges sampled (seed %d, %d local) into %s\n", len(rows), *seed, locals, *out)
	}
	fmt.Fprintf(stdout, "audit: done in %s\n", time.Since(started).Round(time.Second))
	return 0
}

// inputs are the folders of the real corpus the audit ingests: the seeds,
// the vbpl texts, the Markdown documents, the legacy originals (not their
// transcripts) and, unless skipped, the scans.
func inputs(shared string, skipScans bool) ([]string, error) {
	c := filepath.Join(shared, "corpus")
	paths := []string{
		filepath.Join(c, "seeds"),
		filepath.Join(c, "real", "vbpl", "text"),
		filepath.Join(c, "real", "markdown", "van-ban"),
		filepath.Join(c, "real", "legacy", "tcvn3"),
		filepath.Join(c, "real", "legacy", "vni"),
	}
	if !skipScans {
		paths = append(paths, filepath.Join(c, "real", "scans"))
	}
	for _, p := range paths {
		if fi, err := os.Stat(p); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("the corpus folder %s is missing (set -shared)", p)
		}
	}
	return paths, nil
}

// build compiles cmd/vanban of the module the command runs in.
func build(bin string, stderr io.Writer) error {
	modFile, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return fmt.Errorf("cannot find the module: %w", err)
	}
	root := filepath.Dir(strings.TrimSpace(string(modFile)))
	if root == "." || root == "" || strings.TrimSpace(string(modFile)) == os.DevNull {
		return errors.New("run the audit inside the vanban module")
	}
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/vanban")
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("cannot build vanban: %w", err)
	}
	return nil
}

// ingest runs "vanban ingest" into a fresh store. Files that fail are in
// its report; the audit goes on with the rest.
func ingest(bin, dir string, paths []string, stdout, stderr io.Writer) error {
	args := append([]string{"ingest", "--store", dir, "--no-index", "-q"}, paths...)
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) && ee.ExitCode() == 1 {
		return nil // some input failed; the report says which
	}
	if err != nil {
		return fmt.Errorf("vanban ingest: %w", err)
	}
	return nil
}
