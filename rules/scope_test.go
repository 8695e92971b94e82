package rules

import (
	"strings"
	"testing"
)

// A cited document's scope and number, from what the citing sentence says of
// it: a code the tables lack is a central body's when the sentence names
// one; a real code a letter away from a known one is not "repaired" into it;
// a sub-number after a dot stays in the number.
func TestReferenceScopeFromIssuer(t *testing.T) {
	text := `BỘ TÀI CHÍNH
Số: 12/2005/TT-BTC
Hà Nội, ngày 1 tháng 2 năm 2005
THÔNG TƯ
Hướng dẫn thi hành một số điểm về thuế
Căn cứ Thông tư số 04 TC/TCT ngày 10/1/1995 của Bộ Tài chính về thuế;
Căn cứ Nghị quyết số 66.12/2026/NQ-CP ngày 3/3/2026 của Chính phủ;
Căn cứ Quyết định số 15/QĐ-TCHQ ngày 3/3/2004 của Tổng cục trưởng Tổng cục Hải quan;
Căn cứ Công văn số 158/UB ngày 3/4/2020 của Ủy ban Quốc gia Ứng phó sự cố, thiên tai và Tìm kiếm cứu nạn;
Căn cứ Quyết định số 3914/QĐ-UBND ngày 5/5/2020 của Chủ tịch UBND huyện Tư Nghĩa;
Căn cứ Chỉ thị số 16/CT-TTE ngày 4/4/2020 của Thủ tướng Chính phủ;
`
	d := ParseText(text)
	want := map[string]struct{ scope, number string }{
		"04-TC/TCT":        {"national", "04"},
		"66.12/2026/NQ-CP": {"national", "66.12"},
		"15/QĐ-TCHQ":       {"national", "15"},
		"158/UB":           {"national", "158"},
		"3914/QĐ-UBND":     {"local", "3914"},
		"16/CT-TTg":        {"national", "16"},
	}
	got := map[string]bool{}
	for _, r := range d.References {
		w, ok := want[string(r.Symbol)]
		if !ok {
			t.Errorf("unexpected reference %q", r.Symbol)
			continue
		}
		got[string(r.Symbol)] = true
		if r.Scope != w.scope || string(r.Number) != w.number {
			t.Errorf("%s: scope %q number %q, want %q %q", r.Symbol, r.Scope, r.Number, w.scope, w.number)
		}
	}
	for s := range want {
		if !got[s] {
			t.Errorf("missing %s", s)
		}
	}
}

func TestFixCodeLookalikesOnly(t *testing.T) {
	tb := DefaultTables()
	for _, tc := range []struct{ in, want string }{
		{"TTE", "TTg"}, // Tesseract's g
		{"TCT", "TCT"}, // Tổng cục Thuế: a real code, not BCT
		{"KTT", "KTT"}, // a form's code, not BTT
		{"ZZZZ", "ZZZZ"},
	} {
		if got := tb.fixCode(tc.in, true); got != tc.want {
			t.Errorf("fixCode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Codes that name no document: a bare code (no type written before it, no
// "số", issuer or date with it) whose issuer the tables do not know is a form,
// a unit or a formula; a missing hyphen before a known issuer is mended.
func TestBareCodesAndMissingHyphen(t *testing.T) {
	text := `BỘ TÀI CHÍNH
Số: 91/2026/TT-BTC
Hà Nội, ngày 1 tháng 2 năm 2026
THÔNG TƯ
Hướng dẫn quản lý thuế
Điều 5. Xóa nợ
1. Người nộp thuế lập tờ khai theo mẫu số 01-
1/HKNN Phụ lục II ban hành kèm theo Thông tư này.
2. Ký hiệu: 03-SDKP/ĐVDT
3. Điều kiện: qx1/QUX1 + qx2/QUX2 ≥ 1; hoạt độ 8 TBq/L.
4. Căn cứ Thông tư số 13/2020/TT BTC ngày 1/2/2020 của Bộ Tài chính.
5. Bãi bỏ các Quyết định số 1200/2001/QĐ-TCHQ, số 1494/2001/QĐ-TCHQ của Tổng cục trưởng Tổng cục Hải quan.
6. Thực hiện 33/CT-TTg và 109-KH/ThU.
| Mẫu hiển thị | Tên loại hóa đơn |
| 02/BH | Hóa đơn bán hàng |
| 04/HGĐL | Phiếu xuất kho hàng gửi bán đại lý |
`
	d := ParseText(text)
	var got []string
	for _, r := range d.References {
		got = append(got, string(r.Symbol))
	}
	want := []string{"13/2020/TT-BTC", "1200/2001/QĐ-TCHQ", "1494/2001/QĐ-TCHQ", "33/CT-TTg", "109-KH/ThU"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("references %q, want %q", got, want)
	}
}

// Central bodies' codes from the issuers table: departments of ministries,
// old ministry codes, liên bộ circulars and National Assembly committees.
func TestCentralCodes(t *testing.T) {
	d := ParseText("Căn cứ Luật số 34/2014/QHi3 ngày 1/1/2014;\nTheo Báo cáo số 828/BC-UBPLTP15 ngày 12 tháng 8 năm 2025;\nCăn cứ các Quyết định số 1494/2001/QĐ-TCHQ, số 1495/2001/QĐ-TCHQ;\nThông tư số 90TC/TCT ngày 10/11/1993; thông tư liên bộ số 195/LB ngày 13/11/1992; Quyết định số 2472QĐ/GTVT ngày 20/9/1997.\nTheo Nghị quyết số 05/2025/NQ.CP.\n")
	want := []string{"34/2014/QH13", "828/BC-UBPLTP15", "1494/2001/QĐ-TCHQ", "1495/2001/QĐ-TCHQ", "90-TC/TCT", "195/LB", "2472-QĐ/GTVT", "05/2025/NQ-CP"}
	if len(d.References) != len(want) {
		t.Fatalf("references %+v", d.References)
	}
	for i, r := range d.References {
		if string(r.Symbol) != want[i] || r.Scope != "national" {
			t.Errorf("%d: %s %s, want %s national", i, r.Symbol, r.Scope, want[i])
		}
	}
}
