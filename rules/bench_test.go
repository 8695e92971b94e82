package rules

import (
	"os"
	"path/filepath"
	"testing"

	"vanban/normalize"

	"vanban/internal/testenv"
)

// benchTexts loads the seeds and the vbpl texts of the shared corpus.
func benchTexts(b *testing.B) ([]string, int64) {
	dir := filepath.Join(sharedDir(b), "corpus")
	var texts []string
	var n int64
	for _, pat := range []string{"seeds/*.txt", "real/vbpl/text/*.txt"} {
		files, _ := filepath.Glob(filepath.Join(dir, pat))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			texts = append(texts, string(data))
			n += int64(len(data))
		}
	}
	if len(texts) == 0 {
		testenv.NoShared(b, "no texts")
	}
	return texts, n
}

// BenchmarkParse measures the whole parse (normalize + structure) over the
// seeds and the vbpl texts; MB/s is over the input bytes.
func BenchmarkParse(b *testing.B) {
	texts, n := benchTexts(b)
	b.SetBytes(n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			ParseText(t)
		}
	}
}

// BenchmarkReferences measures reference extraction alone (lexing, mentions,
// relations, short forms) on normalized text.
func BenchmarkReferences(b *testing.B) {
	texts, n := benchTexts(b)
	clean := make([][]rune, len(texts))
	for i, t := range texts {
		clean[i] = []rune(normalize.Clean(t).Text)
	}
	tb := DefaultTables()
	b.SetBytes(n)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, r := range clean {
			p := &refParser{t: tb, r: r, items: lex(r).items}
			p.findMentions()
			p.references("", 0, zone{}, zone{})
		}
	}
}
