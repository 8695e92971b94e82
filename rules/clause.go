package rules

import (
	"strings"

	"vanban/normalize"
)

// The relation of a reference is the one its clause states (domain.md §5.1,
// tables/relations.tsv): the nearest cue before it that applies, else the cue
// that opens its line ("Căn cứ Luật A; Luật B và Luật C"), else the lead of
// the list it is an item of ("căn cứ các Luật sau:", "Các Thông tư sau hết
// hiệu lực …:"), else a cue after it that speaks of it ("Điều 5 Nghị định số
// X được sửa đổi như sau:"), else the section it stands in ("CĂN CỨ PHÁP LÝ").

// relationOf decides what a top-level mention is to the citing document; ""
// when nothing in its clause says (the caller decides: a list item, or cites).
func (p *refParser) relationOf(m *mention, opening, title zone) Relation {
	off := p.items[m.first].start
	before := m.first
	// The nearest cue that applies governs; one that does not ("Căn cứ Luật
	// A đã được sửa đổi, bổ sung theo Luật B": the amendment is not this
	// document's) gives way to an earlier one in the same clause.
	// first: no self cue stands between the cue and m, only opening ones
	// out of place ("Bổ sung Điều 370a vào … Chương XXIII Điều khoản thi
	// hành của Luật … số X": "thi hành" there is no cue).
	first := true
	for n := 0; n < 4; n++ {
		cue, this, at := p.cueBefore(before, 0)
		if cue == nil {
			break
		}

		if p.inEarlierSubject(at, m) {
			// "… Thông tư số 75/2015/TT-BTC … về sửa đổi, bổ sung Điều 128
			// …, Thông tư số 53/2016/TT-BTC …": the cue is in what an
			// earlier item of the list is, not said of m
			before = at
			continue
		}
		if !p.passiveAt(at) {
			switch cue.Where {
			case "opening":
				// not in what a document cited before it on the line is:
				// "… THÔNG TƯ SỐ X … BAN HÀNH BIỂU MẪU HỒ SƠ THỰC HIỆN …"
				if p.inOpening(off, opening, title) && !p.describedBetween(p.lineStart(at)-1, at) && !p.actOnIssuedWith(at, m.first) {
					return cue.Relation
				}
			case "self":
				// This document's act: "Quyết định này thay thế …", its title,
				// or a provision that opens with the verb ("Bãi bỏ Điều 2
				// Nghị định số …", "Điều 1. Sửa đổi, bổ sung …").
				// "… chấm dứt hiệu lực theo quy định tại Nghị định số X",
				// "Thay thế cụm từ “A” bằng cụm từ “Nghị định số X”": what
				// follows "theo" or "bằng" is the rule or the new wording,
				// not the act's object.
				if this || title.has(off) || p.sentenceIsAboutThis(m.first) || first && (p.startsLine(at) || p.numberedInLine(at)) || p.issuedHere(at) {
					if p.ruleBetween(at, m.first) || p.inQuotedWording(at, m.first) || p.describedBetween(at, m.first) {
						return Cites
					}
					if rel := p.actOn(cue, at); rel != "" {
						return rel
					}
					before = at // no act ("Hướng dẫn lập Mẫu số 01A"): no cue
					continue
				}
			}
		}
		if cue.Where != "opening" || cue.Relation == Cites {
			first = false
		}
		before = at
	}
	if rel := p.lineCue(m, opening, title); rel != "" {
		return rel
	}
	if rel := p.cueAfter(m); rel != "" {
		return rel
	}
	for _, z := range p.basis {
		if z.has(off) {
			return Basis
		}
	}
	return ""
}

// numberedInLine reports whether item at opens a numbered provision that
// a joined line carries after the previous one's end: "… thành “quyết toán
// vốn đầu tư dự án”. 5. Bãi bỏ một số nội dung quy định tại Nghị định số
// …" (audit 9e026a6 #79).
func (p *refParser) numberedInLine(at int) bool {
	return at >= 3 && p.punct(at-1) == "." && p.items[at-2].kind == itemNumber && len(p.items[at-2].key) <= 2 &&
		(p.punct(at-3) == "." || p.punct(at-3) == ";" || p.punct(at-3) == ":")
}

// issuedHere reports whether the cue at item at describes the document
// being issued: "Bộ trưởng … ban hành Thông tư sửa đổi, bổ sung một số điều
// của Thông tư số X", "Chính phủ ban hành Nghị định bãi bỏ …" — a type
// without a number after "ban hành" is this document (audit 31a8c60 #49).
func (p *refParser) issuedHere(at int) bool {
	dt, a := p.typeEndingAt(at - 1)
	return dt != nil && a >= 2 && p.word(a-2) == "ban" && p.word(a-1) == "hanh" && isUpper(p.r[p.items[a].start])
}

// lawNameCue reports whether the cue at item a opens the name of an
// amending law: "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đấu
// thầu, … Luật Quản lý, sử dụng tài sản công ngày 25 tháng 6 năm 2025"
// (audit ec55b24 #62) names one law; its "sửa đổi, bổ sung" is no act.
// After "ban hành" the law is the one being issued and its "sửa đổi, bổ
// sung" is this document's act: "Quốc hội ban hành Luật sửa đổi, bổ sung
// một số điều của Luật Giáo dục số 43/2019/QH14" (audit e34ce90 #87).
func (p *refParser) lawNameCue(a int) bool {
	return a > 0 && p.word(a-1) == "luat" && isUpper(p.r[p.items[a-1].start]) && !p.issuedHere(a)
}

