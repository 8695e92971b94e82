package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"vanban/corpus"
	"vanban/extract"
	"vanban/index"
)

// watch is `ingest --watch DIR`: a consume folder. It scans DIR every
// --poll and ingests a file once its size and mtime have stayed the same
// for --settle (a scanner or a copy still writing it would otherwise be read
// half-written). Polling, not inotify: it works on network shares and needs
// nothing outside the standard library. It runs until interrupted.
func watch(ctx context.Context, env *Env, st *corpus.Store, ix *index.Index, f ingestFlags, mode extract.OCRMode) int {
	type seen struct {
		size, mtime int64
		since       time.Time
		done        bool
	}
	state := map[string]*seen{}
	fmt.Fprintf(env.Stderr, "vanban ingest: watching %s (files are taken once unchanged for %s)\n", *f.watch, *f.settle)
	tick := time.NewTicker(*f.poll)
	defer tick.Stop()
	code := exitOK
	for {
		files, _, err := corpus.Walk([]string{*f.watch}, *f.store)
		if err != nil {
			fmt.Fprintf(env.Stderr, "vanban ingest: %v\n", err)
			return exitPartial
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
			if !s.done && now.Sub(s.since) >= *f.settle {
				ready = append(ready, p)
			}
		}
		for p := range state {
			if !present[p] {
				delete(state, p)
			}
		}
		if len(ready) > 0 {
			_, c := ingestOnce(ctx, env, st, ix, f, mode, ready, false)
			if c > code {
				code = c
			}
			for _, p := range ready {
				state[p].done = true
			}
		}
		select {
		case <-ctx.Done():
			return code
		case <-tick.C:
		}
	}
}
