package corpus

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Jobs are the ingest jobs of a server's queue (files uploaded, a folder of
// the server, files of the consume folder), kept in the table jobs so that
// the list, each job's report and what became of each of its files survive
// a restart. The table is made on first use (CREATE TABLE IF NOT EXISTS): a
// store that never served has none, and no schema version depends on it.
//
//	jobs   id, source, paths (JSON list), state, queued_at, finished_at,
//	       run_id (the ingest run of the job), report (JSON), files (JSON
//	       list of FileOutcome), error, resumed (how many times a server
//	       starting queued it again after its predecessor stopped)
const jobsTable = `CREATE TABLE IF NOT EXISTS jobs (
	id          INTEGER PRIMARY KEY,
	source      TEXT NOT NULL,
	paths       TEXT NOT NULL,
	state       TEXT NOT NULL,
	queued_at   TEXT NOT NULL,
	finished_at TEXT,
	run_id      INTEGER REFERENCES runs (id) ON DELETE SET NULL,
	report      TEXT,
	files       TEXT,
	error       TEXT
)`

// Job states.
const (
	JobQueued  = "queued"
	JobRunning = "running"
	JobDone    = "done"
	JobFailed  = "failed"
	// JobInterrupted is a job its servers left unfinished more than
	// MaxResumes times. (A job a server stops in, or dies in, stays queued
	// or running in the table, and the next server queues it again:
	// ingest is resumable.)
	JobInterrupted = "interrupted"
)

// MaxResumes bounds how many times a server starting queues again a job its
// predecessor left unfinished: a job that stops its server each time (a
// file that kills the process) is left interrupted after that.
const MaxResumes = 3

// Job is one ingest job.
type Job struct {
	ID       int64         `json:"id"`
	Source   string        `json:"source"` // upload, folder, watch
	Paths    []string      `json:"paths"`
	State    string        `json:"state"` // JobQueued … JobInterrupted
	Queued   time.Time     `json:"queued"`
	Finished *time.Time    `json:"finished,omitempty"`
	Report   *Report       `json:"report,omitempty"`
	Files    []FileOutcome `json:"files,omitempty"`
	Error    string        `json:"error,omitempty"`
	// Resumed is how many times a starting server queued the job again
	// after the server before it stopped in the middle.
	Resumed int `json:"resumed,omitempty"`
}

// FileOutcome is what became of one file of a run.
type FileOutcome struct {
	Path string `json:"path"`
	// Outcome is added, changed, unchanged, duplicate (its content was
	// stored from another file), rendition (a new file of a document
	// already stored), moved (its content was stored from a path where it
	// no longer is), failed or skipped (not a regular file).
	Outcome string `json:"outcome"`
	ID      string `json:"id,omitempty"`    // the document it made or joined
	Label   string `json:"label,omitempty"` // that document as a person reads it
	Kind    string `json:"kind,omitempty"`  // failed: the error kind
	Message string `json:"message,omitempty"`
}

func (s *Store) ensureJobs(ctx context.Context) error {
	if s.jobsReady.Load() {
		return nil
	}
	ddl := jobsTable
	if s.db.d.pg {
		ddl = pgDDL(ddl)
	}
	if _, err := s.db.ExecContext(ctx, ddl); err != nil {
		return fmt.Errorf("cannot make the jobs table: %w", err)
	}
	// resumed came after the table: a store of an older release gets it.
	// (A query naming it fails on such a store, in SQLite and PostgreSQL.)
	if rows, err := s.db.QueryContext(ctx, `SELECT resumed FROM jobs LIMIT 0`); err == nil {
		rows.Close()
	} else {
		if _, err := s.db.ExecContext(ctx, `ALTER TABLE jobs ADD COLUMN resumed INTEGER NOT NULL DEFAULT 0`); err != nil {
			return fmt.Errorf("cannot add the jobs' resumed column: %w", err)
		}
	}
	s.jobsReady.Store(true)
	return nil
}

