package corpus

import (
	"strings"
	"unicode"

	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"vanban/normalize"
	"vanban/rules"
)

// Fold returns s in its search-key form: NFD, combining marks dropped, đ/Đ
// (and the look-alike ð/Ð that OCR emits) mapped to d, lower case, spaces
// collapsed. "Chỉ thị" and "chi thi" fold alike; that is what a person types.
// (libraries.md §6: đ is not a combining sequence, NFD alone keeps it.)
//
// It runs on every token the search index sees, so it works rune by rune
// with normalize.FoldRune (a table made once from the Unicode
// decompositions), instead of a transform chain per call (which allocated its
// buffers each time and was more than half of indexing); it adds what a
// search key needs: combining marks dropped, spaces collapsed.
func Fold(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if r < 0x80 {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
		} else if f := normalize.FoldRune(r); f != r {
			r = f // a precomposed letter: its base, lower case, đ → d
		} else if unicode.Is(unicode.Mn, r) {
			continue // a combining mark (NFD input)
		} else if d := norm.NFD.String(string(r)); d != string(r) {
			// Outside the table (Greek, Hangul…): decompose this rune alone,
			// drop its marks, compose the rest again.
			d = strings.Map(func(r rune) rune {
				if unicode.Is(unicode.Mn, r) {
					return -1
				}
				return unicode.ToLower(r)
			}, d)
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(norm.NFC.String(d))
			continue
		} else {
			r = unicode.ToLower(r)
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FoldSymbol is the matching form of a số ký hiệu: folded, upper case, no
// spaces, one kind of hyphen, and no leading zeros on the number ("01-KL/TW",
// "1-kl/tw" and "01 - KL/TW" are one symbol). The official spelling ("CTr",
// "ThU") is kept elsewhere for display; matching must not depend on the case a
// scan or a typist used.
func FoldSymbol(s string) string {
	var b strings.Builder
	for _, r := range Fold(s) {
		switch {
		case unicode.IsSpace(r):
			continue
		case r == '‐' || r == '‑' || r == '–' || r == '—' || r == '−':
			r = '-'
		}
		b.WriteRune(unicode.ToUpper(r))
	}
	f := b.String()
	i := 0
	for i < len(f)-1 && f[i] == '0' && f[i+1] >= '0' && f[i+1] <= '9' {
		i++
	}
	return f[i:]
}

// SymbolParts is a số ký hiệu split into its parts.
type SymbolParts struct {
	Number string // "33"
	Year   int    // 2007 in "34/2007/PL-UBTVQH11", else 0
	Type   string // type abbreviation: "CT", "KH", "NĐ"; "" when the symbol has none ("72/2025/QH15")
	Issuer string // issuer part: "TTg", "ThU", "MTTQ-BTT", "UBND-NC"
}

// SplitSymbol splits a symbol into number, year, type and issuer with the
// parser's grammar (rules.SplitSymbol: one grammar for the parser and the
// store). ok is false when the text is not a symbol of either grammar.
func SplitSymbol(sym string) (p SymbolParts, ok bool) {
	r, ok := rules.SplitSymbol(sym)
	if !ok {
		return p, false
	}
	return SymbolParts{Number: r.Number, Year: r.Year, Type: r.Type, Issuer: strings.Join(r.Issuers, "-")}, true
}

// National scope and local scope (domain.md §2.4, §3): an issuer code names
// either one central body (TW, TTg, CP, QH15, a ministry) or a body whose
// place is only known from the document that carries it (TU, ThU, HU,
// BDVTU, UBND, HĐND, MTTQ …). A local code in a citation means the citing
// document's province: the 18-CT/TU cited in Lâm Đồng is Lâm Đồng's.
const (
	ScopeNational = "national"
	ScopeLocal    = "local"
)

// IssuerScope says whether an issuer code (the part after the type, possibly
// joint "TC-DV-TW", "UBND-BDVHU") is national or local. A joint code with one
// central body is national. Unknown codes are local: resolving them against
// the citing place can only merge documents of one place, never of two.
func IssuerScope(code string) string {
	if code == "" {
		return ""
	}
	// One table of issuer codes for the parser and the store
	// (rules/tables/issuers.tsv, extensible with $VANBAN_RULES).
	if s := rules.CodeScope(code); s != "" {
		return s
	}
	return ScopeLocal
}

// SymbolScope is IssuerScope of the issuer part of a symbol.
func SymbolScope(sym string) string {
	p, ok := SplitSymbol(sym)
	if !ok {
		return ScopeLocal
	}
	if p.Issuer == "" && p.Type != "" {
		return ScopeLocal
	}
	return IssuerScope(p.Issuer)
}

// Slug makes the jurisdiction part of a key from a province name ("Lai Châu"
// → "lai-chau"): rules.Slug, the one implementation, which rules.Place.Slug
// extends below the province.
func Slug(province string) string { return rules.Slug(province) }
