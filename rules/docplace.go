package rules

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"vanban/normalize"
)

// The place of a document below its province (domain.md §7): read from its
// issuer lines ("ĐẢNG BỘ HUYỆN TÂY SƠN" / "ĐẢNG ỦY XÃ BÌNH THÀNH", "HUYỆN ỦY
// HOÀI NHƠN", "UBND HUYỆN …", "THÀNH ỦY LAI CHÂU"), its place line ("Tây Sơn,
// ngày …") and its text, and placed with the gazetteer. A name is placed only
// when the clues leave one unit of the gazetteer; a ward name alone is not a
// place, a district name found in several provinces needs the province; a name
// the gazetteer does not hold is kept as written.

// Levels of the hierarchy.
const (
	lvProvince = 0
	lvDistrict = 1
	lvCommune  = 2
	lvCity     = -2 // "thành phố", "thành ủy": a centrally-run city or a district-level one
)

// A placeCue is a word or two that name a unit's level: "huyện", "Huyện ủy",
// "thị xã", "TP.".
type placeCue struct {
	words []string // comparison keys (normalize.Key), "ủy" compared folded
	level int
	unit  string // folded unit word of the gazetteer: "huyen", "thanh pho"
}

var placeCues = func() []placeCue {
	c := func(s string, level int, unit string) placeCue {
		return placeCue{words: strings.Fields(normalize.Key(s)), level: level, unit: unit}
	}
	// Longest first.
	return []placeCue{
		c("tỉnh ủy", lvProvince, "tinh"), c("thành ủy", lvCity, "thanh pho"),
		c("huyện ủy", lvDistrict, "huyen"), c("quận ủy", lvDistrict, "quan"), c("thị ủy", lvDistrict, "thi xa"),
		c("thành phố", lvCity, "thanh pho"), c("thị xã", lvDistrict, "thi xa"), c("thị trấn", lvCommune, "thi tran"),
		c("đặc khu", lvCommune, "dac khu"),
		c("tp", lvCity, "thanh pho"), c("tỉnh", lvProvince, "tinh"), c("huyện", lvDistrict, "huyen"),
		c("quận", lvDistrict, "quan"), c("xã", lvCommune, "xa"), c("phường", lvCommune, "phuong"),
	}
}()

// placeStops end a name after a cue: "huyện Tây Sơn về …", "xã A và xã B".
var placeStops = map[string]bool{"va": true, "ve": true, "cua": true, "tai": true, "tren": true, "nhiem": true,
	"khoa": true, "lan": true, "thu": true, "nam": true, "ngay": true, "so": true, "dia": true, "ban": true, "cac": true}

type ptok struct {
	w, key, fold string
	sep          bool // a separator (comma, semicolon, parenthesis) precedes it
}

// placeTokens splits a phrase into words; "TP." is the word "TP".
func placeTokens(s string) []ptok {
	var out []ptok
	s = norm.NFC.String(s)
	sep := false
	start := -1
	flush := func(end int) {
		if start >= 0 {
			w := s[start:end]
			out = append(out, ptok{w: w, key: normalize.Key(w), fold: foldPlain(w), sep: sep})
			start, sep = -1, false
		}
	}
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
		if r == ',' || r == ';' || r == '(' || r == ')' || r == ':' || r == '/' || r == '\n' {
			sep = true
		}
	}
	flush(len(s))
	return out
}

// A placeMention is a unit named in a phrase: its level, its unit word, the
// name as written (empty when the phrase only gives the level: "Ủy ban nhân
// dân huyện") and the units of the gazetteer it may be.
type placeMention struct {
	level int
	unit  string
	name  string // as written, without the unit word: "TÂY SƠN"
	nodes []*placeNode
	// renamed: the gazetteer holds the name at this level under another
	// unit word ("Huyện ủy Hoài Nhơn" of before 2020, "Thị xã Hoài Nhơn"
	// now): the unit is placed, its name kept as written.
	renamed bool
}

