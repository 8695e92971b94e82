package extract

import (
	"testing"
	"unicode/utf8"
)

const testCMap = `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
2 beginbfchar
<0003> <0020>
<00B5> <00440301> % D + combining acute, a 2-unit destination
endbfchar
3 beginbfrange
<0100> <0102> [<0041> <0042> <0043>]
<0200> <02FF> <1EA0>
<1000> <FFFF> <1000>
endbfrange
1 beginbfrange
<D000> <D001> <D835DC00>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`

func TestParseCMap(t *testing.T) {
	m, err := parseCMap([]byte(testCMap))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		code uint32
		want string
	}{
		{0x0003, " "},
		{0x00B5, "D\u0301"},
		{0x0101, "B"},
		{0x0202, "Ả"},      // U+1EA0 + 2
		{0x1ED8, "Ộ"},      // full-range identity: the whole value is offset
		{0x1EC7, "ệ"},      // not only the last byte (the library's bug gave U+10C7)
		{0xD001, "𝐁"},      // surrogate-pair destination offset as a code point
		{0x0004, "\x00no"}, // unmapped
	}
	for _, tt := range tests {
		got, ok := m.lookup(tt.code, 2)
		if tt.want == "\x00no" {
			if ok {
				t.Errorf("code %04X mapped to %q, want unmapped", tt.code, got)
			}
			continue
		}
		if !ok || got != tt.want {
			t.Errorf("code %04X = %q (%v), want %q", tt.code, got, ok, tt.want)
		}
	}
	if n := m.codeLen([]byte{0x12, 0x34}); n != 2 {
		t.Errorf("codeLen = %d, want 2", n)
	}
	// A 1-byte lookup of a 2-byte map misses.
	if _, ok := m.lookup(0x03, 1); ok {
		t.Error("1-byte code found in a 2-byte map")
	}
}

func TestParseCMapSimpleFont(t *testing.T) {
	// LibreOffice's 1-byte ToUnicode of a subset TrueType font.
	src := "1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <0C> <1ED8> <0D> <0110> endbfchar 1 beginbfrange <20> <22> <0061> endbfrange"
	m, err := parseCMap([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[uint32]string{0x0C: "Ộ", 0x0D: "Đ", 0x21: "b"} {
		if got, ok := m.lookup(code, 1); !ok || got != want {
			t.Errorf("code %02X = %q, want %q", code, got, want)
		}
	}
}

func TestParseCMapBroken(t *testing.T) {
	for _, src := range []string{"", "begincmap endcmap", "beginbfrange <00", "1 beginbfchar <0041> endbfchar"} {
		if _, err := parseCMap([]byte(src)); err == nil && src == "" {
			t.Errorf("parseCMap(%q): no error", src)
		}
	}
	// "def" inside a dict and a hex string with odd digits (seen in producers).
	m, _ := parseCMap([]byte("<</Registry (x) def>> 1 beginbfchar <041> <0041> endbfchar"))
	if got, ok := m.lookup(0x0410, 2); !ok || got != "A" {
		t.Errorf("odd hex code: %q %v", got, ok)
	}
}

func FuzzParseCMap(f *testing.F) {
	f.Add([]byte(testCMap))
	f.Add([]byte("1 beginbfrange <0000> <FFFF> <0000> endbfrange"))
	f.Add([]byte("1 beginbfchar <41> /uni1EA0 endbfchar"))
	f.Add([]byte("1 beginbfrange <00> <05> [(a) <0062> <D835DC00>] endbfrange"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := parseCMap(data)
		if err != nil && m == nil {
			return
		}
		for _, n := range []int{1, 2} {
			for _, code := range []uint32{0, 1, 0x20, 0x41, 0xFF, 0x1234, 0xFFFF} {
				if s, ok := m.lookup(code, n); ok && !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 for %X: %q", code, s)
				}
			}
		}
		m.codeLen(data)
	})
}
