package rules

import (
	"strings"
	"testing"
)

func TestLookupPlaces(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string // slugs, in order; a trailing "…" allows more
	}{
		{"Huyện Tây Sơn", []string{"binh-dinh/tay-son"}},
		{"tay son binh dinh", []string{"binh-dinh/tay-son"}},
		{"Tây Sơn, Bình Định", []string{"binh-dinh/tay-son"}},
		{"xã bình thành, tây sơn", []string{"binh-dinh/tay-son/binh-thanh"}},
		{"Xã Bình Thành huyện Tây Sơn tỉnh Bình Định", []string{"binh-dinh/tay-son/binh-thanh"}},
		// A district first, then the communes of the name.
		{"tây sơn", []string{"binh-dinh/tay-son", "…"}},
		{"TP. Lai Châu", []string{"lai-chau/lai-chau"}},
		{"thị xã long mỹ", []string{"hau-giang/thi-xa-long-my"}},
		{"phường 1 quận 3", []string{"ho-chi-minh/3/1"}},
		{"lâm đồng", []string{"lam-dong"}},
		{"Thừa Thiên Huế", []string{"hue"}},
		{"xyz", nil},
		{"", nil},
	} {
		got := LookupPlaces(tc.in)
		var slugs []string
		for _, p := range got {
			slugs = append(slugs, p.Slug())
		}
		n := len(tc.want)
		more := n > 0 && tc.want[n-1] == "…"
		if more {
			n--
		}
		if len(slugs) < n || !more && len(slugs) != n || strings.Join(slugs[:n], " ") != strings.Join(tc.want[:n], " ") {
			t.Errorf("LookupPlaces(%q) = %v, want %v", tc.in, slugs, tc.want)
		}
	}
	// A ward name alone is many places: "Bình Thành" with its marks is a
	// commune in several provinces (not "Bình Thạnh"), without them more.
	marked, plain := LookupPlaces("Bình Thành"), LookupPlaces("binh thanh")
	provinces := map[string]bool{}
	for _, p := range marked {
		if p.Level() != "commune" || !strings.HasSuffix(p.Commune, "Bình Thành") {
			t.Errorf("LookupPlaces(Bình Thành) gave %+v", p)
		}
		provinces[p.Province] = true
	}
	if len(provinces) < 5 || len(plain) <= len(marked) {
		t.Errorf("Bình Thành: %d places in %d provinces, unmarked %d", len(marked), len(provinces), len(plain))
	}
}

