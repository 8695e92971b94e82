package index

import (
	"sync"
	"testing"
)

// TestSearchCache: an answer is kept until the index changes, callers may
// change what they get without changing the kept answer, and concurrent
// equal queries get the same answer.
func TestSearchCache(t *testing.T) {
	ix := openIndexed(t)
	q := Query{Text: "dân vận"}
	first, err := ix.Search(q)
	if err != nil {
		t.Fatal(err)
	}
	if first.Total != 3 {
		t.Fatalf("total %d, want 3", first.Total)
	}
	first.Hits[0].CitedBy = 99 // what Archive.Search does to its copy
	first.Hits = first.Hits[:0]
	again, _ := ix.Search(q)
	if len(again.Hits) != 3 || again.Hits[0].CitedBy != 0 {
		t.Fatalf("the kept answer was changed through a caller's copy: %+v", again.Hits)
	}
	if len(ix.cache.entries) != 1 {
		t.Fatalf("%d kept answers, want 1", len(ix.cache.entries))
	}
	// A write makes the next search see it.
	if err := ix.Put([]Doc{{ID: "new", Type: "Kế hoạch", Subject: "dân vận", Body: "công tác dân vận"}}); err != nil {
		t.Fatal(err)
	}
	after, _ := ix.Search(q)
	if after.Total != 4 {
		t.Fatalf("after a write: total %d, want 4", after.Total)
	}
	if err := ix.Delete([]string{"new"}); err != nil {
		t.Fatal(err)
	}
	if res, _ := ix.Search(q); res.Total != 3 {
		t.Fatalf("after a delete: total %d, want 3", res.Total)
	}
	var wg sync.WaitGroup
	totals := make([]uint64, 8)
	for i := range totals {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			res, err := ix.Search(Query{Text: "chi thi 33"})
			if err != nil {
				t.Error(err)
			}
			res.Hits[0].Score = -1
			totals[i] = res.Total
		}(i)
	}
	wg.Wait()
	for i, n := range totals {
		if n != 3 {
			t.Fatalf("concurrent search %d: total %d, want 3", i, n)
		}
	}
}

// TestSearchCacheBounded: the cache keeps at most cacheSize answers.
func TestSearchCacheBounded(t *testing.T) {
	c := newResultCache()
	for i := 0; i < cacheSize+10; i++ {
		if _, err := c.get(Query{From: i}, func(Query) (Result, error) { return Result{Hits: []Hit{}}, nil }); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.entries) != cacheSize || c.order.Len() != cacheSize {
		t.Fatalf("%d/%d answers kept, want %d", len(c.entries), c.order.Len(), cacheSize)
	}
	if _, ok := c.entries[Query{From: 0}]; ok {
		t.Fatal("the least recently used answer was kept")
	}
}
