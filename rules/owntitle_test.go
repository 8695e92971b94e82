package rules

import (
	"strings"
	"testing"
)

// An old title form names the document itself: "QUYẾT ĐỊNH / của Thủ tướng
// Chính phủ số 115/2004/QĐ-TTg ngày 25 tháng 6 năm 2004 về việc …" is its
// own symbol and date, not a citation of itself (audit 12fc190 #86).
func TestOwnIdentityInTitle(t *testing.T) {
	text := "QUYẾT ĐỊNH\ncủa Thủ tướng Chính phủ số 115/2004/QĐ-TTg ngày 25 tháng 6 năm 2004 về việc sửa đổi, bổ sung Quy chế ban hành kèm theo Quyết định số 193/2001/QĐ-TTg ngày 20 tháng 12 năm 2001 của Thủ tướng Chính phủ\n\nTHỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Nghị định số 90/2001/NĐ-CP ngày 23 tháng 11 năm 2001 của Chính phủ;\nQUYẾT ĐỊNH:\nĐiều 1. Sửa đổi, bổ sung một số điều của Quy chế.\n"
	d := ParseText(text)
	if d.Symbol != "115/2004/QĐ-TTg" || d.Date != "2004-06-25" {
		t.Errorf("own symbol %q, date %q; want 115/2004/QĐ-TTg, 2004-06-25", d.Symbol, d.Date)
	}
	if got := string(d.Subject); !strings.HasPrefix(got, "về việc") {
		t.Errorf("subject %q; want it to start at 'về việc'", got)
	}
	for _, r := range d.References {
		if r.Symbol == "115/2004/QĐ-TTg" {
			t.Errorf("the document cites itself: %+v", r)
		}
	}
	// A title that cites another document is left alone.
	d = ParseText("QUYẾT ĐỊNH\nVề việc thực hiện Quyết định số 12/2020/QĐ-TTg ngày 1 tháng 3 năm 2020\n\nĐiều 1. Thử.\n")
	if d.Symbol != "" {
		t.Errorf("a cited document taken as the own symbol: %q", d.Symbol)
	}
}

// TestFrontMatterDeterministic: two front-matter keys for one field
// ("co_quan_ban_hanh" and "issuer") give the same record on every run (the
// keys were read in map order, so the issuer changed from run to run).
func TestFrontMatterDeterministic(t *testing.T) {
	text := "---\nso_hieu: 12/2026/NĐ-CP\nngay_ban_hanh: 15/05/2026\nco_quan_ban_hanh: Chính phủ\nloai_van_ban: Nghị định\nissuer: CHÍNH PHỦ\nsigner: Nguyễn Văn A\n---\n\n# Nghị định 12/2026/NĐ-CP\n\nCăn cứ Luật số 63/2025/QH15;\n\nĐiều 1. Thử.\n"
	first := ParseText(text).Issuer
	for i := 0; i < 50; i++ {
		if got := ParseText(text).Issuer; got != first {
			t.Fatalf("run %d: issuer %q, run 0: %q", i, got, first)
		}
	}
}