// inEarlierSubject reports whether item at lies in the subject of a
// mention before m (its description: "… về sửa đổi, bổ sung …").
func (p *refParser) inEarlierSubject(at int, m *mention) bool {
	for i := range p.ms {
		o := &p.ms[i]
		if o.symAt >= m.symAt {
			break
		}
		if o.subjFrom <= at && at < o.subjTo && (o.sym == "" || o.sym != p.own) {
			// (this document's own title quoted with its symbol says
			// what it does)
			return true
		}
	}
	return false
}

// actOnIssuedWith reports whether the opening cue at item at stands inside
// the object of an earlier act of this document in the same clause, and
// the document at item to is what that object came with: "sửa đổi khoản
// 16.3 của Quy trình thực hiện trình tự đầu tư … (ban hành kèm theo Quyết
// định số 1781/…)" amends the procedure of 1781; its "thực hiện" is a word
// of the procedure's name, not a cue (audit a9cf2fc #22).
func (p *refParser) actOnIssuedWith(at, to int) bool {
	with := false
	for k := at + 1; k < to; k++ {
		if p.word(k) == "kem" && p.word(k+1) == "theo" {
			with = true
			break
		}
	}
	if !with {
		return false
	}
	cue, _, _ := p.cueBefore(at, 0)
	return cue != nil && cue.Where == "self" && cue.Relation != Cites
}

func (p *refParser) isTypeAt(k int) bool {
	dt, _ := p.typeAt(k)
	return dt != nil
}

// ruleBetween reports whether "theo" (not "kèm theo") or "bằng" stands in
// items (from, to) with no "tại" after it: what follows is the rule or the
// new wording.
func (p *refParser) ruleBetween(from, to int) bool {
	rule := false
	for k := from + 1; k < to; k++ {
		switch w := p.word(k); {
		case w == "bang" || w == "theo" && p.word(k-1) != "kem" && (p.word(k+1) == "quy" || p.isTypeAt(k+1)):
			// "theo quy định tại", "theo Nghị định số …" (not the name
			// "Luật Đầu tư theo phương thức đối tác công tư")
			rule = true
		case w == "tai" && p.word(k-1) != "dinh":
			// "… bằng cụm từ “B” tại khoản 2 Điều 4 Thông tư số X": the
			// place of the act again (not "theo quy định tại")
			rule = false
		}
	}
	return rule
}

// describedBetween reports whether a document cited in items (from, to)
// is described by a verb before item to: "Thay thế, bãi bỏ một số biểu
// mẫu kèm theo Thông tư số X … ban hành biểu mẫu … quy định tại … Nghị
// định số Y": the act is on X; Y is named in what X is.
func (p *refParser) describedBetween(from, to int) bool {
	cited, described := false, false
	for k := from + 1; k < to; k++ {
		if p.items[k].kind == itemSymbol {
			cited = cited || p.items[k].key != p.own && p.mentionAt(k)
			continue
		}
		// the list goes on: "… và Nghị định số Y", "… và Điều 1 Quyết định
		// số Y" is one more object of the act
		if p.word(k) == "va" || p.punct(k) == "," || p.punct(k) == ";" {
			if dt, _ := p.typeAt(k + 1); dt != nil || partWords[p.word(k+1)] {
				cited, described = false, false
			}
			continue
		}
		if !cited || described || p.items[k].kind != itemWord {
			continue
		}
		for _, v := range describingVerbs {
			// "… ban hành kèm theo Thông tư số Y": what Y holds, not a
			// description of X
			if p.wordsAt(k, v) && !p.wordsAt(k, []string{"ban", "hanh", "kem"}) {
				described = true
				break
			}
		}
	}
	return described
}

// mentionAt reports whether the symbol at item k is a cited document's (a
// technical standard's "19:2019/BKHCN" is not).
func (p *refParser) mentionAt(k int) bool {
	_, ok := p.mentionEnds()[k]
	return ok
}

// listPartAt reports whether item k opens a part or a document as the
// next item of a list: "Điều 48 …", "Phụ lục XIV …", "Nghị định số …".
func (p *refParser) listPartAt(k int) bool {
	if partWords[p.word(k)] || p.word(k) == "phu" && p.word(k+1) == "luc" {
		return true
	}
	dt, _ := p.typeAt(k)
	return dt != nil
}

// identityEnd is the item after the identity part (symbol, date, issuer)
// of the mention whose symbol is item k, or 0 if none is.
func (p *refParser) identityEnd(k int) int { return p.mentionEnds()[k] }

// mentionEnds maps the item of each mention's symbol to the item after its
// identity, made on first use (after the mentions are found).
func (p *refParser) mentionEnds() map[int]int {
	if p.symEnds == nil {
		p.symEnds = map[int]int{}
		for i := range p.ms {
			if p.ms[i].sym != "" {
				p.symEnds[p.ms[i].symAt] = p.ms[i].last
			}
		}
	}
	return p.symEnds
}

// describingVerbAt reports whether a describing verb starts at item k.
func (p *refParser) describingVerbAt(k int) bool {
	for _, v := range describingVerbs {
		if p.wordsAt(k, v) {
			return true
		}
	}
	return false
}

