package main

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"vanban/corpus"
)

// TestCoverageBinary: a provincial conclusion of Bình Định addressed to all
// its district committees, plans from three of them, one more through the
// guidance of Ban Dân vận Tỉnh ủy, and a decoy of Phú Yên citing the same
// symbol: coverage lists exactly the missing districts by their gazetteer
// names.
func TestCoverageBinary(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	in := filepath.Join("..", "..", "testdata", "corpus", "coverage")
	if out, errs, code := runBinary(t, "ingest", "--store", store, "--no-index", "-q", in); code != exitOK {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	out, errs, code := runBinary(t, "coverage", "--store", store, "--json", "45-KL/TU:2022:binh-dinh")
	if code != exitOK {
		t.Fatalf("coverage: exit %d: %s", code, errs)
	}
	var cv corpus.Coverage
	if err := json.Unmarshal([]byte(out), &cv); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	var missing []string
	covered := map[string][]string{}
	for _, im := range cv.Implementers {
		if im.Kind != "party-district" {
			continue
		}
		if len(im.Documents) == 0 {
			missing = append(missing, im.Place.District)
		}
		for _, d := range im.Documents {
			covered[im.Body] = append(covered[im.Body], d.Doc.Key)
		}
	}
	sort.Strings(missing)
	wantMissing := []string{"Huyện An Lão", "Huyện Hoài Ân", "Huyện Phù Cát", "Huyện Tuy Phước", "Huyện Vân Canh", "Huyện Vĩnh Thạnh", "Thị xã Hoài Nhơn"}
	if !reflect.DeepEqual(missing, wantMissing) {
		t.Errorf("missing = %q, want %q", missing, wantMissing)
	}
	wantCovered := map[string][]string{
		"Huyện ủy Tây Sơn":  {"58-KH/HU:2022:binh-dinh/tay-son"},
		"Thị ủy An Nhơn":    {"31-KH/ThU:2022:binh-dinh/an-nhon"},
		"Thành ủy Quy Nhơn": {"112-KH/ThU:2022:binh-dinh/quy-nhon"},
		"Huyện ủy Phù Mỹ":   {"40-KH/HU:2022:binh-dinh/phu-my"},
	}
	if !reflect.DeepEqual(covered, wantCovered) {
		t.Errorf("covered = %v, want %v", covered, wantCovered)
	}
	if len(cv.Summary) == 0 || cv.Summary[0].Text != "4/11 huyện ủy, thị ủy, thành ủy đã có kế hoạch" {
		t.Errorf("summary = %+v", cv.Summary)
	}
	for _, im := range cv.Implementers {
		for _, d := range im.Documents {
			if strings.Contains(d.Doc.Key, "phu-yen") {
				t.Errorf("the Phú Yên decoy %s counted for %s", d.Doc.Key, im.Body)
			}
			if d.Doc.Key == "40-KH/HU:2022:binh-dinh/phu-my" && (d.Via != "12-HD/BDVTU:2022:binh-dinh" || !strings.Contains(d.ViaLabel, "12-HD/BDVTU")) {
				t.Errorf("Phù Mỹ's plan via %q (%q), want the guidance 12-HD/BDVTU", d.Via, d.ViaLabel)
			}
			if d.Doc.Key == "58-KH/HU:2022:binh-dinh/tay-son" && (d.Delay == nil || *d.Delay != 26) {
				t.Errorf("Tây Sơn's delay = %v, want 26 days", d.Delay)
			}
		}
		if im.Body == "Ban Dân vận Tỉnh ủy" && len(im.Documents) != 1 {
			t.Errorf("Ban Dân vận Tỉnh ủy: %d documents, want its guidance", len(im.Documents))
		}
	}
	// The table names the missing districts too.
	out, _, code = runBinary(t, "coverage", "--store", store, "45-KL/TU:2022:binh-dinh")
	if code != exitOK || !strings.Contains(out, "4/11 huyện ủy, thị ủy, thành ủy đã có kế hoạch") || !strings.Contains(out, "Huyện ủy Vân Canh") ||
		!strings.Contains(out, "(qua Hướng dẫn 12-HD/BDVTU") || strings.Contains(out, "(qua 12-HD/BDVTU:") {
		t.Errorf("coverage table: exit %d\n%s", code, out)
	}
}
