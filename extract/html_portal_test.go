package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanban/extract"
	"vanban/extract/internal/legacymetric"

	"vanban/internal/testenv"
)

// TestHTMLPortal reads the vbpl.vn pages of the shared corpus: no scripts or
// menus, and where the corpus has the portal's own body text
// (real/vbpl/text), at least 99 % of its characters are found in order.
func TestHTMLPortal(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "real", "vbpl")
	files, _ := filepath.Glob(filepath.Join(dir, "html", "*.html"))
	if len(files) == 0 {
		testenv.NoShared(t, "no vbpl pages under %s", dir)
	}
	compared := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := extract.Extract(context.Background(), f, data, extract.Options{})
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		name := filepath.Base(f)
		for _, bad := range []string{"function(", "anticon", "TRANG CHỦ\nGIỚI THIỆU", "024.6273.9468"} {
			if strings.Contains(res.Text, bad) {
				t.Errorf("%s: chrome %q in text", name, bad)
			}
		}
		want, err := os.ReadFile(filepath.Join(dir, "text", strings.TrimSuffix(name, ".html")+".txt"))
		if err != nil {
			continue // a "Thuộc tính" page: no body text in the corpus
		}
		compared++
		sc := legacymetric.Compare(res.Text, string(want))
		t.Logf("%s: %d runes, %.4f of the portal's body text found", name, len([]rune(res.Text)), sc.CharAccuracy())
		if sc.CharAccuracy() < 0.99 {
			t.Errorf("%s: only %.4f of the body text found", name, sc.CharAccuracy())
		}
	}
	if compared == 0 {
		t.Log("no page had its body text in real/vbpl/text")
	}
}
