package corpus

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"vanban/rules"
)

// Places as a person types them for a filter (--place): a province, a
// district or a commune, with or without unit words and marks ("Tây Sơn",
// "huyện tây sơn", "xã Bình Thành, Tây Sơn"), read with rules.LookupPlaces.
// A filter keeps a document whose jurisdiction is the place or a unit below
// it.

// PlaceError is a --place value that names no place, or several units of
// the same level: it lists the closest places (or the candidates) by name.
type PlaceError struct {
	Text    string
	Closest []rules.Place
	Several bool // the value fits several places
}

func (e *PlaceError) Error() string {
	names := make([]string, len(e.Closest))
	for i, p := range e.Closest {
		names[i] = PlaceName(p)
	}
	if e.Several {
		return fmt.Sprintf("place %q fits %d places: %s; add the district or the province", e.Text, len(e.Closest), strings.Join(names, "; "))
	}
	if len(names) == 0 {
		return fmt.Sprintf("no place is called %q", e.Text)
	}
	return fmt.Sprintf("no place is called %q; the closest: %s", e.Text, strings.Join(names, "; "))
}

// PlaceName is a place as a person reads it: "Xã Bình Thành, Huyện Tây Sơn, Bình Định".
func PlaceName(p rules.Place) string {
	var parts []string
	for _, s := range []string{p.Commune, p.District, p.Province} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// ParsePlace reads a place filter and returns the jurisdiction slugs it
// covers ("binh-dinh/tay-son"). A province named as in the provinces table
// is that province; otherwise the gazetteer's most general fitting unit,
// when it is the only one of its level. "" gives nil.
func ParsePlace(text string) ([]string, error) {
	if err := CheckLen("place", text); err != nil {
		return nil, err
	}
	ps, err := lookupPlace(text)
	var pe *PlaceError
	if errors.As(err, &pe) && !pe.Several {
		pe.Closest = closestPlaces(pe.Text, 5)
	}
	return ps, err
}

// lookupPlace is ParsePlace without the closest places of a name that names
// none (an edit distance to every province and district): for a REF, where
// only a place found counts.
func lookupPlace(text string) ([]string, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, nil
	}
	if slug := provinceSlug(text); slug != "" {
		return []string{slug}, nil
	}
	if isPlaceSlug(text) {
		return []string{text}, nil
	}
	found := rules.LookupPlaces(text)
	if len(found) == 0 {
		return nil, &PlaceError{Text: text}
	}
	top := found[0].Level()
	var same []rules.Place
	for _, p := range found {
		if p.Level() == top {
			same = append(same, p)
		}
	}
	if len(same) > 1 {
		return nil, &PlaceError{Text: text, Closest: same, Several: true}
	}
	return []string{same[0].Slug()}, nil
}

// placeSlugForm is a jurisdiction below the province as keys write it.
var placeSlugForm = regexp.MustCompile(`^[a-z0-9-]+(/[a-z0-9-]+){1,2}$`)

// isPlaceSlug says whether text is the jurisdiction of a district or a
// commune of a known province as keys and the search page's place facet
// write it ("binh-dinh/tay-son", "binh-dinh/tay-son/binh-thanh"): a link
// names the unit exactly, whatever other units share its name.
func isPlaceSlug(text string) bool {
	if !placeSlugForm.MatchString(text) {
		return false
	}
	prov, _, _ := strings.Cut(text, "/")
	if provinceSlug(prov) != prov {
		return false
	}
	return rules.ParsePlaceSlug(text).Slug() == text
}

// provinceSlug is the slug of the province text names ("tỉnh Bình Định",
// "TP.HCM", "Thừa Thiên Huế"), "" when it names none.
func provinceSlug(text string) string {
	return provinceSlugs().bySlug[Slug(text)]
}

// provinceNames maps the slug of every province name and alias to the
// province's slug (the first province of the table wins, as a scan of the
// table in order would); maxWords is the most words of one of those names.
type provinceNames struct {
	bySlug   map[string]string
	maxWords int
}

