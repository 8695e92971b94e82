package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSearchStatus: `search` prints the hiệu lực of a hit and --status
// keeps one; an unknown value is a usage error naming the accepted ones.
func TestSearchStatus(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	in := filepath.Join("..", "..", "testdata", "corpus", "status")
	if out, errs, code := runBinary(t, "ingest", "--store", store, "-q", in); code != exitOK {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	out, errs, code := runBinary(t, "search", "--store", store, "--status", "replaced", "nghị định")
	if code != exitOK {
		t.Fatalf("search: exit %d: %s", code, errs)
	}
	for _, w := range []string{"2 hits", "10/2019/NĐ-CP", "Bị thay thế bởi Nghị định 168/2024/NĐ-CP từ 01/01/2025", "30/2015/NĐ-CP"} {
		if !strings.Contains(out, w) {
			t.Errorf("search --status replaced lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "[168/2024/NĐ-CP") {
		t.Errorf("the replacing decree is listed as replaced:\n%s", out)
	}
	out, _, code = runBinary(t, "search", "--store", store, "--json", "nghị định")
	if code != exitOK || !strings.Contains(out, `"status":{"state":"amended"`) || !strings.Contains(out, `"status":[{"term":"in-force"`) {
		t.Errorf("search --json: exit %d, no status in hits or facets:\n%s", code, out)
	}
	_, errs, code = runBinary(t, "search", "--store", store, "--status", "valid", "x")
	if code != exitUsage || !strings.Contains(errs, "replaced") {
		t.Errorf("--status valid: exit %d: %s", code, errs)
	}
}
