package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"vanban/normalize"
)

// SymbolParts is a số ký hiệu taken apart.
type SymbolParts struct {
	Number  string   // "109"
	Year    int      // 2007 in "34/2007/PL-UBTVQH11", else 0
	Type    string   // type abbreviation: "KH", "CT", "PL"; "" for a state công văn or a Luật "63/2025/QH15"
	Issuers []string // issuer codes: ["ThU"], ["TTg"], ["UBND", "BDVHU"]
	Party   bool     // Party form "N-TYPE/ISSUER" (hyphen after the number)
}

// canonicalSymbol puts the codes of a symbol in their official case and
// mends OCR damage to a known issuer code ("CT-TTE" → "CT-TTg").
func canonicalSymbol(s string) string {
	t := DefaultTables()
	var b strings.Builder
	b.Grow(len(s))
	start := 0
	first := true // the first code is the type (or a công văn's issuer)
	for i, c := range s + "\x00" {
		if c == '/' || c == '-' || c == '&' || c == 0 {
			seg := s[start:i]
			if seg != "" && !isDigit(rune(seg[0])) {
				last := c == 0
				seg = t.fixCode(seg, last)
				if first {
					seg = t.fixTypeCode(seg)
				}
				first = false
			}
			b.WriteString(seg)
			if c != 0 {
				b.WriteRune(c)
			}
			start = i + utf8.RuneLen(c)
		}
	}
	return b.String()
}

// fixCode returns the official form of one code segment. For the last
// segment (the issuer), an unknown code of three or more letters one OCR
// look-alike away from exactly one known code is taken for it (Tesseract
// reads "TTg" as "TTE", libraries.md §3). Any other letter is kept: a real
// code the table lacks ("TC/TCT" of the Tổng cục Thuế, "06/KTT") is not
// turned into a known one a letter away ("BCT", "BTT").
func (t *Tables) fixCode(seg string, last bool) string {
	off := t.OfficialCode(seg)
	if off != seg || t.codeExact[seg] != "" || !last || utf8.RuneCountInString(seg) < 3 {
		return off
	}
	if t.Scope(seg) != "" {
		return seg
	}
	var hit string
	n := 0
	for code := range t.scopeOf {
		if oneLookalike(seg, code) {
			hit = code
			n++
		}
	}
	if n == 1 {
		return hit
	}
	return seg
}

// fixTypeCode mends OCR damage to a type abbreviation that no table knows: a
// doubled letter ("QĐĐ" from "QĐÐ") or a stray last letter ("KLU" for "KL").
func (t *Tables) fixTypeCode(seg string) string {
	if _, ok := t.codeExact[seg]; ok || t.Scope(seg) != "" {
		return seg
	}
	rs := []rune(seg)
	for i := 1; i < len(rs); i++ {
		if rs[i] == rs[i-1] {
			cand := string(rs[:i]) + string(rs[i+1:])
			if _, ok := t.typeByAbbr[cand]; ok {
				return cand
			}
		}
	}
	// A vertical stroke read as a letter after the code: "KLU", "KLI".
	if len(rs) == 3 && strings.ContainsRune("UIL", rs[2]) {
		if _, ok := t.typeByAbbr[string(rs[:2])]; ok {
			return string(rs[:2])
		}
	}
	return seg
}

// oneLookalike tells whether a differs from b (letter case aside) in exactly
// one character, and that one is an OCR look-alike of b's (ocrLookalikes).
func oneLookalike(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return false
	}
	at := -1
	for i := range ra {
		if unicode.ToUpper(ra[i]) != unicode.ToUpper(rb[i]) {
			if at >= 0 {
				return false
			}
			at = i
		}
	}
	if at < 0 {
		return false
	}
	x, y := ra[at], rb[at]
	return slices.Contains(lookalike[x], y) || slices.Contains(lookalike[unicode.ToUpper(x)], unicode.ToUpper(y)) ||
		slices.Contains(lookalike[x], unicode.ToUpper(y))
}

// ParseSymbol takes a canonical symbol apart. Party symbols put a hyphen after
// the number and the issuer after "/" ("109-KH/ThU"); State ones put "/"
// after the number and join type and issuers with "-" ("33/CT-TTg",
// "01/CTrPH-UBND-BDVHU"); normative ones carry the year ("34/2007/PL-UBTVQH11",
// "63/2025/QH15").
func ParseSymbol(sym string) SymbolParts {
	var p SymbolParts
	i := 0
	for i < len(sym) && isDigit(rune(sym[i])) {
		i++
	}
	// "66.4/2025/NQ-CP": a sub-number after a dot belongs to the number.
	if i > 0 && i+1 < len(sym) && sym[i] == '.' && isDigit(rune(sym[i+1])) {
		i++
		for i < len(sym) && isDigit(rune(sym[i])) {
			i++
		}
	}
	p.Number = sym[:i]
	rest := sym[i:]
	if strings.HasPrefix(rest, "-") {
		p.Party = true
		rest = rest[1:]
		if j := strings.Index(rest, "/"); j >= 0 {
			p.Type = rest[:j]
			p.Issuers = splitCodes(rest[j+1:])
		} else {
			p.Type = rest
		}
		return p
	}
	rest = strings.TrimPrefix(rest, "/")
	parts := strings.Split(rest, "/")
	if len(parts) > 1 && len(parts[0]) == 4 && allDigits(parts[0]) {
		p.Year, _ = strconv.Atoi(parts[0])
		parts = parts[1:]
	}
	codes := splitCodes(strings.Join(parts, "-"))
	if len(codes) == 0 {
		return p
	}
	t := DefaultTables()
	if _, isType := t.typeByAbbr[codes[0]]; isType && len(codes) > 1 {
		p.Type, p.Issuers = codes[0], codes[1:]
	} else if _, isType := t.typeByAbbr[codes[0]]; isType && t.Scope(codes[0]) == "" {
		p.Type = codes[0]
	} else {
		p.Issuers = codes
	}
	return p
}