// describingVerbs say what a cited document does ("… Thông tư số X ban hành
// …", "… quy định chi tiết …"), folded.
var describingVerbs = [][]string{
	{"ban", "hanh"}, {"quy", "dinh"}, {"huong", "dan"}, {"trien", "khai"}, {"thuc", "hien"},
}

// inQuotedWording reports whether item to stands inside the quoted wording
// that a cue at item from acts on: "Thay thế cụm từ “Nghị định số X …”
// bằng …" changes the words, not X.
func (p *refParser) inQuotedWording(from, to int) bool {
	open := false
	for k := from; k < to; k++ {
		switch p.punct(k) {
		case "“":
			open = p.word(k-1) == "tu"
		case "”":
			open = false
		case "\"":
			open = !open && p.word(k-1) == "tu"
		}
	}
	return open
}

// inOpening reports whether rune offset off is where opening cues count: the
// opening, the title, a basis section, or a block of lines that each open
// with such a cue and reach back to the opening (a long "Căn cứ …" or
// "Pursuant to …" block).
func (p *refParser) inOpening(off int, opening, title zone) bool {
	if opening.has(off) || title.has(off) {
		return true
	}
	for _, z := range p.basis {
		if z.has(off) {
			return true
		}
	}
	// Walk back over the lines that open with an opening cue.
	i := p.itemAt(off)
	for n := 0; n < 60 && i > 0; n++ {
		s := p.lineStart(i)
		if s == 0 {
			return false
		}
		// the previous line
		prev := p.lineStart(s - 1)
		if prev >= s-1 && p.items[prev].kind == itemBreak {
			i = prev // empty line
			continue
		}
		if rp := p.cueStartingAt(p.afterBullets(prev)); rp == nil || rp.Where != "opening" {
			return false
		}
		if opening.has(p.items[prev].start) {
			return true
		}
		i = prev
	}
	return false
}

// lineStart is the index of the first item of the line holding item i.
func (p *refParser) lineStart(i int) int {
	if i >= len(p.items) {
		i = len(p.items) - 1
	}
	for i > 0 && p.items[i-1].kind != itemBreak {
		i--
	}
	return i
}

// afterBullets skips the list marks and numbering that open a line at item
// s: "-", "+", "•", "a)", "1.", "k.4)", "Điều 3.", "II.", a Markdown "|".
func (p *refParser) afterBullets(s int) int {
	i := s
	for n := 0; n < 8 && i < len(p.items); n++ {
		it := p.items[i]
		switch {
		case it.kind == itemPunct && (it.key == "-" || it.key == "+" || it.key == "•" || it.key == "*" || it.key == "–" || it.key == "|" || it.key == "." || it.key == ")" || it.key == "(" || it.key == "_"):
			i++
		case it.kind == itemNumber && (p.punct(i+1) == "." || p.punct(i+1) == ")" || p.punct(i+1) == "/" || i+1 < len(p.items) && p.items[i+1].kind == itemWord && len(p.items[i+1].key) == 1):
			// "1.", "1.2.", "4)", "1/", "1b." — not a year or a count that
			// a hard wrap put at the start of a line ("2009 của Thủ tướng …")
			i++
		case it.kind == itemWord && p.punct(i+1) == "/" && len(it.key) == 1 && i == s:
			i += 2 // "a/ …" of an English translation
		case it.kind == itemWord && (p.punct(i+1) == ")" || p.punct(i+1) == "." && (len(it.key) == 1 || isRoman(it, p.r))):
			i++
		case it.kind == itemWord && partWords[it.key] && i+1 < len(p.items) && (p.items[i+1].kind == itemNumber || isRoman(p.items[i+1], p.r)):
			i += 2
			if p.punct(i) == ":" { // "Điều 1: Sửa đổi …"
				i++
			}
		default:
			return i
		}
	}
	return i
}

// startsLine reports whether item at opens its line (after list marks).
func (p *refParser) startsLine(at int) bool {
	return p.afterBullets(p.lineStart(at)) == at
}

// cueStartingAt returns the relation phrase that starts at item i, if any.
func (p *refParser) cueStartingAt(i int) *RelationPhrase {
	var best *RelationPhrase
	for k := range p.t.Relations {
		rp := &p.t.Relations[k]
		j := i
		ok := len(rp.words) > 0
		for w, word := range rp.words {
			if w > 0 && p.punct(j) == "," {
				j++
			}
			if p.word(j) != word {
				ok = false
				break
			}
			j++
		}
		if ok && (best == nil || len(rp.words) > len(best.words)) {
			best = rp
		}
	}
	return best
}

// passiveAt reports whether the cue at item at is passive ("được sửa đổi,
// bổ sung bởi …", "đã được sửa đổi theo …", "bị bãi bỏ"): it says what was
// done to the document before it, not what this document does.
func (p *refParser) passiveAt(at int) bool {
	w := p.word(at - 1)
	return w == "duoc" || w == "bi"
}

