package corpus

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"vanban/rules"
)

// Resolution: where a reference points. A national code ("TW", "TTg") means
// the one central body. A local one means a body of a place, at the level
// the citing text implies (issue 7): the code's level (rules.CodeLevel:
// TU province, HU district, ĐU commune) or the level the parser read from
// the phrase ("của Ban Thường vụ Huyện ủy"), and the units the text names
// ("Huyện ủy Tây Sơn"). What the text does not name is the citing
// document's own: a commune plan citing "…/HU" means its own district's
// Huyện ủy, a district plan citing "…/TU" its own province's Tỉnh ủy. A
// document citing a level below its own without naming the unit (a
// provincial document citing "…/HU") is ambiguous between the units of its
// province: a stub that lists the candidates, never a guess.

// citing is what resolution needs to know of the citing document.
type citing struct {
	id    int64
	juris string
	place rules.Place // its issuer's place, as far as known
	level string      // its issuer's level: its code's (TU province, HU district…), "" when the code does not tell
	date  string
	year  int
}

func citingOf(id int64, juris, symbol, date string, year int, place rules.Place) citing {
	c := citing{id: id, juris: juris, place: place, date: date, year: year}
	if p, ok := SplitSymbol(symbol); ok {
		c.level = rules.CodeLevel(p.Issuer)
	}
	return c
}

// mention is a reference reduced to what resolution uses.
type mention struct {
	symbol, fold, issuerCode, scope, typ, number string
	year                                         int
	// What the citing text says of the cited issuer's place.
	level, province, district, commune string
}

func mentionOf(r rules.Reference) mention {
	m := mention{symbol: strings.TrimSpace(string(r.Symbol)), issuerCode: r.IssuerCode, year: int(r.Year), typ: string(r.Type),
		level: r.Level, province: string(r.Province), district: string(r.District), commune: string(r.Commune)}
	if m.symbol == "" {
		return nameMention(r, m)
	}
	m.fold = FoldSymbol(m.symbol)
	p, ok := SplitSymbol(m.symbol)
	if ok {
		if m.issuerCode == "" {
			m.issuerCode = p.Issuer
		}
		if m.year == 0 {
			m.year = p.Year
		}
		m.scope = SymbolScope(m.symbol)
		// The parser also reads the issuer the sentence names: a code the
		// tables lack ("60 TC/CĐKT … của Bộ Tài chính") is a central body's.
		if r.Scope == ScopeNational {
			m.scope = ScopeNational
		}
	} else {
		m.scope = r.Scope
	}
	if m.scope == "" {
		m.scope = ScopeLocal
	}
	m.number = numberOf(string(r.Number), m.symbol)
	return m
}

// replaceReferences replaces the outgoing references, edges and claims of
// document src by those of d.
func (t *tx) replaceReferences(src int64, id identity, d *rules.Document, text string) error {
	if err := t.dropOutgoing(src); err != nil {
		return err
	}
	c := citingOf(src, id.juris, string(d.Symbol), string(d.Date), id.year, id.place)
	var runes []rune
	if len(d.References) > 0 {
		runes = []rune(text)
	}
	stmt, err := t.Prepare(`INSERT INTO mentions (src, seq, dst, type, symbol, symbol_fold, number, year, date, issuer,
		issuer_code, scope, relation, count, text, start, end_, sentence, candidates,
		place_level, place_province, place_district, place_commune, target_province)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("cannot prepare the references: %w", err)
	}
	defer stmt.Close()
	for i, r := range d.References {
		m := mentionOf(r)
		tg := target(c, m)
		dst, cands, err := t.resolve(c, m, tg)
		if err != nil {
			return err
		}
		var candJSON any
		if len(cands) > 0 {
			b, _ := json.Marshal(cands)
			candJSON = string(b)
		}
		count := r.Count
		if count < 1 {
			count = 1
		}
		rel := string(r.Relation)
		if rel == "" {
			rel = string(rules.Cites)
		}
		if _, err := stmt.Exec(src, i, dst, nullStr(string(r.Type)), nullStr(m.symbol), nullStr(m.fold),
			nullStr(numberOf(string(r.Number), m.symbol)), m.year, nullStr(string(r.Date)), nullStr(string(r.Issuer)),
			nullStr(m.issuerCode), nullStr(m.scope), rel, count, r.Text, r.Start, r.End,
			sentence(runes, r.Start, r.End), candJSON,
			nullStr(m.level), nullStr(m.province), nullStr(m.district), nullStr(m.commune), nullStr(tg.province)); err != nil {
			return fmt.Errorf("cannot store a reference: %w", err)
		}
	}
	t.dirtySrc[src] = true
	for _, cl := range d.Claims {
		if _, err := t.Exec(`INSERT INTO claims (src, from_sym, from_fold, relation, to_sym, to_fold, start) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			src, cl.From, FoldSymbol(cl.From), string(cl.Relation), cl.To, FoldSymbol(cl.To), cl.Start); err != nil {
			return fmt.Errorf("cannot store a claim: %w", err)
		}
	}
	return nil
}