func (c placeCue) at(ts []ptok, i int) bool {
	if i+len(c.words) > len(ts) {
		return false
	}
	for k, w := range c.words {
		t := ts[i+k]
		if t.key != w && !(k > 0 && t.fold == "uy" && foldPlain(w) == "uy") && !(w == "tp" && t.fold == "tp") {
			return false
		}
	}
	return true
}

// How placeMentions reads a phrase.
const (
	readLine = iota // an issuer or place line: any case, unknown names kept
	readText        // running text: capitalised names of the gazetteer only
	readRef         // a cited issuer ("Huyện ủy Tây Sơn"): capitalised, unknown names kept
)

// placeMentions finds the units a phrase names after a cue. An unresolved
// "thành phố"/"thành ủy" keeps the level lvCity: whether it is a province or a
// district depends on the province (cityLevel).
func placeMentions(s string, mode int) []placeMention {
	ts := placeTokens(s)
	g := gazetteer()
	var out []placeMention
	for i := 0; i < len(ts); {
		var cue *placeCue
		for k := range placeCues {
			if placeCues[k].at(ts, i) {
				cue = &placeCues[k]
				break
			}
		}
		if cue == nil {
			i++
			continue
		}
		j := i + len(cue.words)
		// The name: words up to a separator, a stop word or another cue.
		e := j
		for e < len(ts) && e-j < 6 && (e == j || !ts[e].sep) && !placeStops[ts[e].fold] && !isCueAt(ts, e) {
			if mode != readLine && !startsUpperOrDigit(ts[e].w) {
				break
			}
			e++
		}
		m := placeMention{level: cue.level, unit: cue.unit}
		// The longest prefix of the name that the gazetteer holds.
		for k := e; k > j; k-- {
			nodes, renamed := g.unitsNamed(ts[j:k], cue)
			if len(nodes) > 0 {
				m.name, m.nodes, m.renamed, e = joinWords(ts[j:k]), nodes, renamed, k
				break
			}
		}
		if m.nodes == nil {
			if e > j && mode == readText {
				i = j
				continue
			}
			if e-j <= 4 {
				m.name = joinWords(ts[j:e])
			} else {
				e = j
			}
		}
		if m.level == lvCity && len(m.nodes) > 0 {
			m.level = lvDistrict
			for _, n := range m.nodes {
				if n.level == lvProvince {
					m.level = lvProvince
				}
			}
		}
		out = append(out, m)
		i = max(e, j)
	}
	return out
}

func isCueAt(ts []ptok, i int) bool {
	for k := range placeCues {
		if placeCues[k].at(ts, i) {
			return true
		}
	}
	return false
}

func startsUpperOrDigit(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r) || unicode.IsDigit(r)
	}
	return false
}

func joinWords(ts []ptok) string {
	ws := make([]string, len(ts))
	for i, t := range ts {
		ws[i] = t.w
	}
	return strings.Join(ws, " ")
}

// unitsNamed returns the units of the gazetteer named by words at a cue's
// level: compared with their marks first, folded when that finds none (OCR);
// with the cue's unit word, else (renamed) with another of the same level.
func (g *gazetteerT) unitsNamed(ts []ptok, cue *placeCue) ([]*placeNode, bool) {
	if ns := g.unitsNamedAs(ts, cue, true); len(ns) > 0 {
		return ns, false
	}
	if cue.level == lvDistrict || cue.level == lvCommune {
		if ns := g.unitsNamedAs(ts, cue, false); len(ns) > 0 {
			return ns, true
		}
	}
	return nil, false
}

