package rules

import "vanban/normalize"

// What a citing text says of the cited issuer's place (domain.md §7.3): "Kế
// hoạch số 58-KH/HU của Ban Thường vụ Huyện ủy" is of a district, "Tỉnh ủy" of
// a province, "UBND huyện Hoài Nhơn" names the district. The store resolves a
// local reference at that level of the citing document's place. This is a
// pass over the references after they are read (refs.go is not touched).

// issuerBefore reads an issuer written before the mention that starts at
// item first: "Xét đề nghị của Thường trực Hội đồng nhân dân tỉnh Đắk Lắk tại
// Tờ trình số 36/TTr-HĐND" — "của <issuer> tại <mention>", in one clause,
// the issuer naming a body (a capital within its first words). "" if none.
func (p *refParser) issuerBefore(first int) string {
	k := first - 1
	if p.word(k) != "tai" {
		return ""
	}
	for j := k - 1; j >= 0 && j >= k-16; j-- {
		it := p.items[j]
		if it.kind == itemPunct && it.key == "-" {
			continue
		}
		if it.kind != itemWord {
			return ""
		}
		if it.key != "cua" {
			continue
		}
		if j+1 >= k {
			return ""
		}
		for q := j + 1; q < k && q <= j+3; q++ {
			if p.items[q].kind == itemWord && isUpper(p.r[p.items[q].start]) {
				return normalize.CanonicalTone(p.text(j+1, k))
			}
		}
		return ""
	}
	return ""
}

// placeReferences fills Level, Province, District and Commune of the local
// references from their issuer phrase, else Level from the issuer code.
// province is the citing document's: it narrows a district name that several
// provinces have, and tells whether an unnamed "Thành ủy" is a province's.
func placeReferences(refs []Reference, province string) {
	for i := range refs {
		r := &refs[i]
		// "Thông tư 60 TC/CĐKT … của Bộ Tài chính", "Quyết định số
		// 15/QĐ-TCHQ … của Tổng cục trưởng Tổng cục Hải quan": a code the
		// tables do not know is a central body's when the citing text names
		// one as its issuer (and no province or lower unit with it).
		if r.Scope != "national" && r.Issuer != "" && nationalIssuer(nil, string(r.Issuer)) {
			r.Scope = "national"
		}
		if r.Scope == "national" {
			continue
		}
		level := -1
		var named [3]*placeMention
		ms := placeMentions(string(r.Issuer), readRef)
		for k := range ms {
			m := &ms[k]
			if m.level == lvCity {
				m.level = cityLevel(province)
			}
			level = max(level, m.level)
			if m.name != "" {
				named[m.level] = m
			}
		}
		switch level {
		case lvProvince:
			r.Level = "province"
		case lvDistrict:
			r.Level = "district"
		case lvCommune:
			r.Level = "commune"
		default:
			r.Level = CodeLevel(r.IssuerCode)
		}
		if m := named[lvProvince]; m != nil && len(m.nodes) > 0 {
			r.Province = NString(m.nodes[0].record)
		}
		prov := province
		if r.Province != "" {
			prov = string(r.Province)
		}
		var dist *placeNode
		if m := named[lvDistrict]; m != nil {
			cs := m.nodes
			if prov != "" {
				cs = narrowTo(cs, prov)
			}
			switch {
			case len(cs) == 1:
				dist = cs[0]
				r.District = NString(dist.name)
				if m.renamed {
					r.District = NString(writtenName(m))
				}
			case len(cs) > 1 && sameName(cs):
				r.District = NString(cs[0].name)
			case len(m.nodes) == 0:
				r.District = NString(writtenName(m))
			}
		}
		if m := named[lvCommune]; m != nil {
			cs := m.nodes
			if dist != nil {
				var in []*placeNode
				for _, c := range cs {
					if c.parent == dist {
						in = append(in, c)
					}
				}
				cs = in
			}
			switch {
			case len(cs) > 0 && sameName(cs) && !m.renamed:
				r.Commune = NString(cs[0].name)
			case len(cs) > 0:
				r.Commune = NString(writtenName(m))
			case len(m.nodes) == 0:
				r.Commune = NString(writtenName(m))
			}
		}
	}
}

// narrowTo keeps the units of a province when there are any.
func narrowTo(cs []*placeNode, province string) []*placeNode {
	var out []*placeNode
	for _, c := range cs {
		for m := c; m != nil; m = m.parent {
			if m.level == lvProvince && provinceKey(m.record) == provinceKey(province) {
				out = append(out, c)
			}
		}
	}
	if len(out) == 0 {
		return cs
	}
	return out
}

// writtenName is a unit the gazetteer does not hold, as written with its unit
// word: "Huyện Kim Bôi" read from "Huyện ủy Kim Bôi".
func writtenName(m *placeMention) string {
	u := titleUnit(m.unit)
	if u == "" {
		return properCase(m.name)
	}
	return u + " " + properCase(m.name)
}
