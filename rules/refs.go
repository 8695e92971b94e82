package rules

import (
	"strconv"
	"strings"

	"vanban/normalize"
)

// mention is one full mention of a numbered document in the text.
type mention struct {
	sym        string
	typ        string
	first      int // item index where the mention starts (type phrase, or the symbol)
	symAt      int // item index of the symbol
	last       int // item index after the identity part (symbol, date, issuer, term)
	subjFrom   int // item range of the subject ("về …", a quoted title); subjTo == subjFrom if none
	subjTo     int
	date       string
	year       int
	issuer     string
	term       string
	subject    string
	relation   Relation
	name       string // a law cited by name and date: its whole name
	number     string // a number cited with its issuer and no symbol ("Nghị quyết 40 của Quốc hội")
	parent     int    // index of the mention whose subject holds this one, or -1
	aliasKey   string
	typeWasSet bool // the type was written, not inferred from the symbol

	// repaired notes the OCR repairs of its symbol, date or year (repair.go);
	// noYear is set when the year in its symbol is impossible and unrepaired.
	repaired []string
	noYear   bool
}

// refParser finds references in lexed text.
type refParser struct {
	t     *Tables
	r     []rune
	items []item
	ms    []mention
	lines []int32 // line number of each item, made on first use
	// basis are the sections under a heading "Căn cứ pháp lý", "Căn cứ xây
	// dựng kế hoạch": their items are the document's basis.
	basis []zone
	own   string // the citing document's own symbol, once known
	// symEnds maps the item of each mention's symbol to the item after its
	// identity (mentionEnds)
	symEnds map[int]int
	// nameItems are the items inside the name of a law cited by name
	// (made on first use, inLawName)
	nameItems []bool
	namesDone bool
}

func (p *refParser) word(i int) string {
	if i < 0 || i >= len(p.items) || p.items[i].kind != itemWord {
		return ""
	}
	return p.items[i].key
}

func (p *refParser) punct(i int) string {
	if i < 0 || i >= len(p.items) || p.items[i].kind != itemPunct {
		return ""
	}
	return p.items[i].key
}

func (p *refParser) text(from, to int) string {
	if from >= to || from < 0 || to > len(p.items) {
		return ""
	}
	return strings.TrimSpace(string(p.r[p.items[from].start:p.items[to-1].end]))
}

// typeEndingAt matches the longest document type name whose last word is item
// b; it returns the type and the index of its first word.
func (p *refParser) typeEndingAt(b int) (*DocType, int) {
	w := p.word(b)
	if w == "" {
		return nil, -1
	}
	for _, dt := range p.t.typesByLast[w] { // longest first
		a := b - len(dt.words) + 1
		if a >= 0 && p.wordsAt(a, dt.words) {
			return dt, a
		}
	}
	return nil, -1
}

// typeAt matches the longest type name starting at item a; it returns the
// type and the index after it.
func (p *refParser) typeAt(a int) (*DocType, int) {
	w := p.word(a)
	if w == "" {
		return nil, -1
	}
	for _, dt := range p.t.typesByFirst[w] { // longest first
		if p.wordsAt(a, dt.words) {
			return dt, a + len(dt.words)
		}
	}
	return nil, -1
}

// boundary reports items that end a clause for relation cues and lookbacks.
func (p *refParser) boundary(i int) bool {
	it := p.items[i]
	if it.kind == itemBreak {
		return true
	}
	if it.kind == itemPunct {
		switch it.key {
		case ".":
			// A part's number ("khoản 16.3", "mục 3.4.2") and the
			// English "No." ("Decree No. 16/2005/ND-CP") end no clause.
			return !p.innerDot(i) && !p.noDot(i)
		case ";", ":", "!", "?":
			return true
		}
	}
	return false
}

