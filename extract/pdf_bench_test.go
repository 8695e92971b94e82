package extract

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"vanban/internal/testenv"
)

// benchPDFs are typed PDFs: the fixtures, plus the Word-made real ones
// when ../shared is there.
func benchPDFs(b *testing.B) [][]byte {
	paths := []string{
		filepath.Join("..", "testdata", "extract", "pdf", "typed.pdf"),
		filepath.Join("..", "testdata", "extract", "pdf", "twocol.pdf"),
	}
	shared, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "real", "scans", "vht*.pdf"))
	paths = append(paths, shared...)
	more, _ := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "real", "scans", "05.signed*.pdf"))
	paths = append(paths, more...)
	var out [][]byte
	for _, p := range paths {
		out = append(out, mustRead(b, p))
	}
	return out
}

// BenchmarkPDF compares the typed-PDF reader with poppler's pdftotext on the
// same files, in pages per second (one core each).
func BenchmarkPDF(b *testing.B) {
	docs := benchPDFs(b)
	b.Run("vanban", func(b *testing.B) {
		pages := 0
		for i := 0; i < b.N; i++ {
			for _, d := range docs {
				res, err := Extract(context.Background(), "bench.pdf", d, Options{OCR: OCROff})
				if err != nil {
					b.Fatal(err)
				}
				pages += len(res.Pages)
			}
		}
		b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
	})
	b.Run("pdftotext", func(b *testing.B) {
		bin := testenv.Tool(b, "pdftotext")
		dir := b.TempDir()
		var files []string
		npages := 0
		for i, d := range docs {
			f := filepath.Join(dir, fmt.Sprintf("%d.pdf", i))
			if err := os.WriteFile(f, d, 0o600); err != nil {
				b.Fatal(err)
			}
			files = append(files, f)
			res, err := Extract(context.Background(), "", d, Options{OCR: OCROff})
			if err != nil {
				b.Fatal(err)
			}
			npages += len(res.Pages)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			for _, f := range files {
				// The same work as ours: read the file, text to a pipe.
				if _, err := exec.Command(bin, "-enc", "UTF-8", f, "-").Output(); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(npages*b.N)/b.Elapsed().Seconds(), "pages/s")
	})
}

// ocrBenchDoc is a multi-page scanned PDF: a real one from ../shared when
// present, else the fixture scan repeated with qpdf.
func ocrBenchDoc(b *testing.B) []byte {
	if d, err := os.ReadFile(filepath.Join("..", "..", "shared", "corpus", "real", "scans", "16CT.signed_20250510_124909.pdf")); err == nil {
		return d
	}
	qpdf := testenv.Tool(b, "qpdf")
	in := filepath.Join("..", "testdata", "extract", "scan", "scan.pdf")
	out := filepath.Join(b.TempDir(), "scan4.pdf")
	if msg, err := exec.Command(qpdf, "--empty", "--pages", in, in, in, in, "--", out).CombinedOutput(); err != nil {
		b.Fatalf("qpdf: %v %s", err, msg)
	}
	return mustRead(b, out)
}

// BenchmarkOCR compares our OCR of a scanned PDF (parse, render, tesseract,
// layout; all cores) with bare tesseract on the same page images (rendered
// beforehand, one process per core), in seconds per page.
func BenchmarkOCR(b *testing.B) {
	requireOCR(b)
	doc := ocrBenchDoc(b)
	workers := runtime.NumCPU()
	b.Run("vanban", func(b *testing.B) {
		pages := 0
		for i := 0; i < b.N; i++ {
			res, err := Extract(context.Background(), "bench.pdf", doc, Options{OCR: OCRForce, Workers: workers})
			if err != nil {
				b.Fatal(err)
			}
			pages += len(res.OCRPages())
		}
		b.ReportMetric(b.Elapsed().Seconds()/float64(pages), "s/page")
	})
	b.Run("tesseract", func(b *testing.B) {
		imgs := renderForBench(b, doc)
		b.ResetTimer()
		n := 0
		for i := 0; i < b.N; i++ {
			bareTesseract(b, imgs, workers)
			n += len(imgs)
		}
		b.ReportMetric(b.Elapsed().Seconds()/float64(n), "s/page")
	})
}

// BenchmarkOCROverhead alternates our pipeline and bare tesseract within
// each iteration, so that load from other processes hits both alike, and
// reports both in seconds per page and the overhead in percent.
func BenchmarkOCROverhead(b *testing.B) {
	requireOCR(b)
	doc := ocrBenchDoc(b)
	workers := runtime.NumCPU()
	imgs := renderForBench(b, doc)
	var ours, bare time.Duration
	var oursCPU, bareCPU float64
	pages := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0, c0 := time.Now(), cpuSeconds()
		res, err := Extract(context.Background(), "bench.pdf", doc, Options{OCR: OCRForce, Workers: workers})
		if err != nil {
			b.Fatal(err)
		}
		t1, c1 := time.Now(), cpuSeconds()
		bareTesseract(b, imgs, workers)
		ours += t1.Sub(t0)
		bare += time.Since(t1)
		oursCPU += c1 - c0
		bareCPU += cpuSeconds() - c1
		pages += len(res.OCRPages())
	}
	b.ReportMetric(ours.Seconds()/float64(pages), "vanban-s/page")
	b.ReportMetric(bare.Seconds()/float64(pages), "tesseract-s/page")
	b.ReportMetric(100*(ours.Seconds()/bare.Seconds()-1), "overhead-%")
	// CPU time (this process and its children) does not depend on what
	// else runs on the machine: with all cores busy it decides throughput.
	b.ReportMetric(100*(oursCPU/bareCPU-1), "cpu-overhead-%")
}

// cpuSeconds is the user+system CPU time of this process and its waited-for
// children.
func cpuSeconds() float64 {
	var self, kids syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	_ = syscall.Getrusage(syscall.RUSAGE_CHILDREN, &kids)
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(self.Utime) + tv(self.Stime) + tv(kids.Utime) + tv(kids.Stime)
}

// renderForBench makes the page images our OCR gives tesseract (the scan
// as stored, or a render).
func renderForBench(b *testing.B, doc []byte) []string {
	r, err := openPDF(doc)
	if err != nil {
		b.Fatal(err)
	}
	pages, _, err := readPDFPages(context.Background(), r)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	path := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		b.Fatal(err)
	}
	tools := findOCR(context.Background(), "vie")
	var imgs []string
	for _, p := range pages {
		img := ""
		if p.imgPlain && tools.pdfimages != "" {
			img = extractScan(context.Background(), tools.pdfimages, path, p, DefaultMaxPixels, dir)
		}
		if img == "" {
			if img, err = renderPage(context.Background(), tools.pdftoppm, path, p.n, p, DefaultMaxPixels, dir); err != nil {
				b.Fatal(err)
			}
		}
		imgs = append(imgs, img)
	}
	return imgs
}

// bareTesseract runs tesseract on every image with the arguments our OCR
// uses ("-l vie --psm 3 tsv": words and confidences in one run), workers
// processes at a time, as a shell script would: what remains of the
// difference is our own cost (parsing, rendering, layout).
func bareTesseract(b *testing.B, imgs []string, workers int) {
	tess, _ := exec.LookPath("tesseract")
	jobs := make(chan string)
	var wg sync.WaitGroup
	for k := 0; k < workers; k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for img := range jobs {
				cmd := exec.Command(tess, img, img+".bare", "-l", "vie", "--psm", "3", "tsv")
				cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Errorf("tesseract: %v %s", err, out)
				}
			}
		}()
	}
	for _, img := range imgs {
		jobs <- img
	}
	close(jobs)
	wg.Wait()
}
