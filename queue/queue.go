// Package queue spreads an ingest over workers on any number of machines:
// the files to ingest are jobs of a river queue (github.com/riverqueue/river)
// kept in the PostgreSQL store itself, each worker (vanban worker) takes
// jobs, extracts, OCRs and parses the file and writes the result into the
// store, and the command that queued them (vanban ingest --queue) waits and
// prints one report for the run.
//
// A file is done once even when a worker dies in the middle: river leases
// each job to one worker (a row locked by FOR UPDATE SKIP LOCKED, state
// running); a job whose worker died stays running until river's rescuer
// (on the elected leader among the workers, every 30 s) finds it older than
// its timeout and RescueAfter, and hands it out again, up to MaxAttempts
// times, after which it is discarded and named among the run's failures.
// Storing is idempotent — one transaction per file, content known by its
// hash and path — so a file whose worker died after committing is found
// unchanged by the next attempt, never stored twice. A file that cannot be
// read or parsed is not retried: it is a failure of the report, as in a
// local ingest.
package queue

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"vanban/corpus"
	"vanban/extract"
	"vanban/index"
	"vanban/rules"
)

// Kind is the river job kind of a file to ingest.
const Kind = "vanban_ingest"

// MaxAttempts is how many times a file is tried (a worker that died, a
// database error) before it is a failure of the run.
const MaxAttempts = 3

// IngestArgs are one job: a file every worker can read, the run it belongs
// to and its per-file deadline.
type IngestArgs struct {
	Path    string `json:"path"`
	Run     int64  `json:"run"`
	Timeout int64  `json:"timeout_ms"`
	OCR     string `json:"ocr,omitempty"`
	Force   bool   `json:"force,omitempty"`
}

// Kind is the job kind (river.JobArgs).
func (IngestArgs) Kind() string { return Kind }

