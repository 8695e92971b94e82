package main

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"time"

	"vanban/corpus"
	"vanban/extract"
	"vanban/index"
	"vanban/queue"
)

func init() {
	register(&command{name: "worker", summary: "take queued files (ingest --queue) from a PostgreSQL store and ingest them, until stopped", run: runWorker})
}

// runWorker runs queue.Work until SIGINT or SIGTERM.
func runWorker(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	store := storeFlag(fs, env)
	jobs := jobsFlag(fs, runtime.NumCPU())
	maxBytes := maxBytesFlagVar(fs, extract.DefaultMaxBytes)
	rescue := durationFlag(fs, "rescue-after", time.Minute, time.Second, maxDeadline, "a job running this long past its own deadline, its worker presumed dead, goes to another worker")
	poll := durationFlag(fs, "poll", 200*time.Millisecond, 10*time.Millisecond, maxDeadline, "how often an idle worker looks for jobs")
	if err := parseNoArgs(fs, args); err != nil {
		return exitUsage
	}
	if !corpus.IsPostgres(*store) {
		fmt.Fprintf(env.Stderr, "vanban worker: the queue is in a PostgreSQL store: --store postgres://… (or $VANBAN_STORE), not %q\n", *store)
		return exitUsage
	}
	st, err := corpus.Open(*store)
	if err != nil {
		return fail(env, "worker", err)
	}
	defer st.Close()
	fmt.Fprintf(env.Stderr, "vanban worker: taking files from %s, %d at a time\n", esc(corpus.RedactDSN(*store)), *jobs)
	err = queue.Work(ctx, st, queue.WorkerOptions{Workers: *jobs, MaxBytes: *maxBytes, RescueAfter: *rescue, Poll: *poll, Log: env.Stderr})
	if err != nil && ctx.Err() == nil {
		return fail(env, "worker", err)
	}
	return exitOK
}

// ingestQueued queues the files for workers, waits for the run to finish,
// brings the search index of this machine up to date and prints the report.
func ingestQueued(ctx context.Context, env *Env, f ingestFlags, mode extract.OCRMode, paths []string) int {
	st, err := corpus.Open(*f.store)
	if err != nil {
		return fail(env, "ingest", err)
	}
	rep, n, err := queue.Enqueue(ctx, st, paths, queue.EnqueueOptions{Timeout: *f.timeout, OCR: mode, Force: *f.force})
	if err != nil {
		st.Close()
		return fail(env, "ingest", err)
	}
	if !*f.quiet {
		fmt.Fprintf(env.Stderr, "ingest: %s queued (run %d); waiting for the workers ('vanban worker --store …')\n", plural(n, "file", "files"), rep.Run)
	}
	var bar *progressBar
	var progress func(done, total int)
	if !*f.quiet {
		bar = newProgressBar(env.Stderr, isTerminal(env.Stderr))
		started := time.Now()
		progress = func(done, total int) { bar.update(corpus.Progress{Done: done, Total: total, Started: started}) }
	}
	rep, err = queue.Wait(ctx, st, rep, 500*time.Millisecond, progress)
	if bar != nil {
		bar.finish()
	}
	st.Close()
	if err != nil {
		printReport(env.Stdout, rep)
		return fail(env, "ingest", err)
	}
	code := exitOK
	if !*f.noIndex {
		// The search index of this machine follows the database (a server
		// holding it is told to catch up).
		a, err := index.OpenArchive(*f.store, index.ArchiveOptions{})
		if err == nil {
			err = catchUp(ctx, a)
			a.Close()
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "vanban ingest: warning: the search index is behind: %s (run 'vanban reindex')\n", esc(err.Error()))
		}
	}
	if *f.report != "" {
		if err := writeReport(*f.report, rep); err != nil {
			fmt.Fprintf(env.Stderr, "vanban ingest: %s\n", esc(err.Error()))
			code = exitPartial
		}
	}
	printReport(env.Stdout, rep)
	if rep.Failed > 0 {
		code = exitPartial
	}
	return code
}
