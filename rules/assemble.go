package rules

import (
	"slices"
	"strings"

	"vanban/normalize"
)

// zone is a rune range of the citing document.
type zone struct{ from, to int }

func (z zone) has(off int) bool { return z.from <= off && off < z.to }

// relRank orders relations by strength: a document cited once in its opening
// ("Thực hiện …") and again in the body implements it.
var relRank = map[Relation]int{Implements: 6, Basis: 5, Amends: 4, Replaces: 4, Repeals: 4, Guides: 3, Cites: 1}

// cueBefore finds the relation phrase nearest before item `before`, within
// the clause (back to ";", ".", ":" or a line end) and not before item
// `floor`. It reports whether "này" (this document) precedes it in the clause,
// and where the phrase starts.
func (p *refParser) cueBefore(before, floor int) (*RelationPhrase, bool, int) {
	var cue *RelationPhrase
	at := -1
	this := false
	for i := before - 1; i >= 0 && i >= floor && i > before-40; i-- {
		// A parenthesis starts its own clause: the alias in "(sau đây viết
		// tắt là Kế hoạch 164-KH/TU)" is not governed by the sentence's cue.
		if p.boundary(i) || p.punct(i) == "(" && !p.issuedWithAt(i+1) {
			break
		}
		w := p.word(i)
		if w == "nay" || w == "this" {
			this = true
		}
		if cue != nil || w == "" || p.inLawName(i) {
			// the words of a law's name are no cue: "Luật này thay thế …,
			// Luật sửa đổi, bổ sung một số điều của Luật thuế tiêu thụ
			// đặc biệt ngày 05 tháng 7 năm 1993 và Luật …"
			continue
		}
		for _, rp := range p.t.relsByLast[w] {
			if a, ok := p.phraseEndingAt(i, rp.words, floor); ok {
				if p.lawNameCue(a) {
					i = a // a word of a law's name, with its shorter tails
					break
				}
				cue, at = rp, a
				break
			}
		}
	}
	return cue, this, at
}

// issuedWithAt reports "(ban hành) kèm theo" at item i: a parenthesis that
// says what the object of the clause came with ("sửa đổi khoản 16.3 của
// Quy trình … (ban hành kèm theo Quyết định số 1781/…)") belongs to the
// clause.
func (p *refParser) issuedWithAt(i int) bool {
	return p.wordsAt(i, []string{"ban", "hanh", "kem", "theo"}) || p.wordsAt(i, []string{"kem", "theo"})
}

// inLawName reports whether item i is a word of the name of a law cited by
// name ("Luật sửa đổi, bổ sung một số điều của Luật …").
func (p *refParser) inLawName(i int) bool {
	if !p.namesDone {
		p.namesDone = true
		for _, m := range p.ms {
			if m.name == "" || m.first < 0 || m.symAt > len(p.items) {
				continue
			}
			if p.nameItems == nil {
				p.nameItems = make([]bool, len(p.items))
			}
			for k := m.first; k < m.symAt && k < len(p.items); k++ {
				p.nameItems[k] = true
			}
		}
	}
	return p.nameItems != nil && i < len(p.nameItems) && p.nameItems[i]
}

// phraseEndingAt matches words ending at item i, allowing commas between them
// ("sửa đổi, bổ sung"); it returns the index of the first word.
func (p *refParser) phraseEndingAt(i int, words []string, floor int) (int, bool) {
	k := i
	for w := len(words) - 1; w >= 0; w-- {
		if k < floor || k < 0 {
			return 0, false
		}
		if p.punct(k) == "," && w < len(words)-1 {
			k--
		}
		if p.word(k) != words[w] {
			return 0, false
		}
		k--
	}
	return k + 1, true
}

