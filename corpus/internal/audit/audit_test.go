package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"vanban/corpus"
	"vanban/rules"
)

// fixture is a synthetic corpus: plans of two provinces that implement a
// central directive and cite their own province's documents (local edges),
// plus a national decree citing laws (national edges).
func fixture() []rules.Document {
	type ref struct {
		typ, sym string
		year     int
		rel      rules.Relation
	}
	mk := func(typ, sym, date, province string, refs ...ref) rules.Document {
		var b strings.Builder
		fmt.Fprintf(&b, "%s %s\n", strings.ToUpper(typ), sym)
		var rs []rules.Reference
		for _, r := range refs {
			verb := "Căn cứ "
			if r.rel == rules.Implements {
				verb = "Thực hiện "
			}
			b.WriteString(verb)
			text := r.typ + " số " + r.sym
			start := len([]rune(b.String()))
			b.WriteString(text)
			rs = append(rs, rules.Reference{Type: rules.NString(r.typ), Symbol: rules.NString(r.sym), Year: rules.NInt(r.year),
				Relation: r.rel, Count: 1, Text: text, Start: start, End: len([]rune(b.String()))})
			b.WriteString(" của cấp trên.\n")
		}
		d := rules.Document{Type: rules.NString(typ), Symbol: rules.NString(sym), Date: rules.NString(date),
			Province: rules.NString(province), References: rs, Text: b.String()}
		sum := sha256.Sum256([]byte(b.String() + date + province))
		d.Source.SHA256 = hex.EncodeToString(sum[:])
		return d
	}
	docs := []rules.Document{
		mk("Chỉ thị", "05-CT/TW", "2021-05-15", ""),
		mk("Nghị định", "30/2020/NĐ-CP", "2020-03-05", "", ref{"Luật", "80/2015/QH13", 2015, rules.Basis},
			ref{"Luật", "47/2019/QH14", 2019, rules.Basis}, ref{"Nghị định", "110/2004/NĐ-CP", 2004, rules.Replaces}),
	}
	for i, prov := range []string{"Lâm Đồng", "Thanh Hóa"} {
		for j := 1; j <= 8; j++ {
			docs = append(docs, mk("Kế hoạch", fmt.Sprintf("%d-KH/TU", 10*i+j), fmt.Sprintf("2022-0%d-10", j), prov,
				ref{"Chỉ thị", "05-CT/TW", 2021, rules.Implements},
				ref{"Nghị quyết", fmt.Sprintf("%d-NQ/TU", j), 2021, rules.Implements},
				ref{"Kết luận", "01-KL/TW", 2021, rules.Basis},
				ref{"Nghị định", "30/2020/NĐ-CP", 2020, rules.Cites}))
		}
	}
	return docs
}

// load ingests the documents in the given order into a fresh store.
func load(t *testing.T, docs []rules.Document, order []int) *corpus.Store {
	t.Helper()
	st, err := corpus.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, i := range order {
		d := docs[i]
		path := fmt.Sprintf("testdata/doc-%02d.txt", i)
		if _, err := st.Put(context.Background(), d, corpus.FileStat{Path: path, Size: int64(len(d.Text)),
			SHA256: d.Source.SHA256}, 0); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func seq(n int, reverse bool) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
		if reverse {
			out[i] = n - 1 - i
		}
	}
	return out
}

func TestLoadEdges(t *testing.T) {
	docs := fixture()
	st := load(t, docs, seq(len(docs), false))
	edges, err := LoadEdges(context.Background(), st)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// 3 edges of the decree, 4 of each of the 16 plans.
	if len(edges) != stats.Edges || len(edges) != 3+16*4 {
		t.Fatalf("%d edges loaded, the store has %d, the fixture makes %d", len(edges), stats.Edges, 3+16*4)
	}
	local := 0
	for _, e := range edges {
		if e.Sentence == "" || e.Mention == "" || e.CitingPath == "" {
			t.Errorf("edge %s -> %s lacks its mention, sentence or path: %+v", e.Citing, e.Cited, e)
		}
		if !strings.Contains(e.Sentence, e.Mention) {
			t.Errorf("sentence %q does not hold the mention %q", e.Sentence, e.Mention)
		}
		if e.Local() {
			local++
			if !strings.HasSuffix(e.Symbol, "/TU") {
				t.Errorf("edge to %s counted local", e.Cited)
			}
		}
	}
	if local != 16 { // each plan cites its own province's resolution
		t.Errorf("%d local edges, want 16", local)
	}
	sum, err := Summarize(context.Background(), st, edges)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"basis": 18, "cites": 16, "implements": 32, "replaces": 1}
	if !reflect.DeepEqual(sum.ByRelation, want) || sum.Local != 16 || sum.National != 51 || sum.Documents != len(docs) {
		t.Errorf("summary %+v, want by relation %v, 16 local, 51 national, %d documents", sum, want, len(docs))
	}
}