// lineCue is the relation of the cue that opens the line of mention m, when
// no other cue stands between ("Căn cứ Luật A; Luật B và Luật C"; "Bãi bỏ
// các văn bản sau: …"), or of the lead of the list m is an item of.
func (p *refParser) lineCue(m *mention, opening, title zone) Relation {
	s := p.lineStart(m.first)
	start := p.afterBullets(s)
	// The nearest non-passive cue on the line before m, across ";" and ":".
	// A passive cue between ("Bãi bỏ cụm từ … của Luật A đã được sửa đổi
	// theo Luật B") leaves B to the basis clause, not to this act.
	passive, semi := false, false
	for i := m.first - 1; i >= start; i-- {
		if p.punct(i) == ";" {
			semi = true
		}
		if p.items[i].kind != itemWord {
			continue
		}
		for _, rp := range p.t.relsByLast[p.items[i].key] {
			a, ok := p.phraseEndingAt(i, rp.words, start)
			if !ok {
				continue
			}
			if p.lawNameCue(a) {
				i = a
				break
			}
			if p.passiveAt(a) {
				// one of an earlier part of the list ("…; tại Điều 66 của
				// Luật B") does not keep the lead from this one
				passive = passive || !semi
				i = a // its shorter tails ("bổ sung" of "sửa đổi, bổ sung") are the same cue
				break
			}
			if a != start || passive && rp.Where == "self" {
				return "" // another cue governs, and it did not apply
			}
			if rp.Where == "self" && p.describedBetween(a, m.first) {
				return Cites // named in what the act's object is
			}
			return p.leadApplies(rp, a, opening, title)
		}
	}
	// No cue on the line: a list item takes the cue of its lead line, over
	// the items before it of the same list (the same marks: "a)", "-", "1.2.").
	if !p.listItemLine(s) {
		return ""
	}
	sig := p.bulletSig(s)
	cont := 0
	for n, i := 0, s; n < 40 && i > 0; n++ {
		prev := p.lineStart(i - 1)
		if p.items[prev].kind == itemBreak {
			i = prev
			continue
		}
		last := i - 2 // the item before the line break
		if p.punct(last) == ":" {
			return p.leadCue(prev, last, opening, title)
		}
		// a line that opens with a type name but no mark, inside a
		// marked list, is the rest of a hard-wrapped item ("… của các" /
		// "Nghị định về thuế;")
		if !p.listItemLine(prev) || sig != "" && p.bulletSig(prev) == "" && p.afterBullets(prev) == prev {
			// a hard-wrapped item goes on over a few lines; a quoted
			// line opens amending text, which no lead outside governs
			if cont++; cont > 8 || p.punct(prev) == "“" || p.punct(prev) == "\"" {
				return ""
			}
			i = prev
			continue
		}
		if p.bulletSig(prev) != sig {
			// An article whose heading is the act leads its items without
			// a colon: "Điều 1. Bãi bỏ toàn bộ 07 văn bản …" then "1. …".
			if p.word(prev) == "dieu" && cont == 0 {
				a := p.afterBullets(prev)
				if rp := p.cueStartingAt(a); rp != nil && rp.Where == "self" {
					return p.leadApplies(rp, a, opening, title)
				}
			}
			// A lead whose colon was lost: "2. Các văn bản … sau đây hết
			// hiệu lực kể từ ngày … có hiệu lực thi hành" then "a) …".
			if cont == 0 && p.announcesList(prev, i-1) {
				return p.leadCue(prev, i-1, opening, title)
			}
			// OCR read the first item's letter as a digit ("4)" for "a)"):
			// the same list when a lead stands right above it.
			if cont == 0 && lookAlikeSig(p.bulletSig(prev), sig) {
				if above := p.prevLine(prev); above >= 0 && p.announcesList(above, p.lineEnd(above)) {
					i = prev
					continue
				}
			}
			return ""
		}
		cont = 0
		i = prev
	}
	return ""
}

// announcesList reports whether items [from, to) are a line that announces
// the list below it: it ends with ":" or says "sau đây" ("các văn bản sau
// đây", not "(sau đây gọi là …)").
func (p *refParser) announcesList(from, to int) bool {
	if to <= from {
		return false
	}
	if p.punct(to-1) == ":" {
		return true
	}
	for k := from; k+1 < to; k++ {
		if p.word(k) == "sau" && p.word(k+1) == "day" {
			if w := p.word(k + 2); w != "goi" && w != "viet" {
				return true
			}
		}
	}
	return false
}

// prevLine is the first item of the nearest non-empty line before the line
// that starts at item s, or -1.
func (p *refParser) prevLine(s int) int {
	for s > 0 {
		prev := p.lineStart(s - 1)
		if p.items[prev].kind != itemBreak {
			return prev
		}
		s = prev
	}
	return -1
}

// lineEnd is the index of the line break that ends the line holding item
// s (len(items) on the last line).
func (p *refParser) lineEnd(s int) int {
	for s < len(p.items) && p.items[s].kind != itemBreak {
		s++
	}
	return s
}

// lookAlikeSig reports whether two list marks differ only in a digit read
// for a letter ("n)" for "w)"): OCR's "4)" for "a)".
func lookAlikeSig(a, b string) bool {
	if len(a) != len(b) || a == b {
		return false
	}
	for k := 0; k < len(a); k++ {
		if a[k] != b[k] && !(a[k] == 'n' && b[k] == 'w' || a[k] == 'w' && b[k] == 'n') {
			return false
		}
	}
	return true
}