func (g *gazetteerT) unitsNamedAs(ts []ptok, cue *placeCue, sameUnit bool) []*placeNode {
	keys := make([]string, len(ts))
	folds := make([]string, len(ts))
	for i, t := range ts {
		keys[i], folds[i] = t.key, t.fold
	}
	key, base := strings.Join(keys, " "), strings.Join(folds, " ")
	fits := func(n *placeNode) bool {
		switch cue.level {
		case lvCity:
			return n.level == lvProvince && n.unit == "thanh pho" || n.level == lvDistrict && n.unit == "thanh pho"
		case lvProvince:
			return n.level == lvProvince
		}
		return n.level == cue.level && (n.unit == cue.unit || cue.unit == "" || !sameUnit)
	}
	var marked, folded []*placeNode
	cands := g.byBase[base]
	if cue.level == lvProvince || cue.level == lvCity {
		for _, p := range g.provinceNodes(base) {
			if cue.level == lvProvince || p.unit == "thanh pho" {
				cands = append([]*placeNode{p}, cands...)
			}
		}
	}
	for _, n := range cands {
		if !fits(n) {
			continue
		}
		folded = append(folded, n)
		if n.level == lvProvince || n.keyName() == key {
			marked = append(marked, n)
		}
	}
	if len(marked) > 0 {
		return marked
	}
	return folded
}

// docPlace is what placeDocument reads.
type docPlace struct {
	lines    []string // the header's issuer lines, top down
	issuer   string   // the issuer as running text, when there are no lines
	place    string   // the place line: "Tây Sơn", "TP. Lai Châu"
	code     string   // the issuer codes of the document's own symbol
	date     string
	province string // the province read from the lines, place or text ("" if none)
	strong   bool   // province was read from the issuer lines
	text     string // the opening, for clues
}

