package extract

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"vanban/internal/testenv"
)

func pdfFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "extract", "pdf", name))
	if err != nil {
		t.Fatalf("cannot read fixture: %v", err)
	}
	return b
}

// collapse is the comparison form of CER: NFC, whitespace runs (and page
// breaks) as one space.
func collapse(s string) []rune {
	return []rune(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
}

// cer is the character error rate of got against want: Levenshtein distance
// over the length of want.
func cer(got, want string) float64 {
	a, b := collapse(got), collapse(want)
	if len(b) == 0 {
		return 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return float64(prev[len(b)]) / float64(len(b))
}

func TestCERMeasure(t *testing.T) {
	if got := cer("abc", "abc"); got != 0 {
		t.Errorf("cer equal = %v", got)
	}
	if got := cer("abd", "abcd"); got != 0.25 {
		t.Errorf("cer one deletion in 4 = %v", got)
	}
}

func extractOff(t *testing.T, data []byte) *Result {
	t.Helper()
	res, err := Extract(context.Background(), "fixture.pdf", data, Options{OCR: OCROff})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	return res
}

func TestPDFTypedRoundTrip(t *testing.T) {
	res := extractOff(t, pdfFixture(t, "typed.pdf"))
	want := string(pdfFixture(t, "typed.txt"))
	c := cer(res.Text, want)
	t.Logf("typed.pdf CER = %.3f %%", 100*c)
	if c > 0.005 {
		t.Errorf("CER = %.4f > 0.5 %%\n%s", c, res.Text)
	}
	if len(res.Pages) != 2 || strings.Count(res.Text, "\f") != 1 {
		t.Errorf("pages = %d, form feeds = %d, want 2 and 1", len(res.Pages), strings.Count(res.Text, "\f"))
	}
	if !utf8.ValidString(res.Text) || !norm.NFC.IsNormalString(res.Text) {
		t.Error("text is not valid NFC UTF-8")
	}
	lines := map[string]bool{}
	for _, l := range strings.FieldsFunc(res.Text, func(r rune) bool { return r == '\n' || r == '\f' }) {
		lines[l] = true
		// The footer's page numbers are dropped.
		if l == "1" || l == "2" {
			t.Errorf("page number line %q kept", l)
		}
	}
	// Whole paragraphs come out as one line each (wrapped lines joined).
	joined := 0
	for _, p := range strings.Split(want, "\n") {
		if len([]rune(p)) > 150 && lines[p] {
			joined++
		}
	}
	if joined < 7 {
		t.Errorf("only %d long paragraphs came out whole, want ≥ 7 of 9\n%s", joined, res.Text)
	}
	for _, p := range res.Pages {
		if p.OCR {
			t.Errorf("page %d OCRed with --ocr=off", p.N)
		}
	}
}

func TestPDFTwoColumnHeader(t *testing.T) {
	for _, name := range []string{"twocol", "typed"} {
		t.Run(name, func(t *testing.T) {
			res := extractOff(t, pdfFixture(t, name+".pdf"))
			want := strings.Split(string(pdfFixture(t, name+".txt")), "\n")
			got := strings.Split(res.Text, "\n")
			// Left column lines, then right column lines, then the title.
			n := 0
			for n < len(want) && !strings.HasPrefix(want[n], "Thực hiện") {
				n++
			}
			if len(got) < n {
				t.Fatalf("only %d lines", len(got))
			}
			for i := 0; i < n; i++ {
				if got[i] != want[i] {
					t.Errorf("line %d = %q, want %q", i+1, got[i], want[i])
				}
			}
		})
	}
}

// The text layer tesseract writes (GlyphLessFont, Type0 Identity-H with a
// full-range ToUnicode bfrange) must decode to Vietnamese, not "CØNG".
func TestPDFFullRangeToUnicode(t *testing.T) {
	res := extractOff(t, pdfFixture(t, "ocrlayer.pdf"))
	if strings.ContainsAny(res.Text, "ØÆæ\uFFFD") {
		t.Errorf("mojibake in text layer:\n%s", res.Text)
	}
	want := string(mustRead(t, filepath.Join("..", "testdata", "extract", "scan", "scan.txt")))
	c := cer(res.Text, want)
	t.Logf("ocrlayer.pdf CER = %.2f %%", 100*c)
	if c > 0.05 {
		t.Errorf("CER of the OCR text layer = %.3f > 5 %%\n%s", c, res.Text)
	}
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPDFBadInputs(t *testing.T) {
	scan := filepath.Join("..", "testdata", "extract", "scan")
	tests := []struct {
		file string
		kind Kind
	}{
		{"bad-truncated.pdf", KindCorrupt},
		{"bad-encrypted.pdf", KindEncrypted},
		{"bad-empty.pdf", KindEmpty},
		{"bad-loop.pdf", KindCorrupt},
		{"bad-xref-loop.pdf", KindCorrupt},
		{filepath.Join(scan, "bad-huge.png"), KindTooLarge},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			path := tt.file
			if !strings.Contains(path, string(filepath.Separator)) {
				path = filepath.Join("..", "testdata", "extract", "pdf", tt.file)
			}
			data := mustRead(t, path)
			start := time.Now()
			_, err := Extract(context.Background(), path, data, Options{})
			if err == nil {
				t.Fatal("no error")
			}
			if k := KindOf(err); k != tt.kind {
				t.Errorf("kind = %s, want %s (%v)", k, tt.kind, err)
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// The library's own Page(i) spins forever on a looping page tree; a Form
// XObject that draws itself must end too, keeping the text around it.
func TestPDFXObjectLoop(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res, err := Extract(ctx, "xobject-loop.pdf", pdfFixture(t, "xobject-loop.pdf"), Options{OCR: OCROff})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Text, "Loop test: the text before the form XObject is kept.") {
		t.Errorf("text lost: %q", res.Text)
	}
	if len(res.Warnings) == 0 {
		t.Error("no warning about the loop")
	}
}

func TestPDFDeadline(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Extract(ctx, "typed.pdf", pdfFixture(t, "typed.pdf"), Options{OCR: OCROff})
	if KindOf(err) != KindTimeout {
		t.Errorf("kind = %s, want timeout (%v)", KindOf(err), err)
	}
}

func TestOCRReason(t *testing.T) {
	body := strings.Repeat("Ủy ban nhân dân tỉnh yêu cầu các sở thực hiện. ", 5)
	tests := []struct {
		name, text string
		stamped    bool
		img        float64
		want       string
	}{
		{"typed", body, false, 0, ""},
		{"empty", "", false, 1, "empty"},
		{"page number only", "3", false, 0, "empty"},
		{"stamp lines", "Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi\nThời gian ký: 07/01/2025 10:09:57", false, 1, "signature-stamp"},
		{"annotation stamp", "", true, 1, "signature-stamp"},
		{"caption over a scan", "Trung tâm Công báo và Tin học tỉnh Quảng Ngãi xác thực bản sao điện tử", true, 0.95, "signature-stamp"},
		{"typed page with a logo", body + body, false, 0.9, ""},
		{"replacement chars", strings.Repeat("\uFFFD\uFFFD a", 40), false, 0, "garbage"},
		{"symbols", strings.Repeat("#$%&*+<=>@ ab ", 20), false, 0, "garbage"},
		{"cyrillic mojibake", strings.Repeat("Пдф текст ", 20), false, 0, "garbage"},
	}
	for _, tt := range tests {
		if got := ocrReason(tt.text, tt.stamped, false, tt.img); got != tt.want {
			t.Errorf("%s: ocrReason = %q, want %q", tt.name, got, tt.want)
		}
	}
	// TCVN3 bytes look like Latin-1 soup but are text for normalize.
	if got := ocrReason(strings.Repeat("Céng hoµ x· héi chñ nghÜa ViÖt Nam ", 5), false, true, 0); got != "" {
		t.Errorf("legacy: ocrReason = %q, want \"\"", got)
	}
}

// layoutRows on hand-made rows: wrapped lines join with a space, a line
// ending in '-' joins without one, list items and indents start paragraphs,
// lone page numbers go.
func TestLayoutParagraphs(t *testing.T) {
	mk := func(y, x0, x1 float64, s string) row {
		return row{y: y, size: 12, segs: []seg{{x0: x0, x1: x1, parts: []textPart{{s, ""}}}}}
	}
	rows := []row{
		mk(800, 290, 300, "5"),
		mk(700, 100, 500, "Căn cứ Thông tư số 05/2024/TT-"),
		mk(685, 85, 500, "BNV ngày 27/6/2024 của Bộ Nội vụ về văn bản"),
		mk(670, 85, 300, "điện tử;"),
		mk(655, 100, 500, "a) Các sở, ban, ngành"),
		mk(640, 85, 498, "thực hiện."),
		mk(50, 290, 300, "- 5 -"),
	}
	var w pageWriter
	w.lines(layoutRows(rows, pdfLayout))
	want := "Căn cứ Thông tư số 05/2024/TT-BNV ngày 27/6/2024 của Bộ Nội vụ về văn bản điện tử;\na) Các sở, ban, ngành thực hiện."
	if w.b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", w.b.String(), want)
	}
}

func TestLegacyFontSpans(t *testing.T) {
	rows := []row{{y: 700, size: 12, segs: []seg{{x0: 85, x1: 300, parts: []textPart{{"Céng hoµ", ".VnTime"}, {" ", ""}, {"x· héi", ".VnTime"}}}}}}
	var w pageWriter
	w.write("Số 1\n", "")
	w.lines(layoutRows(rows, pdfLayout))
	if len(w.spans) != 1 {
		t.Fatalf("spans = %+v, want one", w.spans)
	}
	sp := w.spans[0]
	got := string([]rune(w.b.String())[sp.Start:sp.End])
	if got != "Céng hoµ x· héi" || sp.Font != ".VnTime" {
		t.Errorf("span %+v covers %q", sp, got)
	}
}

func TestIsLegacyFontName(t *testing.T) {
	for name, want := range map[string]bool{".VnTime": true, "ABCDEF+.VnTimeH": true, "VNI-Times": true, "TimesNewRomanPSMT": false, "DejaVuSerif": false} {
		if got := isLegacyFontName(name); got != want {
			t.Errorf("isLegacyFontName(%q) = %v", name, got)
		}
	}
}

// fuzzPDF wraps a content stream and a ToUnicode CMap into a valid
// one-page PDF with a Type0 font, a simple font and a Form XObject, so that
// the fuzzer explores the walker and the layout rather than the library's
// file parser.
func fuzzPDF(content, toUnicode []byte) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(s string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), s)
	}
	stream := func(dict string, data []byte) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n<<%s /Length %d>>\nstream\n", len(offs), dict, len(data))
		b.Write(data)
		b.WriteString("\nendstream\nendobj\n")
	}
	b.WriteString("%PDF-1.4\n")
	obj("<</Type /Catalog /Pages 2 0 R>>")
	obj("<</Type /Pages /Kids [3 0 R] /Count 1>>")
	obj("<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources <</Font <</F1 5 0 R /F2 8 0 R>> /XObject <</X1 7 0 R>>>> /Contents 4 0 R>>")
	stream("", content)
	obj("<</Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H /DescendantFonts [<</Type /Font /Subtype /CIDFontType2 /W [0 [500 600] 10 20 700] /DW 500>>] /ToUnicode 6 0 R>>")
	stream("", toUnicode)
	stream(" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Matrix [1 0 0 1 10 10]", content)
	obj("<</Type /Font /Subtype /Type1 /BaseFont /.VnTime /FirstChar 32 /Widths [250 300 400] /Encoding /WinAnsiEncoding>>")
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, x)
	return b.Bytes()
}

