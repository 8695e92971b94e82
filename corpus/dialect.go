package corpus

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"
)

// The store runs on two engines with one code path: SQLite (the embedded
// default, DIR/corpus.db) and PostgreSQL (a postgres:// store, through
// pgx's database/sql adapter). The statements are written once, in SQLite's
// spelling; the dialect turns each into PostgreSQL's the first time it is
// run and keeps the result (a map keyed by the statement's text), so a
// statement is rewritten once per process, and on SQLite not at all:
//
//   - `?` placeholders become `$1`, `$2`, … (outside quoted strings);
//   - `INSERT OR IGNORE INTO …` becomes `INSERT INTO … ON CONFLICT DO NOTHING`;
//   - in the schema's DDL (pgDDL): INTEGER is BIGINT (SQLite's integers are
//     64-bit), `INTEGER PRIMARY KEY` an identity column, REAL double
//     precision, TEXT `TEXT COLLATE "C"` (SQLite compares text by its bytes;
//     the C collation orders UTF-8 the same way, so ORDER BY agrees), and
//     WITHOUT ROWID goes.
//
// What differs beyond spelling is written per engine where it is used: the
// schema version (PRAGMA user_version / the table schema_version), the
// integrity checks (verify.go), JSON field access (jsonText), the errors of
// a unique constraint (isUnique), and the write lock (begin): SQLite takes
// the database's write lock at BEGIN (_txlock=immediate); on PostgreSQL a
// write transaction takes one transaction-scoped advisory lock first, so
// writers run one at a time in both and the change log's numbers are given
// and committed in one order (changes.go).
type dialect struct {
	pg    bool
	cache sync.Map // SQLite statement → PostgreSQL statement
}

// q is query in this engine's spelling.
func (d *dialect) q(query string) string {
	if !d.pg {
		return query
	}
	if v, ok := d.cache.Load(query); ok {
		return v.(string)
	}
	r := pgRewrite(query)
	d.cache.Store(query, r)
	return r
}

// jsonText is the SQL expression of the text of field name of the JSON
// document in column col.
func (d *dialect) jsonText(col, name string) string {
	if d.pg {
		return "(" + col + "::jsonb ->> '" + name + "')"
	}
	return "json_extract(" + col + ", '$." + name + "')"
}

// pgRewrite turns one SQLite statement (or several, separated by
// semicolons) into PostgreSQL's spelling: placeholders numbered, INSERT OR
// IGNORE as ON CONFLICT DO NOTHING at the end of its statement.
func pgRewrite(query string) string {
	// SQLite's CROSS JOIN … ON keeps the joins in the order written (a plan
	// chosen without statistics); PostgreSQL spells it JOIN.
	query = strings.ReplaceAll(query, "CROSS JOIN", "JOIN")
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	ignore := false // inside an INSERT OR IGNORE statement
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'' || c == '"':
			// A quoted string or name, copied whole ('' and "" escape).
			j := i + 1
			for j < len(query) {
				if query[j] == c {
					if j+1 < len(query) && query[j+1] == c {
						j += 2
						continue
					}
					break
				}
				j++
			}
			if j >= len(query) {
				j = len(query) - 1
			}
			b.WriteString(query[i : j+1])
			i = j
		case c == '?':
			// ?NNN is parameter NNN, a bare ? the one after the highest
			// so far (SQLite's numbering).
			j := i + 1
			for j < len(query) && query[j] >= '0' && query[j] <= '9' {
				j++
			}
			if j > i+1 {
				k, _ := strconv.Atoi(query[i+1 : j])
				n = max(n, k)
				b.WriteByte('$')
				b.WriteString(query[i+1 : j])
				i = j - 1
				continue
			}
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		case c == ';':
			if ignore {
				b.WriteString(" ON CONFLICT DO NOTHING")
				ignore = false
			}
			b.WriteByte(c)
		case (c == 'I' || c == 'i') && hasWordFold(query, i, "INSERT OR IGNORE INTO"):
			b.WriteString("INSERT INTO")
			i += len("INSERT OR IGNORE INTO") - 1
			ignore = true
		default:
			b.WriteByte(c)
		}
	}
	if ignore {
		b.WriteString(" ON CONFLICT DO NOTHING")
	}
	return b.String()
}

