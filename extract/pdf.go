package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/ledongthuc/pdf"
)

func init() {
	Register(FormatPDF, extractPDF)
}

// pdfExtractorName is Result.Extractor for PDFs.
const pdfExtractorName = "vanban/pdf (ledongthuc/pdf walker)"

// pdfPage is what the text-layer pass found on one page.
type pdfPage struct {
	n       int
	lines   []outLine
	annots  []outLine // text of annotation appearances (signature stamps)
	fields  []outLine // short annotations (filled-in numbers), also in lines
	text    string    // plain text of lines, for the OCR decision
	imgFrac float64   // largest image / page area
	// imgTotal is the share of the page covered by all its images (an
	// inline image, whose size is not read, counts as the whole page).
	imgTotal float64
	imgDPI   float64 // resolution of the largest image
	imgPlain bool    // the page is one upright scan pdfimages can extract
	mediaBox [4]float64
	err      error
}

// qpdfTimeout bounds a qpdf repair or decryption.
const qpdfTimeout = 60 * time.Second

func extractPDF(ctx context.Context, data []byte, opt Options) (*Result, error) {
	opt = withDefaults(opt)
	res := &Result{Format: FormatPDF, Encoding: "pdf", Extractor: pdfExtractorName}

	// A file with no %%EOF at all was cut short: its xref table, page tree
	// and usually most pages are gone. We say so instead of guessing.
	if !bytes.Contains(data, []byte("%%EOF")) {
		return nil, Errorf(KindCorrupt, "pdf", "cannot read PDF: truncated file (no %%%%EOF marker, %d bytes)", len(data))
	}
	if xrefChainLoops(data) {
		return nil, Errorf(KindCorrupt, "pdf", "cannot read PDF: its cross-reference sections form a loop (/Prev)")
	}
	// The library has loops without guards (object streams that extend
	// themselves, …): the text layer is read in a goroutine we can abandon
	// when the deadline passes, rather than hang the whole ingest.
	lctx, cancel := context.WithTimeout(ctx, textLayerTimeout)
	defer cancel()
	ch := make(chan textLayer, 1)
	go func() {
		defer func() {
			if x := recover(); x != nil {
				ch <- textLayer{err: &Error{Op: "pdf", Kind: KindCorrupt, Err: fmt.Errorf("cannot read PDF: %v", x)}}
			}
		}()
		ch <- readTextLayer(lctx, data)
	}()
	var tl textLayer
	select {
	case tl = <-ch:
	case <-lctx.Done():
		return nil, &Error{Op: "pdf", Kind: KindTimeout, Err: fmt.Errorf("cannot read the PDF text layer in time: %w", lctx.Err())}
	}
	if tl.err != nil {
		return nil, tl.err
	}
	res.Warnings = append(res.Warnings, tl.warnings...)
	return finishPaged(ctx, res, tl.doc, tl.pages, opt)
}

// textLayerTimeout bounds reading the text layer of one PDF when the
// caller's context has no earlier deadline.
const textLayerTimeout = 3 * time.Minute

// textLayer is what readTextLayer found.
type textLayer struct {
	doc      []byte // the file read: data, or its qpdf rewrite
	pages    []pdfPage
	warnings []string
	err      error
}

