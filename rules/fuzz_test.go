package rules

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseText checks the parser never refuses input (after bluebell): no
// panic, every offset inside the text, the offsets cutting out what the record
// says, valid UTF-8 in every field, and a record that marshals.
func FuzzParseText(f *testing.F) {
	seeds := []string{
		"ĐẢNG BỘ TỈNH LAI CHÂU\nTHÀNH ỦY LAI CHÂU\n*\nSố 109-KH/ThU\nTP. Lai Châu, ngày 10 tháng 01 năm 2023\nKẾ HOẠCH\nthực hiện\nThực hiện Chương trình số 27-CTr/TU, ngày 12/12/2022 của Ban Thường vụ Tỉnh ủy về công tác dân vận;",
		"Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\nĐiều 1. Nghị định này thay thế Nghị định số 15/2020/NĐ-CP.",
		"Kết luận số 114-KL/TW (Kết luận số 114); Quyết định số 217-QĐ/TW, 218-QĐ/TW của Bộ Chính trị (khóa XI)",
		"391 - CV/ĐU 17/NQ- CP 84 QĐ/TWĐTN 66.4/2025/NQ-CP ngày 31 tháng 12 năm",
		"Nơi nhận:\n- A;\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Văn A",
		"---\nso-hieu: 1/QĐ-TTg\n---\n| Số hiệu | 2/QĐ-TTg |",
		"", "\n\n\n", "Số:", "ngày", "1/", "I.", "Chương", "Luật số", "\xff\xfe",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d := ParseText(in)
		rs := []rune(d.Text)
		for _, r := range d.References {
			if r.Start < 0 || r.End > len(rs) || r.Start > r.End || string(rs[r.Start:r.End]) != r.Text {
				t.Fatalf("reference %q: offsets %d-%d do not cut its text", r.Symbol, r.Start, r.End)
			}
		}
		for _, h := range d.Headings {
			if h.Start < 0 || h.Start > len(rs) {
				t.Fatalf("heading offset %d outside text", h.Start)
			}
		}
		for _, n := range d.Named {
			if n.Start < 0 || n.End > len(rs) || n.Start > n.End {
				t.Fatalf("named offset %d-%d outside text", n.Start, n.End)
			}
		}
		b, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if utf8.ValidString(in) && !utf8.Valid(b) {
			t.Fatalf("invalid UTF-8 in the record")
		}
	})
}

// FuzzScanSymbol checks the symbol grammar: no panic, the end inside the
// input, and a canonical symbol that scans to itself.
func FuzzScanSymbol(f *testing.F) {
	for _, s := range []string{"109-KH/ThU", "33/CT-TTG", "391 - CV/ĐU", "51 /2025/TT-BYT", "66.4/2025/NQ-CP", "1/2/3", "01/CTrPH-UBND-BDVHU"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		r := []rune(in)
		if len(r) == 0 || !isDigit(r[0]) {
			return
		}
		sym, end, ok := scanSymbol(r, 0)
		if !ok {
			return
		}
		if end <= 0 || end > len(r) {
			t.Fatalf("end %d outside input of %d runes", end, len(r))
		}
		again, e2, ok2 := scanSymbol([]rune(sym), 0)
		if !ok2 || again != sym || e2 != len([]rune(sym)) {
			t.Fatalf("canonical %q rescans as %q (%v)", sym, again, ok2)
		}
	})
}

// FuzzPlaces checks the place reader on any input: no panic, valid UTF-8 in
// every name, every place LookupPlaces returns has a slug that reads back to
// it, and ParsePlaceSlug's answer slugs back to its input's slug form.
func FuzzPlaces(f *testing.F) {
	for _, s := range []string{
		"ĐẢNG BỘ HUYỆN TÂY SƠN\nĐẢNG ỦY XÃ BÌNH THÀNH", "HUYỆN ỦY HOÀI NHƠN", "THÀNH ỦY LAI CHÂU", "UBND HUYỆN",
		"xã bình thành, tây sơn", "tay son binh dinh", "TP. Lai Châu", "phường 1 quận 3", "binh-dinh/tay-son/binh-thanh",
		"/chau-thanh", "gia-lai/xa-binh-an", "Huyện ủy", "thành phố thành phố thành phố", "tỉnh", "xã xã", "\xff", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, p := range LookupPlaces(in) {
			if back := ParsePlaceSlug(p.Slug()); back != p {
				t.Fatalf("LookupPlaces(%q): %+v slugs to %q, which reads back as %+v", in, p, p.Slug(), back)
			}
		}
		p := ParsePlaceSlug(in)
		for _, s := range []string{p.Province, p.District, p.Commune, p.Slug(), p.Level()} {
			if !utf8.ValidString(s) {
				t.Fatalf("ParsePlaceSlug(%q): invalid UTF-8 %q", in, s)
			}
		}
		for mode := readLine; mode <= readRef; mode++ {
			for _, m := range placeMentions(in, mode) {
				if !utf8.ValidString(m.name) {
					t.Fatalf("placeMentions(%q): invalid UTF-8 %q", in, m.name)
				}
			}
		}
		pl := placeDocument(docPlace{lines: strings.Split(in, "\n"), place: in, text: in, code: in, date: "2023-01-01"})
		pl2 := placeDocument(docPlace{issuer: in, place: in, date: "2025-08-01", province: "Bình Định"})
		for _, s := range []string{pl.Province, pl.District, pl.Commune, pl2.Province, pl2.District, pl2.Commune} {
			if !utf8.ValidString(s) {
				t.Fatalf("placeDocument(%q): invalid UTF-8 %q", in, s)
			}
		}
		if pl2.District != "" {
			t.Fatalf("placeDocument(%q) after 1 July 2025 has a district %q", in, pl2.District)
		}
		refs := []Reference{{Issuer: NString(in), IssuerCode: in, Scope: "local"}}
		placeReferences(refs, in)
		placeDateLine(in)
		CodeLevel(in)
	})
}
