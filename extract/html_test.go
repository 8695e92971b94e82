package extract

import (
	"context"
	"strings"
	"testing"
)

func TestHTMLNews(t *testing.T) {
	res, err := Extract(context.Background(), "news.html", officeFixture(t, "news.html"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != FormatHTML {
		t.Fatalf("format %q", res.Format)
	}
	for _, want := range []string{
		"Chính phủ ban hành Nghị định quy định chi tiết Luật Đất đai", // the title, outside the article block
		"Số: 12/2024/NĐ-CP",
		"Điều 1. Phạm vi điều chỉnh",
		"quản lý, sử dụng đất & giao đất", // entity decoded
		"Loại đất\tThời hạn",              // a table row
		"Điều 2. Hiệu lực thi hành",
	} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("missing %q in:\n%s", want, res.Text)
		}
	}
	for _, bad := range []string{"tracking", "color:red", "Trang chủ", "Thời sự", "Bình luận", "Bạn đọc A", "Giá vàng",
		"Tin liên quan", "Giấy phép số", "Chia sẻ", "Viết bình luận"} {
		if strings.Contains(res.Text, bad) {
			t.Errorf("page chrome %q kept:\n%s", bad, res.Text)
		}
	}
}

func TestHTMLCharset(t *testing.T) {
	// Windows-1258 page: decomposed tones, to be composed by normalize (NFC).
	page := []byte("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1258\"></head><body><p>Quy\xea\xect \xf0i\xf2nh s\xf4\xec 5</p></body></html>")
	res, err := Extract(context.Background(), "cp1258.html", page, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Text, "Quyê\u0301t đi\u0323nh") {
		t.Errorf("windows-1258 not decoded: %q (%s)", res.Text, res.Encoding)
	}
	// Undeclared 8-bit page: bytes pass through for normalize.
	res, err = Extract(context.Background(), "tcvn3.html", []byte("<html><body><p>C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam, \xae\xe9c l\xcbp</p></body></html>"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Encoding != "8bit" || !strings.Contains(res.Text, "Céng hoµ") {
		t.Errorf("8-bit page: %q %q", res.Text, res.Encoding)
	}
}