// FuzzPDF runs the PDF reader (walker, layout, OCR decision; OCR off) on
// fuzzed content streams and ToUnicode maps: no panic may escape, errors
// are *Error, and the text is UTF-8.
func FuzzPDF(f *testing.F) {
	f.Add([]byte("BT /F1 12 Tf 72 700 Td <0041004200430044> Tj T* [<1ED8> -250 <0110>] TJ ET /X1 Do"), []byte(testCMap))
	f.Add([]byte("q 1 0 0 1 0 0 cm BT /F2 11 Tf 1 0 0 1 85 760 Tm (C\351ng ho\265) Tj 0 -14 TD (x\267 h\351i) ' ET Q"), []byte("1 beginbfrange <0000> <FFFF> <0000> endbfrange"))
	f.Add([]byte("BT /F1 10 Tf 3 Tr 2 Tc 5 Tw 80 Tz 12 TL 1 Ts 100 100 Td (\000A) Tj 0 0 Td 1 2 (x) \" ET /X1 Do /Nope Do BI /W 1 ID x EI"), []byte("<</Registry (x) def>> 1 beginbfchar <0041> <00410301> endbfchar"))
	f.Fuzz(func(t *testing.T, content, toUnicode []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		res, err := extractPDF(ctx, fuzzPDF(content, toUnicode), Options{OCR: OCROff})
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Fatalf("error not an *Error: %T %v", err, err)
			}
			return
		}
		if !utf8.ValidString(res.Text) {
			t.Fatal("invalid UTF-8")
		}
	})
}

