package rules

import "strings"

// English translations (vbpl.vn's English texts, the Official Gazette's
// translations) open with the type line in capitals and the title, which
// may carry the document's own identity: "DECREE" / "Decree No.
// 39/2010/ND-CP of April 7, 2010, on management of …" / "THE GOVERNMENT" /
// "Pursuant to …". A law or resolution of the National Assembly comes after
// the President's order that promulgates it: "RESOLUTION" / "Order No.
// 23/2010/L-CTN of December 7, 2010, on the promulgation of …" / … /
// "Resolution No. 56/2010/QH12 on enforcement of …" names the document.

// englishTypes maps an English type name to the canonical one.
var englishTypes = map[string]string{
	"decree": "Nghị định", "circular": "Thông tư", "joint circular": "Thông tư liên tịch",
	"law": "Luật", "code": "Bộ luật", "decision": "Quyết định", "resolution": "Nghị quyết",
	"joint resolution": "Nghị quyết liên tịch", "ordinance": "Pháp lệnh", "directive": "Chỉ thị",
	"order": "Lệnh", "official letter": "Công văn", "instruction": "Hướng dẫn",
}

var englishMonths = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}

// englishHead is what the top of an English text says of itself.
type englishHead struct {
	typ, symbol, date, subject string
	subjFrom, subjTo           int // rune range of the title
}

// englishHeader reads the type line and the title of an English text in
// its first lines, up to the preamble ("Pursuant to …") or the first
// article. ok is false when the text does not open so.
func englishHeader(lines []textLine) (englishHead, bool) {
	var h englishHead
	seen := 0
	titled := false  // a title line was read (the subject is set)
	wrapped := false // the title of a promulgating order was passed
	for i := 0; i < len(lines) && seen < 24; i++ {
		s := strings.TrimSpace(lines[i].s)
		if s == "" {
			continue
		}
		seen++
		low := strings.ToLower(s)
		if englishBodyStart(low) {
			if wrapped && h.symbol == "" {
				continue // the order's preamble; the document's title is below
			}
			break
		}
		if t, ok := englishTypes[low]; ok && s == strings.ToUpper(s) {
			if h.typ == "" {
				h.typ = t
			}
			continue
		}
		if typ, sym, date, rest, ok := englishTitle(s); ok {
			if h.typ != "" && typ != h.typ {
				// the order that promulgates the document, or another
				// document's title quoted above it
				wrapped = true
				continue
			}
			h.typ, h.symbol, h.date, h.subject = typ, sym, date, rest
			off := lines[i].start + len([]rune(s)) - len([]rune(rest))
			h.subjFrom, h.subjTo = off, lines[i].start+len([]rune(s))
			titled = true
			continue
		}
		if h.typ == "" || titled || wrapped || englishIssuerLine(s) || strings.Trim(s, "_-=* ") == "" {
			if h.subject != "" {
				titled = true // the title ends at a rule or the issuer
			}
			continue
		}
		// the title after the type line, on one or more lines
		if h.subject == "" {
			h.subjFrom = lines[i].start
			h.subject = s
		} else {
			h.subject += " " + s
		}
		h.subjTo = lines[i].start + len([]rune(s))
	}
	if h.typ == "" {
		return englishHead{}, false
	}
	h.subject = strings.TrimRight(h.subject, " ,;")
	if len(h.subject) > 3 && strings.EqualFold(h.subject[:3], "on ") {
		// "on management of …": the subject without its "on", as a
		// Vietnamese one without its "về"
		h.subject = h.subject[3:]
		h.subjFrom += 3
	}
	return h, true
}

// englishBodyStart reports a line that opens the preamble or the body.
func englishBodyStart(low string) bool {
	for _, p := range []string{"pursuant", "to implement", "in furtherance", "at the proposal", "article 1", "chapter i", "part i", "based on"} {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}

// englishIssuerLine reports a line in capitals naming the issuer: "THE
// GOVERNMENT", "THE PRIME MINISTER", "THE MINISTER OF FINANCE".
func englishIssuerLine(s string) bool {
	return strings.HasPrefix(s, "THE ") && s == strings.ToUpper(s)
}

// englishTitle reads "Decree No. 39/2010/ND-CP of April 7, 2010, on …":
// the type, the symbol as the lexer keys it, the ISO date if written, and
// the rest of the title.
func englishTitle(s string) (typ, sym, date, rest string, ok bool) {
	low := strings.ToLower(s)
	for name, t := range englishTypes {
		if strings.HasPrefix(low, name+" no") && len(name) > len(typ) {
			typ = t
			rest = s[len(name):]
		}
	}
	if typ == "" {
		return "", "", "", "", false
	}
	rest = strings.TrimLeft(rest, " ")
	rest = strings.TrimPrefix(strings.TrimPrefix(rest, "No"), ".")
	rest = strings.TrimLeft(rest, " ")
	// the symbol, then "of April 7, 2010," read as a mention's date is
	rs := []rune(rest)
	p := &refParser{r: rs, items: lex(rs).items}
	if len(p.items) == 0 || p.items[0].kind != itemSymbol {
		return "", "", "", "", false
	}
	sym = p.items[0].key
	k := 1
	if p.punct(k) == "," {
		k++
	}
	if iso, e, ok := p.englishDateAt(k); ok {
		date, k = iso, e
	}
	if k < len(p.items) {
		rest = string(rs[p.items[k].start:])
	} else {
		rest = ""
	}
	return typ, sym, date, strings.TrimLeft(rest, " ,."), true
}
