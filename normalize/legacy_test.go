package normalize

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"vanban/internal/testenv"
)

// bytesText gives bytes as the runes U+0000–U+00FF, the form extract passes
// legacy text in.
func bytesText(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		s.WriteRune(rune(c))
	}
	return s.String()
}

func TestDecodeLegacy(t *testing.T) {
	tests := []struct {
		name, in, encoding string
		fonts              []FontSpan
		want, wantEnc      string
	}{
		// domain.md §6.2: the TCVN3 mojibake signature.
		{"tcvn3", "Céng hoµ x· héi chñ nghÜa ViÖt Nam", "utf-8", nil, "Cộng hoà xã hội chủ nghĩa Việt Nam", "tcvn3"},
		{"tcvn3 8bit", bytesText([]byte("B\xe9 T\xb5i ch\xddnh \xae\xb7 ban h\xb5nh Quy\xd5t \xae\xdenh")), "8bit", nil, "Bộ Tài chính đã ban hành Quyết định", "tcvn3"},
		{"tcvn3 lost soft hyphen", "Ban ChÊp hµnh Trung ¬ng", "utf-8", nil, "Ban Chấp hành Trung ơng", "tcvn3"},
		// domain.md §6.3: VNI signatures.
		{"vni", "Quyeát ñònh soá 12 cuûa UÛy ban nhaân daân", "utf-8", nil, "Quyết định số 12 của Ủy ban nhân dân", "vni"},
		{"vni capitals", "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "utf-8", nil, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "vni"},
		// Windows-1258: decomposed tones, NFC after.
		{"cp1258", bytesText([]byte("Quy\xea\xect \xf0i\xf2nh cu\xd2a U\xd2y ban")), "8bit", nil, "Quyết định của Ủy ban", "cp1258"},
		// VISCII (RFC 1456).
		{"viscii", bytesText([]byte("Vi\xaet Nam \xf0\xe4m b\xe4o quy\xabn")), "8bit", nil, "Việt Nam đảm bảo quyền", "viscii"},
		// Decomposed Unicode, and a tone mark before its modifier.
		{"nfd", "Quye\u0302\u0301t \u0111i\u0323nh", "utf-8", nil, "Quyết định", "unicode"},
		{"mark order", "Quye\u0301\u0302t", "utf-8", nil, "Quyết", "unicode"},
		{"unicode untouched", "Hà Nội, ngày 5 tháng 3 năm 2020", "utf-8", nil, "Hà Nội, ngày 5 tháng 3 năm 2020", "unicode"},
		{"latin1 untouched", "café résumé à la carte", "utf-8", nil, "café résumé à la carte", "unicode"},
		// A Unicode title over a TCVN3 body: the title stays.
		{"mixed", "Hà Nội, ngày 5 tháng 3\nC¸c tæ chøc s¶n xuÊt kinh doanh hµng ho¸", "utf-8", nil,
			"Hà Nội, ngày 5 tháng 3\nCác tổ chức sản xuất kinh doanh hàng hoá", "mixed"},
		// Fonts decide the encoding; an upper-case font (.VnTimeH) only
		// draws capitals: the text keeps the case that was typed.
		{"font H", "bé tµi chÝnh\nSè 12", "utf-8", []FontSpan{{0, 12, ".VnTimeH"}, {13, 18, ".VnTime"}}, "bộ tài chính\nSố 12", "tcvn3"},
		{"font vni", "Ñieàu 1. Ñoái töôïng", "utf-8", []FontSpan{{0, 20, "VNI-Times"}}, "Điều 1. Đối tượng", "vni"},
		// A .VnTime run typed with a Unicode keyboard stays Unicode.
		{"font but unicode", "Điều 1. Phạm vi", "utf-8", []FontSpan{{0, 15, ".VnTime"}}, "Điều 1. Phạm vi", "unicode"},
		// Word stores byte 0x80–0x9F of a legacy run as its Windows-1252 character.
		{"font cp1252 bytes", "ViÖt", "utf-8", []FontSpan{{0, 4, ".VnTime"}}, "Việt", "tcvn3"},
		{"empty", "", "utf-8", nil, "", "unicode"},
		// UTF-8 read as Windows-1252 by another tool.
		{"utf-8 mojibake", "Quyáº¿t Ä‘á»‹nh sá»‘ 12\nHà Nội", "utf-8", nil, "Quyết định số 12\nHà Nội", "unicode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc := DecodeLegacy(tt.in, tt.encoding, tt.fonts)
			if got != tt.want || enc != tt.wantEnc {
				t.Errorf("DecodeLegacy(%q) = %q, %q; want %q, %q", tt.in, got, enc, tt.want, tt.wantEnc)
			}
		})
	}
}