// AddJob stores a new queued job.
func (s *Store) AddJob(ctx context.Context, source string, paths []string) (Job, error) {
	if err := s.ensureJobs(ctx); err != nil {
		return Job{}, err
	}
	j := Job{Source: source, Paths: paths, State: JobQueued, Queued: time.Now().UTC().Truncate(time.Millisecond)}
	b, _ := json.Marshal(paths)
	if err := s.db.QueryRowContext(ctx, `INSERT INTO jobs (source, paths, state, queued_at) VALUES (?, ?, ?, ?) RETURNING id`,
		source, string(b), j.State, j.Queued.Format(time.RFC3339Nano)).Scan(&j.ID); err != nil {
		return Job{}, fmt.Errorf("cannot store the job: %w", err)
	}
	return j, nil
}

// UpdateJob writes a job's state, report, files and error.
func (s *Store) UpdateJob(ctx context.Context, j Job) error {
	if err := s.ensureJobs(ctx); err != nil {
		return err
	}
	var fin, run, rep, files any
	if j.Finished != nil {
		fin = j.Finished.UTC().Format(time.RFC3339Nano)
	}
	if j.Report != nil {
		b, err := json.Marshal(j.Report)
		if err != nil {
			return fmt.Errorf("cannot encode the job's report: %w", err)
		}
		rep = string(b)
		if j.Report.Run > 0 {
			run = j.Report.Run
		}
	}
	if j.Files != nil {
		b, _ := json.Marshal(j.Files)
		files = string(b)
	}
	_, err := s.db.ExecContext(ctx, `UPDATE jobs SET state = ?, finished_at = ?, run_id = ?, report = ?, files = ?, error = ? WHERE id = ?`,
		j.State, fin, run, rep, files, nullStr(j.Error), j.ID)
	if err != nil {
		return fmt.Errorf("cannot store job %d: %w", j.ID, err)
	}
	return nil
}

// ResumeJobs is what a starting server does with the jobs the server before
// it left queued or running (it was stopped in the middle, or died): each
// resumed fewer than MaxResumes times is queued again (ingest is
// resumable: the files already stored are unchanged) and returned, oldest
// first; the others are marked interrupted, with what to do. The second
// result is how many were given up.
func (s *Store) ResumeJobs(ctx context.Context) ([]Job, int, error) {
	if err := s.ensureJobs(ctx); err != nil {
		return nil, 0, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("cannot resume the unfinished jobs: %w", err)
	}
	defer tx.Rollback()
	r, err := tx.ExecContext(ctx, `UPDATE jobs SET state = ?, finished_at = ?, error = ? WHERE state IN (?, ?) AND resumed >= ?`,
		JobInterrupted, time.Now().UTC().Format(time.RFC3339Nano),
		fmt.Sprintf("the server stopped in the middle of this job %d times; ingest the same files again to go on", MaxResumes+1),
		JobQueued, JobRunning, MaxResumes)
	if err != nil {
		return nil, 0, fmt.Errorf("cannot mark the unfinished jobs: %w", err)
	}
	given, _ := r.RowsAffected()
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET state = ?, finished_at = NULL, error = NULL, resumed = resumed + 1
		WHERE state IN (?, ?) AND resumed < ?`, JobQueued, JobQueued, JobRunning, MaxResumes); err != nil {
		return nil, 0, fmt.Errorf("cannot queue the unfinished jobs again: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+jobCols+` FROM jobs WHERE state = ? ORDER BY id`, JobQueued)
	if err != nil {
		return nil, 0, fmt.Errorf("cannot read the unfinished jobs: %w", err)
	}
	var out []Job
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("cannot read the unfinished jobs: %w", err)
		}
		out = append(out, j)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if err := tx.Commit(); err != nil {
		return nil, 0, fmt.Errorf("cannot resume the unfinished jobs: %w", err)
	}
	return out, int(given), nil
}

const jobCols = `id, source, paths, state, queued_at, finished_at, report, files, error, resumed`

func scanJob(sc interface{ Scan(...any) error }) (Job, error) {
	var j Job
	var paths, queued string
	var fin, rep, files, msg sql.NullString
	if err := sc.Scan(&j.ID, &j.Source, &paths, &j.State, &queued, &fin, &rep, &files, &msg, &j.Resumed); err != nil {
		return Job{}, err
	}
	json.Unmarshal([]byte(paths), &j.Paths)
	j.Queued, _ = time.Parse(time.RFC3339Nano, queued)
	if fin.Valid {
		if t, err := time.Parse(time.RFC3339Nano, fin.String); err == nil {
			j.Finished = &t
		}
	}
	if rep.Valid {
		var r Report
		if json.Unmarshal([]byte(rep.String), &r) == nil {
			j.Report = &r
		}
	}
	if files.Valid {
		json.Unmarshal([]byte(files.String), &j.Files)
	}
	j.Error = msg.String
	return j, nil
}

// Jobs are the latest n jobs, the newest first.
func (s *Store) Jobs(ctx context.Context, n int) ([]Job, error) {
	if err := s.ensureJobs(ctx); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+jobCols+` FROM jobs ORDER BY id DESC LIMIT ?`, n)
	if err != nil {
		return nil, fmt.Errorf("cannot list the jobs: %w", err)
	}
	defer rows.Close()
	out := []Job{}
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, fmt.Errorf("cannot list the jobs: %w", err)
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// JobByID is one job; false when there is none of that id.
func (s *Store) JobByID(ctx context.Context, id int64) (Job, bool, error) {
	if err := s.ensureJobs(ctx); err != nil {
		return Job{}, false, err
	}
	j, err := scanJob(s.db.QueryRowContext(ctx, `SELECT `+jobCols+` FROM jobs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Job{}, false, nil
	}
	if err != nil {
		return Job{}, false, fmt.Errorf("cannot read job %d: %w", id, err)
	}
	return j, true, nil
}

