package extract

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
)

// OCR runs the tesseract CLI, one process per page, pages rendered by
// poppler's pdftoppm to grey PGM files (tesseract cannot read a pipe
// reliably, and PNG encoding costs 10× the render). OMP_THREAD_LIMIT=1: with
// OpenMP each process spins up threads on every core and parallel pages run
// 5× slower (tesseract#3109); we parallelise across pages instead.

// ocrDPI is the render resolution of PDF pages for OCR.
const ocrDPI = 300

// ocrLayout: OCR line boxes include accents and descenders, so rows sit
// further apart relative to the box-derived size than PDF baselines do.
var ocrLayout = layoutParams{colGap: 3, lineGap: 2.6}

type ocrTools struct {
	tesseract, pdftoppm string
	pdfimages           string // optional: scans are extracted instead of rendered
	err                 error  // why OCR cannot run
}

var (
	ocrToolsMu    sync.Mutex
	ocrToolsCache = map[string]*ocrTools{}
)

// findOCR locates tesseract with the language model lang, and pdftoppm. The
// answer is cached per PATH and language (tests change PATH).
func findOCR(ctx context.Context, lang string) *ocrTools {
	key := os.Getenv("PATH") + "\x00" + lang
	ocrToolsMu.Lock()
	defer ocrToolsMu.Unlock()
	if t, ok := ocrToolsCache[key]; ok {
		return t
	}
	t := &ocrTools{}
	ocrToolsCache[key] = t
	var err error
	if t.tesseract, err = exec.LookPath("tesseract"); err != nil {
		t.err = errors.New("tesseract is not installed (Debian: apt-get install tesseract-ocr tesseract-ocr-vie)")
		return t
	}
	t.pdftoppm, _ = exec.LookPath("pdftoppm") // only needed for PDFs; checked there
	t.pdfimages, _ = exec.LookPath("pdfimages")
	ctx, cancel := context.WithTimeout(ctx, qpdfTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, t.tesseract, "--list-langs").CombinedOutput()
	if err != nil {
		t.err = fmt.Errorf("cannot run tesseract --list-langs: %v", err)
		return t
	}
	have := map[string]bool{}
	for _, l := range strings.Split(string(out), "\n") {
		have[strings.TrimSpace(l)] = true
	}
	for _, l := range strings.Split(lang, "+") {
		if !have[l] {
			t.err = fmt.Errorf("the tesseract language model %q is not installed (Debian: apt-get install tesseract-ocr-%s)", l, l)
			return t
		}
	}
	return t
}

// ocrWord is one word of tesseract's TSV output.
type ocrWord struct {
	page, block, par, line int
	left, top, w, h        float64
	conf                   float64
	text                   string
}

// parseTSV reads tesseract's "tsv" output: level 5 rows are words.
func parseTSV(data []byte) []ocrWord {
	var out []ocrWord
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 || f[0] != "5" {
			continue
		}
		n := make([]float64, 11)
		ok := true
		for i := 0; i < 11; i++ {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				ok = false
				break
			}
			n[i] = v
		}
		text := validUTF8(strings.TrimSpace(strings.Join(f[11:], " ")))
		if !ok || text == "" {
			continue
		}
		out = append(out, ocrWord{int(n[1]), int(n[2]), int(n[3]), int(n[4]), n[6], n[7], n[8], n[9], n[10], text})
	}
	return out
}

// ocrPage is the OCR of one page.
type ocrPage struct {
	lines []outLine
	conf  float64 // mean word confidence
	words int
	retry string // the attempts after the first, when its confidence was low (retryLowConfidence)
}