// targetPlaces is where a reference may point.
type targetPlaces struct {
	exact []string // jurisdictions a fitting document has exactly; the first is where a stub is filed
	// open lists provinces whose units at any level below may hold the
	// document (the text names no unit of the cited level).
	open []string
	// guess is false when the citing document is above the cited level and
	// names no unit (a provincial document citing "…/HU"): then even one
	// fitting document is only a candidate.
	guess    bool
	province string // the province slug the reference is about (re-resolution looks it up by it); "unknown", "" for national
	stubAt   string // where a stub is filed
	stubProv string // the province name given to the stub
}

var levelRank = map[string]int{"province": 1, "district": 2, "commune": 3}

// target works out where a reference made by c may point.
func target(c citing, m mention) targetPlaces {
	if m.scope == ScopeNational {
		return targetPlaces{exact: []string{JurisNational}, stubAt: JurisNational, guess: true}
	}
	prov := c.place.Province
	sameProv := true
	if m.province != "" && Slug(m.province) != Slug(prov) {
		prov, sameProv = m.province, false
	}
	if prov == "" {
		// A local code cited by a national document or one whose place is
		// unknown: filed under "unknown".
		return targetPlaces{exact: []string{JurisUnknown}, stubAt: JurisUnknown, guess: true, province: JurisUnknown}
	}
	provs := jurisdictions(Slug(prov), c.date, m.year)
	tg := targetPlaces{province: Slug(prov), stubAt: provs[0], stubProv: prov, guess: true}
	level := m.level
	switch {
	case level != "":
	case m.commune != "":
		level = "commune"
	case m.district != "":
		level = "district"
	default:
		level = rules.CodeLevel(m.issuerCode)
	}
	// The units named, else the citing document's own where it is in the
	// same province (and, for a commune, the same district).
	district, commune := m.district, m.commune
	ownDistrict := sameProv && (district == "" || Slug(district) == Slug(c.place.District))
	if district == "" && sameProv {
		district = c.place.District
	}
	if commune == "" && ownDistrict {
		commune = c.place.Commune
	}
	at := func(d, w string) []string {
		var out []string
		for _, p := range provs {
			name := rules.ParsePlaceSlug(p).Province
			out = append(out, rules.Place{Province: name, District: d, Commune: w}.Slug())
		}
		return out
	}
	openBelow := func() {
		tg.open = provs
		tg.guess = levelRank[c.level] == 0 || levelRank[c.level] >= levelRank[level]
	}
	switch level {
	case "province":
		tg.exact = provs
	case "district":
		if district == "" {
			openBelow()
			return tg
		}
		tg.exact = at(district, "")
	case "commune":
		if commune == "" {
			openBelow()
			return tg
		}
		tg.exact = at(district, commune)
	default:
		// A code of any level (UBND, HĐND) that the text does not place:
		// the citing document's own units, from its own up to its province.
		if !sameProv {
			tg.exact = provs
			break
		}
		for j := c.juris; j != ""; {
			tg.exact = append(tg.exact, j)
			i := strings.LastIndexByte(j, '/')
			if i < 0 {
				break
			}
			j = j[:i]
		}
		tg.exact = append(tg.exact, provs...)
		return tg // the stub stays at the province: its level is unknown
	}
	tg.stubAt = tg.exact[0]
	return tg
}

