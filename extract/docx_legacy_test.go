package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanban/extract"
	"vanban/normalize"
)

// decode runs extract and normalize.DecodeLegacy as the pipeline does.
func decode(t *testing.T, name string) (string, string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "extract", "office", name))
	if err != nil {
		t.Fatal(err)
	}
	res, err := extract.Extract(context.Background(), name, data, extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	spans := make([]normalize.FontSpan, len(res.Fonts))
	for i, f := range res.Fonts {
		spans[i] = normalize.FontSpan{Start: f.Start, End: f.End, Font: f.Font}
	}
	return normalize.DecodeLegacy(res.Text, res.Encoding, spans)
}

func TestLegacyFixturesDecoded(t *testing.T) {
	tests := []struct {
		file, enc string
		want      []string
	}{
		{"vntime.docx", "mixed", []string{"bộ tài chính", // a .VnTimeH run: typed case, drawn as capitals
			"Cộng hoà xã hội chủ nghĩa Việt Nam", "Số: 12/2001/QĐ-BTC",
			"Hà Nội, ngày 13 tháng 3 năm 2001", "Các tổ chức, cá nhân sản xuất kinh doanh hàng hoá, dịch vụ"}},
		{"vntime.doc", "mixed", []string{"bộ tài chính", "Cộng hoà xã hội chủ nghĩa Việt Nam", "Hà Nội, ngày 13 tháng 3 năm 2001"}},
		{"vni.docx", "vni", []string{"Điều 1. Quyết định này có hiệu lực thi hành", "ỦY BAN NHÂN DÂN"}},
		{"tcvn3.rtf", "tcvn3", []string{"bộ tài chính", "Cộng hoà xã hội chủ nghĩa Việt Nam", "Điều 1. Thông tư này có hiệu lực", "Số\t12/2001"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			text, enc := decode(t, tt.file)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q in:\n%s", w, text)
				}
			}
			if enc != tt.enc {
				t.Errorf("encoding %q, want %q", enc, tt.enc)
			}
		})
	}
}
