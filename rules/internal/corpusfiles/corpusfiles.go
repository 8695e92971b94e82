// Package corpusfiles lists the texts of the shared corpus that the rules'
// measuring commands (relstat, mklaws) read, in one fixed order.
package corpusfiles

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// List returns the seeds, the vbpl texts, the legacy transcripts and the
// Markdown documents under shared/corpus, sorted.
func List(shared string) ([]string, error) {
	c := filepath.Join(shared, "corpus")
	var out []string
	for _, pat := range []string{"seeds/*.txt", "real/vbpl/text/*.txt", "real/legacy/transcripts/*.txt"} {
		m, err := filepath.Glob(filepath.Join(c, pat))
		if err != nil {
			return nil, err
		}
		out = append(out, m...)
	}
	err := filepath.WalkDir(filepath.Join(c, "real", "markdown", "van-ban"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			out = append(out, p)
		}
		return err
	})
	if len(out) == 0 {
		return nil, fmt.Errorf("no corpus under %s", c)
	}
	sort.Strings(out)
	return out, err
}
