package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"
	"time"

	"vanban/cmd/vanban/web"
	"vanban/corpus"
	"vanban/extract"
	"vanban/index"
	"vanban/normalize"
)

func init() {
	register(&command{name: "ingest", summary: "add files and folders to the store (idempotent, resumable)", run: runIngest})
}

// ingestFlags are shared by ingest and its --watch mode.
type ingestFlags struct {
	store    *string
	report   *string
	jobs     *int
	timeout  *time.Duration
	maxBytes *int64
	ocr      *string
	noIndex  *bool
	force    *bool
	quiet    *bool
	watch    *string
	settle   *time.Duration
	poll     *time.Duration
	queue    *bool
}

func runIngest(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	f := ingestFlags{
		store:    storeFlag(fs, env),
		report:   fs.String("report", "", "also write the report as JSON to this file"),
		jobs:     jobsFlag(fs, runtime.NumCPU()),
		timeout:  timeoutFlag(fs),
		maxBytes: maxBytesFlagVar(fs, extract.DefaultMaxBytes),
		ocr:      fs.String("ocr", "auto", "OCR mode: auto, force or off"),
		noIndex:  fs.Bool("no-index", false, "do not update the search index (run 'vanban reindex' later)"),
		force:    fs.Bool("force", false, "process every file again, even unchanged ones (after a parser upgrade)"),
		quiet:    fs.Bool("q", false, "no progress, only the report"),
		watch:    fs.String("watch", "", "watch this folder and ingest files once they stop changing (until interrupted)"),
		settle:   durationFlag(fs, "settle", 5*time.Second, 0, maxDeadline, "with --watch: how long a file must stay unchanged"),
		poll:     durationFlag(fs, "poll", time.Second, 10*time.Millisecond, maxDeadline, "with --watch: how often the folder is scanned"),
		queue:    fs.Bool("queue", false, "with a PostgreSQL store: queue the files for 'vanban worker' processes (any machine) and wait for them"),
	}
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: vanban ingest [--store DIR] [--report FILE] [-j N] [--timeout D] PATH...\n       vanban ingest --watch DIR [--settle 5s]")
		fs.PrintDefaults()
	}
	paths, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	mode := extract.OCRMode(*f.ocr)
	if mode != extract.OCRAuto && mode != extract.OCRForce && mode != extract.OCROff {
		fmt.Fprintf(env.Stderr, "vanban ingest: --ocr must be auto, force or off, not %q\n", *f.ocr)
		return exitUsage
	}
	if len(paths) == 0 && *f.watch == "" {
		fs.Usage()
		return exitUsage
	}
	if *f.queue {
		if *f.watch != "" || !corpus.IsPostgres(*f.store) {
			fmt.Fprintf(env.Stderr, "vanban ingest: --queue needs a PostgreSQL store (--store postgres://…) and no --watch\n")
			return exitUsage
		}
		return ingestQueued(ctx, env, f, mode, paths)
	}
	if len(paths) > 0 && *f.watch != "" {
		fmt.Fprintf(env.Stderr, "vanban ingest: --watch takes its folder alone, got also %s\n", esc(fmt.Sprintf("%q", paths)))
		return exitUsage
	}
	a, err := index.OpenArchive(*f.store, index.ArchiveOptions{Create: true})
	if err != nil {
		return fail(env, "ingest", err)
	}
	defer a.Close()
	// A process already holding the index (a server, another ingest) gets
	// the documents from the database: this run writes there and asks it
	// to catch up. Otherwise this run holds the index, and answers the
	// commands started beside it through the store's socket.
	srv := serverFor(*f.store)
	if srv == nil && !*f.noIndex {
		if err := a.OpenIndex(); err != nil {
			// The database is the truth: ingest goes on, the documents stay
			// marked unindexed for the next run or 'vanban reindex'.
			fmt.Fprintf(env.Stderr, "vanban ingest: warning: %s; the search index will be updated later\n", esc(err.Error()))
		} else if stop, err := web.ListenSocket(a); err != nil {
			fmt.Fprintf(env.Stderr, "vanban ingest: warning: %s\n", esc(err.Error()))
		} else {
			defer stop()
		}
	}
	if *f.watch != "" {
		return watch(ctx, env, a, srv, f, mode)
	}
	rep, code := ingestOnce(ctx, env, a, srv, f, mode, paths, !*f.quiet)
	if *f.report != "" {
		if err := writeReport(*f.report, rep); err != nil {
			fmt.Fprintf(env.Stderr, "vanban ingest: %s\n", esc(err.Error()))
			code = exitPartial
		}
	}
	return code
}

