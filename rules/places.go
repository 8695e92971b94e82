package rules

import (
	"bufio"
	"io/fs"
	"os"
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"vanban/normalize"
)

// Places below the province (domain.md §7; contract.md "Identity and
// places"): the gazetteer of administrative units before 1 July 2025
// (province → district → ward) and after it (province → ward), embedded as
// tables/dvhc-2024.tsv and tables/dvhc-2025.tsv (made by
// rules/internal/mkdvhc from ../shared/data/dvhc; extensible with files of the
// same names in $VANBAN_RULES). The gazetteer is read on first use, not at
// start: most documents never need it.

// Place is a unit of the administrative hierarchy. Province is the record's
// province field ("Bình Định", "Lai Châu": rules/tables/provinces.tsv);
// District and Commune are the gazetteer's names with their unit words
// ("Huyện Tây Sơn", "Thành phố Lai Châu", "Xã Bình Thành"), or a name as
// written when the gazetteer does not hold it (a district merged in 2019–2024).
// A place from 1 July 2025 has a province and a commune and no district.
type Place struct {
	Province string `json:"province,omitempty"`
	District string `json:"district,omitempty"`
	Commune  string `json:"commune,omitempty"`
}

// Level is "commune", "district" or "province": the lowest unit the place
// names; "" for the zero Place.
func (p Place) Level() string {
	switch {
	case p.Commune != "":
		return "commune"
	case p.District != "":
		return "district"
	case p.Province != "":
		return "province"
	}
	return ""
}

// Slug is the jurisdiction part of a key: "binh-dinh", "binh-dinh/tay-son",
// "binh-dinh/tay-son/binh-thanh". The province part is Slug(Province); a
// district or commune is the slug of its name without the unit word, unless two
// units of its parent would then collide ("Huyện Long Mỹ" and "Thị xã Long Mỹ"
// of Hậu Giang: "huyen-long-my", "thi-xa-long-my"; names that differ only in
// their marks add the unit's code: "xa-binh-thanh-21625"). A commune from 1 July 2025
// (no district) keeps its unit word, "gia-lai/xa-binh-thanh", so that it never
// reads as a district of the same name. An unknown province is empty:
// "/tay-son".
func (p Place) Slug() string {
	s := Slug(p.Province)
	if p.District == "" && p.Commune == "" {
		return s
	}
	g := gazetteer()
	prov := g.province2024[provinceKey(p.Province)]
	if p.District != "" {
		d := g.child(prov, p.District)
		if d != nil {
			s += "/" + d.slug
		} else {
			s += "/" + nameSlug(p.District, false)
		}
		if p.Commune != "" {
			if w := g.child(d, p.Commune); w != nil {
				s += "/" + w.slug
			} else {
				s += "/" + nameSlug(p.Commune, false)
			}
		}
		return s
	}
	return s + "/" + nameSlug(p.Commune, true)
}

// ParsePlaceSlug is the inverse of Place.Slug where the gazetteer knows the
// units: "binh-dinh/tay-son" → {Bình Định, Huyện Tây Sơn}. A part it cannot
// name is kept as the slug itself, so Slug(ParsePlaceSlug(s)) == s. A two-part
// slug whose second part is not a district of the province and names a commune
// of the province from 1 July 2025 ("gia-lai/xa-bien-ho") is that commune.
func ParsePlaceSlug(s string) Place {
	s = strings.ToValidUTF8(s, "\uFFFD")
	parts := strings.Split(strings.Trim(s, "/ "), "/")
	if strings.HasPrefix(s, "/") {
		parts = append([]string{""}, parts...)
	}
	var p Place
	if len(parts) == 0 || s == "" {
		return p
	}
	g := gazetteer()
	p.Province = parts[0]
	for _, pr := range DefaultTables().Provinces {
		if Slug(pr.Name) == parts[0] {
			p.Province = pr.Name
			break
		}
	}
	if len(parts) < 2 {
		return p
	}
	prov := g.province2024[provinceKey(p.Province)]
	d := g.childBySlug(prov, parts[1])
	if d == nil && len(parts) == 2 {
		if w := g.childBySlug(g.province2025[provinceKey(p.Province)], parts[1]); w != nil {
			p.Commune = w.name
			return p
		}
	}
	if d != nil {
		p.District = d.name
	} else {
		p.District = parts[1]
	}
	if len(parts) > 2 {
		if w := g.childBySlug(d, parts[2]); w != nil {
			p.Commune = w.name
		} else {
			p.Commune = parts[2]
		}
	}
	return p
}

