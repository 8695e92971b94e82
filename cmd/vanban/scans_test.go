package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"vanban/rules"

	"vanban/internal/testenv"
)

// parseRecords decodes parse --json output.
func parseRecords(t *testing.T, out string) []rules.Document {
	t.Helper()
	var recs []rules.Document
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var d rules.Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("bad JSON line: %v", err)
		}
		recs = append(recs, d)
	}
	return recs
}

// A plan of our own printed as a noisy 200-dpi office scan
// (testdata/extract/scan/office.pdf, made by extract/internal/mkscans): the
// binary OCRs it and reads its identity and every reference with its year.
// Tesseract reads the Đ of "749/QĐ-TTg" as Ö; the tables repair it.
func TestParseOfficeScan(t *testing.T) {
	requireOCRTools(t)
	out, stderr, code := runBinary(t, "parse", "--json", "--ocr", "auto", filepath.Join("..", "..", "testdata", "extract", "scan", "office.pdf"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs := parseRecords(t, out)
	if len(recs) != 1 {
		t.Fatalf("%d records", len(recs))
	}
	d := recs[0]
	if d.Type != "Kế hoạch" || d.Symbol != "21-KH/ĐU" || d.Date != "2024-03-15" || !d.Source.OCR {
		t.Errorf("identity %q %q %q, ocr %v", d.Type, d.Symbol, d.Date, d.Source.OCR)
	}
	want := map[string]int{"58-KH/HU": 2024, "05-CT/TW": 2016, "749/QĐ-TTg": 2020, "20/2023/QH15": 2023}
	for _, r := range d.References {
		y, ok := want[string(r.Symbol)]
		if !ok {
			t.Errorf("extra reference %s (%q)", r.Symbol, r.Text)
			continue
		}
		if int(r.Year) != y {
			t.Errorf("%s: year %d, want %d", r.Symbol, r.Year, y)
		}
		if len(r.Repaired) > 0 {
			t.Logf("%s repaired: %q (text %q)", r.Symbol, r.Repaired, r.Text)
		}
		delete(want, string(r.Symbol))
	}
	if len(want) > 0 {
		t.Errorf("references not found: %v", want)
	}
}

func requireOCRTools(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"tesseract", "pdftoppm"} {
		testenv.Tool(t, tool)
	}
}

// The five seeds of ../shared printed as office scans (mkscans: 200 dpi,
// skew 0.5–1.5°, blur, faded contrast, speckle, JPEG) and read back through
// the binary: reference F1 with years ≥ 0.90 by ../shared/tools/score-refs.
// The scans are not committed (the seeds are the shared corpus's): they are
// made in the user cache, keyed by the seeds' and the generator's content.
//
//	go test ./cmd/vanban -run TestSeedScans -v
func TestSeedScans(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared")
	seeds, _ := filepath.Glob(filepath.Join(shared, "corpus", "seeds", "*.txt"))
	gold := filepath.Join(shared, "corpus", "gold", "seeds.json")
	scorer := filepath.Join(shared, "tools", "score-refs")
	if len(seeds) == 0 {
		testenv.NoShared(t, "no seeds at %s: seed scans skipped", shared)
	}
	if testing.Short() {
		t.Skip("seed scans: OCR of about 36 pages takes minutes")
	}
	requireOCRTools(t)
	testenv.Tool(t, "soffice")
	dir := seedScans(t, seeds, gold)
	pdfs, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	out, stderr, code := runBinary(t, append([]string{"parse", "--json", "--ocr", "auto"}, pdfs...)...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, d := range parseRecords(t, out) {
		n := 0
		for _, r := range d.References {
			if len(r.Repaired) > 0 {
				n++
				t.Logf("%s: %s repaired %q", filepath.Base(d.Source.Path), r.Symbol, r.Repaired)
			}
		}
		t.Logf("%s: %d pages, OCR confidence %.1f, re-OCRed pages %v, %d references repaired",
			filepath.Base(d.Source.Path), d.Source.Pages, d.Source.OCRConfidence, d.Source.OCRRetried, n)
	}
	jsonl := filepath.Join(t.TempDir(), "scans.jsonl")
	if err := os.WriteFile(jsonl, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	score, err := exec.Command(scorer, filepath.Join(dir, "gold.json"), jsonl).Output()
	t.Logf("score-refs:\n%s", score)
	m := regexp.MustCompile(`refs P=([\d.]+) R=([\d.]+) F1=([\d.]+)`).FindSubmatch(score)
	if m == nil {
		t.Fatalf("score-refs: %v", err)
	}
	if f1, _ := strconv.ParseFloat(string(m[3]), 64); f1 < 0.90 {
		t.Errorf("seed scans: reference F1 = %.3f < 0.90", f1)
	}
}

// seedScans returns the folder of the seeds' scans, made by mkscans into the
// user cache when they are not there yet.
func seedScans(t *testing.T, seeds []string, gold string) string {
	t.Helper()
	root := filepath.Join("..", "..")
	gen := filepath.Join(root, "extract", "internal", "mkscans", "main.go")
	h := sha256.New()
	for _, f := range append([]string{gen, gold}, seeds...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		h.Write(b)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "vanban-seed-scans", hex.EncodeToString(h.Sum(nil))[:16])
	if pdfs, _ := filepath.Glob(filepath.Join(dir, "*.pdf")); len(pdfs) == len(seeds) {
		if _, err := os.Stat(filepath.Join(dir, "gold.json")); err == nil {
			return dir
		}
	}
	tmp := dir + ".tmp"
	os.RemoveAll(tmp)
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	args := []string{"run", "./extract/internal/mkscans", "-out", abs(tmp), "-gold", abs(gold)}
	for _, s := range seeds {
		args = append(args, abs(s))
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("mkscans: %v\n%s", err, out)
	}
	os.RemoveAll(dir)
	if err := os.Rename(tmp, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}
