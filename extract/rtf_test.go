package extract

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRTF(t *testing.T) {
	res, err := Extract(context.Background(), "tcvn3.rtf", officeFixture(t, "tcvn3.rtf"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != FormatRTF {
		t.Errorf("format %q", res.Format)
	}
	rs := []rune(res.Text)
	spans := map[string]string{}
	for _, f := range res.Fonts {
		spans[strings.TrimSpace(string(rs[f.Start:f.End]))] = f.Font
	}
	// TCVN3 bytes pass through as U+00hh, named by their font.
	for text, font := range map[string]string{
		"bé tµi chÝnh": ".VnTimeH",
		"Céng hoµ x· héi chñ nghÜa ViÖt Nam": ".VnTime",
		"S\u00e8": ".VnTime",
	} {
		if spans[text] != font {
			t.Errorf("span %q: font %q, want %q (spans %v)", text, spans[text], font, spans)
		}
	}
	// \- in a TCVN3 run is byte 0xAD ("ư").
	if !strings.Contains(res.Text, "Th\u00abng t\u00ad n") {
		t.Errorf("optional hyphen in a TCVN3 run lost: %q", res.Text)
	}
	// Non-legacy fonts are decoded with \ansicpg; pictures, \info and \*
	// destinations are skipped; the footnote's text is kept.
	for _, want := range []string{"Times: Hà Nôi\t2001", "Ghi chú: footnote"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("missing %q in %q", want, res.Text)
		}
	}
	for _, bad := range []string{"0102030405", "Hand written", "panose", "020b72", "Kh"} {
		if strings.Contains(res.Text, bad) {
			t.Errorf("destination text %q leaked: %q", bad, res.Text)
		}
	}
}

func TestRTFUnicode(t *testing.T) {
	res, err := Extract(context.Background(), "unicode.rtf", officeFixture(t, "unicode.rtf"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Quyết định số 12/2023/QĐ-UBND", "Cộng hòa\u00a0xã hội"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("missing %q in %q", want, res.Text)
		}
	}
	if strings.Contains(res.Text, "?") {
		t.Errorf("\\uc fallback characters not skipped: %q", res.Text)
	}
	if len(res.Fonts) != 0 {
		t.Errorf("unexpected legacy spans %v", res.Fonts)
	}
}

func TestRTFBad(t *testing.T) {
	for name, in := range map[string]string{
		"unclosed":    `{\rtf1\ansi {\b bold text`,
		"deep":        `{\rtf1 ` + strings.Repeat("{", 10000) + "x",
		"bad hex":     `{\rtf1 \'zz\'4 text}`,
		"huge param":  `{\rtf1 \u99999999999999 \bin99999999999 text}`,
		"only groups": `{\rtf1 {\*\generator x}{\info y}}`,
	} {
		t.Run(name, func(t *testing.T) {
			res, err := extractRTF(context.Background(), []byte(in), Options{})
			if err != nil {
				if k := KindOf(err); k != KindEmpty {
					t.Errorf("kind %q: %v", k, err)
				}
				return
			}
			if !utf8.ValidString(res.Text) {
				t.Errorf("invalid UTF-8 %q", res.Text)
			}
		})
	}
}

func FuzzRTF(f *testing.F) {
	f.Add(officeFixture(f, "tcvn3.rtf"))
	f.Add(officeFixture(f, "unicode.rtf"))
	f.Add([]byte(`{\rtf1{\fonttbl\f0 .VnTime;}\f0\'b5\u-200?\uc0\u300 x}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := extractRTF(context.Background(), data, Options{})
		if err != nil {
			return
		}
		if !utf8.ValidString(res.Text) {
			t.Fatalf("invalid UTF-8")
		}
		n := utf8.RuneCountInString(res.Text)
		for _, s := range res.Fonts {
			if s.Start < 0 || s.End > n || s.Start >= s.End {
				t.Fatalf("bad span %v of %d runes", s, n)
			}
		}
	})
}

func BenchmarkRTF(b *testing.B) {
	data := []byte(strings.Repeat(string(officeFixture(b, "tcvn3.rtf")), 200))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := extractRTF(context.Background(), data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestRTFHeaderAfterBody(t *testing.T) {
	in := `{\rtf1\ansi{\fonttbl{\f0 Arial;}}{\header\pard Trang 1\par}\pard BODY\par}`
	res, err := extractRTF(context.Background(), []byte(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(res.Text, "BODY") || !strings.Contains(res.Text, "Trang 1") {
		t.Errorf("header not after the body: %q", res.Text)
	}
}
