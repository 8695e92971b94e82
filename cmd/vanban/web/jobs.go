package web

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"vanban/corpus"
	"vanban/index"
)

// Job is one ingest run of the server's queue: files uploaded, a folder of
// the server, or files of the consume folder.
type Job struct {
	ID       int              `json:"id"`
	Source   string           `json:"source"` // upload, folder, watch
	Paths    []string         `json:"paths"`
	State    string           `json:"state"` // queued, running, done, failed
	Queued   time.Time        `json:"queued"`
	Progress *JobProgress     `json:"progress,omitempty"`
	Report   *corpus.Report   `json:"report,omitempty"`
	Joined   []JoinedDocument `json:"documents,omitempty"` // each file with the document it made or joined
	Error    string           `json:"error,omitempty"`
	done     chan struct{}
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

// jobQueue runs ingest jobs one at a time, in order, in one goroutine.
type jobQueue struct {
	s      *Server
	mu     sync.Mutex
	jobs   map[int]*Job
	next   int
	queue  chan *Job
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

func newJobQueue(s *Server) *jobQueue {
	ctx, cancel := context.WithCancel(context.Background())
	q := &jobQueue{s: s, jobs: map[int]*Job{}, queue: make(chan *Job, 1024), cancel: cancel}
	q.wg.Add(1)
	go q.run(ctx)
	return q
}

func (q *jobQueue) close() {
	q.cancel()
	q.wg.Wait()
}

// add queues a job; it fails when the queue is full.
func (q *jobQueue) add(source string, paths []string) (*Job, error) {
	q.mu.Lock()
	q.next++
	j := &Job{ID: q.next, Source: source, Paths: paths, State: "queued", Queued: time.Now().UTC(), done: make(chan struct{})}
	q.jobs[j.ID] = j
	q.mu.Unlock()
	select {
	case q.queue <- j:
		return j, nil
	default:
		q.mu.Lock()
		delete(q.jobs, j.ID)
		q.mu.Unlock()
		return nil, fmt.Errorf("the ingest queue is full; try again later")
	}
}

// get returns a copy of a job.
func (q *jobQueue) get(id int) (Job, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	j, ok := q.jobs[id]
	if !ok {
		return Job{}, false
	}
	c := *j
	if j.Progress != nil {
		p := *j.Progress
		c.Progress = &p
	}
	return c, true
}

// list returns copies of every job, the newest first.
func (q *jobQueue) list() []Job {
	q.mu.Lock()
	ids := make([]int, 0, len(q.jobs))
	for id := range q.jobs {
		ids = append(ids, id)
	}
	q.mu.Unlock()
	sort.Sort(sort.Reverse(sort.IntSlice(ids)))
	out := make([]Job, 0, len(ids))
	for _, id := range ids {
		if j, ok := q.get(id); ok {
			out = append(out, j)
		}
	}
	return out
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
	q.mu.Lock()
	j.State = "running"
	j.Progress = &JobProgress{Total: len(j.Paths)}
	q.mu.Unlock()
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
	joined := q.joined(ctx, j.Paths)
	q.mu.Lock()
	defer q.mu.Unlock()
	j.Report = &rep
	j.Joined = joined
	j.State = "done"
	switch {
	case err != nil:
		j.State, j.Error = "failed", err.Error()
	case ixErr != nil:
		j.Error = "the search index is behind: " + ixErr.Error()
	}
	close(j.done)
}

// joined finds the document each path of a job belongs to.
func (q *jobQueue) joined(ctx context.Context, paths []string) []JoinedDocument {
	var out []JoinedDocument
	files, _, _ := corpus.Walk(paths, "")
	for _, p := range files {
		d, err := q.s.a.Store().Resolve(ctx, p)
		if err != nil {
			continue
		}
		out = append(out, JoinedDocument{Path: p, ID: d.Key, Label: d.Label()})
	}
	return out
}

// Enqueue queues an ingest of paths of the server's disk (the consume
// folder) and returns its job id.
func (s *Server) Enqueue(source string, paths []string) (int, error) {
	j, err := s.jobs.add(source, paths)
	if err != nil {
		return 0, err
	}
	return j.ID, nil
}