// references turns mentions into the deduplicated reference list and the
// claims between cited documents.
func (p *refParser) references(own string, ownYear int, opening, title zone) ([]Reference, []Claim) {
	p.own = own
	var refs []Reference
	var claims []Claim
	index := map[string][]int{} // symbol → indices into refs
	// refs whose relation was read on a web page's metadata row ("Thay thế |
	// Thông tư 11/2013/TT-BGDĐT"): the act the text itself states wins.
	fromMeta := map[int]bool{}
	var prevRel Relation
	prevLine := -1
	// The last mention read inside another's description ("Thông tư A
	// sửa đổi … của Thông tư B"), with the relation it got: a list that
	// goes on from it ("…; Thông tư C … và Thông tư D") goes on with the
	// description, not with the clause of A.
	described, descRel := -1, Relation("")
	p.basis = append(p.basis, p.basisHeadingSections()...)
	agents := p.passiveAgents()
	addClaim := func(c Claim) {
		if c.From != "" && c.To != "" && c.From != c.To && c.From != own && c.To != own && !hasClaim(claims, c) {
			claims = append(claims, c)
		}
	}
	for mi := range p.ms {
		m := &p.ms[mi]
		parts := ParseSymbol(m.sym)
		year := m.year
		if len(m.date) >= 4 {
			year = atoi(m.date[:4])
		}
		switch {
		case year == 0 && !m.noYear:
			year = parts.Year
		case parts.Year != 0 && !m.noYear && parts.Year != year && parts.Year-year <= 2 && year-parts.Year <= 2:
			// The symbol's own year over a mistyped date a year or two off
			// ("04/2008/NĐ-CP NGÀY 07/1/2007"); a year far off is OCR
			// damage of the symbol, judged by repairMentions.
			year = parts.Year
		case parts.Year != 0 && !m.noYear && parts.Year != year && p.dateAgreesElsewhere(mi, parts.Year):
			// "Thông tư số 02/2015/TT-BNNPTNT ngày 27 tháng 01 năm 2025"
			// where the text dates the same symbol in 2015 elsewhere: the
			// date is mistyped, the document is the one of 2015 (audit
			// ec55b24 #82)
			year = parts.Year
		}
		if m.sym != "" && m.sym == own && (ownYear == 0 || year == 0 || year == ownYear) {
			continue
		}
		if p.bareCode(m, parts) {
			continue // "02/BH", "1/HKNN", "qx1/QUX1": a form or a formula, not a document
		}
		if m.number != "" && p.numberHasSymbol(m) {
			continue // "Nghị quyết 40" beside "Nghị quyết số 40/2021/QH15": a short form
		}
		rel := Cites
		if ag := agents[mi]; ag.cue != nil {
			// "Luật A đã được sửa đổi, bổ sung theo Luật B": B amends A (a
			// claim); to this document B is what A is in its clause — the
			// basis in "Căn cứ Luật A …", cited in "Bãi bỏ … của Luật A …".
			if ag.of >= 0 {
				top := ag.of
				for p.ms[top].parent >= 0 {
					top = p.ms[top].parent
				}
				// The amending ones go with the one they amended when this
				// document ends it: "Luật A đã được sửa đổi, bổ sung theo
				// Luật B hết hiệu lực kể từ ngày Luật này có hiệu lực".
				if r := p.ms[top].relation; r == Basis || r == Implements {
					rel = r
				} else if r == Repeals && p.cueAfterIn(m, true) == Repeals {
					rel = r
				}
				addClaim(Claim{From: m.sym, Relation: ag.cue.Relation, To: p.ms[ag.of].sym, Start: p.items[m.first].start})
			} else if m.parent < 0 {
				if r := p.relationOf(m, opening, title); r == Basis || r == Implements {
					rel = r
				}
			}
			if m.parent < 0 {
				prevRel, prevLine = rel, p.lineOf(m.first)
				m.relation = rel
			}
		} else if m.parent >= 0 {
			// A claim is read from a subject that opens with the relation:
			// "Kết luận số 01-KL/TW … về tiếp tục thực hiện Chỉ thị số 05-CT/TW",
			// "Nghị định … sửa đổi, bổ sung một số điều của Nghị định số …".
			par := &p.ms[m.parent]
			cue, _, at := p.cueBefore(m.first, par.subjFrom)
			if cue != nil && par.sym != m.sym && par.sym != "" && m.sym != "" && at-par.subjFrom <= 2 && m.first-at <= 16 {
				c := Claim{From: par.sym, Relation: cue.Relation, To: m.sym, Start: p.items[m.first].start}
				switch {
				case par.sym == own:
					// The claim of this very document (a news lead quoting
					// it: "ban hành Kế hoạch số 248-KH/TU triển khai thực
					// hiện Chỉ thị số 35-CT/TW"): a relation to it.
					rel = c.Relation
				case !hasClaim(claims, c):
					claims = append(claims, c)
				}
			} else if cue != nil && p.passiveAt(at) {
				// "Căn cứ Nghị định số 115/2024/NĐ-CP … được sửa đổi, bổ
				// sung tại Nghị định số 225/2025/NĐ-CP": the amending text
				// is read with the one it amends, under the same clause.
				top := m.parent
				for p.ms[top].parent >= 0 {
					top = p.ms[top].parent
				}
				if r := p.ms[top].relation; r == Basis || r == Implements {
					rel = r
				}
			}
			described, descRel = mi, rel
		} else {
			rel = p.relationOf(m, opening, title)
			line := p.lineOf(m.first)
			if rel == "" {
				// A list continues the cue of its first item: "Căn cứ Luật …; Luật …;".
				if (prevLine == line || prevLine == line-1 && p.wrappedAfterComma(m.first)) && p.listContinues(m) {
					rel = prevRel
					if r := p.amendedRel(agents, mi-1); r != "" && p.opensPartAfter(&p.ms[mi-1], m) {
						// The list goes on past the agents with the clause of
						// the document they amended: "… ban hành Luật sửa
						// đổi, bổ sung một số điều của 15 luật … gồm Luật A
						// số X đã được sửa đổi, bổ sung theo Luật số Y; Luật
						// B số Z; …" amends Z as it does X.
						rel = r
					}
					if described == mi-1 && described >= 0 && p.lineOf(p.ms[described].first) == line && !p.laterThanDescriber(described, mi) {
						// "Bãi bỏ Thông tư A sửa đổi … của Thông tư B …;
						// Thông tư C … và Thông tư D …": C and D are what A
						// amended, as B is (audits db026c7 #60, a9cf2fc #97).
						rel = descRel
						described = mi
					}
				} else {
					rel = Cites
				}
			}
			prevRel, prevLine = rel, line
			m.relation = rel
			// "Quy định số 09-QĐ/TW đã sửa đổi Quy định số 128-QĐ/TW".
			if j, cue := p.activeClaim(mi); cue != nil {
				addClaim(Claim{From: p.ms[j].sym, Relation: cue.Relation, To: m.sym, Start: p.items[m.first].start})
			}
		}
		// Merge with an earlier mention of the same document.
		key := m.sym
		switch {
		case key != "":
		case m.name != "":
			key = "name|" + normalize.Key(m.name)
		default:
			key = "number|" + m.typ + "|" + m.number + "|" + normalize.Key(m.issuer)
		}
		target := -1
		for _, ri := range index[key] {
			ry := int(refs[ri].Year)
			if ry == 0 || year == 0 || ry == year {
				target = ri
				break
			}
		}
		start, end := p.items[m.first].start, p.items[m.last-1].end
		meta := rel != Cites && p.metaRow(m.first)
		if target < 0 {
			ref := Reference{
				Type: NString(m.typ), Symbol: NString(m.sym), Number: NString(parts.Number),
				Year: NInt(year), Date: NString(m.date), Issuer: NString(m.issuer), Term: NString(m.term),
				Subject: NString(m.subject), Relation: rel, Count: 1,
				Text: string(p.r[start:end]), Start: start, End: end, Repaired: m.repaired,
			}
			ref.IssuerCode = strings.Join(parts.Issuers, "-")
			if m.number != "" {
				ref.Number = NString(m.number)
				ref.IssuerCode = p.t.CodeOfBody(m.issuer)
			}
			ref.Scope = CodeScope(ref.IssuerCode)
			if ref.Scope != "national" && !p.t.knownCodes(ref.IssuerCode) && p.t.NationalIssuer(m.issuer) {
				ref.Scope = "national"
			}
			if m.name != "" {
				ref.Name = m.name
				if m.sym != "" {
					ref.Aliases = []string{ref.Text}
				}
			}
			fromMeta[len(refs)] = meta
			index[key] = append(index[key], len(refs))
			refs = append(refs, ref)
			continue
		}
		r := &refs[target]
		r.Count++
		if r.Year == 0 && year != 0 {
			r.Year = NInt(year)
		}
		for _, n := range m.repaired {
			if !slices.Contains(r.Repaired, n) {
				r.Repaired = append(r.Repaired, n)
			}
		}
		if r.Date == "" && m.date != "" {
			r.Date = NString(m.date)
		}
		if r.Issuer == "" && m.issuer != "" {
			r.Issuer = NString(m.issuer)
		}
		if r.Subject == "" && m.subject != "" {
			r.Subject = NString(m.subject)
		}
		if r.Term == "" && m.term != "" {
			r.Term = NString(m.term)
		}
		if t := string(p.r[start:end]); m.name != "" && (m.sym != "" || t != r.Text) {
			r.Aliases = appendUnique(r.Aliases, t)
			if r.Name == "" {
				r.Name = m.name
			}
		}
		if m.sym != "" && m.typeWasSet && !p.ms[p.firstMentionOf(m.sym)].typeWasSet {
			r.Type = NString(m.typ)
		}
		switch {
		case relRank[rel] > relRank[r.Relation]:
			r.Relation = rel
			fromMeta[target] = meta
		case fromMeta[target] && !meta && rel != r.Relation && relRank[rel] == relRank[r.Relation]:
			// "Thay thế | Thông tư 11/2013" above, "Bãi bỏ các Thông tư
			// sau: … Thông tư số 11/2013" in the text (audit 6458a52 #67).
			r.Relation = rel
			fromMeta[target] = false
		}
	}
	p.shortForms(refs)
	return refs, claims
}

