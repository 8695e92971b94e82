package rules

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"vanban/internal/testenv"
)

// TestMarkdownSilver checks the document's own symbol on the Markdown corpus
// (noisy OCR bodies under YAML front matter and metadata tables) against the
// symbol its machine-made metadata gives (silver, not gold). Misses are
// logged; the bar is 0.95.
func TestMarkdownSilver(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "corpus", "real", "markdown")
	f, err := os.Open(filepath.Join(dir, "metadata_extracted.jsonl"))
	if err != nil {
		testenv.NoShared(t, "no markdown corpus: %v", err)
	}
	defer f.Close()
	total, ok := 0, 0
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var m struct {
			Path        string            `json:"path"`
			Frontmatter map[string]any    `json:"frontmatter"`
			InfoTable   map[string]string `json:"info_table"`
		}
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatal(err)
		}
		want := m.InfoTable["Số ký hiệu"]
		if want == "" {
			want = m.InfoTable["Số hiệu"]
		}
		if want == "" {
			if s, ok := m.Frontmatter["so-hieu"].(string); ok {
				want = s
			}
		}
		if want == "" {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(dir, m.Path))
		if err != nil {
			continue
		}
		total++
		d := ParseText(string(raw))
		if symbolKey(string(d.Symbol)) == symbolKey(want) {
			ok++
		} else {
			t.Logf("miss %s: have %q, metadata %q", m.Path, d.Symbol, want)
		}
	}
	if total < 100 {
		t.Fatalf("only %d documents read", total)
	}
	rate := float64(ok) / float64(total)
	t.Logf("markdown corpus: own symbol agrees with the metadata for %d/%d = %.3f", ok, total, rate)
	if rate < 0.95 {
		t.Errorf("own symbol agrees for %.3f, want ≥ 0.95", rate)
	}
}
