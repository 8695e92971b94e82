package rules

import (
	"strings"

	"vanban/normalize"
)

// This file reads references written without the usual shape: form codes
// that are not documents, lists sharing a symbol's suffix, laws cited by name
// and date, numbers cited with their issuer.

// formBefore reports whether the symbol at item k is a form, an annex, a
// standard or an account number: a phrase of tables/forms.tsv right before it
// ("Mẫu số 04/SS-CTĐT", "QCVN 16-1:2025/BYT" read as "16-1 : 2025/BYT"), or
// a list continuing one ("mẫu số 01/GTGT, 02/GTGT").
func (p *refParser) formBefore(k, formEnd int) bool {
	b := k - 1
	// Pieces of the same code before the symbol: "16-1:", "số", ":".
	for n := 0; b >= 0 && n < 4; n++ {
		it := p.items[b]
		if it.kind == itemNumber || it.kind == itemPunct && (it.key == ":" || it.key == "-" || it.key == "." || it.key == "|") || p.word(b) == "so" {
			b--
			continue
		}
		// A letter code glued before the number: "mẫu BC-21/HĐ".
		if p.gluedCode(b) {
			b--
			continue
		}
		break
	}
	if formEnd >= 0 && b < formEnd {
		return true
	}
	if formEnd >= 0 {
		// "mẫu số 01/GTGT, 02/GTGT và 03/GTGT"
		j := b
		for j >= formEnd && (p.punct(j) == "," || p.word(j) == "va") {
			j--
		}
		if j < formEnd {
			return true
		}
	}
	if p.formPhraseEndingAt(b) {
		return true
	}
	// "theo các Mẫu số 03, 04, 05 và 06/BHYT-QĐ": bare numbers listed after
	// a form's phrase share the last one's code (audit 6458a52 #76).
	if j := p.bareListBefore(b + 1); j < b && p.formPhraseEndingAt(j) {
		return true
	}
	// A form's heading gives its code on the next line: "Mẫu số 32" /
	// "Ký hiệu: 06-ĐCSDTK/KBNN" (audit 31a8c60 #68).
	if b >= 2 && p.word(b) == "hieu" && p.word(b-1) == "ky" {
		j := b - 2
		for n := 0; j >= 0 && n < 4 && (p.items[j].kind == itemBreak || p.items[j].kind == itemNumber || p.word(j) == "so"); n++ {
			j--
		}
		return j < b-2 && p.formPhraseEndingAt(j)
	}
	return false
}

// formPhraseEndingAt reports whether a phrase of tables/forms.tsv ends at
// item b.
func (p *refParser) formPhraseEndingAt(b int) bool {
	w := p.word(b)
	if w == "" {
		return false
	}
	for _, f := range p.t.formsByLast[w] {
		if _, ok := p.phraseEndingAt(b, f.words, 0); ok {
			return true
		}
	}
	return false
}

// sharedSuffix adds the mentions of a list of bare numbers that share the
// suffix of the symbol at item k: "các Nghị định 87, 88, 31/CP" → 87/CP,
// 88/CP. The list must follow a type name (or "số").
func (p *refParser) sharedSuffix(k int) {
	sym := p.items[k].key
	d := 0
	for d < len(sym) && isDigit(rune(sym[d])) {
		d++
	}
	suffix := sym[d:]
	j := p.bareListBefore(k)
	if j == k-1 {
		return
	}
	if dt, _ := p.typeEndingAt(j); dt == nil && p.word(j) != "so" {
		return
	}
	for at := j + 1; at < k; at += 2 {
		m := mention{sym: p.items[at].key + suffix, symAt: at, first: at, parent: -1}
		p.lookBack(&m)
		m.last = at + 1
		m.subjFrom, m.subjTo = m.last, m.last
		p.ms = append(p.ms, m)
	}
}

