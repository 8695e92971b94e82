package rules

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

type goldReport struct {
	To       string  `json:"to"`
	Via      *string `json:"via"`
	Deadline *string `json:"deadline"`
}

type goldTask struct {
	File     string      `json:"file"`
	Text     string      `json:"text"`
	Lead     string      `json:"lead"`
	Support  []string    `json:"support"`
	Deadline *string     `json:"deadline"`
	Report   *goldReport `json:"report"`
}

func deadlineKey(d *Deadline) *string {
	if d == nil {
		return nil
	}
	s := d.Date
	if s == "" {
		s = d.Period
	}
	return &s
}

func strp(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

// TestTasksGold measures task extraction on the tasks marked by hand in
// testdata/tasks-gold.json (seeds and real documents of ../shared): the
// bodies (lead and support), the deadline and the reporting duty, each exact.
func TestTasksGold(t *testing.T) {
	shared := sharedDir(t)
	b, err := os.ReadFile(filepath.Join("testdata", "tasks-gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Tasks []goldTask `json:"tasks"`
	}
	if err := json.Unmarshal(b, &gold); err != nil {
		t.Fatal(err)
	}
	if len(gold.Tasks) < 30 {
		t.Fatalf("gold holds %d tasks, want at least 30", len(gold.Tasks))
	}
	docs := map[string]Document{}
	var body, deadline, report, found int
	for _, g := range gold.Tasks {
		d, ok := docs[g.File]
		if !ok {
			raw, err := os.ReadFile(filepath.Join(shared, "corpus", g.File))
			if err != nil {
				t.Fatal(err)
			}
			d = ParseText(string(raw))
			docs[g.File] = d
		}
		var got *Task
		for i := range d.Tasks {
			if strings.HasPrefix(d.Tasks[i].Text, g.Text) {
				got = &d.Tasks[i]
				break
			}
		}
		if got == nil {
			t.Logf("MISSING %s: %q", g.File, g.Text)
			continue
		}
		found++
		if string(got.Lead) == g.Lead && reflect.DeepEqual(got.Support, append([]string{}, g.Support...)) {
			body++
		} else {
			t.Logf("BODY %q: got %q %q, want %q %q", g.Text, got.Lead, got.Support, g.Lead, g.Support)
		}
		if strp(deadlineKey(got.Deadline)) == strp(g.Deadline) {
			deadline++
		} else {
			t.Logf("DEADLINE %q: got %s, want %s", g.Text, strp(deadlineKey(got.Deadline)), strp(g.Deadline))
		}
		okRep := (got.Report == nil) == (g.Report == nil)
		if okRep && got.Report != nil {
			via := ""
			if g.Report.Via != nil {
				via = *g.Report.Via
			}
			okRep = got.Report.To == g.Report.To && got.Report.Via == via &&
				strp(deadlineKey(got.Report.Deadline)) == strp(g.Report.Deadline)
		}
		if okRep {
			report++
		} else {
			t.Logf("REPORT %q: got %+v, want %+v", g.Text, got.Report, g.Report)
		}
	}
	n := float64(len(gold.Tasks))
	t.Logf("tasks %d: found %.3f, bodies %.3f, deadlines %.3f, reports %.3f",
		len(gold.Tasks), float64(found)/n, float64(body)/n, float64(deadline)/n, float64(report)/n)
	for name, v := range map[string]int{"bodies": body, "deadlines": deadline, "reports": report} {
		if float64(v)/n < 0.9 {
			t.Errorf("%s exact for %d/%d tasks, want ≥ 90%%", name, v, len(gold.Tasks))
		}
	}
}

func TestTaskFields(t *testing.T) {
	plan := func(body string) string {
		return "TỈNH ỦY BÌNH ĐỊNH\n*\nSố 12-KL/TU\nQuy Nhơn, ngày 10 tháng 3 năm 2022\nKẾT LUẬN\ncủa Ban Thường vụ Tỉnh ủy về công tác dân vận\n" +
			"I. TÌNH HÌNH\nCông tác dân vận có chuyển biến.\nII. TỔ CHỨC THỰC HIỆN\n" + body + "\nNơi nhận:\n- Các huyện ủy, thị ủy, thành ủy,\n- Lưu VPTU.\n"
	}
	s := func(v string) *string { return &v }
	tests := []struct {
		name, body string
		lead       string
		support    []string
		deadline   *Deadline
		report     *Report
	}{
		{"lead and support", "1. Ban Dân vận Tỉnh ủy chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy, Ủy ban MTTQ tỉnh và các đoàn thể theo dõi việc thực hiện.",
			"Ban Dân vận Tỉnh ủy", []string{"Ban Tổ chức Tỉnh ủy", "Ủy ban MTTQ tỉnh", "các đoàn thể"}, nil, nil},
		{"class with commas and a quarter", "2. Các huyện ủy, thị ủy, thành ủy xây dựng kế hoạch thực hiện Kết luận này, hoàn thành trong quý II năm 2022.",
			"Các huyện ủy, thị ủy, thành ủy", []string{}, &Deadline{Period: "2022-Q2", Due: "2022-06-30", Text: "hoàn thành trong quý II năm 2022"}, nil},
		{"report with via and date", "3. Các cấp ủy báo cáo kết quả về Ban Thường vụ Tỉnh ủy (qua Ban Dân vận Tỉnh ủy) trước ngày 15/12/2022.",
			"Các cấp ủy", []string{}, nil, &Report{To: "Ban Thường vụ Tỉnh ủy", Via: "Ban Dân vận Tỉnh ủy", Deadline: &Deadline{Date: "2022-12-15", Due: "2022-12-15", Text: "trước ngày 15/12/2022"}}},
		{"given to a body", "4. Giao Ban Tuyên giáo Tỉnh ủy hướng dẫn tuyên truyền hằng năm.",
			"Ban Tuyên giáo Tỉnh ủy", []string{}, &Deadline{Period: "yearly", Text: "hằng năm"}, nil},
		{"month", "5. Ủy ban nhân dân tỉnh ban hành kế hoạch, hoàn thành trong tháng 6/2023.",
			"Ủy ban nhân dân tỉnh", []string{}, &Deadline{Period: "2023-06", Due: "2023-06-30", Text: "hoàn thành trong tháng 6/2023"}, nil},
		{"half-yearly report", "6. Sở Nội vụ định kỳ 6 tháng báo cáo Ủy ban nhân dân tỉnh.",
			"Sở Nội vụ", []string{}, nil, &Report{To: "Ủy ban nhân dân tỉnh", Deadline: &Deadline{Period: "half-yearly", Text: "định kỳ 6 tháng"}}},
	}
	_ = s
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := ParseText(plan(tc.body))
			if len(d.Tasks) != 1 {
				t.Fatalf("got %d tasks, want 1: %+v", len(d.Tasks), d.Tasks)
			}
			got := d.Tasks[0]
			if string(got.Lead) != tc.lead || !reflect.DeepEqual(got.Support, tc.support) {
				t.Errorf("bodies = %q %q, want %q %q", got.Lead, got.Support, tc.lead, tc.support)
			}
			if !reflect.DeepEqual(got.Deadline, tc.deadline) {
				t.Errorf("deadline = %+v, want %+v", got.Deadline, tc.deadline)
			}
			if !reflect.DeepEqual(got.Report, tc.report) {
				t.Errorf("report = %+v, want %+v", got.Report, tc.report)
			}
			rs := []rune(d.Text)
			if string(rs[got.Start:got.End]) != got.Text {
				t.Errorf("offsets %d-%d do not cut %q", got.Start, got.End, got.Text)
			}
		})
	}
}

