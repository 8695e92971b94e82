package extract

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"vanban/internal/testenv"
)

// requireOCR fails when tesseract (with vie) or pdftoppm is absent: make
// deps installs them (.ci/apt-packages.txt).
func requireOCR(t testing.TB) {
	t.Helper()
	testenv.Tool(t, "tesseract")
	testenv.Tool(t, "pdftoppm")
	if tools := findOCR(context.Background(), "vie"); tools.err != nil {
		t.Fatalf("OCR not available (make deps installs tesseract-ocr-vie): %v", tools.err)
	}
}

func scanFixture(t testing.TB, name string) []byte {
	t.Helper()
	return mustRead(t, filepath.Join("..", "testdata", "extract", "scan", name))
}

// withoutStamp drops signature-stamp lines, which are not in the source text.
func withoutStamp(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if !stampLineRe.MatchString(l) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestOCRScanImage(t *testing.T) {
	requireOCR(t)
	want := string(scanFixture(t, "scan.txt"))
	res, err := Extract(context.Background(), "scan.png", scanFixture(t, "scan.png"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != FormatImage || len(res.Pages) != 1 || !res.Pages[0].OCR || res.Pages[0].Confidence < 50 {
		t.Errorf("result %s pages %+v", res.Format, res.Pages)
	}
	c := cer(res.Text, want)
	t.Logf("scan.png CER = %.2f %%, confidence %.1f", 100*c, res.Pages[0].Confidence)
	if c > 0.05 {
		t.Errorf("CER = %.3f > 5 %%\n%s", c, res.Text)
	}
}

func TestOCRScanPDF(t *testing.T) {
	requireOCR(t)
	want := string(scanFixture(t, "scan.txt"))
	res, err := Extract(context.Background(), "scan.pdf", scanFixture(t, "scan.pdf"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) != 1 || !res.Pages[0].OCR || res.Pages[0].Reason != "signature-stamp" {
		t.Errorf("pages = %+v, want one OCRed page, reason signature-stamp", res.Pages)
	}
	c := cer(withoutStamp(res.Text), want)
	t.Logf("scan.pdf CER = %.2f %%, confidence %.1f", 100*c, res.Pages[0].Confidence)
	if c > 0.05 {
		t.Errorf("CER = %.3f > 5 %%\n%s", c, res.Text)
	}
	// The stamp's text (from the annotation) is kept.
	if !strings.Contains(res.Text, "Ky boi: Van phong Huyen uy Son Tinh") {
		t.Errorf("signature stamp lost:\n%s", res.Text)
	}
	if got := res.OCRPages(); len(got) != 1 || got[0] != 1 {
		t.Errorf("OCRPages = %v", got)
	}
}

func TestOCRModes(t *testing.T) {
	requireOCR(t)
	// off: the stamp alone comes out, with a warning, no OCR.
	res, err := Extract(context.Background(), "scan.pdf", scanFixture(t, "scan.pdf"), Options{OCR: OCROff})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages[0].OCR || len(res.Warnings) == 0 || strings.Contains(res.Text, "KẾ HOẠCH") {
		t.Errorf("--ocr=off: pages %+v warnings %q text %q", res.Pages, res.Warnings, res.Text)
	}
	// force: a typed page is OCRed too.
	res, err = Extract(context.Background(), "twocol.pdf", pdfFixture(t, "twocol.pdf"), Options{OCR: OCRForce})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Pages[0].OCR || res.Pages[0].Reason != "forced" {
		t.Errorf("--ocr=force: pages %+v", res.Pages)
	}
	if c := cer(res.Text, string(pdfFixture(t, "twocol.txt"))); c > 0.05 {
		t.Errorf("forced OCR CER = %.3f\n%s", c, res.Text)
	}
}

func TestOCRMissingTesseract(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Extract(context.Background(), "scan.png", scanFixture(t, "scan.png"), Options{})
	if KindOf(err) != KindOCRFailed || !strings.Contains(err.Error(), "tesseract") {
		t.Errorf("image: kind %s, err %v; want ocr_failed naming tesseract", KindOf(err), err)
	}
	// A scan whose text layer is only a stamp: the stamp is no document.
	_, err = Extract(context.Background(), "scan.pdf", scanFixture(t, "scan.pdf"), Options{})
	if KindOf(err) != KindOCRFailed {
		t.Errorf("scan.pdf: kind %s, err %v; want ocr_failed", KindOf(err), err)
	}
	// A typed PDF needs no OCR and still works.
	if _, err := Extract(context.Background(), "typed.pdf", pdfFixture(t, "typed.pdf"), Options{}); err != nil {
		t.Errorf("typed.pdf without tesseract: %v", err)
	}
}

func TestOCRPageTimeout(t *testing.T) {
	requireOCR(t)
	start := time.Now()
	_, err := Extract(context.Background(), "scan.png", scanFixture(t, "scan.png"), Options{PageTimeout: 20 * time.Millisecond})
	if KindOf(err) != KindTimeout {
		t.Errorf("image: kind %s (%v), want timeout", KindOf(err), err)
	}
	_, err = Extract(context.Background(), "scan.pdf", scanFixture(t, "scan.pdf"), Options{PageTimeout: 20 * time.Millisecond})
	if KindOf(err) != KindTimeout {
		t.Errorf("pdf: kind %s (%v), want timeout", KindOf(err), err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("timeouts took %v", d)
	}
}

func TestImageHeader(t *testing.T) {
	info, err := imageHeader(scanFixture(t, "scan.png"))
	if err != nil || info.format != "png" || info.width < 1000 || info.height < 1000 {
		t.Errorf("scan.png: %+v %v", info, err)
	}
	info, err = imageHeader(scanFixture(t, "bad-huge.png"))
	if err != nil || info.width != 100000 {
		t.Fatalf("bad-huge.png: %+v %v", info, err)
	}
	if err := checkPixels(info, DefaultMaxPixels); KindOf(err) != KindTooLarge {
		t.Errorf("checkPixels: %v", err)
	}
	// A JPEG SOF0 claiming 60000×60000, a TIFF with a looping IFD chain.
	jpg := []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0xEA, 0x60, 0xEA, 0x60, 1, 1, 0x11, 0}
	if info, err := imageHeader(jpg); err != nil || info.width != 60000 || info.height != 60000 {
		t.Errorf("jpeg: %+v %v", info, err)
	}
	tif := []byte("II*\x00\x08\x00\x00\x00\x02\x00\x00\x01\x04\x00\x01\x00\x00\x00\x10\x00\x00\x00\x01\x01\x04\x00\x01\x00\x00\x00\x20\x00\x00\x00\x08\x00\x00\x00")
	if info, err := imageHeader(tif); err != nil || info.width != 16 || info.height != 32 || info.pages != 1 {
		t.Errorf("tiff: %+v %v", info, err)
	}
	if _, err := Extract(context.Background(), "x.png", []byte("\x89PNG\r\n\x1a\n\x00"), Options{}); KindOf(err) != KindCorrupt {
		t.Errorf("truncated PNG: %v", err)
	}
}

func FuzzImageHeader(f *testing.F) {
	f.Add([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x00\x00\x00\x00"))
	f.Add([]byte("II*\x00\x08\x00\x00\x00\x02\x00\x00\x01\x04\x00\x01\x00\x00\x00\x10\x00\x00\x00\x01\x01\x04\x00\x01\x00\x00\x00\x20\x00\x00\x00\x08\x00\x00\x00"))
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0})
	f.Add([]byte("P5\n# c\n640 480\n255\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		info, err := imageHeader(data)
		if err == nil && (info.width <= 0 || info.height <= 0) {
			t.Fatalf("no error for %+v", info)
		}
	})
}

func FuzzParseTSV(f *testing.F) {
	f.Add([]byte("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n5\t1\t1\t1\t1\t1\t10\t10\t50\t20\t96.5\tCỘNG\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, w := range parseTSV(data) {
			_ = w
		}
		p := wordsToPage(parseTSV(data))
		var pw pageWriter
		pw.lines(p.lines)
	})
}

// The real signed scans of Quảng Ngãi (../shared, absent on a fresh clone):
// every image-only page is detected and OCRed, Word-made pages are not, and
// the typed symbols and references come out.
func TestOCRRealScans(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "real", "scans")
	inv, err := os.ReadFile(filepath.Join(dir, "pdf_inventory.tsv"))
	if err != nil {
		testenv.NoShared(t, "no real scans: %v", err)
	}
	requireOCR(t)
	// Strings the documents print (not handwritten), by file.
	wants := map[string][]string{
		"05CT_20250517_033418.pdf":                      {"Quyết định số 2545/QĐ-TTg ngày 30/12/2016", "/CT-UBND"},
		"2352 ( 07-CT-UBND).signed_20250221_092046.pdf": {"/CT-UBND", "Nghị định số 71/2016/NĐ-CP ngày 01/7/2016", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
		"16CT.signed_20250510_124909.pdf":               {"Chỉ thị số 12/CT-BCT ngày 12/11/2021"},
		"vht534.signed_20250510_124908.pdf":             {"Kế hoạch số 186/KH-UBND ngày 17/9/2024"},
	}
	// A symbol's type code; OCR may print Đ as Eth (Ð), which normalize fixes.
	symbolRe := regexp.MustCompile(`/[A-ZĐÐ][A-Za-zĐÐ]{1,5} ?[-–]`)
	lines := strings.Split(strings.TrimSpace(string(inv)), "\n")[1:]
	if testing.Short() {
		lines = lines[:4]
	}
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) < 5 {
			continue
		}
		name, imageOnly := f[0], strings.HasPrefix(f[4], "image-only")
		t.Run(name, func(t *testing.T) {
			data := mustRead(t, filepath.Join(dir, name))
			res, err := Extract(context.Background(), name, data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			chars := 0
			for _, p := range res.Pages {
				if p.OCR {
					t.Logf("page %d: confidence %.1f %s", p.N, p.Confidence, p.Retry)
				}
				if p.OCR != imageOnly {
					t.Errorf("page %d: OCR = %v (reason %q), want %v", p.N, p.OCR, p.Reason, imageOnly)
				}
				chars += p.Chars // a page may be blank but for the seal
			}
			if chars < 400*len(res.Pages)/2 {
				t.Errorf("only %d characters in %d pages", chars, len(res.Pages))
			}
			text := strings.ReplaceAll(res.Text, "\n", " ")
			for _, w := range wants[name] {
				if !strings.Contains(text, w) {
					t.Errorf("%q not found", w)
				}
			}
			if !symbolRe.MatchString(text) {
				t.Errorf("no document symbol found")
			}
		})
	}
}

// office.pdf is a plan of our own printed as a 200-dpi office scan by
// extract/internal/mkscans (skewed, blurred, faded, speckled, JPEG q35).
func TestOCROfficeScan(t *testing.T) {
	requireOCR(t)
	want := string(scanFixture(t, "office.txt"))
	res, err := Extract(context.Background(), "office.pdf", scanFixture(t, "office.pdf"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) != 1 || !res.Pages[0].OCR || res.Pages[0].Reason != "empty" {
		t.Fatalf("pages = %+v, want one OCRed page, reason empty", res.Pages)
	}
	c := cer(res.Text, want)
	t.Logf("office.pdf CER = %.2f %%, confidence %.1f, retry %q", 100*c, res.Pages[0].Confidence, res.Pages[0].Retry)
	// The page is noisier than scan.png; the signature block comes out in
	// another order.
	if c > 0.08 {
		t.Errorf("CER = %.3f > 8 %%\n%s", c, res.Text)
	}
	for _, s := range []string{"58-KH/HU", "05-CT/TW", "20/2023/QH15"} {
		if !strings.Contains(res.Text, s) {
			t.Errorf("%q not read", s)
		}
	}
}

// A page read with a low confidence is read again at a higher resolution and
// cleaned; the better reading is kept and the retry is reported.
func TestOCRRetryLowConfidence(t *testing.T) {
	requireOCR(t)
	defer func(v float64) { ocrRetryBelow = v }(ocrRetryBelow)
	ocrRetryBelow = 101 // every page is "low": both retries run
	res, err := Extract(context.Background(), "office.pdf", scanFixture(t, "office.pdf"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	pg := res.Pages[0]
	t.Logf("retry: %s; confidence %.1f", pg.Retry, pg.Confidence)
	if !strings.Contains(pg.Retry, "200 dpi despeckled") || !strings.Contains(pg.Retry, "300 dpi") {
		t.Errorf("retry = %q, want both attempts", pg.Retry)
	}
	var first float64
	if _, err := fmt.Sscanf(pg.Retry, "first %f", &first); err != nil || pg.Confidence+0.05 < first {
		t.Errorf("kept confidence %.1f below the first reading's %q", pg.Confidence, pg.Retry)
	}
	if len(res.Warnings) == 0 || !strings.Contains(res.Warnings[0], "read again") {
		t.Errorf("warnings %q do not report the retry", res.Warnings)
	}
	if c := cer(res.Text, string(scanFixture(t, "office.txt"))); c > 0.08 {
		t.Errorf("CER after retry = %.3f\n%s", c, res.Text)
	}
	// A confident page is not read again.
	ocrRetryBelow = 0
	res, err = Extract(context.Background(), "office.pdf", scanFixture(t, "office.pdf"), Options{})
	if err != nil || res.Pages[0].Retry != "" || len(res.Warnings) != 0 {
		t.Errorf("no retry expected: %+v %q %v", res.Pages, res.Warnings, err)
	}
}

func TestMedianFilter(t *testing.T) {
	// A white 5×4 image with one black speck and a black 3-pixel-wide bar:
	// the speck goes, the bar stays.
	w, h := 5, 4
	img := make([]byte, w*h)
	for i := range img {
		img[i] = 255
	}
	img[1*w+1] = 0
	for y := 0; y < h; y++ {
		for x := 2; x < 5; x++ {
			img[y*w+x] = 0
		}
	}
	out := medianFilter(img, w, h)
	if out[1*w+1] != 255 || out[0] != 255 {
		t.Errorf("speck kept: %v", out)
	}
	if out[2*w+3] != 0 || out[2*w+4] != 0 {
		t.Errorf("bar lost: %v", out)
	}
	pgm := append([]byte("P5\n# c\n5 4\n255\n"), img...)
	path := filepath.Join(t.TempDir(), "x.pgm")
	if err := os.WriteFile(path, pgm, 0o600); err != nil {
		t.Fatal(err)
	}
	clean, err := despeckleFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(clean)
	if !strings.HasPrefix(string(got), "P5\n# c\n5 4\n255\n") || len(got) != len(pgm) || got[len(got)-w*h+1*w+1] != 255 {
		t.Errorf("despeckled file %q", got)
	}
}

func FuzzPGMHeader(f *testing.F) {
	f.Add([]byte("P5\n5 4\n255\n01234567890123456789"))
	f.Add([]byte("P5 # x\n1 1 255 a"))
	f.Fuzz(func(t *testing.T, data []byte) {
		w, h, off, err := pgmHeader(data)
		if err != nil {
			return
		}
		if w <= 0 || h <= 0 || off > len(data) || len(data)-off < w*h {
			t.Fatalf("pgmHeader(%q) = %d %d %d", data, w, h, off)
		}
		medianFilter(data[off:off+w*h], w, h)
	})
}

// An image read with a low confidence is read again, cleaned.
func TestOCRRetryImage(t *testing.T) {
	requireOCR(t)
	defer func(v float64) { ocrRetryBelow = v }(ocrRetryBelow)
	ocrRetryBelow = 101
	res, err := Extract(context.Background(), "scan.png", scanFixture(t, "scan.png"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	pg := res.Pages[0]
	t.Logf("retry: %s; confidence %.1f", pg.Retry, pg.Confidence)
	if !strings.Contains(pg.Retry, "despeckled") || strings.Contains(pg.Retry, "failed") || len(res.Warnings) == 0 {
		t.Errorf("retry = %q, warnings %q", pg.Retry, res.Warnings)
	}
	if c := cer(res.Text, string(scanFixture(t, "scan.txt"))); c > 0.05 {
		t.Errorf("CER after retry = %.3f\n%s", c, res.Text)
	}
}
