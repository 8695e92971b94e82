package web

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"vanban/corpus"
	"vanban/index"
)

// Job is one ingest job of the server's queue: files uploaded, a folder of
// the server, or files of the consume folder. Its record (state, report,
// what became of each file) is kept in the store (corpus.Job), so the list
// survives a restart; its progress lives while it runs.
type Job struct {
	corpus.Job
	Progress *JobProgress     `json:"progress,omitempty"`
	Joined   []JoinedDocument `json:"documents,omitempty"` // each file with the document it made or joined
	done     chan struct{}
}

// ShortPath is a file of the job as the ingest page shows it: relative to
// the uploaded or named folder it came from.
func (j Job) ShortPath(p string) string {
	for _, root := range j.Paths {
		if rel, ok := strings.CutPrefix(p, strings.TrimSuffix(root, "/")+"/"); ok {
			return rel
		}
	}
	return p
}

// JobProgress is the live state of a running job.
type JobProgress struct {
	Done        int     `json:"done"`
	Total       int     `json:"total"`
	Pages       int     `json:"pages"`
	Rate        float64 `json:"files_per_second"`
	SecondsLeft float64 `json:"seconds_left"`
	Last        string  `json:"last,omitempty"`
}

// JoinedDocument is a file of a job and the stored document it belongs to
// (a rendition joins the document already stored from another file).
type JoinedDocument struct {
	Path  string `json:"path"`
	ID    string `json:"id"`
	Label string `json:"label"`
}

// jobLimit is how many jobs the list shows, the newest first.
const jobLimit = 100

