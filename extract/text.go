package extract

import (
	"bytes"
	"context"
	"fmt"
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
		be := utf16BigEndian(data)
		r.Encoding = map[bool]string{false: "utf-16le", true: "utf-16be"}[be]
		r.Text = decodeUTF16(data, be)
		r.Warnings = append(r.Warnings, fmt.Sprintf("encoding guessed: %s without a byte-order mark (from its zero bytes)", strings.ToUpper(r.Encoding)))
	case utf8.Valid(data):
		r.Encoding = "utf-8"
		r.Text = string(data)
	case mostlyUTF8(data):
		// A UTF-8 file with a few bad bytes (a cut, a pasted legacy
		// fragment) is UTF-8: read as 8-bit it would all be garbled.
		r.Encoding = "utf-8"
		r.Text = strings.ToValidUTF8(string(data), "\uFFFD")
		r.Warnings = append(r.Warnings, fmt.Sprintf("%d bytes that are not UTF-8 in a UTF-8 text", invalidUTF8(data)))
	default:
		r.Encoding = "8bit"
		r.Warnings = append(r.Warnings, "not UTF-8: read as 8-bit text, its legacy encoding (TCVN3, VNI, VISCII, Windows-1258) guessed")
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

// utf16BigEndian tells the byte order of UTF-16 without a byte-order mark
// from where its zero bytes are: the high byte of an ASCII character is
// zero, and it comes first in big-endian order.
func utf16BigEndian(data []byte) bool {
	even, odd := 0, 0
	for i := 0; i+1 < len(data) && i < 512; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	return even > odd
}

// mostlyUTF8 reports whether data is UTF-8 but for a few bytes: at least
// ten valid multi-byte letters for each byte that is not UTF-8. Legacy
// 8-bit text (TCVN3, VNI) has its high bytes next to ASCII, where they are
// invalid, and seldom forms a valid sequence.
func mostlyUTF8(data []byte) bool {
	multi, bad := 0, 0
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		} else {
			multi++
		}
		i += n
	}
	return bad > 0 && multi >= 10*bad
}

func invalidUTF8(data []byte) int {
	bad := 0
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		}
		i += n
	}
	return bad
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