func TestSample(t *testing.T) {
	docs := fixture()
	ctx := context.Background()
	a, err := LoadEdges(ctx, load(t, docs, seq(len(docs), false)))
	if err != nil {
		t.Fatal(err)
	}
	// The same documents stored in the other order: other row ids, same
	// graph, so the same sample.
	b, err := LoadEdges(ctx, load(t, docs, seq(len(docs), true)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name           string
		seed           uint64
		n, minLocal    int
		rows, atLeastL int
	}{
		{"stratified", 1, 20, 10, 20, 10},
		{"proportional share above the minimum", 7, 20, 2, 20, 5}, // 16 of 67 edges are local: round(20·16/67) = 5
		{"fewer local edges than asked", 3, 30, 25, 30, 16},
		{"more than the graph", 1, 500, 30, 67, 16},
		{"none", 1, 0, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ra := Sample(a, tc.seed, tc.n, tc.minLocal)
			rb := Sample(b, tc.seed, tc.n, tc.minLocal)
			if !reflect.DeepEqual(ra, rb) {
				t.Fatalf("the ingest order changed the sample")
			}
			if len(ra) != tc.rows {
				t.Fatalf("%d rows, want %d", len(ra), tc.rows)
			}
			local, seen := 0, map[string]bool{}
			var weight float64
			for i, r := range ra {
				if r.N != i+1 {
					t.Errorf("row %d numbered %d", i+1, r.N)
				}
				if seen[r.id()] {
					t.Errorf("edge %s drawn twice", r.id())
				}
				seen[r.id()] = true
				if r.Local() != (r.Stratum == "local") {
					t.Errorf("edge to %s in stratum %s", r.Cited, r.Stratum)
				}
				if r.Local() {
					local++
				}
				weight += r.Weight
			}
			if local < tc.atLeastL {
				t.Errorf("%d local rows, want at least %d", local, tc.atLeastL)
			}
			if len(ra) > 0 && math.Abs(weight-float64(len(a))) > 1e-6 {
				t.Errorf("the weights add up to %.2f, not to the %d edges of the graph", weight, len(a))
			}
		})
	}
	if reflect.DeepEqual(Sample(a, 1, 20, 10), Sample(a, 2, 20, 10)) {
		t.Errorf("seeds 1 and 2 drew the same sample")
	}
}