// noDot reports whether the "." at item i abbreviates "No" before a
// number or a symbol: "This Decree replaces Decree No. 16/2005/ND-CP".
func (p *refParser) noDot(i int) bool {
	if i == 0 || i+1 >= len(p.items) || p.word(i-1) != "no" || p.items[i-1].end != p.items[i].start {
		return false
	}
	k := p.items[i+1].kind
	return k == itemSymbol || k == itemNumber
}

// innerDot reports whether the "." at item i joins two numbers with no
// space: "16.3", "3.4.2".
func (p *refParser) innerDot(i int) bool {
	if i == 0 || i+1 >= len(p.items) {
		return false
	}
	a, it, b := p.items[i-1], p.items[i], p.items[i+1]
	return a.kind == itemNumber && b.kind == itemNumber && a.end == it.start && it.end == b.start
}

// findMentions builds a mention around every symbol item.
func (p *refParser) findMentions() {
	formEnd := -1             // item after the last form code: a list after it shares it
	var forms map[string]bool // codes written after a form word somewhere
	for k, it := range p.items {
		if it.kind == itemWord && (it.key == "luat" || it.key == "bo" || it.key == "phap") {
			if m, ok := p.lawByName(k); ok {
				p.ms = append(p.ms, m)
			}
			continue
		}
		if it.kind == itemNumber {
			if m, ok := p.numberWithIssuer(k); ok {
				p.ms = append(p.ms, m)
			}
			continue
		}
		if it.kind != itemSymbol {
			continue
		}
		if p.fragment(k) {
			continue
		}
		if p.formBefore(k, formEnd) {
			formEnd = k + 1
			if forms == nil {
				forms = map[string]bool{}
			}
			forms[it.key] = true
			continue
		}
		p.sharedSuffix(k)
		m := mention{sym: it.key, symAt: k, first: k, parent: -1}
		p.lookBack(&m)
		p.lookForward(&m)
		if m.issuer == "" {
			m.issuer = p.issuerBefore(m.first) // refplace.go
		}
		p.ms = append(p.ms, m)
	}
	// A code the text names a form once ("Mẫu số 04/SS-HĐĐT") is a form
	// where it stands bare too (a list of forms: "04/SS-HĐĐT" / "Thông báo
	// hóa đơn điện tử đã lập sai").
	if forms != nil {
		kept := p.ms[:0]
		for _, m := range p.ms {
			if m.sym == "" || !forms[m.sym] || m.typeWasSet {
				kept = append(kept, m)
			}
		}
		p.ms = kept
	}
	// A list shares the issuer written after its last item: "Quyết định số
	// 217-QĐ/TW, Quyết định số 218-QĐ/TW của Bộ Chính trị (khóa XI)", "các
	// Công văn số 4830/KTTH ngày 24/9/1997, số 1440/CP-KTTH … của Chính phủ".
	for j := len(p.ms) - 2; j >= 0; j-- {
		a, b := &p.ms[j], &p.ms[j+1]
		if a.issuer != "" || a.subject != "" || b.issuer == "" || a.date != "" && b.typ != a.typ {
			continue
		}
		sep := true
		for k := a.last; k < b.first; k++ {
			if !(p.punct(k) == "," || p.word(k) == "va" || p.word(k) == "so") {
				sep = false
				break
			}
		}
		if sep {
			a.issuer, a.term = b.issuer, b.term
		}
	}
	// A symbol inside another mention's subject is nested in it.
	for j := range p.ms {
		for i := j - 1; i >= 0; i-- {
			if p.ms[i].subjFrom < p.ms[j].symAt && p.ms[j].symAt < p.ms[i].subjTo {
				if at := p.laterInList(i, j); at >= 0 {
					// "Nghị định số X/2016 … quy định chi tiết … Luật Phí
					// và lệ phí và Nghị định số Y/2023 … sửa đổi … Nghị
					// định số X/2016 … hết hiệu lực": a document of 2016
					// cannot name one of 2023 in what it is; Y is the next
					// item of the list and X's subject ends before it.
					p.cutSubject(i, at)
					continue
				}
				p.ms[j].parent = i
				break
			}
		}
	}
}

