package corpus

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // the PostgreSQL driver for database/sql ("pgx")
)

// A store on PostgreSQL is named by its address, postgres://… or
// postgresql://… (libpq's URL: user, password, host or socket directory,
// port, database, parameters such as sslmode). It holds the same schema as
// the SQLite store (schema.go, written for both: dialect.go) and is the
// truth the same way. What cannot live in a database stays in a local
// directory, LocalDir: the search index (bleve) and the socket and lock of
// the process that holds it. Paths are always recorded absolute: no
// directory holds the files the way an embedded store does.

// IndexDirVar names the environment variable that sets a PostgreSQL
// store's local directory.
const IndexDirVar = "VANBAN_INDEX"

// writeLockID is the advisory lock every write transaction of a PostgreSQL
// store takes (the digits of "vanban" in a phone's keypad, 826226).
const writeLockID = "826226"

// IsPostgres reports whether the store location loc is a PostgreSQL
// address rather than a directory.
func IsPostgres(loc string) bool {
	return strings.HasPrefix(loc, "postgres://") || strings.HasPrefix(loc, "postgresql://")
}

// LocalDir is the local directory of the store at loc: loc itself for a
// directory; for a PostgreSQL address, $VANBAN_INDEX when set, else a
// directory of the user's cache keyed by the address without its password
// (~/.cache/vanban/pg-<16 hex digits>), so that every command of one user
// on one machine finds the same index.
func LocalDir(loc string) string {
	if !IsPostgres(loc) {
		return loc
	}
	if d := os.Getenv(IndexDirVar); d != "" {
		return d
	}
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	sum := sha256.Sum256([]byte(RedactDSN(loc)))
	return filepath.Join(base, "vanban", "pg-"+hex.EncodeToString(sum[:8]))
}

// RedactDSN is a PostgreSQL address without its password (for messages
// and keys); anything else is returned as it is.
func RedactDSN(loc string) string {
	if !IsPostgres(loc) {
		return loc
	}
	u, err := url.Parse(loc)
	if err != nil {
		return "postgres://…"
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

func openPostgres(dsn string) (*Store, error) {
	dir := LocalDir(dsn)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the store's local directory %s: %w", dir, err)
	}
	pdb, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("cannot open the store %s: %w", RedactDSN(dsn), err)
	}
	pdb.SetMaxOpenConns(16)
	pdb.SetMaxIdleConns(4)
	if err := pdb.PingContext(context.Background()); err != nil {
		pdb.Close()
		return nil, fmt.Errorf("cannot reach the store %s: %w", RedactDSN(dsn), err)
	}
	s := &Store{db: &db{DB: pdb, d: &dialect{pg: true}}, dsn: dsn, dir: dir}
	if err := s.pgVersionTable(); err != nil {
		pdb.Close()
		return nil, err
	}
	if err := s.migrate(); err != nil {
		pdb.Close()
		return nil, err
	}
	return s, nil
}

// pgVersionTable makes the table that holds a PostgreSQL store's schema
// version (SQLite keeps it in PRAGMA user_version), under the write lock so
// that two first opens do not race.
func (s *Store) pgVersionTable() error {
	t, err := s.begin(context.Background())
	if err != nil {
		return err
	}
	defer t.Rollback()
	if _, err := t.Exec(`CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("cannot make the schema version table: %w", err)
	}
	if _, err := t.Exec(`INSERT INTO schema_version (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM schema_version)`); err != nil {
		return fmt.Errorf("cannot make the schema version table: %w", err)
	}
	return t.Commit()
}

// schemaVersion reads the schema version through queryRow (the database's
// or a transaction's).
func (s *Store) schemaVersion(queryRow func(string, ...any) *sql.Row) (int, error) {
	var v int
	q := "PRAGMA user_version"
	if s.db.d.pg {
		q = "SELECT version FROM schema_version"
	}
	err := queryRow(q).Scan(&v)
	return v, err
}

func (s *Store) setSchemaVersion(t *tx, v int) error {
	if s.db.d.pg {
		_, err := t.Exec(`UPDATE schema_version SET version = ?`, v)
		return err
	}
	_, err := t.Exec(fmt.Sprintf("PRAGMA user_version = %d", v))
	return err
}