// FuzzTasks checks task extraction never panics and keeps its offsets in the text.
func FuzzTasks(f *testing.F) {
	for _, s := range []string{
		"III. TỔ CHỨC THỰC HIỆN\n1. Ban Dân vận chủ trì, phối hợp với Sở Nội vụ báo cáo về Tỉnh ủy (qua Ban Dân vận) trước ngày 15/12/2022.",
		"TỔ CHỨC THỰC HIỆN\nCác huyện, thị, thành ủy hoàn thành trong quý II năm",
		"Điều 5. Trách nhiệm của Bộ Tư pháp\n1. Chủ trì", "chủ trì", "báo cáo (qua", "trong thời hạn 3 ngày", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		d := ParseText(in)
		rs := []rune(d.Text)
		for _, tk := range d.Tasks {
			if tk.Start < 0 || tk.End > len(rs) || tk.Start > tk.End || string(rs[tk.Start:tk.End]) != tk.Text {
				t.Fatalf("task offsets %d-%d do not cut %q", tk.Start, tk.End, tk.Text)
			}
		}
	})
}

// BenchmarkTasks measures task extraction alone (lines and headings given),
// on the texts of BenchmarkParse.
func BenchmarkTasks(b *testing.B) {
	texts, n := benchTexts(b)
	type in struct {
		lines    []textLine
		headings []Heading
		from     int
	}
	var ins []in
	for _, t := range texts {
		d := ParseText(t)
		from := 0 // the body: from the first heading, as Parse reads it after the header
		if len(d.Headings) > 0 {
			from = d.Headings[0].Start
		}
		ins = append(ins, in{splitTextLines(d.Text, len([]rune(d.Text))), d.Headings, from})
	}
	b.SetBytes(n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, x := range ins {
			tasks(x.lines, x.headings, x.from, 1<<30, 2022)
		}
	}
}
