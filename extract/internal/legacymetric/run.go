package legacymetric

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"vanban/extract"
	"vanban/normalize"
)

// Row is the result for one file.
type Row struct {
	File     string // path under the corpus folder, e.g. "tcvn3/2003-A04.rtf"
	Format   string
	Encoding string // what normalize.DecodeLegacy found
	Score    Score  // METRIC.md, strict
	Folded   Score  // the same with case folded (see CompareFolded)
	Err      error  // extraction failed: counted, never dropped (METRIC.md)
	Skipped  string
	Took     time.Duration
}

// Exts are the kinds of file scored: the .xls and .ppt files of the corpus
// are not documents this project reads.
var Exts = map[string]bool{".doc": true, ".rtf": true, ".pdf": true}

// Run scores every .doc, .rtf and .pdf file under dir (the corpus folder
// real/legacy) that has a transcript in dir/transcripts. Files whose format
// has no extractor in this build (KindUnsupported) are skipped, not failed.
func Run(ctx context.Context, dir string) ([]Row, error) {
	var files []string
	for _, sub := range []string{"tcvn3", "vni"} {
		ents, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil {
			continue
		}
		for _, e := range ents {
			if Exts[strings.ToLower(filepath.Ext(e.Name()))] {
				files = append(files, filepath.Join(sub, e.Name()))
			}
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("legacyscore: no .doc/.rtf/.pdf files under %s", dir)
	}
	sort.Strings(files)
	// One worker a core: most of the time is LibreOffice converting .doc
	// files, one process each.
	rows := make([]Row, len(files))
	ok := make([]bool, len(files))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < max(1, runtime.NumCPU()); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				f := files[i]
				base := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
				want, err := os.ReadFile(filepath.Join(dir, "transcripts", base+".txt"))
				if err != nil {
					continue // no transcript: not scored (PROVENANCE.md "pending-transcript")
				}
				rows[i], ok[i] = scoreFile(ctx, filepath.Join(dir, f), f, string(want)), true
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	var out []Row
	for i, r := range rows {
		if ok[i] {
			out = append(out, r)
		}
	}
	return out, nil
}

func scoreFile(ctx context.Context, path, name, want string) (row Row) {
	row.File = name
	t0 := time.Now()
	defer func() { row.Took = time.Since(t0) }()
	data, err := os.ReadFile(path)
	if err != nil {
		row.Err = err
		return row
	}
	// LibreOffice takes over a minute on the largest .doc when the machine
	// is busy (CI runs test packages side by side).
	ctx, cancel := context.WithTimeout(ctx, 6*time.Minute)
	defer cancel()
	res, err := extract.Extract(ctx, path, data, extract.Options{OCR: extract.OCROff})
	if err != nil {
		if extract.KindOf(err) == extract.KindUnsupported {
			row.Skipped = err.Error()
			return row
		}
		row.Err = err
		// A failed file scores zero against its transcript.
		row.Score = Compare("", want)
		row.Folded = row.Score
		return row
	}
	row.Format = res.Format
	spans := make([]normalize.FontSpan, len(res.Fonts))
	for i, f := range res.Fonts {
		spans[i] = normalize.FontSpan{Start: f.Start, End: f.End, Font: f.Font}
	}
	text, enc := normalize.DecodeLegacy(res.Text, res.Encoding, spans)
	row.Encoding = enc
	row.Score = Compare(text, want)
	row.Folded = CompareFolded(text, want)
	return row
}

// Total sums the scored rows (strict and case-folded).
func Total(rows []Row) (s, folded Score, scored, failed, skipped int) {
	for _, r := range rows {
		switch {
		case r.Skipped != "":
			skipped++
			continue
		case r.Err != nil:
			failed++
		}
		scored++
		s = s.Add(r.Score)
		folded = folded.Add(r.Folded)
	}
	return
}

// Print writes the per-file table and the total.
func Print(w io.Writer, rows []Row) {
	fmt.Fprintf(w, "%-58s %-5s %-8s %9s %7s %7s %7s %7s %6s\n", "file", "fmt", "enc", "diacr", "d_acc", "d_acc_ci", "c_acc", "s_acc", "secs")
	for _, r := range rows {
		switch {
		case r.Skipped != "":
			fmt.Fprintf(w, "%-58s skipped: %s\n", r.File, r.Skipped)
			continue
		case r.Err != nil:
			fmt.Fprintf(w, "%-58s ERROR: %v\n", r.File, r.Err)
		}
		s := r.Score
		fmt.Fprintf(w, "%-58s %-5s %-8s %9d %7.4f %7.4f %7.4f %7.4f %6.2f\n", r.File, r.Format, r.Encoding,
			s.DiacriticTotal, s.DiacriticAccuracy(), r.Folded.DiacriticAccuracy(), s.CharAccuracy(), s.SyllableAccuracy(), r.Took.Seconds())
	}
	t, f, scored, failed, skipped := Total(rows)
	fmt.Fprintf(w, "TOTAL %d scored (%d failed), %d not scored: diacritic_accuracy %.4f (case-folded %.4f)  char_accuracy %.4f  syllable_accuracy %.4f\n",
		scored, failed, skipped, t.DiacriticAccuracy(), f.DiacriticAccuracy(), t.CharAccuracy(), t.SyllableAccuracy())
}
