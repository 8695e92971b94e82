package index

import (
	"container/list"
	"sync"
)

// cacheSize bounds the answers an Index keeps: a few hundred results of ten
// hits with their fragments and facets, some MiB at most (memory flat).
const cacheSize = 512

// resultCache keeps the latest answers of Search until the index changes.
// A broad query over 100 000 documents costs bleve a scan of every hit for
// the facets and the ranking (hundreds of ms on two busy cores); a search
// box asks the same few queries over and over (the next page, a facet
// clicked and unclicked, the same words typed by several people), so an
// answer is computed once per version of the index. Queries asked at the
// same time while the answer is computed wait for it instead of computing
// it again.
type resultCache struct {
	mu      sync.Mutex
	gen     uint64 // bumped by every write to the index
	entries map[Query]*list.Element
	order   *list.List // most recently used first; values are *cacheEntry
	running map[Query]*flight
}

type cacheEntry struct {
	q   Query
	res Result
}

type flight struct {
	done chan struct{}
	res  Result
	err  error
}

func newResultCache() *resultCache {
	return &resultCache{entries: map[Query]*list.Element{}, order: list.New(), running: map[Query]*flight{}}
}

// invalidate forgets every answer (the index changed).
func (c *resultCache) invalidate() {
	c.mu.Lock()
	c.gen++
	c.entries = map[Query]*list.Element{}
	c.order.Init()
	c.mu.Unlock()
}

// clear forgets every answer without counting a write (what they depend
// on besides the index changed: the documents of each hiệu lực).
func (c *resultCache) clear() {
	c.mu.Lock()
	c.entries = map[Query]*list.Element{}
	c.order.Init()
	c.mu.Unlock()
}

// facetsOf gives the facets of the kept answer to q, if there is one (a
// search asking another page of q has the same facets).
func (c *resultCache) facetsOf(q Query) (map[string][]FacetTerm, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[q]; ok {
		return el.Value.(*cacheEntry).res.clone().Facets, true
	}
	return nil, false
}

// get answers q from the cache, or runs compute once for all the callers
// asking q at the same time and keeps its answer (unless the index changed
// meanwhile or compute failed).
func (c *resultCache) get(q Query, compute func(Query) (Result, error)) (Result, error) {
	c.mu.Lock()
	if el, ok := c.entries[q]; ok {
		c.order.MoveToFront(el)
		res := el.Value.(*cacheEntry).res
		c.mu.Unlock()
		return res.clone(), nil
	}
	if f, ok := c.running[q]; ok {
		c.mu.Unlock()
		<-f.done
		return f.res.clone(), f.err
	}
	f := &flight{done: make(chan struct{})}
	c.running[q] = f
	gen := c.gen
	c.mu.Unlock()

	f.res, f.err = compute(q)

	c.mu.Lock()
	delete(c.running, q)
	if f.err == nil && gen == c.gen {
		c.entries[q] = c.order.PushFront(&cacheEntry{q: q, res: f.res})
		for c.order.Len() > cacheSize {
			last := c.order.Back()
			c.order.Remove(last)
			delete(c.entries, last.Value.(*cacheEntry).q)
		}
	}
	c.mu.Unlock()
	close(f.done)
	return f.res.clone(), f.err
}

// clone copies what a caller may change (the hits: Archive.Search fills in
// citation counts and keeps the hits of a place in place); the facets and
// fragments are only read.
func (r Result) clone() Result {
	hits := make([]Hit, len(r.Hits))
	copy(hits, r.Hits)
	r.Hits = hits
	facets := make(map[string][]FacetTerm, len(r.Facets))
	for k, v := range r.Facets {
		facets[k] = v
	}
	r.Facets = facets
	return r
}
