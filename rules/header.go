package rules

import (
	"strings"
	"unicode/utf8"

	"vanban/normalize"
)

// header is what the top of a document says about itself (ND 30/2020 Phụ lục
// I, ô 1–5; HD 36-HD/VPTW 1.1–1.3 for Party documents).
type header struct {
	issuerLines []string // "ĐẢNG BỘ TỈNH LAI CHÂU", "THÀNH ỦY LAI CHÂU"
	symbol      string
	date        string
	place       string
	typ         string
	subject     string
	party       bool
	issuerText  string // the issuer as running text (a metadata line)
	symbolPart  string // what could be read of a symbol whose number could not ("/CT-UBND")
	typeLine    int    // index of the type line, -1 if none
	bodyLine    int    // index of the first line of the body
	subjFrom    int    // rune range of the subject (the title zone)
	subjTo      int
}

// mottoes are the national motto lines (ô 1) and the Party's name line.
var mottoes = []string{"cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc", "doc lap tu do hanh phuc", "dang cong san viet nam"}

func isMotto(f string) (bool, bool) {
	for i, m := range mottoes {
		if strings.Contains(f, m) {
			return true, i == 3
		}
	}
	// "Độc lập Tự do - Hạnh phúc", "Độc lập -Tự do - Hạnh Phúc": spacing varies.
	if strings.Contains(f, "doc lap") && strings.Contains(f, "hanh phuc") && len(f) < 60 {
		return true, false
	}
	return false, false
}

// headerScanLimit bounds how far down the header is looked for.
const headerScanLimit = 40

// parseHeader reads the header block: issuer lines, "Số …", place and date,
// type line and subject. It stops at the first body line: an opening cue
// ("Căn cứ", "Thực hiện" ending in ":" or "."), a heading, or a long line.
func parseHeader(lines []textLine, t *Tables) header {
	h := header{typeLine: -1, bodyLine: 0}
	limit := len(lines)
	if limit > headerScanLimit {
		limit = headerScanLimit
	}
	i := 0
	for ; i < limit; i++ {
		l := lines[i]
		s := strings.TrimSpace(l.s)
		if s == "" {
			continue
		}
		f := l.f
		if ok, party := isMotto(f); ok {
			if party {
				h.party = true
			}
			// A two-column line "BỘ NỘI VỤ CỘNG HÒA XÃ HỘI …": keep the issuer part.
			if k := strings.Index(f, "cong hoa xa hoi"); k > 0 && h.typeLine < 0 {
				if left := strings.TrimSpace(string([]rune(s)[:len([]rune(f[:k]))])); isCaps(left) {
					h.issuerLines = append(h.issuerLines, left)
				}
			}
			continue
		}
		if s == "*" {
			h.party = true
			continue
		}
		if i == firstNonEmpty(lines) {
			if dt, sym, rest, ok := titleLine(s, t); ok {
				// A portal's title line: "Quyết định số 77/2006/QĐ-TTg Ban hành …".
				h.typ, h.symbol, h.subject = dt.Name, sym, rest
				h.subjFrom, h.subjTo = l.end-len([]rune(rest)), l.end
				h.typeLine = i
				continue
			}
		}
		if strings.HasPrefix(f, "v/v") && h.subject == "" {
			// A công văn's subject under its number (ND 30 ô 5b): "V/v …".
			h.subject = strings.TrimSpace(strings.TrimLeft(string([]rune(s)[3:]), ": "))
			h.subjFrom, h.subjTo = l.end-len([]rune(h.subject)), l.end
			continue
		}
		if _, _, ok := metaLine(s, f); ok {
			continue // read by metaLines below
		}
		if sym, ok := symbolLine(s, f, t); ok {
			if h.symbol == "" {
				h.symbol = sym
			}
			continue
		}
		if partial, ok := unreadSymbolLine(s, f); ok {
			// "Số: @# /CT-UBND": a number written by hand and not read.
			if h.symbol == "" && h.symbolPart == "" {
				h.symbolPart = partial
			}
			continue
		}
		if place, date, ok := placeDateLine(s); ok {
			if h.date == "" {
				h.date, h.place = date, place
			}
			continue
		}
		if strings.Contains(f, "ngay") && i+1 < len(lines) {
			// "Nghệ An, ngày 05" / "tháng 9 năm 2022": a date line broken in two.
			if place, date, ok := placeDateLine(s + " " + strings.TrimSpace(lines[i+1].s)); ok && len(date) == 10 {
				if h.date == "" {
					h.date, h.place = date, place
				}
				i++
				continue
			}
		}
		if h.typeLine < 0 {
			dt, rest, ok := typeLine(s, t)
			if !ok && isCaps(s) && i+1 < len(lines) && isCaps(lines[i+1].s) && utf8.RuneCountInString(s) < 12 {
				// "NGHỊ" / "ĐỊNH": a type name broken across lines.
				if dt, rest, ok = typeLine(s+" "+strings.TrimSpace(lines[i+1].s), t); ok && rest == "" {
					i++
					l = lines[i]
				}
			}
			if ok {
				h.typ, h.typeLine = dt.Name, i
				h.subjFrom = l.start
				if rest != "" {
					h.subject = rest
					h.subjFrom = l.end - len([]rune(rest))
					h.subjTo = l.end
				}
				i = h.readSubject(lines, i+1)
				h.bodyLine = i
				break
			}
		}
		if isHeading(s) || startsWithCue(f) || len([]rune(s)) > 160 {
			break
		}
		if isCaps(s) && h.symbol == "" && h.date == "" {
			h.issuerLines = append(h.issuerLines, s)
			continue
		}
		// A short mixed-case line: a title in running text ("Kết luận của
		// Ban Thường vụ …"), "Kính gửi: …", or a header line OCR damaged
		// ("Quảng Ngãi, ngày 22 thángØ† năm 2021"). The header goes on; a
		// long line, an opening cue or a heading ends it.
		if len([]rune(s)) > 100 {
			break
		}
	}
	if h.typeLine < 0 {
		h.bodyLine = i
		if i == limit {
			h.bodyLine = 0
		}
	}
	return h
}

