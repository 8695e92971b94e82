package rules

import (
	"strings"
	"testing"
)

// Symbols that a table cell, a page break or OCR broke, and issuers written
// before the mention: the causes the audits of the real corpus found
// (corpus/internal/audit), in sentences of our own shaped like the real ones.
func TestBrokenSymbols(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       string // the symbol of the reference whose text starts with from
		from       string
		year       int
		date       string
		repaired   bool   // a repair is noted
		issuer     string // "" when not checked
		province   string
		count      int // the mentions it gathers, when checked
	}{
		{
			name: "issuer further down a cut table cell, after ' - '",
			text: "Nhà kho, bến bãi phục vụ | khấu hao theo Thông tư số 141/2025/TT-\n\n\n\nhoạt động của trạm cân - BTC ngày 31 tháng 12 năm 2025 của |\nBộ trưởng Bộ Tài chính.\n",
			from: "Thông tư số 141", want: "141/2025/TT-BTC", year: 2025, date: "2025-12-31", repaired: true,
		},
		{
			name: "issuer after a cell border on the next row",
			text: "13.2 | Các tài sản khác gắn với | khấu hao theo Thông tư số 77/2024/TT-\nmạng lưới cấp nước | BTC ngày 05 tháng 3 năm 2024 của |\n",
			from: "Thông tư số 77", want: "77/2024/TT-BTC", year: 2024, date: "2024-03-05", repaired: true,
		},
		{
			name: "a word after the cut is not an issuer",
			text: "theo Thông tư số 12/2023/TT-\nNgười lao động được hưởng chế độ.\n",
			from: "Thông tư số 12", want: "12/2023/TT",
		},
		{
			name: "cut symbol completed from the same text",
			text: "Nghị định số 55/2021/NĐ-CP ngày 2/6/2021 của Chính phủ quy định về kinh doanh.\nCác cơ sở (theo Nghị định số 55/2021/NĐ- .› của Chính phủ) tiếp tục hoạt động.\n",
			from: "Nghị định số 55/2021/NĐ-CP", want: "55/2021/NĐ-CP", year: 2021, repaired: true, count: 2,
		},
		{
			name: "a stray stroke after a cut type",
			text: "Thông tư liên tịch số 12/2011/TTLT-BTC-BNG ngày 05/01/2011 hướng dẫn chế độ.\nThông tư liên tịch số 12/2011/TT1 hết hiệu lực.\n",
			from: "Thông tư liên tịch số 12/2011/TTLT", want: "12/2011/TTLT-BTC-BNG", year: 2011, repaired: true, count: 2,
		},
		{
			name: "codes damaged past the look-alikes, the whole symbol written elsewhere",
			text: "Từ ngày Nghị định số 41/2020/NĐZCP có hiệu lực đến nay, việc phát hành theo Nghị định số 41/2020/NĐ-CP.\n",
			from: "Nghị định số 41/2020/NĐZCP", want: "41/2020/NĐ-CP", year: 2020, repaired: true, count: 2,
		},
		{
			name: "a decree cut after its type at a line end",
			text: "các doanh nghiệp (theo Nghị định số 18/2023/NĐ-\n-CP) có trách nhiệm đáp ứng các điều kiện.\n",
			from: "Nghị định số 18/2023/NĐ", want: "18/2023/NĐ-CP", year: 2023, repaired: true,
		},
		{
			name: "a yearless short form of a whole symbol written elsewhere",
			text: "Tiền sử dụng đất, tiền thuê đất (hướng dẫn NQ 254/QH15)\n\nCăn cứ Nghị quyết số 254/2025/QH15 ngày 11/12/2025 của Quốc hội;\n",
			from: "254/QH15", want: "254/2025/QH15", year: 2025, repaired: true, count: 2,
		},
		{
			name: "a yearless short form with two whole symbols of its number stays",
			text: "theo NQ 12/QH15.\nCăn cứ Nghị quyết số 12/2021/QH15 và Nghị quyết số 12/2023/QH15 của Quốc hội;\n",
			from: "12/QH15", want: "12/QH15",
		},
		{
			name: "a decree's hyphen read as Z, the symbol written nowhere else",
			text: "Từ ngày Nghị định số 65/2022/NĐZCP có hiệu lực thi hành.\n",
			from: "Nghị định số 65/2022/NĐZCP", want: "65/2022/NĐ-CP", year: 2022, repaired: true,
		},
		{
			name: "an old decree without the Government's code is left as written",
			text: "theo Nghị định số 12/1990/NĐ của Hội đồng Bộ trưởng.\n",
			from: "Nghị định số 12/1990/NĐ", want: "12/1990/NĐ",
		},
		{
			name: "two whole symbols fit: left as written",
			text: "Thông tư số 30/2022/TT-BYT và Thông tư số 30/2022/TT-BCA đã quy định; Thông tư số 30/2022/TT- nói trên.\n",
			from: "Thông tư số 30/2022/TT- ", want: "30/2022/TT",
		},
		{
			name: "an underscore for the hyphen before a known issuer",
			text: "theo quy định tại Nghị định số 66/2018/NĐ_CP ngày 12 tháng 5 năm 2018 của Chính phủ\n",
			from: "Nghị định số 66", want: "66/2018/NĐ-CP", year: 2018, date: "2018-05-12",
		},
		{
			name: "a National Assembly code split before its term's digit",
			text: "miễn thuế theo Nghị quyết số 57/2022/QHI1 5 của Quốc hội về tài khóa\n",
			from: "Nghị quyết số 57", want: "57/2022/QH15", year: 2022, repaired: true,
		},
		{
			name: "split after the damaged letters",
			text: "theo khoản 3 Điều 2 của Luật Đấu thầu số 31/2023/QHI 5 ngày 23 tháng 6 năm 2023\n",
			from: "Luật Đấu thầu", want: "31/2023/QH15", year: 2023, repaired: true,
		},
		{
			name: "a known code followed by a number is left alone",
			text: "theo Luật số 31/2023/QH15 5 điều được sửa đổi\n",
			from: "Luật số 31", want: "31/2023/QH15",
		},
		{
			name: "the issuer named before the mention places it",
			text: "Xét đề nghị của Thường trực Hội đồng nhân dân tỉnh Gia Lai tại Tờ trình số 52/TTr-HĐND ngày 03 tháng 8 năm 2026.\n",
			from: "Tờ trình số 52", want: "52/TTr-HĐND", year: 2026,
			issuer: "Thường trực Hội đồng nhân dân tỉnh Gia Lai", province: "Gia Lai",
		},
		{
			name: "an issuer written after the mention wins",
			text: "Theo đề nghị của Sở Tài chính tại Công văn số 18/STC-NS ngày 02/02/2026 của Sở Tài chính tỉnh Lào Cai.\n",
			from: "Công văn số 18", want: "18/STC-NS", year: 2026,
			issuer: "Sở Tài chính tỉnh Lào Cai", province: "Lào Cai",
		},
		{
			name: "a law named as the object of an amending law is not the one cited",
			text: "- Luật Đường sắt ngày 16/6/2017; Luật sửa đổi, bổ sung một số điều của Luật Xây dựng ngày 17/6/2020;\n",
			from: "Luật sửa đổi", want: "62/2020/QH14", year: 2020,
		},
		{
			name: "an old joint circular keeps its type code",
			text: "3. Thông tư liên bộ số 21/TTLB-NV-TC ngày 02 tháng 5 năm 1991 của Bộ Nội vụ, Bộ Tài chính.\n",
			from: "Thông tư liên bộ", want: "21/TTLB-NV-TC", year: 1991,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := ParseText("VĂN BẢN\n\n" + c.text)
			var got *Reference
			for i := range d.References {
				if strings.HasPrefix(d.References[i].Text, c.from) || strings.HasPrefix(c.from, d.References[i].Text) {
					got = &d.References[i]
					break
				}
			}
			if got == nil {
				t.Fatalf("no reference at %q; got %+v", c.from, d.References)
			}
			if string(got.Symbol) != c.want {
				t.Errorf("symbol %q, want %q (%q)", got.Symbol, c.want, got.Text)
			}
			if c.year != 0 && int(got.Year) != c.year {
				t.Errorf("year %d, want %d", got.Year, c.year)
			}
			if c.date != "" && string(got.Date) != c.date {
				t.Errorf("date %q, want %q", got.Date, c.date)
			}
			if c.repaired != (len(got.Repaired) > 0) {
				t.Errorf("repaired %q, want a note: %v", got.Repaired, c.repaired)
			}
			if c.count != 0 && got.Count != c.count {
				t.Errorf("count %d, want %d: the mentions are one reference", got.Count, c.count)
			}
			if c.issuer != "" && string(got.Issuer) != c.issuer {
				t.Errorf("issuer %q, want %q", got.Issuer, c.issuer)
			}
			if c.province != "" && string(got.Province) != c.province {
				t.Errorf("province %q, want %q", got.Province, c.province)
			}
		})
	}
}

