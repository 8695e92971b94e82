package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestAdversarialBatch ingests the adversarial batch of testdata/faults
// (made by `go run ./internal/mkfaults testdata/faults`, listed with what
// each file is in testdata/faults.tsv) end to end through the binary:
// every hostile file is refused with a reason naming it or stored with a
// warning, every good file is stored without one, no panic, no file over
// the per-file deadline, the run bounded in time and under the README's
// memory budget. Files git cannot hold well are added here: names with a
// newline, an escape sequence, a bidi override and invalid UTF-8 (their
// content is good: they are stored, and the report prints their names
// escaped), and a folder linking to its parent.
func TestAdversarialBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests 120 hostile files (about 20 s); not in -short")
	}
	root := filepath.Join("..", "..", "testdata")
	want := readFaultManifest(t, filepath.Join(root, "faults.tsv"))
	if len(want) < 100 {
		t.Fatalf("testdata/faults.tsv lists %d files, want at least 100", len(want))
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	copyTree(t, filepath.Join(root, "faults"), in)
	abs := map[string]string{} // path in the report → want
	for rel, w := range want {
		abs[filepath.Join(in, filepath.FromSlash(rel))] = w
	}
	names := map[string]string{
		"name\nwith a newline.txt":         "Số 901-KH/ĐU",
		"\x1b[31mred\x1b[0m.txt":           "Số 902-KH/ĐU",
		"evil\u202etxt.exe\u202c.txt":      "Số 903-KH/ĐU",
		"bad-\xff\xfe-name.txt":            "Số 904-KH/ĐU",
		"tab\tand\rreturn\x7f.txt":         "Số 905-KH/ĐU",
		"-dash-first --report=x.txt":       "Số 906-KH/ĐU",
		strings.Repeat("dài", 60) + ".txt": "Số 907-KH/ĐU", // 246 bytes of 255
	}
	if err := os.MkdirAll(filepath.Join(in, "names"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, sym := range names {
		p := filepath.Join(in, "names", name)
		text := "ĐẢNG ỦY XÃ BÌNH THÀNH\n" + sym + "\nKẾ HOẠCH\nthực hiện Chỉ thị số 33/CT-TTg về công tác dân vận\n"
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		abs[p] = "name"
	}
	if err := os.Symlink("..", filepath.Join(in, "names", "loop")); err != nil {
		t.Fatal(err)
	}

	store := filepath.Join(dir, "store")
	report := filepath.Join(dir, "report.json")
	const perFile = 30 * time.Second
	r := runFault(t, nil, "ingest", "--store", store, "--report", report, "--timeout", perFile.String(), "-q", in)
	t.Logf("ingest of %d files: exit %d in %v, peak %d MiB", len(abs), r.code, r.took.Round(time.Millisecond), r.maxRSS>>10)
	if r.code != exitPartial {
		t.Errorf("exit %d, want %d (some files failed)\n%s", r.code, exitPartial, r.err)
	}
	if r.maxRSS > memoryBudgetKiB {
		t.Errorf("peak memory %d MiB, over the budget of %d MiB", r.maxRSS>>10, memoryBudgetKiB>>10)
	}
	// The slowest files are a few seconds of OCR; the deadline of each is
	// 30 s, and none may need it.
	if r.took > 3*time.Minute {
		t.Errorf("the batch took %v", r.took)
	}
	for _, bad := range []string{"panic", "internal error", "goroutine "} {
		if strings.Contains(r.out+r.err, bad) {
			t.Errorf("the output mentions %q:\n%s\n%s", bad, r.out, r.err)
		}
	}
	if strings.ContainsAny(r.out, "\x1b\u202e\x7f") || strings.Contains(r.out, "name\nwith") {
		t.Errorf("the report prints a hostile name raw:\n%q", r.out)
	}

	rep := readReport(t, report)
	failed := map[string]string{}
	for _, f := range rep.Failures {
		failed[f.Path] = f.Kind + ": " + f.Message
		if f.Kind == "" || f.Kind == "other" || f.Message == "" {
			t.Errorf("%q refused without a kind and a reason: %+v", f.Path, f)
		}
		if f.Kind == "timeout" {
			t.Errorf("%q ran into the per-file deadline: %s", f.Path, f.Message)
		}
		if !strings.Contains(r.out, esc(f.Path)+": ") {
			t.Errorf("the readable report does not name the refused %q", f.Path)
		}
	}
	warned := map[string][]string{}
	for _, w := range rep.StoredWithWarnings {
		warned[w.Path] = w.Warnings
		if !strings.Contains(r.out, esc(w.Path)+": stored with warnings: ") {
			t.Errorf("the readable report does not list %q as stored with warnings", w.Path)
		}
	}
	counts := map[string]int{}
	for p, w := range abs {
		_, isFailed := failed[p]
		_, isWarned := warned[p]
		switch w {
		case "good", "name":
			if isFailed || isWarned {
				t.Errorf("good file %q: %s%q", p, failed[p], warned[p])
				continue
			}
			if out, errs, code := runBinary(t, "show", "--store", store, "--json", p); code != exitOK || !strings.Contains(out, `"sha256"`) {
				t.Errorf("good file %q is not stored: show exit %d\n%s%s", p, code, out, errs)
			}
			counts["stored "+w]++
		case "hostile":
			switch {
			case isFailed:
				counts["refused"]++
			case isWarned:
				counts["stored with warnings"]++
			default:
				t.Errorf("hostile file %q was stored as if nothing were wrong", p)
			}
		}
	}
	if n := len(rep.Failures) + len(rep.StoredWithWarnings); n != counts["refused"]+counts["stored with warnings"] {
		t.Errorf("the report lists %d refused or warned files, the batch has %d hostile ones so answered", n, counts["refused"]+counts["stored with warnings"])
	}
	t.Logf("%v; failed by kind %v", counts, rep.FailedByKind)
}

// readFaultManifest reads testdata/faults.tsv: path → want ("good" or
// "hostile").
func readFaultManifest(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) != 3 || fields[1] != "good" && fields[1] != "hostile" {
			t.Fatalf("%s: bad line %q", path, line)
		}
		out[fields[0]] = fields[1]
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
