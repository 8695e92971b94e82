package corpus

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"vanban/rules"
)

// A document is one node, and one node is never two documents. A file whose
// identity (symbol, year, place) is already stored is either another
// rendition of that document (a PDF and a DOCX of one plan, two web copies)
// or another document that happens to share the identity (two communes
// that both number their plan 58-KH/ĐU in 2022 and that the text does not
// place, a consolidated text without a year). It is a rendition only when
// its date and subject agree with the stored document's (issue 7); else it
// is stored beside it under a key made distinct by its date or content hash
// ("58-KH/HU:2022:binh-dinh~2022-05-03"), and a citation that fits both is
// ambiguous, never silently given to one.

// match is where a parsed document goes.
type match struct {
	row        int64  // the row to update (0: insert a new one)
	key, state string // of that row
	joined     bool   // another rendition of the document in row: only the file is recorded
	shared     bool   // another document holds the identity: the new one needs a key of its own
	prevDoc    int64  // the document this content made before, if any
	// The identity the row had, when it changes.
	oldFold, oldJuris string
	oldYear           int
}

// facts is what decides whether two files are one document.
type facts struct {
	date, subject, issuer string
}

// match finds the row of the store that document d, read from st, is:
// the document this very content made before (re-parsed), the document the
// path showed before when it keeps its identity (an edited file), a stored
// document of which it is another rendition, the stub of its identity, or
// none.
func (t *tx) match(id identity, d *rules.Document, st FileStat) (match, error) {
	var m match
	// The same bytes made a document before: it is that document, whatever
	// identity the parser gives it now.
	var own int64
	err := t.QueryRow(`SELECT f.document_id, d.key, d.state, coalesce(d.symbol_fold, ''), d.year, d.juris FROM files f
		JOIN documents d ON d.id = f.document_id WHERE f.sha256 = ?`, st.SHA256).
		Scan(&own, &m.key, &m.state, &m.oldFold, &m.oldYear, &m.oldJuris)
	if err == nil && m.state == StateDocument {
		m.row, m.prevDoc = own, own
		return m, nil
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("cannot look the content up: %w", err)
	}
	m = match{prevDoc: own}
	if id.symbolFold == "" {
		err := t.QueryRow(`SELECT id, key, state FROM documents WHERE key = ?`, id.key).Scan(&m.row, &m.key, &m.state)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return m, fmt.Errorf("cannot look the document up: %w", err)
		}
		return m, nil
	}
	rows, err := t.Query(`SELECT id, key, state, coalesce(date, ''), coalesce(subject, ''), coalesce(issuer, '') FROM documents
		WHERE symbol_fold = ? AND year = ? AND juris = ? AND state != 'ambiguous' ORDER BY id`, id.symbolFold, id.year, id.juris)
	if err != nil {
		return m, fmt.Errorf("cannot look the document up: %w", err)
	}
	type cand struct {
		row        int64
		key, state string
		f          facts
	}
	var docs []cand
	var stub *cand
	for rows.Next() {
		var c cand
		if err := rows.Scan(&c.row, &c.key, &c.state, &c.f.date, &c.f.subject, &c.f.issuer); err != nil {
			rows.Close()
			return m, fmt.Errorf("cannot look the document up: %w", err)
		}
		if c.state == StateDocument {
			docs = append(docs, c)
		} else if stub == nil {
			stub = &c
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return m, fmt.Errorf("cannot look the document up: %w", err)
	}
	if len(docs) > 0 {
		// The document the path showed before (an edited file).
		var before int64
		if err := t.QueryRow(`SELECT f.document_id FROM paths p JOIN files f ON f.sha256 = p.sha256 WHERE p.path = ?`,
			st.Path).Scan(&before); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return m, fmt.Errorf("cannot look the path up: %w", err)
		}
		for _, c := range docs {
			if c.row == before {
				return match{row: c.row, key: c.key, state: c.state, prevDoc: m.prevDoc}, nil
			}
		}
	}
	mine := facts{date: string(d.Date), subject: string(d.Subject), issuer: string(d.Issuer)}
	unique := id.juris == JurisNational && symbolYear(string(d.Symbol)) > 0
	for _, c := range docs {
		if (unique && fullDate(c.f.date) && c.f.date == mine.date) || sameDocument(c.f, mine, id.year == 0, id.juris == JurisNational) {
			return match{row: c.row, key: c.key, state: c.state, joined: true, prevDoc: m.prevDoc}, nil
		}
	}
	if len(docs) > 0 {
		return match{shared: true, prevDoc: m.prevDoc}, nil // another document of the same identity
	}
	if stub != nil {
		return match{row: stub.row, key: stub.key, state: stub.state, prevDoc: m.prevDoc}, nil
	}
	return m, nil
}