// jobQueue runs ingest jobs one at a time, in order, in one goroutine. The
// jobs are stored; live holds those queued or running, with their progress.
type jobQueue struct {
	s      *Server
	mu     sync.Mutex
	live   map[int64]*Job
	queue  chan *Job
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newJobQueue(s *Server) *jobQueue {
	ctx, cancel := context.WithCancel(context.Background())
	q := &jobQueue{s: s, live: map[int64]*Job{}, queue: make(chan *Job, 1024), cancel: cancel}
	// What a server before this one left unfinished goes on: its jobs are
	// queued again, in their order, before any new one (ingest resumes: the
	// files already stored are unchanged).
	resumed, given, err := s.a.Store().ResumeJobs(ctx)
	if err != nil {
		s.opt.Log.Printf("jobs: %v", err)
	}
	if given > 0 {
		s.opt.Log.Printf("jobs: %d job(s) left unfinished %d times by the servers before this one marked interrupted", given, corpus.MaxResumes+1)
	}
	for i := range resumed {
		j := &Job{Job: resumed[i], done: make(chan struct{})}
		select {
		case q.queue <- j:
			q.live[j.ID] = j
		default:
			j.State, j.Error = corpus.JobInterrupted, "the ingest queue was full when the server started; ingest the same files again to go on"
			s.a.Store().UpdateJob(ctx, j.Job)
		}
	}
	if len(resumed) > 0 {
		s.opt.Log.Printf("jobs: %d job(s) left unfinished by the last server queued again", len(resumed))
	}
	q.wg.Add(1)
	go q.run(ctx)
	return q
}

func (q *jobQueue) close() {
	q.cancel()
	q.wg.Wait()
}

// add stores and queues a job; it fails when the queue is full.
func (q *jobQueue) add(source string, paths []string) (*Job, error) {
	ctx := context.Background()
	cj, err := q.s.a.Store().AddJob(ctx, source, paths)
	if err != nil {
		return nil, err
	}
	j := &Job{Job: cj, done: make(chan struct{})}
	q.mu.Lock()
	q.live[j.ID] = j
	q.mu.Unlock()
	select {
	case q.queue <- j:
		return j, nil
	default:
		q.mu.Lock()
		delete(q.live, j.ID)
		q.mu.Unlock()
		const full = "the ingest queue is full; try again later"
		j.State, j.Error = corpus.JobFailed, full
		q.s.a.Store().UpdateJob(ctx, j.Job)
		return nil, errors.New(full)
	}
}

// copyOf is a copy of a live job, read under q.mu.
func copyOf(j *Job) Job {
	c := *j
	if j.Progress != nil {
		p := *j.Progress
		c.Progress = &p
	}
	return c
}

// withJoined adds the documents of a stored job's files, and the progress
// of a finished one as its report counts it.
func withJoined(cj corpus.Job) Job {
	j := Job{Job: cj}
	if r := cj.Report; r != nil {
		j.Progress = &JobProgress{Done: r.Files, Total: r.Files, Pages: r.Pages}
		if r.Seconds > 0 {
			j.Progress.Rate = float64(r.Files) / r.Seconds
		}
	}
	for _, f := range cj.Files {
		if f.ID != "" {
			j.Joined = append(j.Joined, JoinedDocument{Path: f.Path, ID: f.ID, Label: f.Label})
		}
	}
	return j
}

// get returns a copy of a job: the live one, or the stored one.
func (q *jobQueue) get(ctx context.Context, id int64) (Job, bool, error) {
	q.mu.Lock()
	if j, ok := q.live[id]; ok {
		c := copyOf(j)
		q.mu.Unlock()
		return c, true, nil
	}
	q.mu.Unlock()
	cj, ok, err := q.s.a.Store().JobByID(ctx, id)
	if !ok || err != nil {
		return Job{}, ok, err
	}
	return withJoined(cj), true, nil
}

// list returns the latest jobs, the newest first, the live ones with their
// progress.
func (q *jobQueue) list(ctx context.Context) ([]Job, error) {
	stored, err := q.s.a.Store().Jobs(ctx, jobLimit)
	if err != nil {
		return nil, err
	}
	out := make([]Job, len(stored))
	q.mu.Lock()
	defer q.mu.Unlock()
	for i, cj := range stored {
		if j, ok := q.live[cj.ID]; ok {
			out[i] = copyOf(j)
			continue
		}
		out[i] = withJoined(cj)
	}
	return out, nil
}

func (q *jobQueue) run(ctx context.Context) {
	defer q.wg.Done()
	for {
		select {
		case <-ctx.Done():
			return
		case j := <-q.queue:
			q.runJob(ctx, j)
		}
	}
}

func (q *jobQueue) runJob(ctx context.Context, j *Job) {
	st := q.s.a.Store()
	q.mu.Lock()
	j.State = corpus.JobRunning
	j.Progress = &JobProgress{Total: len(j.Paths)}
	running := j.Job
	q.mu.Unlock()
	if err := st.UpdateJob(ctx, running); err != nil {
		q.s.opt.Log.Printf("job %d: %v", j.ID, err)
	}
	opt := index.IngestOptions{Workers: q.s.opt.Workers, Timeout: q.s.opt.FileTimeout, MaxBytes: q.s.opt.MaxFileBytes,
		Progress: func(p corpus.Progress) {
			el := time.Since(p.Started).Seconds()
			jp := &JobProgress{Done: p.Done, Total: p.Total, Pages: p.Pages, Last: p.Last}
			if el > 0 {
				jp.Rate = float64(p.Done) / el
			}
			if jp.Rate > 0 {
				jp.SecondsLeft = float64(p.Total-p.Done) / jp.Rate
			}
			q.mu.Lock()
			j.Progress = jp
			q.mu.Unlock()
		}}
	rep, ixErr, err := q.s.a.Ingest(ctx, j.Paths, opt)
	// What became of each file is read even when the run was stopped.
	files, ferr := st.Outcomes(context.WithoutCancel(ctx), j.Paths, rep)
	q.mu.Lock()
	fin := time.Now().UTC()
	j.Report, j.Files, j.Finished = &rep, files, &fin
	j.State = corpus.JobDone
	switch {
	case err != nil:
		j.State, j.Error = corpus.JobFailed, err.Error()
	case ixErr != nil:
		j.Error = "the search index is behind: " + ixErr.Error()
	case ferr != nil:
		j.Error = ferr.Error()
	}
	if rep.Interrupted || ctx.Err() != nil {
		// The server is stopping: the job stays queued, with its report so
		// far, and the next server goes on with it (ResumeJobs).
		j.State, j.Finished = corpus.JobQueued, nil
		j.Error = "the server stopped in the middle of this job; it goes on when the server starts again"
	}
	done := withJoined(j.Job)
	j.Joined = done.Joined
	final := j.Job
	q.mu.Unlock()
	if err := st.UpdateJob(context.WithoutCancel(ctx), final); err != nil {
		q.s.opt.Log.Printf("job %d: %v", j.ID, err)
	}
	q.mu.Lock()
	delete(q.live, j.ID)
	q.mu.Unlock()
	close(j.done)
}

// Enqueue queues an ingest of paths of the server's disk (the consume
// folder) and returns its job id.
func (s *Server) Enqueue(source string, paths []string) (int64, error) {
	j, err := s.jobs.add(source, paths)
	if err != nil {
		return 0, err
	}
	return j.ID, nil
}
