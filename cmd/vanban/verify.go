package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"strconv"

	"vanban/index"
)

func init() {
	register(&command{name: "verify", summary: "check stored checksums, the database and the search index", run: runVerify})
}

// runVerify checks fixity (every recorded path still has its checksum), the
// database (integrity_check, foreign_key_check, edges = aggregated mentions)
// and the search index against the database. Exit 1 when anything differs.
func runVerify(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	store := storeFlag(fs, env)
	asJSON := fs.Bool("json", false, "print one JSON object per problem")
	noFiles := fs.Bool("no-files", false, "skip reading the files (database and index only)")
	full := fs.Bool("full", false, fmt.Sprintf("compare every index entry with the database (default: a sample of %d)", index.VerifySample))
	relocate := fs.String("relocate", "", "first look under `DIR` for missing files by their content and record where they are now")
	dryRun := fs.Bool("dry-run", false, "with --relocate: print what would be relocated, change nothing")
	err := parseNoArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if *dryRun && *relocate == "" {
		fmt.Fprintln(env.Stderr, "vanban verify: --dry-run goes with --relocate DIR")
		return exitUsage
	}
	if *relocate != "" {
		// Paths are in the database only: relocating writes there, beside
		// any process holding the index.
		a, err := openArchive(*store)
		if err != nil {
			return fail(env, "verify", err)
		}
		moved, err := a.Relocate(ctx, *relocate, *dryRun)
		if err == nil && !*dryRun && len(moved) > 0 {
			// A document retired by a relocation (its only path held other
			// content) leaves the index held elsewhere too.
			err = catchUp(ctx, a)
		}
		a.Close()
		if err != nil {
			return fail(env, "verify", err)
		}
		verb := "relocated"
		if *dryRun {
			verb = "would relocate"
		}
		for _, m := range moved {
			if *asJSON {
				writeJSONLine(env.Stdout, map[string]any{"relocated": m, "dry_run": *dryRun})
			} else {
				fmt.Fprintf(env.Stdout, "%s: %s → %s  [%s]\n", verb, esc(m.From), esc(m.To), esc(m.Key))
			}
		}
		if !*asJSON {
			fmt.Fprintf(env.Stdout, "verify: %s %s found under %s\n", verb, plural(len(moved), "file", "files"), esc(*relocate))
		}
	}
	var r index.VerifyResult
	if srv := serverFor(*store); srv != nil {
		err = srv.do(ctx, "GET", "/api/verify", url.Values{"files": {strconv.FormatBool(!*noFiles)}, "full": {strconv.FormatBool(*full)}}, nil, &r)
	} else {
		var a *index.Archive
		a, err = openArchive(*store)
		if err == nil {
			// A damaged index is one of the problems verify reports (the
			// archive remembers why it could not open it).
			if err = a.OpenIndex(); err == nil || errors.Is(err, index.ErrDamaged) {
				r, err = a.VerifyWith(ctx, !*noFiles, *full)
			}
			a.Close()
		}
	}
	if err != nil {
		return fail(env, "verify", err)
	}
	if *asJSON {
		for _, p := range r.Problems {
			writeJSONLine(env.Stdout, p)
		}
	} else {
		for _, p := range r.Problems {
			where := p.Path + p.Key
			if where != "" {
				where += ": "
			}
			fmt.Fprintf(env.Stdout, "%s: %s%s\n", p.Check, esc(where), esc(p.Message))
		}
		how := "all"
		if r.Sample {
			how = "a random sample; --full for all"
		}
		fmt.Fprintf(env.Stdout, "verify: %s checked, %s in the database, %d in the index (%d changes behind; %d entries compared field by field, %s): %s\n",
			plural(r.Files, "file", "files"), plural(r.Documents, "document", "documents"), r.Indexed, r.Lag, r.Compared, how,
			plural(len(r.Problems), "problem", "problems"))
	}
	if len(r.Problems) > 0 {
		return exitPartial
	}
	return exitOK
}