// bulletSig is the shape of the marks that open the line at item s: "-",
// "w)" for "a)", "n.n." for "1.2.", "" for none. The part an item opens
// with ("a) Khoản 9 Điều 2 …", "b) Điểm d khoản 7 …") is not its mark.
func (p *refParser) bulletSig(s int) string {
	var b []byte
	for i := s; i < p.afterBullets(s); i++ {
		if i > s && p.items[i].kind == itemWord && partWords[p.items[i].key] {
			break
		}
		switch it := p.items[i]; it.kind {
		case itemNumber:
			b = append(b, 'n')
		case itemWord:
			b = append(b, 'w')
		default:
			b = append(b, it.key...)
		}
	}
	return string(b)
}

// leadCue finds the nearest non-passive cue in the lead line [from, to) of
// a list and says whether it applies.
func (p *refParser) leadCue(from, to int, opening, title zone) Relation {
	for i := to - 1; i >= from; i-- {
		if p.items[i].kind != itemWord {
			continue
		}
		for _, rp := range p.t.relsByLast[p.items[i].key] {
			a, ok := p.phraseEndingAt(i, rp.words, from)
			if !ok || p.passiveAt(a) {
				continue
			}
			if rp.Where == "self" && !p.startsLine(a) && !p.hasThis(from, to) {
				return ""
			}
			if r := p.leadApplies(rp, a, opening, title); r != "" || rp.Where != "opening" {
				return r
			}
			// "… hết hiệu lực kể từ ngày Thông tư này có hiệu lực thi
			// hành:": an opening cue out of place is no cue; look further.
			i = a
			break
		}
	}
	return ""
}

// leadApplies is the relation of cue rp at item a when it governs a clause
// or a list: opening cues where they count, self cues as the document's act.
func (p *refParser) leadApplies(rp *RelationPhrase, a int, opening, title zone) Relation {
	if rp.Where == "opening" && !p.inOpening(p.items[a].start, opening, title) {
		return ""
	}
	if rp.Where == "self" && !p.startsLine(a) && !p.hasThis(p.lineStart(a), a+20) {
		return ""
	}
	return p.actOn(rp, a)
}

// formGuidanceAt reports whether the words at item e say how a form is
// filled in: "Hướng dẫn lập Mẫu số 01A:", "hướng dẫn ghi biểu", "hướng dẫn
// cách kê khai" guide the form, not the documents its notes cite (audit
// 9e026a6 #85).
func (p *refParser) formGuidanceAt(e int) bool {
	switch p.word(e) {
	case "lap", "ghi", "dien", "cach", "mau", "bieu":
		return true
	case "ke":
		return p.word(e+1) == "khai"
	}
	return false
}

// actOn is what cue rp at item a does to the document it names: to repeal
// or replace a phrase of it ("Bãi bỏ cụm từ “…” tại khoản 3 Điều 10 của
// Luật …", "Thay thế từ “…” bằng …") amends it; the document stays.
func (p *refParser) actOn(rp *RelationPhrase, a int) Relation {
	e := a
	for w := range rp.words {
		if w > 0 && p.punct(e) == "," {
			e++
		}
		e++
	}
	if rp.Relation == Guides && p.formGuidanceAt(e) {
		return ""
	}
	if rp.Relation != Repeals && rp.Relation != Replaces {
		return rp.Relation
	}
	switch { // "các cụm từ", "một số cụm từ"
	case p.word(e) == "cac":
		e++
	case p.word(e) == "mot" && p.word(e+1) == "so":
		e += 2
	}
	quote := func(k int) bool { return p.punct(k) == "“" || p.punct(k) == "\"" }
	if p.word(e) == "cum" && p.word(e+1) == "tu" || p.word(e) == "tu" && quote(e+1) {
		return Amends
	}
	return rp.Relation
}

// hasThis reports "này"/"this" after a type name in items [from, to).
func (p *refParser) hasThis(from, to int) bool {
	for k := from; k < to && k < len(p.items); k++ {
		if w := p.word(k); w == "nay" || w == "this" {
			return true
		}
	}
	return false
}

// partWords name the parts of a text: an item that opens with one ("a)
// Khoản 9 Điều 2 của …") names a part, it is not numbered by it.
var partWords = map[string]bool{"dieu": true, "khoan": true, "diem": true, "chuong": true, "muc": true}

// listItemLine reports whether the line starting at item s is an item of a
// list: it opens with a list mark or numbering, or with a type name.
func (p *refParser) listItemLine(s int) bool {
	if s >= len(p.items) || p.items[s].kind == itemBreak {
		return false
	}
	if p.afterBullets(s) > s {
		return true
	}
	dt, _ := p.typeAt(s)
	return dt != nil
}

// cueAfter is the relation stated after mention m of it, in its clause:
// "Khoản 2 Điều 5 Nghị định số X được sửa đổi, bổ sung như sau:", "Thông
// tư số X hết hiệu lực kể từ ngày Thông tư này có hiệu lực".
func (p *refParser) cueAfter(m *mention) Relation { return p.cueAfterIn(m, false) }

