package extract

import (
	"context"
	"runtime"
	"sync"
)

// Pool bounds the OCR processes (tesseract) running at once, across every
// file and page of a run: an ingest of N files at once, each OCRing its
// pages in parallel, would otherwise start N × pages processes. One Pool
// is made per run (index.Archive.Ingest, sized by -j) and passed in
// Options.OCRPool; extractions without one share DefaultPool.
type Pool struct {
	slots chan struct{}
}

// NewPool makes a pool of n slots (at least 1).
func NewPool(n int) *Pool {
	return &Pool{slots: make(chan struct{}, max(n, 1))}
}

// Size is the number of processes the pool lets run at once.
func (p *Pool) Size() int { return cap(p.slots) }

// acquire waits for a free slot, or for ctx to end.
func (p *Pool) acquire(ctx context.Context) error {
	select {
	case p.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (p *Pool) release() { <-p.slots }

var (
	defaultPoolOnce sync.Once
	defaultPool     *Pool
)

// DefaultPool is the process's pool of one OCR process per core, used when
// Options.OCRPool is nil.
func DefaultPool() *Pool {
	defaultPoolOnce.Do(func() { defaultPool = NewPool(runtime.NumCPU()) })
	return defaultPool
}

func (o Options) ocrPool() *Pool {
	if o.OCRPool != nil {
		return o.OCRPool
	}
	return DefaultPool()
}