// English front matter keys give the identity when the body's header does
// not (a web copy whose title is set above the issuer line).
func TestFrontMatterEnglishKeys(t *testing.T) {
	d := ParseText("---\ntitle: \"Thông tư quy định về chứng từ\"\nnumber: 44/2026/TT-BTC\nissuer: \"Bộ Tài chính\"\nissuedate: 2026-05-20\n---\n\n# THÔNG TƯ\n\n## QUY ĐỊNH VỀ CHỨNG TỪ\n\n**BỘ TÀI CHÍNH**\n\nSố: 44/2026/TT-BTC\n")
	if d.Symbol != "44/2026/TT-BTC" || d.Date != "2026-05-20" {
		t.Errorf("symbol %q date %q, want 44/2026/TT-BTC 2026-05-20", d.Symbol, d.Date)
	}
}

// A code the tables lack takes its scope from the issuer the sentence names
// (audit seed 23: 4830/KTTH, 96/1997/QĐ-NH2 were filed under no place).
func TestIssuerNamesScope(t *testing.T) {
	for _, c := range []struct {
		text, sym, scope, issuer string
	}{
		{"Căn cứ ý kiến của Thủ tướng Chính phủ tại các Công văn số 4830/KTTH ngày 24/9/1997, số 1440/CP-KTTH ngày 12/11/1997 của Chính phủ;\n", "4830/KTTH", "national", "Chính phủ"},
		{"Bãi bỏ Quyết định số 96/1997/QĐ-NH2 ngày 15/4/1997 của Thống đốc Ngân hàng Nhà nước Việt Nam.\n", "96/1997/QĐ-NH2", "national", "Thống đốc Ngân hàng Nhà nước Việt Nam"},
		{"Theo Văn bản số 702/UBQPANĐN15 ngày 01/8/2025 của Ủy ban Quốc phòng, An ninh và Đối ngoại.\n", "702/UBQPANĐN15", "national", ""},
		{"40. Thông tư số 61-BT/TT ngày 15/5/1995 của Ủy ban Bảo vệ và chăm sóc trẻ em hướng dẫn kế hoạch sơ kết.\n", "61-BT/TT", "national", ""},
		{"Theo Công văn số 77/VPĐP ngày 2/3/2020 của Văn phòng Điều phối tỉnh.\n", "77/VPĐP", "", ""},
	} {
		d := ParseText("QUYẾT ĐỊNH\nThử\n" + c.text)
		got := refBySymbol(d, c.sym)
		if got == nil {
			t.Errorf("%s: not found in %q", c.sym, c.text)
			continue
		}
		if got.Scope != c.scope || c.issuer != "" && string(got.Issuer) != c.issuer {
			t.Errorf("%s: scope %q issuer %q, want %q %q", c.sym, got.Scope, got.Issuer, c.scope, c.issuer)
		}
	}
}
