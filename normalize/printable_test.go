package normalize

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Kế hoạch số 15-KH/ĐU về công tác dân vận", "Kế hoạch số 15-KH/ĐU về công tác dân vận"},
		{"Quyết định (NFD) Quyết", "Quyết định (NFD) Quyết"},
		{"a\x1b[31mred\x1b[0m.txt", `a\x1b[31mred\x1b[0m.txt`},
		{"evil\u202etxt.exe", `evil\u202etxt.exe`},
		{"\u2066iso\u2069 \u202a\u202b\u202c\u202d", `\u2066iso\u2069 \u202a\u202b\u202c\u202d`},
		{"line\nfeed\rret\ttab\x00nul\x7fdel", `line\nfeed\rret\ttab\x00nul\x7fdel`},
		{"c1 \u009b31m \u0085", `c1 \u009b31m \u0085`},
		{"bad \xff\xfe utf8 \xc3", `bad \xff\xfe utf8 \xc3`},
		{"sep\u2028par\u2029", `sep\u2028par\u2029`},
		{"U+FFFD itself � stays", "U+FFFD itself � stays"},
		{"", ""},
	} {
		if got := Printable(tc.in); got != tc.want {
			t.Errorf("Printable(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEscapeJSON(t *testing.T) {
	v := map[string]string{"path": "a\x1b[31m\u202e\u009b\u2066x\x7f", "title": "Kế hoạch"}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out := EscapeJSON(b)
	want := `{"path":"a\u001b[31m\u202e\u009b\u2066x\u007f","title":"Kế hoạch"}`
	if string(out) != want {
		t.Errorf("EscapeJSON = %s, want %s", out, want)
	}
	var back map[string]string
	if err := json.Unmarshal(out, &back); err != nil || back["path"] != v["path"] || back["title"] != v["title"] {
		t.Errorf("decoded %q, %v; want %q", back, err, v)
	}
	plain := []byte(`{"title":"Kế hoạch"}`)
	if out := EscapeJSON(plain); &out[0] != &plain[0] {
		t.Error("EscapeJSON copied a text with nothing to escape")
	}
}

func FuzzPrintable(f *testing.F) {
	f.Add("a\x1b[31m\u202e\xff")
	f.Fuzz(func(t *testing.T, s string) {
		p := Printable(s)
		for _, r := range p {
			if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || isBidiOrSeparator(r) {
				t.Fatalf("Printable(%q) = %q keeps %U", s, p, r)
			}
		}
		if !utf8.ValidString(p) {
			t.Fatalf("Printable(%q) = %q is not valid UTF-8", s, p)
		}
	})
}