// dateAgreesElsewhere reports whether another mention of mention mi's
// symbol is dated in year y, the year its symbol says.
func (p *refParser) dateAgreesElsewhere(mi, y int) bool {
	sym := p.ms[mi].sym
	for i := range p.ms {
		if o := &p.ms[i]; i != mi && o.sym == sym && len(o.date) >= 4 && atoi(o.date[:4]) == y {
			return true
		}
	}
	return false
}

// laterThanDescriber reports whether mention mi is of a later year than
// the document whose description holds mention d: it cannot be named in
// that description, so it is the next item of the outer list ("Thông tư
// này thay thế … Thông tư số 75/2015 … về sửa đổi … Thông tư số 200/2014
// …, Thông tư số 53/2016 …").
func (p *refParser) laterThanDescriber(d, mi int) bool {
	par := p.ms[d].parent
	if par < 0 {
		return false
	}
	y, ym := p.yearOf(&p.ms[par]), p.yearOf(&p.ms[mi])
	return y != 0 && ym > y
}

func (p *refParser) firstMentionOf(sym string) int {
	for i := range p.ms {
		if p.ms[i].sym == sym {
			return i
		}
	}
	return 0
}

// listContinues reports whether only list punctuation separates mention m
// from the previous mention's end: "…; Luật Viên chức số …".
func (p *refParser) listContinues(m *mention) bool {
	described := false
	for i := m.first - 1; i >= 0; i-- {
		it := p.items[i]
		if it.kind == itemBreak {
			// a hard-wrapped list goes on after its comma: "…, Luật số
			// 67/2020/QH14," / "Luật số 09/2022/QH15, …"
			return p.punct(i-1) == ","
		}
		if it.kind == itemPunct && (it.key == ";" || it.key == ",") {
			return true
		}
		if it.kind == itemWord && it.key == "va" {
			return true
		}
		if it.kind == itemSymbol {
			// "… Thông tư số X hướng dẫn … theo Nghị định số Y": Y is
			// named in what X is, not the next item of a list.
			return !described
		}
		if it.kind == itemWord && p.describingVerbAt(i) {
			described = true
		}
		if p.boundary(i) {
			return false
		}
	}
	return false
}

