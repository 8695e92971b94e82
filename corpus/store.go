// Package corpus knows identity and the graph: canonical keys, jurisdiction,
// stubs for documents cited but not yet loaded, edges, ingest runs,
// provenance and fixity. Its SQLite database is the truth; the search index
// is rebuilt from it. The schema is explained in schema.go.
package corpus

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/mattn/go-sqlite3" // the SQLite driver (cgo)

	"vanban/rules"
)

// Jurisdiction slugs that are not provinces.
const (
	JurisNational = "vn"      // central bodies: TW, TTg, CP, QH…
	JurisUnknown  = "unknown" // a local issuer whose place the text does not give
)

// Document states.
const (
	StateDocument  = "document"  // ingested from a file
	StateStub      = "stub"      // known only by citation
	StateAmbiguous = "ambiguous" // a yearless citation that fits several documents
)

// DBName is the database file inside the store directory.
const DBName = "corpus.db"

// Store is an open corpus.
type Store struct {
	db   *db
	dsn  string // the PostgreSQL store's address ("" for SQLite)
	dir  string
	root string // dir, absolute with its symbolic links resolved (paths.go)

	jobsReady atomic.Bool // the jobs table exists (jobs.go)
}

// DefaultDir is where the store lives when neither --store nor $VANBAN_STORE
// says otherwise.
const DefaultDir = "vanban-data"

// dsnParams are libraries.md §5: WAL for concurrent readers, immediate transactions
// so that two writers wait for each other instead of failing on a lock
// upgrade, foreign keys on (they are per connection), and the driver's cache
// of prepared statements (64 per connection): storing a document runs some
// thirty statements, whose preparation was a fifth of ingest's CPU time;
// and a page cache of 16 MiB per connection (SQLite's default is 2 MiB): the
// writer's reads of the tables' indexes hit it instead of the kernel (at
// 30 000 documents, system time 53 → 46 s).
const dsnParams = "?_journal_mode=WAL&_busy_timeout=5000&_foreign_keys=on&_synchronous=NORMAL&_txlock=immediate&_stmt_cache_size=64&_cache_size=-16384"

// walCheckpointPages is when SQLite copies its write-ahead log back into the
// database (PRAGMA wal_autocheckpoint, in pages of 4 KiB; SQLite's default
// is 1 000). A group commit of a bulk ingest touches more pages than that,
// so by default every commit was followed by a checkpoint that wrote each
// of its pages a second time; with a log of up to 64 MiB, a page that
// several commits touch (the random inserts into the indexes of mentions,
// edges, names and files) goes back into the database once per checkpoint.
// 100 000 generated documents: 25.3 GB written by the process → 22.2 GB, no
// change in memory (go run ./corpus/internal/ingestbench -n 100000). With
// groups of 5 s, a log of 256 MiB wrote 8 % less again (17.3 → 15.9 GB).
const walCheckpointPages = 16384

// driverName is the SQLite driver with the store's per-connection settings
// that the DSN cannot carry (walCheckpointPages).
const driverName = "sqlite3_vanban"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec(fmt.Sprintf("PRAGMA wal_autocheckpoint = %d", walCheckpointPages), nil)
		return err
	}})
}

// Open opens (creating it if needed) the store at loc and brings its schema
// up to date: a directory (the embedded SQLite store, DIR/corpus.db), or a
// PostgreSQL address, postgres://… (postgres.go), whose local directory
// (the search index, the socket of a server) is LocalDir(loc).
func Open(loc string) (*Store, error) {
	if IsPostgres(loc) {
		return openPostgres(loc)
	}
	dir := loc
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the store directory: %w", err)
	}
	sdb, err := sql.Open(driverName, filepath.Join(dir, DBName)+dsnParams)
	if err != nil {
		return nil, fmt.Errorf("cannot open the store: %w", err)
	}
	// Connections are kept for the next query: database/sql keeps 2 by
	// default, so a server answering 20 people at once opened and closed
	// connections all the time, each new one with the schema to read and
	// an empty page cache (the document page's p99 was 4× its p50).
	sdb.SetMaxIdleConns(32)
	s := &Store{db: &db{DB: sdb, d: &dialect{}}, dir: dir, root: Canon(dir)}
	// Two processes opening a new store at once: the first connection turns
	// the database to WAL, which takes an exclusive lock that SQLite may
	// refuse at once ("database is locked") instead of waiting for it. The
	// first connection and the migrations run under a lock file, so the
	// second process waits for the first one's to be done.
	unlock, err := lockOpen(filepath.Join(dir, DBName+".open"))
	if err != nil {
		sdb.Close()
		return nil, err
	}
	err = s.migrate()
	unlock()
	if err != nil {
		sdb.Close()
		return nil, err
	}
	return s, nil
}

