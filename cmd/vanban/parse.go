package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"text/tabwriter"

	"vanban/extract"
	"vanban/index"
	"vanban/normalize"
	"vanban/rules"
)

func init() {
	register(&command{name: "parse", summary: "extract, normalize and structure files (no store)", run: runParse})
}

// maxFileBytes bounds what is read of one file (index.ProcessFile's default).
const maxFileBytes = extract.DefaultMaxBytes

func runParse(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	asJSON := fs.Bool("json", false, "print one JSON record per line")
	withText := fs.Bool("text", false, "include the normalized text in the record")
	ocr := fs.String("ocr", "auto", "OCR mode: auto, force or off")
	jobs := jobsFlag(fs, runtime.NumCPU())
	timeout := timeoutFlag(fs)
	maxBytes := maxBytesFlagVar(fs, maxFileBytes)
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: vanban parse [--json] [--text] [--ocr=auto|force|off] [--max-bytes N] FILE...\n       (FILE - is standard input, read up to --max-bytes)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	mode := extract.OCRMode(*ocr)
	if mode != extract.OCRAuto && mode != extract.OCRForce && mode != extract.OCROff {
		fmt.Fprintf(env.Stderr, "vanban parse: --ocr must be auto, force or off, not %q\n", *ocr)
		return exitUsage
	}
	files := fs.Args()
	if len(files) == 0 {
		fs.Usage()
		return exitUsage
	}
	// One pool of OCR processes for all the files, as many as -j.
	opt := extract.Options{OCR: mode, MaxBytes: *maxBytes, OCRPool: extract.NewPool(*jobs)}
	failed := false
	forEachOrdered(files, *jobs, func(path string) rules.Document {
		fctx, cancel := context.WithTimeout(ctx, *timeout)
		defer cancel()
		if path == "-" {
			doc, _ := index.ProcessReader(fctx, "-", env.Stdin, opt)
			return doc
		}
		doc, _ := index.ProcessFile(fctx, path, opt)
		return doc
	}, func(doc rules.Document) {
		if doc.Error != nil {
			failed = true
			fmt.Fprintf(env.Stderr, "vanban parse: %s\n", esc(doc.Error.Message))
		}
		if !*withText {
			doc.Text = ""
		}
		if *asJSON {
			writeJSONLine(env.Stdout, doc)
		} else {
			printDocument(env.Stdout, doc)
		}
	})
	if failed {
		return exitPartial
	}
	return exitOK
}

// forEachOrdered runs work on items with n workers and hands the results to
// emit in input order.
func forEachOrdered[T, R any](items []T, n int, work func(T) R, emit func(R)) {
	if n < 1 {
		n = 1
	}
	results := make([]chan R, len(items))
	for i := range results {
		results[i] = make(chan R, 1)
	}
	sem := make(chan struct{}, n)
	var wg sync.WaitGroup
	go func() {
		for i, it := range items {
			sem <- struct{}{}
			wg.Add(1)
			go func(i int, it T) {
				defer wg.Done()
				defer func() { <-sem }()
				results[i] <- work(it)
			}(i, it)
		}
	}()
	for _, ch := range results {
		emit(<-ch)
	}
	wg.Wait()
}

func writeJSONLine(w io.Writer, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(map[string]any{"error": map[string]string{"kind": "other", "message": err.Error()}})
	}
	w.Write(append(normalize.EscapeJSON(b), '\n'))
}

// printDocument prints the readable form of a record.
func printDocument(w io.Writer, d rules.Document) {
	if d.Error != nil {
		fmt.Fprintf(w, "%s\n  error (%s): %s\n\n", esc(d.Source.Path), d.Error.Kind, esc(d.Error.Message))
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\n", esc(d.Source.Path))
	row := func(k string, v string) {
		if v != "" {
			fmt.Fprintf(tw, "  %s\t%s\n", k, esc(v))
		}
	}
	row("id", d.ID)
	row("type", string(d.Type))
	row("symbol", string(d.Symbol))
	row("date", string(d.Date))
	row("place", string(d.Place))
	row("issuer", string(d.Issuer))
	row("province", string(d.Province))
	row("subject", string(d.Subject))
	src := d.Source.Format
	if d.Source.Pages > 0 {
		src += fmt.Sprintf(", %d pages", d.Source.Pages)
	}
	if d.Source.OCR {
		src += fmt.Sprintf(", OCR pages %v", d.Source.OCRPages)
	}
	if d.Source.Encoding != "" {
		src += ", " + d.Source.Encoding
	}
	row("source", src)
	for _, w := range d.Source.Warnings {
		row("warning", w)
	}
	for _, s := range d.Signers {
		row("signer", strings.TrimSpace(strings.Join([]string{s.Authority, s.Position, s.Name}, " / ")))
	}
	if len(d.Recipients) > 0 {
		row("recipients", strings.Join(d.Recipients, "; "))
	}
	tw.Flush()
	if len(d.Headings) > 0 {
		fmt.Fprintln(w, "  outline:")
		for _, h := range d.Headings {
			fmt.Fprintf(w, "    %s%s %s\n", strings.Repeat("  ", h.Level-1), esc(h.Label), esc(h.Title))
		}
	}
	if len(d.References) > 0 {
		fmt.Fprintln(w, "  references:")
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, r := range d.References {
			year := ""
			if r.Year != 0 {
				year = fmt.Sprint(int(r.Year))
			}
			fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\t×%d\t%s\n", r.Relation, esc(string(r.Type)), esc(string(r.Symbol)), year, r.Count, esc(string(r.Issuer)))
		}
		tw.Flush()
	}
	if len(d.Named) > 0 {
		fmt.Fprintln(w, "  named, without a number:")
		for _, n := range d.Named {
			fmt.Fprintf(w, "    %s\n", esc(n.Text))
		}
	}
	fmt.Fprintln(w)
}