// readTextLayer opens the PDF (through qpdf when the library cannot) and
// reads the text of every page.
func readTextLayer(ctx context.Context, data []byte) textLayer {
	res := &textLayer{}
	doc := data
	r, err := openPDF(doc)
	if err != nil {
		// qpdf decrypts AES-256 with an empty user password (which the library
		// cannot), repairs xref tables and rewrites unusual headers.
		fixed, qerr := qpdfRewrite(ctx, data)
		if qerr == nil {
			r, err = openPDF(fixed)
			if err == nil {
				doc = fixed
				res.warnings = append(res.warnings, "PDF rewritten by qpdf before reading (repaired or decrypted)")
			}
		}
		if err != nil {
			if isEncrypted(data, err, qerr) {
				return textLayer{err: &Error{Op: "pdf open", Kind: KindEncrypted, Err: fmt.Errorf("cannot open PDF: it is password protected (%v)", firstErr(qerr, err))}}
			}
			return textLayer{err: &Error{Op: "pdf open", Kind: KindCorrupt, Err: fmt.Errorf("cannot open PDF: %v", firstErr(err, qerr))}}
		}
	}

	pages, treeWarnings, err := readPDFPages(ctx, r)
	if err != nil {
		return textLayer{err: err}
	}
	res.warnings = append(res.warnings, treeWarnings...)
	// Every page failed in the library (unsupported filter, broken streams):
	// one more try on the copy qpdf rewrites with standard filters.
	if allFailed(pages) && bytes.Equal(doc, data) {
		// pdfFactory writes the abbreviated filter names of inline images
		// (/Fl) on streams, which neither the library nor qpdf decode:
		// spell them out, and let qpdf rebuild the offsets that moved.
		in := data
		if abbrevFilterRe.Match(data) {
			in = abbrevFilterRe.ReplaceAllFunc(data, func(m []byte) []byte {
				return []byte("/Filter " + abbrevFilters[string(abbrevFilterRe.FindSubmatch(m)[1])] + string(m[len(m)-1]))
			})
		}
		if fixed, qerr := qpdfRewrite(ctx, in); qerr == nil {
			if r2, err := openPDF(fixed); err == nil {
				if p2, _, err := readPDFPages(ctx, r2); err == nil && !allFailed(p2) {
					pages, doc = p2, fixed
					res.warnings = append(res.warnings, "PDF rewritten by qpdf before reading (content streams unreadable)")
				}
			}
		}
	}
	for _, p := range pages {
		if p.err != nil {
			res.warnings = append(res.warnings, fmt.Sprintf("page %d: %v", p.n, p.err))
		}
	}
	res.doc, res.pages = doc, pages
	return *res
}

func withDefaults(opt Options) Options {
	if opt.OCR == "" {
		opt.OCR = OCRAuto
	}
	if opt.Workers <= 0 {
		opt.Workers = opt.ocrPool().Size()
	}
	if opt.PageTimeout <= 0 {
		opt.PageTimeout = 120 * time.Second
	}
	if opt.Lang == "" {
		opt.Lang = "vie"
	}
	if opt.MaxPixels <= 0 {
		opt.MaxPixels = DefaultMaxPixels
	}
	return opt
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

func allFailed(ps []pdfPage) bool {
	for _, p := range ps {
		if p.err == nil {
			return false
		}
	}
	return len(ps) > 0
}

var errQPDFMissing = errors.New("qpdf is not installed")

func isEncrypted(data []byte, errs ...error) bool {
	for _, e := range errs {
		if e == nil {
			continue
		}
		m := strings.ToLower(e.Error())
		if strings.Contains(m, "password") || strings.Contains(m, "encrypt") {
			return true
		}
	}
	return bytes.Contains(data, []byte("/Encrypt"))
}

var (
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	prevRe      = regexp.MustCompile(`/Prev\s+(\d+)`)
)

// abbrevFilterRe matches a stream's /Filter given as an inline-image
// abbreviation.
var abbrevFilterRe = regexp.MustCompile(`/Filter\s*/(Fl|AHx|A85|LZW|RL)([\s/>\]])`)

var abbrevFilters = map[string]string{"Fl": "/FlateDecode", "AHx": "/ASCIIHexDecode", "A85": "/ASCII85Decode", "LZW": "/LZWDecode", "RL": "/RunLengthDecode"}

// xrefChainLoops reports whether the /Prev chain of cross-reference
// sections comes back to a section already read: the library follows it
// without a guard and never returns.
func xrefChainLoops(data []byte) bool {
	tail := data[max(0, len(data)-1024):]
	m := startxrefRe.FindSubmatch(tail)
	if m == nil {
		return false
	}
	off, err := strconv.Atoi(string(m[1]))
	seen := map[int]bool{}
	for err == nil && off > 0 && off < len(data) && len(seen) < 10000 {
		if seen[off] {
			return true
		}
		seen[off] = true
		// The section's trailer (table) or dictionary (stream) ends before
		// the next "startxref" or "stream" keyword.
		sec := data[off:]
		end := len(sec)
		for _, kw := range []string{"startxref", "stream"} {
			if i := bytes.Index(sec, []byte(kw)); i >= 0 && i < end {
				end = i
			}
		}
		p := prevRe.FindSubmatch(sec[:end])
		if p == nil {
			return false
		}
		off, err = strconv.Atoi(string(p[1]))
	}
	return false
}

// openPDF opens data with the library, turning its panics into errors.
func openPDF(data []byte) (r *pdf.Reader, err error) {
	defer func() {
		if x := recover(); x != nil {
			r, err = nil, fmt.Errorf("malformed PDF: %v", x)
		}
	}()
	r, err = pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	// Touch the catalog now, so that a broken trailer fails here.
	if r.Trailer().Key("Root").Key("Pages").IsNull() {
		return nil, errors.New("malformed PDF: no page tree")
	}
	return r, nil
}

// qpdfRewrite runs qpdf --decrypt on data and returns the rewritten file.
// qpdf exits with 3 when it repaired the file with warnings: the output is
// good then.
func qpdfRewrite(ctx context.Context, data []byte) ([]byte, error) {
	bin, err := exec.LookPath("qpdf")
	if err != nil {
		return nil, errQPDFMissing
	}
	dir, err := os.MkdirTemp("", "vanban-qpdf-")
	if err != nil {
		return nil, fmt.Errorf("cannot make temp dir: %w", err)
	}
	defer os.RemoveAll(dir)
	in, out := filepath.Join(dir, "in.pdf"), filepath.Join(dir, "out.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, fmt.Errorf("cannot write temp file: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, qpdfTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--decrypt", "--decode-level=generalized", "--object-streams=disable", in, out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 3 {
			return nil, fmt.Errorf("qpdf: %s", lastLine(stderr.String(), err))
		}
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return nil, fmt.Errorf("qpdf wrote no output: %w", err)
	}
	return b, nil
}

