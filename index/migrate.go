package index

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"vanban/corpus"
)

// Migrated is what Migrate did.
type Migrated struct {
	Rows    corpus.CopyStats // rows copied per table
	Indexed int              // documents in the new store's search index
	Index   string           // where that index is (corpus.LocalDir)
}

// Migrate copies the embedded store in the directory from into the
// PostgreSQL store to (an empty database; its schema is made), then builds
// the search index of the new store in its local directory, so that every
// command answers from it at once (vanban migrate).
func Migrate(ctx context.Context, from, to string) (Migrated, error) {
	if corpus.IsPostgres(from) {
		return Migrated{}, fmt.Errorf("--from must be the directory of an embedded store, not a PostgreSQL address")
	}
	if !corpus.IsPostgres(to) {
		return Migrated{}, fmt.Errorf("--to must be a PostgreSQL address (postgres://…), not %q", to)
	}
	if _, err := os.Stat(filepath.Join(from, corpus.DBName)); err != nil {
		return Migrated{}, fmt.Errorf("cannot open the store %s: %w", from, err)
	}
	src, err := corpus.Open(from)
	if err != nil {
		return Migrated{}, err
	}
	defer src.Close()
	dst, err := corpus.Open(to)
	if err != nil {
		return Migrated{}, err
	}
	rows, err := src.CopyTo(ctx, dst)
	dst.Close()
	if err != nil {
		return Migrated{}, err
	}
	a, err := OpenArchive(to, ArchiveOptions{Index: true})
	if err != nil {
		return Migrated{Rows: rows}, err
	}
	defer a.Close()
	n, err := a.Reindex(ctx)
	return Migrated{Rows: rows, Indexed: n, Index: Path(to)}, err
}