// bareListBefore is the item before a list of bare numbers ending just
// before item k, each followed by "," or "và" ("87, 88, " of "87, 88,
// 31/CP"): k-1 when there is none. The numbers are at j+1, j+3, … k-2.
func (p *refParser) bareListBefore(k int) int {
	j := k - 1
	for j >= 1 && (p.punct(j) == "," || p.word(j) == "va") && p.items[j-1].kind == itemNumber && len(p.items[j-1].key) <= 4 {
		j -= 2
	}
	return j
}

// lawByName reads a law cited by its name and a date or year, without a
// number, at item k: "Luật Giáo dục ngày 14 tháng 6 năm 2019", "Bộ luật Lao
// động năm 2019". The symbol comes from tables/laws.tsv when the name and
// year are there.
func (p *refParser) lawByName(k int) (mention, bool) {
	if !isUpper(p.r[p.items[k].start]) {
		return mention{}, false
	}
	dt, e := p.typeAt(k)
	if dt == nil || !namedByName[dt.Name] {
		return mention{}, false
	}
	// A draft is not a law: "dự thảo Luật …", "dự án Luật …".
	if w := p.word(k - 1); w == "thao" || w == "an" && p.word(k-2) == "du" {
		return mention{}, false
	}
	end := p.nameEnd(k, e, nil)
	if end <= e {
		return mention{}, false
	}
	// The identity part must follow: "ngày …", "năm YYYY", a numeric date.
	j := end
	if p.punct(j) == "," {
		j++
	}
	dated := false
	switch {
	case p.word(j) == "ngay":
		_, _, dated = p.dateAt(j + 1)
	case p.word(j) == "nam":
		dated = j+1 < len(p.items) && p.items[j+1].kind == itemNumber && len(p.items[j+1].key) == 4
	case j < len(p.items) && p.items[j].kind == itemDate:
		dated = true
	}
	if !dated {
		return mention{}, false
	}
	first := k
	if a, ok := p.amendingLaw(k); ok {
		first = a // the law is the one that amends the law named at k
	}
	m := mention{typ: dt.Name, first: first, symAt: end - 1, parent: -1, typeWasSet: true}
	m.name = normalize.CanonicalTone(p.text(first, end))
	p.lookForward(&m)
	year := m.year
	if len(m.date) >= 4 {
		year = atoi(m.date[:4])
	}
	if year == 0 {
		return mention{}, false
	}
	if l := p.t.LawByName(m.name, year); l != nil {
		m.sym = l.Symbol
	}
	return m, true
}

// amendingLaw finds the law that a name at item k is the object of, in one
// clause: "Luật sửa đổi, bổ sung một số điều của Luật Xây dựng ngày
// 17/6/2020" names the amending law of 2020, not the Luật Xây dựng; its item
// is returned.
func (p *refParser) amendingLaw(k int) (int, bool) {
	if p.word(k-1) != "cua" {
		return 0, false
	}
	amend := false
	for i := k - 2; i >= 0 && i > k-14; i-- {
		it := p.items[i]
		if it.kind == itemPunct && it.key != "," || it.kind != itemWord && it.kind != itemPunct {
			return 0, false
		}
		if p.word(i) == "sua" && p.word(i+1) == "doi" {
			amend = true
		}
		if !amend || !isUpper(p.r[it.start]) {
			continue
		}
		if dt, e := p.typeAt(i); dt != nil && namedByName[dt.Name] && p.word(e) == "sua" {
			return i, true
		}
		return 0, false
	}
	return 0, false
}