// readSubject reads the trích yếu after the type line: the following lines up
// to a blank line, an opening sentence, a heading or the body. It returns the
// index of the first body line.
func (h *header) readSubject(lines []textLine, i int) int {
	// Skip blank lines right after the type line only when no subject yet.
	for i < len(lines) && strings.TrimSpace(lines[i].s) == "" && h.subject == "" {
		i++
	}
	for n := 0; i < len(lines) && n < 4; n++ {
		l := lines[i]
		s := strings.TrimSpace(l.s)
		if s == "" || isHeading(s) {
			break
		}
		if ok, _ := isMotto(l.f); ok {
			break
		}
		rs := []rune(s)
		last := rs[len(rs)-1]
		if len(rs) > 300 || (startsWithCue(l.f) && (last == ':' || last == '.' || last == ';' || len(rs) > 250)) {
			break
		}
		if strings.HasPrefix(l.f, "v/v") {
			s = strings.TrimSpace(strings.TrimPrefix(s[3:], ":"))
		}
		if h.subject == "" {
			h.subject = s
			h.subjFrom = l.start
		} else {
			h.subject += " " + s
		}
		h.subjTo = l.end
		i++
		if last == '.' || last == ':' {
			break
		}
	}
	h.subject = strings.TrimSpace(h.subject)
	return i
}

// symbolLine reads "Số: 15/QĐ-BNV", "Số 109-KH/ThU", "Luật số: 121/2025/QH15",
// "Nghị quyết số: 170/2024/QH15".
func symbolLine(s, f string, t *Tables) (string, bool) {
	k := strings.Index(f, "so")
	if k < 0 || k > 30 {
		return "", false
	}
	if k > 0 {
		if _, ok := t.typeByWords[strings.Join(strings.Fields(f[:k]), " ")]; !ok {
			return "", false
		}
	}
	rs := closeSlashGaps([]rune(s))
	j := len([]rune(f[:k])) + 2
	for j < len(rs) && (rs[j] == ':' || rs[j] == ' ' || rs[j] == '.') {
		j++
	}
	if j >= len(rs) || !isDigit(rs[j]) {
		return "", false
	}
	// A number written by hand into the typed box comes out of OCR with
	// specks around a digit or two it guessed ("Sô:4` /TB-UBND" for 46,
	// "Số:⁄‡6" for 16, "Số: 0 /QĐ-BCĐ138"): such a number is not read, and
	// unreadSymbolLine keeps what is.
	e := j
	for e < len(rs) && (isDigit(rs[e]) || rs[e] == '.' && e+1 < len(rs) && isDigit(rs[e+1])) {
		e++ // "66.15/2026/NQ-CP": a sub-number after a dot
	}
	if strings.Trim(string(rs[j:e]), "0") == "" {
		return "", false // no document is numbered 0
	}
	for m := e; m < len(rs) && rs[m] != '/' && rs[m] != '-'; m++ {
		if rs[m] != ' ' {
			return "", false
		}
	}
	sym, end, ok := scanSymbol(rs, j)
	if !ok {
		return "", false
	}
	// What follows in the row of the header's table: the date, or a rule
	// drawn with dashes beside a typist's code ("Số : 26/2001/NĐ-CP -----…
	// h.L300"). Long running text is not a header line.
	rest := strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == '=' || r == '.' || r == '|' {
			return -1
		}
		return r
	}, string(rs[end:]))
	if utf8.RuneCountInString(strings.TrimSpace(rest)) > 40 {
		return "", false
	}
	return sym, true
}