// TestTablesComplete checks the embedded tables: every Vietnamese letter has
// exactly one VNI spelling and the TCVN3 lower-case letters are all there.
func TestTablesComplete(t *testing.T) {
	seen := map[rune]int{}
	for _, r := range lgVniPairs {
		seen[r]++
	}
	for _, r := range lgVniSingle {
		if r != 0 {
			seen[r]++
		}
	}
	letters := "aăâeêioôơuưy"
	n := 0
	for _, base := range letters {
		for _, tone := range []string{"", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"} {
			lc := []rune(norm.NFC.String(string(base) + tone))
			if len(lc) != 1 || lc[0] < 0x80 {
				continue
			}
			uc := []rune(strings.ToUpper(string(lc)))[0]
			for _, r := range []rune{lc[0], uc} {
				n++
				if seen[r] != 1 {
					t.Errorf("VNI: %c has %d spellings", r, seen[r])
				}
			}
			var inTCVN bool
			for _, tr := range lgTcvn3Table {
				if tr == lc[0] {
					inTCVN = true
				}
			}
			if !inTCVN && lc[0] != 'ý' { // ý is 0xFD, itself
				t.Errorf("TCVN3: no byte for %c", lc[0])
			}
		}
	}
	if n < 130 {
		t.Errorf("only %d letters checked", n)
	}
}

// TestTablesAgainstIconv compares the TCVN3 and VISCII tables with glibc's
// charmaps (TCVN5712-1 decodes TCVN3 correctly for 0xA1–0xFF, domain.md §6.1).
func TestTablesAgainstIconv(t *testing.T) {
	testenv.Tool(t, "iconv")
	for _, tc := range []struct {
		name  string
		table *lgByteTable
		lo    int
	}{{"TCVN5712-1", &lgTcvn3Table, 0xA1}, {"VISCII", &lgVisciiTable, 0x80}} {
		for b := tc.lo; b <= 0xFF; b++ {
			if tc.table[b] == 0 {
				continue
			}
			cmd := exec.Command("iconv", "-f", tc.name, "-t", "UTF-8")
			cmd.Stdin = bytes.NewReader([]byte{byte(b)})
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("iconv %s: %v", tc.name, err)
			}
			r, _ := utf8.DecodeRune(out)
			if r != tc.table[b] {
				t.Errorf("%s %02X: table %c, iconv %c", tc.name, b, tc.table[b], r)
			}
		}
	}
}

func FuzzDecodeLegacy(f *testing.F) {
	f.Add("Céng hoµ x· héi", "utf-8", 0, 5)
	f.Add("Quyeát ñònh", "8bit", 2, 9)
	f.Add("e\u0301\u0302", "utf-8", 0, 1)
	f.Fuzz(func(t *testing.T, s, encoding string, a, b int) {
		out, enc := DecodeLegacy(s, encoding, []FontSpan{{a, b, ".VnTimeH"}, {b, a + b, "VNI-Times"}})
		if !utf8.ValidString(out) || enc == "" {
			t.Fatalf("DecodeLegacy(%q) = %q, %q", s, out, enc)
		}
	})
}

func BenchmarkDecodeLegacyTCVN3(b *testing.B) {
	line := "C¸c tæ chøc s¶n xuÊt, kinh doanh hµng ho¸ dÞch vô cã thu nhËp chÞu thuÕ\n"
	text := strings.Repeat(line, 1000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		DecodeLegacy(text, "utf-8", nil)
	}
}

func BenchmarkDecodeLegacyUnicode(b *testing.B) {
	text := strings.Repeat("Các tổ chức sản xuất, kinh doanh hàng hoá dịch vụ có thu nhập chịu thuế\n", 1000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		DecodeLegacy(text, "utf-8", nil)
	}
}