// lookBack finds the type of a mention: "Chỉ thị số 33/CT-TTg", "Luật Tổ chức
// Chính phủ số 63/2025/QH15", "Quyết định của Bộ Chính trị số 31-QĐ/TW",
// "Quyết định số 217-QĐ/TW và 218-QĐ/TW".
func (p *refParser) lookBack(m *mention) {
	b := m.symAt - 1
	if p.punct(b) == ":" {
		b--
	}
	hasSo := false
	if w := p.word(b); w == "so" {
		b--
		hasSo = true
	}
	if dt, a := p.typeEndingAt(b); dt != nil {
		m.typ, m.first, m.typeWasSet = dt.Name, a, true
		return
	}
	// Party style: "<type> của <issuer> số <symbol>".
	if hasSo {
		for i := b; i >= 0 && i > b-12 && !p.boundary(i); i-- {
			if p.word(i) == "cua" {
				if dt, a := p.typeEndingAt(i - 1); dt != nil {
					m.typ, m.first, m.typeWasSet = dt.Name, a, true
					m.issuer = p.text(i+1, b+1)
					return
				}
			}
		}
	}
	// Laws are named before their number: "Luật Tổ chức Chính phủ số
	// 63/2025/QH15", "Bộ luật Lao động số 45/2019/QH14" (Luật, Bộ luật, Pháp
	// lệnh: capitalised type, then the name). The nearest one in the clause
	// is taken: "Luật sửa đổi … của Luật Cán bộ … số 52/2019/QH14" is a Luật
	// either way.
	if hasSo {
		for i := b; i >= 0 && i > b-25 && !p.boundary(i); i-- {
			if p.items[i].kind == itemSymbol {
				break
			}
			dt, a := p.typeEndingAt(i)
			if dt == nil || !namedByName[dt.Name] || !isUpper(p.r[p.items[a].start]) {
				continue
			}
			m.typ, m.first, m.typeWasSet = dt.Name, a, true
			return
		}
	}
	// A list sharing the type: "Quyết định số 217-QĐ/TW và 218-QĐ/TW".
	if prev := len(p.ms) - 1; prev >= 0 {
		j := b
		if w := p.word(j); w == "va" || p.punct(j) == "," {
			j--
		}
		if j == p.ms[prev].last-1 || j == p.ms[prev].symAt {
			m.typ = p.ms[prev].typ
			return
		}
	}
	m.typ = TypeOfSymbol(m.sym)
}

// namedByName are the types cited by their name before their number.
var namedByName = map[string]bool{"Luật": true, "Bộ luật": true, "Pháp lệnh": true}

// issuerStops end an issuer phrase after "của" (lower-case, with tones:
// "số" stops but "Sở" does not).
var issuerStops = map[string]bool{
	"về": true, "khóa": true, "khoá": true, "ngày": true, "số": true, "tại": true, "đã": true, "trong": true,
	"nhằm": true, "theo": true, "để": true, "đối": true, "năm": true, "giai": true, "này": true,
	"từ": true, "đến": true, "sau": true, "gửi": true, "cho": true, "với": true, "có": true, "được": true,
}

// issuerVerbStops are lower-case verb phrases that follow an issuer's name:
// "… của Chính phủ quy định tạm thời …", "… của Ban Thường vụ Thành ủy triển
// khai thực hiện …" (folded).
var issuerVerbStops = [][]string{
	{"ban", "hanh"}, {"quy", "dinh"}, {"trien", "khai"}, {"thuc", "hien"}, {"huong", "dan"},
	{"chi", "dao"}, {"lanh", "dao"}, {"yeu", "cau"}, {"phe", "duyet"}, {"to", "chuc"},
	{"tiep", "tuc"}, {"sua", "doi"}, {"bo", "sung"}, {"thay", "the"}, {"xay", "dung"},
	{"de", "ra"}, {"ve", "viec"}, {"thong", "qua"}, {"cu", "the"}, {"giao"}, {"kem", "theo"},
	{"cham", "dut"}, {"het", "hieu"}, {"bai", "bo"},
}

