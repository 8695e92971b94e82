package corpus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"vanban/internal/pgtest"
	"vanban/rules"
)

func openTest(t testing.TB) *Store {
	t.Helper()
	loc := t.TempDir()
	if testOnPostgres {
		t.Setenv(IndexDirVar, loc)
		loc = pgtest.New(t)
	}
	s, err := Open(loc)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// ref is a reference as the parser gives it.
func ref(typ, symbol string, year int, rel rules.Relation) rules.Reference {
	return rules.Reference{Type: rules.NString(typ), Symbol: rules.NString(symbol), Year: rules.NInt(year),
		Relation: rel, Count: 1, Text: typ + " số " + symbol}
}

// doc is a record as the parser gives it, with a body that mentions each
// reference (so offsets and sentences are real).
func doc(typ, symbol, date, province string, refs ...rules.Reference) rules.Document {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", strings.ToUpper(typ), symbol)
	for i := range refs {
		b.WriteString("Thực hiện ")
		refs[i].Start = len([]rune(b.String()))
		b.WriteString(refs[i].Text)
		refs[i].End = len([]rune(b.String()))
		b.WriteString(" của cấp trên.\n")
	}
	d := rules.Document{Type: rules.NString(typ), Symbol: rules.NString(symbol), Date: rules.NString(date),
		Province: rules.NString(province), References: refs, Text: b.String()}
	sum := sha256.Sum256([]byte(typ + symbol + date + province + b.String()))
	d.Source.SHA256 = hex.EncodeToString(sum[:])
	return d
}

func put(t testing.TB, s *Store, path string, d rules.Document) PutResult {
	t.Helper()
	r, err := s.Put(context.Background(), d, FileStat{Path: path, Size: int64(len(d.Text)), SHA256: d.Source.SHA256}, 0)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// edges lists "src -> dst relation" for the whole store.
func edges(t testing.TB, s *Store) []string {
	t.Helper()
	var out []string
	if err := s.EachEdge(context.Background(), func(e Edge) error {
		out = append(out, e.Src+" -> "+e.Dst+" "+e.Relation)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func states(t testing.TB, s *Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	if err := s.EachDocument(context.Background(), func(d DocInfo) error { out[d.Key] = d.State; return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

func citers(t testing.TB, s *Store, refText string, f Filter) []string {
	t.Helper()
	d, err := s.Resolve(context.Background(), refText)
	if err != nil {
		t.Fatalf("Resolve(%q): %v", refText, err)
	}
	cs, err := s.Cites(context.Background(), []DocInfo{d}, f)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range cs {
		out = append(out, c.Citing.Key)
	}
	slices.Sort(out)
	return out
}

func TestLocalIssuerResolvesAgainstCitingProvince(t *testing.T) {
	s := openTest(t)
	put(t, s, "lamdong.txt", doc("Kế hoạch", "45-KH/HU", "2022-03-01", "Lâm Đồng",
		ref("Chỉ thị", "18-CT/TU", 2022, rules.Implements)))
	put(t, s, "laichau.txt", doc("Kế hoạch", "109-KH/ThU", "2023-01-10", "Lai Châu",
		ref("Chỉ thị", "18-CT/TW", 2022, rules.Cites), ref("Chỉ thị", "18-CT/TU", 2022, rules.Cites)))
	got := edges(t, s)
	want := []string{
		"109-KH/ThU:2023:lai-chau -> 18-CT/TU:2022:lai-chau cites",
		"109-KH/ThU:2023:lai-chau -> 18-CT/TW:2022:vn cites",
		"45-KH/HU:2022:lam-dong -> 18-CT/TU:2022:lam-dong implements",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("edges:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := citers(t, s, "18-CT/TU tỉnh Lâm Đồng", Filter{}); !reflect.DeepEqual(got, []string{"45-KH/HU:2022:lam-dong"}) {
		t.Errorf("cites 18-CT/TU Lâm Đồng = %v", got)
	}
	_, err := s.Resolve(context.Background(), "18-CT/TU")
	if _, ok := err.(*AmbiguousError); !ok {
		t.Errorf("18-CT/TU of two provinces: want an ambiguity, got %v", err)
	}
}

func TestYearSeparatesPartyDocuments(t *testing.T) {
	s := openTest(t)
	put(t, s, "a.txt", doc("Kế hoạch", "1-KH/TU", "2022-01-05", "Thanh Hóa", ref("Nghị quyết", "25-NQ/TW", 2013, rules.Cites)))
	put(t, s, "b.txt", doc("Kế hoạch", "2-KH/TU", "2022-01-06", "Thanh Hóa", ref("Nghị quyết", "25-NQ/TW", 2008, rules.Cites)))
	st := states(t, s)
	for _, k := range []string{"25-NQ/TW:2013:vn", "25-NQ/TW:2008:vn"} {
		if st[k] != StateStub {
			t.Errorf("%s: state %q, want a stub", k, st[k])
		}
	}
	if got := citers(t, s, "Nghị quyết 25-NQ/TW năm 2013", Filter{}); !reflect.DeepEqual(got, []string{"1-KH/TU:2022:thanh-hoa"}) {
		t.Errorf("cites 25-NQ/TW 2013 = %v", got)
	}
}

func TestStubBecomesDocument(t *testing.T) {
	s := openTest(t)
	put(t, s, "plan.txt", doc("Kế hoạch", "88-KH/HU", "2023-08-10", "Lai Châu", ref("Kết luận", "512-KL/TU", 2023, rules.Implements)))
	before, err := s.Resolve(context.Background(), "512-KL/TU")
	if err != nil || before.State != StateStub {
		t.Fatalf("before: %+v, %v", before, err)
	}
	put(t, s, "kl.txt", doc("Kết luận", "512-KL/TU", "2023-06-20", "Lai Châu"))
	after, err := s.Resolve(context.Background(), "512-KL/TU")
	if err != nil {
		t.Fatal(err)
	}
	if after.State != StateDocument || after.Row != before.Row || after.Key != "512-KL/TU:2023:lai-chau" {
		t.Errorf("the stub did not become the document: before %+v, after %+v", before, after)
	}
	if got := edges(t, s); !reflect.DeepEqual(got, []string{"88-KH/HU:2023:lai-chau -> 512-KL/TU:2023:lai-chau implements"}) {
		t.Errorf("edges = %v", got)
	}
	st, _ := s.Stats(context.Background())
	if st.Stubs != 0 || st.Documents != 2 {
		t.Errorf("stats %+v", st)
	}
}

func TestYearlessReference(t *testing.T) {
	nq2013 := func() rules.Document { return doc("Nghị quyết", "25-NQ/TW", "2013-06-03", "") }
	nq2008 := func() rules.Document { return doc("Nghị quyết", "25-NQ/TW", "2008-07-25", "") }
	citing := func(date string) rules.Document {
		return doc("Kế hoạch", "7-KH/TU", date, "Thanh Hóa", ref("Nghị quyết", "25-NQ/TW", 0, rules.Implements))
	}
	tests := []struct {
		name      string
		docs      []rules.Document // in ingest order
		wantDst   string
		wantState string
		wantCands int
	}{
		{"one fitting document", []rules.Document{nq2013(), citing("2022-01-01")}, "25-NQ/TW:2013:vn", StateDocument, 0},
		{"document arrives later", []rules.Document{citing("2022-01-01"), nq2013()}, "25-NQ/TW:2013:vn", StateDocument, 0},
		{"nothing stored", []rules.Document{citing("2022-01-01")}, "25-NQ/TW::vn", StateStub, 0},
		{"two fit: ambiguous", []rules.Document{nq2008(), nq2013(), citing("2022-01-01")}, "25-NQ/TW:?:vn", StateAmbiguous, 2},
		{"two fit, second arrives later", []rules.Document{nq2008(), citing("2022-01-01"), nq2013()}, "25-NQ/TW:?:vn", StateAmbiguous, 2},
		{"only one issued before", []rules.Document{nq2008(), nq2013(), citing("2010-05-01")}, "25-NQ/TW:2008:vn", StateDocument, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openTest(t)
			for i, d := range tc.docs {
				put(t, s, fmt.Sprintf("%d.txt", i), d)
			}
			var dst string
			for _, e := range edges(t, s) {
				if strings.HasPrefix(e, "7-KH/TU") {
					dst = strings.Fields(e)[2]
				}
			}
			if dst != tc.wantDst {
				t.Errorf("the reference resolved to %q, want %q", dst, tc.wantDst)
			}
			if st := states(t, s)[dst]; st != tc.wantState {
				t.Errorf("%s is a %q, want %q", dst, st, tc.wantState)
			}
			c, _ := s.Resolve(context.Background(), "7-KH/TU")
			cands, err := s.Candidates(context.Background(), c.Row)
			if err != nil {
				t.Fatal(err)
			}
			if len(cands["25-NQ/TW"]) != tc.wantCands {
				t.Errorf("candidates %v, want %d", cands, tc.wantCands)
			}
			if probs, err := s.CheckDatabase(context.Background()); err != nil || len(probs) > 0 {
				t.Errorf("database check: %v %v", probs, err)
			}
		})
	}
}

// chain is the fixture graph: a commune plan implements a district plan,
// which implements a provincial conclusion, which implements a central
// directive.
func chain() []rules.Document {
	return []rules.Document{
		doc("Kế hoạch", "15-KH/ĐU", "2023-09-05", "Lai Châu", ref("Kế hoạch", "88-KH/HU", 2023, rules.Implements),
			ref("Chỉ thị", "47-CT/TW", 0, rules.Cites)),
		doc("Kế hoạch", "88-KH/HU", "2023-08-10", "Lai Châu", ref("Kết luận", "512-KL/TU", 2023, rules.Implements)),
		doc("Kết luận", "512-KL/TU", "2023-06-20", "Lai Châu", ref("Chỉ thị", "47-CT/TW", 2023, rules.Implements),
			ref("Chỉ thị", "33/CT-TTg", 2021, rules.Basis)),
		doc("Chỉ thị", "47-CT/TW", "2023-03-15", "", ref("Nghị quyết", "25-NQ/TW", 2013, rules.Cites)),
	}
}

func permutations(n int) [][]int {
	if n == 1 {
		return [][]int{{0}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := append(append(append([]int{}, p[:i]...), n-1), p[i:]...)
			out = append(out, q)
		}
	}
	return out
}

func TestChainDoesNotDependOnOrder(t *testing.T) {
	var want []string
	for _, order := range permutations(4) {
		name := fmt.Sprint(order)
		t.Run(name, func(t *testing.T) {
			s := openTest(t)
			docs := chain()
			for _, i := range order {
				put(t, s, fmt.Sprintf("f%d.txt", i), docs[i])
			}
			snap, err := s.Snapshot(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if want == nil {
				want = snap
			} else if !reflect.DeepEqual(snap, want) {
				t.Errorf("order %v gives another store:\n%s\nwant:\n%s", order, strings.Join(snap, "\n"), strings.Join(want, "\n"))
			}
			root, err := s.Resolve(context.Background(), "15-KH/ĐU")
			if err != nil {
				t.Fatal(err)
			}
			nodes, err := s.Trace(context.Background(), root, true, 0)
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, n := range nodes {
				keys = append(keys, n.Doc.Key)
			}
			wantKeys := []string{"15-KH/ĐU:2023:lai-chau", "88-KH/HU:2023:lai-chau", "512-KL/TU:2023:lai-chau",
				"33/CT-TTg:2021:vn", "47-CT/TW:2023:vn"}
			if !reflect.DeepEqual(keys, wantKeys) {
				t.Errorf("trace --up = %v, want %v", keys, wantKeys)
			}
		})
	}
}

func TestTrace(t *testing.T) {
	s := openTest(t)
	for i, d := range chain() {
		put(t, s, fmt.Sprintf("f%d.txt", i), d)
	}
	tests := []struct {
		name  string
		root  string
		up    bool
		depth int
		want  []string
	}{
		{"up, depth 1", "15-KH/ĐU", true, 1, []string{"0 15-KH/ĐU:2023:lai-chau", "1 88-KH/HU:2023:lai-chau"}},
		{"down from the centre", "47-CT/TW", false, 0, []string{"0 47-CT/TW:2023:vn", "1 512-KL/TU:2023:lai-chau",
			"2 88-KH/HU:2023:lai-chau", "3 15-KH/ĐU:2023:lai-chau"}},
		{"stub is a leaf", "33/CT-TTg", true, 0, []string{"0 33/CT-TTg:2021:vn"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root, err := s.Resolve(context.Background(), tc.root)
			if err != nil {
				t.Fatal(err)
			}
			nodes, err := s.Trace(context.Background(), root, tc.up, tc.depth)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, n := range nodes {
				got = append(got, fmt.Sprintf("%d %s", n.Depth, n.Doc.Key))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("trace = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestTraceCycle(t *testing.T) {
	s := openTest(t)
	put(t, s, "a.txt", doc("Kế hoạch", "1-KH/TU", "2022-01-01", "Thanh Hóa", ref("Kế hoạch", "2-KH/TU", 2022, rules.Implements)))
	put(t, s, "b.txt", doc("Kế hoạch", "2-KH/TU", "2022-01-01", "Thanh Hóa", ref("Kế hoạch", "1-KH/TU", 2022, rules.Implements)))
	root, _ := s.Resolve(context.Background(), "1-KH/TU")
	nodes, err := s.Trace(context.Background(), root, true, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != 3 || !nodes[2].Repeat || nodes[2].Doc.Key != root.Key {
		t.Errorf("cycle trace = %+v", nodes)
	}
}

func TestReingestReplacesOnlyOwnEdges(t *testing.T) {
	s := openTest(t)
	a := doc("Kế hoạch", "3-KH/TU", "2022-02-01", "Thanh Hóa", ref("Chỉ thị", "33/CT-TTg", 2021, rules.Implements),
		ref("Kết luận", "114-KL/TW", 2015, rules.Cites))
	b := doc("Kế hoạch", "4-KH/TU", "2022-02-02", "Thanh Hóa", ref("Kết luận", "114-KL/TW", 2015, rules.Cites))
	put(t, s, "a.txt", a)
	put(t, s, "b.txt", b)
	snap1, _ := s.Snapshot(context.Background())
	put(t, s, "a.txt", a) // the same record again: nothing changes
	snap2, _ := s.Snapshot(context.Background())
	if !reflect.DeepEqual(snap1, snap2) {
		t.Errorf("putting the same record twice changed the store:\n%v\n%v", snap1, snap2)
	}
	// A new version of a.txt that no longer cites 33/CT-TTg.
	a2 := doc("Kế hoạch", "3-KH/TU", "2022-02-01", "Thanh Hóa", ref("Kết luận", "114-KL/TW", 2015, rules.Basis))
	if r := put(t, s, "a.txt", a2); !r.Changed {
		t.Error("a new content at the same path is not reported as changed")
	}
	want := []string{
		"3-KH/TU:2022:thanh-hoa -> 114-KL/TW:2015:vn basis",
		"4-KH/TU:2022:thanh-hoa -> 114-KL/TW:2015:vn cites",
	}
	if got := edges(t, s); !reflect.DeepEqual(got, want) {
		t.Errorf("edges = %v, want %v", got, want)
	}
	if _, ok := states(t, s)["33/CT-TTg:2021:vn"]; ok {
		t.Error("the stub nothing cites any more was kept")
	}
}

func TestChangedPathRetiresOldDocument(t *testing.T) {
	s := openTest(t)
	old := doc("Kế hoạch", "", "2022-02-01", "Thanh Hóa")
	put(t, s, "x.txt", old)
	oldKey := Identify(&old)
	nw := doc("Kế hoạch", "", "2022-02-02", "Thanh Hóa")
	put(t, s, "x.txt", nw)
	st := states(t, s)
	if _, ok := st[oldKey]; ok || st[Identify(&nw)] != StateDocument {
		t.Errorf("states after a change: %v", st)
	}
	chs, _ := s.Changes(context.Background(), 0, 100)
	var keys []string
	for _, c := range chs {
		keys = append(keys, c.Key)
	}
	if !slices.Contains(keys, oldKey) || !slices.Contains(keys, Identify(&nw)) {
		t.Errorf("the old and new keys are not in the change log: %v", keys)
	}
}

func TestCitesFilters(t *testing.T) {
	s := openTest(t)
	put(t, s, "1.txt", doc("Kế hoạch", "1-KH/TU", "2022-01-01", "Thanh Hóa", ref("Chỉ thị", "33/CT-TTg", 2021, rules.Implements)))
	put(t, s, "2.txt", doc("Kết luận", "2-KL/TU", "2022-08-01", "Thanh Hóa", ref("Chỉ thị", "33/CT-TTg", 2021, rules.Cites)))
	put(t, s, "3.txt", doc("Kế hoạch", "3-KH/ThU", "2023-01-10", "Lai Châu", ref("Chỉ thị", "33/CT-TTg", 2021, rules.Cites)))
	tests := []struct {
		name string
		ref  string
		f    Filter
		want []string
	}{
		{"all", "Chỉ thị 33/CT-TTg", Filter{}, []string{"1-KH/TU:2022:thanh-hoa", "2-KL/TU:2022:thanh-hoa", "3-KH/ThU:2023:lai-chau"}},
		{"type", "33/ct-ttg", Filter{Type: "Kế hoạch"}, []string{"1-KH/TU:2022:thanh-hoa", "3-KH/ThU:2023:lai-chau"}},
		{"type folded", "chi thi 33", Filter{Type: "ke hoach"}, []string{"1-KH/TU:2022:thanh-hoa", "3-KH/ThU:2023:lai-chau"}},
		{"year", "33/CT-TTg", Filter{Year: 2023}, []string{"3-KH/ThU:2023:lai-chau"}},
		{"province", "33/CT-TTg", Filter{Province: "Thanh Hoá"}, []string{"1-KH/TU:2022:thanh-hoa", "2-KL/TU:2022:thanh-hoa"}},
		{"relation", "33/CT-TTg", Filter{Relation: "implements"}, []string{"1-KH/TU:2022:thanh-hoa"}},
		{"by key", "33/CT-TTg:2021:vn", Filter{Relation: "cites"}, []string{"2-KL/TU:2022:thanh-hoa", "3-KH/ThU:2023:lai-chau"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := citers(t, s, tc.ref, tc.f); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("cites %q %+v = %v, want %v", tc.ref, tc.f, got, tc.want)
			}
		})
	}
	d, _ := s.Resolve(context.Background(), "33/CT-TTg")
	cs, _ := s.Cites(context.Background(), []DocInfo{d}, Filter{Relation: "implements"})
	if len(cs) != 1 || !strings.Contains(cs[0].Sentence, "Thực hiện Chỉ thị số 33/CT-TTg") {
		t.Errorf("citing sentence: %+v", cs)
	}
}

func TestMergedProvinceResolvesToPredecessor(t *testing.T) {
	s := openTest(t)
	// A Đắk Nông directive of 2024, cited in 2025 by a Lâm Đồng document
	// after the merger (Đắk Nông is now part of Lâm Đồng).
	put(t, s, "dn.txt", doc("Chỉ thị", "20-CT/TU", "2024-05-01", "Đắk Nông"))
	put(t, s, "ld.txt", doc("Kế hoạch", "9-KH/TU", "2025-09-01", "Lâm Đồng", ref("Chỉ thị", "20-CT/TU", 2024, rules.Implements)))
	want := []string{"9-KH/TU:2025:lam-dong -> 20-CT/TU:2024:dak-nong implements"}
	if got := edges(t, s); !reflect.DeepEqual(got, want) {
		t.Errorf("edges = %v, want %v", got, want)
	}
}

func TestTraceFollowsClaims(t *testing.T) {
	s := openTest(t)
	d := doc("Kế hoạch", "5-KH/TU", "2022-03-01", "Thanh Hóa", ref("Kết luận", "01-KL/TW", 2021, rules.Cites),
		ref("Chỉ thị", "05-CT/TW", 2016, rules.Cites))
	d.Claims = []rules.Claim{{From: "01-KL/TW", Relation: rules.Implements, To: "05-CT/TW"}}
	put(t, s, "p.txt", d)
	for _, tc := range []struct {
		root string
		up   bool
		want string
	}{
		{"01-KL/TW", true, "05-CT/TW:2016:vn"},
		{"05-CT/TW", false, "01-KL/TW:2021:vn"},
	} {
		root, err := s.Resolve(context.Background(), tc.root)
		if err != nil {
			t.Fatal(err)
		}
		nodes, err := s.Trace(context.Background(), root, tc.up, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(nodes) != 2 || nodes[1].Doc.Key != tc.want || nodes[1].ClaimedBy != "5-KH/TU:2022:thanh-hoa" {
			t.Errorf("trace %s up=%v = %+v", tc.root, tc.up, nodes)
		}
	}
}

func TestResolveByFile(t *testing.T) {
	s := openTest(t)
	d := doc("Kế hoạch", "88-KH/HU", "2023-08-10", "Lai Châu")
	dir := t.TempDir()
	p := filepath.Join(dir, "kh88.txt")
	if err := os.WriteFile(p, []byte(d.Text), 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(d.Text))
	d.Source.SHA256 = hex.EncodeToString(sum[:])
	if _, err := s.Put(context.Background(), d, FileStat{Path: "in/kh88.txt", SHA256: d.Source.SHA256}, 0); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"in/kh88.txt", p, "88-KH/HU:2023:lai-chau", "Kế hoạch số 88-KH/HU"} {
		got, err := s.Resolve(context.Background(), text)
		if err != nil || got.Key != "88-KH/HU:2023:lai-chau" {
			t.Errorf("Resolve(%q) = %+v, %v", text, got, err)
		}
	}
}