// resolve finds the document a reference made by c points at. With a year,
// it is the one document of that symbol, year and place, else a stub of
// that identity. Without one, it is the one document or dated stub of that
// symbol and place issued before the citing document (a yearless "Kết luận
// số 114-KL/TW" and a dated "114-KL/TW ngày 14/7/2015" are one node as soon
// as the year is known anywhere), else a yearless stub. Several fits make an
// ambiguous stub that lists them: an ambiguous edge is never guessed. A
// reference that resolves to the citing document itself is no edge (nil).
func (t *tx) resolve(c citing, m mention, tg targetPlaces) (dst any, candidates []string, err error) {
	if m.fold == "" {
		return nil, nil, nil
	}
	var conds []string
	args := []any{m.fold}
	if len(tg.exact) > 0 {
		conds = append(conds, `juris IN (`+strings.TrimSuffix(strings.Repeat("?,", len(tg.exact)), ",")+`)`)
		for _, p := range tg.exact {
			args = append(args, p)
		}
	}
	for _, p := range tg.open {
		conds = append(conds, `juris = ? OR juris LIKE ? ESCAPE '\'`)
		args = append(args, p, likePrefix(p+"/"))
	}
	kinds := `state = 'document'`
	if m.year == 0 {
		// Dated stubs answer a yearless citation only at an exact place.
		kinds = `(state = 'document' OR (state = 'stub' AND year > 0 AND juris IN (` + strings.TrimSuffix(strings.Repeat("?,", len(tg.exact)), ",") + `)))`
		if len(tg.exact) == 0 {
			kinds = `state = 'document'`
		}
		for _, p := range tg.exact {
			args = append(args, p)
		}
	}
	match := `symbol_fold = ?`
	if named(m.fold) {
		// Documents known by that name (names), and the stubs of it.
		match = `(symbol_fold = ?1 OR id IN (SELECT document_id FROM names WHERE fold = ?1))`
	}
	if m.year > 0 {
		// Only that year fits (below): the others are not read.
		match += ` AND year = ` + strconv.Itoa(m.year)
	}
	found, err := t.candidates(`SELECT id, key, year, coalesce(date, '') FROM documents
		WHERE `+match+` AND (`+strings.Join(conds, " OR ")+`) AND `+kinds, args)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot resolve %s: %w", m.symbol, err)
	}
	var fits []cand
	self := false
	for _, k := range found {
		switch {
		case m.year > 0 && k.year != m.year:
		case k.id == c.id:
			self = true
		case m.year == 0 && c.date != "" && k.date != "" && k.date >= c.date:
		case m.year == 0 && c.year > 0 && k.year > c.year:
		default:
			fits = append(fits, k)
		}
	}
	switch {
	case len(fits) == 1 && tg.guess:
		return fits[0].id, nil, nil
	case len(fits) == 0 && self:
		return nil, nil, nil // the document's own symbol: no edge to itself
	}
	state := StateStub
	if len(fits) > 0 {
		state = StateAmbiguous
		for _, f := range fits {
			candidates = append(candidates, f.key)
		}
		slices.Sort(candidates)
	}
	id, err := t.stub(m, m.year, tg.stubAt, state, tg.stubProv)
	return id, candidates, err
}

// cand is a document or stub a reference may mean.
type cand struct {
	id   int64
	key  string
	year int
	date string
}