// ingestOnce runs one ingest over paths, keeping the index in step (this
// process's, or the server's), and prints the report.
func ingestOnce(ctx context.Context, env *Env, a *index.Archive, srv *remote, f ingestFlags, mode extract.OCRMode,
	paths []string, progress bool) (corpus.Report, int) {
	opt := index.IngestOptions{Workers: *f.jobs, Timeout: *f.timeout, MaxBytes: *f.maxBytes, OCR: mode, Force: *f.force}
	var bar *progressBar
	if progress {
		bar = newProgressBar(env.Stderr, isTerminal(env.Stderr))
		opt.Progress = bar.update
	}
	rep, ixErr, err := a.Ingest(ctx, paths, opt)
	if bar != nil {
		bar.finish()
	}
	if !*f.noIndex && ixErr == nil {
		ixErr = catchUp(ctx, a)
	}
	code := exitOK
	if err != nil {
		fmt.Fprintf(env.Stderr, "vanban ingest: %s\n", esc(err.Error()))
		code = exitPartial
	}
	if ixErr != nil {
		fmt.Fprintf(env.Stderr, "vanban ingest: warning: the search index is behind: %s (run 'vanban reindex')\n", esc(ixErr.Error()))
	}
	printReport(env.Stdout, rep)
	if stats, err := a.Store().Stats(context.WithoutCancel(ctx)); err == nil {
		fmt.Fprintf(env.Stdout, "store %s: %s, %s, %s\n", esc(a.Dir()), plural(stats.Documents, "document", "documents"),
			plural(stats.Stubs+stats.Ambiguous, "stub", "stubs"), plural(stats.Edges, "edge", "edges"))
	}
	if rep.Failed > 0 {
		code = exitPartial
	}
	return rep, code
}

func writeReport(path string, rep corpus.Report) error {
	b, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return fmt.Errorf("cannot encode the report: %w", err)
	}
	b = normalize.EscapeJSON(b) // safe to cat: no raw C1 or bidi control
	// Whole or not at all: a temporary file beside it, renamed.
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot write the report: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot write the report: %w", err)
	}
	return nil
}

func printReport(w io.Writer, r corpus.Report) {
	moved := ""
	if r.Moved > 0 {
		moved = fmt.Sprintf(", %d moved", r.Moved)
	}
	fmt.Fprintf(w, "ingest: %s in %.1fs: %d added, %d changed, %s%s, %d unchanged, %d skipped, %d failed\n",
		plural(r.Files, "file", "files"), r.Seconds, r.Added, r.Changed, plural(r.Duplicates, "duplicate", "duplicates"),
		moved, r.Unchanged, r.Skipped, r.Failed)
	if r.Renditions > 0 {
		fmt.Fprintf(w, "  %d of the files are other renditions of documents already stored (same symbol, year and place; date and subject agree):\n", r.Renditions)
		for _, x := range r.RenditionOf {
			fmt.Fprintf(w, "    %s joined %s\n", esc(x.Path), esc(x.Joined))
		}
	}
	if x := r.Resources; x != nil {
		fmt.Fprintf(w, "  cost: %.1fs user + %.1fs system CPU, %.1f MB written, peak memory %.0f MB\n",
			x.UserSeconds, x.SystemSeconds, float64(x.WriteBytes)/1e6, float64(x.PeakRSSBytes)/1e6)
	}
	if len(r.Tenths) == 10 && r.Files >= 100 {
		rates := make([]string, 10)
		prev := 0.0
		for i, t := range r.Tenths {
			rates[i] = fmt.Sprintf("%.0f", float64(r.Files)/10/max(t-prev, 1e-3))
			prev = t
		}
		fmt.Fprintf(w, "  files/s per tenth of the run: %s\n", strings.Join(rates, " "))
	}
	if r.Reparsed > 0 {
		fmt.Fprintf(w, "  %d processed again (--force)\n", r.Reparsed)
	}
	if r.Interrupted {
		fmt.Fprintln(w, "  interrupted: run the same command again to continue")
	}
	kinds := make([]string, 0, len(r.FailedByKind))
	for k := range r.FailedByKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Fprintf(w, "  failed (%s): %d\n", k, r.FailedByKind[k])
		for _, f := range r.Failures {
			if f.Kind == k {
				// Extraction errors often start with the path already.
				msg := strings.TrimPrefix(f.Message, f.Path+": ")
				fmt.Fprintf(w, "    %s: %s\n", esc(f.Path), esc(oneLine(msg, 200)))
			}
		}
	}
	if n := len(r.StoredWithWarnings); n > 0 {
		fmt.Fprintf(w, "  %s stored with warnings:\n", plural(n, "file", "files"))
		for _, x := range r.StoredWithWarnings {
			fmt.Fprintf(w, "    %s: stored with warnings: %s\n", esc(x.Path), esc(oneLine(strings.Join(x.Warnings, "; "), 300)))
		}
	}
	for _, d := range r.DuplicateOf {
		fmt.Fprintf(w, "  duplicate: %s = %s\n", esc(d.Path), esc(d.Of))
	}
	for _, m := range r.MovedFrom {
		fmt.Fprintf(w, "  moved: %s = %s, moved from %s\n", esc(m.Path), esc(m.Of), escAll(m.From, ", "))
	}
	for _, p := range r.SkippedPaths {
		fmt.Fprintf(w, "  skipped (not a regular file): %s\n", esc(p))
	}
}

