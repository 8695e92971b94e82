package rules

import (
	"testing"
)

func TestExpectedImplementers(t *testing.T) {
	tests := []struct {
		name       string
		doc        Document
		kind       string
		count      int
		first      string
		named      []string
		notExpects []string
	}{
		{"district committees of a province",
			Document{Province: "Bình Định", Recipients: []string{"Ban Dân vận Trung ương (b/c)", "Ban Dân vận Tỉnh ủy", "Các huyện ủy, thị ủy, thành ủy", "Lưu VPTU"}},
			KindPartyDistrict, 11, "Thành ủy Quy Nhơn", []string{"Ban Dân vận Tỉnh ủy"}, []string{"Ban Dân vận Trung ương (b/c)"}},
		{"the short form of the class",
			Document{Province: "Bình Định", Tasks: []Task{{Lead: "Các huyện, thị, thành ủy"}}},
			KindPartyDistrict, 11, "Thành ủy Quy Nhơn", nil, nil},
		{"communes of a district",
			Document{Province: "Bình Định", District: "Huyện Tây Sơn", Recipients: []string{"Đảng ủy các xã, thị trấn"}},
			KindPartyCommune, 15, "", nil, nil},
		{"people's committees of the districts",
			Document{Province: "Bình Định", Recipients: []string{"Ủy ban nhân dân các huyện, thị xã, thành phố"}},
			KindStateDistrict, 11, "Ủy ban nhân dân thành phố Quy Nhơn", nil, nil},
		{"a class that stays a class",
			Document{Province: "Bình Định", Recipients: []string{"Các sở, ban, ngành"}},
			KindClass, 1, "Các sở, ban, ngành", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			es := ExpectedImplementers(tc.doc)
			n, first := 0, ""
			named := map[string]bool{}
			for _, e := range es {
				if e.Kind == tc.kind {
					if n == 0 {
						first = e.Body
					}
					n++
				}
				if e.Kind == KindNamed {
					named[e.Body] = true
				}
			}
			if n != tc.count || tc.first != "" && first != tc.first {
				t.Errorf("%s: %d bodies (first %q), want %d (first %q): %+v", tc.kind, n, first, tc.count, tc.first, es)
			}
			for _, b := range tc.named {
				if !named[b] {
					t.Errorf("named %q missing: %+v", b, es)
				}
			}
			for _, b := range tc.notExpects {
				if named[b] {
					t.Errorf("%q is informed, not expected to act", b)
				}
			}
		})
	}
}

func TestIssuedBy(t *testing.T) {
	tay := Expected{Body: "Huyện ủy Tây Sơn", Kind: KindPartyDistrict, Place: Place{Province: "Bình Định", District: "Huyện Tây Sơn"}}
	bdv := Expected{Body: "Ban Dân vận Tỉnh ủy", Kind: KindNamed, Place: Place{Province: "Bình Định"}}
	tests := []struct {
		name   string
		e      Expected
		issuer string
		p      Place
		want   bool
	}{
		{"the committee", tay, "Huyện ủy Tây Sơn", Place{Province: "Bình Định", District: "Huyện Tây Sơn"}, true},
		{"its standing committee", tay, "Ban Thường vụ Huyện ủy", Place{Province: "Bình Định", District: "Huyện Tây Sơn"}, true},
		{"the district's people's committee", tay, "Ủy ban nhân dân huyện Tây Sơn", Place{Province: "Bình Định", District: "Huyện Tây Sơn"}, false},
		{"another province's Tây Sơn-like name", tay, "Huyện ủy Tây Hòa", Place{Province: "Phú Yên", District: "Huyện Tây Hoà"}, false},
		{"a commune below it", tay, "Đảng ủy xã Bình Thành", Place{Province: "Bình Định", District: "Huyện Tây Sơn", Commune: "Xã Bình Thành"}, false},
		{"named body under its committee", bdv, "Ban Dân vận", Place{Province: "Bình Định"}, true},
		{"named body of a district", bdv, "Ban Dân vận Huyện ủy", Place{Province: "Bình Định", District: "Huyện Tây Sơn"}, false},
		{"named body of another province", bdv, "Ban Dân vận", Place{Province: "Phú Yên"}, false},
	}
	for _, tc := range tests {
		if got := tc.e.IssuedBy(tc.issuer, tc.p); got != tc.want {
			t.Errorf("%s: IssuedBy(%q, %+v) = %v, want %v", tc.name, tc.issuer, tc.p, got, tc.want)
		}
	}
}

func TestEffectiveDate(t *testing.T) {
	tests := []struct{ text, issued, want, phrase string }{
		{"Điều 5. Nghị định này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025.", "2024-11-20", "2025-01-01", "có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025"},
		{"Thông tư này có hiệu lực kể từ ngày 15/02/2026 và thay thế …", "2026-01-01", "2026-02-15", "có hiệu lực kể từ ngày 15/02/2026"},
		{"Quyết định này có hiệu lực kể từ ngày ký.", "2022-03-10", "2022-03-10", "có hiệu lực kể từ ngày ký"},
		{"Quyết định này có hiệu lực kể từ ngày ký ban hành.", "", "", ""},
		{"Văn bản còn hiệu lực đến nay; có hiệu lực pháp luật.", "2022-03-10", "", ""},
	}
	for _, tc := range tests {
		got, phrase := EffectiveDate(tc.text, tc.issued)
		if got != tc.want || phrase != tc.phrase {
			t.Errorf("EffectiveDate(%q) = %q %q, want %q %q", tc.text, got, phrase, tc.want, tc.phrase)
		}
	}
}

// FuzzEffectiveDate checks the effective-date reader never panics and gives
// an ISO date or nothing.
func FuzzEffectiveDate(f *testing.F) {
	for _, s := range []string{"có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025", "có hiệu lực kể từ ngày ký", "có hiệu lực từ ngày 31/02/2025", "có hiệu lực", "ngày"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d, _ := EffectiveDate(in, "2024-01-01")
		if d != "" && len(d) != 10 {
			t.Fatalf("EffectiveDate(%q) = %q", in, d)
		}
	})
}