func lastLine(s string, err error) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return err.Error()
	}
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// pageNode is a leaf of the page tree with its inherited attributes.
type pageNode struct {
	v        pdf.Value
	res      pdf.Value
	mediaBox pdf.Value
	rotate   int64
}

// pageList walks the page tree with a loop guard (the library's Page(i)
// loops forever on a tree whose Kids contain an ancestor).
func pageList(ctx context.Context, r *pdf.Reader) (pages []pageNode, warnings []string, err error) {
	defer func() {
		if x := recover(); x != nil {
			if e, ok := x.(*Error); ok {
				err = e
				return
			}
			err = &Error{Op: "pdf pages", Kind: KindCorrupt, Err: fmt.Errorf("cannot read the page tree: %v", x)}
		}
	}()
	nodes := 0
	onPath := map[uint64]bool{}
	// A page object belongs to one place in the tree (its /Parent): one
	// listed again is read once, so 50 000 references to one page cost one.
	seen := map[uint64]bool{}
	repeats := 0
	var walk func(v, res, mb pdf.Value, rot int64, depth int)
	walk = func(v, res, mb pdf.Value, rot int64, depth int) {
		nodes++
		if nodes > maxPageNodes || depth > maxPageTreeDeep {
			panic(Errorf(KindCorrupt, "pdf pages", "cannot read the page tree: loop or more than %d levels / %d nodes", maxPageTreeDeep, maxPageNodes))
		}
		if nodes&255 == 0 && ctx.Err() != nil {
			panic(&Error{Op: "pdf pages", Kind: KindTimeout, Err: ctx.Err()})
		}
		if id := objID(v); id != 0 {
			if onPath[id] {
				panic(Errorf(KindCorrupt, "pdf pages", "cannot read the page tree: it contains a loop (object %d)", id>>16))
			}
			onPath[id] = true
			defer delete(onPath, id)
		}
		if x := v.Key("Resources"); !x.IsNull() {
			res = x
		}
		if x := v.Key("MediaBox"); x.Len() == 4 {
			mb = x
		}
		if x := v.Key("Rotate"); x.Kind() == pdf.Integer {
			rot = x.Int64()
		}
		kids := v.Key("Kids")
		if kids.Kind() == pdf.Array && v.Key("Type").Name() != "Page" {
			for i := 0; i < kids.Len(); i++ {
				walk(kids.Index(i), res, mb, rot, depth+1)
			}
			return
		}
		if v.Kind() == pdf.Dict {
			if id := objID(v); id != 0 {
				if seen[id] {
					repeats++
					return
				}
				seen[id] = true
			}
			if len(pages) >= MaxPages {
				panic(Errorf(KindTooLarge, "pdf pages", "the PDF has more than %d pages", MaxPages))
			}
			pages = append(pages, pageNode{v: v, res: res, mediaBox: mb, rotate: rot})
		}
	}
	root := r.Trailer().Key("Root").Key("Pages")
	walk(root, pdf.Value{}, pdf.Value{}, 0, 0)
	if repeats > 0 {
		warnings = append(warnings, fmt.Sprintf("the page tree lists pages again %d times: each read once", repeats))
	}
	if c := root.Key("Count"); c.Kind() == pdf.Integer && c.Int64() != int64(len(pages)) {
		warnings = append(warnings, fmt.Sprintf("the page tree claims %d pages and holds %d", c.Int64(), len(pages)))
	}
	return pages, warnings, nil
}

