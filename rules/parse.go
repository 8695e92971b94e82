package rules

import (
	"maps"
	"slices"
	"sort"
	"strings"

	"vanban/normalize"
)

// ParseText normalizes raw (already decoded) text and structures it.
func ParseText(raw string) Document {
	return Parse(normalize.Clean(raw))
}

// Parse structures normalized text into the record of the contract. It never
// fails: what the text does not give stays null.
func Parse(n normalize.Result) Document {
	t := DefaultTables()
	runes := []rune(n.Text)
	bodyEnd := n.BodyEnd
	if bodyEnd <= 0 || bodyEnd > len(runes) {
		bodyEnd = len(runes)
	}
	d := Document{Text: n.Text}
	if len(n.Removed) > 0 {
		d.Cleaned = n.Removed
	}
	for _, f := range n.Footnotes {
		d.Footnotes = append(d.Footnotes, Footnote{Mark: f.Mark, Text: f.Text, Start: f.Start})
	}
	lines := splitTextLines(n.Text, bodyEnd)
	h := parseHeader(lines, t)
	h.metaLines(lines, t)
	// Front matter keys: "so-hieu", "ngay_ban_hanh", "co-quan-ban-hanh" …,
	// read in their order by name: two keys for one field ("co-quan-ban-hanh"
	// and "issuer") gave a record that changed from run to run.
	for _, k := range slices.Sorted(maps.Keys(n.Meta)) {
		key := strings.Join(strings.FieldsFunc(normalize.Fold(k), func(r rune) bool { return r == '-' || r == '_' || r == ' ' }), " ")
		h.meta(key, n.Meta[k], t)
	}
	if h.symbol == "" && h.subject != "" {
		// An old title form: "QUYẾT ĐỊNH / của Thủ tướng Chính phủ số
		// 115/2004/QĐ-TTg ngày 25 tháng 6 năm 2004 về việc …" names the
		// document itself (audit 12fc190 #86: read as a citation of itself).
		if sym, date, rest, ok := ownFromTitle(h.subject); ok {
			h.symbol, h.subject = sym, rest
			if h.date == "" {
				h.date = date
			}
		}
	}
	if h.typ == "" && h.symbol == "" && h.subject == "" {
		// An English translation: "DECREE" / "Decree No. 39/2010/ND-CP of
		// April 7, 2010, on …" (audit 12fc190 #55: its own symbol, unread,
		// was a citation of itself).
		if e, ok := englishHeader(lines); ok {
			h.typ, h.symbol, h.subject = e.typ, e.symbol, e.subject
			h.subjFrom, h.subjTo = e.subjFrom, e.subjTo
			if h.date == "" {
				h.date = e.date
			}
		}
	}
	p := &refParser{t: t, r: runes, items: lex(runes).items}
	p.findMentions()
	p.repairMentions(h.date, h.symbol)
	p.completeFromText(h.symbol)

	d.Type, d.Symbol, d.Date, d.Place = NString(h.typ), NString(h.symbol), NString(h.date), NString(h.place)
	d.Subject = NString(h.subject)
	d.SymbolPart = h.symbolPart
	if d.Type == "" && d.Symbol != "" {
		// No type line: the symbol's type abbreviation names it (ND 30/2020
		// Phụ lục III), and a State symbol without one is a công văn.
		d.Type = NString(TypeOfSymbol(string(d.Symbol)))
	}

	bodyFrom := 0
	if h.bodyLine < len(lines) {
		bodyFrom = lines[h.bodyLine].start
	}
	d.Headings = outline(lines, h.bodyLine)
	openTo := bodyEnd
	if len(d.Headings) > 0 {
		openTo = d.Headings[0].Start
	} else {
		// No numbered headings: the opening is the first three paragraphs.
		k := 0
		for i := h.bodyLine; i < len(lines); i++ {
			if strings.TrimSpace(lines[i].s) != "" {
				k++
				if k > 3 {
					openTo = lines[i].start
					break
				}
			}
		}
	}
	if at, ok := repeatedHeader(lines, h, openTo); ok {
		// A portal page: its summary (with numbered lists) comes first and
		// the document itself, header and all, below it. The opening is
		// the document's own, from its header to its first heading.
		bodyFrom, openTo = at, bodyEnd
		for _, hd := range d.Headings {
			if hd.Start > at {
				openTo = hd.Start
				break
			}
		}
	}
	opening := zone{bodyFrom, openTo}
	title := zone{h.subjFrom, h.subjTo}

	firstItem := p.itemAt(bodyFrom)
	openItem := p.itemAt(openTo)
	// A news article quoting a document: "Ngày 1-8-2022, Ban Thường vụ Tỉnh
	// ủy Thanh Hóa ban hành Kết luận số 862-KL/TU về …".
	if h.typ == "" && h.symbol == "" {
		if m := p.quotedMention(firstItem, openItem); m != nil {
			d.Type, d.Symbol, d.Subject, d.Quoted = NString(m.typ), NString(m.sym), NString(m.subject), true
			d.Date = NString(m.date)
			if d.Date == "" {
				d.Date = NString(p.leadDate(m.first))
			}
		}
	}
	// Issuer: the header's issuer lines, else the opening's subject.
	d.Issuer = NString(issuerFromLines(h.issuerLines))
	if d.Issuer == "" {
		d.Issuer = NString(normalize.CanonicalTone(h.issuerText))
	}
	if d.Issuer == "" {
		iss, _ := issuerFromText(p, firstItem, openItem)
		d.Issuer = NString(iss)
	}
	ownYear := 0
	if len(d.Date) >= 4 {
		ownYear = atoi(string(d.Date)[:4])
	}
	p.basis = basisSections(d.Headings, bodyEnd)
	d.References, d.Claims = p.references(string(d.Symbol), ownYear, opening, title)
	d.Named = p.namedReferences()

	// Footer: recipients and signers in the last part of the body.
	footFrom := h.bodyLine
	if len(d.Headings) > 0 {
		for i, l := range lines {
			if l.start >= d.Headings[len(d.Headings)-1].Start {
				footFrom = i
				break
			}
		}
	}
	rec, recLine := recipients(lines, footFrom)
	d.Recipients = rec
	d.Signers = signers(lines, footFrom)
	taskTo := bodyEnd
	if recLine >= 0 {
		taskTo = min(taskTo, lines[recLine].start)
	}
	d.Tasks = tasks(lines, d.Headings, bodyFrom, taskTo, ownYear)

	// Province: the issuer lines, the place, the issuer, then the text; a
	// central body's only from its issuer lines (its place line is where the
	// ministry sits, not its jurisdiction).
	national := ScopeOfSymbol(string(d.Symbol)) == "national"
	byName := !national && nationalIssuer(h.issuerLines, string(d.Issuer))
	var pr *Province
	for i := len(h.issuerLines) - 1; i >= 0 && pr == nil; i-- {
		pr = provinceOfPhrase(h.issuerLines[i], t)
	}
	strong := pr != nil
	if pr == nil && !byName {
		pr = provinceOfPhrase(string(d.Place), t)
	}
	if pr == nil && !byName {
		pr = provinceOfPhrase(string(d.Issuer), t)
	}
	if pr == nil && !byName {
		if prs := provinceIn(p, t, firstItem, openItem); len(prs) > 0 {
			pr = prs[0]
		} else if prs := provinceIn(p, t, 0, len(p.items)); len(prs) > 0 {
			pr = prs[0]
		}
	}
	if national {
		pr = nil
	}
	// Below the province: the gazetteer places the issuer's district and
	// commune, and settles the province when they are unique.
	if !national && !byName && mayNamePlace(h.issuerLines, string(d.Issuer), string(d.Place), string(d.Symbol)) {
		in := docPlace{lines: h.issuerLines, place: string(d.Place), date: string(d.Date), strong: strong,
			code: strings.Join(ParseSymbol(string(d.Symbol)).Issuers, "-")}
		if len(h.issuerLines) == 0 {
			in.issuer = string(d.Issuer)
		}
		if pr != nil {
			in.province = pr.Name
		}
		if firstItem < len(p.items) {
			end := len(runes)
			if openItem < len(p.items) {
				end = p.items[openItem].start
			}
			in.text = string(runes[p.items[firstItem].start:end])
		}
		pl := placeDocument(in)
		if pl.Province != "" && (pr == nil || pl.Province != pr.Name) {
			if np := t.provinceByKey[normalize.Key(pl.Province)]; np != nil {
				pr = np
			}
		}
		d.District, d.Commune = NString(pl.District), NString(pl.Commune)
		if d.Date != "" && string(d.Date) >= mergeDate {
			d.District = ""
		}
	}
	if pr != nil {
		d.Province = NString(pr.Name)
		d.ProvinceSuccessor = NString(successorOn(pr, string(d.Date)))
	}
	placeReferences(d.References, string(d.Province))
	if d.Symbol != "" {
		d.Number = NString(ParseSymbol(string(d.Symbol)).Number)
	}
	return finish(d)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// itemAt returns the index of the first item starting at or after rune off.
func (p *refParser) itemAt(off int) int {
	return sort.Search(len(p.items), func(i int) bool { return p.items[i].start >= off })
}

// quotedMention finds "<issuer> ban hành <type> số <symbol>" in the opening.
func (p *refParser) quotedMention(from, to int) *mention {
	for i := range p.ms {
		m := &p.ms[i]
		if m.first < from || m.first >= to || !m.typeWasSet {
			continue
		}
		if p.word(m.first-2) == "ban" && p.word(m.first-1) == "hanh" {
			return m
		}
	}
	return nil
}

// leadDate reads the date that opens a news lead: "Ngày 1-8-2022, …".
func (p *refParser) leadDate(before int) string {
	for i := before - 1; i >= 0 && i > before-30; i-- {
		if p.items[i].kind == itemBreak {
			break
		}
		if p.word(i) == "ngay" {
			if iso, _, ok := p.dateAt(i + 1); ok {
				return iso
			}
		}
	}
	return ""
}

// finish replaces nil slices by empty ones: lists are [] in JSON, never null.
func finish(d Document) Document {
	if d.Signers == nil {
		d.Signers = []Signer{}
	}
	if d.Recipients == nil {
		d.Recipients = []string{}
	}
	if d.Headings == nil {
		d.Headings = []Heading{}
	}
	if d.References == nil {
		d.References = []Reference{}
	}
	if d.Named == nil {
		d.Named = []NamedRef{}
	}
	if d.Claims == nil {
		d.Claims = []Claim{}
	}
	if d.Footnotes == nil {
		d.Footnotes = []Footnote{}
	}
	if d.Tasks == nil {
		d.Tasks = []Task{}
	}
	return d
}

// repeatedHeader finds the document's own header written again after the
// opening ended (a portal page: metadata table, summary with numbered lists,
// then "## Nội dung chi tiết" with the text itself): a "Số" line carrying
// the document's own symbol within a few lines of the national motto. It
// returns the rune offset of that block's first line. An annex's form
// header ("Số: ……") never carries the own symbol.
func repeatedHeader(lines []textLine, h header, openTo int) (int, bool) {
	if h.symbol == "" {
		return 0, false
	}
	own := foldSymbolKey(h.symbol)
	for i, l := range lines {
		if l.start < openTo {
			continue
		}
		f := strings.TrimSpace(l.f)
		if !strings.HasPrefix(f, "so") || !strings.Contains(foldSymbolKey(l.s), own) {
			continue
		}
		for j := max(0, i-4); j < min(len(lines), i+4); j++ {
			if m, _ := isMotto(lines[j].f); m {
				return lines[min(i, j)].start, true
			}
		}
		return 0, false
	}
	return 0, false
}

// foldSymbolKey is a symbol's letters and digits, folded: how a "Số" line
// is matched against the symbol the header read.
func foldSymbolKey(s string) string {
	var b strings.Builder
	for _, r := range normalize.Fold(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ownFromTitle reads a title that opens with the document's own identity:
// "[của <issuer>] số <symbol> ngày <date> <subject>". It gives the symbol,
// the date (ISO 8601) and the subject after them.
func ownFromTitle(subject string) (sym, date, rest string, ok bool) {
	rs := []rune(subject)
	p := &refParser{r: rs, items: lex(rs).items}
	if len(p.items) == 0 || p.word(0) != "so" && p.word(0) != "cua" {
		return "", "", "", false
	}
	for k := 0; k < len(p.items) && k <= 12; k++ {
		if p.items[k].kind != itemWord {
			return "", "", "", false
		}
		if p.word(k) != "so" || k+2 >= len(p.items) || p.items[k+1].kind != itemSymbol || p.word(k+2) != "ngay" {
			continue
		}
		iso, e, dated := p.dateAt(k + 3)
		if !dated || !strings.Contains(p.items[k+1].key, "/") {
			return "", "", "", false
		}
		rest = ""
		if e < len(p.items) {
			rest = strings.TrimSpace(string(rs[p.items[e].start:]))
		}
		if rest == "" {
			return "", "", "", false
		}
		return p.items[k+1].key, iso, rest, true
	}
	return "", "", "", false
}
