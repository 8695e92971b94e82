package rules

import (
	"testing"
)

// The fuzz targets of the clause, shape and law-name readers (clause.go,
// refshape.go, named.go): no panic, and what each reader promises.

// FuzzClauseRelations: every mention gets a known relation; a claim links two
// different cited documents, neither of them the citing one, by a relation
// that can be stated between documents.
func FuzzClauseRelations(f *testing.F) {
	for _, s := range []string{
		"THÔNG TƯ\nThử\nCĂN CỨ PHÁP LUẬT\n\n- Luật Quản lý tài sản công số 15/2017/QH14; được sửa đổi, bổ sung bởi Luật số 64/2020/QH14, Luật số 07/2022/QH15.\n",
		"12. Bãi bỏ cụm từ “mạng,” tại khoản 6 Điều 16 của Luật Công an nhân dân số 37/2018/QH14 đã được sửa đổi, bổ sung một số điều theo Luật số 21/2023/QH15 và Luật số 86/2025/QH15; tại Luật Bầu cử số 85/2015/QH13.",
		"Điều 1. Theo Quy định số 09-QĐ/TW đã sửa đổi Quy định số 128-QĐ/TW của Ban Bí thư.",
		"To implement the Official Letter No. 257/UBTVQH13-TCNS;\nIn furtherance of Decision No. 12/2010/QD-TTg;",
		"Căn cứ pháp lý\n- Luật Đầu tư số 61/2020/QH14;\n- Nghị định số 31/2021/NĐ-CP.\nNội dung",
		"Thông tư số 40/2000/TT-BTC đã được thay thế bởi Thông tư số 41/2005/TT-BTC, được sửa đổi bởi", "được sửa đổi bởi Luật số 1/2020/QH14", "đã sửa đổi", "Căn cứ\n",
	} {
		f.Add(s)
	}
	known := map[Relation]bool{Implements: true, Basis: true, Amends: true, Replaces: true, Repeals: true, Guides: true, Cites: true}
	f.Fuzz(func(t *testing.T, in string) {
		d := ParseText(in)
		for _, r := range d.References {
			if !known[r.Relation] {
				t.Fatalf("reference %q: relation %q", r.Symbol, r.Relation)
			}
		}
		for _, c := range d.Claims {
			if c.From == "" || c.To == "" || c.From == c.To || c.From == string(d.Symbol) && d.Symbol != "" || !known[c.Relation] {
				t.Fatalf("claim %+v (document %q)", c, d.Symbol)
			}
		}
	})
}

// FuzzReferenceShapes: the shape readers (forms, fragments, shared suffixes,
// numbers with their issuer) never panic on any lexed text, and a mention's
// items lie inside the text in order.
func FuzzReferenceShapes(f *testing.F) {
	for _, s := range []string{
		"hoá đơn mẫu BC-21/HĐ", "Thông tư số đý /2026/TT-BGDĐT", "T1-2005/ ƯT1-2004\t1T-2005/ KH2005",
		"các Nghị định 87, 88, 31/CP", "Quyết định số 1855QĐ-KHKT-PCVT", "Nghị quyết 40 của Quốc hội",
		"Mẫu số 04/SS-CTĐT, mẫu 01-1/GTGT, 02/GTGT", "QCVN 16-1:2025/BYT", "/1/A", "A-1/B", "-1/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		r := []rune(in)
		p := &refParser{t: DefaultTables(), r: r, items: lex(r).items}
		p.findMentions()
		for _, m := range p.ms {
			if m.first < 0 || m.first > m.symAt || m.symAt >= len(p.items) || m.last > len(p.items) || m.first >= m.last {
				t.Fatalf("mention %q: items %d %d %d of %d", m.sym, m.first, m.symAt, m.last, len(p.items))
			}
		}
		for k := range p.items {
			if p.items[k].kind == itemSymbol {
				p.fragment(k)
				p.gluedCode(k - 1)
			}
		}
		p.basisHeadingSections()
		p.passiveAgents()
	})
}

// FuzzLawNames: a law cited by name and date keeps a name that begins with
// its type and is cut from the text; the laws table answers any name.
func FuzzLawNames(f *testing.F) {
	for _, s := range []string{
		"Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;", "Bộ luật Lao động năm 2019", "Luật Tần số vô tuyến điện năm 2009",
		"Luật Tiêu chuẩn và Quy chuẩn kỹ thuật và Luật Khoa học, công nghệ và đổi mới sáng tạo năm 2025", "Pháp lệnh năm", "Luật năm 2",
	} {
		f.Add(s, 2019)
	}
	tb := DefaultTables()
	f.Fuzz(func(t *testing.T, in string, year int) {
		tb.LawByName(in, year)
		d := ParseText(in)
		for _, r := range d.References {
			if r.Name == "" {
				continue
			}
			if r.Type != "Luật" && r.Type != "Bộ luật" && r.Type != "Pháp lệnh" {
				t.Fatalf("law by name %q of type %q", r.Name, r.Type)
			}
		}
	})
}