// placeDocument places a document: the province (when the gazetteer settles
// it), district and commune. It returns the zero Place when nothing below the
// province is known and the province is unchanged.
func placeDocument(in docPlace) Place {
	g := gazetteer()
	after := in.date != "" && in.date >= mergeDate
	var ms []placeMention
	for _, l := range in.lines {
		ms = append(ms, placeMentions(l, readLine)...)
	}
	if len(in.lines) == 0 && in.issuer != "" {
		ms = placeMentions(in.issuer, readLine)
	}
	// The province: the issuer lines name it, else what the caller read.
	province, strong := in.province, in.strong
	for _, m := range ms {
		if m.level == lvProvince && len(m.nodes) > 0 {
			province, strong = m.nodes[0].record, true
		}
	}
	for k := range ms {
		if ms[k].level == lvCity {
			ms[k].level = cityLevel(province)
		}
	}
	// The document's own level: the lowest unit its issuer names, else the
	// level of its symbol's code (58-KH/HU: district).
	own := -1
	for _, m := range ms {
		own = max(own, m.level)
	}
	if own < 0 {
		switch CodeLevel(in.code) {
		case "province":
			own = lvProvince
		case "district":
			own = lvDistrict
		case "commune":
			own = lvCommune
		}
	}
	named := map[int]*placeMention{}
	for k := range ms {
		if ms[k].name != "" {
			named[ms[k].level] = &ms[k]
		}
	}
	var res Place
	if own <= lvProvince {
		return res
	}
	// The own unit without a name: the place line names it ("Tây Sơn, ngày …").
	if named[own] == nil && in.place != "" {
		cue := placeCue{level: own}
		for _, m := range ms {
			if m.level == own {
				cue.unit = m.unit
			}
		}
		for _, m := range placeMentions(in.place, readLine) {
			if m.level == lvCity {
				m.level = cityLevel(province)
			}
			if m.level == own && m.name != "" {
				m := m
				named[own] = &m
			}
		}
		if named[own] == nil {
			ts := placeTokens(in.place)
			if nodes, renamed := g.unitsNamed(ts, &cue); len(nodes) > 0 {
				named[own] = &placeMention{level: own, unit: cue.unit, name: joinWords(ts), nodes: nodes, renamed: renamed}
			}
		}
	}
	// Clues from the opening text: units named with their unit words.
	// (read only when a name needs them).
	var clues []*placeNode
	cluesRead := false
	textClues := func() []*placeNode {
		if !cluesRead && in.text != "" {
			for _, m := range placeMentions(in.text, readText) {
				clues = append(clues, m.nodes...)
			}
		}
		cluesRead = true
		return clues
	}
	within := func(n, a *placeNode) bool {
		for m := n; m != nil; m = m.parent {
			if m == a || m.level == lvProvince && a.level == lvProvince && m.record == a.record {
				return true
			}
		}
		return false
	}
	// narrow keeps the candidates that satisfy a test when some do.
	narrow := func(cs []*placeNode, ok func(*placeNode) bool, strict bool) []*placeNode {
		var out []*placeNode
		for _, c := range cs {
			if ok(c) {
				out = append(out, c)
			}
		}
		if len(out) == 0 && !strict {
			return cs
		}
		return out
	}
	inProvince := func(n *placeNode) bool {
		for m := n; m != nil; m = m.parent {
			if m.level == lvProvince {
				return provinceKey(m.record) == provinceKey(province) ||
					after && provinceKey(m.record) == provinceKey(successorName(province))
			}
		}
		return false
	}
	byClues := func(cs []*placeNode) []*placeNode {
		return narrow(cs, func(c *placeNode) bool {
			for _, a := range textClues() {
				if a != c && within(c, a) {
					return true
				}
			}
			return false
		}, false)
	}
	unitName := writtenName
	// The district.
	var dist *placeNode
	dm := named[lvDistrict]
	if dm != nil && !after {
		cs := dm.nodes
		if province != "" {
			cs = narrow(cs, inProvince, strong)
		}
		if len(cs) > 1 {
			cs = byClues(cs)
		}
		switch {
		case len(cs) == 1:
			dist = cs[0]
			res = dist.place()
			if dm.renamed {
				res.District = unitName(dm)
			}
		case len(cs) > 1 && sameName(cs):
			res.District = cs[0].name
		case len(cs) == 0:
			// Not in the gazetteer (merged in 2019–2024), or not in the
			// province the issuer lines name: the name as written.
			res.District = unitName(dm)
		}
		if res.District != "" && res.Province == "" && province != "" && (strong || len(cs) == 0) {
			res.Province = province
		}
	}
	if own < lvCommune {
		return res
	}
	cm := named[lvCommune]
	if cm == nil {
		return res
	}
	var cs []*placeNode
	for _, n := range cm.nodes {
		if n.after == after {
			cs = append(cs, n)
		}
	}
	switch {
	case after:
		if province != "" {
			cs = narrow(cs, inProvince, true)
		} else {
			cs = nil // a ward name alone is not a place
		}
	case dist != nil:
		cs = narrow(cs, func(n *placeNode) bool { return n.parent == dist }, true)
	case res.District != "" || dm != nil:
		cs = nil // the district is not known: the commune cannot be placed
	case province != "" && strong:
		cs = narrow(cs, inProvince, true)
		cs = byClues(cs)
	default:
		// Only the text's districts can place a ward named alone.
		cs = narrow(cs, func(c *placeNode) bool {
			for _, a := range textClues() {
				if a.level == lvDistrict && within(c, a) {
					return true
				}
			}
			return false
		}, true)
	}
	if len(cs) == 1 {
		pl := cs[0].place()
		if cm.renamed {
			pl.Commune = unitName(cm)
		}
		if dm != nil && dm.renamed {
			pl.District = res.District
		}
		return pl
	}
	if len(cm.nodes) == 0 || len(cs) == 0 && dist == nil && res.District == "" {
		// Not in the gazetteer, or not placed: the name as written.
		res.Commune = unitName(cm)
		if len(cm.nodes) > 0 && sameName(cm.nodes) {
			res.Commune = cm.nodes[0].name
		}
	}
	if len(cs) > 1 && sameName(cs) {
		res.Commune = cs[0].name
	}
	return res
}

func sameName(ns []*placeNode) bool {
	for _, n := range ns[1:] {
		if n.name != ns[0].name {
			return false
		}
	}
	return len(ns) > 0
}