func TestPlaceSlug(t *testing.T) {
	for _, tc := range []struct {
		p    Place
		slug string
	}{
		{Place{Province: "Bình Định"}, "binh-dinh"},
		{Place{Province: "Bình Định", District: "Huyện Tây Sơn"}, "binh-dinh/tay-son"},
		{Place{Province: "Bình Định", District: "Huyện Tây Sơn", Commune: "Xã Bình Thành"}, "binh-dinh/tay-son/binh-thanh"},
		{Place{Province: "Hậu Giang", District: "Huyện Long Mỹ"}, "hau-giang/huyen-long-my"},
		{Place{Province: "Hậu Giang", District: "Thị xã Long Mỹ"}, "hau-giang/thi-xa-long-my"},
		{Place{Province: "Lai Châu", District: "Thành phố Lai Châu"}, "lai-chau/lai-chau"},
		{Place{Province: "Thành phố Hồ Chí Minh", District: "Quận 3", Commune: "Phường 1"}, "ho-chi-minh/3/1"},
		{Place{Province: "Gia Lai", Commune: "Xã Bình An"}, "gia-lai/xa-binh-an"},
		// Not in the gazetteer: the name as written, without its unit word.
		{Place{Province: "Bình Định", District: "Huyện Hoài Nhơn"}, "binh-dinh/hoai-nhon"},
		{Place{District: "Huyện Châu Thành"}, "/chau-thanh"},
	} {
		if got := tc.p.Slug(); got != tc.slug {
			t.Errorf("%+v.Slug() = %q, want %q", tc.p, got, tc.slug)
		}
		back := ParsePlaceSlug(tc.slug)
		if back.Slug() != tc.slug {
			t.Errorf("ParsePlaceSlug(%q) = %+v, slug %q", tc.slug, back, back.Slug())
		}
	}
	for slug, want := range map[string]Place{
		"binh-dinh/tay-son/binh-thanh": {Province: "Bình Định", District: "Huyện Tây Sơn", Commune: "Xã Bình Thành"},
		"hau-giang/thi-xa-long-my":     {Province: "Hậu Giang", District: "Thị xã Long Mỹ"},
		"gia-lai/xa-binh-an":           {Province: "Gia Lai", Commune: "Xã Bình An"},
		"lai-chau/lai-chau":            {Province: "Lai Châu", District: "Thành phố Lai Châu"},
	} {
		if got := ParsePlaceSlug(slug); got != want {
			t.Errorf("ParsePlaceSlug(%q) = %+v, want %+v", slug, got, want)
		}
		if got := want.Level(); got != map[bool]string{true: "commune", false: "district"}[want.Commune != ""] {
			t.Errorf("%+v.Level() = %q", want, got)
		}
	}
	// The province part is the store's slug of today.
	for _, p := range DefaultTables().Provinces {
		if got := (Place{Province: p.Name}).Slug(); got != Slug(p.Name) || got == "" {
			t.Errorf("province slug %q = %q", p.Name, got)
		}
	}
	// Every district and commune of the gazetteer has a slug of its own
	// within its parent, and reads back.
	for _, p := range DefaultTables().Provinces {
		seen := map[string]string{}
		for _, d := range Districts(p.Name) {
			s := d.Slug()
			if prev, dup := seen[s]; dup {
				t.Errorf("%s and %s share the slug %s", prev, d.District, s)
			}
			seen[s] = d.District
			if back := ParsePlaceSlug(s); back != d {
				t.Errorf("ParsePlaceSlug(%q) = %+v, want %+v", s, back, d)
			}
			named := map[Place]bool{}
			for _, c := range Communes(p.Name, d.District) {
				if named[c] {
					continue // two wards of one name in one district: one place by name
				}
				named[c] = true
				s := c.Slug()
				if prev, dup := seen[s]; dup {
					t.Errorf("%s and %s share the slug %s", prev, c.Commune, s)
				}
				seen[s] = c.Commune
				if back := ParsePlaceSlug(s); back != c {
					t.Errorf("ParsePlaceSlug(%q) = %+v, want %+v", s, back, c)
				}
			}
		}
	}
}

func TestDistrictsCommunesSuccessors(t *testing.T) {
	ds := Districts("Bình Định")
	if len(ds) != 11 {
		t.Errorf("Bình Định has %d districts, want 11", len(ds))
	}
	cs := Communes("Bình Định", "Huyện Tây Sơn")
	found := false
	for _, c := range cs {
		found = found || c.Commune == "Xã Bình Thành"
		if c.District != "Huyện Tây Sơn" || c.Province != "Bình Định" {
			t.Errorf("commune %+v", c)
		}
	}
	if !found || len(cs) < 10 {
		t.Errorf("Communes(Bình Định, Tây Sơn): %d, Bình Thành found %v", len(cs), found)
	}
	if n := len(Communes("Gia Lai", "")); n < 100 {
		t.Errorf("Gia Lai has %d communes from 1 July 2025", n)
	}
	s := Successors(Place{Province: "Bình Định", District: "Huyện Tây Sơn", Commune: "Xã Bình Thành"})
	if len(s) != 1 || s[0] != (Place{Province: "Gia Lai", Commune: "Xã Bình An"}) {
		t.Errorf("Successors(Bình Thành, Tây Sơn) = %+v", s)
	}
	if s := Successors(Place{Province: "Bình Định"}); len(s) != 1 || s[0].Province != "Gia Lai" {
		t.Errorf("Successors(Bình Định) = %+v", s)
	}
	old := Place{Province: "Bình Định", District: "Huyện Tây Sơn", Commune: "Xã Bình Thành"}
	if got := PlaceOn(old, "2025-08-01"); got != (Place{Province: "Gia Lai", Commune: "Xã Bình An"}) {
		t.Errorf("PlaceOn after the merger = %+v", got)
	}
	if got := PlaceOn(old, "2024-01-01"); got != old {
		t.Errorf("PlaceOn before the merger = %+v", got)
	}
	if Successors(Place{Province: "Bình Định", District: "Huyện Không Có"}) != nil {
		t.Error("an unknown district has successors")
	}
}