// MaxPages bounds the pages of one PDF: the longest legal texts (a code
// with its annexes) run to a few thousand.
const MaxPages = 10_000

// readPDFPages runs the walker and the layout on every page.
func readPDFPages(ctx context.Context, r *pdf.Reader) ([]pdfPage, []string, error) {
	nodes, warnings, err := pageList(ctx, r)
	if err != nil {
		return nil, nil, err
	}
	if len(nodes) == 0 {
		return nil, nil, Errorf(KindCorrupt, "pdf pages", "cannot read PDF: the page tree has no pages")
	}
	out := make([]pdfPage, len(nodes))
	fonts := map[uint64]*pdfFont{}
	for i, nd := range nodes {
		if err := ctx.Err(); err != nil {
			return nil, nil, &Error{Op: fmt.Sprintf("pdf page %d", i+1), Kind: KindTimeout, Err: err}
		}
		out[i] = readPDFPage(ctx, nd, i+1, fonts)
		if e := out[i].err; e != nil && (errors.Is(e, context.DeadlineExceeded) || errors.Is(e, context.Canceled)) {
			return nil, nil, &Error{Op: fmt.Sprintf("pdf page %d", i+1), Kind: KindTimeout, Err: e}
		}
	}
	return out, warnings, nil
}

func readPDFPage(ctx context.Context, nd pageNode, n int, fonts map[uint64]*pdfFont) (p pdfPage) {
	p.n = n
	defer func() {
		if x := recover(); x != nil {
			p.err = fmt.Errorf("cannot read page: %v", x)
		}
	}()
	p.mediaBox = [4]float64{0, 0, 595, 842}
	if nd.mediaBox.Len() == 4 {
		for i := range p.mediaBox {
			p.mediaBox[i] = nd.mediaBox.Index(i).Float64()
		}
	}
	w := &walker{ctx: ctx, xstack: map[uint64]bool{}, fonts: fonts}
	gs := gstate{ctm: identity, th: 1}
	content := nd.v.Key("Contents")
	if !content.IsNull() {
		if err := w.run(content, nd.res, gs, 0); err != nil {
			p.err = err
		}
	}
	for _, m := range w.warnings {
		if p.err == nil {
			p.err = errors.New(m)
		}
	}
	if area := abs((p.mediaBox[2] - p.mediaBox[0]) * (p.mediaBox[3] - p.mediaBox[1])); area > 0 {
		p.imgFrac = w.imgArea / area
		p.imgTotal = w.imgTotal / area
		if w.inline {
			p.imgTotal = 1
		}
		p.imgDPI = w.imgDPI
		p.imgPlain = w.imgPlain && w.images == 1 && p.imgFrac >= 0.9 && nd.rotate%360 == 0
	}
	// Annotation appearances: the signature stamp "Ký bởi: …" of signed
	// scans lives there, and so do the number and day typed into the form
	// when it is signed ("Số: 565 /TB-UBND", "ngày 15"). Short annotations
	// join the page text at their place; stamps are laid out on their own
	// and come after the page text, so that they never split its
	// paragraphs, and do not count as its text layer when deciding on OCR.
	var stamps []glyph
	for _, ann := range annotGlyphs(ctx, nd, fonts) {
		if isFormField(ann) {
			// One run: comb fields spread their digits ("5 6 5").
			var b strings.Builder
			for _, g := range ann {
				b.WriteString(g.text)
			}
			last := ann[len(ann)-1]
			g := ann[0]
			g.text, g.w = strings.TrimSpace(b.String()), last.x+last.w-g.x
			w.glyphs = append(w.glyphs, g)
			p.fields = append(p.fields, outLine{parts: []textPart{{g.text, g.font}}})
		} else {
			stamps = append(stamps, ann...)
		}
	}
	p.lines = layoutRows(glyphRows(w.glyphs, pdfLayout), pdfLayout)
	if len(stamps) > 0 {
		p.annots = layoutRows(glyphRows(stamps, pdfLayout), pdfLayout)
	}
	var b strings.Builder
	for i, l := range p.lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(partsText(l.parts))
	}
	p.text = b.String()
	return p
}