// InsertOpts limit the attempts and make a file one job per run.
func (IngestArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: MaxAttempts, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// migrateLock is the advisory lock held while river's schema is migrated,
// so that workers starting together do not race.
const migrateLock = 826227

// Migrate brings river's tables in the store's database up to date with
// river's own migrations (rivermigrate).
func Migrate(ctx context.Context, st *corpus.Store) error {
	if !st.Postgres() {
		return fmt.Errorf("the queue needs a PostgreSQL store (--store postgres://…), not %s", st.Location())
	}
	db := st.DB()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, migrateLock); err != nil {
		return fmt.Errorf("cannot lock the queue's schema: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, migrateLock)
	m, err := rivermigrate.New(riverdatabasesql.New(db), &rivermigrate.Config{Logger: quietLogger()})
	if err != nil {
		return err
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("cannot migrate the queue's tables: %w", err)
	}
	return nil
}

func quietLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// EnqueueOptions tune what the jobs carry.
type EnqueueOptions struct {
	Timeout time.Duration // per file (0: 10 min)
	OCR     extract.OCRMode
	Force   bool
}

// Enqueue starts a run and queues every regular file under paths (folders
// recursively, canonical paths, the store's local directory excluded). The
// report holds what failed before any worker saw it (a path that does not
// exist) and what was skipped (not a regular file).
func Enqueue(ctx context.Context, st *corpus.Store, paths []string, opt EnqueueOptions) (corpus.Report, int, error) {
	if err := Migrate(ctx, st); err != nil {
		return corpus.Report{}, 0, err
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 10 * time.Minute
	}
	run, err := st.BeginRun(ctx)
	if err != nil {
		return corpus.Report{}, 0, err
	}
	rep := corpus.NewReport(run)
	var roots []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err == nil && !fi.IsDir() {
			err = extract.CheckRegular(fi)
		}
		if err != nil {
			rep.Failed++
			rep.FailedByKind["io"]++
			rep.Failures = append(rep.Failures, corpus.Failure{Path: p, Kind: "io", Message: err.Error()})
			continue
		}
		roots = append(roots, p)
	}
	files, skipped, err := corpus.Walk(roots, st.Dir())
	if err != nil {
		return rep, 0, err
	}
	for i, f := range files {
		files[i] = corpus.Canon(f)
	}
	sort.Strings(files)
	files = slices.Compact(files)
	rep.SkippedPaths = append(rep.SkippedPaths, skipped...)
	rep.Skipped = len(skipped)
	client, err := river.NewClient(riverdatabasesql.New(st.DB()), &river.Config{Logger: quietLogger()})
	if err != nil {
		return rep, 0, err
	}
	const batch = 1000
	for i := 0; i < len(files); i += batch {
		var params []river.InsertManyParams
		for _, f := range files[i:min(i+batch, len(files))] {
			params = append(params, river.InsertManyParams{Args: IngestArgs{Path: f, Run: run, Timeout: opt.Timeout.Milliseconds(),
				OCR: string(opt.OCR), Force: opt.Force}})
		}
		if _, err := client.InsertMany(ctx, params); err != nil {
			return rep, i, fmt.Errorf("cannot queue the files: %w", err)
		}
	}
	return rep, len(files), nil
}

// Wait waits until every job of the run is finished (completed, or
// discarded after its last attempt), then adds their outcomes to rep (from
// Enqueue), records the run's report and returns it. A discarded job is a
// failure of kind "worker" with the last attempt's error. progress, when
// set, is called after each poll with the jobs done and all of them.
func Wait(ctx context.Context, st *corpus.Store, rep corpus.Report, poll time.Duration, progress func(done, total int)) (corpus.Report, error) {
	if poll <= 0 {
		poll = time.Second
	}
	client, err := river.NewClient(riverdatabasesql.New(st.DB()), &river.Config{Logger: quietLogger()})
	if err != nil {
		return rep, err
	}
	for {
		jobs, err := runJobs(ctx, client, rep.Run)
		if err != nil {
			return rep, err
		}
		done := 0
		for _, j := range jobs {
			if final(j.State) {
				done++
			}
		}
		if progress != nil {
			progress(done, len(jobs))
		}
		if done == len(jobs) {
			return finish(ctx, st, rep, jobs)
		}
		select {
		case <-ctx.Done():
			rep.Interrupted = true
			return rep, ctx.Err()
		case <-time.After(poll):
		}
	}
}

func final(s rivertype.JobState) bool {
	return s == rivertype.JobStateCompleted || s == rivertype.JobStateDiscarded || s == rivertype.JobStateCancelled
}

// runJobs lists every job of a run, page by page.
func runJobs(ctx context.Context, client *river.Client[*sql.Tx], run int64) ([]*rivertype.JobRow, error) {
	params := river.NewJobListParams().Kinds(Kind).
		States(rivertype.JobStates()...).
		Where("args->>'run' = @run", river.NamedArgs{"run": strconv.FormatInt(run, 10)}).First(1000)
	var out []*rivertype.JobRow
	for {
		res, err := client.JobList(ctx, params)
		if err != nil {
			return nil, fmt.Errorf("cannot list the run's jobs: %w", err)
		}
		out = append(out, res.Jobs...)
		if len(res.Jobs) < 1000 {
			return out, nil
		}
		params = params.After(res.LastCursor)
	}
}

func finish(ctx context.Context, st *corpus.Store, rep corpus.Report, jobs []*rivertype.JobRow) (corpus.Report, error) {
	for _, j := range jobs {
		var args IngestArgs
		_ = json.Unmarshal(j.EncodedArgs, &args)
		if j.State != rivertype.JobStateCompleted {
			msg := fmt.Sprintf("%s after %d attempts", j.State, j.Attempt)
			if n := len(j.Errors); n > 0 {
				msg += ": " + j.Errors[n-1].Error
			}
			rep.Failed++
			rep.FailedByKind["worker"]++
			rep.Failures = append(rep.Failures, corpus.Failure{Path: args.Path, Kind: "worker", Message: msg})
			continue
		}
		var part corpus.Report
		if out := j.Output(); len(out) > 0 {
			if err := json.Unmarshal(out, &part); err != nil {
				return rep, fmt.Errorf("job %d (%s): cannot read its outcome: %w", j.ID, args.Path, err)
			}
		}
		if part.Files == 0 {
			return rep, fmt.Errorf("job %d (%s) completed without an outcome", j.ID, args.Path)
		}
		if part.FailedByKind == nil {
			part.FailedByKind = map[string]int{}
		}
		rep.Add(part)
	}
	sort.Slice(rep.Failures, func(i, j int) bool { return rep.Failures[i].Path < rep.Failures[j].Path })
	sort.Slice(rep.DuplicateOf, func(i, j int) bool { return rep.DuplicateOf[i].Path < rep.DuplicateOf[j].Path })
	sort.Slice(rep.RenditionOf, func(i, j int) bool { return rep.RenditionOf[i].Path < rep.RenditionOf[j].Path })
	sort.Slice(rep.MovedFrom, func(i, j int) bool { return rep.MovedFrom[i].Path < rep.MovedFrom[j].Path })
	rep.Finished = time.Now().UTC()
	rep.Seconds = rep.Finished.Sub(rep.Started).Seconds()
	return rep, st.FinishRun(context.WithoutCancel(ctx), rep.Run, rep)
}

// WorkerOptions tune a worker.
type WorkerOptions struct {
	Workers  int   // files at once (0: the machine's cores)
	MaxBytes int64 // larger files fail as too_large (0: extract.DefaultMaxBytes)
	// RescueAfter is how long a job may run past its timeout before the
	// leader hands it to another worker (0: one minute).
	RescueAfter time.Duration
	// Poll is how often an idle worker looks for jobs (0: 200 ms; the
	// database/sql driver has no LISTEN).
	Poll time.Duration
	Log  io.Writer // river's warnings and errors (nil: none)
}

// ingestWorker is river's worker of Kind.
type ingestWorker struct {
	river.WorkerDefaults[IngestArgs]
	st  *corpus.Store
	opt WorkerOptions
}

// Timeout is the job's own deadline with a margin: the per-file deadline
// inside (corpus) fires first and makes a timeout a failure of the file.
func (w *ingestWorker) Timeout(job *river.Job[IngestArgs]) time.Duration {
	return time.Duration(job.Args.Timeout)*time.Millisecond + 5*time.Second
}

func (w *ingestWorker) Work(ctx context.Context, job *river.Job[IngestArgs]) error {
	mode := extract.OCRMode(job.Args.OCR)
	if mode == "" {
		mode = extract.OCRAuto
	}
	opt := corpus.IngestOptions{
		Timeout:  time.Duration(job.Args.Timeout) * time.Millisecond,
		MaxBytes: w.opt.MaxBytes,
		Force:    job.Args.Force,
		Process: func(ctx context.Context, path string, data []byte) (rules.Document, error) {
			return index.Process(ctx, path, data, extract.Options{OCR: mode, MaxBytes: w.opt.MaxBytes})
		},
	}
	rep, err := w.st.IngestFile(ctx, job.Args.Path, job.Args.Run, opt)
	if err != nil {
		return err
	}
	return river.RecordOutput(ctx, rep)
}

// Work runs a worker on the store's queue until ctx is cancelled, then
// stops taking jobs and lets those it holds finish (or, past a second
// cancellation, stops them: they go back to the queue).
func Work(ctx context.Context, st *corpus.Store, opt WorkerOptions) error {
	if err := Migrate(ctx, st); err != nil {
		return err
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.NumCPU()
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = extract.DefaultMaxBytes
	}
	if opt.RescueAfter <= 0 {
		opt.RescueAfter = time.Minute
	}
	if opt.Poll <= 0 {
		opt.Poll = 200 * time.Millisecond
	}
	logger := quietLogger()
	if opt.Log != nil {
		logger = slog.New(slog.NewTextHandler(opt.Log, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	workers := river.NewWorkers()
	river.AddWorker(workers, &ingestWorker{st: st, opt: opt})
	client, err := river.NewClient(riverdatabasesql.New(st.DB()), &river.Config{
		Queues:               map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: opt.Workers}},
		Workers:              workers,
		JobTimeout:           opt.RescueAfter / 2,
		RescueStuckJobsAfter: opt.RescueAfter,
		FetchPollInterval:    opt.Poll,
		FetchCooldown:        5 * time.Millisecond,
		Logger:               logger,
	})
	if err != nil {
		return err
	}
	if err := client.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("cannot start the worker: %w", err)
	}
	<-ctx.Done()
	stop, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := client.Stop(stop); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if stop.Err() != nil {
		return client.StopAndCancel(context.Background())
	}
	return nil
}