// lockOpen takes an exclusive flock of path (created if needed), waiting at
// most a minute for it; the returned function releases it.
func lockOpen(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		// A store on a read-only medium: no other process writes it.
		return func() {}, nil
	}
	deadline := time.Now().Add(time.Minute)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { syscall.Flock(int(f.Fd()), syscall.LOCK_UN); f.Close() }, nil
		}
		if err != syscall.EWOULDBLOCK || time.Now().After(deadline) {
			f.Close()
			return nil, fmt.Errorf("cannot lock the store to open it (%s): %w", path, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Dir is the store's local directory: the store itself for SQLite, where
// its search index and a server's socket live for PostgreSQL (LocalDir).
func (s *Store) Dir() string { return s.dir }

// Location is what the store was opened with: its directory, or the
// PostgreSQL address.
func (s *Store) Location() string {
	if s.dsn != "" {
		return s.dsn
	}
	return s.dir
}

// Postgres reports whether the store is on PostgreSQL.
func (s *Store) Postgres() bool { return s.db.d.pg }

// DB gives the database handle to tools of this module (benchmarks, the
// generator) that write straight into it; its statements are the engine's
// own (no rewriting).
func (s *Store) DB() *sql.DB { return s.db.DB }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

func (s *Store) migrate() error {
	v, err := s.schemaVersion(s.db.QueryRow)
	if err != nil {
		return fmt.Errorf("cannot read the schema version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("the store has schema version %d, newer than this program (%d)", v, len(migrations))
	}
	for ; v < len(migrations); v++ {
		if err := s.migrateTo(v + 1); err != nil {
			return fmt.Errorf("cannot migrate the store to version %d: %w", v+1, err)
		}
	}
	return nil
}

// migrateTo runs migration v (its SQL, then its fix-up of the data) in one
// transaction.
func (s *Store) migrateTo(v int) error {
	t, err := s.begin(context.Background())
	if err != nil {
		return err
	}
	defer t.Rollback()
	// Another process may have migrated the store since the version was
	// read (two ingests starting on a new store): the write lock is held
	// now, so the version read again is the truth.
	cur, err := s.schemaVersion(t.QueryRow)
	if err != nil {
		return err
	}
	if cur >= v {
		return nil
	}
	ddl := migrations[v-1]
	if s.db.d.pg {
		ddl = pgDDL(ddl)
	}
	if _, err := t.Exec(ddl); err != nil {
		return err
	}
	if fix := fixups[v]; fix != nil {
		if err := fix(t); err != nil {
			return err
		}
		if err := t.finish(); err != nil {
			return err
		}
	}
	if err := s.setSchemaVersion(t, v); err != nil {
		return err
	}
	return t.Commit()
}

// FileStat is what ingest knows of a file before reading it.
type FileStat struct {
	Path    string
	Size    int64
	ModTime int64 // nanoseconds since the epoch
	SHA256  string
	canon   bool // Path is already Canon's spelling
}

// identity is the canonical key of a document and its parts.
type identity struct {
	key, symbolFold, juris string
	year                   int
	place                  rules.Place // of a local issuer
}

// Identify computes the canonical key of a record: SYMBOL:YEAR:JURIS, where
// JURIS is "vn" for a national issuer code and the slug of the issuer's full
// place for a local one: its province, district and commune as far as the
// record gives them ("58-KH/HU:2022:binh-dinh/tay-son"). Numbers restart every year (ND 30/2020) or every
// Party term (HD 36 §1.3), so the year is part of the key: 25-NQ/TW of 2008
// and of 2013 are two documents. A document without a symbol is keyed by its
// content hash.
func Identify(d *rules.Document) string { return identify(d).key }

func identify(d *rules.Document) identity {
	sym := strings.TrimSpace(string(d.Symbol))
	id := identity{year: docYear(d)}
	scope := ""
	if sym != "" {
		scope = SymbolScope(sym)
	}
	switch {
	case scope == ScopeNational:
		id.juris = JurisNational
	case d.Province != "":
		// The full place of the issuer: "binh-dinh/tay-son/binh-thanh".
		id.place = rules.Place{Province: string(d.Province), District: string(d.District), Commune: string(d.Commune)}
		id.juris = id.place.Slug()
	default:
		id.juris = JurisUnknown
	}
	if id.juris == "" {
		id.juris = JurisUnknown
	}
	if sym == "" {
		h := d.Source.SHA256
		if len(h) > 12 {
			h = h[:12]
		}
		id.key = "sha:" + h
		return id
	}
	id.symbolFold = FoldSymbol(sym)
	id.key = makeKey(sym, id.year, id.juris)
	return id
}

func makeKey(sym string, year int, juris string) string {
	y := ""
	if year > 0 {
		y = strconv.Itoa(year)
	}
	return sym + ":" + y + ":" + juris
}

// docYear is the year of issue: the year a symbol carries
// ("34/2007/PL-UBTVQH11"), else the date's, else 0.
//
// The year inside the symbol wins over a date that contradicts it: a title
// that quotes the date of a document it cites must not give its year to
// this one ("154/2026/NĐ-CP" is of 2026).
func docYear(d *rules.Document) int {
	if p, ok := SplitSymbol(string(d.Symbol)); ok && p.Year > 0 {
		return p.Year
	}
	return dateYear(string(d.Date))
}

func dateYear(date string) int {
	if len(date) >= 4 {
		if y, err := strconv.Atoi(date[:4]); err == nil && y > 1900 {
			return y
		}
	}
	return 0
}

// PutResult says what Put did.
type PutResult struct {
	Key     string
	Changed bool // the path held other content before
	// Another is true when the document was already stored from another
	// file (another rendition: a PDF and a DOCX, two web copies): the file
	// joined that document, whose key is Joined.
	Another bool
	Joined  string
	// MovedFrom are the paths of the same content whose file is gone: the
	// file was moved (their rows went).
	MovedFrom []string
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }

// tx is one write transaction with the bookkeeping of what it touched.
type tx struct {
	*sqlTx
	store     *Store
	ctx       context.Context
	dirtySrc  map[int64]bool    // citing documents whose edges must be rebuilt
	maybeGone map[int64]bool    // stubs that may have lost their last citation
	newStubs  []stubIdentity    // dated stubs created, whose yearless citations are resolved again
	seq       int64             // this transaction's number in the change log (0: none yet; changes.go)
	memo      map[string][]cand // resolve's answers during a re-resolution (candidates)
}

func (s *Store) begin(ctx context.Context) (*tx, error) {
	t, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("cannot begin a transaction: %w", err)
	}
	if s.db.d.pg {
		// One writer at a time, as SQLite's BEGIN IMMEDIATE (dialect.go).
		if _, err := t.ExecContext(ctx, `SELECT pg_advisory_xact_lock(`+writeLockID+`)`); err != nil {
			t.Rollback()
			return nil, fmt.Errorf("cannot take the store's write lock: %w", err)
		}
	}
	return &tx{sqlTx: t, store: s, ctx: ctx, dirtySrc: map[int64]bool{}, maybeGone: map[int64]bool{}}, nil
}

// Put stores one parsed document made from the file st, in one transaction:
// its row (turning a stub of the same identity into it), its text, its
// outgoing references resolved to documents or stubs (replacing the ones of
// an earlier version, and nothing else), then re-resolves every citation of
// its symbol elsewhere, so that stubs become it and their edges follow.
func (s *Store) Put(ctx context.Context, d rules.Document, st FileStat, runID int64) (PutResult, error) {
	t, err := s.begin(ctx)
	if err != nil {
		return PutResult{}, err
	}
	defer t.Rollback()
	res, err := t.putFile(d, st, runID)
	if err != nil {
		return PutResult{}, err
	}
	defer StagesOf(ctx).Since(StageCommit, time.Now())
	if err := t.Commit(); err != nil {
		return PutResult{}, fmt.Errorf("cannot store %s: %w", st.Path, err)
	}
	return res, nil
}

// putFile is Put inside a transaction of the caller's.
func (t *tx) putFile(d rules.Document, st FileStat, runID int64) (PutResult, error) {
	typed := st.Path
	st.Path = t.store.storedPath(st)
	res, err := t.put(d, st, runID)
	if err != nil {
		return PutResult{}, fmt.Errorf("cannot store %s: %w", typed, err)
	}
	return res, nil
}

func (t *tx) put(d rules.Document, st FileStat, runID int64) (PutResult, error) {
	if d.Source.SHA256 == "" {
		d.Source.SHA256 = st.SHA256
	}
	id := identify(&d)
	d.ID = id.key
	text := d.Text
	d.Text = ""
	rec, err := json.Marshal(d)
	if err != nil {
		return PutResult{}, fmt.Errorf("cannot encode the record: %w", err)
	}

	lap := StagesOf(t.ctx).Lap()
	defer lap(StageStore)
	m, err := t.match(id, &d, st)
	if err != nil {
		return PutResult{}, err
	}
	lap(StageMatch)
	rowID, oldKey := m.row, m.key
	switch {
	case m.joined:
		// Another rendition of a stored document: its file is recorded
		// below; the record, text and references stay those of the
		// document (no record is overwritten by another file's).
		id.key = oldKey
		d.ID = oldKey
	case rowID == 0:
		if m.shared {
			// Another document holds the identity: a key of its own.
			if id.key, err = t.freeKey(id.key, 0, string(d.Date), st.SHA256); err != nil {
				return PutResult{}, err
			}
			d.ID = id.key
			if rec, err = json.Marshal(d); err != nil {
				return PutResult{}, fmt.Errorf("cannot encode the record: %w", err)
			}
		}
		insert := func() (int64, error) {
			return t.insertID(`INSERT INTO documents (key, state, symbol_fold, year, juris, type, type_fold, symbol, number,
			date, issuer, province, district, commune, subject, record, version, indexed) VALUES (?, 'document', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0)`,
				id.key, nullStr(id.symbolFold), id.year, id.juris, nullStr(string(d.Type)), nullStr(Fold(string(d.Type))),
				nullStr(string(d.Symbol)), nullStr(numberOf(string(d.Number), string(d.Symbol))), nullStr(string(d.Date)),
				nullStr(string(d.Issuer)), nullStr(string(d.Province)), nullStr(string(d.District)), nullStr(string(d.Commune)),
				nullStr(string(d.Subject)), string(rec))
		}
		rowID, err = insert()
		if err != nil && isUnique(err) {
			if id.key, err = t.freeKey(id.key, 0, string(d.Date), st.SHA256); err != nil {
				return PutResult{}, err
			}
			d.ID = id.key
			if rec, err = json.Marshal(d); err != nil {
				return PutResult{}, fmt.Errorf("cannot encode the record: %w", err)
			}
			rowID, err = insert()
		}
		if err != nil {
			return PutResult{}, fmt.Errorf("cannot insert the document: %w", err)
		}
	default:
		if oldKey != id.key {
			if id.key, err = t.freeKey(id.key, rowID, string(d.Date), st.SHA256); err != nil {
				return PutResult{}, err
			}
			d.ID = id.key
			if rec, err = json.Marshal(d); err != nil {
				return PutResult{}, fmt.Errorf("cannot encode the record: %w", err)
			}
		}
		if oldKey != id.key {
			if err := t.changed(oldKey); err != nil {
				return PutResult{}, err
			}
			// The old id stays a name of the document (contract: "the old
			// id stays an alias").
			if _, err := t.Exec(`INSERT INTO aliases (key, document_id) VALUES (?, ?)
				ON CONFLICT (key) DO UPDATE SET document_id = excluded.document_id`, oldKey, rowID); err != nil {
				return PutResult{}, fmt.Errorf("cannot keep the old id: %w", err)
			}
		}
		_, err = t.Exec(`UPDATE documents SET key = ?, state = 'document', symbol_fold = ?, year = ?, juris = ?, type = ?, type_fold = ?, symbol = ?, number = ?,
			date = ?, issuer = ?, province = ?, district = ?, commune = ?, subject = ?, record = ?, version = version + 1, indexed = 0 WHERE id = ?`,
			id.key, nullStr(id.symbolFold), id.year, id.juris, nullStr(string(d.Type)), nullStr(Fold(string(d.Type))), nullStr(string(d.Symbol)),
			nullStr(numberOf(string(d.Number), string(d.Symbol))), nullStr(string(d.Date)), nullStr(string(d.Issuer)),
			nullStr(string(d.Province)), nullStr(string(d.District)), nullStr(string(d.Commune)), nullStr(string(d.Subject)), string(rec), rowID)
		if err != nil {
			return PutResult{}, fmt.Errorf("cannot update the document: %w", err)
		}
	}
	if err := t.changed(id.key); err != nil {
		return PutResult{}, err
	}
	if !m.joined {
		if _, err := t.Exec(`INSERT INTO texts (document_id, text) VALUES (?, ?)
		ON CONFLICT (document_id) DO UPDATE SET text = excluded.text`, rowID, text); err != nil {
			return PutResult{}, fmt.Errorf("cannot store the text: %w", err)
		}
		lap(StageStore)
		if err := t.replaceReferences(rowID, id, &d, text); err != nil {
			return PutResult{}, err
		}
		lap(StageResolve)
		if err := t.putNames(rowID, id, &d, m.row != 0); err != nil {
			return PutResult{}, fmt.Errorf("cannot record the names of the document: %w", err)
		}
		lap(StageStore)
		if id.symbolFold != "" {
			if err := t.reresolve(id.symbolFold, id.year, id.juris); err != nil {
				return PutResult{}, err
			}
			if m.oldFold != "" && (m.oldFold != id.symbolFold || m.oldYear != id.year || m.oldJuris != id.juris) {
				// The row had another identity: what cited that one is
				// resolved again.
				if err := t.reresolve(m.oldFold, m.oldYear, m.oldJuris); err != nil {
					return PutResult{}, err
				}
			}
		}
	}

	if !m.joined {
		lap(StageResolve)
	}
	// Provenance: the content and where it was seen. When this content made
	// another document before (re-parsed with a better parser, its identity
	// changed), that document goes unless another file still shows it.
	prevDoc := m.prevDoc
	ocr, _ := json.Marshal(d.Source.OCRPages)
	if _, err := t.Exec(`INSERT INTO files (sha256, document_id, size, format, extractor, encoding, pages, ocr_pages,
		ocr_confidence, first_path, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (sha256) DO UPDATE SET document_id = excluded.document_id`,
		st.SHA256, rowID, st.Size, nullStr(d.Source.Format), nullStr(d.Source.Extractor), nullStr(d.Source.Encoding),
		d.Source.Pages, string(ocr), d.Source.OCRConfidence, st.Path, now()); err != nil {
		return PutResult{}, fmt.Errorf("cannot record the file: %w", err)
	}
	if prevDoc != 0 && prevDoc != rowID {
		var files int
		if err := t.QueryRow(`SELECT count(*) FROM files WHERE document_id = ?`, prevDoc).Scan(&files); err != nil {
			return PutResult{}, fmt.Errorf("cannot count the files of the old document: %w", err)
		}
		if files == 0 {
			if err := t.retireDoc(prevDoc); err != nil {
				return PutResult{}, err
			}
		}
	}
	movedFrom, err := t.takeOverMoved(st.Path, st.SHA256)
	if err != nil {
		return PutResult{}, err
	}
	changed, err := t.seePath(st, rowID)
	if err != nil {
		return PutResult{}, err
	}
	kind := "ingested"
	if changed {
		kind = "changed"
	}
	if err := t.event(runID, st, kind, rowID, "", ""); err != nil {
		return PutResult{}, err
	}
	if d.Source.OCR {
		if err := t.event(runID, st, "ocr", rowID, "", fmt.Sprintf("OCR pages %v, mean confidence %.0f", d.Source.OCRPages, d.Source.OCRConfidence)); err != nil {
			return PutResult{}, err
		}
	}
	lap(StageStore)
	if err := t.finish(); err != nil {
		return PutResult{}, err
	}
	lap(StageResolve)
	res := PutResult{Key: id.key, Changed: changed, Another: m.joined, MovedFrom: movedFrom}
	if m.joined {
		res.Joined = oldKey
	}
	return res, nil
}

// numberOf is the number of a document: the parser's, else the leading digits
// of the symbol.
func numberOf(number, symbol string) string {
	if number != "" {
		return strings.TrimLeft(number, "0")
	}
	if p, ok := SplitSymbol(symbol); ok {
		return strings.TrimLeft(p.Number, "0")
	}
	return ""
}

// seePath records that path now holds content st.SHA256 (st.Path is the
// recorded spelling, StoredPath). When it held other
// content before, that content's document is retired if no other path still
// shows it. changed reports the replacement.
func (t *tx) seePath(st FileStat, docID int64) (changed bool, err error) {
	var prev string
	err = t.QueryRow(`SELECT sha256 FROM paths WHERE path = ?`, st.Path).Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("cannot look the path up: %w", err)
	}
	if _, err := t.Exec(`INSERT INTO paths (path, sha256, size, mtime_ns, seen_at, anchor) VALUES (?, ?, ?, ?, ?, '')
		ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, mtime_ns = excluded.mtime_ns,
		seen_at = excluded.seen_at, anchor = ''`, st.Path, st.SHA256, st.Size, st.ModTime, now()); err != nil {
		return false, fmt.Errorf("cannot record the path: %w", err)
	}
	if prev == "" || prev == st.SHA256 {
		return false, nil
	}
	return true, t.retireContent(prev, docID)
}

// retireContent handles content that a path no longer shows. Its document
// stays while another path shows one of its files; otherwise it is removed,
// or, when other documents cite it, turned back into a stub.
func (t *tx) retireContent(sha string, keep int64) error {
	var doc int64
	err := t.QueryRow(`SELECT document_id FROM files WHERE sha256 = ?`, sha).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) || doc == keep {
		return nil
	}
	if err != nil {
		return fmt.Errorf("cannot look the old content up: %w", err)
	}
	var shown int
	if err := t.QueryRow(`SELECT count(*) FROM paths p JOIN files f ON f.sha256 = p.sha256 WHERE f.document_id = ?`,
		doc).Scan(&shown); err != nil {
		return fmt.Errorf("cannot count the paths of the old content: %w", err)
	}
	if shown > 0 {
		return nil
	}
	return t.retireDoc(doc)
}

