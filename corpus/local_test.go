package corpus

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"vanban/rules"
)

// placed gives a fixture record its district and commune.
func placed(d rules.Document, district, commune string) rules.Document {
	d.District = rules.NString(district)
	d.Commune = rules.NString(commune)
	return d
}

// localChain is a chain below the province with same-symbol decoys: a
// central directive, Bình Định's conclusion, plan 58-KH/HU of 2019 of two
// districts of Bình Định (Tây Sơn and Phù Cát) and of a district of Quảng
// Ngãi, and a commune plan of each Bình Định district citing "Kế hoạch số
// 58-KH/HU của Ban Thường vụ Huyện ủy" without naming the district.
func localChain() []rules.Document {
	hu := func(date string) rules.Reference {
		r := ref("Kế hoạch", "58-KH/HU", 0, rules.Implements)
		r.Text = "Kế hoạch số 58-KH/HU của Ban Thường vụ Huyện ủy"
		return r
	}
	return []rules.Document{
		doc("Chỉ thị", "35-CT/TW", "2019-05-30", ""),
		doc("Kết luận", "120-KL/TU", "2019-07-10", "Bình Định", ref("Chỉ thị", "35-CT/TW", 2019, rules.Implements)),
		placed(doc("Kế hoạch", "58-KH/HU", "2019-08-05", "Bình Định", ref("Kết luận", "120-KL/TU", 2019, rules.Implements)),
			"Huyện Tây Sơn", ""),
		placed(doc("Kế hoạch", "58-KH/HU", "2019-08-20", "Bình Định", ref("Kết luận", "120-KL/TU", 2019, rules.Implements)),
			"Huyện Phù Cát", ""),
		placed(doc("Kế hoạch", "12-KH/ĐU", "2019-09-03", "Bình Định", hu("2019-08-05")), "Huyện Tây Sơn", "Xã Bình Thành"),
		placed(doc("Kế hoạch", "58-KH/HU", "2019-08-12", "Quảng Ngãi", ref("Kết luận", "120-KL/TU", 2019, rules.Implements)),
			"Huyện Sơn Tịnh", ""),
		placed(doc("Kế hoạch", "07-KH/ĐU", "2019-09-15", "Bình Định", hu("2019-08-20")), "Huyện Phù Cát", "Xã Cát Hanh"),
	}
}

func traceKeys(t testing.TB, s *Store, ref string, up bool) []string {
	t.Helper()
	root, err := s.Resolve(context.Background(), ref)
	if err != nil {
		t.Fatalf("Resolve(%q): %v", ref, err)
	}
	nodes, err := s.Trace(context.Background(), root, up, 0)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, n := range nodes {
		keys = append(keys, n.Doc.Key)
	}
	return keys
}

// Ingested in every order of the first five documents, with the two others
// at positions that move with the order, the graph is one.
func TestLocalChainDoesNotDependOnOrder(t *testing.T) {
	var want []string
	insert := func(order []int, pos, v int) []int {
		return append(append(append([]int{}, order[:pos]...), v), order[pos:]...)
	}
	for k, order := range permutations(5) {
		order = insert(insert(order, k%6, 5), (k/6)%7, 6)
		s := openTest(t)
		docs := localChain()
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
			t.Fatalf("order %v gives another store:\n%s\nwant:\n%s", order, strings.Join(snap, "\n"), strings.Join(want, "\n"))
		}
		if k > 0 {
			s.Close()
			continue
		}
		up := traceKeys(t, s, "12-KH/ĐU", true)
		wantUp := []string{"12-KH/ĐU:2019:binh-dinh/tay-son/binh-thanh", "58-KH/HU:2019:binh-dinh/tay-son",
			"120-KL/TU:2019:binh-dinh", "35-CT/TW:2019:vn"}
		if !reflect.DeepEqual(up, wantUp) {
			t.Errorf("trace --up from the commune plan = %v, want %v", up, wantUp)
		}
		if got := citers(t, s, "58-KH/HU:2019:binh-dinh/tay-son", Filter{}); !reflect.DeepEqual(got,
			[]string{"12-KH/ĐU:2019:binh-dinh/tay-son/binh-thanh"}) {
			t.Errorf("cites Tây Sơn's plan = %v", got)
		}
		if got := citers(t, s, "58-KH/HU:2019:binh-dinh/phu-cat", Filter{}); !reflect.DeepEqual(got,
			[]string{"07-KH/ĐU:2019:binh-dinh/phu-cat/cat-hanh"}) {
			t.Errorf("cites Phù Cát's plan = %v", got)
		}
		if got := citers(t, s, "58-KH/HU:2019:quang-ngai/son-tinh", Filter{}); len(got) != 0 {
			t.Errorf("cites Quảng Ngãi's plan = %v", got)
		}
		// The Quảng Ngãi plan's "120-KL/TU" is Quảng Ngãi's, a stub.
		if st := states(t, s)["120-KL/TU:2019:quang-ngai"]; st != StateStub {
			t.Errorf("120-KL/TU of Quảng Ngãi: %q", st)
		}
		// Three documents share the symbol and year: the REF is ambiguous,
		// a place narrows it.
		if _, err := s.Resolve(context.Background(), "58-KH/HU năm 2019"); err == nil {
			t.Errorf("58-KH/HU năm 2019 resolved to one document")
		}
		s.Close()
	}
}

