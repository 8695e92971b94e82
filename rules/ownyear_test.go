package rules

import (
	"encoding/csv"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanban/internal/testenv"
)

// TestOwnYear counts the documents of the shared corpus (vbpl texts and the
// Markdown set) whose date contradicts the year inside their own symbol
// (154/2026/NĐ-CP dated 2014: the date of a document its metadata table or
// title quotes, taken for its own). The date of issue is the header's date
// line (ND 30/2020 ô 4), never a date inside a table row, the subject or a
// citation. A contradiction is explained only when the source contradicts
// itself: the portal's index gives the same symbol with a date of another year
// (doc_000220: "Số: 60/2025/NĐ-CP", "ngày 12 tháng 3 năm 2026"; the portal's
// title says 66/2026).
func TestOwnYear(t *testing.T) {
	real := filepath.Join(sharedDir(t), "corpus", "real")
	// The portal's own pairs (symbol, date) by file.
	portal := map[string][2]string{}
	if f, err := os.Open(filepath.Join(real, "vbpl", "index_all_999.csv")); err == nil {
		rows, _ := csv.NewReader(f).ReadAll()
		f.Close()
		for _, r := range rows {
			if len(r) > 7 {
				portal[strings.TrimSuffix(r[0], ".html")+".txt"] = [2]string{r[6], r[7]}
			}
		}
	}
	var files []string
	vb, _ := filepath.Glob(filepath.Join(real, "vbpl", "text", "*.txt"))
	files = append(files, vb...)
	filepath.WalkDir(filepath.Join(real, "markdown"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		testenv.NoShared(t, "no vbpl or markdown texts")
	}
	checked, bad, explained := 0, 0, 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := ParseText(string(raw))
		y := ParseSymbol(string(d.Symbol)).Year
		if y == 0 || len(d.Date) < 4 {
			continue
		}
		checked++
		if atoi(string(d.Date)[:4]) == y {
			continue
		}
		if p, ok := portal[filepath.Base(f)]; ok && symbolKey(p[0]) == symbolKey(string(d.Symbol)) && !strings.HasSuffix(p[1], itoa(y)) {
			explained++
			t.Logf("explained: %s: %s dated %s, and the portal's index says %s of %s", filepath.Base(f), d.Symbol, d.Date, p[0], p[1])
			continue
		}
		bad++
		t.Errorf("%s: %s dated %s (place line %q)", filepath.Base(f), d.Symbol, d.Date, d.Place)
	}
	t.Logf("own year: %d documents with a year in their symbol and a date; %d contradict it, %d of them explained by the source", checked, bad+explained, explained)
}