// capsVerbStops are the verbs of issuerVerbStops that end an issuer written
// in capitals.
var capsVerbStops = [][]string{
	{"ban", "hanh"}, {"quy", "dinh"}, {"trien", "khai"}, {"thuc", "hien"}, {"huong", "dan"},
	{"sua", "doi"}, {"bo", "sung"}, {"thay", "the"}, {"bai", "bo"}, {"het", "hieu"},
}

// lower is the lower-case original text of a word item.
func (p *refParser) lower(i int) string {
	return strings.ToLower(string(p.r[p.items[i].start:p.items[i].end]))
}

// issuerStopAt reports whether the issuer phrase ends before item k.
func (p *refParser) issuerStopAt(k int) bool {
	if issuerStops[p.lower(k)] {
		return true
	}
	if isUpper(p.r[p.items[k].start]) {
		// In a title set in capitals a verb is in capitals too ("… CỦA BỘ
		// TRƯỞNG BỘ KHOA HỌC VÀ CÔNG NGHỆ QUY ĐỊNH CHI TIẾT …"); only the
		// verbs no body's name holds ("BAN CHỈ ĐẠO" does) end it there.
		if !p.inCaps(k) {
			return false
		}
		for _, v := range capsVerbStops {
			if p.wordsAt(k, v) {
				return true
			}
		}
		return false
	}
	for _, v := range issuerVerbStops {
		if p.wordsAt(k, v) {
			return true
		}
	}
	return false
}

// namesOnWithVa reports whether the words of items [from, k) and the "và"
// at k begin the name of a national body whose name goes on in lower case
// ("Ủy ban Bảo vệ và chăm sóc trẻ em").
func (p *refParser) namesOnWithVa(from, k int) bool {
	var words []string
	for i := from; i < k; i++ {
		if p.items[i].kind == itemWord {
			words = append(words, p.items[i].key)
		}
	}
	if len(words) == 0 {
		return false
	}
	pre := strings.Join(words, " ") + " va "
	for _, h := range nationalHeads() {
		if strings.HasPrefix(h, pre) {
			return true
		}
	}
	return false
}