// retireDoc removes a document that no file shows any more or, when other
// documents cite it, turns it back into a stub; then the citations it
// answered are resolved again.
func (t *tx) retireDoc(doc int64) error {
	var key, fold, juris string
	var year int
	var cited bool
	if err := t.QueryRow(`SELECT key, coalesce(symbol_fold, ''), year, juris, EXISTS (SELECT 1 FROM mentions WHERE dst = documents.id)
		FROM documents WHERE id = ?`, doc).Scan(&key, &fold, &year, &juris, &cited); err != nil {
		return fmt.Errorf("cannot read the old document: %w", err)
	}
	if err := t.changed(key); err != nil {
		return err
	}
	if err := t.dropOutgoing(doc); err != nil {
		return err
	}
	if !cited {
		if _, err := t.Exec(`DELETE FROM documents WHERE id = ?`, doc); err != nil {
			return fmt.Errorf("cannot remove the old document: %w", err)
		}
	} else {
		for _, q := range []string{`DELETE FROM files WHERE document_id = ?`, `DELETE FROM texts WHERE document_id = ?`,
			`DELETE FROM names WHERE document_id = ?`,
			`UPDATE documents SET state = 'stub', record = NULL, version = version + 1, indexed = 1 WHERE id = ?`} {
			if _, err := t.Exec(q, doc); err != nil {
				return fmt.Errorf("cannot turn the old document into a stub: %w", err)
			}
		}
	}
	if fold != "" {
		return t.reresolve(fold, year, juris)
	}
	return nil
}

