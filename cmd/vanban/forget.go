package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"vanban/corpus"
)

func init() {
	register(&command{name: "forget", summary: "remove a stored document (its text, files, paths and index entry)", run: runForget})
}

// runForget removes one document: DOC as show reads it (an id, an old id, a
// REF) or the path of an ingested file. Exit 0 when it went (or, with
// --dry-run, would go), 1 when nothing stored matches, 2 for bad usage or a
// DOC that names several documents, 3 when the store is busy or damaged.
func runForget(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("forget", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	store := storeFlag(fs, env)
	asJSON := fs.Bool("json", false, "print what went as one JSON object")
	dryRun := fs.Bool("dry-run", false, "print what would go, change nothing")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: vanban forget DOC|PATH [--dry-run] [--json]")
		fs.PrintDefaults()
	}
	pos, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) == 0 {
		fs.Usage()
		return exitUsage
	}
	ref, ok := refArg(env, "forget", pos)
	if !ok {
		return exitUsage
	}
	a, err := openArchive(*store)
	if err != nil {
		return fail(env, "forget", err)
	}
	defer a.Close()
	d, code := resolveDoc(ctx, a, env, "forget", ref, *asJSON)
	if code != exitOK {
		return code
	}
	f, err := a.Forget(ctx, d, *dryRun)
	if errors.Is(err, corpus.ErrNotStored) {
		fmt.Fprintf(env.Stderr, "vanban forget: %s\n", esc(err.Error()))
		return exitPartial
	}
	if err != nil {
		return fail(env, "forget", err)
	}
	// The search index follows: this process holds none, so the one that
	// does is asked to apply the change (or this one takes it).
	var ixErr error
	if !*dryRun {
		ixErr = catchUp(ctx, a)
	}
	if *asJSON {
		writeJSONLine(env.Stdout, f)
	} else {
		printForgotten(env, f)
	}
	if ixErr != nil {
		fmt.Fprintf(env.Stderr, "vanban forget: the document left the database, not yet the search index:\n")
		return fail(env, "forget", ixErr)
	}
	return exitOK
}

func printForgotten(env *Env, f corpus.Forgotten) {
	w := env.Stdout
	verb := "forgot"
	if f.DryRun {
		verb = "would forget"
	}
	fmt.Fprintf(w, "%s %s  [%s]\n", verb, esc(f.Label), esc(f.Key))
	for _, p := range f.Paths {
		fmt.Fprintf(w, "  path: %s\n", esc(p))
	}
	for _, sha := range f.Files {
		fmt.Fprintf(w, "  file: sha256 %s\n", sha)
	}
	if f.Text {
		fmt.Fprintln(w, "  text and search index entry")
	}
	if f.Stub {
		fmt.Fprintf(w, "  kept as a stub with the same id for %s: %s\n", plural(len(f.Citing), "citing document", "citing documents"),
			escAll(f.Citing, ", "))
	}
	if len(f.Dropped) > 0 {
		fmt.Fprintf(w, "  stubs only it cited: %s\n", escAll(f.Dropped, ", "))
	}
}