// lookForward reads what follows a symbol: date, issuer, term, subject, alias.
func (p *refParser) lookForward(m *mention) {
	n := len(p.items)
	i := m.symAt + 1
	m.last = i
	skipComma := func() {
		if p.punct(i) == "," {
			i++
		}
	}
	// Date: ", ngày 12/12/2022", "ngày 31 tháng 12 năm 2021", "(ngày …)".
	j := i
	if p.punct(j) == "," || p.speck(j) {
		j++
	}
	if p.word(j) == "ngay" {
		if iso, e, ok := p.ocrDateAt(j + 1); ok {
			m.date = iso
			i = e
			m.last = i
		}
	} else if j < n && p.items[j].kind == itemDate {
		m.date = p.items[j].key
		i = j + 1
		m.last = i
	} else if iso, e, ok := p.englishDateAt(j); ok {
		// "Decree No. 101/2007/ND-CP of June 13, 2007"
		m.date = iso
		i = e
		m.last = i
	}
	// "năm 2013" right after the symbol.
	if m.date == "" && p.word(i) == "nam" && i+1 < n && p.items[i+1].kind == itemNumber && len(p.items[i+1].key) == 4 {
		m.year, _ = strconv.Atoi(p.items[i+1].key)
		i += 2
		m.last = i
	}
	// Issuer: "của Ban Thường vụ Tỉnh ủy", "giữa … và …".
	j = i
	if p.punct(j) == "," {
		j++
	}
	if w := p.word(j); w == "cua" || w == "giua" {
		k := j + 1
		words := 0
		for k < n && words < 16 {
			it := p.items[k]
			if it.kind == itemWord {
				w := it.key
				if p.issuerStopAt(k) {
					break
				}
				if w == "va" && !(k+1 < n && p.items[k+1].kind == itemWord && isUpper(p.r[p.items[k+1].start])) && !p.namesOnWithVa(j+1, k) {
					break
				}
				if _, e := p.typeAt(k); e > 0 && (p.word(e) == "so" || e < n && p.items[e].kind == itemSymbol) {
					break // the next mention starts
				}
				words++
				k++
				continue
			}
			if it.kind == itemPunct && it.key == "-" {
				k++
				continue
			}
			break
		}
		for k > j+1 && p.word(k-1) == "va" {
			k-- // "… của Ban Bí thư và": the list goes on, not the issuer
		}
		// The issuer names a body: a capital within its first words ("của
		// liên ban Ban Tổ chức và Ban Dân vận Trung ương").
		named := false
		for q := j + 1; q < k && q <= j+3; q++ {
			if p.items[q].kind == itemWord && isUpper(p.r[p.items[q].start]) {
				named = true
				break
			}
		}
		if words > 0 && k > j+1 && named {
			if m.issuer == "" {
				m.issuer = normalize.CanonicalTone(p.text(j+1, k))
			}
			i = k
			m.last = i
		}
	}
	// Term: "khóa XI", "(khóa XI)".
	j = i
	paren := p.punct(j) == "("
	if paren {
		j++
	}
	if p.word(j) == "khoa" && j+1 < n && isRoman(p.items[j+1], p.r) {
		m.term = strings.ToUpper(string(p.r[p.items[j+1].start:p.items[j+1].end]))
		j += 2
		if paren && p.punct(j) == ")" {
			j++
		}
		i = j
		m.last = i
	}
	// A date after the issuer: "của Thủ tướng Chính phủ ngày 26/11/2021".
	if m.date == "" {
		j = i
		skipComma()
		if p.word(i) == "ngay" {
			if iso, e, ok := p.ocrDateAt(i + 1); ok {
				m.date = iso
				i = e
				m.last = i
			} else {
				i = j
			}
		} else {
			i = j
		}
	}
	// Subject: "về …" or a quoted title.
	m.subjFrom, m.subjTo = m.last, m.last
	j = i
	if p.punct(j) == "," && (p.word(j+1) == "ve" || p.englishCueAt(j+1)) {
		j++ // ", amending and supplementing …" as "về …"
	}
	switch {
	case p.word(j) == "ve":
		from := j + 1
		if p.word(from) == "viec" {
			from++
		}
		to := p.subjectEnd(from, false)
		m.subjFrom, m.subjTo = from, to
		m.subject = cleanSubject(p.text(from, to))
	case p.punct(j) == "“" || p.punct(j) == "\"":
		from := j + 1
		to := p.subjectEnd(from, true)
		m.subjFrom, m.subjTo = from, to
		m.subject = cleanSubject(p.text(from, to))
	case p.cueAt(j):
		// A title that opens with its relation, without "về": "Kế hoạch số
		// 248-KH/TU ngày 9-8-2019 triển khai thực hiện Chỉ thị số 35-CT/TW",
		// "Nghị định số 09/2010/NĐ-CP sửa đổi, bổ sung … Nghị định số
		// 110/2004/NĐ-CP" (domain.md §5.1).
		to := p.subjectEnd(j, false)
		m.subjFrom, m.subjTo = j, to
		m.subject = cleanSubject(p.text(j, to))
	case p.englishCueAt(j) && p.punct(j-1) == ",":
		// "Circular No. 14/2016/TT-NHNN of June 30, 2016, amending …"
		from := j
		if p.word(j) == "on" {
			from++
		}
		to := p.subjectEnd(from, false)
		m.subjFrom, m.subjTo = from, to
		m.subject = cleanSubject(p.text(from, to))
	}
}