// wrappedAfterComma reports whether the line holding item i follows a line
// that ends with a comma: one clause, hard-wrapped.
func (p *refParser) wrappedAfterComma(i int) bool {
	s := p.lineStart(i)
	return s >= 2 && p.punct(s-2) == ","
}

// metaRow reports whether item i is in the value of a web page's metadata
// row: its line opens with a label of at most six words and a "|" ("Thay
// thế | …", "Văn bản bị thay thế | …") before item i.
func (p *refParser) metaRow(i int) bool {
	words := 0
	for k := p.lineStart(i); k < i; k++ {
		switch it := p.items[k]; {
		case it.kind == itemWord:
			if words++; words > 6 {
				return false
			}
		case it.kind == itemPunct && it.key == "|":
			return words > 0
		default:
			return false
		}
	}
	return false
}

// lineOf is the number of line breaks before item i.
func (p *refParser) lineOf(i int) int {
	if p.lines == nil {
		p.lines = make([]int32, len(p.items))
		n := int32(0)
		for k, it := range p.items {
			if it.kind == itemBreak {
				n++
			}
			p.lines[k] = n
		}
	}
	return int(p.lines[i])
}

// shortForms counts later short mentions of a cited document — "Kết luận số
// 114" after "Kết luận số 114-KL/TW", "Chỉ thị 05" — as the same reference
// when exactly one cited document of that type has that number.
func (p *refParser) shortForms(refs []Reference) {
	if len(refs) == 0 {
		return
	}
	for k := 0; k < len(p.items); k++ {
		dt, e := p.typeAt(k)
		if dt == nil {
			continue
		}
		j := e
		if p.word(j) == "so" {
			j++
		}
		if j >= len(p.items) || p.items[j].kind != itemNumber {
			continue
		}
		num := strings.TrimLeft(p.items[j].key, "0")
		inside := false // the mention of a reference itself ("Nghị định 87" of "các Nghị định 87, 88, 31/CP")
		for ri := range refs {
			if refs[ri].Start <= p.items[k].start && p.items[k].start < refs[ri].End {
				inside = true
				break
			}
		}
		if inside {
			k = j
			continue
		}
		hit := -1
		for ri := range refs {
			rn := strings.TrimLeft(string(refs[ri].Number), "0")
			if rn == num && normalize.Fold(string(refs[ri].Type)) == normalize.Fold(dt.Name) {
				if hit >= 0 {
					hit = -2
					break
				}
				hit = ri
			}
		}
		if hit >= 0 {
			refs[hit].Count++
			refs[hit].Aliases = appendUnique(refs[hit].Aliases, string(p.r[p.items[k].start:p.items[j].end]))
		}
		k = j
	}
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func atoi(s string) int {
	v := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0
		}
		v = v*10 + int(c-'0')
	}
	return v
}

