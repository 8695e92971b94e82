package corpus

import (
	"strings"

	"vanban/rules"
)

// mergedFrom lists, for the provincial units formed on 1 July 2025
// (Nghị quyết 60-NQ/TW; domain.md §7.2), the slugs of the provinces merged
// into them, and the unit's other names in the table ("Thừa Thiên Huế" for
// Huế, spelling variants such as "Đắc Lắc"). A Lâm Đồng document dated after the merger may cite "18-CT/TU" of
// 2022 issued by the old Đắk Nông or Bình Thuận: resolution looks in the
// predecessors too (domain.md §7.3, rule 1), and stays a stub when more than
// one of them fits. It is made from the parser's table
// (rules/tables/provinces.tsv), the one place the merger is written down.
var mergedFrom = func() map[string][]string {
	m := map[string][]string{}
	add := func(unit, slug string) {
		if slug == "" {
			return
		}
		for _, s := range m[unit] {
			if s == slug {
				return
			}
		}
		m[unit] = append(m[unit], slug)
	}
	for _, p := range rules.DefaultTables().Provinces {
		if p.Successor != "" {
			unit := Slug(p.Successor)
			add(unit, unit)
			add(unit, Slug(p.Name))
		}
	}
	for _, p := range rules.DefaultTables().Provinces {
		unit := Slug(p.Name)
		for _, a := range p.Aliases {
			// Other names of the unit ("Thừa Thiên Huế"), not abbreviations
			// ("TP.HCM") or forms that only add a prefix ("Thủ đô Hà Nội" keeps "ha-noi").
			if strings.ContainsAny(a, ".") || strings.ToUpper(a) == a {
				continue
			}
			if s := Slug(a); !strings.Contains(s, unit) && !strings.Contains(unit, s) {
				add(unit, unit)
				add(unit, s)
			}
		}
	}
	return m
}()

// mergerDate is the day the two-level local government took effect.
const mergerDate = "2025-07-01"

// jurisdictions lists where a local reference made by a document of
// jurisdiction juris, dated date, may point: the place itself, and after the
// merger its predecessors too (first entry is where a stub is filed).
func jurisdictions(juris, date string, refYear int) []string {
	if juris == "" || juris == JurisUnknown || juris == JurisNational {
		return []string{juris}
	}
	if date == "" || date < mergerDate || refYear >= 2026 {
		return []string{juris}
	}
	if pre, ok := mergedFrom[juris]; ok {
		return pre
	}
	return []string{juris}
}
