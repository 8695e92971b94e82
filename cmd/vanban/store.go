package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"vanban/corpus"
	"vanban/index"
)

// storeFlag adds --store to a command: the store directory, by default
// $VANBAN_STORE or ./vanban-data (contract).
func storeFlag(fs *flag.FlagSet, env *Env) *string {
	def := corpus.DefaultDir
	if env.Getenv != nil {
		if v := env.Getenv("VANBAN_STORE"); v != "" {
			def = v
		}
	}
	return fs.String("store", def, "the store directory (default $VANBAN_STORE or ./vanban-data)")
}

// parseArgs parses flags that may come before, between or after the
// positional arguments ("vanban cites REF --type T"), which the flag package
// alone stops at.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// openStore opens the store for a query command; a missing store is an error
// (not created), since a query on nothing is a mistake.
func openStore(dir string) (*corpus.Store, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("cannot open the store %s (run 'vanban ingest' first): %w", dir, err)
	}
	return corpus.Open(dir)
}

// syncIndex brings the search index up to date with the database: applies
// pending deletions, then indexes every document whose current version it
// lacks, in batches. It returns how many documents it indexed.
func syncIndex(ctx context.Context, st *corpus.Store, ix *index.Index) (int, error) {
	dels, err := st.IndexDeletes(ctx)
	if err != nil {
		return 0, err
	}
	if len(dels) > 0 {
		if err := ix.Delete(dels); err != nil {
			return 0, err
		}
		if err := st.ClearIndexDeletes(ctx, dels); err != nil {
			return 0, err
		}
	}
	n := 0
	for {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		batch, err := st.Unindexed(ctx, 200)
		if err != nil {
			return n, err
		}
		if len(batch) == 0 {
			return n, nil
		}
		docs := make([]index.Doc, len(batch))
		for i, p := range batch {
			d := p.Doc
			docs[i] = index.Doc{ID: d.Key, Type: d.Type, Symbol: d.Symbol, Year: d.Year, Province: d.Province,
				Issuer: d.Issuer, Subject: d.Subject, Body: p.Text}
		}
		if err := ix.Put(docs); err != nil {
			return n, err
		}
		if err := st.MarkIndexed(ctx, batch); err != nil {
			return n, err
		}
		n += len(batch)
	}
}

// resolveDoc finds the one document DOC names, printing the candidates when
// it names several. The exit status is exitOK when found, exitPartial when
// nothing matches, exitUsage when the REF is ambiguous (the user must narrow
// it: the command line was not specific enough).
func resolveDoc(ctx context.Context, st *corpus.Store, env *Env, cmd, text string, asJSON bool) (corpus.DocInfo, int) {
	return resolveDocIn(ctx, st, env, cmd, text, "", asJSON)
}

// resolveDocIn is resolveDoc narrowed to a place (--place).
func resolveDocIn(ctx context.Context, st *corpus.Store, env *Env, cmd, text, place string, asJSON bool) (corpus.DocInfo, int) {
	d, err := st.ResolveIn(ctx, text, place)
	if err == nil {
		return d, exitOK
	}
	var amb *corpus.AmbiguousError
	var nf *corpus.NotFoundError
	switch {
	case errors.As(err, &amb):
		fmt.Fprintf(env.Stderr, "vanban %s: %v:\n", cmd, err)
		for _, c := range amb.Candidates {
			if asJSON {
				writeJSONLine(env.Stdout, map[string]any{"candidate": c})
			} else {
				fmt.Fprintf(env.Stdout, "  %s\t%s\n", c.Key, c.Label())
			}
		}
		return d, exitUsage
	case errors.As(err, &nf):
		fmt.Fprintf(env.Stderr, "vanban %s: %v\n", cmd, err)
		return d, exitPartial
	case errors.Is(err, corpus.ErrNoRef):
		fmt.Fprintf(env.Stderr, "vanban %s: %v\n", cmd, err)
		return d, exitUsage
	}
	fmt.Fprintf(env.Stderr, "vanban %s: %v\n", cmd, err)
	return d, exitPartial
}

// isTerminal reports whether w is a terminal (a character device), for the
// progress bar.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func oneLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) > max {
		return string(r[:max]) + "…"
	}
	return s
}