// closeSlashGaps removes the spaces a typist left after a slash inside a
// symbol ("99/ 1998/TT-BTC"): the runes before the slash are kept, so the
// offsets of the line's start do not move.
func closeSlashGaps(rs []rune) []rune {
	out := rs[:0:0]
	for i := 0; i < len(rs); i++ {
		out = append(out, rs[i])
		if rs[i] == '/' && i > 0 && isDigit(rs[i-1]) {
			k := i + 1
			for k < len(rs) && rs[k] == ' ' {
				k++
			}
			if k > i+1 && k < len(rs) && isDigit(rs[k]) {
				i = k - 1
			}
		}
	}
	return out
}

// unreadSymbolLine recognises a "Số:" line whose number could not be read
// (handwritten into a typed form and OCRed as "@#", "_", "…") and returns the
// readable rest of the symbol: "/CT-UBND".
func unreadSymbolLine(s, f string) (string, bool) {
	if !(strings.HasPrefix(f, "so:") || strings.HasPrefix(f, "so :")) || len([]rune(s)) > 40 {
		return "", false
	}
	rs := []rune(s)
	digits := ""
	for i, r := range rs {
		if isDigit(r) {
			digits += string(r)
		}
		if r == '/' || r == '-' {
			rest := strings.ReplaceAll(string(rs[i:]), " ", "")
			if strings.IndexFunc(rest, isUpper) >= 0 {
				// Mend the codes as a whole symbol would be mended ("QĐĐ").
				if sym := canonicalSymbol("0" + rest); len(sym) > 1 {
					rest = sym[1:]
				}
				// Digits OCR saw in the box are kept, marked as uncertain:
				// "86?/QĐ-UBND".
				if strings.Trim(digits, "0") != "" {
					rest = digits + "?" + rest
				}
				return rest, true
			}
		}
	}
	return "", true
}

// placeDateLine reads "TP. Lai Châu, ngày 10 tháng 01 năm 2023" (ô 4). When
// the day was written by hand and not read ("ngày #6 tháng 3 năm 2018"), the
// month and year are kept as an ISO 8601 reduced date ("2018-03").
func placeDateLine(s string) (place, date string, ok bool) {
	rs := []rune(s)
	if len(rs) > 120 {
		return "", "", false
	}
	p := &refParser{r: rs, items: lex(rs).items}
	ngay := -1 // item index of "ngày"
	for i, it := range p.items {
		if it.kind != itemWord || it.key != "ngay" {
			continue
		}
		ngay = i
		iso, e, ok := p.dateAt(i + 1)
		if ok && (e == len(p.items) || e == len(p.items)-1 && p.items[e].kind == itemPunct) {
			if !placeLike(placeBefore(rs, it.start)) {
				return "", "", false
			}
			return placeBefore(rs, it.start), iso, true
		}
	}
	if ngay < 0 || !placeLike(placeBefore(rs, p.items[ngay].start)) {
		return "", "", false
	}
	// The day was written by hand and not read: keep "tháng M năm Y".
	for i := ngay + 1; i+3 < len(p.items); i++ {
		if p.items[i].kind == itemWord && p.word(i) != "thang" && utf8.RuneCountInString(p.word(i)) > 1 {
			// "Ngày hiệu lực: 01 tháng 3 năm 2027": words, not an unread day,
			// stand between "ngày" and the month.
			if !strings.HasPrefix(p.word(i), "thang") {
				return "", "", false
			}
		}
		if p.word(i) != "thang" || p.word(i+2) != "nam" || p.items[i+1].kind != itemNumber || p.items[i+3].kind != itemNumber {
			continue
		}
		m, y := atoi(p.items[i+1].key), atoi(p.items[i+3].key)
		if m >= 1 && m <= 12 && y >= 1900 && y <= 2100 {
			return placeBefore(rs, p.items[ngay].start), itoa(y) + "-" + twoDigits(m), true
		}
	}
	// Only the year could be read: "ngày 22 thángØ† năm 2021".
	for i := len(p.items) - 2; i > ngay; i-- {
		if p.word(i) == "nam" && p.items[i+1].kind == itemNumber && i+2 == len(p.items) {
			if y := atoi(p.items[i+1].key); y >= 1900 && y <= 2100 && p.hasWord(ngay, i, "thang") {
				return placeBefore(rs, p.items[ngay].start), itoa(y), true
			}
		}
	}
	return "", "", false
}