// cueAt reports whether a relation phrase starts at item i ("triển khai
// thực hiện", "sửa đổi, bổ sung"), in lower case: a capital starts a new
// sentence or a name.
func (p *refParser) cueAt(i int) bool {
	if i >= len(p.items) || p.items[i].kind != itemWord || isUpper(p.r[p.items[i].start]) && !p.inCaps(i) {
		return false
	}
	for k := range p.t.Relations {
		words := p.t.Relations[k].words
		j := i
		ok := true
		for w, word := range words {
			if w > 0 && p.punct(j) == "," {
				j++
			}
			if p.word(j) != word {
				ok = false
				break
			}
			j++
		}
		if ok && p.t.Relations[k].Where != "opening" || ok && p.t.Relations[k].Relation == Implements {
			return true
		}
	}
	return false
}

// inCaps reports whether word i is written in capitals after a word in
// capitals: a title set in upper case ("… NĂM 2020 CỦA BỘ TRƯỞNG … QUY ĐỊNH
// CHI TIẾT …"), where a capital starts neither a sentence nor a name.
func (p *refParser) inCaps(i int) bool {
	caps := func(k int) bool {
		if k < 0 || p.items[k].kind != itemWord {
			return false
		}
		it := p.items[k]
		rs := p.r[it.start:it.end]
		return len(rs) > 1 && isUpper(rs[0]) && isUpper(rs[1])
	}
	return caps(i) && caps(i-1)
}

// subjectEnd finds the end of a subject starting at item from.
func (p *refParser) subjectEnd(from int, quoted bool) int {
	n := len(p.items)
	depth := 0
	k := from
	for ; k < n && k < from+80; k++ {
		it := p.items[k]
		if it.kind == itemBreak {
			break
		}
		if it.kind != itemPunct {
			continue
		}
		switch it.key {
		case "”", "\"":
			if quoted {
				return k
			}
		case ";":
			return k
		case ".", "!", "?":
			if p.noDot(k) {
				continue // "… of Circular No. 30/2014/TT-NHNN"
			}
			if k+1 >= n || p.items[k+1].kind == itemBreak || p.items[k+1].start > it.end {
				return k
			}
		case "(":
			if p.word(k+1) == "khoa" {
				depth++
				continue
			}
			return k
		case ")":
			if depth > 0 {
				depth--
				continue
			}
			return k
		case ",":
			// ", Ban Thường vụ Thành ủy ban hành …": a new clause.
			if !quoted && k+1 < n && p.items[k+1].kind == itemWord && isUpper(p.r[p.items[k+1].start]) {
				if dt, _ := p.typeAt(k + 1); dt == nil {
					return k
				}
			}
		}
	}
	return k
}

func cleanSubject(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, "⁰¹²³⁴⁵⁶⁷⁸⁹") // a footnote mark after the subject
	s = strings.Trim(s, " ,;:“”\"")
	return s
}

func isRoman(it item, r []rune) bool {
	if it.kind != itemWord || it.end-it.start > 6 {
		return false
	}
	for _, c := range r[it.start:it.end] {
		switch c {
		case 'I', 'V', 'X', 'L':
		default:
			return false
		}
	}
	return true
}

// ocrDateAt reads a date at item i: a numeric date item, or "D tháng M năm Y";
// its year may be OCR damage (dateAt is for sound dates only).
func (p *refParser) ocrDateAt(i int) (string, int, bool) {
	n := len(p.items)
	skip := func(k int) int {
		for k < n && (p.items[k].kind == itemBreak || p.speck(k)) {
			k++
		}
		return k
	}
	i = skip(i)
	if i < n && p.items[i].kind == itemDate {
		return p.items[i].key, i + 1, true
	}
	num := func(k int) (int, bool) {
		if k < n && p.items[k].kind == itemNumber {
			v, err := strconv.Atoi(p.items[k].key)
			return v, err == nil
		}
		return 0, false
	}
	d, ok := num(i)
	if !ok {
		return "", 0, false
	}
	k := skip(i + 1)
	if p.word(k) != "thang" {
		return "", 0, false
	}
	mo, ok := num(skip(k + 1))
	if !ok {
		return "", 0, false
	}
	k = skip(skip(k+1) + 1)
	if p.word(k) != "nam" {
		return "", 0, false
	}
	k = skip(k + 1)
	y, ok := num(k)
	if !ok {
		return "", 0, false
	}
	iso, ok := ocrDate(y, mo, d) // an OCR-damaged year is judged by repairMentions
	return iso, k + 1, ok
}