// Slug makes the jurisdiction part of a key from a province name: folded,
// without "tỉnh"/"thành phố"/"TP.", words joined by hyphens ("Lai Châu" →
// "lai-chau", "Thành phố Hồ Chí Minh" → "ho-chi-minh"). It is the one
// implementation of the store's jurisdiction slug (corpus.Slug calls it).
func Slug(province string) string {
	f := foldPlain(province)
	for _, p := range []string{"tinh ", "thanh pho ", "tp. ", "tp.", "tp "} {
		if strings.HasPrefix(f, p) {
			f = strings.TrimSpace(f[len(p):])
			break
		}
	}
	return dashed(f)
}

// foldPlain folds s like a search key: composed or decomposed input alike,
// no marks, đ → d, lower case, spaces collapsed.
func foldPlain(s string) string {
	if !isASCII(s) {
		s = norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = normalize.FoldRune(r)
		if r >= 0x80 {
			// Outside the table: drop the marks of its decomposition.
			d := []rune(norm.NFD.String(string(r)))
			r = unicode.ToLower(d[0])
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// keyWords splits text into its words in comparison form (normalize.Key:
// canonical tone marks, lower case), dropping punctuation.
func keyWords(s string) []string {
	return strings.FieldsFunc(normalize.Key(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
}

// dashed joins the letter and digit runs of folded text with hyphens.
func dashed(f string) string {
	var b strings.Builder
	dash := false
	for _, r := range f {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// unitWords are the unit words that begin the name of a district or a ward
// (folded, longest first).
var unitWords = []string{"thanh pho", "thi tran", "thi xa", "dac khu", "huyen", "quan", "phuong", "xa", "tinh"}

// splitUnit splits a folded name into its unit word and the rest:
// "huyen tay son" → "huyen", "tay son".
func splitUnit(f string) (unit, rest string) {
	for _, u := range unitWords {
		if f == u {
			return "", f
		}
		if strings.HasPrefix(f, u+" ") {
			return u, strings.TrimSpace(f[len(u)+1:])
		}
	}
	return "", f
}

// nameSlug is the slug of a district or commune name, without its unit word
// unless withUnit.
func nameSlug(name string, withUnit bool) string {
	f := foldPlain(name)
	if !withUnit {
		_, f = splitUnit(f)
	}
	return dashed(f)
}

// A placeNode is one unit of the gazetteer.
type placeNode struct {
	code     string
	name     string // with its unit word: "Huyện Tây Sơn"
	unit     string // folded unit word: "huyen"
	base     string // folded name without the unit word, words joined by spaces: "tay son"
	slug     string // within its parent
	level    int    // 0 province, 1 district, 2 commune
	after    bool   // a unit from 1 July 2025
	parent   *placeNode
	children []*placeNode
	record   string // for a province: the record's province name
}

// keyName is the name without its unit word, with its marks
// (normalize.Key): "tây sơn". Made on demand: the gazetteer keeps few
// strings, for the collector's sake (it is scanned at every cycle).
func (n *placeNode) keyName() string {
	return strings.Join(keyWords(n.name)[len(strings.Fields(n.unit)):], " ")
}

func (n *placeNode) place() Place {
	var p Place
	for m := n; m != nil; m = m.parent {
		switch m.level {
		case 0:
			p.Province = m.record
		case 1:
			p.District = m.name
		case 2:
			p.Commune = m.name
		}
	}
	return p
}

type gazetteerT struct {
	province2024 map[string]*placeNode   // provinceKey(record name) → province
	province2025 map[string]*placeNode   // idem, from 1 July 2025
	byBase       map[string][]*placeNode // folded base name → units (both eras)
	successors   map[string][]*placeNode // old ward code → wards from 1 July 2025
	provinces    []*placeNode            // 2024 then 2025
	maxWords     int
}

var (
	gazOnce sync.Once
	gaz     *gazetteerT
)

// gazetteer reads the embedded tables (and $VANBAN_RULES) once.
func gazetteer() *gazetteerT {
	gazOnce.Do(func() {
		var extra fs.FS
		if dir := os.Getenv("VANBAN_RULES"); dir != "" {
			extra = os.DirFS(dir)
		}
		gaz = loadGazetteer(extra)
		nationalHeadsList = loadNationalHeads(DefaultTables())
	})
	return gaz
}

func provinceKey(name string) string {
	f := foldPlain(name)
	if u, rest := splitUnit(f); u == "tinh" || u == "thanh pho" {
		f = rest
	}
	return dashed(f)
}

// recordProvince is the record's name of a gazetteer province: "Tỉnh Bình
// Định" → "Bình Định", "Tỉnh Thừa Thiên Huế" → "Huế" (provinces.tsv aliases).
func recordProvince(t *Tables, name string) string {
	rest := name
	for _, u := range []string{"Thành phố ", "Tỉnh "} {
		if strings.HasPrefix(rest, u) {
			rest = rest[len(u):]
			break
		}
	}
	if pr := t.provinceByKey[normalize.Key(rest)]; pr != nil {
		return pr.Name
	}
	if pr := t.provinceByKey[normalize.Key(name)]; pr != nil {
		return pr.Name
	}
	return rest
}

func loadGazetteer(extra fs.FS) *gazetteerT {
	t := DefaultTables()
	g := &gazetteerT{
		province2024: map[string]*placeNode{},
		province2025: map[string]*placeNode{},
		byBase:       map[string][]*placeNode{},
		successors:   map[string][]*placeNode{},
	}
	read := func(name string, row func(c []string)) {
		srcs := []fs.FS{embedded}
		names := []string{"tables/" + name}
		if extra != nil {
			if _, err := fs.Stat(extra, name); err == nil {
				srcs, names = append(srcs, extra), append(names, name)
			}
		}
		for k, src := range srcs {
			f, err := src.Open(names[k])
			if err != nil {
				continue
			}
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				s := strings.TrimRight(sc.Text(), "\r")
				if s == "" || s[0] == '#' {
					continue
				}
				if c := strings.Split(s, "\t"); len(c) >= 3 {
					row(c)
				}
			}
			f.Close()
		}
	}
	newNode := func(c []string, level int, after bool, parent *placeNode) *placeNode {
		n := &placeNode{code: c[1], name: strings.TrimSpace(c[2]), level: level, after: after, parent: parent}
		n.unit, n.base = splitUnit(foldPlain(n.name))
		if parent != nil {
			parent.children = append(parent.children, n)
		}
		return n
	}
	var prov, dist *placeNode
	read("dvhc-2024.tsv", func(c []string) {
		switch c[0] {
		case "P":
			// A user's file adds to a province of the embedded table.
			dist = nil
			if prov = g.province2024[provinceKey(recordProvince(t, c[2]))]; prov != nil {
				break
			}
			prov = newNode(c, 0, false, nil)
			prov.record = recordProvince(t, prov.name)
			g.province2024[provinceKey(prov.record)] = prov
			g.provinces = append(g.provinces, prov)
		case "D":
			if prov != nil {
				if dist = g.child(prov, c[2]); dist == nil {
					dist = newNode(c, 1, false, prov)
				}
			}
		case "W":
			if dist != nil {
				newNode(c, 2, false, dist)
			}
		}
	})
	prov = nil
	read("dvhc-2025.tsv", func(c []string) {
		var old []string
		if len(c) > 3 {
			old = splitList(c[3])
		}
		switch c[0] {
		case "P":
			if prov = g.province2025[provinceKey(recordProvince(t, c[2]))]; prov != nil {
				break
			}
			prov = newNode(c, 0, true, nil)
			prov.record = recordProvince(t, prov.name)
			g.province2025[provinceKey(prov.record)] = prov
			g.provinces = append(g.provinces, prov)
		case "W":
			if prov != nil {
				w := newNode(c, 2, true, prov)
				for _, o := range old {
					o = strings.TrimSuffix(o, "~")
					g.successors[o] = append(g.successors[o], w)
				}
			}
		}
	})
	var index func(n *placeNode)
	index = func(n *placeNode) {
		if n.level > 0 {
			g.byBase[n.base] = append(g.byBase[n.base], n)
			if w := len(strings.Fields(n.base)); w > g.maxWords {
				g.maxWords = w
			}
		}
		// Slugs within the parent: the name without its unit word unless two
		// children would collide (a commune from 1 July 2025 always keeps it).
		count, full := map[string]int{}, map[string]int{}
		for _, c := range n.children {
			count[dashed(c.base)]++
			full[nameSlug(c.name, true)]++
		}
		for _, c := range n.children {
			switch {
			case full[nameSlug(c.name, true)] > 1:
				// Names that differ only in their marks ("Xã Bình Thanh",
				// "Xã Bình Thạnh" of Bình Sơn): the slug carries the code.
				c.slug = nameSlug(c.name, true) + "-" + c.code
			case c.after && c.level == 2 || count[dashed(c.base)] > 1:
				c.slug = nameSlug(c.name, true)
			default:
				c.slug = dashed(c.base)
			}
			index(c)
		}
	}
	for _, p := range g.provinces {
		p.base = provinceKey(p.record)
		index(p)
	}
	return g
}

// child finds the unit of parent named name (with or without its unit word).
func (g *gazetteerT) child(parent *placeNode, name string) *placeNode {
	if parent == nil || name == "" {
		return nil
	}
	f := foldPlain(name)
	unit, base := splitUnit(f)
	var found []*placeNode
	for _, c := range parent.children {
		if c.base == base && (unit == "" || c.unit == unit) {
			found = append(found, c)
		}
	}
	if len(found) > 1 {
		// "Long Mỹ" of Hậu Giang (which one?), "Bình Thanh" and "Bình Thạnh":
		// the name with its marks and unit word decides.
		k := normalize.Key(name)
		var exact []*placeNode
		for _, c := range found {
			if normalize.Key(c.name) == k {
				exact = append(exact, c)
			}
		}
		found = exact
	}
	if len(found) == 0 || len(found) > 1 && !sameName(found) {
		return nil
	}
	// Two units of one name in one parent (Xã Đông Khê of Thành phố Thanh
	// Hóa, 16387 and 16408): a name cannot tell them apart; the first.
	return found[0]
}

func (g *gazetteerT) childBySlug(parent *placeNode, slug string) *placeNode {
	if parent == nil {
		return nil
	}
	for _, c := range parent.children {
		if c.slug == slug {
			return c
		}
	}
	return nil
}

// node finds the gazetteer unit of a place (nil when a part is unknown).
func (g *gazetteerT) node(p Place) *placeNode {
	if p.District == "" && p.Commune != "" {
		return g.child(g.province2025[provinceKey(p.Province)], p.Commune)
	}
	n := g.province2024[provinceKey(p.Province)]
	if n == nil {
		n = g.province2025[provinceKey(p.Province)]
	}
	if p.District != "" {
		n = g.child(n, p.District)
	}
	if p.Commune != "" {
		n = g.child(n, p.Commune)
	}
	return n
}

// LookupPlaces reads a place as people type it — a province, a district or a
// commune, with or without unit words, marks or commas: "tây sơn", "Huyện Tây
// Sơn", "tay son binh dinh", "xã bình thành, tây sơn" — and returns the units
// of the gazetteer (before and from 1 July 2025) that fit every name it
// contains, the most specific first-named ones, provinces before districts
// before communes. A name that fits several units gives all of them.
func LookupPlaces(text string) []Place {
	g := gazetteer()
	keys := keyWords(text)
	words := make([]string, len(keys))
	for i, k := range keys {
		words[i] = foldPlain(k)
	}
	// Segments: the longest run of words naming a unit, with the unit word
	// before it when one is written.
	type segment struct {
		unit  string
		nodes []*placeNode
	}
	var segs []segment
	for i := 0; i < len(words); {
		unit := ""
		j := i
		if words[j] == "tp" && j+1 < len(words) {
			unit, j = "thanh pho", j+1
		}
		for _, u := range unitWords {
			if unit != "" {
				break
			}
			uw := strings.Fields(u)
			if j+len(uw) < len(words) && strings.Join(words[j:j+len(uw)], " ") == u {
				unit, j = u, j+len(uw)
				break
			}
		}
		var best []*placeNode
		n := 0
		for k := min(len(words), j+g.maxWords); k > j; k-- {
			base := strings.Join(words[j:k], " ")
			// Typed with its marks, the name must match them: "Bình Thành"
			// is not "Bình Thạnh"; typed without, any.
			key := strings.Join(keys[j:k], " ")
			marked := key != base
			var nodes []*placeNode
			for _, c := range g.byBase[base] {
				if (unit == "" || c.unit == unit) && (!marked || c.keyName() == key) {
					nodes = append(nodes, c)
				}
			}
			if provs := g.provinceNodes(base); len(provs) > 0 && (unit == "" || unit == "tinh" || unit == "thanh pho") {
				nodes = append(provs, nodes...)
			}
			if len(nodes) > 0 {
				best, n = nodes, k-i
				break
			}
		}
		if best == nil {
			i++
			continue
		}
		segs = append(segs, segment{unit, best})
		i += n
	}
	if len(segs) == 0 {
		return nil
	}
	isAncestor := func(a, b *placeNode) bool { // a is b or above it
		for m := b; m != nil; m = m.parent {
			if m == a || m.level == 0 && a.level == 0 && m.record == a.record {
				return true
			}
		}
		return false
	}
	var kept []*placeNode
	seen := map[*placeNode]bool{}
	for si, s := range segs {
		for _, c := range s.nodes {
			ok := true
			for sj, o := range segs {
				if sj == si {
					continue
				}
				fits := false
				for _, a := range o.nodes {
					if isAncestor(a, c) {
						fits = true
						break
					}
				}
				if !fits {
					ok = false
					break
				}
			}
			if ok && !seen[c] {
				seen[c] = true
				kept = append(kept, c)
			}
		}
	}
	// Only the most specific: drop a unit that another kept one lies in.
	var out []Place
	have := map[Place]bool{}
	for _, c := range kept {
		inner := false
		for _, o := range kept {
			if o.level > c.level && isAncestor(c, o) {
				inner = true
				break
			}
		}
		if !inner {
			p := c.place()
			if !have[p] {
				have[p] = true
				out = append(out, p)
			}
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return levelRank(out[a]) < levelRank(out[b]) })
	return out
}

func levelRank(p Place) int {
	switch p.Level() {
	case "province":
		return 0
	case "district":
		return 1
	}
	if p.District == "" {
		return 3 // a commune from 1 July 2025 after the older ones
	}
	return 2
}

// provinceNodes returns the province units (one per era) of a folded name or
// alias.
func (g *gazetteerT) provinceNodes(base string) []*placeNode {
	pr := DefaultTables().provinceByKey[normalize.Key(base)]
	key := dashed(base)
	if pr != nil {
		key = provinceKey(pr.Name)
	} else {
		// Folded input ("binh dinh"): compare the slugs of the names.
		for i := range DefaultTables().Provinces {
			p := &DefaultTables().Provinces[i]
			if provinceKey(p.Name) == key {
				pr = p
				break
			}
			for _, a := range p.Aliases {
				if provinceKey(a) == key {
					pr, key = p, provinceKey(p.Name)
					break
				}
			}
			if pr != nil {
				break
			}
		}
	}
	if pr == nil {
		return nil
	}
	var out []*placeNode
	if n := g.province2024[key]; n != nil {
		out = append(out, n)
	}
	if n := g.province2025[key]; n != nil {
		out = append(out, n)
	}
	return out
}

// Districts lists the districts of a province (before 1 July 2025), in the
// gazetteer's order: the "huyện ủy" a provincial document may address.
func Districts(province string) []Place {
	g := gazetteer()
	var out []Place
	if n := g.province2024[provinceKey(province)]; n != nil {
		for _, c := range n.children {
			out = append(out, c.place())
		}
	}
	return out
}

// Communes lists the communes (xã, phường, thị trấn) of a district before 1
// July 2025; with district "" the communes of the province from 1 July 2025.
func Communes(province, district string) []Place {
	g := gazetteer()
	var parent *placeNode
	if district == "" {
		parent = g.province2025[provinceKey(province)]
	} else {
		parent = g.child(g.province2024[provinceKey(province)], district)
	}
	var out []Place
	if parent != nil {
		for _, c := range parent.children {
			out = append(out, c.place())
		}
	}
	return out
}

// Successors returns the places that p became part of on 1 July 2025 (domain.md
// §7.2): a commune's new commune(s) with their new province (several when the
// old commune was split), a district's the new communes of its wards, a
// province's its new provincial unit. Nil when the gazetteer does not know p;
// a place from 1 July 2025 is its own successor.
func Successors(p Place) []Place {
	g := gazetteer()
	n := g.node(p)
	if n == nil {
		return nil
	}
	if n.after {
		return []Place{p}
	}
	var out []Place
	have := map[Place]bool{}
	add := func(q Place) {
		if !have[q] {
			have[q] = true
			out = append(out, q)
		}
	}
	switch n.level {
	case 0:
		succ := p.Province
		if pr := DefaultTables().provinceByKey[normalize.Key(p.Province)]; pr != nil && pr.Successor != "" {
			succ = pr.Successor
		}
		add(Place{Province: succ})
	case 1:
		for _, w := range n.children {
			for _, s := range g.successors[w.code] {
				add(s.place())
			}
		}
	case 2:
		for _, s := range g.successors[n.code] {
			add(s.place())
		}
	}
	return out
}

// PlaceOn is p as it is named on an ISO date: from 1 July 2025 a commune of
// the old three levels becomes its successor commune when there is exactly
// one, and a district has no place below its province's successor. Before that
// date, or when the successor is not one unit, p is returned unchanged.
func PlaceOn(p Place, date string) Place {
	if date == "" || date < mergeDate || p.District == "" {
		return p
	}
	if p.Commune != "" {
		if s := Successors(p); len(s) == 1 {
			return s[0]
		}
		return p
	}
	if s := Successors(Place{Province: p.Province}); len(s) == 1 {
		return s[0]
	}
	return p
}
