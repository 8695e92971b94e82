package corpus

import (
	"context"
	"os"
	"time"

	"vanban/extract"
)

// NewReport is an empty report of run.
func NewReport(run int64) Report {
	return Report{Run: run, Started: time.Now().UTC(), FailedByKind: map[string]int{}, Failures: []Failure{},
		DuplicateOf: []Duplicate{}, SkippedPaths: []string{}, RenditionOf: []Rendition{}, MovedFrom: []Move{}}
}

// IngestFile ingests one file as a part of run (BeginRun): what Ingest does
// for each file, for a worker of a queue that is handed one file at a time
// (package queue). The report counts that one file. An error is the
// store's (the file may be tried again); a file that cannot be read or
// parsed is an outcome, a failure in the report and the run's events. A
// file this run already stored (a worker that stored it died before it
// could say so) is not stored again, and counts as added (or changed) as
// the first attempt's events say.
func (s *Store) IngestFile(ctx context.Context, path string, run int64, opt IngestOptions) (Report, error) {
	rep := NewReport(run)
	if opt.Timeout <= 0 {
		opt.Timeout = 10 * time.Minute
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = 256 << 20
	}
	p := Canon(path)
	var r result
	fi, err := os.Stat(p)
	if err == nil && !fi.Mode().IsRegular() {
		err = extract.CheckRegular(fi)
	}
	if err != nil {
		r = result{st: FileStat{Path: p, canon: true}, out: outFailed, kind: "io", msg: err.Error()}
	} else {
		r = s.examine(ctx, p, opt)
	}
	if r.out == outFailed && ctx.Err() != nil {
		return rep, ctx.Err() // stopped, not failed: the file is taken again
	}
	rep.Files = 1
	wctx := context.WithoutCancel(ctx)
	w := &writer{s: s, ctx: wctx, stages: opt.Stages}
	err = w.record(r, run, &rep, opt.Force, map[string]bool{}, true)
	if err == nil && (r.out == outUnchanged || r.out == outTouched) {
		// Unchanged because this run stored it already: an attempt whose
		// worker died after the commit. It counts as what that attempt did.
		var kind string
		if s.db.QueryRowContext(wctx, `SELECT kind FROM events WHERE run_id = ? AND path = ? AND kind IN ('ingested', 'changed')
			ORDER BY id DESC LIMIT 1`, run, s.storedPath(r.st)).Scan(&kind) == nil {
			rep.Unchanged--
			if kind == "changed" {
				rep.Changed++
			} else {
				rep.Added++
			}
		}
	}
	rep.Finished = time.Now().UTC()
	rep.Seconds = rep.Finished.Sub(rep.Started).Seconds()
	return rep, err
}

// Add counts the outcomes of o (another part of the same run) in r.
func (r *Report) Add(o Report) {
	r.Files += o.Files
	r.Added += o.Added
	r.Changed += o.Changed
	r.Duplicates += o.Duplicates
	r.Moved += o.Moved
	r.MovedFrom = append(r.MovedFrom, o.MovedFrom...)
	r.Unchanged += o.Unchanged
	r.Reparsed += o.Reparsed
	r.Renditions += o.Renditions
	r.RenditionOf = append(r.RenditionOf, o.RenditionOf...)
	r.Skipped += o.Skipped
	r.SkippedPaths = append(r.SkippedPaths, o.SkippedPaths...)
	r.Failed += o.Failed
	for k, n := range o.FailedByKind {
		r.FailedByKind[k] += n
	}
	r.Failures = append(r.Failures, o.Failures...)
	r.StoredWithWarnings = append(r.StoredWithWarnings, o.StoredWithWarnings...)
	r.DuplicateOf = append(r.DuplicateOf, o.DuplicateOf...)
	r.Pages += o.Pages
	r.OCRFiles += o.OCRFiles
}