// symbolYear is the year a symbol carries ("30/2020/NĐ-CP"), else 0.
func symbolYear(sym string) int {
	if p, ok := SplitSymbol(sym); ok {
		return p.Year
	}
	return 0
}

// fullDate says whether an ISO date names a day (not "2026-07").
func fullDate(d string) bool { return len(d) == len("2006-01-02") }

// A national symbol that carries its year ("49/2026/NĐ-CP") is unique by
// law (ND 30/2020: numbered by issuer and year): two files of it issued the
// same day are renditions whatever their subjects (a web page's summary and
// the text's title differ). Other symbols restart their numbers and are
// shared by units the text may not name, so they need a subject that agrees.

// sameDocument says whether two files of one identity are renditions of one
// document: their dates and subjects agree. A date missing on one side is
// not agreement by itself: then subject and issuer must agree. A yearless
// identity (a consolidated text dated only by its signature) needs the same
// date (or none on both), subject and issuer.
//
// The issuer of a local document names its unit (Huyện ủy Tây Sơn, Huyện ủy
// Phù Cát): two that disagree are two documents. A national code names one
// body: there the issuer line, often misread, decides only where the date is
// missing.
func sameDocument(a, b facts, yearless, national bool) bool {
	if !fullDate(a.date) || !fullDate(b.date) {
		// A month ("2026-07") is not a date to agree on.
		if !fullDate(a.date) {
			a.date = ""
		}
		if !fullDate(b.date) {
			b.date = ""
		}
	}
	if a.date != "" && b.date != "" && a.date != b.date {
		return false
	}
	subj, iss := agree(a.subject, b.subject), agree(a.issuer, b.issuer)
	dated := a.date != "" && a.date == b.date
	if subj == disagrees || (iss == disagrees && !(national && dated && !yearless)) {
		return false
	}
	switch {
	case yearless:
		return a.date == b.date && subj == agrees && iss == agrees && a.subject != ""
	case dated:
		return subj == agrees || (subj == unknown && iss == agrees && a.issuer != "")
	default:
		return subj == agrees && iss == agrees && a.subject != "" && a.issuer != ""
	}
}

type agreement int

const (
	unknown agreement = iota
	agrees
	disagrees
)

// agree compares two display fields (a subject, an issuer) as the text
// normalizer folds them: equal words, or words that overlap nearly wholly
// (one rendition breaks a line or drops a word the other keeps). Both empty
// agree; one empty is unknown.
func agree(a, b string) agreement {
	wa, wb := words(a), words(b)
	switch {
	case len(wa) == 0 && len(wb) == 0:
		return agrees
	case len(wa) == 0 || len(wb) == 0:
		return unknown
	}
	if strings.Join(wa, " ") == strings.Join(wb, " ") {
		return agrees
	}
	// Common words over the word multisets: nearly all of both (Dice), or
	// all but a word or two of the shorter when it has a few (one rendition
	// cut the title, or added "về việc").
	count := map[string]int{}
	for _, w := range wa {
		count[w]++
	}
	common := 0
	for _, w := range wb {
		if count[w] > 0 {
			count[w]--
			common++
		}
	}
	short := min(len(wa), len(wb))
	if 2*common*10 >= 8*(len(wa)+len(wb)) || (short >= 5 && common*10 >= 9*short) {
		return agrees
	}
	return disagrees
}

func words(s string) []string {
	return strings.FieldsFunc(Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// freeKey is key when no other row holds it, else key made distinct by the
// document's date, else by its content hash.
func (t *tx) freeKey(key string, self int64, date, sha string) (string, error) {
	cands := []string{key}
	if date != "" {
		cands = append(cands, key+"~"+date)
	}
	if len(sha) > 8 {
		cands = append(cands, key+"~"+sha[:8])
	}
	for i := 2; i < 100; i++ {
		cands = append(cands, fmt.Sprintf("%s~%d", key, i))
	}
	for _, k := range cands {
		var id int64
		err := t.QueryRow(`SELECT id FROM documents WHERE key = ?`, k).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && id == self && self != 0) {
			return k, nil
		}
		if err != nil {
			return "", fmt.Errorf("cannot look a key up: %w", err)
		}
	}
	return "", fmt.Errorf("no free key for %s", key)
}