// cueAfterIn is cueAfter for a mention that may itself stand in the chain
// of what was done to an earlier document: "Luật A đã được sửa đổi, bổ sung
// một số điều theo Luật số B; Luật C hết hiệu lực …" — B, the agent, goes
// on with A across the ";" (audit e34ce90 #71).
func (p *refParser) cueAfterIn(m *mention, inChain bool) Relation {
	n := len(p.items)
	// chain: inside what was done to m before ("… đã được sửa đổi, bổ sung
	// theo Luật số X và Luật số Y hết hiệu lực …"), whose documents share
	// the predicate with m; so does a list of them ("Nghị định số X và Nghị
	// định số Y hết hiệu lực …").
	chain, described := inChain, false
	// crossed: the clause went on past a ";" into the next item of a list
	// of parts and documents ("Điều 25 Nghị định số X …; Điều 48 … Nghị
	// định số Y … chấm dứt hiệu lực kể từ …"): only an end of force said
	// of this document is shared across it.
	crossed := false
	from := m.last
	for i := m.last; i < n && i < from+80; i++ {
		it := p.items[i]
		if p.punct(i) == ";" && p.listPartAt(i+1) {
			crossed = true
			continue
		}
		if it.kind == itemSymbol && (chain || described || i < m.subjTo || p.onlyListBetween(from, i)) {
			// the next document of the list: what is said right after its
			// identity (date, issuer) is near, as after m's
			from = i + 1
			if e := p.identityEnd(i); e > from {
				from = e
				i = e - 1
			}
			continue
		}
		if it.kind == itemBreak || it.kind == itemSymbol || it.kind == itemPunct && (it.key == ";" || it.key == "." && !p.noDot(i) || it.key == ":") {
			return ""
		}
		if p.punct(i) == "(" {
			// an aside: "(gọi tắt là Nghị định số X)", "(được sửa đổi,
			// bổ sung năm 2025)" says nothing of what this document does
			for i < n && p.punct(i) != ")" && p.items[i].kind != itemBreak {
				i++
			}
			if i < n && p.items[i].kind == itemBreak {
				return ""
			}
			from = i + 1
			continue
		}
		if it.kind != itemWord {
			continue
		}
		rp := p.cueStartingAt(i)
		if rp == nil {
			continue
		}
		e := i + len(rp.words)
		if p.punct(e) == "," {
			e++
		}
		// Only right after m (or after the documents that go with it)
		// does a passive cue or a description speak of m: "… tiếp tục
		// thực hiện … cho đến khi được thay thế bằng quy hoạch …" is
		// another clause's.
		near := i <= from+3 || i < m.subjTo
		if !near && p.passiveAt(i) {
			return ""
		}
		if p.passiveAt(i) && rp.Where == "self" {
			// "Khoản 2 Điều 5 Thông tư số X được sửa đổi, bổ sung như
			// sau:" is this document's act on X; "X đã được sửa đổi theo
			// Luật số Y …" is what Y did before, and the sentence goes on.
			if p.saysOfThis(e, true) {
				if crossed {
					return ""
				}
				return rp.Relation
			}
			chain = true
			i = e - 1
			from = e
			continue
		}
		if rp.Where != "self" || rp.Relation == Guides {
			// m's own subject ("Nghị quyết số X … hướng dẫn một số nội
			// dung về … hết hiệu lực kể từ ngày Nghị quyết này …")
			i = e - 1
			described = true
			continue
		}
		// "… hết hiệu lực …" of a sentence about this document: "Kể từ
		// ngày Nghị định này có hiệu lực thi hành, Nghị định số X … hết
		// hiệu lực thi hành, trừ …"
		if crossed && rp.Relation != Repeals {
			return ""
		}
		if near && !rp.intransitive() {
			// what m itself does, right after it, to the object that
			// follows: "Nghị định số X … sửa đổi, bổ sung một số điều
			// của Nghị định số Y … hết hiệu lực kể từ …" (a "Nghị định
			// này" further on is the end of the sentence, not this act)
			i = e - 1
			described = true
			continue
		}
		if p.saysOfThis(e, false) || rp.Relation == Repeals && p.sentenceIsAboutThis(m.first) {
			return rp.Relation
		}
		if near {
			// what m itself does, right after it: "Thông tư số X … của
			// Bộ Tài chính sửa đổi, bổ sung một số điều của Thông tư số Y
			// … hết hiệu lực …"
			i = e - 1
			described = true
			continue
		}
		return ""
	}
	return ""
}

// saysOfThis reports whether the sentence after a cue ending at item e
// makes it this document's act: "… như sau:", "… kể từ ngày Thông tư này
// có hiệu lực". With toSymbol, a document cited first ends the search.
func (p *refParser) saysOfThis(e int, toSymbol bool) bool {
	for k := e; k < len(p.items) && k < e+30; k++ {
		if p.items[k].kind == itemBreak || p.punct(k) == "." && !p.noDot(k) || p.punct(k) == ";" || p.punct(k) == ":" || toSymbol && p.items[k].kind == itemSymbol {
			return false
		}
		if p.word(k) == "nhu" && p.word(k+1) == "sau" {
			return true
		}
		if p.word(k) == "this" && englishTypes[p.word(k+1)] != "" {
			return true // "… ceases to be effective from the date of this Circular"
		}
		if p.word(k) == "nay" && k > 0 {
			if dt, _ := p.typeEndingAt(k - 1); dt != nil {
				return true
			}
		}
	}
	return false
}

// onlyListBetween reports whether items [from, to) only join documents in
// a list: ",", "và", "hoặc", "số" and type names ("…, Luật số", "và Nghị
// định số").
func (p *refParser) onlyListBetween(from, to int) bool {
	for k := from; k < to; k++ {
		switch w := p.word(k); {
		case p.punct(k) == ",", w == "va", w == "hoac", w == "so":
		default:
			dt, e := p.typeAt(k)
			if dt == nil || e <= k {
				return false
			}
			k = e - 1
		}
	}
	return true
}