var provinceSlugs = sync.OnceValue(func() provinceNames {
	n := provinceNames{bySlug: map[string]string{}}
	add := func(name, slug string) {
		if s := Slug(name); s != "" {
			if _, ok := n.bySlug[s]; !ok {
				n.bySlug[s] = slug
			}
		}
		// "TP.HCM" is one word typed, "tp hcm" two once folded: count the
		// words of the slug.
		n.maxWords = max(n.maxWords, strings.Count(Slug(name), "-")+1, len(strings.Fields(name)))
	}
	for _, p := range rules.DefaultTables().Provinces {
		slug := Slug(p.Name)
		add(p.Name, slug)
		for _, a := range p.Aliases {
			add(a, slug)
		}
	}
	return n
})

// closestPlaces are the provinces and districts whose names are nearest to
// text (edit distance of the slugs without unit words).
func closestPlaces(text string, n int) []rules.Place {
	want := Slug(text)
	for _, u := range []string{"tinh-", "huyen-", "quan-", "thi-xa-", "thanh-pho-", "xa-", "phuong-", "thi-tran-"} {
		want = strings.TrimPrefix(want, u)
	}
	type scored struct {
		p rules.Place
		d int
	}
	var all []scored
	for _, pr := range rules.DefaultTables().Provinces {
		p := rules.Place{Province: pr.Name}
		all = append(all, scored{p, editDistance(want, Slug(pr.Name))})
		for _, d := range rules.Districts(pr.Name) {
			parts := strings.Split(d.Slug(), "/")
			all = append(all, scored{d, editDistance(want, parts[len(parts)-1])})
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].d < all[j].d })
	var out []rules.Place
	seen := map[string]bool{}
	for _, s := range all {
		if len(out) == n {
			break
		}
		if k := s.p.Slug(); !seen[k] {
			seen[k] = true
			out = append(out, s.p)
		}
	}
	return out
}

// inPlaces says whether jurisdiction juris is one of places or below one.
func inPlaces(juris string, places []string) bool {
	for _, p := range places {
		if juris == p || strings.HasPrefix(juris, p+"/") {
			return true
		}
	}
	return false
}

// KeepInPlace keeps the keys of stored documents whose jurisdiction is in
// the place filter text (ParsePlace), in their order: for hits of the
// search index, which knows provinces only.
func (s *Store) KeepInPlace(ctx context.Context, keys []string, place string) ([]string, error) {
	places, err := ParsePlace(place)
	if err != nil || places == nil {
		return keys, err
	}
	var out []string
	for _, k := range keys {
		var juris string
		err := s.db.QueryRowContext(ctx, `SELECT juris FROM documents WHERE key = ?`, k).Scan(&juris)
		if err != nil {
			continue // not in the store any more
		}
		if inPlaces(juris, places) {
			out = append(out, k)
		}
	}
	return out, nil
}

// ResolveIn is Resolve narrowed to a place: a REF that names several
// documents names the one of them in the place.
func (s *Store) ResolveIn(ctx context.Context, text, place string) (DocInfo, error) {
	if err := CheckLen("REF", text); err != nil {
		return DocInfo{}, err
	}
	places, err := ParsePlace(place)
	if err != nil {
		return DocInfo{}, err
	}
	d, err := s.Resolve(ctx, text)
	var amb *AmbiguousError
	if places == nil || !errors.As(err, &amb) {
		return d, err
	}
	var kept []DocInfo
	for _, c := range amb.Candidates {
		if inPlaces(c.Juris, places) {
			kept = append(kept, c)
		}
	}
	switch len(kept) {
	case 0:
		return DocInfo{}, &NotFoundError{Text: text + " (" + place + ")"}
	case 1:
		return kept[0], nil
	}
	return DocInfo{}, &AmbiguousError{Text: text, Candidates: kept}
}

// editDistance is the rules package's, for the names of places and files.
var editDistance = rules.EditDistance

