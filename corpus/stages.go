package corpus

import (
	"context"
	"sync/atomic"
	"time"
)

// Stage is one step of the ingest pipeline whose time the report gives.
type Stage int

// The stages, in the order a file goes through them.
const (
	StageRead      Stage = iota // reading the file and hashing it
	StageExtract                // text out of the format (OCR included)
	StageNormalize              // legacy encodings, Unicode
	StageRules                  // the record: header, references, outline, tasks
	StageMatch                  // the store's identity: renditions, free keys
	StageResolve                // references to documents, stubs joined
	StageStore                  // the other SQLite writes of a document
	StageCommit                 // SQLite commits
	StageIndex                  // bleve batches
	nStages
)

var stageNames = [nStages]string{"read", "extract", "normalize", "rules", "match", "resolve", "store", "commit", "index"}

func (s Stage) String() string { return stageNames[s] }

// Stages add up the time spent in each stage, over all the workers of a
// run (so their sum can exceed the run's wall time). A nil *Stages counts
// nothing.
type Stages struct {
	ns [nStages]atomic.Int64
}

// Since adds the time since t0 to stage st.
func (s *Stages) Since(st Stage, t0 time.Time) {
	if s != nil {
		s.ns[st].Add(int64(time.Since(t0)))
	}
}

// Lap starts a stopwatch: each call of the function it returns adds the
// time since the previous call (or since Lap) to its stage.
func (s *Stages) Lap() func(Stage) {
	t0 := time.Now()
	return func(st Stage) {
		now := time.Now()
		if s != nil {
			s.ns[st].Add(int64(now.Sub(t0)))
		}
		t0 = now
	}
}

// StageNames are the stages' names in their order.
func StageNames() []string { return stageNames[:] }

// Seconds is the time of every stage that took any.
func (s *Stages) Seconds() map[string]float64 {
	if s == nil {
		return nil
	}
	m := map[string]float64{}
	for i := range s.ns {
		if ns := s.ns[i].Load(); ns > 0 {
			m[stageNames[i]] = float64(ns) / 1e9
		}
	}
	return m
}

type stagesKey struct{}

// WithStages gives ctx the stage timer that StagesOf finds again: the
// pipeline's steps under it (index.Process) add their time to it.
func WithStages(ctx context.Context, s *Stages) context.Context {
	return context.WithValue(ctx, stagesKey{}, s)
}

// StagesOf is the timer of ctx, or nil.
func StagesOf(ctx context.Context) *Stages {
	s, _ := ctx.Value(stagesKey{}).(*Stages)
	return s
}
