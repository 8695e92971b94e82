package extract

import (
	"context"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

func utf16le(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func TestTextEncodings(t *testing.T) {
	const s = "KẾ HOẠCH\nThực hiện Chỉ thị số 33/CT-TTg"
	be := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		be = append(be, byte(u>>8), byte(u))
	}
	tests := []struct {
		name, enc string
		data      []byte
	}{
		{"utf-8", "utf-8", []byte(s)},
		{"utf-8 bom", "utf-8-bom", append([]byte{0xEF, 0xBB, 0xBF}, s...)},
		{"utf-16le bom", "utf-16le", utf16le(s, true)},
		{"utf-16be bom", "utf-16be", be},
		{"utf-16le no bom", "utf-16le", utf16le(s, false)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Extract(context.Background(), "x", tc.data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Text != s || r.Encoding != tc.enc {
				t.Errorf("got %q (%s), want %q (%s)", r.Text, r.Encoding, s, tc.enc)
			}
		})
	}
}

func TestBadText(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		kind Kind
	}{
		{"empty", nil, KindEmpty},
		{"blank", []byte(" \n\t\n"), KindEmpty},
		{"binary", append([]byte{0, 1, 2, 3, 4, 5, 0, 0}, make([]byte, 100)...), KindNotText},
	}
	for _, tc := range tests {
		_, err := Extract(context.Background(), "f", tc.data, Options{})
		if KindOf(err) != tc.kind {
			t.Errorf("%s: kind %q (%v), want %q", tc.name, KindOf(err), err, tc.kind)
		}
	}
	_, err := Extract(context.Background(), "big", []byte("abcdef"), Options{MaxBytes: 3})
	if KindOf(err) != KindTooLarge {
		t.Errorf("too large: %v", err)
	}
}

func TestSniff(t *testing.T) {
	tests := map[string]string{
		"%PDF-1.7\n":                  FormatPDF,
		"{\\rtf1\\ansi":               FormatRTF,
		"<!DOCTYPE html><html>":       FormatHTML,
		"\x89PNG\r\n\x1a\nxxxx":       FormatImage,
		"# KẾ HOẠCH\n## Mục\n**đậm**": FormatMarkdown,
		"KẾ HOẠCH\nthực hiện":         FormatText,
	}
	for in, want := range tests {
		if got := Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%q) = %s, want %s", in, got, want)
		}
	}
}

// FuzzExtractText checks that any bytes give text or a classified error,
// never a panic, and that text is valid UTF-8.
func FuzzExtractText(f *testing.F) {
	f.Add([]byte("KẾ HOẠCH"))
	f.Add(utf16le("Chỉ thị", true))
	f.Add([]byte{0xEF, 0xBB, 0xBF})
	f.Add([]byte{0xb5, 0xa9, 0x20, 0x41})
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := extractText(context.Background(), data, Options{})
		if err != nil {
			if KindOf(err) == KindOther {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		if r.Encoding != "8bit" && !utf8.ValidString(r.Text) && utf8.Valid(data) {
			t.Fatalf("invalid UTF-8 out of valid input")
		}
	})
}