// numberHasSymbol reports whether a number cited with its issuer is the
// number of a document also cited by symbol with the same type.
func (p *refParser) numberHasSymbol(m *mention) bool {
	for i := range p.ms {
		o := &p.ms[i]
		if o.sym != "" && o.typ == m.typ && strings.TrimLeft(ParseSymbol(o.sym).Number, "0") == m.number {
			return true
		}
	}
	return false
}

// basisTitle reports whether a folded heading names the legal basis: "căn
// cứ", "căn cứ pháp lý", "căn cứ pháp luật", "căn cứ xây dựng kế hoạch",
// "căn cứ ban hành", "căn cứ xét đề nghị", "cơ sở pháp lý" — not "căn cứ
// tính thuế", a chapter about what tax is computed on.
func basisTitle(t string) bool {
	t = strings.Trim(t, " :.")
	if strings.HasPrefix(t, "co so phap ly") {
		return true
	}
	rest, ok := strings.CutPrefix(t, "can cu")
	if !ok {
		return false
	}
	rest = strings.TrimLeft(rest, " :")
	if rest == "" {
		return true
	}
	for _, w := range []string{"phap ly", "phap luat", "xay dung", "ban hanh", "xet de nghi", "de xuat"} {
		if strings.HasPrefix(rest, w) {
			return true
		}
	}
	return false
}

// basisSections are the sections under a heading that names the basis
// ("CĂN CỨ PHÁP LÝ", "Căn cứ xây dựng kế hoạch", "Cơ sở pháp lý"), up to the
// next heading of the same or a higher level.
func basisSections(hs []Heading, end int) []zone {
	var out []zone
	for i, h := range hs {
		if !basisTitle(normalize.Fold(strings.TrimSpace(h.Title))) {
			continue
		}
		to := end
		for _, g := range hs[i+1:] {
			if g.Level <= h.Level {
				to = g.Start
				break
			}
		}
		out = append(out, zone{h.Start, to})
	}
	return out
}

// basisHeadingSections are the sections under a line that is only a basis
// heading — "CĂN CỨ PHÁP LUẬT", "Căn cứ pháp lý", "Cơ sở pháp lý", a
// Markdown "## Căn cứ" whose marks normalize removed and which the outline
// does not record: the list items that follow it, over blank lines, up to
// the first line that is not one.
func (p *refParser) basisHeadingSections() []zone {
	var out []zone
	n := len(p.items)
	for s := 0; s < n; s++ {
		if s > 0 && p.items[s-1].kind != itemBreak {
			continue
		}
		e := s
		for e < n && p.items[e].kind != itemBreak {
			e++
		}
		if !p.basisHeadingLine(p.afterBullets(s), e) {
			s = e
			continue
		}
		end := e
		sig := "?"
		for i := e + 1; i < n; {
			j := i
			for j < n && p.items[j].kind != itemBreak {
				j++
			}
			if j > i {
				// The items of one list: the marks of the first ("-", "1.").
				if sig == "?" {
					sig = p.bulletSig(i)
				}
				if !p.listItemLine(i) && p.cueStartingAt(i) == nil || p.bulletSig(i) != sig {
					break
				}
			}
			end = j
			i = j + 1
		}
		if end > e {
			from, to := p.items[s].start, p.items[end-1].end
			out = append(out, zone{from, to})
		}
		s = e
	}
	return out
}

// basisHeadingLine reports whether items [a, e) are a basis heading alone:
// "căn cứ", "căn cứ pháp lý/pháp luật", "căn cứ xây dựng …", "căn cứ xét đề
// nghị", "cơ sở pháp lý", with no document cited on it and at most 8 words.
func (p *refParser) basisHeadingLine(a, e int) bool {
	if a >= e || p.word(a) != "can" && p.word(a) != "co" {
		return false
	}
	words := 0
	var b strings.Builder
	for i := a; i < e; i++ {
		switch it := p.items[i]; it.kind {
		case itemSymbol, itemDate, itemNumber:
			return false
		case itemWord:
			words++
			b.WriteString(" " + it.key)
		}
	}
	return words <= 8 && basisTitle(strings.TrimSpace(b.String()))
}

// agent is what a passive relation makes of a cited document: "Luật A đã
// được sửa đổi, bổ sung theo Luật B, Luật C" — B and C are A's amending
// laws (of is A's mention), not this document's act.
type agent struct {
	of  int // index of the mention the relation is stated of, or -1
	cue *RelationPhrase
}

// agentWords join a passive cue to the documents that do it.
var agentWords = map[string]bool{"boi": true, "theo": true, "tai": true, "bang": true, "by": true}

// passiveAgents finds, for each mention, the document a passive relation
// before it is stated of, when the mention is that relation's agent: the
// cue is passive ("được", "bị" before it), an agent word ("bởi", "theo",
// "tại") stands between it and the mention, and no other cue does; a list
// ("Luật số B, Luật số C và Luật số D") shares its first item's.
func (p *refParser) passiveAgents() []agent {
	out := make([]agent, len(p.ms))
	for mi := range p.ms {
		out[mi] = agent{of: -1}
		m := &p.ms[mi]
		if a, cue := p.passiveOf(mi); cue != nil {
			out[mi] = agent{a, cue}
			continue
		}
		// The next item of a list of agents.
		if mi > 0 && out[mi-1].cue != nil && p.ms[mi-1].parent == m.parent && (p.onlySeparators(p.ms[mi-1].last, m.first) || p.semicolonInParens(p.ms[mi-1].last, m.first)) {
			out[mi] = out[mi-1]
		}

	}
	return out
}

