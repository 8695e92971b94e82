package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"vanban/normalize"
)

// OCR damage to the identity of a cited document (issue 7). Tesseract on an
// office scan reads the issuer code "QH15" as "QHI5", "OH15" or "QH135", the
// "/" before "TW" as a "Z", and a year's 0 as a 6 ("2621", "2062"). What the
// tables know decides the repair, never a guess:
//
//   - a code that no table knows is read as the code it damages when exactly
//     one code of the tables (issuers.tsv, or types.tsv for the type
//     position) is one OCR confusion away: one look-alike character replaced
//     (ocrLookalikes) or one stray character dropped; a National Assembly
//     code's term must be one whose years hold the document's year;
//   - a year is impossible when it is in the future or before 1900; it is
//     repaired only when changing one digit into a look-alike gives exactly
//     one plausible year (not later than the citing document) that the text
//     agrees with (the term "khóa X" written with the mention, the term of a
//     QH code, the year in the symbol, or another date of the sentence);
//     otherwise the year is left unknown. A year later than the citing
//     document's date but not in the future is repaired the same way, and
//     otherwise kept: the citing document's own date is more often misread
//     (a date its title quotes) than OCR makes a plausible year of another
//     (27 such references in 4 texts of the Markdown corpus, none damaged).
//
// The text of the reference stays as written; each repair is noted on the
// Reference (Repaired).

// Term is one term (khóa) of a body whose documents are dated by it.
type Term struct {
	Body     string // "party" (Ban Chấp hành Trung ương) or "assembly" (Quốc hội)
	Term     string // Roman numeral: "XIII"
	From, To int    // first and last year (both belong to the term)
}

func (t *Tables) termRow(c []string) error {
	if len(c) < 4 || (c[0] != "party" && c[0] != "assembly") {
		return fmt.Errorf("want party|assembly<TAB>term<TAB>first year<TAB>last year")
	}
	from, err1 := strconv.Atoi(strings.TrimSpace(c[2]))
	to, err2 := strconv.Atoi(strings.TrimSpace(c[3]))
	if err1 != nil || err2 != nil || from > to || romanValue(strings.TrimSpace(c[1])) == 0 {
		return fmt.Errorf("bad term %q %q %q", c[1], c[2], c[3])
	}
	t.Terms = append(t.Terms, Term{Body: c[0], Term: strings.ToUpper(strings.TrimSpace(c[1])), From: from, To: to})
	return nil
}

// termYears returns the years of term n of body.
func (t *Tables) termYears(body string, n int) (from, to int, ok bool) {
	for _, tm := range t.Terms {
		if tm.Body == body && romanValue(tm.Term) == n {
			return tm.From, tm.To, true
		}
	}
	return 0, 0, false
}

