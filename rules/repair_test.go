package rules

import (
	"strconv"
	"strings"
	"testing"
)

// The code repairs, on damage patterns read by Tesseract from real scans
// (the Markdown corpus of ../shared holds QHI5, QHI15, OH15, QH135, QH115,
// BNNMIT, NB- CP) and from the seeds printed as scans (QĐ/T U, CTTTg).
func TestRepairCode(t *testing.T) {
	tb := DefaultTables()
	for _, c := range []struct {
		seg  string
		typ  bool
		year int
		want string // "" when the segment is left as written
	}{
		{"QHI5", true, 2025, "QH15"},
		{"QHI15", true, 2025, "QH15"},
		{"OH15", true, 2025, "QH15"},
		{"QH115", true, 2025, "QH15"},
		{"QH135", true, 2025, "QH15"}, // the term that holds 2025
		{"QH135", true, 2015, "QH13"},
		{"QH135", true, 0, ""},   // QH13 or QH15: no year, no repair
		{"QHI5", true, 2012, ""}, // QH15 is of 2021–2026
		{"UBTVQHI4", false, 2019, "UBTVQH14"},
		{"QH16", true, 2025, "QH15"}, // a law of 2025 written with the next term (audit 9e026a6 #99)
		{"QH14", true, 2022, "QH15"}, // and with the previous one
		{"QH16", true, 2026, ""},     // 2026 belongs to both terms
		{"QH13", true, 2030, ""},     // no term next to it holds the year
		{"UBTVQH16", false, 2024, "UBTVQH15"},
		{"ZTW", false, 0, "TW"},
		{"BNNMIT", false, 2026, "BNNMT"},
		{"NB", true, 0, "NĐ"}, // "6/NB- CP": the type of a decree
		{"QB", true, 0, "QĐ"},
		{"QÖ", true, 0, "QĐ"}, // office.pdf
		{"TT6", false, 0, "TTg"},
		// Left alone: known codes, codes of bodies the tables do not list,
		// digits that are part of a code, and ambiguity.
		{"TTg", false, 0, ""},
		{"UBND", true, 0, ""},
		{"QH15", true, 2025, ""},
		{"NHNN2", false, 1997, ""}, // a department of the State Bank
		{"BDVHU", false, 0, ""},
		{"BCĐ", true, 0, ""},
		{"SNV", false, 0, ""},
		{"UBTVTU", false, 0, ""},
	} {
		got, ok := tb.repairCode(c.seg, c.typ, c.year)
		if c.want == "" {
			if ok {
				t.Errorf("repairCode(%q, %v, %d) = %q, want no repair", c.seg, c.typ, c.year, got)
			}
			continue
		}
		if !ok || got != c.want {
			t.Errorf("repairCode(%q, %v, %d) = %q %v, want %q", c.seg, c.typ, c.year, got, ok, c.want)
		}
	}
	for _, c := range []struct{ seg, want string }{
		{"CTTTg", "CT-TTg"}, {"QĐUBND", "QĐ-UBND"}, {"UBND", ""}, {"KH", ""},
	} {
		got, ok := tb.splitTypeIssuer(c.seg, 0)
		if ok != (c.want != "") || ok && got != c.want {
			t.Errorf("splitTypeIssuer(%q) = %q %v, want %q", c.seg, got, ok, c.want)
		}
	}
}

func TestRepairYear(t *testing.T) {
	in := func(ys ...int) func(int) bool {
		return func(c int) bool {
			for _, y := range ys {
				if y == c {
					return true
				}
			}
			return false
		}
	}
	for _, c := range []struct {
		y, bound int
		agree    func(int) bool
		want     int // 0: no repair
	}{
		{2621, 2022, in(2021), 2021},
		{2622, 2023, in(2022), 2022},
		{2062, 2022, in(2002), 2002},
		{2062, 2022, in(2022), 0},          // 2→6 is no look-alike: not guessed
		{2621, 2022, in(), 0},              // nothing agrees
		{2621, 2030, in(2021, 2029), 2021}, // 2029 is two digits away
		{1009, 2022, in(2009), 0},          // 1→2 is no look-alike
		{7019, 2022, in(2019), 2019},
	} {
		got, ok := repairYear(c.y, c.bound, c.agree)
		if c.want == 0 && ok || c.want != 0 && (!ok || got != c.want) {
			t.Errorf("repairYear(%d, %d) = %d %v, want %d", c.y, c.bound, got, ok, c.want)
		}
	}
	// Two agreeing candidates: no repair.
	if got, ok := repairYear(2096, 2090, in(2090, 2006)); ok {
		t.Errorf("repairYear(2096) with two candidates = %d", got)
	}
}

