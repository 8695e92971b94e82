package index

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

var docs = []Doc{
	{ID: "33/CT-TTg:2021:vn", Type: "Chỉ thị", Symbol: "33/CT-TTg", Year: 2021,
		Subject: "tiếp tục tăng cường và đổi mới công tác dân vận",
		Body:    "Thủ tướng Chính phủ chỉ thị các bộ, ngành tăng cường công tác dân vận của cơ quan hành chính nhà nước."},
	{ID: "109-KH/ThU:2023:lai-chau", Type: "Kế hoạch", Symbol: "109-KH/ThU", Year: 2023, Province: "Lai Châu",
		Subject: "thực hiện chương trình công tác dân vận năm 2023",
		Body:    "Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ; Đảng bộ thành phố đẩy mạnh phong trào Dân vận khéo."},
	{ID: "862-KL/TU:2022:thanh-hoa", Type: "Kết luận", Symbol: "862-KL/TU", Year: 2022, Province: "Thanh Hóa",
		Subject: "nâng cao chất lượng công tác dân vận ở xã, phường, thị trấn",
		Body:    "Ban Thường vụ Tỉnh ủy kết luận; thực hiện Chỉ thị số 33/CT-TTg. Đồng thời rà soát quy chế dân chủ."},
	{ID: "sha:000000000001", Type: "Kế hoạch", Year: 2022, Province: "Thanh Hóa",
		Subject: "phòng, chống dịch",
		// Invalid UTF-8 in the middle: the words after it must still be found.
		Body: "Kế hoạch phòng chống dịch \xff\xfe của thành phố; vận hành khu cách ly tập trung."},
}

func openIndexed(t *testing.T) *Index {
	t.Helper()
	ix, err := Open(filepath.Join(t.TempDir(), Name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Put(docs); err != nil {
		t.Fatal(err)
	}
	return ix
}

func ids(r Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	slices.Sort(out)
	return out
}

func TestSearch(t *testing.T) {
	ix := openIndexed(t)
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"folded words", Query{Text: "chi thi 33"}, []string{"109-KH/ThU:2023:lai-chau", "33/CT-TTg:2021:vn", "862-KL/TU:2022:thanh-hoa"}},
		{"marked words", Query{Text: "Đồng thời"}, []string{"862-KL/TU:2022:thanh-hoa"}},
		{"d stroke folded", Query{Text: "dang bo"}, []string{"109-KH/ThU:2023:lai-chau"}},
		{"symbol any case", Query{Text: "109-kh/thu"}, []string{"109-KH/ThU:2023:lai-chau"}},
		{"symbol in the body", Query{Text: "33/ct-ttg"}, []string{"109-KH/ThU:2023:lai-chau", "33/CT-TTg:2021:vn", "862-KL/TU:2022:thanh-hoa"}},
		{"type filter folded", Query{Text: "dân vận", Type: "ke hoach"}, []string{"109-KH/ThU:2023:lai-chau"}},
		{"year filter", Query{Text: "dân vận", Year: 2022}, []string{"862-KL/TU:2022:thanh-hoa"}},
		{"province filter", Query{Province: "Thanh Hoá"}, []string{"862-KL/TU:2022:thanh-hoa", "sha:000000000001"}},
		{"after invalid UTF-8", Query{Text: "cach ly tap trung"}, []string{"sha:000000000001"}},
		{"nothing", Query{Text: "ngân sách quốc phòng"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := ix.Search(tc.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := ids(r); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Search(%+v) = %v, want %v", tc.q, got, tc.want)
			}
		})
	}
}

func TestFacetsAndHighlight(t *testing.T) {
	ix := openIndexed(t)
	r, err := ix.Search(Query{Text: "dân vận"})
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]int{}
	for _, f := range r.Facets["type"] {
		types[f.Term] = f.Count
	}
	if !reflect.DeepEqual(types, map[string]int{"Kế hoạch": 1, "Chỉ thị": 1, "Kết luận": 1}) {
		t.Errorf("type facet = %v", types)
	}
	found := false
	for _, h := range r.Hits {
		for _, f := range h.Fragments {
			if strings.Contains(f, "<mark>dân</mark> <mark>vận</mark>") || strings.Contains(f, "<mark>Dân</mark> <mark>vận</mark>") {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("no highlighted fragment with the original diacritics: %+v", r.Hits)
	}
}

func TestReopenDeleteAndIDs(t *testing.T) {
	path := filepath.Join(t.TempDir(), Name)
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Put(docs); err != nil {
		t.Fatal(err)
	}
	// A second opener waits at most BoltTimeout, then fails (no hang).
	if _, err := Open(path); err == nil {
		t.Fatal("a second Open of a locked index succeeded")
	}
	ix.Close()
	ix, err = Open(path) // the analyzer components must be registered to reopen
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Delete([]string{"sha:000000000001"}); err != nil {
		t.Fatal(err)
	}
	got, err := ix.IDs()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got["sha:000000000001"] || !got["33/CT-TTg:2021:vn"] {
		t.Errorf("IDs = %v", got)
	}
	if r, _ := ix.Search(Query{Text: "dân vận"}); r.Total != 3 {
		t.Errorf("after reopen: %d hits", r.Total)
	}
}

func TestNoEmptyFacetValue(t *testing.T) {
	ix := openIndexed(t)
	r, err := ix.Search(Query{Text: "dân vận"})
	if err != nil {
		t.Fatal(err)
	}
	for name, terms := range r.Facets {
		for _, term := range terms {
			if term.Term == "" {
				t.Errorf("facet %s has an empty value: %+v", name, terms)
			}
		}
	}
}