// titleUnit is the unit word as the gazetteer writes it.
func titleUnit(u string) string {
	switch u {
	case "tinh":
		return "Tỉnh"
	case "thanh pho":
		return "Thành phố"
	case "huyen":
		return "Huyện"
	case "quan":
		return "Quận"
	case "thi xa":
		return "Thị xã"
	case "thi tran":
		return "Thị trấn"
	case "xa":
		return "Xã"
	case "phuong":
		return "Phường"
	case "dac khu":
		return "Đặc khu"
	}
	return ""
}

// successorName is the province a unit became part of on 1 July 2025 (itself
// when unchanged).
func successorName(province string) string {
	if pr := DefaultTables().provinceByKey[normalize.Key(province)]; pr != nil && pr.Successor != "" {
		return pr.Successor
	}
	return province
}

// nationalIssuer reports whether the issuer is a central body (a ministry, a
// Cục, the Government, a Central Party body): its issuer lines (or its name)
// begin with a national body of issuers.tsv, "Bộ", "Cục" or "Tổng cục" and
// name no province or lower unit. Such a document is not placed by its place
// line or text ("Hà Nội, ngày …" of a ministry is not Hà Nội's document).
func nationalIssuer(lines []string, issuer string) bool {
	ls := lines
	if len(ls) == 0 && issuer != "" {
		ls = []string{issuer}
	}
	if len(ls) == 0 {
		return false
	}
	national := false
	for _, l := range ls {
		if len(placeMentions(l, readLine)) > 0 {
			return false
		}
		f := strings.Join(strings.Fields(foldPlain(l)), " ")
		if strings.HasPrefix(f, "bo chi huy") || strings.HasPrefix(f, "bo doi") {
			return false
		}
		for _, h := range nationalHeads() {
			if f == h || strings.HasPrefix(f, h+" ") {
				national = true
			}
		}
	}
	return national
}

var nationalHeadsList []string

// nationalHeads are the folded names of the national bodies of issuers.tsv
// ("chinh phu", "bo tai chinh") and the words that begin a central body's name.
func nationalHeads() []string {
	gazetteer() // filled with the gazetteer, once
	return nationalHeadsList
}

func loadNationalHeads(t *Tables) []string {
	// Words that begin the name of a central body the table does not list:
	// a ministry or its department, a national committee or council.
	out := []string{"bo", "cuc", "tong cuc", "uy ban quoc gia", "hoi dong quoc gia", "ban chi dao quoc gia",
		"thu tuong", "pho thu tuong", "ngan hang nha nuoc",
		// central committees of ministerial rank that are gone
		"uy ban bao ve va cham soc tre em", "uy ban dan so"}
	for _, ic := range t.Issuers {
		if ic.Scope != "national" {
			continue
		}
		for _, b := range strings.Split(ic.Body, "/") {
			if f := strings.Join(strings.Fields(foldPlain(b)), " "); f != "" {
				out = append(out, f)
			}
		}
	}
	return out
}

// mayNamePlace is a cheap test that spares most documents the gazetteer:
// their issuer, place line and symbol name no level below the province.
func mayNamePlace(lines []string, issuer, place, symbol string) bool {
	if place != "" {
		return true
	}
	for _, l := range append(lines, issuer) {
		f := foldPlain(l)
		for _, w := range []string{"huyen", "quan", "thi xa", "thanh pho", "thanh uy", "thi uy", "xa", "phuong", "thi tran", "tp", "dac khu"} {
			if strings.Contains(f, w) {
				return true
			}
		}
	}
	return CodeLevel(strings.Join(ParseSymbol(symbol).Issuers, "-")) != ""
}

// cityLevel is the level of an unnamed "thành phố" or "Thành ủy" in a
// document of province: the province itself when it is a centrally-run city
// (Hà Nội, Hải Phòng …), else a district-level city.
func cityLevel(province string) int {
	g := gazetteer()
	for _, m := range []map[string]*placeNode{g.province2024, g.province2025} {
		if n := m[provinceKey(province)]; n != nil && n.unit == "thanh pho" {
			return lvProvince
		}
	}
	return lvDistrict
}