// stampLineRe matches the lines of a digital-signature stamp that signing
// tools (VGCA, iText) lay over a scanned page.
var stampLineRe = regexp.MustCompile(`(?i)^\s*(Ký bởi|Ky boi|Người ký|Thời gian ký|Thoi gian ky|Ngày ký|Email|E-mail|Cơ quan|Co quan|Chức vụ|Signed by|Signature|Digitally signed|Date|Reason|Location)\s*:|[\w.-]+@[\w-]+\.[\w.]+|\d{2}[./]\d{2}[./]\d{4} \d{2}:\d{2}(:\d{2})?`)

// ocrReason decides whether a page's text layer is unusable in --ocr=auto
// and why ("" when the text layer is kept). text is the page content's text,
// stamped tells whether annotations carry text, imgFrac is the share of the
// page covered by its largest image.
func ocrReason(text string, stamped, legacy bool, imgFrac float64) string {
	var kept []string
	stamp := stamped
	for _, l := range strings.Split(text, "\n") {
		if stampLineRe.MatchString(l) {
			stamp = true
			continue
		}
		kept = append(kept, l)
	}
	rest := strings.Join(kept, "\n")
	letters, nonSpace, bad, latin := 0, 0, 0, 0
	for _, r := range rest {
		switch {
		case unicode.IsSpace(r):
			continue
		case r == unicode.ReplacementChar || unicode.Is(unicode.Co, r) || unicode.IsControl(r):
			bad++
		case unicode.IsLetter(r):
			letters++
			if unicode.Is(unicode.Latin, r) {
				latin++
			}
		}
		nonSpace++
	}
	// A page-size image under a few lines of text is a scan with a stamp or a
	// caption, not a typed page.
	scan := letters < minPageLetters || (imgFrac >= 0.8 && letters < maxScanCaption)
	switch {
	case scan && stamp:
		return "signature-stamp"
	case scan:
		return "empty"
	case legacy:
		return "" // TCVN3/VNI bytes look odd but normalize reads them
	case bad*20 > nonSpace, letters*2 < nonSpace, latin*10 < letters*8:
		return "garbage"
	}
	return ""
}

