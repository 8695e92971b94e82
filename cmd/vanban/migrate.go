package main

import (
	"context"
	"flag"
	"fmt"
	"sort"
	"strings"

	"vanban/corpus"
	"vanban/index"
)

func init() {
	register(&command{name: "migrate", summary: "copy an embedded store into PostgreSQL (--from DIR --to postgres://…)", run: runMigrate})
}

// runMigrate copies an embedded store into an empty PostgreSQL database
// (index.Migrate).
func runMigrate(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	from := fs.String("from", corpus.DefaultDir, "the embedded store's directory")
	to := fs.String("to", "", "the PostgreSQL store, postgres://… (an empty database)")
	if err := parseNoArgs(fs, args); err != nil {
		return exitUsage
	}
	if !corpus.IsPostgres(*to) {
		fmt.Fprintf(env.Stderr, "vanban migrate: --to must be a PostgreSQL address postgres://…, not %q\n", *to)
		return exitUsage
	}
	m, err := index.Migrate(ctx, *from, *to)
	if err != nil {
		return fail(env, "migrate", err)
	}
	tables := make([]string, 0, len(m.Rows))
	for t := range m.Rows {
		tables = append(tables, t)
	}
	sort.Strings(tables)
	parts := make([]string, len(tables))
	for i, t := range tables {
		parts[i] = fmt.Sprintf("%s %d", t, m.Rows[t])
	}
	fmt.Fprintf(env.Stdout, "migrate: %s → %s: %s\n", esc(*from), esc(corpus.RedactDSN(*to)), strings.Join(parts, ", "))
	fmt.Fprintf(env.Stdout, "migrate: %s indexed in %s\n", plural(m.Indexed, "document", "documents"), esc(m.Index))
	return exitOK
}
