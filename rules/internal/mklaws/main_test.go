package main

import "testing"

func TestNameOf(t *testing.T) {
	cases := []struct {
		text, want string
		ok         bool
	}{
		{"Luật Giáo dục số 43/2019/QH14", "Luật Giáo dục", true},
		{"Luật Tần số vô tuyến điện số 42/2009/QH12", "Luật Tần số vô tuyến điện", true},
		{"Bộ luật Lao động số 45/2019/QH14 ngày 20 tháng 11 năm 2019", "Bộ luật Lao động", true},
		{"Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 43/2024/QH15", "", false},
		{"LUẬT THI HÀNH ÁN HÌNH SỰ SỐ 127/2025/QH15", "", false},
		{"Luật số 63/2025/QH15", "", false},
	}
	for _, c := range cases {
		got, ok := nameOf(c.text)
		if got != c.want || ok != c.ok {
			t.Errorf("nameOf(%q) = %q %v, want %q %v", c.text, got, ok, c.want, c.ok)
		}
	}
}

func TestTermAndContext(t *testing.T) {
	for sym, want := range map[string]bool{"46/2010/QH12": true, "46/2020/QH12": false, "63/2025/QH15": true, "133/2025/QH1": false} {
		if termHolds(sym) != want {
			t.Errorf("termHolds(%s) != %v", sym, want)
		}
	}
	text := "Luật sửa đổi, bổ sung một số điều của các Luật có liên quan đến an ninh số 118/2025/QH15"
	if !amendingContext(text, 42) {
		t.Errorf("an amending law's title not seen")
	}
	if amendingContext("Căn cứ Luật Giáo dục số 43/2019/QH14", 7) {
		t.Errorf("a basis clause read as amending")
	}
}

func TestDropTypos(t *testing.T) {
	rows := []row{{"Luật Đầu tư công", "58/2024/QH15", "2024", "cited in a; 13 numbered citations"}}
	added := []row{
		{"Luật Đầu tư công", "58/2025/QH15", "2025", "cited in b; 1 numbered citations"},
		{"Luật Vũ khí", "42/2024/QH15", "2024", "cited in c; 1 numbered citations"},
		{"Luật Vũ khí", "42/2025/QH15", "2025", "cited in d; 1 numbered citations"},
		{"Luật Du lịch", "09/2017/QH14", "2017", "cited in e; 1 numbered citations"},
	}
	got := dropTypos(rows, added)
	if len(got) != 1 || got[0].symbol != "09/2017/QH14" {
		t.Errorf("dropTypos kept %v, want only 09/2017/QH14", got)
	}
}