// nameEnd finds the end of a document's name whose type ends before item e
// (the type starts at k): it stops at a word of nameStops, a new type name
// or punctuation. A name goes on past "," or "và" when the laws table knows
// the longer name, or when the identity part ("số", "ngày", "năm YYYY")
// follows it ("Luật Khoa học, công nghệ và đổi mới sáng tạo năm 2025").
func (p *refParser) nameEnd(k, e int, next []string) int {
	n := len(p.items)
	end := e
	for end < n && end-e < 16 {
		it := p.items[end]
		if it.kind == itemWord && !p.nameStopAt(end) {
			if end > e {
				if dt, _ := p.typeAt(end); dt != nil && isUpper(p.r[it.start]) {
					break
				}
			}
			end++
			continue
		}
		if it.kind == itemNumber && p.word(end-1) == "nam" && next == nil {
			break
		}
		if it.kind == itemNumber && next != nil {
			end++
			continue
		}
		if it.kind == itemPunct && it.key == "-" && end+1 < n && p.items[end+1].kind == itemWord {
			end++
			continue
		}
		// "," or "và" inside a name.
		if end > e && (it.kind == itemPunct && it.key == "," || it.kind == itemWord && it.key == "va") {
			if c := p.nameContinues(k, end); c > end {
				end = c
				continue
			}
		}
		break
	}
	for end > e && p.lower(end-1) == "năm" {
		end--
	}
	return end
}

// nameContinues reports where a name continues after the "," or "và" at item
// c: the end of the longer name when the laws table knows it or when it is
// followed by its identity part, else c.
func (p *refParser) nameContinues(k, c int) int {
	n := len(p.items)
	q := c + 1
	if p.word(q) == "va" {
		q++
	}
	if q >= n || p.items[q].kind != itemWord {
		return c
	}
	if dt, _ := p.typeAt(q); dt != nil && isUpper(p.r[p.items[q].start]) {
		return c // "Luật A, Luật B": a list
	}
	for round := 0; round < 3; round++ {
		// Read on to the next stop.
		end := q
		for end < n && end-q < 10 && p.items[end].kind == itemWord && (end == q && isUpper(p.r[p.items[end].start]) || !p.nameStopAt(end) && p.word(end) != "nam") {
			end++
		}
		if end == q {
			return c
		}
		if p.t.lawNames[normalize.Key(p.text(k, end))] {
			return end
		}
		switch w := p.word(end); {
		case w == "so" && end+1 < n && p.items[end+1].kind == itemSymbol:
			return end
		case w == "ngay":
			if _, _, ok := p.dateAt(end + 1); ok {
				return end
			}
		case w == "nam" && end+1 < n && p.items[end+1].kind == itemNumber && len(p.items[end+1].key) == 4:
			return end
		case w == "va" || p.punct(end) == ",":
			// "Luật Khoa học, công nghệ và đổi mới sáng tạo": read on.
			q = end + 1
			if p.word(q) == "va" {
				q++
			}
			if dt, _ := p.typeAt(q); dt != nil && isUpper(p.r[p.items[q].start]) {
				return c
			}
			continue
		}
		return c
	}
	return c
}

// nameStopAt reports a word that ends a name at item i; "quy" only in "quy
// định" ("Luật Ban hành văn bản quy phạm pháp luật" goes on).
func (p *refParser) nameStopAt(i int) bool {
	w := p.lower(i)
	switch w {
	case "quy":
		return p.word(i+1) == "dinh"
	case "trình":
		// "Luật Giáo dục trình Quốc hội vào năm 2005": submitted, not a
		// word of the name ("trình tự", "trình độ" are).
		return p.word(i+1) != "tu" && p.word(i+1) != "do"
	}
	return nameStops[w]
}

// numberWithIssuer reads a number cited with its type and issuer and no
// symbol, at item k: "Nghị quyết 40 của Quốc hội", "Nghị quyết số 40/NQ-…"
// excluded. The issuer must be a body of tables/issuers.tsv.
func (p *refParser) numberWithIssuer(k int) (mention, bool) {
	b := k - 1
	if p.word(b) == "so" {
		b--
	}
	dt, a := p.typeEndingAt(b)
	if dt == nil || len(p.items[k].key) > 5 {
		return mention{}, false
	}
	if w := p.word(k + 1); w != "cua" && !(p.punct(k+1) == "," && p.word(k+2) == "cua") {
		return mention{}, false
	}
	m := mention{typ: dt.Name, first: a, symAt: k, parent: -1, typeWasSet: true, number: strings.TrimLeft(p.items[k].key, "0")}
	if m.number == "" {
		return mention{}, false
	}
	p.lookForward(&m)
	if m.issuer == "" || p.t.CodeOfBody(m.issuer) == "" {
		return mention{}, false
	}
	return m, true
}

