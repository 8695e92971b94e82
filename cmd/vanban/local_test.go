package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanban/corpus"
)

// localChainDir holds a chain below the province with same-symbol decoys:
// a central directive, Bình Định's conclusion, plan 58-KH/HU of 2019 of
// Tây Sơn, of Phù Cát and of Sơn Tịnh (Quảng Ngãi), and a commune plan of
// Tây Sơn and of Phù Cát citing "Kế hoạch số 58-KH/HU của Ban Thường vụ
// Huyện ủy" without naming the district.
var localChainDir = filepath.Join("..", "..", "testdata", "corpus", "chain-local")

// placesReady says whether the parser places a fixture below its province.
func placesReady(t *testing.T, path string) bool {
	out, _, _ := vanban(t, "parse", "--json", path)
	var d struct {
		District *string `json:"district"`
		Commune  *string `json:"commune"`
	}
	json.Unmarshal([]byte(out), &d)
	return d.District != nil && d.Commune != nil
}

func TestLocalChainFixture(t *testing.T) {
	if !placesReady(t, filepath.Join(localChainDir, "5_ke_hoach_xa_binh_thanh.txt")) {
		t.Fatal("rules does not give the district and commune of testdata/corpus/chain-local/5_ke_hoach_xa_binh_thanh.txt")
	}
	files, err := filepath.Glob(filepath.Join(localChainDir, "*.txt"))
	if err != nil || len(files) != 7 {
		t.Fatalf("fixtures: %v %v", files, err)
	}
	rev := func(s []string) []string {
		out := make([]string, len(s))
		for i, f := range s {
			out[len(s)-1-i] = f
		}
		return out
	}
	// In order, reversed, and the plans before what they implement.
	orders := [][]string{files, rev(files), {files[4], files[6], files[2], files[3], files[5], files[1], files[0]}}
	for k, order := range orders {
		store := filepath.Join(t.TempDir(), "store")
		for _, f := range order {
			if out, errs, code := vanban(t, "ingest", "-q", "--no-index", "--store", store, f); code != exitOK ||
				strings.Contains(out, "renditions") {
				t.Fatalf("order %d: ingest %s: exit %d\n%s%s", k, f, code, out, errs)
			}
		}
		out, errs, code := vanban(t, "trace", "--store", store, "--up", "--json", files[4])
		if code != exitOK {
			t.Fatalf("order %d: trace: exit %d: %s", k, code, errs)
		}
		var symbols []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var n corpus.TraceNode
			if err := json.Unmarshal([]byte(l), &n); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(n.Doc.Juris, "phu-cat") || strings.Contains(n.Doc.Juris, "quang-ngai") ||
				n.Doc.State == corpus.StateAmbiguous {
				t.Errorf("order %d: trace --up touches %s", k, n.Doc.Key)
			}
			if n.Doc.State == corpus.StateDocument {
				symbols = append(symbols, n.Doc.Symbol+" "+n.Doc.Juris)
			}
		}
		want := "12-KH/ĐU binh-dinh/tay-son/binh-thanh|58-KH/HU binh-dinh/tay-son|120-KL/TU binh-dinh|35-CT/TW vn"
		if got := strings.Join(symbols, "|"); got != want {
			t.Errorf("order %d: trace --up from the commune plan = %s, want %s", k, got, want)
		}
		// cites of a district plan: its own commune's plan only.
		for _, c := range []struct{ plan, citer string }{{files[2], "binh-thanh"}, {files[3], "cat-hanh"}} {
			out, errs, code := vanban(t, "cites", "--store", store, "--json", c.plan)
			if code != exitOK {
				t.Fatalf("order %d: cites %s: exit %d: %s", k, c.plan, code, errs)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			var ci corpus.Citation
			json.Unmarshal([]byte(lines[0]), &ci)
			if len(lines) != 1 || !strings.Contains(ci.Citing.Juris, c.citer) {
				t.Errorf("order %d: cites %s:\n%s", k, filepath.Base(c.plan), out)
			}
		}
		// --place narrows the citing documents and the DOC.
		out, _, code = vanban(t, "cites", "--store", store, "--place", "Tây Sơn", "Kết luận 120-KL/TU tỉnh Bình Định")
		if code != exitOK || !strings.Contains(out, "58-KH/HU:2019:binh-dinh/tay-son") || strings.Contains(out, "phu-cat") {
			t.Errorf("order %d: cites --place Tây Sơn: exit %d\n%s", k, code, out)
		}
		out, _, code = vanban(t, "trace", "--store", store, "--down", "--place", "huyện Phù Cát", "58-KH/HU")
		if code != exitOK || !strings.Contains(out, "cat-hanh") || strings.Contains(out, "binh-thanh") {
			t.Errorf("order %d: trace --down --place Phù Cát 58-KH/HU: exit %d\n%s", k, code, out)
		}
	}
}

func TestPlaceFlagUnknown(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	os.MkdirAll(store, 0o755)
	for _, args := range [][]string{
		{"cites", "--store", store, "--place", "Tây Sơnn", "35-CT/TW"},
		{"trace", "--store", store, "--place", "Tây Sơnn", "35-CT/TW"},
		{"search", "--store", store, "--place", "Tây Sơnn", "đại hội"},
	} {
		_, errs, code := vanban(t, args...)
		if code != exitUsage || !strings.Contains(errs, "Tây Sơn") || !strings.Contains(errs, "closest") {
			t.Errorf("%v: exit %d, want %d naming the closest places:\n%s", args, code, exitUsage, errs)
		}
	}
}

// One plan as a .txt and as a .md is one document; the report names the
// rendition and what it joined.
func TestRenditionEndToEnd(t *testing.T) {
	plan, err := os.ReadFile(filepath.Join(localChainDir, "3_ke_hoach_tay_son.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !parserReady(t, filepath.Join(localChainDir, "3_ke_hoach_tay_son.txt")) {
		t.Fatal("rules.ParseText does not give the symbol and references of the fixture")
	}
	in := filepath.Join(t.TempDir(), "in")
	os.MkdirAll(in, 0o755)
	md := strings.Replace(strings.Replace(string(plan), "KẾ HOẠCH\n", "## KẾ HOẠCH\n", 1), "I. MỤC ĐÍCH, YÊU CẦU", "### I. MỤC ĐÍCH, YÊU CẦU", 1)
	os.WriteFile(filepath.Join(in, "a.txt"), plan, 0o644)
	os.WriteFile(filepath.Join(in, "b.md"), []byte(md), 0o644)
	store := filepath.Join(t.TempDir(), "store")
	rep := filepath.Join(t.TempDir(), "r.json")
	out, errs, code := vanban(t, "ingest", "-j", "1", "--no-index", "--store", store, "--report", rep, in)
	if code != exitOK {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	r := readReport(t, rep)
	if r.Added != 2 || r.Renditions != 1 || len(r.RenditionOf) != 1 || r.RenditionOf[0].Path != filepath.Join(in, "b.md") ||
		!strings.HasPrefix(r.RenditionOf[0].Joined, "58-KH/HU:2019:binh-dinh") || !strings.Contains(out, "b.md joined 58-KH/HU") {
		t.Errorf("report %+v\n%s", r, out)
	}
	out, _, _ = vanban(t, "export", "--store", store, "--format", "json")
	if n := strings.Count(out, `"state":"document"`); n != 1 {
		t.Errorf("%d documents stored, want 1:\n%s", n, out)
	}
}
