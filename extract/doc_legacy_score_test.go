package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanban/extract/internal/legacymetric"

	"vanban/internal/testenv"
)

// TestLegacyCorpusDiacritics scores extract + normalize on the real TCVN3/VNI
// .doc, .rtf (and, once a PDF extractor is registered, .pdf) files of
// shared/corpus/real/legacy against their hand-checked transcripts
// (METRIC.md), logs a per-file table, and fails under 0.99 diacritic accuracy
// overall, the strict METRIC.md number (no case folding; the case-folded one
// is logged beside it). Run the same table with:
// go run ./extract/internal/legacyscore
func TestLegacyCorpusDiacritics(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the legacy corpus takes about a minute")
	}
	dir := filepath.Join("..", "..", "shared", "corpus", "real", "legacy")
	if _, err := os.Stat(filepath.Join(dir, "transcripts")); err != nil {
		testenv.NoShared(t, "no legacy corpus at %s: %v", dir, err)
	}
	// The .doc files need LibreOffice: without it they are reported as
	// not scored (KindUnsupported), and the test says so.
	rows, err := legacymetric.Run(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	legacymetric.Print(&b, rows)
	t.Log("\n" + b.String())
	strict, folded, scored, failed, skipped := legacymetric.Total(rows)
	if skipped > 0 {
		t.Logf("%d files not scored (no extractor in this build for their format, e.g. no soffice for .doc)", skipped)
	}
	if scored == 0 {
		t.Fatal("no file could be scored (make deps installs soffice for the .doc files)")
	}
	t.Logf("strict diacritic accuracy %.4f, case-folded %.4f, %d failed", strict.DiacriticAccuracy(), folded.DiacriticAccuracy(), failed)
	if got := strict.DiacriticAccuracy(); got < 0.99 {
		t.Errorf("diacritic accuracy %.4f over %d files, want >= 0.99", got, scored)
	}
}