// ocrPlan gives each page's reason for OCR ("" to keep its text layer) and
// the pages to OCR under mode.
func ocrPlan(pages []pdfPage, mode OCRMode) (reasons []string, need []int) {
	reasons = make([]string, len(pages))
	for i, p := range pages {
		reasons[i] = ocrReason(p.text, len(p.annots) > 0, hasLegacy(p.lines), p.imgFrac)
		if (reasons[i] == "empty" || reasons[i] == "signature-stamp") && !p.mayHoldText() {
			reasons[i] = "" // no image that could hold text: nothing to OCR
		}
		if mode == OCRForce {
			reasons[i] = "forced"
		}
		if reasons[i] != "" && mode != OCROff {
			need = append(need, i)
		}
	}
	return reasons, need
}

// mayHoldText tells whether OCR can find anything on a page whose text layer
// is short: only when its images cover enough of it to hold a line of
// text. A typed page that ends a document with a few lines and no image
// (or only a logo or a signature) is kept as typed. A page whose content
// could not be read whole is taken to hold anything.
func (p pdfPage) mayHoldText() bool {
	return p.err != nil || p.imgTotal >= minTextImageFrac
}

// minTextImageFrac: images covering less of the page than this (a logo, a
// seal, a signature: 2–4 cm square on A4 is 1–3 %) cannot hold the body of
// a document; the smallest scan strips seen cover a tenth of the page.
const minTextImageFrac = 0.04

// maxScanCaption: fewer letters than this over a page-size image still
// means the page is a scan (signing tools write stamps of 100–200 letters).
const maxScanCaption = 300

// minPageLetters: a page with fewer letters in its text layer is treated as
// having none (a stamp, a page number, a stray mark).
const minPageLetters = 40

// stampLines returns the signature-stamp lines of a text layer, kept after
// the OCR text of the page so that who signed and when is not lost.
func stampLines(text string) []string {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		if stampLineRe.MatchString(l) {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return out
}

func hasLegacy(ls []outLine) bool {
	for _, l := range ls {
		for _, p := range l.parts {
			if p.font != "" {
				return true
			}
		}
	}
	return false
}

// maxAnnots bounds the annotations read per page.
const maxAnnots = 200

// isFormField reports whether an annotation's glyphs are a short entry on
// one line (a number or day filled in when signing), not a stamp.
func isFormField(gs []glyph) bool {
	if len(gs) == 0 || len(gs) > 30 {
		return false
	}
	var b strings.Builder
	for _, g := range gs {
		if abs(g.y-gs[0].y) > 0.5*g.size {
			return false
		}
		b.WriteString(g.text)
	}
	return !stampLineRe.MatchString(b.String())
}

// annotGlyphs interprets the normal appearance streams of the visible
// annotations of a page, each mapped from its BBox onto its Rect.
func annotGlyphs(ctx context.Context, nd pageNode, fonts map[uint64]*pdfFont) (out [][]glyph) {
	defer func() {
		if recover() != nil {
			out = nil
		}
	}()
	annots := nd.v.Key("Annots")
	for i := 0; i < annots.Len() && i < maxAnnots; i++ {
		a := annots.Index(i)
		if a.Key("F").Int64()&2 != 0 { // hidden
			continue
		}
		ap := a.Key("AP").Key("N")
		if ap.Kind() != pdf.Stream {
			continue
		}
		rect, bbox := a.Key("Rect"), ap.Key("BBox")
		if rect.Len() != 4 || bbox.Len() != 4 {
			continue
		}
		var r, b [4]float64
		for k := 0; k < 4; k++ {
			r[k], b[k] = rect.Index(k).Float64(), bbox.Index(k).Float64()
		}
		bw, bh := b[2]-b[0], b[3]-b[1]
		if bw == 0 || bh == 0 {
			continue
		}
		sx, sy := (r[2]-r[0])/bw, (r[3]-r[1])/bh
		ctm := matrix{sx, 0, 0, sy, min(r[0], r[2]) - b[0]*sx, min(r[1], r[3]) - b[1]*sy}
		res := ap.Key("Resources")
		if res.IsNull() {
			res = nd.res
		}
		w := &walker{ctx: ctx, xstack: map[uint64]bool{}, fonts: fonts}
		if w.run(ap, res, gstate{ctm: ctm, th: 1}, 0) == nil || len(w.glyphs) > 0 {
			out = append(out, w.glyphs)
		}
	}
	return out
}
