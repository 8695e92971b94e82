package corpus

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"vanban/extract"
	"vanban/rules"
)

// Processor turns the bytes of one file into a record (cmd/vanban's
// pipeline). On failure the record carries Error.
type Processor func(ctx context.Context, path string, data []byte) (rules.Document, error)

// IngestOptions tune a run.
type IngestOptions struct {
	Process  Processor
	Workers  int           // files processed in parallel (0: all cores)
	Timeout  time.Duration // deadline per file (0: 10 min)
	MaxBytes int64         // files above are failed as too_large (0: 256 MiB)
	// Progress, when set, is called after each file (from one goroutine).
	Progress func(Progress)
	// Exclude is a directory never walked (the store itself).
	Exclude string
	// Force processes every file again, even unchanged ones: after the
	// parser improved. Each content is still stored once per run.
	Force bool
	// Stages, when set, adds up the time of each stage (the caller adds
	// its own, the index); else the run keeps its own. The report gives them.
	Stages *Stages
}

// Progress is the state of a run.
type Progress struct {
	Done, Total int
	Pages       int
	Bytes       int64
	Started     time.Time
	Last        string // the file just finished
}

// Failure is one file that could not be ingested.
type Failure struct {
	Path    string `json:"path"`
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// Duplicate is a file whose content was already stored.
type Duplicate struct {
	Path string `json:"path"`
	Of   string `json:"of"`
}

// Warned is a file stored although damaged: its text was read, with the
// warnings of its record (source.warnings: truncated, pages unreadable,
// repaired …), so nothing damaged is stored silently.
type Warned struct {
	Path     string   `json:"path"`
	Key      string   `json:"key"`
	Warnings []string `json:"warnings"`
}

// Move is a file found at a new path with content stored from a path
// where it is no longer: the file was moved or renamed (its path row now
// says where it is).
type Move struct {
	Path string   `json:"path"`
	From []string `json:"from"`
	Of   string   `json:"of"` // the key of its document
}

// Rendition is a file stored as another rendition of a document already
// stored from another file.
type Rendition struct {
	Path   string `json:"path"`
	Joined string `json:"joined"` // the key of the document it joined
}

// Report is the outcome of a run: printed, written with --report, and kept
// in the runs table.
type Report struct {
	Run        int64     `json:"run"`
	Started    time.Time `json:"started"`
	Finished   time.Time `json:"finished"`
	Seconds    float64   `json:"seconds"`
	Files      int       `json:"files"`
	Added      int       `json:"added"`
	Changed    int       `json:"changed"`
	Duplicates int       `json:"duplicates"`
	// Moved counts files recognised by their content at a new path, the
	// old one gone (not counted as duplicates); MovedFrom lists them.
	Moved     int    `json:"moved"`
	MovedFrom []Move `json:"moved_from"`
	Unchanged int    `json:"unchanged"`
	Reparsed  int    `json:"reparsed"` // known content processed again (--force)
	// Renditions counts new files of documents already stored from another
	// file (same identity, other content); they are also counted in Added.
	Renditions   int            `json:"renditions"`
	RenditionOf  []Rendition    `json:"rendition_of"`
	Skipped      int            `json:"skipped"`
	Failed       int            `json:"failed"`
	FailedByKind map[string]int `json:"failed_by_kind"`
	Failures     []Failure      `json:"failures"`
	// StoredWithWarnings are the files stored this run whose record has
	// warnings.
	StoredWithWarnings []Warned    `json:"stored_with_warnings,omitempty"`
	DuplicateOf        []Duplicate `json:"duplicate_of"`
	SkippedPaths       []string    `json:"skipped_paths"`
	Pages              int         `json:"pages"`
	OCRFiles           int         `json:"ocr_files"`
	Interrupted        bool        `json:"interrupted,omitempty"`
	// Tenths are the seconds from the start at which each tenth of the
	// files was done: the rate per tenth shows whether a run stays flat.
	Tenths []float64 `json:"tenths_seconds,omitempty"`
	// Resources is what the run cost the process (CPU, bytes written, peak memory).
	Resources *Resources `json:"resources,omitempty"`
	// StoreBytes are the store's files at the end: the database, its WAL
	// and the search index.
	StoreBytes map[string]int64 `json:"store_bytes,omitempty"`
	// StageSeconds is the time each stage took, added over the workers
	// (read, extract, normalize, rules, match, resolve, store, commit, index).
	StageSeconds map[string]float64 `json:"stage_seconds,omitempty"`
}

type outcome int

const (
	outStore   outcome = iota
	outTouched         // known content, a new modification time
	outDuplicate
	outUnchanged
	outFailed
)

type result struct {
	st   FileStat
	out  outcome
	doc  rules.Document
	kind string
	msg  string
}

// Walk lists the regular files under paths (recursively for folders),
// sorted, skipping hidden entries and exclude. Entries that are not regular
// files are returned as skipped.
func Walk(paths []string, exclude string) (files, skipped []string, err error) {
	var ex string
	if exclude != "" {
		ex, _ = filepath.Abs(exclude)
	}
	for _, root := range paths {
		// An argument that is a symbolic link is followed (WalkDir does
		// not follow the root's link).
		if real, err := filepath.EvalSymlinks(root); err == nil {
			root = real
		}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == root {
					return err
				}
				skipped = append(skipped, p)
				return nil
			}
			name := d.Name()
			if d.IsDir() {
				if abs, _ := filepath.Abs(p); ex != "" && abs == ex {
					return filepath.SkipDir
				}
				if p != root && strings.HasPrefix(name, ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if p != root && strings.HasPrefix(name, ".") {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// A link to a regular file is that file; a link to a
				// folder is not walked (a loop would never end).
				if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
					files = append(files, p)
				} else {
					skipped = append(skipped, p)
				}
				return nil
			}
			if !d.Type().IsRegular() {
				skipped = append(skipped, p)
				return nil
			}
			files = append(files, p)
			return nil
		})
		if err != nil {
			return nil, nil, fmt.Errorf("cannot walk %s: %w", root, err)
		}
	}
	// Overlapping arguments ("in" and "in/sub") name a file once.
	sort.Strings(files)
	return slices.Compact(files), skipped, nil
}

