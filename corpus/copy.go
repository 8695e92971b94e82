package corpus

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// copyTables are the tables of the schema in an order that satisfies their
// foreign keys (a referenced table first). jobs is made on first use
// (jobs.go) and copied when the source has it.
var copyTables = []string{
	"documents", "aliases", "names", "changes", "texts", "files", "paths",
	"mentions", "edges", "claims", "runs", "events", "overrides", "jobs",
}

// identityTables are those whose id is generated (INTEGER PRIMARY KEY):
// after a copy their sequences start past the ids copied.
var identityTables = []string{"documents", "mentions", "claims", "runs", "events", "overrides", "jobs"}

// CopyStats counts the rows copied per table.
type CopyStats map[string]int64

// CopyTo copies every row of the store s into dst, an empty PostgreSQL
// store of the same schema version (vanban migrate). Ids, keys, the change
// log and the reports are kept as they are, so the copy answers the same;
// paths that the embedded store recorded relative to its directory are
// made absolute (a PostgreSQL store has no directory of files). s is read
// in one transaction (a consistent snapshot; writers to it wait), dst is
// written in one (all or nothing) through PostgreSQL's COPY.
func (s *Store) CopyTo(ctx context.Context, dst *Store) (CopyStats, error) {
	if s.db.d.pg {
		return nil, fmt.Errorf("cannot copy from %s: the source must be an embedded (SQLite) store", RedactDSN(s.Location()))
	}
	if !dst.db.d.pg {
		return nil, fmt.Errorf("cannot copy into %s: the destination must be a PostgreSQL store", dst.Location())
	}
	var n int
	if err := dst.db.QueryRowContext(ctx, `SELECT count(*) FROM documents`).Scan(&n); err != nil {
		return nil, fmt.Errorf("cannot read the destination: %w", err)
	}
	if n > 0 {
		return nil, fmt.Errorf("the destination %s already holds %d documents and stubs: copy into an empty database", RedactDSN(dst.Location()), n)
	}
	src, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("cannot read the store %s: %w", s.dir, err)
	}
	defer src.Rollback()
	has := map[string]bool{}
	rows, err := src.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		return nil, fmt.Errorf("cannot list the tables of %s: %w", s.dir, err)
	}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return nil, err
		}
		has[t] = true
	}
	rows.Close()
	if has["jobs"] {
		if err := dst.ensureJobs(ctx); err != nil {
			return nil, err
		}
	}
	conn, err := dst.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("cannot reach %s: %w", RedactDSN(dst.Location()), err)
	}
	defer conn.Close()
	stats := CopyStats{}
	err = conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		ptx, err := pc.Begin(ctx)
		if err != nil {
			return err
		}
		defer ptx.Rollback(ctx)
		if _, err := ptx.Exec(ctx, `SELECT pg_advisory_xact_lock(`+writeLockID+`)`); err != nil {
			return err
		}
		for _, table := range copyTables {
			if !has[table] {
				continue
			}
			n, err := s.copyTable(ctx, src, ptx, table)
			if err != nil {
				return fmt.Errorf("table %s: %w", table, err)
			}
			stats[table] = n
		}
		for _, table := range identityTables {
			if !has[table] {
				continue
			}
			if _, err := ptx.Exec(ctx, `SELECT setval(pg_get_serial_sequence('`+table+`', 'id'), coalesce(max(id), 0) + 1, false) FROM `+table); err != nil {
				return fmt.Errorf("cannot move the ids of %s on: %w", table, err)
			}
		}
		return ptx.Commit(ctx)
	})
	if err != nil {
		return nil, fmt.Errorf("cannot copy %s into %s: %w", s.dir, RedactDSN(dst.Location()), err)
	}
	return stats, nil
}

// copyTable copies one table's rows, by column name.
func (s *Store) copyTable(ctx context.Context, src *sqlTx, dst pgx.Tx, table string) (int64, error) {
	rows, err := src.QueryContext(ctx, `SELECT * FROM `+table)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	// Paths relative to the embedded store (paths.go) become absolute.
	relCol := -1
	anchorCol := -1
	for i, c := range cols {
		if (table == "paths" && c == "path") || (table == "files" && c == "first_path") {
			relCol = i
		}
		if table == "paths" && c == "anchor" {
			anchorCol = i
		}
	}
	src2 := &rowSource{rows: rows, n: len(cols), fix: func(v []any) {
		if relCol < 0 {
			return
		}
		p, ok := v[relCol].(string)
		if !ok || filepath.IsAbs(p) || p == "" {
			return
		}
		if anchorCol >= 0 {
			if a, _ := v[anchorCol].(string); a == AnchorUnknown {
				return // relative to a directory nobody knows: kept so
			}
		}
		v[relCol] = filepath.Join(s.root, p)
	}}
	n, err := dst.CopyFrom(ctx, pgx.Identifier{table}, cols, src2)
	if err != nil {
		return n, err
	}
	return n, rows.Err()
}

// rowSource feeds database/sql rows to pgx's COPY.
type rowSource struct {
	rows *sql.Rows
	n    int
	vals []any
	err  error
	fix  func([]any)
}

func (r *rowSource) Next() bool {
	if !r.rows.Next() {
		return false
	}
	r.vals = make([]any, r.n)
	ptrs := make([]any, r.n)
	for i := range r.vals {
		ptrs[i] = &r.vals[i]
	}
	if r.err = r.rows.Scan(ptrs...); r.err != nil {
		return false
	}
	for i, v := range r.vals {
		if b, ok := v.([]byte); ok {
			// SQLite gives some text as bytes; the columns are text.
			r.vals[i] = strings.ToValidUTF8(string(b), "\uFFFD")
		}
	}
	r.fix(r.vals)
	return true
}

func (r *rowSource) Values() ([]any, error) { return r.vals, r.err }
func (r *rowSource) Err() error             { return r.err }
