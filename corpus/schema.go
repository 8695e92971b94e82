package corpus

import (
	"encoding/json"

	"vanban/rules"
)

// The store is one SQLite database, DIR/corpus.db, in WAL mode with foreign
// keys on. It is the truth: the search index (DIR/index.bleve) is rebuilt
// from it. The schema, version 5 (PRAGMA user_version):
//
//	documents   one row per document, known (state 'document') or only cited
//	            ('stub'), or a citation that fits several documents
//	            ('ambiguous': a stub listing its candidates in mentions).
//	  key          the public id: "SYMBOL:YEAR:JURIS" ("109-KH/ThU:2023:lai-chau",
//	               "33/CT-TTg:2021:vn"); YEAR empty when unknown, "?" for an
//	               ambiguous stub; documents without a symbol are "sha:" + the
//	               first 12 hex digits of their content hash. A second
//	               document of an identity already held adds "~" and its date
//	               or content hash ("58-KH/HU:2022:binh-dinh~2022-05-03").
//	  symbol_fold  FoldSymbol(symbol): the matching form ("1-KL/TW")
//	  year, juris  the rest of the identity; juris is "vn" for national
//	               issuers, a province slug for local ones, "unknown" else
//	  type, symbol, number, date, issuer, province, subject: display fields
//	  record       the record of the contract as JSON, without its text
//	  version      bumped at every write of the row
//	  indexed      unused since version 4 (the change log replaced it)
//	  district, commune  the issuer's place below the province (version 2)
//	aliases     old ids of a document (its key changed when the store learnt
//	            its district or year): show, cites and trace accept them
//	names       the names a document answers to besides its symbol: type and
//	            subject ("~luat:giao-duc"), type, number and issuer code
//	            ("~nghi-quyet:40-qh"), for references written without a
//	            symbol (names.go) (version 2)
//	changes     the change log the search index follows: every key whose
//	            entry in the index must be looked at again, with the sequence
//	            number of its last change (version 4, changes.go; it replaced
//	            index_deletes and documents.indexed)
//	texts       the normalized text of each document (for the index and the
//	            citing sentences)
//	files       one row per distinct content (sha256): the document it made,
//	            size, format, extractor, pages, OCR pages and when
//	paths       where content was seen: path → sha256, size, mtime (a file
//	            whose size and mtime did not change is not read again); the
//	            path absolute and canonical, or relative to the store for a
//	            file inside it; anchor 'unknown' for a relative path of a
//	            store older than version 5 (paths.go)
//	mentions    every reference of a citing document (src), as the parser
//	            gave it (symbol, year, issuer code, scope, relation, count,
//	            offsets of the first full mention, the citing sentence) and
//	            where it resolved (dst, a document or a stub; NULL when it has
//	            no symbol); candidates is a JSON list of keys for an ambiguous one
//	            place_level, place_province, place_district, place_commune:
//	            what the citing text says of the cited issuer's place;
//	            target_province the province slug the reference is about
//	            (re-resolution finds a place's citations by it) (version 2)
//	edges       mentions aggregated per (src, dst, relation) with the count:
//	            the graph that cites and trace walk
//	claims      nested claims stated by a citing text ("01-KL/TW continues
//	            05-CT/TW"), by symbol
//	runs        one row per ingest run with its JSON report
//	events      the per-file log: ingested, changed, duplicate, failed (kind,
//	            reason), ocr
//	jobs        a server's ingest jobs with their reports and per-file
//	            outcomes (jobs.go; made on first use, outside the versions)
//
// A document and everything it owns (texts, files, its outgoing mentions,
// edges and claims) are written in one transaction: a killed ingest leaves
// each document either wholly stored or absent.
var migrations = []string{
	// 1: the first schema.
	`
CREATE TABLE documents (
	id          INTEGER PRIMARY KEY,
	key         TEXT NOT NULL UNIQUE,
	state       TEXT NOT NULL CHECK (state IN ('document', 'stub', 'ambiguous')),
	symbol_fold TEXT,
	year        INTEGER NOT NULL DEFAULT 0,
	juris       TEXT NOT NULL DEFAULT '',
	type        TEXT,
	type_fold   TEXT,
	symbol      TEXT,
	number      TEXT,
	date        TEXT,
	issuer      TEXT,
	province    TEXT,
	subject     TEXT,
	record      TEXT,
	version     INTEGER NOT NULL DEFAULT 0,
	indexed     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX documents_symbol ON documents (symbol_fold, juris, year);
CREATE INDEX documents_number ON documents (number, type_fold);
CREATE INDEX documents_unindexed ON documents (indexed) WHERE indexed = 0;

CREATE TABLE index_deletes (
	key TEXT PRIMARY KEY
);

CREATE TABLE texts (
	document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
	text        TEXT NOT NULL
);

CREATE TABLE files (
	sha256         TEXT PRIMARY KEY,
	document_id    INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	size           INTEGER NOT NULL,
	format         TEXT,
	extractor      TEXT,
	encoding       TEXT,
	pages          INTEGER,
	ocr_pages      TEXT,
	ocr_confidence REAL,
	first_path     TEXT NOT NULL,
	ingested_at    TEXT NOT NULL
);
CREATE INDEX files_document ON files (document_id);

CREATE TABLE paths (
	path     TEXT PRIMARY KEY,
	sha256   TEXT NOT NULL,
	size     INTEGER NOT NULL,
	mtime_ns INTEGER NOT NULL,
	seen_at  TEXT NOT NULL
);
CREATE INDEX paths_sha ON paths (sha256);

CREATE TABLE mentions (
	id          INTEGER PRIMARY KEY,
	src         INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	seq         INTEGER NOT NULL,
	dst         INTEGER REFERENCES documents (id),
	type        TEXT,
	symbol      TEXT,
	symbol_fold TEXT,
	number      TEXT,
	year        INTEGER NOT NULL DEFAULT 0,
	date        TEXT,
	issuer      TEXT,
	issuer_code TEXT,
	scope       TEXT,
	relation    TEXT NOT NULL,
	count       INTEGER NOT NULL,
	text        TEXT,
	start       INTEGER,
	end_        INTEGER,
	sentence    TEXT,
	candidates  TEXT
);
CREATE INDEX mentions_src ON mentions (src);
CREATE INDEX mentions_dst ON mentions (dst, src);
CREATE INDEX mentions_symbol ON mentions (symbol_fold);

CREATE TABLE edges (
	src      INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	dst      INTEGER NOT NULL REFERENCES documents (id),
	relation TEXT NOT NULL,
	count    INTEGER NOT NULL,
	PRIMARY KEY (src, dst, relation)
) WITHOUT ROWID;
CREATE INDEX edges_dst ON edges (dst, relation, src);

CREATE TABLE claims (
	id        INTEGER PRIMARY KEY,
	src       INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	from_sym  TEXT NOT NULL,
	from_fold TEXT NOT NULL,
	relation  TEXT NOT NULL,
	to_sym    TEXT NOT NULL,
	to_fold   TEXT NOT NULL,
	start     INTEGER
);
CREATE INDEX claims_src ON claims (src);

CREATE TABLE runs (
	id          INTEGER PRIMARY KEY,
	started_at  TEXT NOT NULL,
	finished_at TEXT,
	report      TEXT
);

CREATE TABLE events (
	id          INTEGER PRIMARY KEY,
	run_id      INTEGER REFERENCES runs (id) ON DELETE SET NULL,
	at          TEXT NOT NULL,
	path        TEXT NOT NULL,
	sha256      TEXT,
	kind        TEXT NOT NULL CHECK (kind IN ('ingested', 'changed', 'duplicate', 'failed', 'ocr')),
	document_id INTEGER REFERENCES documents (id) ON DELETE SET NULL,
	error_kind  TEXT,
	message     TEXT
);
CREATE INDEX events_path ON events (path);
`, // 2: places below the province and old ids (issue 7).
	`
ALTER TABLE documents ADD COLUMN district TEXT;
ALTER TABLE documents ADD COLUMN commune TEXT;
CREATE TABLE aliases (
	key         TEXT PRIMARY KEY,
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE
);
CREATE INDEX aliases_document ON aliases (document_id);
CREATE TABLE names (
	fold        TEXT NOT NULL,
	document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
	PRIMARY KEY (fold, document_id)
) WITHOUT ROWID;
CREATE INDEX names_document ON names (document_id);
ALTER TABLE mentions ADD COLUMN place_level TEXT;
ALTER TABLE mentions ADD COLUMN place_province TEXT;
ALTER TABLE mentions ADD COLUMN place_district TEXT;
ALTER TABLE mentions ADD COLUMN place_commune TEXT;
ALTER TABLE mentions ADD COLUMN target_province TEXT;
UPDATE mentions SET target_province = (SELECT CASE WHEN d.juris = 'vn' THEN 'unknown' ELSE d.juris END
	FROM documents d WHERE d.id = mentions.src) WHERE scope != 'national';
`,
	overridesMigration, // 3: people's corrections (overrides.go)
	changesMigration,   // 4: the change log the search index follows (changes.go)
	pathsMigration,     // 5: canonical paths, relative to the store inside it (paths.go)
	// 6: the citations a document arriving may answer are found by symbol
	// and year (reresolve): by symbol alone, a central symbol cited
	// thousands of times ("3-NQ/TW") read every citation of every year at
	// each arrival, a cost that grew with the store (issue 11).
	`
DROP INDEX mentions_symbol;
CREATE INDEX mentions_symbol_year ON mentions (symbol_fold, year);
`,
	// 7: the documents acted on (ActedOn: the search's hiệu lực facet,
	// read again after every write to the index) are found by index, not
	// by reading every citation (350 ms at 100 000 documents); the
	// documents of a place (placeRows: the place filter and facet) by a
	// range of jurisdictions, not by reading every document.
	`
CREATE INDEX mentions_acts ON mentions (dst) WHERE relation IN ('amends', 'replaces', 'repeals');
CREATE INDEX claims_acts ON claims (src) WHERE relation IN ('amends', 'replaces', 'repeals');
CREATE INDEX documents_juris ON documents (juris, key) WHERE state = 'document';
`,
}

