package extract

import (
	"bytes"
	"context"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

func init() {
	Register(FormatText, extractText)
	Register(FormatMarkdown, func(ctx context.Context, data []byte, opt Options) (*Result, error) {
		r, err := extractText(ctx, data, opt)
		if r != nil {
			r.Format = FormatMarkdown
		}
		return r, err
	})
}

// extractText decodes plain text: UTF-8 (with or without BOM), UTF-16 (BOM or
// zero-byte pattern). Text that is not valid UTF-8 is passed on byte for byte as
// U+0000–U+00FF with Encoding "8bit": normalize decides between TCVN3, VNI,
// VISCII and Windows-1258.
func extractText(_ context.Context, data []byte, _ Options) (*Result, error) {
	r := &Result{Format: FormatText, Extractor: "vanban/text"}
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		r.Encoding = "utf-8-bom"
		data = data[3:]
		r.Text = string(data)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		r.Encoding = "utf-16le"
		r.Text = decodeUTF16(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		r.Encoding = "utf-16be"
		r.Text = decodeUTF16(data[2:], true)
	case isUTF16(data):
		be := data[0] == 0
		r.Encoding = map[bool]string{false: "utf-16le", true: "utf-16be"}[be]
		r.Text = decodeUTF16(data, be)
	case utf8.Valid(data):
		r.Encoding = "utf-8"
		r.Text = string(data)
	default:
		r.Encoding = "8bit"
		var b strings.Builder
		b.Grow(len(data) * 2)
		for _, c := range data {
			b.WriteRune(rune(c))
		}
		r.Text = b.String()
	}
	if strings.TrimSpace(r.Text) == "" {
		return nil, Errorf(KindEmpty, "text", "the file holds no text")
	}
	return r, nil
}

func decodeUTF16(b []byte, bigEndian bool) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			u = append(u, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	return string(utf16.Decode(u))
}