// candidates runs a resolve query. During a re-resolution (t.memo set) the
// answers are kept by query: the citations of one symbol read again when a
// document of it arrives are mostly made from a few places (a central
// directive cited by 1 500 plans asks one question, not 1 500). What a
// re-resolution writes besides mentions is stubs, and creating one clears
// the answers kept (stub), so they are those the queries would give.
func (t *tx) candidates(query string, args []any) ([]cand, error) {
	var key string
	if t.memo != nil {
		key = fmt.Sprint(query, "\x00", args)
		if c, ok := t.memo[key]; ok {
			return c, nil
		}
	}
	rows, err := t.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []cand
	for rows.Next() {
		var k cand
		if err := rows.Scan(&k.id, &k.key, &k.year, &k.date); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if t.memo != nil {
		t.memo[key] = out
	}
	return out, nil
}

// likePrefix is a LIKE pattern for the strings that start with p.
func likePrefix(p string) string { return likeEscapes.Replace(p) + "%" }

var likeEscapes = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// stub finds or creates the stub for a reference. A new dated stub is noted:
// the yearless citations of its symbol may now mean it (resolveNewStubs).
func (t *tx) stub(m mention, year int, juris, state, province string) (int64, error) {
	var id int64
	var err error
	if state == StateAmbiguous {
		err = t.QueryRow(`SELECT id FROM documents WHERE symbol_fold = ? AND juris = ? AND state = 'ambiguous'`,
			m.fold, juris).Scan(&id)
	} else {
		err = t.QueryRow(`SELECT id FROM documents WHERE symbol_fold = ? AND year = ? AND juris = ? AND state = 'stub'`,
			m.fold, year, juris).Scan(&id)
	}
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("cannot look a stub up: %w", err)
	}
	base, symbol, subject := m.symbol, m.symbol, ""
	if named(m.fold) {
		// A reference by name or by number and issuer: keyed by that
		// ("luat:giao-duc:2019:vn"), its words as the subject.
		base, symbol, subject = m.fold[1:], "", m.symbol
	}
	key := makeKey(base, year, juris)
	if state == StateAmbiguous {
		key = base + ":?:" + juris
	}
	var district, commune string
	if strings.Contains(juris, "/") {
		pl := rules.ParsePlaceSlug(juris)
		district, commune = pl.District, pl.Commune
	}
	insert := func(key string) (int64, error) {
		return t.insertID(`INSERT INTO documents (key, state, symbol_fold, year, juris, type, type_fold, symbol, number, province,
		district, commune, subject, indexed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`, key, state, m.fold, year, juris,
			nullStr(m.typ), nullStr(Fold(m.typ)), nullStr(symbol), nullStr(m.number), nullStr(province), nullStr(district),
			nullStr(commune), nullStr(subject))
	}
	id, err = insert(key)
	if err != nil && isUnique(err) {
		// The key is another row's (a document written otherwise, "1-KL/TW"
		// for "01-KL/TW" of another place): a free one.
		if key, err = t.freeKey(key, 0, "", ""); err == nil {
			id, err = insert(key)
		}
	}
	if err != nil {
		return 0, fmt.Errorf("cannot create the stub %s: %w", key, err)
	}
	clear(t.memo) // a dated stub answers yearless citations (candidates)
	if state == StateStub && year > 0 {
		t.newStubs = append(t.newStubs, stubIdentity{m.fold, year, juris})
	}
	return id, nil
}

// stubIdentity is the identity of a dated stub created in a transaction.
type stubIdentity struct {
	fold  string
	year  int
	juris string
}

// resolveNewStubs resolves again the yearless citations of the symbols of
// the dated stubs created so far (they can only create yearless or
// ambiguous stubs, so this ends).
func (t *tx) resolveNewStubs() error {
	for len(t.newStubs) > 0 {
		s := t.newStubs[0]
		t.newStubs = t.newStubs[1:]
		if err := t.reresolve(s.fold, s.year, s.juris); err != nil {
			return err
		}
	}
	return nil
}

