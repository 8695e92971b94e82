package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func officeFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "extract", "office", name))
	if err != nil {
		t.Fatalf("fixture %s: %v (regenerate with go run ./extract/internal/mkoffice)", name, err)
	}
	return b
}

func TestDOCXRoundTrip(t *testing.T) {
	res, err := Extract(context.Background(), "roundtrip.docx", officeFixture(t, "roundtrip.docx"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := string(officeFixture(t, "roundtrip.txt"))
	if c := cer(res.Text, want); c > 0.005 {
		t.Errorf("CER %.4f > 0.5%%\ngot:\n%s\nwant:\n%s", c, res.Text, want)
	}
	for _, bad := range []string{"nội dung đã xóa", "PAGE", "MERGEFORMAT"} {
		if strings.Contains(res.Text, bad) {
			t.Errorf("deleted text or field code %q in output", bad)
		}
	}
	if n := strings.Count(res.Text, "Nơi nhận"); n != 1 {
		t.Errorf("text box text appears %d times, want 1 (mc:Fallback must be skipped)", n)
	}
	if res.Format != FormatDOCX || !strings.Contains(res.Text, "\tQuý II") {
		t.Errorf("format %q, tab lost? %q", res.Format, res.Text)
	}
}

func TestDOCXNumbering(t *testing.T) {
	res, err := Extract(context.Background(), "numbering.docx", officeFixture(t, "numbering.docx"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"I. MỤC ĐÍCH, YÊU CẦU",
		"1. Nâng cao nhận thức",
		"a) Các sở, ngành rà soát",
		"b) Ủy ban nhân dân cấp huyện",
		"2. Thực hiện nghiêm túc.",
		"a) Báo cáo định kỳ.", // a deeper level restarts under a new number
		"• Gửi Sở Nội vụ.",
		"II. NHIỆM VỤ, GIẢI PHÁP",
		"1. Tuyên truyền.", // the level under II restarts
		"5. Mục tiếp tục",  // startOverride of another num of the same list
		"Điều 1. Phạm vi điều chỉnh",
		"Điều 2. Đối tượng áp dụng",
		"(1) Khoản theo kiểu", // levels found through w:numStyleLink
		"(2) Khoản thứ hai.",
	}
	lines := strings.Split(res.Text, "\n")
	k := 0
	for _, l := range lines {
		if k < len(want) && strings.HasPrefix(l, want[k]) {
			k++
		}
	}
	if k < len(want) {
		t.Errorf("label %q not found in order; text:\n%s", want[k], res.Text)
	}
}

func TestDOCXLegacyFontSpans(t *testing.T) {
	res, err := Extract(context.Background(), "vntime.docx", officeFixture(t, "vntime.docx"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rs := []rune(res.Text)
	fonts := map[string]string{}
	for _, f := range res.Fonts {
		fonts[string(rs[f.Start:f.End])] += f.Font
	}
	if fonts["bé tµi chÝnh"] != ".VnTimeH" {
		t.Errorf(".VnTimeH run not found as a span: %v", fonts)
	}
	if fonts["Céng hoµ x· héi chñ nghÜa ViÖt Nam"] != ".VnTime" {
		t.Errorf(".VnTime from the Normal style not found as a span: %v", fonts)
	}
	for text := range fonts {
		if strings.Contains(text, "Hà Nội") {
			t.Errorf("a Times New Roman run got a legacy span: %q", text)
		}
	}
}

func TestDOCXBadInput(t *testing.T) {
	// A package of many small parts that together pass the total limit.
	var many bytes.Buffer
	zw := zip.NewWriter(&many)
	f, _ := zw.Create("word/document.xml")
	f.Write([]byte(`<w:document xmlns:w="w"><w:body>`))
	f.Write(bytes.Repeat([]byte("<w:p><w:r><w:t>x</w:t></w:r></w:p>"), docxMaxPart/32))
	zw.Close()
	tests := []struct {
		name string
		data []byte
		want Kind
	}{
		{"bomb fixture (8 MiB of one part at ~1000:1)", officeFixture(t, "bomb.docx"), KindBomb},
		{"part over the per-part limit", many.Bytes(), KindBomb},
		{"truncated", officeFixture(t, "truncated.docx"), KindCorrupt},
		{"encrypted OOXML in OLE2", officeFixture(t, "encrypted.docx"), KindEncrypted},
		{"excel workbook", officeFixture(t, "workbook.xls"), KindUnsupported},
		{"empty", nil, KindEmpty},
		{"zip without Word parts", zipOf(map[string]string{"a.txt": "x"}), KindUnsupported},
		{"bad XML", zipOf(map[string]string{"word/document.xml": "<w:document><w:body><w:p>"}), KindCorrupt},
		{"no document part", zipOf(map[string]string{"word/styles.xml": "<w:styles/>", "[Content_Types].xml": "<Types/>"}), KindCorrupt},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			t0 := time.Now()
			_, err := Extract(ctx, tt.name, tt.data, Options{})
			if got := KindOf(err); got != tt.want {
				t.Errorf("KindOf = %q, want %q (err %v)", got, tt.want, err)
			}
			if d := time.Since(t0); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func zipOf(parts map[string]string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for n, v := range parts {
		f, _ := zw.Create(n)
		f.Write([]byte(v))
	}
	zw.Close()
	return b.Bytes()
}

func FuzzDOCX(f *testing.F) {
	for _, n := range []string{"roundtrip.docx", "numbering.docx", "vntime.docx"} {
		f.Add(officeFixture(f, n))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := extractDOCX(context.Background(), data, Options{})
		if err == nil && res == nil {
			t.Fatal("nil result without error")
		}
		if err != nil && KindOf(err) == KindOther {
			t.Fatalf("error without a kind: %v", err)
		}
	})
}

func BenchmarkDOCX(b *testing.B) {
	data := officeFixture(b, "roundtrip.docx")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := extractDOCX(context.Background(), data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