// Outcomes says what became of each file under paths in the run of rep: the
// report's lists name the failed, duplicate, moved, rendition and skipped
// files; the run's events tell added from changed; a file with neither
// was unchanged. Each file stored names its document.
func (s *Store) Outcomes(ctx context.Context, paths []string, rep Report) ([]FileOutcome, error) {
	files, skipped, _ := Walk(paths, "")
	by := map[string]FileOutcome{}
	for _, f := range rep.Failures {
		by[f.Path] = FileOutcome{Path: f.Path, Outcome: "failed", Kind: f.Kind, Message: f.Message}
	}
	for _, d := range rep.DuplicateOf {
		by[d.Path] = FileOutcome{Path: d.Path, Outcome: "duplicate", ID: d.Of}
	}
	for _, m := range rep.MovedFrom {
		by[m.Path] = FileOutcome{Path: m.Path, Outcome: "moved", ID: m.Of}
	}
	for _, r := range rep.RenditionOf {
		by[r.Path] = FileOutcome{Path: r.Path, Outcome: "rendition", ID: r.Joined}
	}
	events := map[string]string{}
	if rep.Run > 0 {
		rows, err := s.db.QueryContext(ctx, `SELECT path, kind FROM events WHERE run_id = ? AND kind IN ('ingested', 'changed')`, rep.Run)
		if err != nil {
			return nil, fmt.Errorf("cannot read the events of run %d: %w", rep.Run, err)
		}
		for rows.Next() {
			var p, k string
			if err := rows.Scan(&p, &k); err != nil {
				rows.Close()
				return nil, fmt.Errorf("cannot read the events of run %d: %w", rep.Run, err)
			}
			events[p] = k
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	out := make([]FileOutcome, 0, len(files)+len(skipped))
	for _, f := range files {
		o, ok := by[f]
		if !ok {
			o = FileOutcome{Path: f, Outcome: "unchanged"}
			switch events[s.StoredPath(f)] {
			case "ingested":
				o.Outcome = "added"
			case "changed":
				o.Outcome = "changed"
			}
		}
		if o.Outcome != "failed" {
			if d, err := s.Resolve(ctx, f); err == nil {
				o.ID, o.Label = d.Key, d.Label()
			}
		}
		out = append(out, o)
	}
	for _, p := range skipped {
		out = append(out, FileOutcome{Path: p, Outcome: "skipped"})
	}
	return out, nil
}