// wordsToPage lays out the words of one page with the layout used for PDF
// text, so OCR text gets the same two-column header order and paragraphs.
func wordsToPage(ws []ocrWord) ocrPage {
	var p ocrPage
	type tline struct {
		words          []ocrWord
		x0, x1, y0, y1 float64
	}
	byKey := map[[3]int]*tline{}
	var lines []*tline
	sum := 0.0
	for _, w := range ws {
		if w.conf >= 0 {
			sum += w.conf
			p.words++
		}
		k := [3]int{w.block, w.par, w.line}
		l := byKey[k]
		if l == nil {
			l = &tline{x0: w.left, x1: w.left + w.w, y0: w.top, y1: w.top + w.h}
			byKey[k] = l
			lines = append(lines, l)
		}
		l.words = append(l.words, w)
		l.x0, l.x1 = min(l.x0, w.left), max(l.x1, w.left+w.w)
		l.y0, l.y1 = min(l.y0, w.top), max(l.y1, w.top+w.h)
	}
	if p.words > 0 {
		p.conf = sum / float64(p.words)
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].y1 < lines[j].y1 })
	// Rows: tesseract lines whose vertical middles are close (the two header
	// columns are separate blocks at the same height).
	var rows []row
	var cur []*tline
	flush := func() {
		if len(cur) == 0 {
			return
		}
		sort.SliceStable(cur, func(i, j int) bool { return cur[i].x0 < cur[j].x0 })
		var hs []float64
		bottom := 0.0
		for _, l := range cur {
			hs = append(hs, l.y1-l.y0)
			bottom = max(bottom, l.y1)
		}
		sort.Float64s(hs)
		size := hs[len(hs)/2] * 0.7
		r := row{y: -bottom, size: size}
		for _, l := range cur {
			sort.SliceStable(l.words, func(i, j int) bool { return l.words[i].left < l.words[j].left })
			var s *seg
			end := 0.0
			for _, w := range l.words {
				if s == nil || w.left-end > ocrLayout.colGap*size {
					if s != nil {
						r.segs = append(r.segs, *s)
					}
					s = &seg{x0: w.left}
				} else {
					s.parts[0].text += " "
				}
				if len(s.parts) == 0 {
					s.parts = []textPart{{}}
				}
				s.parts[0].text += w.text
				end = w.left + w.w
				s.x1 = max(s.x1, end)
			}
			if s != nil {
				r.segs = append(r.segs, *s)
			}
		}
		sort.SliceStable(r.segs, func(i, j int) bool { return r.segs[i].x0 < r.segs[j].x0 })
		rows = append(rows, r)
		cur = cur[:0]
	}
	for _, l := range lines {
		if len(cur) > 0 {
			c := cur[0]
			mid, cmid := (l.y0+l.y1)/2, (c.y0+c.y1)/2
			if abs(mid-cmid) <= 0.5*max(l.y1-l.y0, c.y1-c.y0) {
				cur = append(cur, l)
				continue
			}
		}
		flush()
		cur = append(cur, l)
	}
	flush()
	p.lines = layoutRows(rows, ocrLayout)
	return p
}

// runTesseract OCRs one image file and returns its pages (a multi-page TIFF
// has several). Errors are *Error of kind timeout or ocr_failed.
// The process waits for a slot of pool first, so that the run never has
// more tesseract processes than the pool's size, whatever the number of
// files and pages in flight; the wait counts against ctx's deadline.
func runTesseract(ctx context.Context, pool *Pool, tess, img, lang string) ([]ocrPage, error) {
	if err := pool.acquire(ctx); err != nil {
		return nil, &Error{Op: "ocr", Kind: KindTimeout, Err: fmt.Errorf("no OCR process free before the deadline (%d at once): %w", pool.Size(), err)}
	}
	defer pool.release()
	base := img + ".ocr"
	cmd := exec.CommandContext(ctx, tess, img, base, "-l", lang, "--psm", "3", "tsv")
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return nil, &Error{Op: "ocr", Kind: KindTimeout, Err: fmt.Errorf("tesseract did not finish in time: %w", ctx.Err())}
	}
	if err != nil {
		return nil, &Error{Op: "ocr", Kind: KindOCRFailed, Err: fmt.Errorf("tesseract failed: %s", lastLine(stderr.String(), err))}
	}
	data, err := os.ReadFile(base + ".tsv")
	if err != nil {
		return nil, &Error{Op: "ocr", Kind: KindOCRFailed, Err: fmt.Errorf("cannot read tesseract output: %w", err)}
	}
	ws := parseTSV(data)
	byPage := map[int][]ocrWord{}
	last := 1
	for _, w := range ws {
		byPage[w.page] = append(byPage[w.page], w)
		last = max(last, w.page)
	}
	if last > 10000 {
		last = 10000
	}
	out := make([]ocrPage, last)
	for i := range out {
		out[i] = wordsToPage(byPage[i+1])
	}
	return out, nil
}

// renderPage renders page n of the PDF at path to a grey PGM file, lowering
// the resolution when the page would exceed maxPixels at ocrDPI.
func renderPage(ctx context.Context, pdftoppm, path string, n int, p pdfPage, maxPixels int64, dir string) (string, error) {
	return renderPageAt(ctx, pdftoppm, path, n, p, pageDPI(p), maxPixels, dir, fmt.Sprintf("p%d", n))
}