// dropOutgoing deletes a document's references, edges and claims, noting the
// stubs they pointed at.
func (t *tx) dropOutgoing(src int64) error {
	rows, err := t.Query(`SELECT dst FROM mentions WHERE src = ? AND dst IS NOT NULL`, src)
	if err != nil {
		return fmt.Errorf("cannot read the old references: %w", err)
	}
	for rows.Next() {
		var dst int64
		if err := rows.Scan(&dst); err != nil {
			rows.Close()
			return fmt.Errorf("cannot read the old references: %w", err)
		}
		t.maybeGone[dst] = true
	}
	rows.Close()
	for _, q := range []string{`DELETE FROM mentions WHERE src = ?`, `DELETE FROM edges WHERE src = ?`, `DELETE FROM claims WHERE src = ?`} {
		if _, err := t.Exec(q, src); err != nil {
			return fmt.Errorf("cannot drop the old references: %w", err)
		}
	}
	delete(t.dirtySrc, src)
	return nil
}

// finish rebuilds the edges of the citing documents touched and removes the
// stubs that nothing cites any more.
func (t *tx) finish() error {
	if err := t.resolveNewStubs(); err != nil {
		return err
	}
	for src := range t.dirtySrc {
		if _, err := t.Exec(`DELETE FROM edges WHERE src = ?`, src); err != nil {
			return fmt.Errorf("cannot rebuild edges: %w", err)
		}
		if _, err := t.Exec(`INSERT INTO edges (src, dst, relation, count)
			SELECT src, dst, relation, sum(count) FROM mentions WHERE src = ? AND dst IS NOT NULL GROUP BY src, dst, relation`, src); err != nil {
			return fmt.Errorf("cannot rebuild edges: %w", err)
		}
	}
	for id := range t.maybeGone {
		if _, err := t.Exec(`DELETE FROM documents WHERE id = ? AND state != 'document'
			AND NOT EXISTS (SELECT 1 FROM mentions WHERE dst = ?)`, id, id); err != nil {
			return fmt.Errorf("cannot remove an orphan stub: %w", err)
		}
	}
	t.dirtySrc = map[int64]bool{}
	t.maybeGone = map[int64]bool{}
	return nil
}

