package rules

import (
	"strings"
	"testing"
)

// TestClauseRelations checks the relation each construction states, on
// sentences written after real ones (vbpl, Markdown corpus).
func TestClauseRelations(t *testing.T) {
	head := "QUYẾT ĐỊNH\nVề việc thử\n"
	cases := []struct {
		name, text string
		want       map[string]Relation // symbol (or name) → relation
	}{
		{"list in a basis clause", head + "Căn cứ Luật số 63/2025/QH15, Luật số 72/2025/QH15 và Luật số 64/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n",
			map[string]Relation{"63/2025/QH15": Basis, "72/2025/QH15": Basis, "64/2025/QH15": Basis}},
		{"amended by, inside a basis clause", head + "Căn cứ Nghị định số 115/2024/NĐ-CP ngày 16 tháng 9 năm 2024 của Chính phủ quy định chi tiết một số điều về lựa chọn nhà đầu tư được sửa đổi, bổ sung tại Nghị định số 225/2025/NĐ-CP ngày 15 tháng 8 năm 2025 của Chính phủ;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n",
			map[string]Relation{"115/2024/NĐ-CP": Basis, "225/2025/NĐ-CP": Basis}},
		{"the laws that follow a basis lead", head + "Căn cứ các Luật sau:\n- Luật Doanh nghiệp số 59/2020/QH14;\n- Luật Đầu tư số 61/2020/QH14.\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n",
			map[string]Relation{"59/2020/QH14": Basis, "61/2020/QH14": Basis}},
		{"a basis section", "KẾ HOẠCH\nThử\nI. MỤC ĐÍCH\n1. Thử.\nII. CĂN CỨ PHÁP LÝ\n- Luật Tổ chức Chính phủ số 63/2025/QH15;\n- Nghị định số 29/2025/NĐ-CP được sửa đổi, bổ sung bởi Nghị định số 166/2025/NĐ-CP.\nIII. NỘI DUNG\n1. Thực hiện theo Thông tư số 12/2024/TT-BTC.\n",
			map[string]Relation{"63/2025/QH15": Basis, "29/2025/NĐ-CP": Basis, "166/2025/NĐ-CP": Basis, "12/2024/TT-BTC": Cites}},
		{"pursuant to", "DECREE\nOn testing\nPursuant to the Law on Organization of the Government No. 32/2001/QH10;\nPursuant to the Government's Decree No. 86/2002/ND-CP;\nThe Government decrees:\nArticle 1. Test.\n",
			map[string]Relation{"32/2001/QH10": Basis, "86/2002/NĐ-CP": Basis}},
		{"an article that repeals", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 2. Bãi bỏ quy định tại Điều 2 Nghị định số 100/2016/NĐ-CP ngày 01 tháng 7 năm 2016 của Chính phủ.\n",
			map[string]Relation{"100/2016/NĐ-CP": Repeals}},
		{"lettered list after hết hiệu lực", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 2. Hiệu lực\n2. Các Thông tư sau hết hiệu lực kể từ ngày Thông tư này có hiệu lực:\na) Thông tư số 17/2021/TT-BGDĐT ngày 22 tháng 6 năm 2021 của Bộ trưởng Bộ Giáo dục và Đào tạo;\nb) Thông tư số 02/2022/TT-BGDĐT ngày 18 tháng 01 năm 2022.\n",
			map[string]Relation{"17/2021/TT-BGDĐT": Repeals, "02/2022/TT-BGDĐT": Repeals}},
		{"amended as follows", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n1. Khoản 2 Điều 5 Thông tư số 135/2018/TT-BTC được sửa đổi, bổ sung như sau:\n“2. Thử.”\n",
			map[string]Relation{"135/2018/TT-BTC": Amends}},
		{"amending heading", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Sửa đổi, bổ sung một số điều của Nghị định số 83/2020/NĐ-CP\n1. Thử.\n",
			map[string]Relation{"83/2020/NĐ-CP": Amends}},
		{"a relation between two cited documents is a claim", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n2. Thực hiện theo Quy định số 09-QĐ/TW sửa đổi Quy định số 128-QĐ/TW của Ban Bí thư.\n",
			map[string]Relation{"09-QĐ/TW": Cites, "128-QĐ/TW": Cites}},
		{"a proposer is not a basis", head + "Căn cứ Luật số 63/2025/QH15; theo đề nghị của Bộ trưởng tại Tờ trình số 12/TTr-BTC;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n",
			map[string]Relation{"63/2025/QH15": Basis, "12/TTr-BTC": Cites}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := ParseText(c.text)
			got := map[string]Relation{}
			for _, r := range d.References {
				got[string(r.Symbol)] = r.Relation
			}
			for sym, want := range c.want {
				if got[sym] != want {
					t.Errorf("%s: relation %q, want %q (all: %v)", sym, got[sym], want, got)
				}
			}
		})
	}
	// The claim of the last-but-one case.
	d := ParseText(cases[9].text)
	if len(d.Claims) != 1 || d.Claims[0].From != "09-QĐ/TW" || d.Claims[0].To != "128-QĐ/TW" || d.Claims[0].Relation != Amends {
		t.Errorf("claims %+v, want 09-QĐ/TW amends 128-QĐ/TW", d.Claims)
	}
}

