package rules

import (
	"strings"
	"unicode/utf8"

	"vanban/normalize"
)

// Expected is a body a directive expects to carry it out: named in its Nơi
// nhận or as the lead of one of its tasks ("Ban Dân vận Tỉnh ủy"), or one
// unit of a class the text names, expanded with the gazetteer ("các huyện
// ủy, thị ủy, thành ủy" of Bình Định: "Huyện ủy Tây Sơn", "Thị ủy An Nhơn",
// …). A class the gazetteer cannot expand ("các sở, ban, ngành") stays one
// entry of kind "class".
type Expected struct {
	Body string `json:"body"`
	// Kind is "named"; "party-district" (huyện ủy, thị ủy, thành ủy, quận
	// ủy), "party-commune" (đảng ủy xã, phường, thị trấn), "state-district"
	// and "state-commune" (Ủy ban nhân dân); or "class".
	Kind  string `json:"kind"`
	Place Place  `json:"place"`
	// From is the phrase of the text that names the body or its class.
	From string `json:"from"`
}

// Expansion kinds.
const (
	KindNamed         = "named"
	KindPartyDistrict = "party-district"
	KindPartyCommune  = "party-commune"
	KindStateDistrict = "state-district"
	KindStateCommune  = "state-commune"
	KindClass         = "class"
)

// KindLabel names the bodies of a kind in a summary ("4/11 huyện ủy, thị
// ủy, thành ủy đã có kế hoạch").
func KindLabel(kind string) string {
	switch kind {
	case KindPartyDistrict:
		return "huyện ủy, thị ủy, thành ủy"
	case KindPartyCommune:
		return "đảng ủy xã, phường, thị trấn"
	case KindStateDistrict:
		return "UBND huyện, thị xã, thành phố"
	case KindStateCommune:
		return "UBND xã, phường, thị trấn"
	case KindNamed:
		return "cơ quan được nêu tên"
	}
	return kind
}

// ExpectedImplementers reads who is expected to carry out d: its
// recipients, except those informed for report ("(b/c)", "để báo cáo"),
// persons ("các đồng chí …") and the archive ("Lưu …"), and the lead bodies
// of its tasks. Classes are expanded below d's own place: a province's
// district committees, a district's communes.
func ExpectedImplementers(d Document) []Expected {
	var out []Expected
	seen := map[string]bool{}
	add := func(e Expected) {
		k := e.Kind + "|" + foldKey(e.Body)
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, e)
	}
	var phrases []string
	for _, r := range d.Recipients {
		f := normalize.Fold(r)
		if strings.Contains(f, "b/c") || strings.Contains(f, "de bao cao") || strings.HasPrefix(f, "luu") ||
			strings.Contains(f, "dong chi") || strings.Contains(f, "nhu tren") || strings.Contains(f, "thuong truc") && strings.Contains(f, "(") {
			continue
		}
		phrases = append(phrases, strings.TrimRight(strings.TrimSpace(r), ",;."))
	}
	for _, t := range d.Tasks {
		if t.Lead != "" {
			phrases = append(phrases, string(t.Lead))
		}
	}
	for _, p := range phrases {
		for _, e := range expand(d, p) {
			add(e)
		}
	}
	return out
}