// hasWordFold reports whether s holds word (case-insensitive, single spaces
// standing for any run of white space) at i, not inside a longer name.
func hasWordFold(s string, i int, word string) bool {
	if i > 0 && isNameByte(s[i-1]) {
		return false
	}
	j := i
	for k := 0; k < len(word); k++ {
		if word[k] == ' ' {
			if j >= len(s) || !isSpace(s[j]) {
				return false
			}
			for j < len(s) && isSpace(s[j]) {
				j++
			}
			continue
		}
		if j >= len(s) || lowerByte(s[j]) != lowerByte(word[k]) {
			return false
		}
		j++
	}
	return j == len(s) || !isNameByte(s[j])
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
func isNameByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

var (
	ddlIntegerKey = regexp.MustCompile(`\bINTEGER PRIMARY KEY\b`)
	ddlInteger    = regexp.MustCompile(`\bINTEGER\b`)
	ddlReal       = regexp.MustCompile(`\bREAL\b`)
	ddlText       = regexp.MustCompile(`\bTEXT\b`)
	ddlRowid      = regexp.MustCompile(`\)\s*WITHOUT ROWID`)
)

// pgDDL is a migration of the schema (SQLite DDL, its types in upper case,
// as schema.go writes them) in PostgreSQL's types.
func pgDDL(ddl string) string {
	ddl = ddlRowid.ReplaceAllString(ddl, ")")
	ddl = ddlIntegerKey.ReplaceAllString(ddl, "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
	ddl = ddlInteger.ReplaceAllString(ddl, "BIGINT")
	ddl = ddlReal.ReplaceAllString(ddl, "DOUBLE PRECISION")
	ddl = ddlText.ReplaceAllString(ddl, `TEXT COLLATE "C"`)
	return pgRewrite(ddl)
}

// isUnique reports whether err is a unique constraint's refusal.
func isUnique(err error) bool {
	if errors.Is(err, errDuplicate) {
		return true
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.ExtendedCode == sqlite3.ErrConstraintUnique
	}
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// db is the database handle: database/sql's, each statement in the
// engine's spelling.
type db struct {
	*sql.DB
	d *dialect
}

func (x *db) Exec(q string, args ...any) (sql.Result, error) { return x.DB.Exec(x.d.q(q), args...) }
func (x *db) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return x.DB.ExecContext(ctx, x.d.q(q), args...)
}
func (x *db) Query(q string, args ...any) (*sql.Rows, error) { return x.DB.Query(x.d.q(q), args...) }
func (x *db) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return x.DB.QueryContext(ctx, x.d.q(q), args...)
}
func (x *db) QueryRow(q string, args ...any) *sql.Row { return x.DB.QueryRow(x.d.q(q), args...) }
func (x *db) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return x.DB.QueryRowContext(ctx, x.d.q(q), args...)
}
func (x *db) Prepare(q string) (*sql.Stmt, error) { return x.DB.Prepare(x.d.q(q)) }
func (x *db) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	return x.DB.PrepareContext(ctx, x.d.q(q))
}
func (x *db) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sqlTx, error) {
	t, err := x.DB.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	return &sqlTx{Tx: t, d: x.d}, nil
}

// sqlTx is a transaction whose statements are in the engine's spelling.
type sqlTx struct {
	*sql.Tx
	d *dialect
}

func (x *sqlTx) Exec(q string, args ...any) (sql.Result, error) { return x.Tx.Exec(x.d.q(q), args...) }
func (x *sqlTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return x.Tx.ExecContext(ctx, x.d.q(q), args...)
}
func (x *sqlTx) Query(q string, args ...any) (*sql.Rows, error) { return x.Tx.Query(x.d.q(q), args...) }
func (x *sqlTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return x.Tx.QueryContext(ctx, x.d.q(q), args...)
}
func (x *sqlTx) QueryRow(q string, args ...any) *sql.Row { return x.Tx.QueryRow(x.d.q(q), args...) }
func (x *sqlTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return x.Tx.QueryRowContext(ctx, x.d.q(q), args...)
}
func (x *sqlTx) Prepare(q string) (*sql.Stmt, error) { return x.Tx.Prepare(x.d.q(q)) }
func (x *sqlTx) PrepareContext(ctx context.Context, q string) (*sql.Stmt, error) {
	return x.Tx.PrepareContext(ctx, x.d.q(q))
}

// errDuplicate is an insert that a unique constraint refused (insertID).
var errDuplicate = errors.New("the row exists")

// insertID runs an INSERT (without its conflict clause) and gives the id
// of the new row, or errDuplicate when a unique constraint refused it. On
// PostgreSQL the refusal is ON CONFLICT DO NOTHING rather than an error (an
// error would abort the whole transaction) and RETURNING id stands for
// LastInsertId, which pgx does not give; SQLite keeps the plain INSERT,
// 10 % faster in BenchmarkPut than RETURNING through QueryRow.
func (t *tx) insertID(q string, args ...any) (int64, error) {
	if !t.d.pg {
		r, err := t.Exec(q, args...)
		if err != nil {
			if isUnique(err) {
				return 0, errDuplicate
			}
			return 0, err
		}
		return r.LastInsertId()
	}
	var id int64
	err := t.QueryRow(q+` ON CONFLICT DO NOTHING RETURNING id`, args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, errDuplicate
	}
	return id, err
}