func splitCodes(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' })
}

func allDigits(s string) bool {
	for _, c := range s {
		if !isDigit(c) {
			return false
		}
	}
	return s != ""
}

// TypeOfSymbol names the document type a symbol's type code stands for: "CT"
// → "Chỉ thị"; a normative symbol with only a Quốc hội code → "Luật"; a
// State symbol without a type code → "Công văn". Party "QĐ" is either
// Quyết định or Quy định (domain.md §2.3): the caller prefers the word written
// before the symbol.
func TypeOfSymbol(sym string) string {
	p := ParseSymbol(sym)
	t := DefaultTables()
	if p.Type != "" {
		if dt, ok := t.typeByAbbr[p.Type]; ok {
			// "TT" is Thông tư for normative texts (they carry a year) and
			// Thông tri for the Party and the Front ("36/TT-MTTW-BTT").
			if p.Type == "TT" {
				if p.Year > 0 {
					return "Thông tư"
				}
				return "Thông tri"
			}
			return dt.Name
		}
		return ""
	}
	if p.Year > 0 && len(p.Issuers) == 1 && strings.HasPrefix(p.Issuers[0], "QH") {
		return "Luật"
	}
	if !p.Party && len(p.Issuers) > 0 {
		return "Công văn"
	}
	return ""
}

// CodeScope says whether an issuer code — possibly joint ("TC-DV-TW",
// "UBND-BDVHU"), in any case ("ttg") — names a national body or one relative
// to a place: "national" when any part is national, "local" when a part is
// local, "" when no part is known. Codes not in the table are judged by their
// form (domain.md §2.4, §3): Party committees end in "U" (TU, HU, QU, ĐU,
// BTGTU), central Party bodies in "TW", National Assembly codes are QH or
// UBTVQH with the term, a ministry is "B" followed by its initials, and a
// code ending in "VN" (Việt Nam) names a body of the whole country.
func CodeScope(code string) string {
	t := DefaultTables()
	scope := ""
	for _, part := range splitCodes(code) {
		off := t.OfficialCode(part)
		switch t.Scope(off) {
		case "national":
			return "national"
		case "local":
			scope = "local"
			continue
		}
		u := strings.ToUpper(normalize.Fold(off))
		switch {
		case strings.HasSuffix(u, "TW") || strings.HasPrefix(u, "TW") || isParliament(u):
			return "national"
		case strings.HasSuffix(u, "U") && len(u) >= 2:
			scope = "local"
		case len(u) >= 3 && u[0] == 'B' && isUpperASCII(u):
			return "national"
		case len(u) >= 4 && strings.HasSuffix(u, "VN") && isUpperASCII(u):
			// "… Việt Nam": a body of the whole country (CĐBVN, the Cục
			// Đường bộ Việt Nam; TTXVN).
			return "national"
		}
	}
	return scope
}

// IsTypeCode reports whether code, in any case, abbreviates a document type
// in the tables ("CT", "ctr", "QĐi").
func IsTypeCode(code string) bool {
	t := DefaultTables()
	_, ok := t.typeByAbbr[t.OfficialCode(code)]
	return ok
}

func isParliament(u string) bool {
	u = strings.TrimRightFunc(u, isDigit)
	return u == "QH" || u == "UBTVQH"
}

func isUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// ScopeOfSymbol is "national" when an issuer code of the symbol names a
// central body, "local" when it names a body relative to a place, else "".
func ScopeOfSymbol(sym string) string {
	return CodeScope(strings.Join(ParseSymbol(sym).Issuers, "-"))
}

// isoDate formats a date, checking it exists.
func isoDate(y, m, d int) (string, bool) {
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// CodeLevel is the place level of the body an issuer code names, from the
// level column of rules/tables/issuers.tsv: "province" (TU, BTGTU),
// "district" (HU, QU, TXU, ThU), "commune" (ĐU); "" for national bodies,
// bodies of no place (ĐUK) and codes of any level (UBND, HĐND), whose level
// only the issuer's name tells. A joint code ("UBND-BDVHU") takes the level
// of its first part that has one. The issuer line decides over the code: the
// TU of a district-level city and the ĐU of an agency are read from their
// lines, not here.
func CodeLevel(code string) string {
	t := DefaultTables()
	for _, part := range splitCodes(code) {
		off := t.OfficialCode(part)
		if l := t.levelOf[off]; l != "" {
			return l
		}
		base := strings.TrimRightFunc(off, isDigit)
		if l := t.levelOf[base]; l != "" {
			return l
		}
	}
	return ""
}