// expand reads one phrase: a named body or classes of bodies.
func expand(d Document, phrase string) []Expected {
	f := " " + strings.Join(strings.Fields(strings.NewReplacer(",", " , ", ";", " ; ").Replace(normalize.Fold(phrase))), " ") + " "
	plural := strings.HasPrefix(f, " cac ") || strings.Contains(f, " cac huyen") || strings.Contains(f, " cac xa") ||
		strings.Contains(f, " cac dang uy")
	if !plural {
		return []Expected{{Body: phrase, Kind: KindNamed, Place: Place{Province: string(d.Province)}, From: phrase}}
	}
	var out []Expected
	state := strings.Contains(f, " uy ban nhan dan ") || strings.Contains(f, " ubnd ")
	partyDistrict := strings.Contains(f, " huyen uy ") || strings.Contains(f, " thi uy ") || strings.Contains(f, " thanh uy ") ||
		strings.Contains(f, " quan uy ") || strings.Contains(f, " huyen , thi , thanh uy ")
	communes := strings.Contains(f, " xa ") || strings.Contains(f, " thi tran ") || strings.Contains(f, " phuong ")
	partyCommune := strings.Contains(f, " dang uy ") && communes
	stateDistrict := state && strings.Contains(f, " huyen ")
	stateCommune := state && communes && !stateDistrict
	prov := string(d.Province)
	if partyDistrict && !partyCommune {
		for _, p := range Districts(prov) {
			out = append(out, Expected{Body: committeeOf(p.District), Kind: KindPartyDistrict, Place: p, From: phrase})
		}
	}
	if stateDistrict {
		for _, p := range Districts(prov) {
			out = append(out, Expected{Body: "Ủy ban nhân dân " + lowerUnit(p.District), Kind: KindStateDistrict, Place: p, From: phrase})
		}
	}
	if (partyCommune || stateCommune) && d.District != "" {
		for _, p := range Communes(prov, string(d.District)) {
			if partyCommune {
				out = append(out, Expected{Body: "Đảng ủy " + lowerUnit(p.Commune), Kind: KindPartyCommune, Place: p, From: phrase})
			}
			if stateCommune || state && partyCommune {
				out = append(out, Expected{Body: "Ủy ban nhân dân " + lowerUnit(p.Commune), Kind: KindStateCommune, Place: p, From: phrase})
			}
		}
	}
	if strings.Contains(f, " dang uy truc thuoc ") {
		out = append(out, Expected{Body: "các đảng ủy trực thuộc", Kind: KindClass, From: phrase})
	}
	if len(out) == 0 {
		out = append(out, Expected{Body: phrase, Kind: KindClass, From: phrase})
	}
	return out
}

// committeeOf names the Party committee of a district-level unit: "Huyện
// Tây Sơn" → "Huyện ủy Tây Sơn", "Thị xã An Nhơn" → "Thị ủy An Nhơn",
// "Thành phố Quy Nhơn" → "Thành ủy Quy Nhơn", "Quận 1" → "Quận ủy 1".
func committeeOf(district string) string {
	for _, u := range [][2]string{{"Thành phố ", "Thành ủy "}, {"Thị xã ", "Thị ủy "}, {"Huyện ", "Huyện ủy "}, {"Quận ", "Quận ủy "}} {
		if strings.HasPrefix(district, u[0]) {
			return u[1] + strings.TrimPrefix(district, u[0])
		}
	}
	return "Huyện ủy " + district
}

// lowerUnit writes a unit word in lower case after a body ("Ủy ban nhân dân
// huyện Tây Sơn", "Đảng ủy xã Bình Thành").
func lowerUnit(name string) string {
	for _, u := range []string{"Thành phố ", "Thị xã ", "Thị trấn ", "Huyện ", "Quận ", "Xã ", "Phường "} {
		if strings.HasPrefix(name, u) {
			return strings.ToLower(u) + strings.TrimPrefix(name, u)
		}
	}
	return name
}

// IssuedBy reports whether a document with this issuer and place comes
// from the expected body: the same unit (district or commune) and an issuer
// of the body's kind (a Party committee, an Ủy ban nhân dân); a named body
// by its name within the same province, at the level its name says.
func (e Expected) IssuedBy(issuer string, p Place) bool {
	fi := normalize.Fold(issuer)
	party := (strings.Contains(fi, " uy") || strings.HasPrefix(fi, "ban thuong vu")) && !strings.Contains(fi, "uy ban")
	state := strings.Contains(fi, "uy ban nhan dan") || strings.HasPrefix(fi, "ubnd")
	sameDistrict := foldKey(p.Province) == foldKey(e.Place.Province) && foldKey(p.District) == foldKey(e.Place.District)
	switch e.Kind {
	case KindPartyDistrict:
		return sameDistrict && p.Commune == "" && party && !strings.HasPrefix(fi, "ban ") || sameDistrict && p.Commune == "" && strings.HasPrefix(fi, "ban thuong vu")
	case KindStateDistrict:
		return sameDistrict && p.Commune == "" && state
	case KindPartyCommune:
		return sameDistrict && foldKey(p.Commune) == foldKey(e.Place.Commune) && party
	case KindStateCommune:
		return sameDistrict && foldKey(p.Commune) == foldKey(e.Place.Commune) && state
	case KindNamed:
		if e.Place.Province != "" && p.Province != "" && foldKey(e.Place.Province) != foldKey(p.Province) {
			return false
		}
		body := foldKey(e.Body)
		iss := foldKey(issuer)
		if iss == "" {
			return false
		}
		if iss == body {
			return true
		}
		// "Ban Dân vận Tỉnh ủy" issues as "Ban Dân vận" under "TỈNH ỦY …":
		// the body without its committee, at the committee's level.
		for _, lv := range []struct{ word, level string }{{"tinh-uy", "province"}, {"huyen-uy", "district"}, {"thanh-uy", ""}, {"thi-uy", "district"}} {
			if strings.HasSuffix(body, "-"+lv.word) {
				base := strings.TrimSuffix(body, "-"+lv.word)
				if iss != base && !strings.HasPrefix(iss, base+"-") {
					return false
				}
				switch lv.level {
				case "province":
					return p.District == "" && p.Commune == ""
				case "district":
					return p.District != "" && p.Commune == ""
				}
				return true
			}
		}
	}
	return false
}

