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
	"vanban/normalize"
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
	return fs.String("store", def, "the store: a directory (SQLite), or a PostgreSQL address postgres://… (default $VANBAN_STORE or ./vanban-data)")
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

// parseNoArgs is parseArgs for a command that takes no arguments: one given
// is a usage error, not silently ignored.
func parseNoArgs(fs *flag.FlagSet, args []string) error {
	pos, err := parseArgs(fs, args)
	if err == nil && len(pos) > 0 {
		fmt.Fprintf(fs.Output(), "vanban %s takes no arguments, got %q\n", fs.Name(), pos)
		fs.Usage()
		err = fmt.Errorf("unexpected arguments %q", pos)
	}
	return err
}

// refArg is the one REF or DOC of command cmd, its words joined; arguments
// naming more than one document are a usage error (corpus.RefArgs).
func refArg(env *Env, cmd string, pos []string) (string, bool) {
	text, err := corpus.RefArgs(pos)
	if err != nil {
		fmt.Fprintf(env.Stderr, "vanban %s: %s\n", cmd, esc(err.Error()))
		return "", false
	}
	return text, true
}

// esc is text from files (paths, titles, names, sentences) made safe for a
// terminal or a report: controls, bidirectional overrides and invalid
// UTF-8 shown as escapes (normalize.Printable).
func esc(s string) string { return normalize.Printable(s) }

// escAll is esc of each string, joined with sep.
func escAll(ss []string, sep string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = esc(s)
	}
	return strings.Join(out, sep)
}

// openStore opens the store for a query command; a missing store is an error
// (not created), since a query on nothing is a mistake.
func openStore(dir string) (*corpus.Store, error) {
	if corpus.IsPostgres(dir) {
		return corpus.Open(dir)
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("cannot open the store %s (run 'vanban ingest' first): %w", dir, err)
	}
	return corpus.Open(dir)
}

// openArchive opens the archive of a query command, without its index (the
// database can be read beside a running server).
func openArchive(dir string) (*index.Archive, error) {
	if corpus.IsPostgres(dir) {
		return index.OpenArchive(dir, index.ArchiveOptions{})
	}
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("cannot open the store %s (run 'vanban ingest' first): %w", dir, err)
	}
	return index.OpenArchive(dir, index.ArchiveOptions{})
}

// resolveDoc finds the one document DOC names, printing the candidates when
// it names several. The exit status is exitOK when found, exitPartial when
// nothing matches, exitUsage when the REF is ambiguous (the user must narrow
// it: the command line was not specific enough).
func resolveDoc(ctx context.Context, a *index.Archive, env *Env, cmd, text string, asJSON bool) (corpus.DocInfo, int) {
	return resolveDocIn(ctx, a, env, cmd, text, "", asJSON)
}

// resolveDocIn is resolveDoc narrowed to a place (--place).
func resolveDocIn(ctx context.Context, a *index.Archive, env *Env, cmd, text, place string, asJSON bool) (corpus.DocInfo, int) {
	d, err := a.ResolveIn(ctx, text, place)
	if err == nil {
		return d, exitOK
	}
	return d, reportResolveError(ctx, a, env, cmd, text, err, asJSON)
}

// reportResolveError prints why text named no single document: the ranked
// candidates of an ambiguous REF (stdout, one per line), the closest stored
// symbols for one that matches nothing (stderr).
func reportResolveError(ctx context.Context, a *index.Archive, env *Env, cmd, text string, err error, asJSON bool) int {
	msg := message(env)
	var amb *corpus.AmbiguousError
	var nf *corpus.NotFoundError
	switch {
	case errors.As(err, &amb):
		fmt.Fprintf(env.Stderr, "vanban %s: %s:\n", cmd, esc(err.Error()))
		for _, c := range amb.Candidates {
			if asJSON {
				writeJSONLine(env.Stdout, map[string]any{"candidate": c})
			} else {
				fmt.Fprintf(env.Stdout, "  %s\t%s\n", esc(c.Key), msg.label(c))
			}
		}
		return exitUsage
	case errors.As(err, &nf):
		fmt.Fprintf(env.Stderr, "vanban %s: %s\n", cmd, esc(err.Error()))
		if sug, _ := a.Suggest(ctx, text, 5); len(sug) > 0 {
			fmt.Fprintf(env.Stderr, "%s\n", msg.closest)
			for _, c := range sug {
				fmt.Fprintf(env.Stderr, "  %s\t%s\n", esc(c.Key), msg.label(c))
			}
		}
		return exitPartial
	case errors.Is(err, corpus.ErrNoRef), errors.Is(err, corpus.ErrTooLong):
		fmt.Fprintf(env.Stderr, "vanban %s: %s\n", cmd, esc(err.Error()))
		return exitUsage
	}
	return fail(env, cmd, err)
}

// fail prints why command cmd stopped and returns its exit status: 3 when
// the store is busy (another vanban holds it) or damaged, with what to do;
// 1 otherwise.
func fail(env *Env, cmd string, err error) int {
	switch {
	case errors.Is(err, index.ErrBusy):
		fmt.Fprintf(env.Stderr, "vanban %s: %s\n  the store is busy: wait for the other vanban (serve, ingest, reindex) to finish, or stop it, then run this again\n", cmd, esc(err.Error()))
		return exitStore
	case errors.Is(err, index.ErrDamaged):
		fmt.Fprintf(env.Stderr, "vanban %s: %s\n  the store is damaged: run 'vanban verify' to see what, 'vanban reindex' to rebuild the search index from the database\n", cmd, esc(err.Error()))
		return exitStore
	}
	fmt.Fprintf(env.Stderr, "vanban %s: %s\n", cmd, esc(err.Error()))
	return exitPartial
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