// pageDPI is the resolution a page is rendered at for OCR. A page that is
// one scanned image is rendered at the image's own resolution (within
// 150–400 dpi): resampling a 200 dpi scan to 300 blurs its noise into blobs
// that tesseract reads as marks.
func pageDPI(p pdfPage) float64 {
	if p.imgFrac > 0.5 && p.imgDPI > 0 {
		return math.Round(min(400, max(150, p.imgDPI)))
	}
	return ocrDPI
}

// renderPageAt renders page n at dpi (lowered to fit maxPixels) to
// dir/name.pgm.
func renderPageAt(ctx context.Context, pdftoppm, path string, n int, p pdfPage, dpi float64, maxPixels int64, dir, name string) (string, error) {
	mediaBox := p.mediaBox
	wIn, hIn := abs(mediaBox[2]-mediaBox[0])/72, abs(mediaBox[3]-mediaBox[1])/72
	if px := wIn * hIn * dpi * dpi; px > float64(maxPixels) {
		dpi = math.Floor(dpi * math.Sqrt(float64(maxPixels)/px))
		if dpi < 50 {
			return "", &Error{Op: fmt.Sprintf("ocr page %d", n), Kind: KindTooLarge,
				Err: fmt.Errorf("the page is %.0f×%.0f inches, too large to render for OCR", wIn, hIn)}
		}
	}
	prefix := filepath.Join(dir, name)
	// Annotations are hidden: the signature stamp drawn over the letterhead
	// would only add noise to the OCR, and its text is read from the PDF.
	cmd := exec.CommandContext(ctx, pdftoppm, "-r", strconv.Itoa(int(dpi)), "-gray", "-hide-annotations", "-f", strconv.Itoa(n), "-l", strconv.Itoa(n), "-singlefile", path, prefix)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return "", &Error{Op: fmt.Sprintf("ocr page %d", n), Kind: KindTimeout, Err: fmt.Errorf("pdftoppm did not finish in time: %w", ctx.Err())}
	}
	if err != nil {
		return "", &Error{Op: fmt.Sprintf("ocr page %d", n), Kind: KindOCRFailed, Err: fmt.Errorf("pdftoppm failed: %s", lastLine(stderr.String(), err))}
	}
	return prefix + ".pgm", nil
}

// extractScan writes the one image of a scanned page as stored (pdfimages
// -tiff): ten times cheaper than rendering the page, and no resampling. It
// returns "" when that does not work out; the caller renders instead.
func extractScan(ctx context.Context, pdfimages, path string, p pdfPage, maxPixels int64, dir string) string {
	prefix := filepath.Join(dir, fmt.Sprintf("i%d", p.n))
	cmd := exec.CommandContext(ctx, pdfimages, "-f", strconv.Itoa(p.n), "-l", strconv.Itoa(p.n), "-tiff", path, prefix)
	if err := cmd.Run(); err != nil {
		return ""
	}
	files, _ := filepath.Glob(prefix + "-*.tif")
	if len(files) != 1 {
		for _, f := range files {
			os.Remove(f)
		}
		return ""
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		return ""
	}
	info, err := imageHeader(data)
	if err != nil || checkPixels(info, maxPixels) != nil {
		os.Remove(files[0])
		return ""
	}
	return files[0]
}