// The fuzz wrapper is itself a valid PDF the walker reads.
func TestFuzzPDFWrapper(t *testing.T) {
	res, err := extractPDF(context.Background(), fuzzPDF([]byte("BT /F1 12 Tf 72 700 Td <1ED80110> Tj ET"), []byte(testCMap)), Options{OCR: OCROff})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Text, "ỘĐ") && !strings.Contains(res.Text, "Ộ") {
		t.Errorf("text %q", res.Text)
	}
}

// AES-256 with an empty user password (what "restrict printing" produces):
// the library cannot open it, the qpdf fallback can.
func TestPDFEncryptedEmptyUserPassword(t *testing.T) {
	qpdf := testenv.Tool(t, "qpdf")
	out := filepath.Join(t.TempDir(), "aes256.pdf")
	in := filepath.Join("..", "testdata", "extract", "pdf", "twocol.pdf")
	if msg, err := exec.Command(qpdf, "--encrypt", "", "owner-secret", "256", "--print=none", "--", in, out).CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v %s", err, msg)
	}
	res, err := Extract(context.Background(), out, mustRead(t, out), Options{OCR: OCROff})
	if err != nil {
		t.Fatal(err)
	}
	if c := cer(res.Text, string(pdfFixture(t, "twocol.txt"))); c > 0.005 {
		t.Errorf("CER = %.4f\n%s", c, res.Text)
	}
	if len(res.Warnings) == 0 {
		t.Error("no warning that qpdf rewrote the file")
	}
}