// reresolve resolves again the citations that a document of this symbol,
// year and jurisdiction could answer: called when such a document arrives,
// changes or goes, so that the graph does not depend on the order of
// ingestion. Only citations with its year or none, about its province (or
// a unit it merged into), can change; they are resolved by the same rule as
// at ingest (target, resolve).
func (t *tx) reresolve(fold string, year int, juris string) error {
	args := []any{fold, year}
	where := ` AND m.scope = 'national'`
	if juris != JurisNational {
		where = ` AND m.scope != 'national'`
		if juris != JurisUnknown {
			// A local citation made by a national document is filed under
			// "unknown": those are taken from anywhere.
			prov, _, _ := strings.Cut(juris, "/")
			reach := []string{prov}
			for now, before := range mergedFrom {
				if now != prov && slices.Contains(before, prov) {
					reach = append(reach, now)
				}
			}
			where += ` AND coalesce(m.target_province, '') IN (` + strings.TrimSuffix(strings.Repeat("?,", len(reach)), ",") + `)`
			for _, r := range reach {
				args = append(args, r)
			}
		}
	}
	rows, err := t.Query(`SELECT m.id, m.src, coalesce(m.dst, 0), coalesce(m.candidates, ''), m.symbol, coalesce(m.type, ''),
		coalesce(m.number, ''), m.year, coalesce(m.issuer_code, ''), coalesce(m.scope, ''),
		coalesce(m.place_level, ''), coalesce(m.place_province, ''), coalesce(m.place_district, ''), coalesce(m.place_commune, ''),
		s.juris, coalesce(s.symbol, ''), coalesce(s.date, ''), s.year, coalesce(s.province, ''), coalesce(s.district, ''), coalesce(s.commune, '')
		FROM mentions m JOIN documents s ON s.id = m.src WHERE m.symbol_fold = ? AND m.year IN (?, 0)`+where, args...)
	if err != nil {
		return fmt.Errorf("cannot re-resolve %s: %w", fold, err)
	}
	type row struct {
		id, dst int64
		cands   string
		m       mention
		c       citing
	}
	var all []row
	for rows.Next() {
		var r row
		var src int64
		var juris, sym, date string
		var year int
		var pl rules.Place
		if err := rows.Scan(&r.id, &src, &r.dst, &r.cands, &r.m.symbol, &r.m.typ, &r.m.number, &r.m.year,
			&r.m.issuerCode, &r.m.scope, &r.m.level, &r.m.province, &r.m.district, &r.m.commune,
			&juris, &sym, &date, &year, &pl.Province, &pl.District, &pl.Commune); err != nil {
			rows.Close()
			return fmt.Errorf("cannot re-resolve %s: %w", fold, err)
		}
		r.m.fold = fold
		if juris == JurisNational || juris == JurisUnknown {
			pl = rules.Place{}
		}
		r.c = citingOf(src, juris, sym, date, year, pl)
		all = append(all, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("cannot re-resolve %s: %w", fold, err)
	}
	t.memo = map[string][]cand{}
	defer func() { t.memo = nil }()
	for _, r := range all {
		dst, cands, err := t.resolve(r.c, r.m, target(r.c, r.m))
		if err != nil {
			return err
		}
		candJSON := ""
		if len(cands) > 0 {
			b, _ := json.Marshal(cands)
			candJSON = string(b)
		}
		if d, _ := dst.(int64); d == r.dst && candJSON == r.cands {
			continue
		}
		if _, err := t.Exec(`UPDATE mentions SET dst = ?, candidates = ? WHERE id = ?`, dst, nullStr(candJSON), r.id); err != nil {
			return fmt.Errorf("cannot re-resolve %s: %w", fold, err)
		}
		t.dirtySrc[r.c.id] = true
		t.maybeGone[r.dst] = true
	}
	return nil
}