func hasClaim(cs []Claim, c Claim) bool {
	for _, x := range cs {
		if x.From == c.From && x.To == c.To && x.Relation == c.Relation {
			return true
		}
	}
	return false
}

// sentenceIsAboutThis reports whether the sentence holding item i speaks of
// the citing document itself: "Quyết định này có hiệu lực … và thay thế …;
// bãi bỏ …" (a type name followed by "này").
func (p *refParser) sentenceIsAboutThis(i int) bool {
	for k := i - 1; k >= 0 && k > i-80; k-- {
		it := p.items[k]
		if it.kind == itemBreak || it.kind == itemPunct && (it.key == "." && !p.noDot(k) || it.key == "!" || it.key == "?") {
			return false
		}
		if it.kind == itemWord && it.key == "this" && englishTypes[p.word(k+1)] != "" {
			return true // "This Decree takes effect … and replaces …"
		}
		if it.kind == itemWord && it.key == "nay" {
			if dt, _ := p.typeEndingAt(k - 1); dt != nil {
				return true
			}
		}
	}
	return false
}

// opensPartAfter reports whether mention b opens the list part right
// after a ";" that follows mention a (its subject included): "… theo Luật
// số Y; Luật B số Z", not "… bởi Nghị định số Y … hàng hải; giao thông
// đường bộ … và Nghị định số Z".
func (p *refParser) opensPartAfter(a, b *mention) bool {
	return b.first > a.end() && p.punct(b.first-1) == ";"
}

// amendedRel is the relation of the document that mention j, an agent of
// an amendment at the top of its clause ("Luật A số X đã được sửa đổi, bổ
// sung theo Luật số Y"), amended: X's. It is "" when j is no such agent.
func (p *refParser) amendedRel(agents []agent, j int) Relation {
	if j < 0 || p.ms[j].parent >= 0 {
		return ""
	}
	if ag := agents[j]; ag.cue != nil && ag.of >= 0 && p.ms[ag.of].parent < 0 {
		return p.ms[ag.of].relation
	}
	return ""
}