func TestVerdicts(t *testing.T) {
	docs := fixture()
	edges, err := LoadEdges(context.Background(), load(t, docs, seq(len(docs), false)))
	if err != nil {
		t.Fatal(err)
	}
	rows := Sample(edges, 5, 10, 4)
	var buf bytes.Buffer
	if err := WriteTSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	back, err := ReadTSV(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, rows) {
		t.Fatalf("the sample file does not read back as written:\n%+v\n%+v", back, rows)
	}
	if s := Score(back); s.Checked != 0 || s.Unchecked != 10 {
		t.Errorf("an unchecked file scored %+v", s)
	}

	// Check it as an auditor would: every row right but two wrong targets
	// (one of them not a document at all: no relation to judge) and one wrong
	// relation; row 10 left unchecked.
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	for i := 1; i < len(lines); i++ {
		f := strings.Split(lines[i], "\t")
		sym, rel, note := "y", "ok", ""
		switch i {
		case 2:
			sym, rel, note = "n", "-", "form code, not a document"
		case 5:
			sym, note = "no", "year of another date in the sentence"
		case 7:
			rel, note = "N", "Căn cứ: basis"
		case 10:
			sym, rel = "", ""
		}
		f[len(f)-3], f[len(f)-2], f[len(f)-1] = sym, rel, note
		lines[i] = strings.Join(f, "\t")
	}
	checked, err := ReadTSV(strings.NewReader(strings.Join(lines, "\r\n") + "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := Score(checked)
	if s.Rows != 10 || s.Checked != 9 || s.Unchecked != 1 || s.WrongTarget != 2 || s.WrongRel != 1 {
		t.Fatalf("score %+v, want 9 of 10 checked, 2 wrong targets, 1 wrong relation", s)
	}
	if math.Abs(s.TargetPct-200.0/9) > 1e-9 || math.Abs(s.RelPct-100.0/9) > 1e-9 {
		t.Errorf("rates %.3f%% and %.3f%%, want %.3f%% and %.3f%%", s.TargetPct, s.RelPct, 200.0/9, 100.0/9)
	}
	var nums []int
	for _, r := range s.Wrong {
		nums = append(nums, r.N)
	}
	if !reflect.DeepEqual(nums, []int{2, 5, 7}) || s.Wrong[0].Note != "form code, not a document" {
		t.Errorf("wrong rows %v (%+v), want 2, 5, 7 with their notes", nums, s.Wrong)
	}
	var out bytes.Buffer
	PrintRates(&out, s)
	for _, want := range []string{"checked 9 of 10 rows (1 not checked yet)", "wrong symbol/year/place: 2 (22.2%",
		"wrong relation:          1 (11.1%", "#7 ", "Căn cứ: basis"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the report lacks %q:\n%s", want, out.String())
		}
	}

	bad := strings.Replace(strings.Join(lines, "\n"), "\tN\tCăn cứ", "\tmaybe\tCăn cứ", 1)
	if _, err := ReadTSV(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "line 8") {
		t.Errorf("an unknown verdict read as %v, want an error at line 8", err)
	}
	if _, err := ReadTSV(strings.NewReader("citing\tcited\n")); err == nil {
		t.Errorf("a file without verdict columns was read")
	}
}

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"a\tb\nc":     "a b c",
		"  x  \f y ":  "x y",
		"Căn cứ\r\n ": "Căn cứ",
		"":            "",
	} {
		if got := cell(in); got != want {
			t.Errorf("cell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCommand runs the audit end to end on a small shared folder made of the
// project's own fixtures: the vanban binary ingests it into two fresh stores,
// and both give the same sample file.
func TestCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the vanban binary")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "vanban")
	if err := build(bin, io.Discard); err != nil {
		t.Fatal(err)
	}
	shared := filepath.Join(tmp, "shared")
	c := filepath.Join(shared, "corpus")
	for _, d := range []string{"seeds", "real/vbpl/text", "real/markdown/van-ban", "real/legacy/tcvn3", "real/legacy/vni", "real/scans"} {
		if err := os.MkdirAll(filepath.Join(c, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	copyFiles(t, "../../../testdata/parse", filepath.Join(c, "seeds"), ".txt", ".md")
	copyFiles(t, "../../../testdata/corpus/chain", filepath.Join(c, "real/markdown/van-ban"), ".txt", ".md")

	var outs []string
	for i := range 2 {
		out := filepath.Join(tmp, fmt.Sprintf("sample-%d.tsv", i))
		var stdout, stderr bytes.Buffer
		code := run([]string{"-shared", shared, "-vanban", bin, "-store", filepath.Join(tmp, fmt.Sprintf("store-%d", i)),
			"-n", "6", "-local", "3", "-out", out}, &stdout, &stderr)
		if code != 0 {
			t.Fatalf("audit exited %d:\n%s\n%s", code, stdout.String(), stderr.String())
		}
		for _, want := range []string{"documents ", "edges by relation:", "edges sampled (seed 1"} {
			if !strings.Contains(stdout.String(), want) {
				t.Errorf("the output lacks %q:\n%s", want, stdout.String())
			}
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, string(b))
	}
	if outs[0] != outs[1] {
		t.Fatalf("two ingests of the same files gave two samples:\n%s\n%s", outs[0], outs[1])
	}
	rows, err := ReadTSV(strings.NewReader(outs[0]))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 {
		t.Fatalf("%d rows, want 6:\n%s", len(rows), outs[0])
	}
	local := 0
	for _, r := range rows {
		if r.Local() {
			local++
		}
		if r.Sentence == "" || !strings.HasPrefix(r.CitingPath, shared) {
			t.Errorf("row %d lacks its sentence or its path in the shared folder: %+v", r.N, r)
		}
	}
	if local < 3 {
		t.Errorf("%d local rows, want at least 3", local)
	}

	// A store that exists is not ingested into again unless -reuse says so.
	var stderr bytes.Buffer
	if code := run([]string{"-shared", shared, "-vanban", bin, "-store", filepath.Join(tmp, "store-0")}, io.Discard, &stderr); code != 2 {
		t.Errorf("an existing store: exit %d, want 2 (%s)", code, stderr.String())
	}
	// -reuse with -prefill: the checked rows come back with their verdicts.
	checked := strings.Replace(outs[0], "\t\t\t\n", "\ty\ty\tchecked\n", 1)
	prev := filepath.Join(tmp, "checked.tsv")
	if err := os.WriteFile(prev, []byte(checked), 0o644); err != nil {
		t.Fatal(err)
	}
	again := filepath.Join(tmp, "again.tsv")
	var stdout bytes.Buffer
	if code := run([]string{"-store", filepath.Join(tmp, "store-1"), "-reuse", "-n", "6", "-local", "3", "-out", again,
		"-prefill", prev}, &stdout, io.Discard); code != 0 {
		t.Fatalf("-reuse exited %d", code)
	}
	if b, _ := os.ReadFile(again); string(b) != checked {
		t.Errorf("-prefill did not carry the verdict over:\n%s", b)
	}
	if !strings.Contains(stdout.String(), "1 of 6 rows keep the verdicts") {
		t.Errorf("-prefill reports %q", stdout.String())
	}
	stdout.Reset()
	if code := run([]string{"-verdicts", again}, &stdout, io.Discard); code != 1 ||
		!strings.Contains(stdout.String(), "checked 1 of 6 rows (5 not checked yet)") {
		t.Errorf("-verdicts on a partly checked file: exit %d, %q", code, stdout.String())
	}
}

func copyFiles(t *testing.T, from, to string, exts ...string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || !slices.Contains(exts, filepath.Ext(e.Name())) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