// TestPDFMutations feeds byte-mutated fixtures (changed, deleted, inserted
// bytes; fixed seed) through Extract: every result is UTF-8 or an error of a
// named kind, each within a bound. It complements FuzzPDF, whose fuzzing
// engine stalls in this package's instrumented build (see docs/extract-pdf.md).
func TestPDFMutations(t *testing.T) {
	var seeds [][]byte
	for _, name := range []string{"twocol.pdf", "xobject-loop.pdf", "bad-loop.pdf"} {
		seeds = append(seeds, pdfFixture(t, name))
	}
	n := 400
	if testing.Short() {
		n = 100
	}
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < n; i++ {
		d := append([]byte(nil), seeds[rng.Intn(len(seeds))]...)
		for k := 0; k < 1+rng.Intn(6); k++ {
			p := rng.Intn(len(d))
			switch rng.Intn(4) {
			case 0:
				d[p] = byte(rng.Intn(256))
			case 1:
				d = append(d[:p], d[min(len(d), p+1+rng.Intn(16)):]...)
			case 2:
				d = append(d[:p], append([]byte{byte(rng.Intn(256))}, d[p:]...)...)
			default:
				d[p] = "0123456789 <>[]/()R\n"[rng.Intn(20)]
			}
			if len(d) == 0 {
				d = []byte("%")
			}
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		start := time.Now()
		res, err := Extract(ctx, "mutant.pdf", d, Options{OCR: OCROff})
		cancel()
		switch {
		case err != nil && KindOf(err) == KindOther:
			t.Errorf("mutant %d: error of no kind: %v", i, err)
		case err == nil && !utf8.ValidString(res.Text):
			t.Errorf("mutant %d: invalid UTF-8", i)
		}
		if d := time.Since(start); d > 25*time.Second {
			t.Errorf("mutant %d took %v", i, d)
		}
	}
}
