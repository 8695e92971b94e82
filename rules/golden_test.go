package rules

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/parse")

// TestGolden parses the whole documents of testdata/parse and compares the
// records (without the text) with their .golden.json files. Run with -update
// after a deliberate change and review the diff.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "parse", "*"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".golden.json") {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d := ParseText(string(raw))
			checkOffsets(t, d)
			d.Text = ""
			got, err := json.MarshalIndent(d, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := f + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("no golden file (run go test -update): %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("record differs from %s (go test ./rules -run TestGolden -update, then review git diff):\n%s", golden, firstDiff(string(want), string(got)))
			}
		})
	}
	if n == 0 {
		t.Fatal("no fixtures in testdata/parse")
	}
}

// checkOffsets verifies that every offset of a record points into its text
// and that the reference text is what the offsets cut out.
func checkOffsets(t *testing.T, d Document) {
	t.Helper()
	rs := []rune(d.Text)
	for _, r := range d.References {
		if r.Start < 0 || r.End > len(rs) || r.Start >= r.End {
			t.Fatalf("reference %s: offsets %d-%d outside text of %d runes", r.Symbol, r.Start, r.End, len(rs))
		}
		if got := string(rs[r.Start:r.End]); got != r.Text {
			t.Fatalf("reference %s: text %q, offsets cut %q", r.Symbol, r.Text, got)
		}
	}
	for _, h := range d.Headings {
		if h.Start < 0 || h.Start >= len(rs) {
			t.Fatalf("heading %s: start %d outside text", h.Label, h.Start)
		}
		if !strings.HasPrefix(string(rs[h.Start:]), h.Label) {
			t.Fatalf("heading %s does not start at %d", h.Label, h.Start)
		}
	}
	for _, n := range d.Named {
		if n.Start < 0 || n.End > len(rs) || string(rs[n.Start:n.End]) != n.Text {
			t.Fatalf("named reference %q: bad offsets %d-%d", n.Text, n.Start, n.End)
		}
	}
	for _, f := range d.Footnotes {
		if f.Start < 0 || f.Start+utf8.RuneCountInString(f.Text) > len(rs) || string(rs[f.Start:f.Start+utf8.RuneCountInString(f.Text)]) != f.Text {
			t.Fatalf("footnote %s: bad offset %d", f.Mark, f.Start)
		}
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + itoa(i+1) + ":\n  want " + x + "\n  have " + y
		}
	}
	return ""
}