func (t *tx) event(runID int64, st FileStat, kind string, doc int64, errKind, msg string) error {
	var run, d any
	if runID > 0 {
		run = runID
	}
	if doc > 0 {
		d = doc
	}
	if _, err := t.Exec(`INSERT INTO events (run_id, at, path, sha256, kind, document_id, error_kind, message)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, run, now(), st.Path, nullStr(st.SHA256), kind, d, nullStr(errKind), nullStr(msg)); err != nil {
		return fmt.Errorf("cannot log the %s event: %w", kind, err)
	}
	return nil
}

// sentence is the citing sentence around the rune span [start, end): from
// the previous sentence end or line break to the next, at most 300 runes each
// side. Offsets are code points into the document text (contract).
func sentence(text []rune, start, end int) string {
	if start < 0 || end > len(text) || start >= end {
		return ""
	}
	a := start
	for a > 0 && start-a < 300 {
		r := text[a-1]
		if r == '\n' || r == '\f' || r == ';' || (r == '.' && a < len(text) && text[a] == ' ' && !abbrevBefore(text, a-1)) {
			break
		}
		a--
	}
	b := end
	for b < len(text) && b-end < 300 {
		r := text[b]
		if r == '\n' || r == '\f' || r == ';' || (r == '.' && (b+1 == len(text) || text[b+1] == ' ' || text[b+1] == '\n') && !abbrevBefore(text, b)) {
			if r == '.' || r == ';' {
				b++
			}
			break
		}
		b++
	}
	return strings.TrimSpace(string(text[a:b]))
}

// abbrevBefore reports whether the period at i ends an abbreviation such as
// "TP." or "Tp." rather than a sentence.
func abbrevBefore(text []rune, i int) bool {
	j := i
	for j > 0 && text[j-1] != ' ' && text[j-1] != '\n' && i-j < 4 {
		j--
	}
	w := string(text[j:i])
	return w == "TP" || w == "Tp" || w == "tp" || w == "TX" || w == "ThS" || w == "TS"
}

// LookupPath reports what the store knows of a path.
func (s *Store) LookupPath(ctx context.Context, path string) (sha string, size, mtime int64, ok bool, err error) {
	return s.lookupPath(ctx, FileStat{Path: path})
}

func (s *Store) lookupPath(ctx context.Context, st FileStat) (sha string, size, mtime int64, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT sha256, size, mtime_ns FROM paths WHERE path = ?`, s.storedPath(st)).Scan(&sha, &size, &mtime)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, 0, false, nil
	}
	if err != nil {
		return "", 0, 0, false, fmt.Errorf("cannot look the path up: %w", err)
	}
	return sha, size, mtime, true, nil
}