// placeLike reports whether the text before "ngày" can be the place of a
// date line (ô 4: "Hà Nội", "TP. Lai Châu", "Tây Sơn", or nothing). A column
// of a metadata table ("Văn bản sửa đổi | Thông tư 52/2025/TT-BTC ngày …"),
// a cited symbol or a sentence is not: the date after it is another
// document's, or not the date of issue.
func placeLike(s string) bool {
	if s == "" {
		return true
	}
	if strings.ContainsAny(s, "|/:;") || utf8.RuneCountInString(s) > 50 || len(strings.Fields(s)) > 7 {
		return false
	}
	// "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001": an opening
	// sentence citing a document.
	if startsWithCue(normalize.Fold(s)) {
		return false
	}
	rs := []rune(s)
	p := &refParser{t: DefaultTables(), r: rs, items: lex(rs).items}
	for i := range p.items {
		if dt, _ := p.typeAt(i); dt != nil {
			return false
		}
	}
	return true
}

// placeBefore is the place name before "ngày": "TP. Lai Châu, ngày …".
func placeBefore(rs []rune, at int) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(string(rs[:at])), ","))
}

// hasWord reports whether a word starting with folded w occurs among items
// (from, to): OCR glues specks to words ("thángØ†").
func (p *refParser) hasWord(from, to int, w string) bool {
	for k := from + 1; k < to; k++ {
		if strings.HasPrefix(p.word(k), w) {
			return true
		}
	}
	return false
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}

// typeLine matches a title line that starts with a document type in capitals:
// "KẾ HOẠCH", "NGHỊ ĐỊNH", "KẾ HOẠCH Phối hợp thực hiện …". The rest of the
// line, if any, begins the subject.
func typeLine(s string, t *Tables) (*DocType, string, bool) {
	words := strings.Fields(s)
	if len(words) == 0 {
		return nil, "", false
	}
	// In any case when the line is the type name alone ("Kế hoạch").
	if dt, ok := t.typeByWords[strings.Join(foldWords(s), " ")]; ok && len(words) <= t.maxTypeWords {
		return dt, "", true
	}
	best, bestN := (*DocType)(nil), 0
	for n := 1; n <= t.maxTypeWords && n <= len(words); n++ {
		cand := strings.Join(words[:n], " ")
		if !isCaps(cand) || normalize.Fold(cand) == "" {
			break
		}
		if dt, ok := t.typeByWords[strings.Join(foldWords(cand), " ")]; ok {
			best, bestN = dt, n
		}
	}
	if best == nil {
		return nil, "", false
	}
	rest := strings.TrimSpace(strings.Join(words[bestN:], " "))
	// "KẾ HOẠCH SỐ 12" or a capitals sentence is not a type line.
	if rest != "" && (strings.HasPrefix(normalize.Fold(rest), "so ") || len([]rune(rest)) > 300) {
		return nil, "", false
	}
	return best, rest, true
}

func firstNonEmpty(lines []textLine) int {
	for i, l := range lines {
		if strings.TrimSpace(l.s) != "" {
			return i
		}
	}
	return -1
}

// titleLine reads a title written as running text: "<Type> số <symbol>
// <subject>", as portals print them.
func titleLine(s string, t *Tables) (*DocType, string, string, bool) {
	rs := []rune(s)
	l := lex(rs)
	p := &refParser{t: t, r: rs, items: l.items}
	for k := 1; k < len(l.items) && k <= t.maxTypeWords; k++ {
		dt, e := p.typeAt(0)
		if dt == nil || !isUpper(rs[0]) {
			return nil, "", "", false
		}
		if p.word(e) == "so" {
			e++
		}
		if e < len(l.items) && l.items[e].kind == itemSymbol {
			rest := ""
			if e+1 < len(l.items) {
				rest = strings.TrimSpace(string(rs[l.items[e+1].start:]))
			}
			return dt, l.items[e].key, rest, true
		}
		return nil, "", "", false
	}
	return nil, "", "", false
}

