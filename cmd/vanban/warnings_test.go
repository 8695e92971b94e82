package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStoredWithWarnings: a truncated RTF still yields text, so it is
// stored, and the ingest report (readable and --report JSON) lists it as
// "stored with warnings" with the reason; show and parse print the warning;
// the good file beside it is stored without one.
func TestStoredWithWarnings(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	rtf, err := os.ReadFile(filepath.Join("..", "..", "testdata", "extract", "office", "unicode.rtf"))
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(in, "cut.rtf")
	if err := os.WriteFile(cut, rtf[:len(rtf)*2/3], 0o644); err != nil {
		t.Fatal(err)
	}
	copyTree(t, filepath.Join("..", "..", "testdata", "corpus", "chain"), filepath.Join(in, "chain"))
	store := filepath.Join(dir, "store")
	report := filepath.Join(dir, "report.json")
	out, errs, code := vanban(t, "ingest", "--store", store, "--report", report, in)
	if code != exitOK || !strings.Contains(out, "5 added") {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "1 file stored with warnings:") || !strings.Contains(out, cut+": stored with warnings: rtf: ") || !strings.Contains(out, "truncated") {
		t.Errorf("the report does not list %s as stored with warnings:\n%s", cut, out)
	}
	var rep struct {
		Warned []struct {
			Path     string   `json:"path"`
			Warnings []string `json:"warnings"`
		} `json:"stored_with_warnings"`
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Warned) != 1 || rep.Warned[0].Path != cut || len(rep.Warned[0].Warnings) == 0 {
		t.Errorf("--report stored_with_warnings = %+v, want the one cut file", rep.Warned)
	}
	for _, args := range [][]string{{"show", "--store", store, cut}, {"parse", cut}} {
		out, errs, code := vanban(t, args...)
		if code != exitOK || !strings.Contains(out, "warning") || !strings.Contains(out, "groups left open") {
			t.Errorf("%s: exit %d, no warning printed:\n%s%s", args[0], code, out, errs)
		}
	}
	out, _, _ = vanban(t, "show", "--store", store, "--json", cut)
	if !strings.Contains(out, `"warnings":["rtf: `) {
		t.Errorf("show --json lacks source.warnings:\n%.600s", out)
	}
	out, _, _ = vanban(t, "show", "--store", store, filepath.Join(in, "chain", "1_chi_thi_tw.txt"))
	if strings.Contains(out, "warning") {
		t.Errorf("the good file shows a warning:\n%s", out)
	}
}
