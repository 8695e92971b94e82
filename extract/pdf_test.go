package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
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

// FuzzPDF runs the PDF reader (walker, layout, OCR decision; OCR off) on
// mutated fixtures: no panic may escape and the text must be UTF-8.
func FuzzPDF(f *testing.F) {
	for _, name := range []string{"twocol.pdf", "xobject-loop.pdf", "bad-loop.pdf"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "extract", "pdf", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("%PDF-1.4\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		res, err := extractPDF(ctx, data, Options{OCR: OCROff})
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
