package rules

import (
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Exported for the store (corpus), so that it reads symbols with this
// package's grammar and tables instead of a second copy of them.

var spacedSeparators = strings.NewReplacer(" - ", "-", " -", "-", "- ", "-", " / ", "/", " /", "/", "/ ", "/")

// SplitSymbol takes apart a symbol as written anywhere (a record, a
// citation, a command line): NFC, spaces around its separators dropped
// ("01 - KL/TW", "33 / CT-TTg"). ok is false when the text is not a symbol of
// either grammar: a number, then "-" (Party) or "/" (State), then codes.
func SplitSymbol(sym string) (p SymbolParts, ok bool) {
	sym = norm.NFC.String(strings.TrimSpace(sym))
	if strings.ContainsAny(sym, " \t\n\r") {
		sym = spacedSeparators.Replace(strings.Join(strings.Fields(sym), " "))
	}
	if sym == "" || strings.ContainsAny(sym, " \t") {
		return p, false
	}
	i := 0
	for i < len(sym) && isDigit(rune(sym[i])) {
		i++
	}
	// A sub-number: "66.12/2026/NQ-CP", the twelfth resolution under the
	// Government's programme 66 (the number stays "66.12").
	if i > 0 && i+1 < len(sym) && sym[i] == '.' && isDigit(rune(sym[i+1])) {
		for i++; i < len(sym) && isDigit(rune(sym[i])); i++ {
		}
	}
	if i == 0 || i+1 >= len(sym) || (sym[i] != '-' && sym[i] != '/') {
		return p, false
	}
	p = ParseSymbol(sym)
	if p.Party && len(p.Issuers) == 0 {
		return p, false // "12-2019": a Party symbol names its issuer after "/"
	}
	if p.Type == "" && len(p.Issuers) == 0 {
		return p, false
	}
	return p, true
}

// TypeByName is the document type of a name in any case and marks ("ke
// hoach", "Chỉ thị"), from rules/tables/types.tsv.
func TypeByName(name string) (DocType, bool) {
	dt, ok := DefaultTables().typeByWords[strings.Join(foldWords(name), " ")]
	if !ok {
		return DocType{}, false
	}
	return *dt, true
}

// TypeNames lists the folded names of the document types ("chi thi",
// "chuong trinh hanh dong"), longest first: the order in which a phrase is
// matched against them.
func TypeNames() []string {
	t := DefaultTables()
	out := make([]string, 0, len(t.typeByWords))
	for k := range t.typeByWords {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return longerName(out[i], out[j]) })
	return out
}

// longerName orders names by words, then letters, then alphabet.
func longerName(a, b string) bool {
	na, nb := strings.Count(a, " "), strings.Count(b, " ")
	if na != nb {
		return na > nb
	}
	if len(a) != len(b) {
		return len(a) > len(b)
	}
	return a < b
}