func TestCodeLevel(t *testing.T) {
	for code, want := range map[string]string{
		"TU": "province", "BTGTU": "province", "ThU": "district", "HU": "district", "QU": "district",
		"TXU": "district", "ĐU": "commune", "DU": "commune", "hu": "district", "UBND-BDVHU": "district",
		"ĐUK": "", "UBND": "", "TW": "", "TTg": "", "QH15": "", "": "",
	} {
		if got := CodeLevel(code); got != want {
			t.Errorf("CodeLevel(%q) = %q, want %q", code, got, want)
		}
	}
}

// TestPlaceOfIssuer places documents by their issuer lines, place line and
// opening, as placeDocument sees them.
func TestPlaceOfIssuer(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   docPlace
		want Place
	}{
		{"commune plan", docPlace{lines: []string{"ĐẢNG BỘ HUYỆN TÂY SƠN", "ĐẢNG ỦY XÃ BÌNH THÀNH"}, place: "Bình Thành", date: "2023-02-15"},
			Place{"Bình Định", "Huyện Tây Sơn", "Xã Bình Thành"}},
		{"district plan", docPlace{lines: []string{"HUYỆN ỦY TÂY SƠN"}, place: "Tây Sơn", date: "2023-01-10"},
			Place{"Bình Định", "Huyện Tây Sơn", ""}},
		{"district named by its place line", docPlace{issuer: "Ủy ban nhân dân huyện và Ban Dân vận Huyện ủy", place: "Tây Sơn", date: "2022-05-20"},
			Place{"Bình Định", "Huyện Tây Sơn", ""}},
		{"district level by its code", docPlace{place: "Tây Sơn", code: "HU", date: "2022-05-20"},
			Place{"Bình Định", "Huyện Tây Sơn", ""}},
		{"renamed district", docPlace{lines: []string{"ĐẢNG BỘ TỈNH BÌNH ĐỊNH", "HUYỆN ỦY HOÀI NHƠN"}, date: "2019-01-12"},
			Place{"Bình Định", "Huyện Hoài Nhơn", ""}},
		{"UBND of a district", docPlace{lines: []string{"UỶ BAN NHÂN DÂN HUYỆN TÂY SƠN"}, date: "2021-03-01"},
			Place{"Bình Định", "Huyện Tây Sơn", ""}},
		{"district-level city", docPlace{lines: []string{"ĐẢNG BỘ TỈNH LAI CHÂU", "THÀNH ỦY LAI CHÂU"}, place: "TP. Lai Châu", date: "2023-01-10"},
			Place{"Lai Châu", "Thành phố Lai Châu", ""}},
		{"centrally-run city", docPlace{lines: []string{"THÀNH ỦY HẢI PHÒNG"}, date: "2023-01-10"}, Place{}},
		{"province", docPlace{lines: []string{"TỈNH ỦY THANH HÓA"}}, Place{}},
		{"district in several provinces", docPlace{lines: []string{"HUYỆN ỦY CHÂU THÀNH"}, date: "2023-01-10"},
			Place{"", "Huyện Châu Thành", ""}},
		{"district in several provinces, province known", docPlace{lines: []string{"ĐẢNG BỘ TỈNH AN GIANG", "HUYỆN ỦY CHÂU THÀNH"}, date: "2023-01-10"},
			Place{"An Giang", "Huyện Châu Thành", ""}},
		{"district in several provinces, province in the text", docPlace{lines: []string{"HUYỆN ỦY CHÂU THÀNH"}, province: "Tây Ninh", date: "2023-01-10"},
			Place{"Tây Ninh", "Huyện Châu Thành", ""}},
		{"a ward alone is not a place", docPlace{lines: []string{"ĐẢNG ỦY XÃ BÌNH THÀNH"}, place: "Bình Thành", date: "2023-04-05"},
			Place{"", "", "Xã Bình Thành"}},
		{"a ward and its district in the opening", docPlace{lines: []string{"ĐẢNG ỦY XÃ BÌNH THÀNH"}, date: "2023-04-05",
			text: "Thực hiện Kế hoạch của Ban Thường vụ Huyện ủy Tây Sơn, Đảng ủy xã ban hành …"},
			Place{"Bình Định", "Huyện Tây Sơn", "Xã Bình Thành"}},
		{"commune after 1 July 2025", docPlace{lines: []string{"ĐẢNG BỘ TỈNH GIA LAI", "ĐẢNG ỦY XÃ BÌNH AN"}, date: "2025-08-12"},
			Place{"Gia Lai", "", "Xã Bình An"}},
		{"district unknown to the gazetteer", docPlace{lines: []string{"ĐẢNG BỘ TỈNH HÒA BÌNH", "HUYỆN ỦY KỲ SƠN"}, date: "2018-05-02"},
			Place{"Hòa Bình", "Huyện Kỳ Sơn", ""}},
		{"Đảng ủy Khối is no place", docPlace{lines: []string{"ĐẢNG BỘ TỈNH BÌNH ĐỊNH", "ĐẢNG ỦY KHỐI CƠ QUAN TỈNH"}}, Place{}},
		{"no clue", docPlace{lines: []string{"BAN THƯỜNG VỤ HUYỆN ỦY"}}, Place{}},
	} {
		if got := placeDocument(tc.in); got != tc.want {
			t.Errorf("%s: placeDocument = %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

func TestNationalIssuer(t *testing.T) {
	for _, tc := range []struct {
		lines  []string
		issuer string
		want   bool
	}{
		{[]string{"BỘ TÀI CHÍNH"}, "", true},
		{[]string{"BỘ GIAO THÔNG VẬN TẢI", "CỤC ĐƯỜNG BỘ VIỆT NAM"}, "", true},
		{nil, "Chính phủ", true},
		{[]string{"BỘ TÀI CHÍNH", "CỤC THUẾ TỈNH BÌNH ĐỊNH"}, "", false},
		{[]string{"BỘ CHỈ HUY QUÂN SỰ TỈNH LAI CHÂU"}, "", false},
		{[]string{"ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"}, "", false},
		{nil, "", false},
	} {
		if got := nationalIssuer(tc.lines, tc.issuer); got != tc.want {
			t.Errorf("nationalIssuer(%q, %q) = %v", tc.lines, tc.issuer, got)
		}
	}
	// A ministry's place line does not place it.
	d := ParseText("BỘ TÀI CHÍNH\nSố: 12/BTC-HCSN\nHà Nội, ngày 20 tháng 5 năm 2024\nV/v kinh phí\nKính gửi: Ủy ban nhân dân tỉnh Bình Định.\n")
	if d.Province != "" || d.Date != "2024-05-20" {
		t.Errorf("ministry letter: province %q, date %q", d.Province, d.Date)
	}
}

func TestReferencePlaces(t *testing.T) {
	refs := []Reference{
		{Symbol: "58-KH/HU", IssuerCode: "HU", Scope: "local", Issuer: "Ban Thường vụ Huyện ủy"},
		{Symbol: "314-QĐ/TU", IssuerCode: "TU", Scope: "local", Issuer: "Ban Thường vụ Huyện ủy"},
		{Symbol: "18-CT/TU", IssuerCode: "TU", Scope: "local", Issuer: "Ban Thường vụ Tỉnh ủy Lâm Đồng"},
		{Symbol: "20/KH-UBND", IssuerCode: "UBND", Scope: "local", Issuer: "Ủy ban nhân dân huyện Hoài Ân"},
		{Symbol: "03-NQ/ĐU", IssuerCode: "ĐU", Scope: "local", Issuer: "Đảng ủy xã Bình Thành huyện Tây Sơn"},
		{Symbol: "41-KH/ThU", IssuerCode: "ThU", Scope: "local", Issuer: "Ban Thường vụ Thành ủy"},
		{Symbol: "12-KH/HU", IssuerCode: "HU", Scope: "local"},
		{Symbol: "05-CT/TW", IssuerCode: "TW", Scope: "national", Issuer: "Bộ Chính trị"},
	}
	placeReferences(refs, "Bình Định")
	want := []struct{ level, province, district, commune string }{
		{"district", "", "", ""},
		{"district", "", "", ""},
		{"province", "Lâm Đồng", "", ""},
		{"district", "", "Huyện Hoài Ân", ""},
		{"commune", "", "Huyện Tây Sơn", "Xã Bình Thành"},
		{"district", "", "", ""},
		{"district", "", "", ""},
		{"", "", "", ""},
	}
	for i, r := range refs {
		w := want[i]
		if r.Level != w.level || string(r.Province) != w.province || string(r.District) != w.district || string(r.Commune) != w.commune {
			t.Errorf("%s (%q): level %q %q/%q/%q, want %+v", r.Symbol, r.Issuer, r.Level, r.Province, r.District, r.Commune, w)
		}
	}
	// In a centrally-run city "Thành ủy" is the province's committee.
	hp := []Reference{{Symbol: "41-KH/TU", IssuerCode: "TU", Scope: "local", Issuer: "Ban Thường vụ Thành ủy"}}
	placeReferences(hp, "Hải Phòng")
	if hp[0].Level != "province" {
		t.Errorf("Thành ủy of Hải Phòng: level %q", hp[0].Level)
	}
}

func TestPlaceDateLine(t *testing.T) {
	for _, tc := range []struct{ in, place, date string }{
		{"TP. Lai Châu, ngày 10 tháng 01 năm 2023", "TP. Lai Châu", "2023-01-10"},
		{"Hà Nội, ngày 24 tháng 10 năm 2025", "Hà Nội", "2025-10-24"},
		{"ngày 05 tháng 3 năm 2023", "", "2023-03-05"},
		{"Quảng Ngãi, ngày #6 tháng 3 năm 2018", "Quảng Ngãi", "2018-03"},
		// Another document's date in a metadata row, an effective date.
		{"Văn bản hết hiệu lực | Nghị định 64/2014/NĐ-CP ngày 26/6/2014", "", ""},
		{"Ngày hiệu lực | 01 tháng 3 năm 2027", "", ""},
		{"Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001", "", ""},
		{"Luật Đất đai ngày 18 tháng 01 năm 2024", "", ""},
		{"Ngày có hiệu lực | Từ ngày 16 tháng 6 năm 2026 đến hết ngày 15 tháng 6 năm 2028", "", ""},
	} {
		place, date, _ := placeDateLine(tc.in)
		if place != tc.place || date != tc.date {
			t.Errorf("placeDateLine(%q) = %q, %q; want %q, %q", tc.in, place, date, tc.place, tc.date)
		}
	}
}

// TestGazetteerExtra adds a unit from $VANBAN_RULES's dvhc-2024.tsv to a
// province of the embedded table.
func TestGazetteerExtra(t *testing.T) {
	g := loadGazetteer(mapFS{"dvhc-2024.tsv": "# a district formed later\nP\t52\tTỉnh Bình Định\nD\t999\tHuyện Mới Lập\nW\t99999\tXã Mới Lập\n"})
	n := g.node(Place{Province: "Bình Định", District: "Huyện Mới Lập", Commune: "Xã Mới Lập"})
	if n == nil || n.code != "99999" {
		t.Fatalf("extra unit not found: %+v", n)
	}
	if g.node(Place{Province: "Bình Định", District: "Huyện Tây Sơn"}) == nil {
		t.Error("the embedded units are lost")
	}
}