// metaLabels are the labels of metadata blocks that portals and Markdown
// front matter put above a text ("Số hiệu", "Loại văn bản", "Cơ quan ban
// hành"…), folded; the value may follow without a separator.
var metaLabels = []string{"so hieu", "so ky hieu", "loai van ban", "co quan ban hanh", "nguoi ky", "ngay ban hanh", "trich yeu"}

func metaLine(s, f string) (string, string, bool) {
	// A list of properties: "- Ngày ban hành: 27/02/2026".
	for _, b := range []string{"- ", "* ", "+ ", "• "} {
		if strings.HasPrefix(f, b) && strings.HasPrefix(s, b) {
			s, f = strings.TrimSpace(s[len(b):]), strings.TrimSpace(f[len(b):])
			break
		}
	}
	for _, lb := range metaLabels {
		if !strings.HasPrefix(f, lb) {
			continue
		}
		// The value follows a separator, or is glued on by a portal's
		// export ("Số hiệu02/VBHN-BNV", "Loại văn bảnVăn bản hợp nhất").
		rs := []rune(s)
		n := len([]rune(lb))
		if n < len(rs) && isLetter(rs[n]) && !isUpper(rs[n]) {
			continue
		}
		{
			v := strings.TrimSpace(string(rs[n:]))
			v = strings.TrimSpace(strings.TrimLeft(v, ":| "))
			if v == "" || v == "--" {
				return "", "", false
			}
			return lb, v, true
		}
	}
	return "", "", false
}

// metaKeys maps the keys of front matter and metadata tables, folded with
// separators removed, to the labels of metaLabels.
var metaKeys = map[string]string{
	"so": "so hieu", "sohieu": "so hieu", "sokyhieu": "so hieu", "so ky hieu": "so hieu",
	"loai": "loai van ban", "loaivanban": "loai van ban",
	"bo": "co quan ban hanh", "coquan": "co quan ban hanh", "coquanbanhanh": "co quan ban hanh", "cquanbanhanh": "co quan ban hanh",
	"ngay": "ngay ban hanh", "ngaybanhanh": "ngay ban hanh", "title": "title",
	// English keys some sites write ("number: 91/2026/TT-BTC", "issuedate:
	// 2026-06-30", "issuer: Bộ Tài chính"); a bare "date" is the page's own.
	"number": "so hieu", "issuedate": "ngay ban hanh", "issuer": "co quan ban hanh",
}

// meta fills header fields from a metadata line where the header itself is silent.
func (h *header) meta(label, value string, t *Tables) {
	if k, ok := metaKeys[strings.ReplaceAll(label, " ", "")]; ok {
		label = k
	}
	switch label {
	case "title":
		if dt, sym, rest, ok := titleLine(value, t); ok {
			if h.typ == "" {
				h.typ = dt.Name
			}
			if h.symbol == "" {
				h.symbol = sym
			}
			if h.subject == "" {
				h.subject = rest
			}
		}
	case "so hieu", "so ky hieu":
		rs := []rune(value)
		if len(rs) > 0 && isDigit(rs[0]) && h.symbol == "" {
			if sym, _, ok := scanSymbol(rs, 0); ok {
				h.symbol = sym
			}
		}
	case "loai van ban":
		if h.typ == "" {
			rs := []rune(value)
			p := &refParser{t: t, r: rs, items: lex(rs).items}
			if dt, _ := p.typeAt(0); dt != nil {
				h.typ = dt.Name
			}
		}
	case "co quan ban hanh":
		if len(h.issuerLines) == 0 {
			h.issuerText = value
		}
	case "ngay ban hanh":
		rs := []rune(value)
		if h.date != "" || len(rs) == 0 {
			break
		}
		if iso, _, ok := scanNumericDate(rs, 0); ok {
			h.date = iso
		} else if len(rs) >= 10 && rs[4] == '-' {
			if iso, ok := isoDate(atoi(string(rs[:4])), atoi(string(rs[5:7])), atoi(string(rs[8:10]))); ok {
				h.date = iso
			}
		} else {
			p := &refParser{r: rs, items: lex(rs).items}
			if iso, _, ok := p.dateAt(0); ok {
				h.date = iso
			}
		}
	}
}

// metaScanLimit bounds how far metadata lines are looked for.
const metaScanLimit = 80

// metaLines reads metadata lines ("Số hiệu | 278/2026/NĐ-CP") near the top
// into the header fields that the header left empty.
func (h *header) metaLines(lines []textLine, t *Tables) {
	for i := 0; i < len(lines) && i < metaScanLimit; i++ {
		if label, value, ok := metaLine(strings.TrimSpace(lines[i].s), lines[i].f); ok {
			h.meta(label, value, t)
		}
	}
}