// semicolonInParens reports whether items [from, to) are one ";" inside a
// parenthesis still open: "(ĐƯỢC SỬA ĐỔI, BỔ SUNG BỞI NGHỊ ĐỊNH SỐ X …;
// NGHỊ ĐỊNH SỐ Y …)" lists the agents on, where outside one ";" ends the
// clause.
func (p *refParser) semicolonInParens(from, to int) bool {
	if to != from+1 || p.punct(from) != ";" {
		return false
	}
	depth := 0
	for i := from - 1; i >= 0 && i > from-200; i-- {
		switch {
		case p.items[i].kind == itemBreak:
			return false
		case p.punct(i) == ")":
			depth++
		case p.punct(i) == "(":
			if depth == 0 {
				return true
			}
			depth--
		}
	}
	return false
}

// onlySeparators reports whether items [from, to) are only list separators:
// ",", "và", "and".
func (p *refParser) onlySeparators(from, to int) bool {
	if from > to || to-from > 3 {
		return false
	}
	for i := from; i < to; i++ {
		if !(p.punct(i) == "," || p.word(i) == "va" || p.word(i) == "and") {
			return false
		}
	}
	return true
}

// passiveOf finds the passive cue that governs mention mi as its agent and
// the mention it is stated of.
func (p *refParser) passiveOf(mi int) (int, *RelationPhrase) {
	m := &p.ms[mi]
	// Most mentions have no agent word before them: look for one first.
	near := false
	for i := m.first - 1; i >= 0 && i > m.first-14 && !p.boundary(i); i-- {
		if p.items[i].kind == itemWord && agentWords[p.items[i].key] {
			near = true
			break
		}
	}
	if !near {
		return -1, nil
	}
	agentAt := -1
	for i := m.first - 1; i >= 0 && i > m.first-14; i-- {
		if p.boundary(i) || p.punct(i) == "(" {
			return -1, nil
		}
		w := p.word(i)
		if w == "" {
			continue
		}
		if agentWords[w] && agentAt < 0 {
			agentAt = i
			continue
		}
		for _, rp := range p.t.relsByLast[w] {
			a, ok := p.phraseEndingAt(i, rp.words, 0)
			if !ok {
				continue
			}
			if agentAt < 0 || !p.passiveAt(a) {
				return -1, nil
			}
			switch rp.Relation {
			case Amends, Replaces, Repeals, Guides:
			default:
				return -1, nil
			}
			// "Sửa đổi Điều 3 đã được sửa đổi theo … Thông tư số B": B
			// is an agent even when the document it amended is not named
			// in the clause (of = -1: no claim).
			return p.statedOf(mi, a-1), rp
		}
	}
	return -1, nil
}

// statedOf is the mention a passive verb at item v ("được", "bị") speaks of:
// the nearest mention before it in its clause (a ";" only right before the
// verb: "Luật A số X; được sửa đổi bởi …"); a mention nested in another's subject that
// ended right before gives way to that one ("Nghị định số A … quy định chi
// tiết Luật B; được sửa đổi bởi …" is said of A).
func (p *refParser) statedOf(mi, v int) int {
	if p.word(v-1) == "da" {
		v--
	}
	j := mi - 1
	for j >= 0 && p.ms[j].symAt >= v {
		j--
	}
	if j < 0 {
		return -1
	}
	o := &p.ms[j]
	end := o.end()
	if v-end > 40 {
		return -1
	}
	for k := end; k < v; k++ {
		// the same clause, of another document than this one ("Quyết định
		// này được sửa đổi …")
		if p.word(k) == "nay" || p.boundary(k) && !(p.punct(k) == ";" && k == v-1) {
			return -1
		}
	}
	for o.parent >= 0 {
		par := &p.ms[o.parent]
		if par.subjTo > v || par.subjTo < o.last {
			break
		}
		j, o = o.parent, par
	}
	return j
}

// activeClaim is the relation a cited document states of the next one
// outside its subject: "Quy định số 09-QĐ/TW đã sửa đổi Quy định số
// 128-QĐ/TW". It returns the index of the first mention and the cue, when a
// self cue stands right after it (after "đã") and right before mention mi.
func (p *refParser) activeClaim(mi int) (int, *RelationPhrase) {
	m := &p.ms[mi]
	da := false // the verb follows "đã" within a few words
	for i := m.first - 1; i >= 0 && i > m.first-10; i-- {
		if p.word(i) == "da" {
			da = true
			break
		}
	}
	if !da {
		return -1, nil
	}
	cue, _, at := p.cueBefore(m.first, 0)
	if cue == nil || cue.Where != "self" || p.passiveAt(at) || m.first-at > 8 {
		return -1, nil
	}
	v := at
	if p.word(v-1) == "da" {
		v--
	} else {
		return -1, nil // without "đã" the verb opens the subject (nested) or a provision
	}
	for j := mi - 1; j >= 0; j-- {
		o := &p.ms[j]
		if o.symAt >= v {
			continue
		}
		if o.end() == v {
			return j, cue
		}
		return -1, nil
	}
	return -1, nil
}