// fixups bring the data of a store up to a schema version after its SQL ran
// (in the same transaction).
var fixups = map[int]func(*tx) error{
	5: fixPaths,
	// 2: a yearless citation and a dated one of the same document are one
	// node: the yearless citations of every symbol that has a dated node are
	// resolved again (the emptied yearless stubs go).
	2: func(t *tx) error {
		rows, err := t.Query(`SELECT DISTINCT d.symbol_fold, d.year, d.juris FROM documents d
			WHERE d.year > 0 AND d.state != 'ambiguous' AND d.symbol_fold IN (SELECT symbol_fold FROM mentions WHERE year = 0)`)
		if err != nil {
			return err
		}
		var all []stubIdentity
		for rows.Next() {
			var s stubIdentity
			if err := rows.Scan(&s.fold, &s.year, &s.juris); err != nil {
				rows.Close()
				return err
			}
			all = append(all, s)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		t.newStubs = append(t.newStubs, all...)
		// The names of the stored documents (references without a symbol
		// find them by these).
		rows, err = t.Query(`SELECT id, record FROM documents WHERE state = 'document' AND record IS NOT NULL`)
		if err != nil {
			return err
		}
		type named struct {
			id    int64
			names []string
		}
		var docs []named
		for rows.Next() {
			var n named
			var rec string
			if err := rows.Scan(&n.id, &rec); err != nil {
				rows.Close()
				return err
			}
			var d rules.Document
			if json.Unmarshal([]byte(rec), &d) == nil {
				n.names = docNames(&d)
			}
			docs = append(docs, n)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, n := range docs {
			for _, f := range n.names {
				if _, err := t.Exec(`INSERT OR IGNORE INTO names (fold, document_id) VALUES (?, ?)`, f, n.id); err != nil {
					return err
				}
			}
		}
		return nil
	},
}
