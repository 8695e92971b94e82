// Command dump prints what package extract finds in files: a debugging aid
// for the PDF/OCR extractors (go run ./extract/internal/dump [-ocr auto] FILE...).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"vanban/extract"
)

func main() {
	mode := flag.String("ocr", "auto", "auto|force|off")
	quiet := flag.Bool("q", false, "print only the page summary, not the text")
	flag.Parse()
	status := 0
	for _, path := range flag.Args() {
		data, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			status = 1
			continue
		}
		t0 := time.Now()
		res, err := extract.Extract(context.Background(), path, data, extract.Options{OCR: extract.OCRMode(*mode)})
		if err != nil {
			fmt.Printf("== %s: ERROR kind=%s: %v (%v)\n", path, extract.KindOf(err), err, time.Since(t0).Round(time.Millisecond))
			status = 1
			continue
		}
		fmt.Printf("== %s: %s by %s, %d pages, %v\n", path, res.Format, res.Extractor, len(res.Pages), time.Since(t0).Round(time.Millisecond))
		for _, p := range res.Pages {
			fmt.Printf("   page %d: chars=%d ocr=%v reason=%q conf=%.1f\n", p.N, p.Chars, p.OCR, p.Reason, p.Confidence)
		}
		for _, w := range res.Warnings {
			fmt.Printf("   warning: %s\n", w)
		}
		if len(res.Fonts) > 0 {
			fmt.Printf("   legacy font spans: %d (first %+v)\n", len(res.Fonts), res.Fonts[0])
		}
		if !*quiet {
			fmt.Println(res.Text)
		}
	}
	os.Exit(status)
}