// A provincial document citing "…/HU" without naming the district is
// ambiguous between the districts of its province; naming it decides.
func TestProvinceCitesDistrictLevel(t *testing.T) {
	docs := localChain()[:6]
	bare := ref("Kế hoạch", "58-KH/HU", 2019, rules.Cites)
	named := ref("Kế hoạch", "58-KH/HU", 2019, rules.Cites)
	named.District = "Tây Sơn"
	named.Text = "Kế hoạch số 58-KH/HU của Huyện ủy Tây Sơn"
	for _, tc := range []struct {
		name  string
		r     rules.Reference
		dst   string
		cands []string
	}{
		{"district not named", bare, "58-KH/HU:?:binh-dinh",
			[]string{"58-KH/HU:2019:binh-dinh/phu-cat", "58-KH/HU:2019:binh-dinh/tay-son"}},
		{"district named", named, "58-KH/HU:2019:binh-dinh/tay-son", nil},
	} {
		for _, first := range []bool{true, false} {
			s := openTest(t)
			report := doc("Báo cáo", "30-BC/TU", "2019-12-20", "Bình Định", tc.r)
			if first {
				put(t, s, "bc.txt", report)
			}
			for i, d := range docs {
				put(t, s, fmt.Sprintf("f%d.txt", i), d)
			}
			if !first {
				put(t, s, "bc.txt", report)
			}
			var dst string
			for _, e := range edges(t, s) {
				if strings.HasPrefix(e, "30-BC/TU") {
					dst = strings.Fields(e)[2]
				}
			}
			if dst != tc.dst {
				t.Errorf("%s (report first %v): edge to %q, want %q", tc.name, first, dst, tc.dst)
			}
			c, err := s.Resolve(context.Background(), "30-BC/TU")
			if err != nil {
				t.Fatal(err)
			}
			cands, _ := s.Candidates(context.Background(), c.Row)
			got := cands["58-KH/HU"]
			slices.Sort(got)
			if !reflect.DeepEqual(got, tc.cands) {
				t.Errorf("%s (report first %v): candidates %v, want %v", tc.name, first, got, tc.cands)
			}
		}
	}
}

// A district plan citing "…/TU" means its own province's; after 1 July
// 2025 a commune of the new unit citing a plan of 2024 finds it in the
// province merged into it.
func TestLocalLevelsAndMerger(t *testing.T) {
	s := openTest(t)
	put(t, s, "tu.txt", doc("Kết luận", "120-KL/TU", "2019-07-10", "Bình Định"))
	put(t, s, "hu.txt", placed(doc("Kế hoạch", "58-KH/HU", "2019-08-05", "Bình Định",
		ref("Kết luận", "120-KL/TU", 2019, rules.Implements)), "Huyện Tây Sơn", ""))
	put(t, s, "new.txt", placed(doc("Kế hoạch", "3-KH/ĐU", "2025-09-01", "Gia Lai",
		ref("Kết luận", "120-KL/TU", 2019, rules.Cites)), "", "Xã Bình Hiệp"))
	got := edges(t, s)
	want := []string{
		"3-KH/ĐU:2025:gia-lai/xa-binh-hiep -> 120-KL/TU:2019:binh-dinh cites",
		"58-KH/HU:2019:binh-dinh/tay-son -> 120-KL/TU:2019:binh-dinh implements",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("edges:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
