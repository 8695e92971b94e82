package rules

import (
	"strings"
	"testing"

	"vanban/normalize"
)

func TestScanSymbol(t *testing.T) {
	tests := []struct {
		name, in, want string // want "" means: not a symbol
	}{
		{"party", "109-KH/ThU ngày", "109-KH/ThU"},
		{"state", "33/CT-TTg,", "33/CT-TTg"},
		{"normative", "34/2007/PL-UBTVQH11;", "34/2007/PL-UBTVQH11"},
		{"law", "63/2025/QH15", "63/2025/QH15"},
		{"joint", "01/CTrPH-UBND-BDVHU ngày", "01/CTrPH-UBND-BDVHU"},
		{"joint party guide", "01/HDLB-TC-DV-TW", "01/HDLB-TC-DV-TW"},
		{"ampersand", "5104/BTTTT-PTTH&TTĐT", "5104/BTTTT-PTTH&TTĐT"},
		{"ocr space after hyphen", "17/NQ- CP ngày", "17/NQ-CP"},
		{"spaced party hyphen", "391 - CV/ĐU", "391-CV/ĐU"},
		{"space before slash", "51 /2025/TT-BYT", "51/2025/TT-BYT"},
		{"missing hyphen", "84 QĐ/TWĐTN", "84-QĐ/TWĐTN"},
		{"upper-cased TTg", "19/CT-TTG", "19/CT-TTg"},
		{"ocr TTE", "16/CT-TTE", "16/CT-TTg"},
		{"Party TƯ", "445-KL/TƯ", "445-KL/TU"},
		{"ocr doubled Đ", "123/QĐĐ-UBND", "123/QĐ-UBND"}, // after Chars mapped the Eth
		{"ocr stray letter", "13-KLU/TW", "13-KL/TW"},
		{"QĐi", "12-QĐi/TW", "12-QĐi/TW"},
		{"sub-number", "66.4/2025/NQ-CP", "66.4/2025/NQ-CP"},
		{"no code after", "154/2026/NĐ-CP-Quy định", "154/2026/NĐ-CP"},
		{"a form's dotted blank", "….4QĐ-UBND ngày ….", ""},
		{"ocr colon before the hyphen", "41/2026/TT: -BTC của Bộ trưởng", "41/2026/TT-BTC"},
		{"a colon that ends the symbol", "41/2026/TT-BTC: -Điều 1", "41/2026/TT-BTC"},
		{"date", "26/3/2022", ""},
		{"party date", "1-8-2022", ""},
		{"range", "2021-2025", ""},
		{"count range", "01 - 02 điển hình", ""},
		{"year then word", "2021 - Các cấp", ""},
		{"no slash", "12-QĐ", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs := []rune(tc.in)
			at := 0 // at the first digit
			for at < len(rs) && !isDigit(rs[at]) {
				at++
			}
			got, _, ok := scanSymbol(rs, at)
			if !ok {
				got = ""
			}
			if got != tc.want {
				t.Errorf("scanSymbol(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestParseSymbol(t *testing.T) {
	tests := []struct {
		sym, typ, scope string
		year            int
	}{
		{"109-KH/ThU", "Kế hoạch", "local", 0},
		{"33/CT-TTg", "Chỉ thị", "national", 0},
		{"34/2007/PL-UBTVQH11", "Pháp lệnh", "national", 2007},
		{"63/2025/QH15", "Luật", "national", 2025},
		{"4912/UBND-NC", "Công văn", "local", 0},
		{"36/TT-MTTW-BTT", "Thông tri", "national", 0},
		{"01/2019/TT-BNV", "Thông tư", "national", 2019},
		{"36-TT/TW", "Thông tri", "national", 0},
		{"18-CT/TU", "Chỉ thị", "local", 0},
		{"01/CTrPH-UBND-BDVHU", "Chương trình phối hợp", "local", 0},
	}
	for _, tc := range tests {
		p := ParseSymbol(tc.sym)
		if got := TypeOfSymbol(tc.sym); got != tc.typ {
			t.Errorf("TypeOfSymbol(%q) = %q, want %q", tc.sym, got, tc.typ)
		}
		if got := ScopeOfSymbol(tc.sym); got != tc.scope {
			t.Errorf("ScopeOfSymbol(%q) = %q, want %q", tc.sym, got, tc.scope)
		}
		if p.Year != tc.year {
			t.Errorf("ParseSymbol(%q).Year = %d, want %d", tc.sym, p.Year, tc.year)
		}
	}
}

func TestCodeScope(t *testing.T) {
	tests := map[string]string{
		"TW": "national", "ttg": "national", "CP": "national", "QH15": "national", "UBTVQH14": "national",
		"TC-DV-TW": "national", "MTTW-BTT": "national", "BGTVT": "national", "BKHĐT": "national", "BNNPTNT": "national",
		"TU": "local", "ThU": "local", "thu": "local", "UBND-BDVHU": "local", "BDVTU": "local", "BTGDVTU": "local",
		"ĐU": "local", "HU": "local", "MTTQ-BTT": "local", "XYZ": "", "CĐBVN": "national", "TTXVN": "national",
	}
	for code, want := range tests {
		if got := CodeScope(code); got != want {
			t.Errorf("CodeScope(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestDates(t *testing.T) {
	tests := []struct{ in, want string }{
		{"TP. Lai Châu, ngày 10 tháng 01 năm 2023", "2023-01-10"},
		{"Hà Nội, ngày 05 tháng 3 năm 2020", "2020-03-05"},
		{"Tây Sơn, ngày 20 tháng 5 năm 2022", "2022-05-20"},
		{"Hà Nội, ngày 31 tháng12 năm 2025", "2025-12-31"}, // words glued to numbers by OCR
		{"Hà Nội, ngày 30 tháng 02 năm 2020", "2020-02"},   // no such day: what could be read
		{"Quảng Ngãi, ngày 22 thángØ† năm 2021", "2021"},   // only the year
	}
	for _, tc := range tests {
		_, got, _ := placeDateLine(tc.in)
		if got != tc.want {
			t.Errorf("placeDateLine(%q) date = %q, want %q", tc.in, got, tc.want)
		}
	}
	iso, _, ok := scanNumericDate([]rune("07-01-2019"), 0)
	if !ok || iso != "2019-01-07" {
		t.Errorf("scanNumericDate(07-01-2019) = %q %v", iso, ok)
	}
}

func TestNoisyScanHeader(t *testing.T) {
	d := ParseText("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: @# /CT-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nQuảng Ngãi, ngày #6 tháng 3 năm 2018\nCHỈ THỊ\nVề việc tăng cường công tác thi hành án hành chính\nThời gian qua, công tác triển khai đã đạt kết quả.")
	if d.Type != "Chỉ thị" || d.Symbol != "" || d.SymbolPart != "/CT-UBND" || d.Date != "2018-03" || d.Place != "Quảng Ngãi" || d.Issuer != "Ủy ban nhân dân tỉnh Quảng Ngãi" {
		t.Fatalf("type %q symbol %q part %q date %q place %q issuer %q", d.Type, d.Symbol, d.SymbolPart, d.Date, d.Place, d.Issuer)
	}
}

func TestSymbolLineHandwritten(t *testing.T) {
	tb := DefaultTables()
	tests := []struct{ in, symbol, partial string }{
		{"Số: 89 /QĐ-UBND", "89/QĐ-UBND", ""},
		{"Số:565 /TB-UBND", "565/TB-UBND", ""},
		{"Sô:4` /TB-UBND", "", "4?/TB-UBND"}, // specks around a guessed digit
		{"Số:⁄‡6 /CT-UBND", "", "6?/CT-UBND"},
		{"Số: 86@ /QĐĐ-UBND", "", "86?/QĐ-UBND"},
		{"Số: 0 /QĐ-BCĐ138", "", "/QĐ-BCĐ138"},
		{"Số: @# /CT-UBND", "", "/CT-UBND"},
		// a legacy header's table row: a rule and a typist's code after it
		{"Số : 26/2001/NĐ-CP       -------------------------------------------------------------     h.L300", "26/2001/NĐ-CP", ""},
		{"SỐ:    99/ 1998/TT-BTC                                       ---------------------------------------------", "99/1998/TT-BTC", ""},
		{"Số: 26/2001/NĐ-CP về việc sửa đổi, bổ sung một số điều của Nghị định số 30/1998/NĐ-CP ngày 13 tháng 5", "", ""},
	}
	for _, tc := range tests {
		f := normalize.Fold(tc.in)
		sym, ok := symbolLine(tc.in, f, tb)
		part, _ := unreadSymbolLine(tc.in, f)
		if ok != (tc.symbol != "") || sym != tc.symbol || !ok && part != tc.partial {
			t.Errorf("%q: symbol %q (%v), partial %q; want %q, %q", tc.in, sym, ok, part, tc.symbol, tc.partial)
		}
	}
}

func TestCongVan(t *testing.T) {
	d := ParseText("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 899/UBND-TTHC\nV/v góp ý dự thảo Quyết định\nQuảng Ngãi, ngày 10 tháng 01 năm 2025\nKính gửi: Bộ Giao thông vận tải.\nThực hiện Công văn số 120/BGTVT-VP ngày 02/01/2025 của Bộ Giao thông vận tải, Ủy ban nhân dân tỉnh có ý kiến như sau:")
	if d.Type != "Công văn" || d.Symbol != "899/UBND-TTHC" || d.Subject != "góp ý dự thảo Quyết định" || d.Date != "2025-01-10" {
		t.Fatalf("type %q symbol %q subject %q date %q", d.Type, d.Symbol, d.Subject, d.Date)
	}
	if len(d.References) != 1 || d.References[0].Relation != Implements {
		t.Fatalf("references %+v", d.References)
	}
}

func TestHeadings(t *testing.T) {
	tests := []struct {
		in           string
		sc           scheme
		label, title string
	}{
		{"I. MỤC ĐÍCH, YÊU CẦU", schemeRoman, "I.", "MỤC ĐÍCH, YÊU CẦU"},
		{"II- NỘI DUNG", schemeRoman, "II-", "NỘI DUNG"},
		{"1. Mục tiêu cụ thể", schemeArabic, "1.", "Mục tiêu cụ thể"},
		{"1.1. 100% cấp ủy", schemeMulti2, "1.1.", "100% cấp ủy"},
		{"2.1.3. Nhiệm vụ", schemeMulti3, "2.1.3.", "Nhiệm vụ"},
		{"a) Đối với chi bộ", schemeLetter, "a)", "Đối với chi bộ"},
		{"đ) Khác", schemeLetter, "đ)", "Khác"},
		{"Điều 5. Hiệu lực thi hành", schemeDieu, "Điều 5.", "Hiệu lực thi hành"},
		{"Chương II", schemeChuong, "Chương II", ""},
		{"Phần I", schemePhan, "Phần I", ""},
		{"Mục 2. Thủ tục", schemeMuc, "Mục 2", "Thủ tục"},
		{"100% cán bộ", schemeNone, "", ""},
		{"2022 là năm", schemeNone, "", ""},
		{"Chương trình công tác", schemeNone, "", ""},
		{"- Tăng cường", schemeNone, "", ""},
	}
	for _, tc := range tests {
		sc, label, title := headingAt(tc.in)
		if sc != tc.sc || label != tc.label || title != tc.title {
			t.Errorf("headingAt(%q) = %v %q %q, want %v %q %q", tc.in, sc, label, title, tc.sc, tc.label, tc.title)
		}
	}
}

func TestOutlineLevels(t *testing.T) {
	text := "KẾ HOẠCH\nI. MỤC ĐÍCH\n1. Mục đích\n1.1. Chi tiết\na) Điểm\nII. NỘI DUNG\n2. Nội dung"
	d := ParseText(text)
	want := []int{1, 2, 3, 4, 1, 2}
	if len(d.Headings) != len(want) {
		t.Fatalf("headings %+v", d.Headings)
	}
	for i, h := range d.Headings {
		if h.Level != want[i] {
			t.Errorf("heading %s level %d, want %d", h.Label, h.Level, want[i])
		}
	}
}

// refCase is one small text and what its references must be.
type refCase struct {
	name string
	text string
	want []wantRef
}

type wantRef struct {
	symbol   string
	typ      string
	year     int
	relation Relation
	count    int
	issuer   string
}

func TestReferences(t *testing.T) {
	tests := []refCase{
		{"implements in opening", "KẾ HOẠCH\nThực hiện Chương trình số 27-CTr/TU, ngày 12/12/2022 của Ban Thường vụ Tỉnh ủy về công tác dân vận năm 2023, Ban Thường vụ Thành ủy ban hành kế hoạch như sau:\nI. MỤC ĐÍCH\nNội dung.",
			[]wantRef{{"27-CTr/TU", "Chương trình", 2022, Implements, 1, "Ban Thường vụ Tỉnh ủy"}}},
		{"body mention cites", "KẾ HOẠCH\nI. MỤC ĐÍCH\n1. Triển khai thực hiện có hiệu quả Công văn số 547-CV/TU ngày 17/02/2022 của Ban Thường vụ Tỉnh ủy.",
			[]wantRef{{"547-CV/TU", "Công văn", 2022, Cites, 1, "Ban Thường vụ Tỉnh ủy"}}},
		{"basis list", "QUYẾT ĐỊNH\nCăn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\nCăn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;\nĐiều 1. Nội dung.",
			[]wantRef{{"63/2025/QH15", "Luật", 2025, Basis, 1, ""}, {"30/2020/NĐ-CP", "Nghị định", 2020, Basis, 1, "Chính phủ"}}},
		{"code named before its number", "QUYẾT ĐỊNH\nCăn cứ Bộ luật Lao động số 45/2019/QH14;\nĐiều 1. Nội dung.",
			[]wantRef{{"45/2019/QH14", "Bộ luật", 2019, Basis, 1, ""}}},
		{"word date", "Thực hiện Chương trình phối hợp số 01/CTrPH-UBND-BDVHU ngày 31 tháng 12 năm 2021 giữa Ủy ban nhân dân huyện và Ban Dân vận Huyện ủy về công tác dân vận.",
			[]wantRef{{"01/CTrPH-UBND-BDVHU", "Chương trình phối hợp", 2021, Implements, 1, "Ủy ban nhân dân huyện và Ban Dân vận Huyện ủy"}}},
		{"short form and alias", "I. NỘI DUNG\nThực hiện Kết luận số 114-KL/TW ngày 14-7-2015 của Ban Bí thư (Kết luận số 114); các kế hoạch về thực hiện Kết luận số 114.",
			[]wantRef{{"114-KL/TW", "Kết luận", 2015, Cites, 3, "Ban Bí thư"}}},
		{"list shares issuer", "I. NỘI DUNG\nTheo Quyết định số 217-QĐ/TW, Quyết định số 218-QĐ/TW của Bộ Chính trị (khóa XI).",
			[]wantRef{{"217-QĐ/TW", "Quyết định", 0, Cites, 1, "Bộ Chính trị"}, {"218-QĐ/TW", "Quyết định", 0, Cites, 1, "Bộ Chính trị"}}},
		{"same symbol two years", "I. NỘI DUNG\nNghị quyết số 25-NQ/TW, ngày 25/7/2008 của Ban Chấp hành Trung ương; Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương.",
			[]wantRef{{"25-NQ/TW", "Nghị quyết", 2008, Cites, 1, "Ban Chấp hành Trung ương"}, {"25-NQ/TW", "Nghị quyết", 2013, Cites, 1, "Ban Chấp hành Trung ương"}}},
		{"replaces and repeals", "Điều 2. Quyết định này thay thế Quyết định số 17/2016/QĐ-UBND; bãi bỏ Chỉ thị số 05/CT-UBND ngày 02/3/2015.",
			[]wantRef{{"17/2016/QĐ-UBND", "Quyết định", 2016, Replaces, 1, ""}, {"05/CT-UBND", "Chỉ thị", 2015, Repeals, 1, ""}}},
		{"amends in title", "NGHỊ ĐỊNH\nSửa đổi, bổ sung một số điều của Nghị định số 15/2020/NĐ-CP\nCăn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;",
			[]wantRef{{"15/2020/NĐ-CP", "Nghị định", 2020, Amends, 1, ""}, {"63/2025/QH15", "Luật", 2025, Basis, 1, ""}}},
		{"ocr spacing and damaged words", "Căn cú Nghị quyết sô 17/NQ- CP ngày 07/3/2019 của Chính phú;\nĐiều 1. Nội dung.",
			[]wantRef{{"17/NQ-CP", "Nghị quyết", 2019, Basis, 1, "Chính phú"}}},
		{"party style issuer before number", "I. NỘI DUNG\nThi hành Quyết định của Bộ Chính trị số 31-QĐ/TW, ngày 01-10-1997.",
			[]wantRef{{"31-QĐ/TW", "Quyết định", 1997, Cites, 1, "Bộ Chính trị"}}},
		{"enacting clause of an amending law", "LUẬT\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT GIÁO DỤC\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nQuốc hội ban hành Luật sửa đổi, bổ sung một số điều của Luật Giáo dục số 43/2019/QH14.\nĐiều 1. Nội dung.",
			[]wantRef{{"43/2019/QH14", "Luật", 2019, Amends, 1, ""}}},
		{"amended laws listed past their amending ones", "LUẬT\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA HAI LUẬT\nQuốc hội ban hành Luật sửa đổi, bổ sung một số điều của 2 luật gồm Luật Bảo vệ môi trường số 72/2020/QH14 đã được sửa đổi, bổ sung một số điều theo Luật số 11/2022/QH15; Luật Chăn nuôi số 32/2018/QH14.\nĐiều 1. Nội dung.",
			[]wantRef{{"72/2020/QH14", "Luật", 2020, Amends, 1, ""}, {"11/2022/QH15", "Luật", 2022, Cites, 1, ""}, {"32/2018/QH14", "Luật", 2018, Amends, 1, ""}}},
		{"amending law of a law that ends", "Điều 44. Hiệu lực thi hành\n2. Luật An toàn thông tin mạng số 86/2015/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số 35/2018/QH14; Luật An ninh mạng số 24/2018/QH14 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.",
			[]wantRef{{"86/2015/QH13", "Luật", 2015, Repeals, 1, ""}, {"35/2018/QH14", "Luật", 2018, Repeals, 1, ""}, {"24/2018/QH14", "Luật", 2018, Repeals, 1, ""}}},
		{"own symbol is not a reference", "ĐẢNG ỦY XÃ A\nSố 45-KH/ĐU\nKẾ HOẠCH\nthực hiện\nI. NỘI DUNG\nKế hoạch số 45-KH/ĐU được triển khai.",
			nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := ParseText(tc.text)
			checkOffsets(t, d)
			if len(d.References) != len(tc.want) {
				t.Fatalf("got %d references %+v, want %d", len(d.References), d.References, len(tc.want))
			}
			for i, w := range tc.want {
				r := d.References[i]
				if string(r.Symbol) != w.symbol || string(r.Type) != w.typ || int(r.Year) != w.year || r.Relation != w.relation || r.Count != w.count {
					t.Errorf("ref %d = %s %q %d %s ×%d, want %s %q %d %s ×%d", i, r.Symbol, r.Type, r.Year, r.Relation, r.Count, w.symbol, w.typ, w.year, w.relation, w.count)
				}
				if w.issuer != "" && string(r.Issuer) != w.issuer {
					t.Errorf("ref %s issuer %q, want %q", r.Symbol, r.Issuer, w.issuer)
				}
			}
		})
	}
}

func TestClaims(t *testing.T) {
	d := ParseText("I. NỘI DUNG\nThực hiện Kết luận số 01-KL/TW, ngày 18/5/2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị về đẩy mạnh học tập.")
	if len(d.Claims) != 1 || d.Claims[0].From != "01-KL/TW" || d.Claims[0].To != "05-CT/TW" || d.Claims[0].Relation != Implements {
		t.Fatalf("claims = %+v", d.Claims)
	}
	// A title that opens with its relation, without "về".
	d = ParseText("KẾ HOẠCH\nThực hiện Kế hoạch số 248-KH/TU ngày 9-8-2019 triển khai thực hiện Chỉ thị số 35-CT/TW ngày 30-5-2019 của Bộ Chính trị, Ban Thường vụ Huyện ủy ban hành kế hoạch như sau:\nI. NỘI DUNG")
	if len(d.Claims) != 1 || d.Claims[0].From != "248-KH/TU" || d.Claims[0].To != "35-CT/TW" {
		t.Fatalf("claims = %+v", d.Claims)
	}
	if len(d.References) != 2 || d.References[0].Relation != Implements || d.References[1].Relation != Cites {
		t.Fatalf("references = %+v", d.References)
	}
	// A mention later in a long subject is not claimed by it.
	d = ParseText("I. NỘI DUNG\nTổng kết Nghị quyết số 09-NQ/TW, ngày 08/01/2002 của Bộ Chính trị về tăng cường công tác cựu chiến binh và 13 năm thực hiện Kết luận số 66-KL/TW.")
	if len(d.Claims) != 0 {
		t.Fatalf("claims = %+v, want none", d.Claims)
	}
}

func TestHeader(t *testing.T) {
	text := "ĐẢNG BỘ TỈNH LAI CHÂU\nTHÀNH ỦY LAI CHÂU\n*\nSố 109-KH/ThU\nĐẢNG CỘNG SẢN VIỆT NAM\nTP. Lai Châu, ngày 10 tháng 01 năm 2023\nKẾ HOẠCH\nthực hiện chương trình công tác dân vận năm 2023\nThực hiện Chương trình số 27-CTr/TU, Ban Thường vụ Thành ủy ban hành kế hoạch như sau:"
	d := ParseText(text)
	got := []string{string(d.Type), string(d.Symbol), string(d.Date), string(d.Place), string(d.Issuer), string(d.Province), string(d.Subject)}
	want := []string{"Kế hoạch", "109-KH/ThU", "2023-01-10", "TP. Lai Châu", "Thành ủy Lai Châu", "Lai Châu", "thực hiện chương trình công tác dân vận năm 2023"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("field %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestAliasAndSplitDate(t *testing.T) {
	d := ParseText("ỦY BAN NHÂN DÂN\nTỈNH NGHỆ AN\nSố: 594/KH-UBND\nNghệ An, ngày 05\ntháng 9 năm 2022\nKẾ HOẠCH\nvề A\nCăn cứ Kế hoạch số 164-KH/TU ngày 24 tháng 8 năm 2022 của Ban Thường vụ Tỉnh ủy về việc triển khai thực hiện Chỉ thị số 12-CT/TW (sau đây viết tắt là Kế hoạch 164-KH/TU);\nI. NỘI DUNG")
	if d.Date != "2022-09-05" || d.Place != "Nghệ An" {
		t.Errorf("date %q place %q", d.Date, d.Place)
	}
	if len(d.References) != 2 || d.References[0].Relation != Basis || d.References[0].Count != 2 {
		t.Errorf("the alias must not change the relation: %+v", d.References)
	}
}

func TestTypeAcrossLines(t *testing.T) {
	d := ParseText("CHÍNH PHỦ\nSố: 12/2024/NĐ-CP\nNGHỊ\nĐỊNH\nQuy định chi tiết\nCăn cứ Luật Tổ chức Chính phủ;")
	if d.Type != "Nghị định" || d.Symbol != "12/2024/NĐ-CP" {
		t.Fatalf("type %q symbol %q", d.Type, d.Symbol)
	}
}

func TestTypeAnyCase(t *testing.T) {
	d := ParseText("Kế hoạch\nThực hiện công tác dân vận năm 2023\nThực hiện Chương trình số 27-CTr/TU, Ban Thường vụ ban hành kế hoạch như sau:")
	if d.Type != "Kế hoạch" || d.Subject != "Thực hiện công tác dân vận năm 2023" {
		t.Fatalf("type %q subject %q", d.Type, d.Subject)
	}
	// A sentence that starts with a type word is not a type line.
	d = ParseText("Kế hoạch này được triển khai đến các chi bộ.")
	if d.Type != "" {
		t.Fatalf("type %q from a sentence", d.Type)
	}
}

func TestFooter(t *testing.T) {
	text := "KẾ HOẠCH\nI. NỘI DUNG\nLàm tốt.\nNoi nhận:\n- Thường trực Tỉnh ủy (b/c),\n- Lưu VPThU.\nT/M BAN THƯỜNG VỤ\nPHÓ Bí THƯ\n\nĐặng Quang Chung\nBAN DÂN VẬN HUYỆN ỦY\nTRƯỞNG BAN\nNguyễn Thanh Tùng"
	d := ParseText(text)
	if strings.Join(d.Recipients, "|") != "Thường trực Tỉnh ủy (b/c)|Lưu VPThU" {
		t.Errorf("recipients = %q", d.Recipients)
	}
	want := []Signer{{"T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Đặng Quang Chung"}, {"BAN DÂN VẬN HUYỆN ỦY", "TRƯỞNG BAN", "Nguyễn Thanh Tùng"}}
	if len(d.Signers) != len(want) {
		t.Fatalf("signers = %+v", d.Signers)
	}
	for i := range want {
		if d.Signers[i] != want[i] {
			t.Errorf("signer %d = %+v, want %+v", i, d.Signers[i], want[i])
		}
	}
}

func TestNamedReferences(t *testing.T) {
	d := ParseText("I. NỘI DUNG\nThực hiện Luật Tiếp công dân, Luật thực hiện dân chủ ở cơ sở và Nghị quyết Đại hội lần thứ XIII của Đảng; Luật Viên chức số 58/2010/QH12.")
	var names []string
	for _, n := range d.Named {
		names = append(names, n.Type+": "+n.Name)
	}
	want := "Luật: Tiếp công dân|Luật: thực hiện dân chủ ở cơ sở|Nghị quyết: Đại hội lần thứ XIII"
	if strings.Join(names, "|") != want {
		t.Errorf("named = %q, want %q", strings.Join(names, "|"), want)
	}
}

func TestQuotedDocument(t *testing.T) {
	d := ParseText("(Baothanhhoa.vn) - Ngày 1-8-2022, Ban Thường vụ Tỉnh ủy Thanh Hóa ban hành Kết luận số 862-KL/TU về nâng cao chất lượng công tác dân vận. Dưới đây là toàn văn Kết luận:\nNội dung.")
	if !d.Quoted || d.Type != "Kết luận" || d.Symbol != "862-KL/TU" || d.Date != "2022-08-01" || d.Issuer != "Ban Thường vụ Tỉnh ủy Thanh Hóa" || d.Province != "Thanh Hóa" {
		t.Fatalf("quoted identity = %q %q %q %q %q quoted=%v", d.Type, d.Symbol, d.Date, d.Issuer, d.Province, d.Quoted)
	}
	if len(d.References) != 0 {
		t.Errorf("the quoted document itself is not a reference: %+v", d.References)
	}
}

func TestProvinceMerger(t *testing.T) {
	d := ParseText("ỦY BAN NHÂN DÂN TỈNH KON TUM\nSố: 12/KH-UBND\nKon Tum, ngày 10 tháng 8 năm 2025\nKẾ HOẠCH\nvề việc A")
	if d.Province != "Kon Tum" || d.ProvinceSuccessor != "Quảng Ngãi" {
		t.Errorf("province %q successor %q", d.Province, d.ProvinceSuccessor)
	}
	d = ParseText("ỦY BAN NHÂN DÂN TỈNH KON TUM\nSố: 12/KH-UBND\nKon Tum, ngày 10 tháng 8 năm 2024\nKẾ HOẠCH\nvề việc A")
	if d.ProvinceSuccessor != "" {
		t.Errorf("before 01/7/2025 there is no successor, got %q", d.ProvinceSuccessor)
	}
}

func TestExtendTables(t *testing.T) {
	extra := mapFS{"types.tsv": "Thông cáo báo chí\tTCBC\tstate\n"}
	tb, err := LoadTables(extra)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := tb.typeByAbbr["TCBC"]; !ok {
		t.Fatal("a user's row was not loaded")
	}
	if _, err := LoadTables(mapFS{"relations.tsv": "xem\tlooks\topening\n"}); err == nil {
		t.Fatal("an unknown relation must be an error")
	}
}