// LookupContent gives the key of the document made from content sha, if any.
func (s *Store) LookupContent(ctx context.Context, sha string) (key string, ok bool, err error) {
	return lookupContent(func(q string, args ...any) *sql.Row { return s.db.QueryRowContext(ctx, q, args...) }, sha)
}

func lookupContent(queryRow func(string, ...any) *sql.Row, sha string) (key string, ok bool, err error) {
	err = queryRow(`SELECT d.key FROM files f JOIN documents d ON d.id = f.document_id WHERE f.sha256 = ?`,
		sha).Scan(&key)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("cannot look the content up: %w", err)
	}
	return key, true, nil
}

// RecordDuplicate notes that st shows content already stored. The other
// paths of that content whose file is gone are the places it was moved
// from: their rows go (movedFrom lists them), and the file is a move, not a
// copy.
func (s *Store) RecordDuplicate(ctx context.Context, st FileStat, runID int64) (key string, movedFrom []string, err error) {
	t, err := s.begin(ctx)
	if err != nil {
		return "", nil, err
	}
	defer t.Rollback()
	if key, movedFrom, err = t.recordDuplicate(st, runID); err != nil {
		return "", nil, err
	}
	if err := t.Commit(); err != nil {
		return "", nil, fmt.Errorf("cannot record the duplicate %s: %w", st.Path, err)
	}
	return key, movedFrom, nil
}