// PlaceGroup is a unit one level below a place and the stored documents
// of it or of a unit below it: a value of the search page's place facet.
type PlaceGroup struct {
	Slug string   // its jurisdiction ("binh-dinh/tay-son")
	Name string   // as a person reads it ("Huyện Tây Sơn")
	Keys []string // the documents' keys
}

// PlaceKeys are the keys of the stored documents whose jurisdiction is one
// of places (ParsePlace) or below one: the documents a place filter keeps.
func (s *Store) PlaceKeys(ctx context.Context, places []string) ([]string, error) {
	var out []string
	for _, p := range places {
		err := s.placeRows(ctx, p, func(key, juris string) { out = append(out, key) })
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// PlaceChildren groups the stored documents below the jurisdiction parent
// (a province slug "binh-dinh", or a district's "binh-dinh/tay-son") by the
// unit one level down that holds them, the groups ordered by their number
// of documents, then name. The documents of parent itself are in no group.
func (s *Store) PlaceChildren(ctx context.Context, parent string) ([]PlaceGroup, error) {
	by := map[string]*PlaceGroup{}
	err := s.placeRows(ctx, parent, func(key, juris string) {
		rest, ok := strings.CutPrefix(juris, parent+"/")
		if !ok || rest == "" {
			return
		}
		child, _, _ := strings.Cut(rest, "/")
		slug := parent + "/" + child
		g := by[slug]
		if g == nil {
			g = &PlaceGroup{Slug: slug, Name: placeUnitName(slug)}
			by[slug] = g
		}
		g.Keys = append(g.Keys, key)
	})
	if err != nil {
		return nil, err
	}
	out := make([]PlaceGroup, 0, len(by))
	for _, g := range by {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Keys) != len(out[j].Keys) {
			return len(out[i].Keys) > len(out[j].Keys)
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// placeRows calls fn with the key and jurisdiction of each stored document
// of the jurisdiction juris or below it.
func (s *Store) placeRows(ctx context.Context, juris string, fn func(key, juris string)) error {
	if juris == "" {
		return nil
	}
	// The place and the places under it lie in juris ≤ j < juris+"0" ('0'
	// follows '/'), a range of the index documents_juris; the range also
	// holds the slugs that only begin with juris ("ha-noi-x"): left out
	// here. The keys are sorted here, not by the query (an ORDER BY key
	// would read the table in key order instead of the range).
	rows, err := s.db.QueryContext(ctx, `SELECT key, juris FROM documents
		WHERE state = 'document' AND juris >= ? AND juris < ?`, juris, juris+"0")
	if err != nil {
		return fmt.Errorf("cannot read the documents of %s: %w", juris, err)
	}
	defer rows.Close()
	type row struct{ key, juris string }
	var found []row
	for rows.Next() {
		var k, j string
		if err := rows.Scan(&k, &j); err != nil {
			return fmt.Errorf("cannot read the documents of %s: %w", juris, err)
		}
		if j == juris || strings.HasPrefix(j, juris+"/") {
			found = append(found, row{k, j})
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("cannot read the documents of %s: %w", juris, err)
	}
	sort.Slice(found, func(i, j int) bool { return found[i].key < found[j].key })
	for _, r := range found {
		fn(r.key, r.juris)
	}
	return nil
}

// placeUnitName names the lowest unit of a jurisdiction slug as the
// gazetteer writes it ("Huyện Tây Sơn", "Xã Bình Thành"), the slug's last
// part when the gazetteer does not know it.
func placeUnitName(slug string) string {
	p := rules.ParsePlaceSlug(slug)
	switch {
	case p.Commune != "":
		return p.Commune
	case p.District != "":
		return p.District
	case p.Province != "":
		return p.Province
	}
	return slug
}

// PlaceSlugName is a jurisdiction slug as a person reads it: "Huyện Tây
// Sơn, Bình Định" for "binh-dinh/tay-son".
func PlaceSlugName(slug string) string {
	return PlaceName(rules.ParsePlaceSlug(slug))
}