// foldKey compares names without marks, case or spacing: "Tỉnh uỷ" and
// "tỉnh ủy" are "tinh-uy".
func foldKey(s string) string {
	return strings.Join(strings.Fields(normalize.Fold(s)), "-")
}

// Status is what the stored graph says of a document's force (hiệu lực):
// replaced, repealed (wholly or in part) or amended by stored documents, each
// with the date it took effect where the new text gives one. Set by the store
// (a document alone cannot know it); omitted when nothing acts on it.
type Status struct {
	// State is the strongest act: "replaced", "partly-replaced",
	// "repealed", "partly-repealed" or "amended".
	State string `json:"state"`
	// Text says it as the portals do: "Bị thay thế bởi Nghị định
	// 168/2024/NĐ-CP từ 01/01/2025", "Bị bãi bỏ một phần bởi …",
	// "Được sửa đổi, bổ sung bởi …".
	Text string      `json:"text"`
	Acts []StatusAct `json:"acts"`
}

// StatusAct is one document acting on another.
type StatusAct struct {
	Relation Relation `json:"relation"` // replaces, repeals, amends
	Partial  bool     `json:"partial,omitempty"`
	ID       string   `json:"id"`
	Label    string   `json:"label"` // "Nghị định 168/2024/NĐ-CP"
	Date     string   `json:"date,omitempty"`
	// Effective is the date the act took effect, from the acting text
	// ("có hiệu lực từ ngày …"; "kể từ ngày ký": its date of issue).
	Effective string `json:"effective,omitempty"`
	// ClaimedBy is set when the act is known only from a third document
	// that says so ("… Nghị định số 15/2020/NĐ-CP đã được thay thế bởi …").
	ClaimedBy      string `json:"claimed_by,omitempty"`
	ClaimedByLabel string `json:"claimed_by_label,omitempty"`
}

// EffectiveDate reads when a document takes effect from its text: "có hiệu
// lực (thi hành) (kể) từ ngày 01 tháng 01 năm 2025", "… từ ngày 01/01/2025";
// "có hiệu lực (thi hành) (kể) từ ngày ký (ban hành)" is its date of issue.
// It returns the ISO date and the phrase, or "" when the text gives none.
func EffectiveDate(text, issued string) (string, string) {
	defer func() { recover() }()
	f := normalize.Fold(text)
	from := 0
	for {
		i := strings.Index(f[from:], "co hieu luc")
		if i < 0 {
			return "", ""
		}
		i += from
		from = i + len("co hieu luc")
		// The phrase: at most a few words before "ngày".
		end := min(len(f), from+80)
		seg := f[from:end]
		j := strings.Index(seg, "ngay")
		if j < 0 || j > 30 {
			continue
		}
		before := strings.Fields(seg[:j])
		ok := true
		for _, w := range before {
			switch w {
			case "thi", "hanh", "ke", "tu", ",":
			default:
				ok = false
			}
		}
		if !ok {
			continue
		}
		rest := seg[j+len("ngay"):]
		// Fold keeps the rune count: the phrase is cut from the text by runes.
		cut := func(a, b int) string {
			ra, rb := utf8.RuneCountInString(f[:a]), utf8.RuneCountInString(f[:b])
			rs := []rune(text)
			if rb > len(rs) {
				rb = len(rs)
			}
			return strings.TrimSpace(string(rs[ra:rb]))
		}
		if r := strings.TrimSpace(rest); strings.HasPrefix(r, "ky") {
			if issued != "" {
				k := from + j + len("ngay") + strings.Index(rest, "ky") + len("ky")
				return issued, cut(i, k)
			}
			continue
		}
		ts := taskTokens(rest)
		if iso, n := dateTokens(ts, 0); n > 0 {
			k := from + j + len("ngay") + len(string([]rune(rest)[:ts[n-1].end]))
			return iso, cut(i, k)
		}
	}
}