// TestReferenceShapes checks references written without the usual shape.
func TestReferenceShapes(t *testing.T) {
	text := "QUYẾT ĐỊNH\nVề việc thử\nCăn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;\nCăn cứ Luật Thủ đô năm 2024;\nCăn cứ Thông tư số 52/2020/TT-\nBGDĐT ngày 31/12/2020 của Bộ Giáo dục và Đào tạo;\nQUYẾT ĐỊNH:\n" +
		"Điều 1. Theo các Nghị định 87, 88, 31/CP của Chính phủ, Quyết định số 1855QĐ-KHKT-PCVT, Quyết định 2472QĐ/GTVT và Nghị quyết 40 của Quốc hội.\n" +
		"Điều 2. Khai theo Mẫu số 04/SS-CTĐT, mẫu 01-1/GTGT, 02/GTGT, Phụ lục IA; đạt QCVN 16-1:2025/BYT và TCVN 5574:2018; tài khoản số 3741/0/1054321.\n" +
		"Điều 3. Áp dụng Luật Tiêu chuẩn và Quy chuẩn kỹ thuật và Luật Khoa học, công nghệ và đổi mới sáng tạo năm 2025.\n"
	d := ParseText(text)
	type want struct{ typ, name, number, code string }
	wants := map[string]want{
		"43/2019/QH14":      {"Luật", "Luật Giáo dục", "43", "QH14"},
		"52/2020/TT-BGDĐT":  {"Thông tư", "", "52", "BGDĐT"},
		"87/CP":             {"Nghị định", "", "87", "CP"},
		"88/CP":             {"Nghị định", "", "88", "CP"},
		"31/CP":             {"Nghị định", "", "31", "CP"},
		"1855/QĐ-KHKT-PCVT": {"Quyết định", "", "1855", "KHKT-PCVT"},
		"2472-QĐ/GTVT":      {"Quyết định", "", "2472", "GTVT"},
		"93/2025/QH15":      {"Luật", "Luật Khoa học, công nghệ và đổi mới sáng tạo", "93", "QH15"},
	}
	got := map[string]Reference{}
	for _, r := range d.References {
		k := string(r.Symbol)
		if k == "" {
			k = r.Name + "|" + string(r.Number)
		}
		got[k] = r
	}
	for sym, w := range wants {
		r, ok := got[sym]
		if !ok {
			t.Errorf("%s: missing (have %v)", sym, keys(got))
			continue
		}
		if string(r.Type) != w.typ || r.Name != w.name || string(r.Number) != w.number || r.IssuerCode != w.code {
			t.Errorf("%s: %q %q %q %q, want %+v", sym, r.Type, r.Name, r.Number, r.IssuerCode, w)
		}
	}
	// A law by name not in the table: no symbol, its name, year and type.
	if r, ok := got["Luật Thủ đô|"]; !ok || r.Year != 2024 || r.Type != "Luật" || r.Relation != Basis {
		t.Errorf("Luật Thủ đô năm 2024: %+v", r)
	}
	// A number with its issuer: no symbol, the issuer's code and scope.
	if r, ok := got["|40"]; !ok || r.IssuerCode != "QH" || r.Scope != "national" || r.Issuer != "Quốc hội" {
		t.Errorf("Nghị quyết 40 của Quốc hội: %+v", r)
	}
	// Forms, annexes, standards and accounts are not documents.
	for k, r := range got {
		for _, bad := range []string{"SS-CTĐT", "GTGT", "BYT", "2018", "1054321"} {
			if strings.Contains(string(r.Symbol), bad) {
				t.Errorf("%s: a form or standard taken for a document", k)
			}
		}
	}
	// Named references keep their whole name.
	found := false
	for _, n := range d.Named {
		if n.Text == "Luật Tiêu chuẩn và Quy chuẩn kỹ thuật" {
			found = true
		}
	}
	if !found {
		t.Errorf("named references %+v: want the whole name Luật Tiêu chuẩn và Quy chuẩn kỹ thuật", d.Named)
	}
}

func keys(m map[string]Reference) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
