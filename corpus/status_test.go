package corpus

import (
	"context"
	"path/filepath"
	"testing"

	"vanban/rules"
)

// parseText is a Processor for plain-text fixtures.
func parseText(ctx context.Context, path string, data []byte) (rules.Document, error) {
	d := rules.ParseText(string(data))
	d.Source.Path = path
	return d, nil
}

// TestStatus: the force of a document from the stored graph — replaced,
// partly repealed, amended twice, and replaced by the claim of a third
// document — with the effective dates the acting texts give.
func TestStatus(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if _, err := s.Ingest(ctx, []string{filepath.Join("..", "testdata", "corpus", "status")}, IngestOptions{Process: parseText, Workers: 1}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		doc, state, text string
		claimed          bool
	}{
		{"10/2019/NĐ-CP", "replaced", "Bị thay thế bởi Nghị định 168/2024/NĐ-CP từ 01/01/2025", false},
		{"12/2018/NĐ-CP", "partly-repealed", "Bị bãi bỏ một phần bởi Nghị định 50/2021/NĐ-CP từ 15/05/2021", false},
		{"15/2020/NĐ-CP", "amended", "Được sửa đổi, bổ sung bởi Nghị định 14/2022/NĐ-CP từ 01/03/2022, Nghị định 20/2023/NĐ-CP từ 10/05/2023", false},
		{"30/2015/NĐ-CP", "replaced", "Bị thay thế bởi Nghị định 25/2021/NĐ-CP (theo Công văn 1234/BTC-QLCS)", true},
		{"168/2024/NĐ-CP", "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.doc, func(t *testing.T) {
			d, err := s.Resolve(ctx, tc.doc)
			if err != nil {
				t.Fatal(err)
			}
			st, err := s.Status(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			if tc.state == "" {
				if st != nil {
					t.Errorf("status = %+v, want none", st)
				}
				return
			}
			if st == nil {
				t.Fatalf("no status, want %s", tc.state)
			}
			if st.State != tc.state || st.Text != tc.text {
				t.Errorf("status = %q %q, want %q %q", st.State, st.Text, tc.state, tc.text)
			}
			if got := st.Acts[0].ClaimedBy != ""; got != tc.claimed {
				t.Errorf("claimed = %v, want %v", got, tc.claimed)
			}
		})
	}
}

func TestPartialAct(t *testing.T) {
	tests := []struct {
		sentence, mention string
		want              bool
	}{
		{"2. Bãi bỏ khoản 2 Điều 3 của Nghị định số 12/2018/NĐ-CP ngày …", "Nghị định số 12/2018/NĐ-CP", true},
		{"Nghị định này thay thế Nghị định số 10/2019/NĐ-CP.", "Nghị định số 10/2019/NĐ-CP", false},
		{"Bãi bỏ một số điều của Thông tư số 05/2020/TT-BTC.", "Thông tư số 05/2020/TT-BTC", true},
		{"Bãi bỏ Quyết định số 12/2018/QĐ-UBND.", "Quyết định số 12/2018/QĐ-UBND", false},
	}
	for _, tc := range tests {
		if got := partialAct(tc.sentence, tc.mention); got != tc.want {
			t.Errorf("partialAct(%q) = %v, want %v", tc.sentence, got, tc.want)
		}
	}
}

func TestModifierMention(t *testing.T) {
	tests := []struct {
		para, mention string
		want          bool
	}{
		{"4. Bãi bỏ điểm a khoản 4 Điều 182 của Luật Đất đai số 31/2024/QH15 đã được sửa đổi, bổ sung một số điều theo Luật số 43/2024/QH15 và Luật số 130/2025/QH15.", "Luật số 130/2025/QH15", true},
		{"4. Bãi bỏ điểm a khoản 4 Điều 182 của Luật Đất đai số 31/2024/QH15 đã được sửa đổi.", "Luật Đất đai số 31/2024/QH15", false},
		{"2. Nghị định này thay thế Nghị định số 10/2019/NĐ-CP.", "Nghị định số 10/2019/NĐ-CP", false},
	}
	for _, tc := range tests {
		if got := modifierMention(tc.para, tc.mention); got != tc.want {
			t.Errorf("modifierMention(%q, %q) = %v, want %v", tc.para, tc.mention, got, tc.want)
		}
	}
}