// Ingest adds files and folders to the store. Extraction runs on all cores;
// one goroutine writes, one transaction per document, so a killed run leaves
// every document whole or absent and the next run goes on where it stopped
// (files already stored are recognised by path, size and mtime, or by
// content hash). A file that fails, times out or is too large is logged and
// the run goes on.
func (s *Store) Ingest(ctx context.Context, paths []string, opt IngestOptions) (Report, error) {
	start := ProcessUsage()
	rep := Report{Started: time.Now().UTC(), FailedByKind: map[string]int{}, Failures: []Failure{},
		DuplicateOf: []Duplicate{}, SkippedPaths: []string{}, RenditionOf: []Rendition{}, MovedFrom: []Move{}}
	if opt.Workers < 1 {
		opt.Workers = runtime.NumCPU()
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 10 * time.Minute
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = 256 << 20
	}
	if opt.Stages == nil {
		opt.Stages = &Stages{}
	}
	ctx = WithStages(ctx, opt.Stages)
	// A path that cannot be read fails alone; the others are ingested.
	var roots []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err == nil && !fi.IsDir() {
			// A FIFO, a device, a socket named on the command line is an
			// error naming it, not a wait for ever.
			if rerr := extract.CheckRegular(fi); rerr != nil {
				err = rerr
			}
		}
		if err != nil {
			rep.Failed++
			rep.FailedByKind["io"]++
			rep.Failures = append(rep.Failures, Failure{Path: p, Kind: "io", Message: err.Error()})
			continue
		}
		roots = append(roots, p)
	}
	files, skipped, err := Walk(roots, opt.Exclude)
	if err != nil {
		return rep, err
	}
	// One file reached by several spellings ("./a.txt", "d/../a.txt", a
	// symbolic link) is one file, named by its canonical path.
	for i, f := range files {
		files[i] = Canon(f)
	}
	sort.Strings(files)
	files = slices.Compact(files)
	rep.SkippedPaths = append(rep.SkippedPaths, skipped...)
	rep.Skipped = len(skipped)
	run, err := s.BeginRun(ctx)
	if err != nil {
		return rep, err
	}
	rep.Run = run

	jobs := make(chan string)
	results := make(chan result, opt.Workers)
	var wg sync.WaitGroup
	for i := 0; i < opt.Workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				results <- s.examine(ctx, p, opt)
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, f := range files {
			select {
			case jobs <- f:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()

	prog := Progress{Total: len(files), Started: time.Now()}
	var firstErr error
	// Writes use a context that an interrupt does not cancel: what was
	// processed is stored, then the run stops.
	wctx := context.WithoutCancel(ctx)
	storedNow := map[string]bool{} // contents stored by this run
	w := &writer{s: s, ctx: wctx, stages: opt.Stages}
	for {
		r, ok, idle := w.next(results)
		if idle {
			// No file came while the group was open: it is committed, so
			// that a slow batch (scans) has each file in the database at
			// once and the write lock is not held while nothing is written.
			if err := w.commit(&rep); err != nil && firstErr == nil {
				firstErr = err
			}
			continue
		}
		if !ok {
			break
		}
		if r.out == outFailed && ctx.Err() != nil {
			continue // interrupted, not failed: the next run takes it again
		}
		if firstErr == nil {
			// Commit when the group is full or old, and after every file
			// once the run is interrupted.
			if err := w.record(r, run, &rep, opt.Force, storedNow, ctx.Err() != nil); err != nil {
				firstErr = err
			}
		}
		rep.Files++
		prog.Done++
		prog.Pages += r.doc.Source.Pages
		prog.Bytes += r.st.Size
		prog.Last = r.st.Path
		for len(files) > 0 && prog.Done*10/len(files) > len(rep.Tenths) {
			rep.Tenths = append(rep.Tenths, time.Since(prog.Started).Seconds())
		}
		if opt.Progress != nil {
			opt.Progress(prog)
		}
	}
	if err := w.commit(&rep); err != nil && firstErr == nil {
		firstErr = err
	}
	rep.Finished = time.Now().UTC()
	rep.Seconds = rep.Finished.Sub(rep.Started).Seconds()
	rep.Interrupted = ctx.Err() != nil
	res := ProcessUsage().Since(start)
	rep.Resources = &res
	rep.StageSeconds = opt.Stages.Seconds()
	sort.Slice(rep.Failures, func(i, j int) bool { return rep.Failures[i].Path < rep.Failures[j].Path })
	sort.Slice(rep.DuplicateOf, func(i, j int) bool { return rep.DuplicateOf[i].Path < rep.DuplicateOf[j].Path })
	sort.Slice(rep.RenditionOf, func(i, j int) bool { return rep.RenditionOf[i].Path < rep.RenditionOf[j].Path })
	sort.Slice(rep.MovedFrom, func(i, j int) bool { return rep.MovedFrom[i].Path < rep.MovedFrom[j].Path })
	if err := s.FinishRun(context.WithoutCancel(ctx), run, rep); err != nil && firstErr == nil {
		firstErr = err
	}
	return rep, firstErr
}

// GroupFiles and GroupTime bound a group of files written in one
// transaction: SQLite writes every page a transaction touched to its WAL at
// commit, and the pages of the tables' indexes are shared by the documents
// of a batch, so one commit per file wrote each of them once per file (15×
// the final store at 30 000 documents, a third of the writer's time in
// commits). A file still fails alone: it is rolled back to its savepoint.
// A group is committed as soon as no file waits, so these bounds only hold
// back a bulk ingest: 30 000 files with --no-index wrote 5.9 GB in 111 s
// with groups of 250 ms (about 50 files each), 2.2 GB in 75 s with groups
// of 2 s.
var (
	GroupFiles = 1000
	GroupTime  = 2 * time.Second
)

// writer is the one goroutine of a run that writes: its open group (a
// transaction of several files) and the report as it was when the group
// began, given back if the group cannot be committed.
type writer struct {
	s      *Store
	ctx    context.Context
	stages *Stages
	t      *tx
	n      int
	began  time.Time
	saved  Report
	kinds  map[string]int
	groups int // committed so far in this run
}

// firstGroupTime bounds the first group of a run; each next one may last
// twice as long, up to GroupTime: the first documents of a bulk ingest are
// in the database (and seen by the commands beside it) within a quarter of
// a second, the later ones go in the larger groups that write less.
const firstGroupTime = 250 * time.Millisecond

// groupTime is how long the open group may last.
func (w *writer) groupTime() time.Duration {
	d := firstGroupTime << min(w.groups, 8)
	return min(d, GroupTime)
}

// next waits for the next result; while a group is open, for at most what
// is left of its time (idle: none came).
func (w *writer) next(results <-chan result) (r result, ok, idle bool) {
	if w.t == nil {
		r, ok = <-results
		return r, ok, false
	}
	wait := time.NewTimer(max(w.groupTime()-time.Since(w.began), time.Millisecond))
	defer wait.Stop()
	select {
	case r, ok = <-results:
		return r, ok, false
	case <-wait.C:
		return result{}, false, true
	}
}

// record writes the outcome of one file in the open group (beginning one
// when none is), and commits the group when last is true or it is full.
func (w *writer) record(r result, run int64, rep *Report, force bool, storedNow map[string]bool, last bool) error {
	if w.t == nil {
		t, err := w.s.begin(w.ctx)
		if err != nil {
			return err
		}
		w.t, w.n, w.began = t, 0, time.Now()
		w.saved, w.kinds = *rep, maps.Clone(rep.FailedByKind)
	}
	if _, err := w.t.Exec(`SAVEPOINT file`); err != nil {
		return fmt.Errorf("cannot begin the file's savepoint: %w", err)
	}
	if err := w.t.record(r, run, rep, force, storedNow); err != nil {
		// The file's writes go; the group's earlier files stay.
		if _, rerr := w.t.Exec(`ROLLBACK TO SAVEPOINT file`); rerr != nil {
			w.t.Rollback()
			w.abandon(rep)
			return err
		}
		w.t.dirtySrc, w.t.maybeGone, w.t.newStubs = map[int64]bool{}, map[int64]bool{}, nil
		if cerr := w.commit(rep); cerr != nil {
			return cerr
		}
		return err
	}
	if _, err := w.t.Exec(`RELEASE SAVEPOINT file`); err != nil {
		return fmt.Errorf("cannot release the file's savepoint: %w", err)
	}
	w.n++
	if last || w.n >= GroupFiles || time.Since(w.began) >= w.groupTime() {
		return w.commit(rep)
	}
	return nil
}

// commit commits the open group, if any; if it cannot, the report goes
// back to what it was before the group (none of its files is stored).
func (w *writer) commit(rep *Report) error {
	if w.t == nil {
		return nil
	}
	t0 := time.Now()
	err := w.t.Commit()
	w.stages.Since(StageCommit, t0)
	w.t = nil
	w.groups++
	if err != nil {
		w.abandon(rep)
		return fmt.Errorf("cannot commit the files stored: %w", err)
	}
	return nil
}

// abandon forgets the group (rolled back) and gives the report back as it
// was before it: none of its files is stored.
func (w *writer) abandon(rep *Report) {
	w.t = nil
	*rep = w.saved
	rep.FailedByKind = w.kinds
}

// record writes the outcome of one file.
func (t *tx) record(r result, run int64, rep *Report, force bool, storedNow map[string]bool) error {
	switch r.out {
	case outUnchanged:
		rep.Unchanged++
		return nil
	case outTouched:
		rep.Unchanged++
		return t.touchPath(r.st)
	case outFailed:
		rep.Failed++
		rep.FailedByKind[r.kind]++
		rep.Failures = append(rep.Failures, Failure{Path: r.st.Path, Kind: r.kind, Message: r.msg})
		return t.recordFailure(r.st, run, r.kind, r.msg)
	case outStore:
		// Two workers may have read the same content at two paths: the
		// second one to arrive is a duplicate.
		_, known, err := lookupContent(t.QueryRow, r.st.SHA256)
		if err != nil {
			return err
		}
		if !storedNow[r.st.SHA256] && (!known || force) {
			res, err := t.putFile(r.doc, r.st, run)
			if err != nil {
				return err
			}
			storedNow[r.st.SHA256] = true
			if len(r.doc.Source.Warnings) > 0 {
				rep.StoredWithWarnings = append(rep.StoredWithWarnings, Warned{Path: r.st.Path, Key: res.Key, Warnings: r.doc.Source.Warnings})
			}
			switch {
			case known:
				rep.Reparsed++
			case res.Changed:
				rep.Changed++
			default:
				rep.Added++
			}
			if res.Another {
				rep.Renditions++
				rep.RenditionOf = append(rep.RenditionOf, Rendition{Path: r.st.Path, Joined: res.Joined})
			}
			if len(res.MovedFrom) > 0 {
				rep.Moved++
				rep.MovedFrom = append(rep.MovedFrom, Move{Path: r.st.Path, From: res.MovedFrom, Of: res.Key})
			}
			rep.Pages += r.doc.Source.Pages
			if r.doc.Source.OCR {
				rep.OCRFiles++
			}
			return nil
		}
	}
	key, from, err := t.recordDuplicate(r.st, run)
	if err != nil {
		return err
	}
	if len(from) > 0 {
		rep.Moved++
		rep.MovedFrom = append(rep.MovedFrom, Move{Path: r.st.Path, From: from, Of: key})
		return nil
	}
	rep.Duplicates++
	rep.DuplicateOf = append(rep.DuplicateOf, Duplicate{Path: r.st.Path, Of: key})
	return nil
}

// examine decides what to do with one file and, when it is new content,
// processes it under the per-file deadline.
func (s *Store) examine(ctx context.Context, path string, opt IngestOptions) result {
	r := result{st: FileStat{Path: path, canon: true}}
	fail := func(kind string, err error) result {
		r.out, r.kind, r.msg = outFailed, kind, err.Error()
		return r
	}
	fi, err := os.Stat(path)
	if err != nil {
		return fail("io", err)
	}
	r.st.Size, r.st.ModTime = fi.Size(), fi.ModTime().UnixNano()
	sha, size, mtime, known, err := s.lookupPath(ctx, r.st)
	if err != nil {
		return fail("io", err)
	}
	if known && size == r.st.Size && mtime == r.st.ModTime && !opt.Force {
		r.st.SHA256 = sha
		r.out = outUnchanged
		return r
	}
	if fi.Size() > opt.MaxBytes {
		return fail("too_large", fmt.Errorf("the file has %d bytes, over the limit of %d", fi.Size(), opt.MaxBytes))
	}
	t0 := time.Now()
	data, err := extract.ReadFile(path, opt.MaxBytes)
	if err != nil {
		return fail(string(extract.KindOf(err)), err)
	}
	sum := sha256.Sum256(data)
	r.st.SHA256 = hex.EncodeToString(sum[:])
	opt.Stages.Since(StageRead, t0)
	r.st.Size = int64(len(data))
	if known && sha == r.st.SHA256 && !opt.Force {
		// Touched, not changed: the writer records the new time.
		r.out = outTouched
		return r
	}
	if _, ok, err := s.LookupContent(ctx, r.st.SHA256); err != nil {
		return fail("io", err)
	} else if ok && !opt.Force {
		r.out = outDuplicate
		return r
	}
	doc, err := processWithDeadline(ctx, path, data, opt)
	if err != nil || doc.Error != nil {
		kind, msg := "other", ""
		if doc.Error != nil {
			kind, msg = doc.Error.Kind, doc.Error.Message
		}
		if err != nil && msg == "" {
			msg = err.Error()
		}
		r.out, r.kind, r.msg = outFailed, kind, msg
		return r
	}
	doc.Source.Path = path
	r.doc = doc
	r.out = outStore
	return r
}

// errDeadline is the failure of a file whose processing outlived its
// deadline and did not stop when told to.
var errDeadline = errors.New("processing did not finish before the per-file deadline")

// processWithDeadline runs the processor with the per-file deadline. A
// processor that ignores its context is abandoned (its goroutine finishes
// in the background) so that one bad file never stalls the run.
func processWithDeadline(ctx context.Context, path string, data []byte, opt IngestOptions) (rules.Document, error) {
	fctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	type out struct {
		doc rules.Document
		err error
	}
	ch := make(chan out, 1)
	go func() {
		defer func() {
			if x := recover(); x != nil {
				ch <- out{err: fmt.Errorf("internal error: %v", x)}
			}
		}()
		d, err := opt.Process(fctx, path, data)
		ch <- out{d, err}
	}()
	select {
	case o := <-ch:
		return o.doc, o.err
	case <-fctx.Done():
		// Give a cooperative processor a moment to return its own error.
		select {
		case o := <-ch:
			return o.doc, o.err
		case <-time.After(2 * time.Second):
		}
		return rules.Document{Error: &rules.ErrorRecord{Kind: "timeout", Message: errDeadline.Error()}}, errDeadline
	}
}