// partyPlan is a district plan of 2022 whose opening carries the sentence s.
func partyPlan(s string) string {
	return "ĐẢNG BỘ TỈNH THANH HÓA\nHUYỆN ỦY HOẰNG HÓA\n*\nSố 12-KH/HU\nĐẢNG CỘNG SẢN VIỆT NAM\nHoằng Hóa, ngày 10 tháng 01 năm 2022\n" +
		"KẾ HOẠCH\nthực hiện công tác dân vận năm 2022\n" + s + "\nI. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao chất lượng công tác dân vận.\n"
}

// Whole sentences as OCR leaves them: the reference keeps the text as
// written, carries the repaired symbol and year, and says what was done.
func TestRepairReferences(t *testing.T) {
	for _, c := range []struct {
		name, text string
		sym        string
		year       int
		repaired   bool
	}{
		{"QHI5", "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QHI5 ngày 16 tháng 6 năm 2025;", "72/2025/QH15", 2025, true},
		{"QH135 by its year", "Căn cứ Luật số 80/2015/QH135 ngày 22 tháng 6 năm 2015;", "80/2015/QH13", 2015, true},
		{"ZTW", "Thực hiện Nghị quyết số 25-NQ/ZTW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI),", "25-NQ/TW", 2013, true},
		{"QB", "Thực hiện Quyết định số 99-QB/TW ngày 03/10/2017 của Ban Bí thư,", "99-QĐ/TW", 2017, true},
		{"2621 and khóa XIII", "Thực hiện Kết luận số 01-KL/TW ngày 18/5/2621 của Bộ Chính trị khóa XIII,", "01-KL/TW", 2021, true},
		{"2621 and another date", "Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2621 của Thủ tướng Chính phủ và Kế hoạch số 15-KH/TU ngày 10/12/2021,", "33/CT-TTg", 2021, true},
		{"2621 alone", "Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2621 của Thủ tướng Chính phủ,", "33/CT-TTg", 0, true},
		{"2062 and khóa IX", "Thực hiện Nghị quyết số 08-NQ/TW ngày 20/1/2062 của Ban Chấp hành Trung ương Đảng (khóa IX),", "08-NQ/TW", 2002, true},
		{"2062 with no support", "Thực hiện Nghị quyết số 08-NQ/TW ngày 20/1/2062 của Ban Thường vụ,", "08-NQ/TW", 0, true},
		{"symbol year, dated", "Căn cứ Nghị định số 154/2062/NĐ-CP ngày 20/5/2022 của Chính phủ;", "154/2062/NĐ-CP", 2022, true}, // 2002 would disagree with the date
		{"symbol year alone", "Căn cứ Nghị định số 154/2062/NĐ-CP của Chính phủ;", "154/2062/NĐ-CP", 0, true},
		{"symbol year repaired", "Căn cứ Nghị định số 154/2621/NĐ-CP ngày 20/5/2021 của Chính phủ;", "154/2021/NĐ-CP", 2021, true},
		{"year after the symbol", "Thực hiện Nghị quyết 26-NQ/TW năm 2068 của Ban Chấp hành Trung ương Đảng khóa X,", "26-NQ/TW", 2008, true},
		{"split code and a speck", "Thực hiện Quyết định số 407-QĐ/T U ngày ' 30/9/2021 của Ban Thường vụ Tỉnh ủy,", "407-QĐ/TU", 2021, true},
		{"a dot after the symbol", "Thực hiện Kế hoạch số 58-KH/HU. ngày 20/02/2021 của Ban Thường vụ Huyện ủy,", "58-KH/HU", 2021, false},
		{"spaced date", "Thực hiện Nghị quyết số 25-NQ/TW, ngày 03- 6-2013 của Ban Chấp hành Trung ương Đảng (khóa XI),", "25-NQ/TW", 2013, false},
		{"lost hyphen and split month", "Thực hiện Chỉ thị số 33/CTTTg ngày 26/1 1/2021 của Thủ tướng Chính phủ,", "33/CT-TTg", 2021, true},
		// Sound text stays as it is.
		{"split code inside", "Căn cứ Thông tư số 15/2021/T T-BGDĐT ngày 20/7/2021 của Bộ Giáo dục và Đào tạo;", "15/2021/TT-BGDĐT", 2021, true},
		{"spaced hyphen", "Căn cứ Nghị quyết số 17/NQ- CP ngày 07/3/2019 của Chính phủ;", "17/NQ-CP", 2019, false},
		{"sound", "Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ,", "33/CT-TTg", 2021, false},
		{"a later year in the past", "Thực hiện Kế hoạch số 30-KH/TU ngày 05/3/2023 của Ban Thường vụ Tỉnh ủy,", "30-KH/TU", 2023, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := ParseText(partyPlan(c.text))
			if d.Date != "2022-01-10" {
				t.Fatalf("document date %q", d.Date)
			}
			ref := refBySymbol(d, c.sym)
			if ref == nil {
				t.Fatalf("no reference %s in %+v", c.sym, d.References)
			}
			if int(ref.Year) != c.year {
				t.Errorf("year %d, want %d (%q)", ref.Year, c.year, ref.Repaired)
			}
			if c.year == 0 && ref.Date != "" {
				t.Errorf("date %q of an unknown year", ref.Date)
			}
			if (len(ref.Repaired) > 0) != c.repaired {
				t.Errorf("repaired %q, want a note: %v", ref.Repaired, c.repaired)
			}
			if !strings.Contains(c.text, ref.Text) {
				t.Errorf("text %q is not as written", ref.Text)
			}
		})
	}
}