// yearOf is the year of mention m: its date's, else its symbol's; 0 if
// neither says.
func (p *refParser) yearOf(m *mention) int {
	if m.year != 0 {
		return m.year
	}
	if m.sym != "" {
		return ParseSymbol(m.sym).Year
	}
	return 0
}

// laterInList finds whether mention j, found inside the subject of
// mention i, is rather the next item of a list i is in: it is joined by
// "và" or a comma and is of a later year than i, which cannot name it in
// what it is. It returns the item of the joiner, or -1. A later document
// brought in by "theo", "bởi" or "tại" ("… được sửa đổi, bổ sung bởi Nghị
// định số Y") stays in i's subject.
func (p *refParser) laterInList(i, j int) int {
	a, b := &p.ms[i], &p.ms[j]
	yi, yj := p.yearOf(a), p.yearOf(b)
	if yi == 0 || yj <= yi {
		return -1
	}
	// the joiner, before the type or after an English issuer: "…, and
	// the Minister of Finance’s Circular No. 41/2020/TT-BTC"
	for k := b.first - 1; k >= a.subjFrom && k >= b.first-10; k-- {
		switch w := p.word(k); {
		case w == "va" || w == "and" || p.punct(k) == "," || p.punct(k) == ";":
			return k
		case w == "theo" || w == "boi" || w == "tai" || w == "by" || w == "under" || w == "in" || p.items[k].kind == itemSymbol:
			return -1
		}
	}
	return -1
}

// cutSubject ends the subject of mention i before item at, and before the
// "và" or comma that joins what follows.
func (p *refParser) cutSubject(i, at int) {
	m := &p.ms[i]
	for at > m.subjFrom && (p.word(at-1) == "va" || p.word(at-1) == "and" || p.punct(at-1) == "," || p.punct(at-1) == ";") {
		at--
	}
	if at < m.subjTo {
		m.subjTo = at
		m.subject = cleanSubject(p.text(m.subjFrom, at))
	}
}

// englishDateAt reads "of June 13, 2007" (or "dated …") at item j: the ISO
// date and the item after it.
func (p *refParser) englishDateAt(j int) (string, int, bool) {
	if w := p.word(j); w != "of" && w != "dated" {
		return "", 0, false
	}
	mo := englishMonths[p.word(j+1)]
	k := j + 2
	if mo == 0 || k >= len(p.items) || p.items[k].kind != itemNumber {
		return "", 0, false
	}
	d := atoi(p.items[k].key)
	k++
	if p.punct(k) == "," || p.punct(k) == "." {
		k++
	}
	if k >= len(p.items) || p.items[k].kind != itemNumber || len(p.items[k].key) != 4 {
		return "", 0, false
	}
	y := atoi(p.items[k].key)
	if d < 1 || d > 31 || y < 1945 || y > 2100 {
		return "", 0, false
	}
	return strconv.Itoa(y) + "-" + pad2(mo) + "-" + pad2(d), k + 1, true
}

// englishCueAt reports an English relation phrase in lower case at item
// i: "amending and supplementing …", "detailing …" after a comma open the
// subject of the document before them.
func (p *refParser) englishCueAt(i int) bool {
	if i >= len(p.items) || p.items[i].kind != itemWord || isUpper(p.r[p.items[i].start]) {
		return false
	}
	switch p.word(i) {
	case "amending", "detailing", "guiding", "promulgating", "prescribing", "providing", "replacing", "annulling", "on", "approving", "regulating", "defining":
		return true
	}
	return false
}