// romanValue is the value of a Roman numeral up to 39, or 0.
func romanValue(s string) int {
	val := map[byte]int{'I': 1, 'V': 5, 'X': 10}
	n := 0
	for i := 0; i < len(s); i++ {
		v, ok := val[s[i]]
		if !ok {
			return 0
		}
		if i+1 < len(s) && val[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	if n <= 0 || n > 39 {
		return 0
	}
	return n
}

// ocrLookalikes are the pairs of characters Tesseract takes for each other
// on degraded scans of typed Vietnamese (serif capitals and digits).
// "ÖĐ" is Tesseract's reading of a faded Đ in "749/QÖ-TTg" (office.pdf);
// "Eg" its reading of the g of "TTg" (libraries.md §3: "CT-TTE"); "i1" a
// 1 read as a small i ("34/2014/QHi3", Markdown corpus).
var ocrLookalikes = []string{"Eg", "i1", "I1", "Il", "1l", "I|", "1|", "l|", "O0", "OQ", "0Q", "OD", "0D", "DĐ", "BĐ", "ÖĐ", "B8", "S5", "Z2", "Z7", "27", "G6"}

// ocrStrays are characters that noise adds inside a code: a stroke read as
// I, l, 1 or |, the slash read as Z.
const ocrStrays = "I1l|Z"

// digitLookalikes are the pairs of digits Tesseract takes for each other.
var digitLookalikes = []string{"06", "08", "09", "68", "56", "38", "17", "27", "49"}

var lookalike = func() map[rune][]rune {
	m := map[rune][]rune{}
	for _, pairs := range [][]string{ocrLookalikes, digitLookalikes} {
		for _, p := range pairs {
			r := []rune(p)
			m[r[0]] = append(m[r[0]], r[1])
			m[r[1]] = append(m[r[1]], r[0])
		}
	}
	return m
}()

// nowYear bounds the years of documents whose citing document has no date.
var nowYear = func() int { return time.Now().Year() }

// dateAt reads a date at item i (ocrDateAt) whose year is possible: the
// dates a document gives of itself are not repaired.
func (p *refParser) dateAt(i int) (string, int, bool) {
	iso, e, ok := p.ocrDateAt(i)
	if !ok {
		return "", 0, false
	}
	if _, sound := isoDate(atoi(iso[:4]), atoi(iso[5:7]), atoi(iso[8:10])); !sound {
		return "", 0, false
	}
	return iso, e, true
}

// ocrDate formats a numeric date whose year may be OCR damage (four digits,
// any value): the repair judges it. Month and day must exist.
func ocrDate(y, m, d int) (string, bool) {
	if y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), true
}

// parliamentTerm splits a National Assembly code with its term ("QH15",
// "UBTVQH14") into the term number; ok is false for any other code.
func parliamentTerm(code string) (int, bool) {
	i := strings.IndexFunc(code, isDigit)
	if i <= 0 || !allDigits(code[i:]) || !isParliament(strings.ToUpper(code[:i])) || len(code)-i > 2 {
		return 0, false
	}
	n, _ := strconv.Atoi(code[i:])
	return n, n > 0
}

// knownCode reports whether a code segment is in the tables as written (any
// case), or is a National Assembly code with a term of the table.
func (t *Tables) knownCode(seg string) bool {
	if _, ok := t.codeExact[seg]; ok {
		return true
	}
	if off := t.OfficialCode(seg); off != seg {
		return true
	}
	if n, ok := parliamentTerm(seg); ok {
		_, _, known := t.termYears("assembly", n)
		return known
	}
	return false
}

// codeCandidate returns the official form of v when it is a code of the
// tables: an issuer, a type abbreviation when typ, or a National Assembly
// code whose term holds year (any term of the table when year is 0).
func (t *Tables) codeCandidate(v string, typ bool, year int) (string, bool) {
	if n, ok := parliamentTerm(v); ok {
		from, to, known := t.termYears("assembly", n)
		if !known || year != 0 && (year < from || year > to) {
			return "", false
		}
		i := strings.IndexFunc(v, isDigit)
		return t.OfficialCode(v[:i]) + v[i:], true
	}
	off, ok := t.codeExact[v]
	if !ok {
		return "", false
	}
	if _, issuer := t.scopeOf[off]; issuer {
		return off, true
	}
	if _, isType := t.typeByAbbr[off]; isType && typ {
		return off, true
	}
	return "", false
}

// termOfYear reads a National Assembly code whose term cannot hold the
// symbol's year as the next or previous term that does (codeCandidate): a
// law of 2025 is of the 15th Assembly (2021–2026), so "Luật Giáo dục đại
// học số 125/2025/QH16" as a text writes it is 125/2025/QH15 (audit
// 9e026a6 #99). A year where two terms meet (2026) holds the code as
// written.
func (t *Tables) termOfYear(seg string, typ bool, year int) (string, bool) {
	n, ok := parliamentTerm(seg)
	if !ok || year == 0 {
		return "", false
	}
	if _, held := t.codeCandidate(seg, typ, year); held {
		return "", false
	}
	prefix := seg[:strings.IndexFunc(seg, isDigit)]
	for _, m := range []int{n - 1, n + 1} {
		if c, ok := t.codeCandidate(prefix+strconv.Itoa(m), typ, year); ok {
			return c, true
		}
	}
	return "", false
}

// repairCode reads an OCR-damaged code segment as the one code of the tables
// it damages (see the top of this file). typ says the segment may be a type
// abbreviation (the first code of a symbol); year (or 0) is the document's.
func (t *Tables) repairCode(seg string, typ bool, year int) (string, bool) {
	if c, ok := t.termOfYear(seg, typ, year); ok {
		return c, true
	}
	if seg == "" || t.knownCode(seg) || utf8.RuneCountInString(seg) > 12 {
		return seg, false
	}
	rs := []rune(seg)
	found := map[string]bool{}
	try := func(v string) {
		if c, ok := t.codeCandidate(v, typ, year); ok {
			found[c] = true
		}
	}
	for i, c := range rs {
		for _, alt := range lookalike[c] {
			v := append(append(append([]rune{}, rs[:i]...), alt), rs[i+1:]...)
			try(string(v))
		}
		// A stray stroke, or a digit too many in a term ("QH135"); other
		// codes may end in digits ("QĐ-NHNN2": a department of the bank).
		if v := string(rs[:i]) + string(rs[i+1:]); strings.ContainsRune(ocrStrays, c) {
			try(v)
		} else if _, term := parliamentTerm(v); isDigit(c) && term {
			try(v)
		}
	}
	if len(found) != 1 {
		return seg, false
	}
	for c := range found {
		return c, true
	}
	return seg, false
}

// splitTypeIssuer reads the first code of a State symbol whose hyphen OCR
// lost ("33/CTTTg") as the one type abbreviation and issuer code it joins
// ("CT-TTg").
func (t *Tables) splitTypeIssuer(seg string, year int) (string, bool) {
	if t.knownCode(seg) {
		return seg, false
	}
	rs := []rune(seg)
	hit, n := "", 0
	for k := 1; k < len(rs); k++ {
		typ, ok := t.codeExact[string(rs[:k])]
		if _, isType := t.typeByAbbr[typ]; !ok || !isType {
			continue
		}
		if iss, ok := t.codeCandidate(string(rs[k:]), false, year); ok {
			hit, n = typ+"-"+iss, n+1
		}
		// the hyphen read as a stray stroke or a Z: "NĐZCP"
		if k+1 < len(rs) && strings.ContainsRune(ocrStrays, rs[k]) {
			if iss, ok := t.codeCandidate(string(rs[k+1:]), false, year); ok {
				hit, n = typ+"-"+iss, n+1
			}
		}
	}
	return hit, n == 1
}

// repairYear repairs an impossible year y (see the top of this file): the
// one plausible year (1900 … bound) one look-alike digit away that agree
// accepts.
func repairYear(y, bound int, agree func(int) bool) (int, bool) {
	s := strconv.Itoa(y)
	if len(s) != 4 {
		return 0, false
	}
	found := 0
	n := 0
	for i, c := range s {
		for _, alt := range lookalike[c] {
			if !isDigit(alt) {
				continue
			}
			v, _ := strconv.Atoi(s[:i] + string(alt) + s[i+1:])
			if v >= 1900 && v <= bound && v != found && agree(v) {
				found = v
				n++
			}
		}
	}
	if n != 1 {
		return 0, false
	}
	return found, true
}

func plausibleYear(y, bound int) bool { return y >= 1900 && y <= bound }

// repairMentions mends OCR damage to the mentions' symbols, dates and years.
// ownDate (ISO, or "") and ownSymbol are the citing document's: nothing it
// cites is later than its date, or than the year in its symbol.
func (p *refParser) repairMentions(ownDate, ownSymbol string) {
	now := nowYear()
	own := 0
	if len(ownDate) >= 4 {
		if y := atoi(ownDate[:4]); plausibleYear(y, now) {
			own = y
		}
	}
	if y := ParseSymbol(ownSymbol).Year; plausibleYear(y, now) && y > own {
		own = y
	}
	for i := range p.ms {
		p.repairMention(&p.ms[i], own, now)
	}
}

// repairMention repairs one mention; own is the citing document's year (or
// 0), now the current one.
func (p *refParser) repairMention(m *mention, own, now int) {
	bound := now
	if own > 0 {
		bound = own
	}
	segs := symbolSegments(m.sym)
	symYear, symYearAt := 0, -1
	assemblyTerm := 0
	for i, s := range segs {
		if i > 0 && len(s) == 4 && allDigits(s) && symYear == 0 {
			symYear, symYearAt = atoi(s), i
		}
		if n, ok := parliamentTerm(s); ok && assemblyTerm == 0 {
			assemblyTerm = n
		}
	}
	sentence := p.sentenceYears(m, bound)
	body := p.termBody(m, segs)
	// agree reports whether the text supports year c, besides the field
	// being repaired (skip: "date", "year" or "symbol").
	agree := func(c int, skip string) (bool, string) {
		if sentence[c] {
			return true, "a date of the sentence"
		}
		if skip != "symbol" && symYear == c {
			return true, "the year of the symbol"
		}
		if skip != "date" && len(m.date) >= 4 && atoi(m.date[:4]) == c {
			return true, "the date"
		}
		if m.term != "" && body != "" {
			if from, to, ok := p.t.termYears(body, romanValue(m.term)); ok && from <= c && c <= to {
				return true, "khóa " + m.term
			}
		}
		if assemblyTerm > 0 {
			if from, to, ok := p.t.termYears("assembly", assemblyTerm); ok && from <= c && c <= to {
				return true, fmt.Sprintf("the term of QH%d", assemblyTerm)
			}
		}
		return false, ""
	}
	// fix returns the repair of year y (0 when there is none) and its note;
	// keep is true when y is to be kept as written (later than the citing
	// document, not in the future, and no repair).
	fix := func(y int, skip string) (c int, note string, keep bool) {
		why := ""
		c, ok := repairYear(y, bound, func(c int) bool {
			a, w := agree(c, skip)
			if a {
				why = w
			}
			return a
		})
		switch {
		case ok:
			return c, fmt.Sprintf("year %d read as %d (%s)", y, c, why), false
		case plausibleYear(y, now):
			return y, "", true
		}
		return 0, fmt.Sprintf("year %d impossible: left unknown", y), false
	}
	if len(m.date) >= 10 {
		if y := atoi(m.date[:4]); !plausibleYear(y, bound) {
			mo, d := atoi(m.date[5:7]), atoi(m.date[8:10])
			if c, note, keep := fix(y, "date"); !keep {
				m.date = ""
				if c != 0 {
					if iso, ok := isoDate(c, mo, d); ok {
						m.date = iso
					} else {
						note = fmt.Sprintf("year %d impossible: left unknown", y)
					}
				}
				m.note(note)
			}
		}
	}
	if m.year != 0 && !plausibleYear(m.year, bound) {
		if c, note, keep := fix(m.year, "year"); !keep {
			m.year = c
			m.note(note)
		}
	}
	if symYearAt > 0 && !plausibleYear(symYear, bound) {
		switch c, note, keep := fix(symYear, "symbol"); {
		case !keep && c != 0:
			segs[symYearAt] = strconv.Itoa(c)
			symYear = c
			m.note(note)
		case !keep:
			m.noYear = m.year == 0 && m.date == "" // the symbol's year is not the document's
			m.note(note)
		}
	}
	// A code the lexer joined across a space (joinSplitCode).
	if it := p.items[m.symAt]; strings.ContainsRune(string(p.r[it.start:it.end]), ' ') {
		raw := strings.FieldsFunc(string(p.r[it.start:it.end]), func(r rune) bool { return r == '/' || r == '-' || r == '&' })
		for _, s := range raw {
			s = strings.TrimSpace(s)
			if j := strings.ReplaceAll(s, " ", ""); strings.Contains(s, " ") && slices.Contains(segs[1:], j) {
				m.note(fmt.Sprintf("code %s read as %s", s, j))
			}
		}
	}
	// An issuer code the lexer found further down a cut table cell (cutIssuer).
	if it := p.items[m.symAt]; strings.ContainsRune(string(p.r[it.start:it.end]), '\n') {
		if segs := symbolSegments(m.sym); len(segs) > 0 {
			m.note(fmt.Sprintf("issuer %s read from a later line of the cut cell", segs[len(segs)-1]))
		}
	}
	// The codes, with the year now known.
	year := m.year
	if len(m.date) >= 4 {
		year = atoi(m.date[:4])
	}
	if year == 0 && plausibleYear(symYear, now) {
		year = symYear
	}
	first := true
	for i, s := range segs {
		if i == 0 || i%2 == 1 || s == "" || isDigit(rune(s[0])) {
			continue
		}
		c, ok := p.t.repairCode(s, first, year)
		if !ok && first && segs[1] == "/" {
			c, ok = p.t.splitTypeIssuer(s, year)
		}
		if ok {
			m.note(fmt.Sprintf("code %s read as %s", s, c))
			segs[i] = c
		}
		first = false
	}
	// A decree's symbol cut after its type ("18/2023/NĐ- -CP", "88/2016/NĐ-
	// .›"): every Nghị định since 1993 is the Government's, NĐ-CP (Luật Tổ
	// chức Chính phủ 1992; domain.md §1), so the issuer is not a guess.
	if n := len(segs); n == 5 && segs[1] == "/" && segs[3] == "/" && segs[4] == "NĐ" && allDigits(segs[2]) && atoi(segs[2]) >= 1993 && (m.typ == "" || m.typ == "Nghị định") {
		segs = append(segs, "-", "CP")
		m.note("issuer CP supplied to the cut decree symbol " + strings.Join(segs[:5], ""))
	}
	if sym := strings.Join(segs, ""); sym != m.sym {
		m.sym = sym
		p.items[m.symAt].key = sym
	}
}

// note records a repair once.
// end is the item after the mention and its subject, whichever ends later.
func (m *mention) end() int { return max(m.last, m.subjTo) }

func (m *mention) note(s string) {
	for _, n := range m.repaired {
		if n == s {
			return
		}
	}
	m.repaired = append(m.repaired, s)
}

// symbolSegments splits a canonical symbol into the number, then separators
// and segments alternately: "25-NQ/TW" → ["25", "-", "NQ", "/", "TW"].
func symbolSegments(sym string) []string {
	var out []string
	start := 0
	for i, c := range sym {
		if c == '/' || c == '-' || c == '&' {
			out = append(out, sym[start:i], string(c))
			start = i + 1
		}
	}
	return append(out, sym[start:])
}

// sentenceYears are the plausible years of the other dates of the sentence
// holding mention m ("ngày 26/11/2021", "năm 2021"), outside the mention's
// own identity.
func (p *refParser) sentenceYears(m *mention, bound int) map[int]bool {
	from, to := m.symAt, m.symAt
	for from > 0 && !p.boundary(from-1) {
		from--
	}
	for to < len(p.items) && !p.boundary(to) {
		to++
	}
	years := map[int]bool{}
	for k := from; k < to; k++ {
		if k >= m.first && k < m.last {
			continue
		}
		it := p.items[k]
		y := 0
		switch {
		case it.kind == itemDate:
			y = atoi(it.key[:4])
		case it.kind == itemNumber && len(it.key) == 4 && (p.word(k-1) == "nam" || p.word(k-1) == "thang"):
			y = atoi(it.key)
		}
		if plausibleYear(y, bound) {
			years[y] = true
		}
	}
	return years
}

// termBody names the body whose terms date mention m: the National Assembly
// for its codes and "Quốc hội", the Party centre for its codes and "Trung
// ương", "Bộ Chính trị", "Ban Bí thư"; "" for bodies with terms of their own
// (provincial committees, people's councils).
func (p *refParser) termBody(m *mention, segs []string) string {
	iss := normalize.Fold(m.issuer)
	last := segs[len(segs)-1]
	switch {
	case strings.Contains(iss, "quoc hoi"):
		return "assembly"
	case strings.Contains(iss, "tinh") || strings.Contains(iss, "huyen") || strings.Contains(iss, "hoi dong nhan dan"):
		return ""
	case strings.Contains(iss, "trung uong") || strings.Contains(iss, "bo chinh tri") || strings.Contains(iss, "ban bi thu"):
		return "party"
	}
	if _, ok := parliamentTerm(last); ok {
		return "assembly"
	}
	if strings.HasSuffix(strings.ToUpper(last), "TW") && len(segs) > 2 && segs[1] == "-" {
		return "party"
	}
	return ""
}

// joinSplitCode joins the last code of a symbol that OCR split with a space
// ("407-QĐ/T U", "06-QC/T U") when the joined code is in the tables and the
// part before the space is not. out is the symbol read so far and pos its
// end in r.
//
// A National Assembly code damaged and split before its term's last digit
// ("43/2022/QHI1 5", "22/2023/QHI 5") is joined when the joined code repairs
// to exactly one code of the tables (repairCode) and the part before the
// space is not a code: repairMention then reads it with the year known.
func joinSplitCode(r []rune, out []rune, pos int) ([]rune, int) {
	if pos+1 >= len(r) || r[pos] != ' ' {
		return out, pos
	}
	if isDigit(r[pos+1]) {
		return joinSplitTerm(r, out, pos)
	}
	if !isUpper(r[pos+1]) {
		return out, pos
	}
	s := len(out)
	for s > 0 && out[s-1] != '/' && out[s-1] != '-' && out[s-1] != '&' {
		s--
	}
	seg := string(out[s:])
	if seg == "" || isDigit(out[s]) {
		return out, pos
	}
	e := pos + 1
	for e < len(r) && e-pos <= 3 && isLetter(r[e]) {
		e++
	}
	if e < len(r) && isLetter(r[e]) || e-pos > 3 {
		return out, pos // a word, not the rest of a code
	}
	t := DefaultTables()
	joined := seg + string(r[pos+1:e])
	if t.knownCode(seg) || !t.knownCode(joined) {
		return out, pos
	}
	return append(out, r[pos+1:e]...), e
}

// joinSplitTerm is joinSplitCode for a term's digit after the space.
func joinSplitTerm(r []rune, out []rune, pos int) ([]rune, int) {
	e := pos + 1
	for e < len(r) && isDigit(r[e]) {
		e++
	}
	if e-pos > 2 || e < len(r) && (isLetter(r[e]) || r[e] == '/' || r[e] == '-') {
		return out, pos
	}
	s := len(out)
	for s > 0 && out[s-1] != '/' && out[s-1] != '-' && out[s-1] != '&' {
		s--
	}
	seg := string(out[s:])
	if seg == "" || isDigit(out[s]) || !strings.HasPrefix(strings.ToUpper(seg), "QH") && !strings.HasPrefix(strings.ToUpper(seg), "OH") {
		return out, pos
	}
	t := DefaultTables()
	joined := seg + string(r[pos+1:e])
	if t.knownCode(seg) {
		return out, pos
	}
	year := 0 // the year the symbol carries, which the term must hold
	if sp := ParseSymbol(string(out[:s]) + "X"); plausibleYear(sp.Year, nowYear()) {
		year = sp.Year
	}
	if c, ok := t.repairCode(joined, false, year); !ok || !strings.HasPrefix(c, "QH") {
		return out, pos
	}
	return append(out, r[pos+1:e]...), e
}

// scanOCRDate reads a numeric date that scanNumericDate does not: one that
// OCR spaced out ("03- 6-2013", "26/1 1/2021": one space inside the day or
// the month, or around a "/" or "-"), or whose year is impossible
// ("26/11/2621"), for repairMention to judge. The lexer tries it second.
func scanOCRDate(r []rune, i int) (string, int, bool) {
	n := len(r)
	num := func(j, max int) (int, int) {
		v, k := readInt(r, j, max)
		if k == j {
			return 0, j
		}
		// One space inside a two-digit number: "1 1/2021".
		if max == 2 && k-j == 1 && k+2 < n && r[k] == ' ' && isDigit(r[k+1]) && !isDigit(r[k+2]) {
			return v*10 + int(r[k+1]-'0'), k + 2
		}
		return v, k
	}
	space := func(j int) int {
		if j < n && r[j] == ' ' {
			return j + 1
		}
		return j
	}
	d, j := num(i, 2)
	if j == i {
		return "", 0, false
	}
	j = space(j)
	if j >= n || r[j] != '/' && r[j] != '-' {
		return "", 0, false
	}
	sep := r[j]
	j = space(j + 1)
	m, k := num(j, 2)
	if k == j {
		return "", 0, false
	}
	k = space(k)
	if k >= n || r[k] != sep {
		return "", 0, false
	}
	k = space(k + 1)
	y, e := readInt(r, k, 4)
	if e-k != 4 || e < n && isDigit(r[e]) {
		return "", 0, false
	}
	iso, ok := ocrDate(y, m, d)
	return iso, e, ok
}

// speck reports whether item k is a mark that scan noise adds between words:
// a quote, dot or comma with spaces on both sides ("ngày ' 30/9/2021"), or a
// dot before a lower-case word, which no sentence starts with ("số
// 58-KH/HU. ngày 20/02/2024").
func (p *refParser) speck(k int) bool {
	if k < 0 || k >= len(p.items) {
		return false
	}
	it := p.items[k]
	if it.kind != itemPunct || it.start == 0 || it.end+1 >= len(p.r) || p.r[it.end] != ' ' {
		return false
	}
	switch p.r[it.start] {
	case '\'', '‘', '’', '`', '·', ',':
		return p.r[it.start-1] == ' '
	case '.':
		next := p.r[it.end+1]
		return p.r[it.start-1] == ' ' || isLetter(next) && !isUpper(next)
	}
	return false
}

// completeFromText reads a symbol that a table cell, a page break or OCR cut
// short ("141/2025/TT-" ending a cell, "88/2016/NĐ- .›", "18/2023/NĐ- -CP",
// "206/2010/TT1" for TTLT-…) or whose codes OCR damaged beyond the tables'
// look-alikes ("65/2022/NĐZCP") as the one whole symbol that the same text
// writes elsewhere with the same number and year: the type it keeps must
// begin that symbol's type (a cut symbol), or its codes must be two edits
// from that symbol's (a damaged one). Two whole symbols that fit, or none,
// leave it as it is. ownSymbol (the citing document's) counts as written.
func (p *refParser) completeFromText(ownSymbol string) {
	whole := map[string][]string{} // number "/" year → whole symbols
	add := func(sym string) {
		sp := ParseSymbol(sym)
		if !p.wholeSymbol(sp) {
			return
		}
		k := sp.Number + "/" + strconv.Itoa(sp.Year)
		if !slices.Contains(whole[k], sym) {
			whole[k] = append(whole[k], sym)
		}
	}
	for _, m := range p.ms {
		add(m.sym)
	}
	add(ownSymbol)
	if len(whole) == 0 {
		return
	}
	byNumber := map[string][]string{} // number → whole symbols, any year
	for _, syms := range whole {
		for _, sym := range syms {
			n := ParseSymbol(sym).Number
			byNumber[n] = append(byNumber[n], sym)
		}
	}
	for i := range p.ms {
		m := &p.ms[i]
		sp := ParseSymbol(m.sym)
		if m.sym != "" && !sp.Party && sp.Year == 0 && len(sp.Issuers) > 0 {
			// A short form without the year ("NQ 254/QH15" in a title)
			// of the one whole symbol of that number and the same codes
			// the text writes ("Nghị quyết số 254/2025/QH15").
			p.completeYear(m, sp, byNumber[sp.Number])
			continue
		}
		if m.sym == "" || sp.Party || sp.Year == 0 || p.wholeSymbol(sp) {
			continue
		}
		codes := append([]string{sp.Type}, sp.Issuers...)
		if sp.Type == "" {
			codes = codes[1:]
		}
		if len(codes) == 0 {
			continue
		}
		// A type with nothing after it, or with a stray stroke ("TT1").
		cut := ""
		if len(codes) == 1 {
			if t := strings.TrimRight(codes[0], ocrStrays); t != "" && IsTypeCode(t) {
				cut = p.t.OfficialCode(t)
			}
		}
		damaged := strings.Join(codes, "")
		var hit string
		n := 0
		for _, c := range whole[sp.Number+"/"+strconv.Itoa(sp.Year)] {
			cp := ParseSymbol(c)
			ok := false
			if cut != "" {
				ok = strings.HasPrefix(strings.ToUpper(cp.Type), strings.ToUpper(cut))
			} else {
				w := strings.Join(append([]string{cp.Type}, cp.Issuers...), "")
				ok = utf8.RuneCountInString(w) >= 4 && EditDistance(strings.ToUpper(damaged), strings.ToUpper(w)) <= 2
			}
			if ok {
				hit = c
				n++
			}
		}
		if n != 1 {
			continue
		}
		p.adoptWhole(m, hit)
	}
}

// adoptWhole reads mention m as the whole symbol hit that the text writes
// elsewhere, and notes the repair.
func (p *refParser) adoptWhole(m *mention, hit string) {
	m.note(fmt.Sprintf("symbol %s read as %s, written so elsewhere in the text", m.sym, hit))
	m.sym = hit
	p.items[m.symAt].key = hit
	if !m.typeWasSet {
		m.typ = TypeOfSymbol(hit)
	}
}

// completeYear gives a yearless State symbol the year of the one whole
// symbol among candidates (the text's, of the same number) with the same
// type and issuer codes; none or two leave it as it is.
func (p *refParser) completeYear(m *mention, sp SymbolParts, candidates []string) {
	var hit string
	n := 0
	for _, c := range candidates {
		cp := ParseSymbol(c)
		if strings.EqualFold(cp.Type, sp.Type) && len(cp.Issuers) == len(sp.Issuers) &&
			slices.EqualFunc(cp.Issuers, sp.Issuers, strings.EqualFold) {
			hit = c
			n++
		}
	}
	if n != 1 {
		return
	}
	p.adoptWhole(m, hit)
	if m.year == 0 {
		m.year = ParseSymbol(hit).Year
	}
}

// wholeSymbol says whether a State symbol with a year names its issuer with
// codes the tables know, every one.
func (p *refParser) wholeSymbol(sp SymbolParts) bool {
	if sp.Party || sp.Year == 0 || len(sp.Issuers) == 0 {
		return false
	}
	if sp.Type != "" && !IsTypeCode(sp.Type) {
		return false
	}
	for _, c := range sp.Issuers {
		if !p.t.knownCode(c) {
			return false
		}
	}
	return true
}

// EditDistance is the Levenshtein distance between a and b, in runes.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