func TestScanOCRDate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"03- 6-2013", "2013-06-03"},
		{"26/1 1/2021", "2021-11-26"},
		{"3 /6/2013", "2013-06-03"},
		{"26/11/2621", "2621-11-26"}, // for the repair to judge
		{"31/02/2621", ""},
		{"2022 - 2025", ""},
		{"1 - 12/2020", ""},
		{"26/1 1/20211", ""},
	} {
		iso, _, ok := scanOCRDate([]rune(c.in), 0)
		if ok != (c.want != "") || ok && iso != c.want {
			t.Errorf("scanOCRDate(%q) = %q %v, want %q", c.in, iso, ok, c.want)
		}
	}
}

func FuzzRepair(f *testing.F) {
	for _, s := range []string{"QHI5", "QH135", "ZTW", "CTTTg", "NHNN2", "QĐ/T U", "26/1 1/2021", "03- 6-2013", "2621", "Ð|l1"} {
		f.Add(s, 2025)
	}
	tb := DefaultTables()
	f.Fuzz(func(t *testing.T, s string, year int) {
		if c, ok := tb.repairCode(s, true, year); ok {
			if !tb.knownCode(c) {
				t.Fatalf("repairCode(%q) = %q, not in the tables", s, c)
			}
		}
		if c, ok := tb.splitTypeIssuer(s, year); ok && !strings.Contains(c, "-") {
			t.Fatalf("splitTypeIssuer(%q) = %q", s, c)
		}
		if y, err := strconv.Atoi(s); err == nil && y >= 1000 && y <= 9999 {
			if c, ok := repairYear(y, 2025, func(int) bool { return true }); ok {
				diff := 0
				for i := range 4 {
					if strconv.Itoa(c)[i] != s[i] {
						diff++
					}
				}
				if diff != 1 || c < 1900 || c > 2025 {
					t.Fatalf("repairYear(%d) = %d", y, c)
				}
			}
		}
		scanOCRDate([]rune(s), 0)
		joinSplitCode([]rune(s), []rune("1-KH/T"), 0)
		d := ParseText(partyPlan("Thực hiện Quyết định số " + s + " của Ban Thường vụ,"))
		for _, r := range d.References {
			if r.Year != 0 && (r.Year < 1900 || int(r.Year) > 2022) && len(r.Repaired) > 0 {
				t.Fatalf("repaired to an impossible year: %+v", r)
			}
		}
	})
}

// refBySymbol is the reference of d to symbol sym, or nil.
func refBySymbol(d Document, sym string) *Reference {
	for i := range d.References {
		if string(d.References[i].Symbol) == sym {
			return &d.References[i]
		}
	}
	return nil
}
