package main

import (
	"context"
	"fmt"

	"vanban/extract"
	"vanban/index"
)

// watch is `ingest --watch DIR`: a consume folder (index.Archive.Watch),
// each batch of settled files ingested as one run. It runs until
// interrupted.
func watch(ctx context.Context, env *Env, a *index.Archive, srv *remote, f ingestFlags, mode extract.OCRMode) int {
	fmt.Fprintf(env.Stderr, "vanban ingest: watching %s (files are taken once unchanged for %s)\n", esc(*f.watch), *f.settle)
	code := exitOK
	err := a.Watch(ctx, *f.watch, *f.settle, *f.poll, func(ready []string) {
		if _, c := ingestOnce(ctx, env, a, srv, f, mode, ready, false); c > code {
			code = c
		}
	})
	if err != nil {
		return fail(env, "ingest", err)
	}
	return code
}