// finishPaged decides which pages to OCR, runs OCR in parallel and puts the
// text of all pages together.
func finishPaged(ctx context.Context, res *Result, doc []byte, pages []pdfPage, opt Options) (*Result, error) {
	reasons, need := ocrPlan(pages, opt.OCR)
	ocr := make([]*ocrPage, len(pages))
	ocrErr := make([]error, len(pages))
	if len(need) > 0 {
		if err := ocrPDFPages(ctx, doc, pages, need, opt, ocr, ocrErr); err != nil {
			if textLayerLetters(pages) < minPageLetters {
				return nil, err
			}
			res.Warnings = append(res.Warnings, fmt.Sprintf("OCR needed for pages %s but not run: %v; the text layer is kept", pageList1(need), err))
		}
	}
	w := &pageWriter{}
	var failed []error
	for i, p := range pages {
		if i > 0 {
			w.write(string(PageBreak), "")
		}
		start := w.b.Len()
		pg := Page{N: p.n}
		switch {
		case ocr[i] != nil:
			pg.OCR, pg.Reason, pg.Confidence = true, reasons[i], math.Round(ocr[i].conf*10)/10
			if pg.Retry = ocr[i].retry; pg.Retry != "" {
				res.Warnings = append(res.Warnings, fmt.Sprintf("page %d: low OCR confidence, read again (%s)", p.n, pg.Retry))
			}
			// The stamp's text (who signed, when) is kept after the OCR text:
			// it is not in the rendered image (annotations are hidden).
			// So are the entries typed into the form when signing.
			lines := append(append(append([]outLine(nil), ocr[i].lines...), p.fields...), p.annots...)
			for _, st := range stampLines(p.text) {
				lines = append(lines, outLine{parts: []textPart{{st, ""}}})
			}
			w.lines(lines)
		default:
			if ocrErr[i] != nil {
				failed = append(failed, ocrErr[i])
				res.Warnings = append(res.Warnings, fmt.Sprintf("page %d: %v; the text layer is kept", p.n, ocrErr[i]))
			} else if reasons[i] != "" && opt.OCR == OCROff {
				res.Warnings = append(res.Warnings, fmt.Sprintf("page %d: no usable text layer (%s) and OCR is off", p.n, reasons[i]))
			}
			pg.Reason = ""
			w.lines(append(append([]outLine(nil), p.lines...), p.annots...))
		}
		pg.Chars = nonSpaceRunes(w.b.String()[start:])
		res.Pages = append(res.Pages, pg)
	}
	res.Text = w.b.String()
	res.Fonts = w.spans
	// When OCR failed and what is left is at most a stamp, there is no
	// document to return: the failure is the answer.
	if len(failed) > 0 && docLetters(pages, ocr) < minPageLetters {
		e := failed[0]
		return nil, &Error{Op: "ocr", Kind: KindOf(e), Err: fmt.Errorf("no text: OCR failed on %d page(s): %w", len(failed), e)}
	}
	if strings.TrimSpace(strings.ReplaceAll(res.Text, string(PageBreak), "")) == "" {
		if len(failed) > 0 {
			e := failed[0]
			return nil, &Error{Op: "ocr", Kind: KindOf(e), Err: fmt.Errorf("no text: OCR failed on %d page(s): %w", len(failed), e)}
		}
		if opt.OCR == OCROff {
			return nil, Errorf(KindEmpty, "pdf", "the PDF has no text layer and OCR is off")
		}
		if len(need) == 0 {
			return nil, Errorf(KindEmpty, "pdf", "the PDF holds no text and no image that could hold any")
		}
		return nil, Errorf(KindEmpty, "pdf", "the PDF holds no text (OCR found none either)")
	}
	if len(need) > 0 {
		res.Extractor += " + tesseract"
	}
	return res, nil
}

// nonSpaceRunes counts the runes of s that are not white space.
func nonSpaceRunes(s string) int {
	n := 0
	for _, r := range s {
		if r != ' ' && r != '\n' && r != '\t' && r != '\r' && r != PageBreak {
			n++
		}
	}
	return n
}

