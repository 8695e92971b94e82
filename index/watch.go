package index

import (
	"context"
	"os"
	"time"

	"vanban/corpus"
)

// Watch is a consume folder: it scans dir every poll and hands ingest the
// files whose size and mtime have stayed the same for settle (a scanner or a
// copy still writing a file would otherwise be read half-written). Polling,
// not inotify: it works on network shares and needs nothing outside the
// standard library. It runs until ctx is done.
func (a *Archive) Watch(ctx context.Context, dir string, settle, poll time.Duration, ingest func(paths []string)) error {
	type seen struct {
		size, mtime int64
		since       time.Time
		done        bool
	}
	state := map[string]*seen{}
	tick := time.NewTicker(poll)
	defer tick.Stop()
	for {
		files, _, err := corpus.Walk([]string{dir}, a.dir)
		if err != nil {
			return err
		}
		now := time.Now()
		var ready []string
		present := map[string]bool{}
		for _, p := range files {
			present[p] = true
			fi, err := os.Stat(p)
			if err != nil {
				continue
			}
			s := state[p]
			if s == nil || s.size != fi.Size() || s.mtime != fi.ModTime().UnixNano() {
				state[p] = &seen{size: fi.Size(), mtime: fi.ModTime().UnixNano(), since: now}
				continue
			}
			if !s.done && now.Sub(s.since) >= settle {
				ready = append(ready, p)
			}
		}
		for p := range state {
			if !present[p] {
				delete(state, p)
			}
		}
		if len(ready) > 0 {
			ingest(ready)
			for _, p := range ready {
				state[p].done = true
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}
