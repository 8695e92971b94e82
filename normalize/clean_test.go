package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestChars(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"en dash", "2021 – 2025", "2021 - 2025"},
		{"non-breaking hyphen in symbol", "01/2019/TT‑BNV", "01/2019/TT-BNV"},
		{"minus and full-width", "a−b－c", "a-b-c"},
		{"nbsp and thin space", "Số:\u00a0109\u2009KH", "Số: 109 KH"},
		{"zero width", "Chỉ\u200b thị", "Chỉ thị"},
		{"crlf", "a\r\nb\rc", "a\nb\nc"},
		{"NFD to NFC", "Chi\u0309 thi\u0323", "Chỉ thị"},
		{"mark order", "e\u0301\u0302", "ế"},
		{"mark order, several and at the end", "Vie\u0323\u0302t va\u0300 o\u0309\u031b ta\u0302\u0300ng tre\u0300\u0302n nu\u0301\u031b", "Việt và ở tầng trền nứ"},
		{"eth for Đ", "ÐẢNG", "ĐẢNG"},
		{"cyrillic look-alikes", "ngàу ѕản", "ngày sản"},
		{"curly quotes kept", "“Dân vận khéo”", "“Dân vận khéo”"},
	}
	for _, tc := range tests {
		if got := Chars(tc.in); got != tc.want {
			t.Errorf("%s: Chars(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestToneAndFold(t *testing.T) {
	pairs := [][2]string{{"hoà", "hòa"}, {"Uỷ ban", "Ủy ban"}, {"Thanh Hoá", "Thanh Hóa"}, {"khoẻ", "khỏe"}, {"THUỶ", "THỦY"}}
	for _, p := range pairs {
		if Key(p[0]) != Key(p[1]) {
			t.Errorf("Key(%q) = %q, Key(%q) = %q: want equal", p[0], Key(p[0]), p[1], Key(p[1]))
		}
		if CanonicalTone(p[0]) != p[1] {
			t.Errorf("CanonicalTone(%q) = %q, want %q", p[0], CanonicalTone(p[0]), p[1])
		}
	}
	for _, same := range []string{"quý", "hoàng", "thuyền", "giải", "hoa"} {
		if CanonicalTone(same) != same {
			t.Errorf("CanonicalTone(%q) = %q, want unchanged", same, CanonicalTone(same))
		}
	}
	if Key("dân") == Key("dẫn") {
		t.Error("Key must keep tones: dân ≠ dẫn")
	}
	for in, want := range map[string]string{"Nơi nhận": "noi nhan", "Noi nhận": "noi nhan", "ĐẢNG": "dang", "Bí THƯ": "bi thu", "Căn cú": "can cu", "ÐẢNG": "dang"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
		if utf8.RuneCountInString(Fold(in)) != utf8.RuneCountInString(in) {
			t.Errorf("Fold(%q) changed the rune count", in)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		want      string   // substring the text must hold
		wantNot   []string // substrings it must not hold
		footnotes int
	}{
		{"markdown marks", "## **KẾ HOẠCH** Phối hợp\n#### **1. Trách nhiệm**\n*dân biết, dân bàn*", "KẾ HOẠCH Phối hợp\n1. Trách nhiệm\ndân biết, dân bàn", []string{"#", "*"}, 0},
		{"signature initials", "báo cáo Ban Thường vụ. *Thuyh*\n\nNơi nhận:\n*ZRH*", "báo cáo Ban Thường vụ.\n\nNơi nhận:", []string{"Thuyh", "ZRH"}, 0},
		{"rules and separators", "KẾ HOẠCH\n----------------\n*\n___", "KẾ HOẠCH", []string{"---", "___"}, 0},
		{"page number between the halves of a cut sentence", "bổ sung một số điều của Thông tư số 55/2023/TT-BTC và Thông\n16\n\ntư số 112/2025/TT-BTC ngày 28 tháng 11 năm 2025 của Bộ Tài chính.", "55/2023/TT-BTC và Thông tư số 112/2025/TT-BTC", []string{"16"}, 0},
		{"a range of years cut at its dash", "thực hiện các Chương trình mục tiêu quốc gia giai đoạn 2021-\n\n2025, Thông tư số 175/2024/TT-BTC.", "giai đoạn 2021-2025, Thông tư số 175/2024/TT-BTC.", nil, 0},
		{"a page number alone stays where no sentence is cut", "Điều 5. Hiệu lực thi hành.\n16\n\nĐiều 6. Trách nhiệm thi hành.", "thi hành.\n16\n", nil, 0},
		{"a portal's list of other articles", "Điều 40. Hiệu lực thi hành.\nTweet\nÝ kiến bạn đọc\nNhững tin mới hơn\nNghị định 96/2025/NĐ-CP\n(27/06/2026)\nNghị định số 229/2026/NĐ-CP\n(27/06/2026)\nNhững tin cũ hơn\nNghị định số 221/2026/NĐ-CP\n(25/06/2026)\nLê Bảo Ngân – Hành trình trưởng thành cùng tri thức\nĐiều 41. Trách nhiệm thi hành.", "Lê Bảo Ngân", []string{"96/2025", "229/2026", "221/2026", "(27/06/2026)"}, 0},
		{"a hard wrap after a word no sentence ends with", "3. Bãi bỏ Điều 10 của Nghị định số 18/2026/NĐ-CP ngày 14 tháng 01\n\nnăm 2026 của Chính phủ sửa đổi, bổ sung một số nghị định thuộc phạm vi quản lý của\nBộ Tư pháp; các Điều 27, 28 của Nghị định số 121/2025/NĐ-CP.", "phạm vi quản lý của Bộ Tư pháp; các Điều 27", nil, 0},
		{"a place and date line ends its line", "Số : 26/2001/NĐ-CP\nHà Nội, ngày 04 tháng 6 năm 2001\n\nnghị định của chính phủ", "năm 2001\n\nnghị định", nil, 0},
		{"a crawler's notes and references after the document", "### Điều 11. Tổ chức thực hiện\n\n1. Cục Viễn thông chịu trách nhiệm thi hành.\n\n## Ghi chú phương pháp crawl\n\n- PDF được tải từ datafiles.chinhphu.vn\n\n## Tham khảo\n\n- Nghị định 70/2024/NĐ-CP: Quy định chi tiết Luật Căn cước\n", "1. Cục Viễn thông chịu trách nhiệm thi hành.", []string{"70/2024", "crawl", "Tham khảo"}, 0},
		{"an editor's note ends at the next heading of its level", "## GHI CHÚ VỀ NỘI DUNG CHÍNH\n\nNghị định này thay thế Nghị định 51/2025/NĐ-CP.\n### Tóm tắt\n- thay thế\n## NGUỒN KINH PHÍ THỰC HIỆN\n\nKinh phí do ngân sách nhà nước bảo đảm.", "NGUỒN KINH PHÍ THỰC HIỆN\n\nKinh phí do ngân sách", []string{"51/2025", "Tóm tắt"}, 0},
		{"a list of most-read articles", "Điều 40. Hiệu lực thi hành.\nTổng lượt truy cập21,305,597\nTin xem nhiều\nLuật Thuế GTGT 1/1/2026: Bước Ngoặt Cho Hộ Kinh Doanh\nBảng Tỷ Lệ Thuế Suất Theo Thông Tư 40/2021/TT-BTC\n\nĐiều 41. Trách nhiệm thi hành.", "Điều 41", []string{"40/2021", "GTGT"}, 0},
		{"page break cut", "sơ, tổng kết các nghị quyết, chỉ thị, quy\n\nđịnh của Trung ương về công tác dân vận.", "chỉ thị, quy định của Trung ương", nil, 0},
		{"hard wrap before an article named in a sentence", "Điều 4. Thông tư này thay thế Thông tư số 01/2025/TT-BXD ngày 22 tháng 01 năm 2025,\nĐiều 12 Thông tư số 09/2025/TT-BXD ngày 13 tháng 6 năm 2025, khoản 6\nĐiều 1 và Điều 3 Thông tư số 60/2025/TT-BXD.", "năm 2025, Điều 12 Thông tư số 09/2025/TT-BXD ngày 13 tháng 6 năm 2025, khoản 6 Điều 1 và Điều 3", nil, 0},
		// audit 12fc190 #65 #95: a wrap before a symbol cut the list of a Căn cứ line
		{"hard wrap before a symbol", "ban hành kèm theo Nghị định sô\n146/2025/NĐ-CP ngày 12 tháng 6 năm 2025 quy định về phân quyền", "Nghị định sô 146/2025/NĐ-CP ngày 12", nil, 0},
		{"hard wrap before the last symbol of a list", "Căn cứ Luật Chất lượng sản phẩm, hàng hóa số 05/2007/QH12 đã được\nsửa đổi, bổ sung một số điều theo Luật số 35/2018/QH14 và Luật số\n78/2025/QH15;\nTheo đề nghị của Bộ trưởng", "và Luật số 78/2025/QH15;\nTheo đề nghị", nil, 0},
		{"a numbered line is no symbol", "Các nhiệm vụ sau đây\n2/ Tổ chức thực hiện", "sau đây\n2/ Tổ chức", nil, 0},
		{"an article's heading stays on its line", "1. Thông tư này có hiệu lực kể từ ngày ký ban hành và áp dụng cho mọi cơ quan\nĐiều 12. Tổ chức thực hiện", "cơ quan\nĐiều 12. Tổ chức", nil, 0},
		{"form feed cut", "…đẩy mạnh phát triển kinh tế - xã hội của\fđịa phương trong năm 2023.", "xã hội của địa phương", nil, 0},
		{"no join after a sentence", "Công tác dân vận được tăng cường.\n\nthực hiện tốt.", "tăng cường.\n\nthực hiện tốt.", nil, 0},
		{"no join after a title in capitals", "KẾ HOẠCH\nthực hiện chương trình công tác dân vận năm 2023", "KẾ HOẠCH\nthực hiện", nil, 0},
		{"footnote moved out", "kịp thời¹; sơ kết giữa nhiệm kỳ Nghị quyết Đại hội Đảng bộ tỉnh lần\n\n¹ Tổng kết 20 năm thực hiện Nghị quyết số 09-NQ/TW.\n\nthứ XIV về công tác dân vận.", "Đảng bộ tỉnh lần thứ XIV về công tác dân vận.\n\n¹ Tổng kết 20 năm", nil, 1},
		{"footnote continued on the next page", "thực hiện tốt phương châm dân chủ và Luật thực\n\n¹ Tổng kết năm thực hiện Chỉ thị số 21-CT/TW; sơ kết 5\n\nnăm thực hiện Quy định số 124-QĐ/TW của Ban Bí thư.\n\nhiện dân chủ ở cơ sở; lấy kết quả công việc làm tiêu chí.", "Luật thực hiện dân chủ ở cơ sở", []string{"thực năm"}, 1},
		{"web chrome", "Ban Dân vận Tỉnh ủy triển khai thực hiện Kết luận này.\n\nP.N\n\n {name} - {time}\n\n Trả lời\n\n{body}\n\n0 bình luận\n\nChia sẻ thông tin với bạn bè!\nTắt [X]", "triển khai thực hiện Kết luận này.", []string{"{name}", "Trả lời", "bình luận", "Chia sẻ", "P.N"}, 0},
		{"signature block is not chrome", "Nơi nhận:\n- Lưu VP.\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nĐinh Văn Tuấn", "BÍ THƯ\nĐinh Văn Tuấn", nil, 0},
		{"duplicated lead", "Ngày 1-8-2022, Ban Thường vụ Tỉnh ủy Thanh Hóa ban hành Kết luận số 862-KL/TU về công tác dân vận.\nNgày 1-8-2022, Ban Thường vụ Tỉnh ủy Thanh Hóa ban hành Kết luận số 862-KL/TU về công tác dân vận.", "dân vận.", nil, 0},
		{"caption", "Hội nghị Ban Thường vụ Tỉnh ủy ngày 1-6-2022 (Ảnh: MH)\nNội dung.", "Nội dung.", []string{"Ảnh"}, 0},
		{"markdown table", "| Số hiệu | 159/NQ-CP |\n|---|---|\n| Loại văn bản | Nghị quyết |", "Số hiệu | 159/NQ-CP\nLoại văn bản | Nghị quyết", []string{"---"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Clean(tc.in)
			if !strings.Contains(r.Text, tc.want) {
				t.Errorf("text %q does not hold %q", r.Text, tc.want)
			}
			for _, no := range tc.wantNot {
				if strings.Contains(r.Text, no) {
					t.Errorf("text %q still holds %q", r.Text, no)
				}
			}
			if len(r.Footnotes) != tc.footnotes {
				t.Errorf("footnotes = %+v, want %d", r.Footnotes, tc.footnotes)
			}
			rs := []rune(r.Text)
			for _, f := range r.Footnotes {
				n := utf8.RuneCountInString(f.Text)
				if f.Start < r.BodyEnd || f.Start+n > len(rs) || string(rs[f.Start:f.Start+n]) != f.Text {
					t.Errorf("footnote %q at %d is not where its offset says", f.Text, f.Start)
				}
			}
		})
	}
	if r := Clean("Nội dung đã xong.\n\n{name} - {time}\n\nTrả lời\n\n0 bình luận"); r.Removed["chrome"] != 3 {
		t.Errorf("chrome lines counted %d, want 3", r.Removed["chrome"])
	}
	dup := Clean("Ngày 1-8-2022, Ban Thường vụ Tỉnh ủy Thanh Hóa ban hành Kết luận số 862-KL/TU về công tác dân vận.\nNgày 1-8-2022, Ban Thường vụ Tỉnh ủy Thanh Hóa ban hành Kết luận số 862-KL/TU về công tác dân vận.")
	if strings.Count(dup.Text, "862-KL/TU") != 1 {
		t.Errorf("duplicated lead kept: %q", dup.Text)
	}
}

func TestFrontMatter(t *testing.T) {
	r := Clean("---\nlayout: vanban\nso-hieu: 159/NQ-CP\ntags:\n  - nghị quyết\ntitle: \"Nghị quyết 159/NQ-CP\"\n---\n\n# NGHỊ QUYẾT\n")
	if r.Meta["so-hieu"] != "159/NQ-CP" || r.Meta["title"] != "Nghị quyết 159/NQ-CP" || r.Meta["tags"] != "" {
		t.Errorf("meta = %v", r.Meta)
	}
	if strings.Contains(r.Text, "layout") || !strings.Contains(r.Text, "NGHỊ QUYẾT") {
		t.Errorf("text = %q", r.Text)
	}
}

// FuzzClean checks that Clean never panics, returns valid UTF-8, and keeps
// its offsets inside its text.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"KẾ HOẠCH\nthực hiện", "a¹\n\n¹ b\n\nc", "---\nx: y\n---\n", "*ZRH*", "{name} - {time}\nTrả lời\n0 bình luận", "\f\r\n\u00a0", "| a | b |\n|---|"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		r := Clean(in)
		if !utf8.ValidString(r.Text) && utf8.ValidString(in) {
			t.Fatalf("invalid UTF-8 out of valid input")
		}
		n := utf8.RuneCountInString(r.Text)
		if r.BodyEnd < 0 || r.BodyEnd > n {
			t.Fatalf("BodyEnd %d outside text of %d runes", r.BodyEnd, n)
		}
		rs := []rune(r.Text)
		for _, fn := range r.Footnotes {
			if fn.Start < 0 || fn.Start+utf8.RuneCountInString(fn.Text) > len(rs) {
				t.Fatalf("footnote offset %d outside text", fn.Start)
			}
		}
		if Fold(r.Text) != "" && utf8.RuneCountInString(Fold(r.Text)) != n {
			t.Fatalf("Fold changed the rune count")
		}
	})
}

func BenchmarkClean(b *testing.B) {
	s := strings.Repeat("Thực hiện Kế hoạch số 371/KH-MTTQ-BTT ngày 26/3/2022 của Ban Thường trực Uỷ ban Mặt trận Tổ quốc tỉnh Thanh Hoá về thực hiện “Năm dân vận chính quyền” 2022, các nghị quyết, chỉ thị, quy\n\nđịnh của Trung ương.\n", 500)
	b.SetBytes(int64(len(s)))
	for i := 0; i < b.N; i++ {
		Clean(s)
	}
}