// docLetters counts the letters of the document outside signature stamps:
// OCR text where a page was OCRed, else its text layer.
func docLetters(pages []pdfPage, ocr []*ocrPage) int {
	n := 0
	for i, p := range pages {
		if ocr[i] != nil {
			for _, l := range ocr[i].lines {
				n += countLetters(partsText(l.parts))
			}
			continue
		}
		n += textLayerLetters([]pdfPage{p})
	}
	return n
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// textLayerLetters counts the letters of the text layer outside signature
// stamps: when OCR cannot run, a stamp alone is no document.
func textLayerLetters(pages []pdfPage) int {
	n := 0
	for _, p := range pages {
		for _, l := range strings.Split(p.text, "\n") {
			if stampLineRe.MatchString(l) {
				continue
			}
			for _, r := range l {
				if unicode.IsLetter(r) {
					n++
				}
			}
		}
	}
	return n
}

func pageList1(idx []int) string {
	var s []string
	for _, i := range idx {
		s = append(s, strconv.Itoa(i+1))
	}
	return strings.Join(s, ", ")
}

// ocrPDFPages OCRs the pages listed in need with opt.Workers processes. It
// returns an error only when OCR cannot run at all; page failures go to
// errs.
func ocrPDFPages(ctx context.Context, doc []byte, pages []pdfPage, need []int, opt Options, out []*ocrPage, errs []error) error {
	tools := findOCR(ctx, opt.Lang)
	if tools.err != nil {
		return &Error{Op: "ocr", Kind: KindOCRFailed, Err: fmt.Errorf("cannot OCR pages %s: %v", pageList1(need), tools.err)}
	}
	if tools.pdftoppm == "" {
		return &Error{Op: "ocr", Kind: KindOCRFailed, Err: fmt.Errorf("cannot OCR pages %s: pdftoppm is not installed (Debian: apt-get install poppler-utils)", pageList1(need))}
	}
	dir, err := os.MkdirTemp("", "vanban-ocr-")
	if err != nil {
		return &Error{Op: "ocr", Kind: KindIO, Err: fmt.Errorf("cannot make temp dir: %w", err)}
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(path, doc, 0o600); err != nil {
		return &Error{Op: "ocr", Kind: KindIO, Err: fmt.Errorf("cannot write temp file: %w", err)}
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for k := 0; k < min(opt.Workers, len(need)); k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out[i], errs[i] = ocrOnePDFPage(ctx, tools, path, pages[i], opt, dir)
			}
		}()
	}
	for _, i := range need {
		if ctx.Err() != nil {
			errs[i] = &Error{Op: fmt.Sprintf("ocr page %d", i+1), Kind: KindTimeout, Err: ctx.Err()}
			continue
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return nil
}

func ocrOnePDFPage(ctx context.Context, tools *ocrTools, path string, p pdfPage, opt Options, dir string) (*ocrPage, error) {
	ctx, cancel := context.WithTimeout(ctx, opt.PageTimeout*ocrRetryTimeFactor)
	defer cancel()
	// The first attempt has the page's own deadline; retries use what is
	// left of the longer one.
	first, cancelFirst := context.WithTimeout(ctx, opt.PageTimeout)
	defer cancelFirst()
	img := ""
	if p.imgPlain && tools.pdfimages != "" {
		img = extractScan(first, tools.pdfimages, path, p, opt.MaxPixels, dir)
	}
	if img == "" {
		var err error
		if img, err = renderPage(first, tools.pdftoppm, path, p.n, p, opt.MaxPixels, dir); err != nil {
			return nil, err
		}
	}
	defer os.Remove(img)
	defer os.Remove(img + ".ocr.tsv")
	pg, err := ocrImageFile(first, tools, img, opt, p.n)
	if err != nil {
		return nil, err
	}
	if pg.words > 0 && pg.conf < ocrRetryBelow {
		pg = retryLowConfidence(ctx, tools, path, p, opt, dir, pg)
	}
	return pg, nil
}

// ocrImageFile OCRs one single-page image file.
func ocrImageFile(ctx context.Context, tools *ocrTools, img string, opt Options, n int) (*ocrPage, error) {
	pgs, err := runTesseract(ctx, opt.ocrPool(), tools.tesseract, img, opt.Lang)
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Op = fmt.Sprintf("ocr page %d", n)
		}
		return nil, err
	}
	if len(pgs) == 0 {
		return &ocrPage{}, nil
	}
	return &pgs[0], nil
}

// ocrRetryBelow is the mean word confidence under which a page is OCRed
// again before its text is taken: clean typed pages read at 90–96, the
// noisy 200-dpi office scans of the seeds at 94–95, a page Tesseract
// struggles with (faint, speckled, small type) below 80.
var ocrRetryBelow = 80.0

// ocrRetryDPI is the resolution of the second attempt.
const ocrRetryDPI = 300

// ocrRetryTimeFactor bounds the time of a page with its retries, in page
// timeouts.
const ocrRetryTimeFactor = 3

