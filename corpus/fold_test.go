package corpus

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"vanban/rules"
)

func TestFold(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"tones and case", "Chỉ thị", "chi thi"},
		{"d stroke", "Đảng bộ ĐỒNG NAI", "dang bo dong nai"},
		{"ocr eth", "Ðảng", "dang"},
		{"nfd input", "Chi\u0309 thi\u0323", "chi thi"},
		{"spaces", "  Kế   hoạch\t số ", "ke hoach so"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Fold(tc.in); got != tc.want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestFoldSymbol(t *testing.T) {
	tests := []struct{ name, a, b string }{
		{"case", "33/CT-TTg", "33/ct-ttg"},
		{"leading zero", "01-KL/TW", "1-KL/TW"},
		{"spaces", "391 - CV/ĐU", "391-CV/DU"},
		{"d stroke", "30/2020/NĐ-CP", "30/2020/ND-CP"},
		{"en dash", "25–NQ/TW", "25-NQ/TW"},
		{"ctr variants", "03-Ctr/TU", "03-CTr/TU"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if FoldSymbol(tc.a) != FoldSymbol(tc.b) {
				t.Errorf("FoldSymbol(%q) = %q, FoldSymbol(%q) = %q: want equal", tc.a, FoldSymbol(tc.a), tc.b, FoldSymbol(tc.b))
			}
		})
	}
	if FoldSymbol("18-CT/TU") == FoldSymbol("18-CT/TW") {
		t.Error("18-CT/TU and 18-CT/TW fold alike")
	}
	if FoldSymbol("10-KL/TW") == FoldSymbol("1-KL/TW") {
		t.Error("a zero inside a number was dropped")
	}
}

func TestSplitSymbol(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want SymbolParts
		ok   bool
	}{
		{"party", "109-KH/ThU", SymbolParts{Number: "109", Type: "KH", Issuer: "ThU"}, true},
		{"party spaced", "367 - QĐ/TWĐTN-VP", SymbolParts{Number: "367", Type: "QĐ", Issuer: "TWĐTN-VP"}, true},
		{"state", "33/CT-TTg", SymbolParts{Number: "33", Type: "CT", Issuer: "TTg"}, true},
		{"state with year", "34/2007/PL-UBTVQH11", SymbolParts{Number: "34", Year: 2007, Type: "PL", Issuer: "UBTVQH11"}, true},
		{"law", "72/2025/QH15", SymbolParts{Number: "72", Year: 2025, Issuer: "QH15"}, true},
		{"cong van", "4912/UBND-NC", SymbolParts{Number: "4912", Issuer: "UBND-NC"}, true},
		{"joint", "01/CTrPH-UBND-BDVHU", SymbolParts{Number: "01", Type: "CTrPH", Issuer: "UBND-BDVHU"}, true},
		{"sub-number", "66.12/2026/NQ-CP", SymbolParts{Number: "66.12", Year: 2026, Type: "NQ", Issuer: "CP"}, true},
		{"not a symbol", "Kế hoạch", SymbolParts{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := SplitSymbol(tc.in)
			if ok != tc.ok || got != tc.want {
				t.Errorf("SplitSymbol(%q) = %+v, %v; want %+v, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestSymbolScope(t *testing.T) {
	tests := []struct{ symbol, want string }{
		{"18-CT/TU", ScopeLocal},
		{"18-CT/TW", ScopeNational},
		{"109-KH/ThU", ScopeLocal},
		{"29-KH/HU", ScopeLocal},
		{"14-HD/BDVTU", ScopeLocal},
		{"80-HD/BDVTW", ScopeNational},
		{"33/CT-TTg", ScopeNational},
		{"128/NQ-CP", ScopeNational},
		{"66.12/2026/NQ-CP", ScopeNational},
		{"34/2007/PL-UBTVQH11", ScopeNational},
		{"72/2025/QH15", ScopeNational},
		{"371/KH-MTTQ-BTT", ScopeLocal},
		{"36/TT-MTTW-BTT", ScopeNational},
		{"01/HDLB-TC-DV-TW", ScopeNational},
		{"01/CTrPH-UBND-BDVHU", ScopeLocal},
		{"4114/QĐ-BTC", ScopeNational},
		{"1037-TB/BTCTW", ScopeNational},
		{"391-CV/ĐU", ScopeLocal},
		{"15-KH/ĐU", ScopeLocal},
	}
	for _, tc := range tests {
		t.Run(tc.symbol, func(t *testing.T) {
			if got := SymbolScope(tc.symbol); got != tc.want {
				t.Errorf("SymbolScope(%q) = %q, want %q", tc.symbol, got, tc.want)
			}
		})
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Lai Châu", "lai-chau"},
		{"tỉnh Lâm Đồng", "lam-dong"},
		{"Thành phố Hồ Chí Minh", "ho-chi-minh"},
		{"TP. Hà Nội", "ha-noi"},
		{"Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"},
		{"Thừa Thiên Huế", "thua-thien-hue"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := Slug(tc.in); got != tc.want {
				t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestIdentify(t *testing.T) {
	tests := []struct {
		name string
		doc  rules.Document
		want string
	}{
		{"local party plan", rules.Document{Symbol: "109-KH/ThU", Date: "2023-01-10", Province: "Lai Châu"}, "109-KH/ThU:2023:lai-chau"},
		{"national directive", rules.Document{Symbol: "33/CT-TTg", Date: "2021-11-26", Province: "Hà Nội"}, "33/CT-TTg:2021:vn"},
		{"year from symbol", rules.Document{Symbol: "34/2007/PL-UBTVQH11"}, "34/2007/PL-UBTVQH11:2007:vn"},
		{"local without province", rules.Document{Symbol: "15-KH/ĐU", Date: "2023-09-05"}, "15-KH/ĐU:2023:unknown"},
		{"no date", rules.Document{Symbol: "25-NQ/TW"}, "25-NQ/TW::vn"},
		{"no symbol", rules.Document{Source: rules.Source{SHA256: "8e574bec47acc6310000"}}, "sha:8e574bec47ac"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Identify(&tc.doc); got != tc.want {
				t.Errorf("Identify = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSentence(t *testing.T) {
	text := []rune("I. MỤC ĐÍCH\nMở đầu. Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng; câu sau. Hết")
	s := string(text)
	start := len([]rune(s[:len("I. MỤC ĐÍCH\nMở đầu. Thực hiện ")]))
	end := start + len([]rune("Chỉ thị số 33/CT-TTg"))
	got := sentence(text, start, end)
	want := "Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng;"
	if got != want {
		t.Errorf("sentence = %q, want %q", got, want)
	}
	if got := sentence(text, 5, 500); got != "" {
		t.Errorf("out-of-range span gave %q", got)
	}
}

// foldReference is Fold the slow, obvious way (libraries.md §6): the table
// in Fold must agree with it.
func foldReference(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, _ := transform.String(t, strings.ToValidUTF8(s, "\uFFFD"))
	out = strings.NewReplacer("đ", "d", "Đ", "d", "ð", "d", "Ð", "d").Replace(out)
	return strings.Join(strings.Fields(strings.ToLower(out)), " ")
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Chỉ thị số 33/CT-TTg", "ĐẢNG CỘNG SẢN VIỆT NAM", "Chi\u0309 thi\u0323", "Hoà Bình, Thuý", "ÐẠI HỘI", "Œuvre ß"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got, want := Fold(s), foldReference(s)
		if got != want && norm.NFC.String(got) != want {
			t.Errorf("Fold(%q) = %q, reference %q", s, got, want)
		}
	})
}