func (t *tx) recordDuplicate(st FileStat, runID int64) (key string, movedFrom []string, err error) {
	typed := st.Path
	st.Path = t.store.storedPath(st)
	var doc int64
	if err := t.QueryRow(`SELECT f.document_id, d.key FROM files f JOIN documents d ON d.id = f.document_id WHERE f.sha256 = ?`,
		st.SHA256).Scan(&doc, &key); err != nil {
		return "", nil, fmt.Errorf("cannot record the duplicate %s: %w", typed, err)
	}
	if movedFrom, err = t.takeOverMoved(st.Path, st.SHA256); err != nil {
		return "", nil, err
	}
	if _, err := t.seePath(st, doc); err != nil {
		return "", nil, err
	}
	msg := "same content as " + key
	if len(movedFrom) > 0 {
		msg = "moved from " + strings.Join(movedFrom, ", ")
	}
	if err := t.event(runID, st, "duplicate", doc, "", msg); err != nil {
		return "", nil, err
	}
	if err := t.finish(); err != nil {
		return "", nil, err
	}
	return key, movedFrom, nil
}

// touchPath records a new mtime for a path whose content did not change.
func (t *tx) touchPath(st FileStat) error {
	_, err := t.Exec(`UPDATE paths SET size = ?, mtime_ns = ?, seen_at = ? WHERE path = ?`,
		st.Size, st.ModTime, now(), t.store.storedPath(st))
	if err != nil {
		return fmt.Errorf("cannot update the path %s: %w", st.Path, err)
	}
	return nil
}

// recordFailure logs a file that could not be processed. The path is not
// recorded as seen: the next run tries it again.
func (t *tx) recordFailure(st FileStat, runID int64, kind, msg string) error {
	st.Path = t.store.storedPath(st)
	return t.event(runID, st, "failed", 0, kind, msg)
}

// BeginRun opens an ingest run.
func (s *Store) BeginRun(ctx context.Context) (int64, error) {
	var id int64
	if err := s.db.QueryRowContext(ctx, `INSERT INTO runs (started_at) VALUES (?) RETURNING id`, now()).Scan(&id); err != nil {
		return 0, fmt.Errorf("cannot start a run: %w", err)
	}
	return id, nil
}

// FinishRun stores the report of a run.
func (s *Store) FinishRun(ctx context.Context, id int64, report any) error {
	b, err := json.Marshal(report)
	if err != nil {
		return fmt.Errorf("cannot encode the report: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, `UPDATE runs SET finished_at = ?, report = ? WHERE id = ?`, now(), string(b), id); err != nil {
		return fmt.Errorf("cannot store the report: %w", err)
	}
	return nil
}