// retryLowConfidence OCRs a page whose first reading had a low confidence
// again: rendered at its own resolution and cleaned (a 3×3 median filter
// takes out the speckle that Tesseract reads as marks), then, if that is
// still low, rendered at a higher resolution (ocrRetryDPI, or 1.5× a scan's
// own: small type gains, a 200-dpi scan's noise may grow). The reading with
// the best confidence is kept, provided it found at least half the words of
// the first (dropping the hard words would raise the mean too). What was
// tried and kept goes in ocrPage.retry. Errors keep the first reading.
func retryLowConfidence(ctx context.Context, tools *ocrTools, path string, p pdfPage, opt Options, dir string, first *ocrPage) *ocrPage {
	start := time.Now()
	best := first
	var tried []string
	attempt := func(what string, dpi float64, clean bool) {
		if ctx.Err() != nil {
			return
		}
		img, err := renderPageAt(ctx, tools.pdftoppm, path, p.n, p, dpi, opt.MaxPixels, dir, fmt.Sprintf("r%d-%.0f", p.n, dpi))
		if err != nil {
			return
		}
		defer os.Remove(img)
		if clean {
			c, err := despeckleFile(img)
			if err != nil {
				return
			}
			defer os.Remove(c)
			img = c
		}
		defer os.Remove(img + ".ocr.tsv")
		pg, err := ocrImageFile(ctx, tools, img, opt, p.n)
		if err != nil {
			return
		}
		tried = append(tried, fmt.Sprintf("%s %.1f", what, pg.conf))
		if pg.conf > best.conf && 2*pg.words >= first.words {
			best = pg
		}
	}
	own := pageDPI(p)
	attempt(fmt.Sprintf("%.0f dpi despeckled", own), own, true)
	if best.conf < ocrRetryBelow {
		hi := max(ocrRetryDPI, math.Round(1.5*own))
		attempt(fmt.Sprintf("%.0f dpi", hi), hi, false)
	}
	if len(tried) == 0 {
		tried = append(tried, "failed")
	}
	kept := "first kept"
	if best != first {
		kept = "kept the best"
	}
	best.retry = fmt.Sprintf("first %.1f; %s; %s; %.1f s", first.conf, strings.Join(tried, "; "), kept, time.Since(start).Seconds())
	return best
}

// despeckleFile writes a 3×3 median-filtered copy of a grey PGM (P5, 8 bit)
// next to it and returns its path.
func despeckleFile(pgm string) (string, error) {
	data, err := os.ReadFile(pgm)
	if err != nil {
		return "", err
	}
	w, h, off, err := pgmHeader(data)
	if err != nil {
		return "", err
	}
	src := data[off:]
	out := make([]byte, 0, off+w*h)
	out = append(out, data[:off]...)
	out = append(out, medianFilter(src, w, h)...)
	path := strings.TrimSuffix(pgm, ".pgm") + "-clean.pgm"
	return path, os.WriteFile(path, out, 0o600)
}

// pgmHeader reads the header of an 8-bit binary PGM: width, height and the
// offset of the pixels.
func pgmHeader(data []byte) (w, h, off int, err error) {
	if !bytes.HasPrefix(data, []byte("P5")) {
		return 0, 0, 0, errors.New("not a binary PGM")
	}
	var nums []int
	i := 2
	for len(nums) < 3 && i < len(data) {
		c := data[i]
		switch {
		case c == '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case c >= '0' && c <= '9':
			j := i
			for j < len(data) && data[j] >= '0' && data[j] <= '9' && j-i < 9 {
				j++
			}
			v, _ := strconv.Atoi(string(data[i:j]))
			nums = append(nums, v)
			i = j
			continue
		}
		i++
	}
	if len(nums) < 3 || nums[2] != 255 || nums[0] <= 0 || nums[1] <= 0 {
		return 0, 0, 0, errors.New("unsupported PGM header")
	}
	off = i + 1 // one white space after the maximum value
	if off > len(data) || int64(len(data)-off) < int64(nums[0])*int64(nums[1]) {
		return 0, 0, 0, errors.New("short PGM")
	}
	return nums[0], nums[1], off, nil
}

// medianFilter is the 3×3 median of an 8-bit grey image (edges replicated).
func medianFilter(src []byte, w, h int) []byte {
	dst := make([]byte, w*h)
	var win [9]byte
	for y := 0; y < h; y++ {
		y0, y2 := max(0, y-1), min(h-1, y+1)
		for x := 0; x < w; x++ {
			x0, x2 := max(0, x-1), min(w-1, x+1)
			k := 0
			for _, yy := range [3]int{y0, y, y2} {
				row := src[yy*w:]
				win[k], win[k+1], win[k+2] = row[x0], row[x], row[x2]
				k += 3
			}
			// Insertion sort of nine bytes.
			for i := 1; i < 9; i++ {
				for j := i; j > 0 && win[j] < win[j-1]; j-- {
					win[j], win[j-1] = win[j-1], win[j]
				}
			}
			dst[y*w+x] = win[4]
		}
	}
	return dst
}