// gluedCode reports whether item b is a capital code written against a "-"
// that is written against the next item ("BC-21/HĐ"): the front of a form's
// code, not a word of the sentence.
func (p *refParser) gluedCode(b int) bool {
	if b < 0 || b+2 >= len(p.items) || p.punct(b+1) != "-" {
		return false
	}
	it := p.items[b]
	if it.kind != itemWord || it.end != p.items[b+1].start || p.items[b+1].end != p.items[b+2].start || it.end-it.start > 6 {
		return false
	}
	for _, c := range p.r[it.start:it.end] {
		if !isUpper(c) {
			return false
		}
	}
	return true
}

// fragment reports a symbol item that is a piece of something else, not a
// document's number and code: the tail of a symbol whose number OCR lost
// ("Thông tư số đý /2026/TT-BGDĐT": a "/" written against it), or a table
// cell whose code holds a four-digit number ("T1-2005/ ƯT1-2004": a year
// is the second part of a symbol, never a piece of its code).
func (p *refParser) fragment(k int) bool {
	s := p.items[k].start
	if s > 0 && p.r[s-1] == '/' {
		return true
	}
	// A capital code written against the number, or against a "-" before
	// it ("C1-02/NS", "ST-22/HĐ", "T1-2005/…"): the tail of a form's or a
	// table's code; a document's symbol begins with its number.
	b := s
	if b > 0 && p.r[b-1] == '-' {
		b--
	}
	if b > 0 && isUpper(p.r[b-1]) {
		a := b - 1
		for a > 0 && isLetter(p.r[a-1]) {
			a--
		}
		code := p.r[a:b]
		if len(code) <= 4 && normalize.Fold(strings.ToLower(string(code))) != "so" {
			upper := true
			for _, c := range code {
				upper = upper && isUpper(c)
			}
			if upper {
				return true
			}
		}
	}
	sym := p.items[k].key
	slash := strings.IndexByte(sym, '/')
	if slash < 0 {
		return false
	}
	parts := strings.Split(sym[slash+1:], "/")
	for i, part := range parts {
		if i == 0 && len(part) == 4 && allDigits(part) {
			continue // the year
		}
		for _, piece := range strings.Split(part, "-") {
			if len(piece) >= 4 && allDigits(piece) {
				return true
			}
			// a year written against a code: "KH2005"
			d := len(piece)
			for d > 0 && piece[d-1] >= '0' && piece[d-1] <= '9' {
				d--
			}
			if d > 0 && len(piece)-d >= 4 { // not "QH135", an OCR "QH13" that repair reads
				return true
			}
		}
	}
	return false
}

// bareCode reports whether a mention is only a code: no type written before
// it, no issuer, date or name with it, and no issuer code that the tables or
// the shape of central and local codes know (CodeScope). Annex tables of form
// codes ("02/BH | Hóa đơn bán hàng"), a form code cut at a line end ("mẫu số
// 01-" / "1/HKNN"), labels ("Ký hiệu: 03-SDKP/ĐVDT") and formulas
// ("qx1/QUX1") are such; a document cited by its bare symbol names a body
// the tables know ("33/CT-TTg", "109-KH/ThU").
func (p *refParser) bareCode(m *mention, parts SymbolParts) bool {
	if m.sym == "" || m.typeWasSet || m.issuer != "" || m.date != "" || m.name != "" || m.number != "" {
		return false
	}
	// "…, số 1494/2001/QĐ-TCHQ": an item of a list of documents; a
	// normative symbol with its year and a type code is a document's.
	if p.word(m.symAt-1) == "so" || parts.Year != 0 && parts.Type != "" {
		return false
	}
	return CodeScope(strings.Join(parts.Issuers, "-")) == ""
}