// progressBar shows progress: a bar redrawn in place on a terminal, plain
// lines at most every few seconds otherwise (logs, CI).
type progressBar struct {
	w      io.Writer
	tty    bool
	last   time.Time
	shown  bool
	latest corpus.Progress
}

func newProgressBar(w io.Writer, tty bool) *progressBar {
	return &progressBar{w: w, tty: tty, last: time.Now()}
}

func (b *progressBar) update(p corpus.Progress) {
	b.latest = p
	every := 5 * time.Second
	if b.tty {
		every = 100 * time.Millisecond
	}
	if time.Since(b.last) < every && p.Done < p.Total {
		return
	}
	b.last = time.Now()
	b.draw(p)
}

func (b *progressBar) draw(p corpus.Progress) {
	el := time.Since(p.Started)
	rate := float64(p.Done) / el.Seconds()
	left := "?"
	if rate > 0 && p.Done > 0 {
		left = (time.Duration(float64(p.Total-p.Done)/rate) * time.Second).Round(time.Second).String()
	}
	stats := fmt.Sprintf("%d/%d files  %d pages  %.1f files/s  %s left", p.Done, p.Total, p.Pages, rate, left)
	if !b.tty {
		fmt.Fprintf(b.w, "ingest: %s\n", stats)
		return
	}
	const width = 30
	fill := 0
	if p.Total > 0 {
		fill = width * p.Done / p.Total
	}
	bar := strings.Repeat("█", fill) + strings.Repeat("░", width-fill)
	fmt.Fprintf(b.w, "\r\033[K%s %s", bar, stats)
	b.shown = true
}

func (b *progressBar) finish() {
	if b.tty && b.shown {
		b.draw(b.latest)
		fmt.Fprintln(b.w)
	}
}

// catchUpWait bounds how long an ingest waits, at its end, for the search
// index another process holds.
const catchUpWait = time.Minute

// catchUp makes the search index apply what this run wrote to the database:
// this process's index syncs; else the process holding the index (a server,
// another ingest) is asked to; when none holds it any more (another ingest
// held it and finished first), this run takes it and brings it up to date.
// Two ingests at once thus both end with the index equal to the database.
func catchUp(ctx context.Context, a *index.Archive) error {
	if a.HasIndex() {
		_, err := a.Sync(context.WithoutCancel(ctx))
		return err
	}
	deadline := time.Now().Add(catchUpWait)
	for {
		var err error
		if srv := serverFor(a.Dir()); srv != nil {
			err = srv.do(context.WithoutCancel(ctx), "POST", "/api/sync", nil, nil, nil)
		} else if err = a.OpenIndex(); err != nil && !errors.Is(err, index.ErrBusy) {
			return err
		}
		if err == nil || ctx.Err() != nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(200 * time.Millisecond)
	}
}
