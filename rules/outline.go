package rules

import (
	"strings"
	"unicode/utf8"

	"vanban/normalize"
)

// scheme is a heading numbering scheme. Its rank orders schemes from the
// largest division to the smallest: ND 30/2020 Phụ lục I 6.đ (phần, chương,
// mục, tiểu mục, điều, khoản, điểm) and the plan/report variant (mục = Roman
// numeral, khoản = Arabic, điểm = letter), with the multi-level numbering
// (1.1., 1.1.1.) used in practice below Arabic.
type scheme int

const (
	schemeNone   scheme = iota
	schemePhan          // "Phần I", "PHẦN THỨ NHẤT"
	schemeChuong        // "Chương II"
	schemeMuc           // "Mục 1"
	schemeRoman         // "I.", "II-"
	schemeDieu          // "Điều 5."
	schemeArabic        // "1.", "2-", "3)"
	schemeMulti2        // "1.1."
	schemeMulti3        // "1.1.1."
	schemeMulti4        // "1.1.1.1."
	schemeLetter        // "a)", "b.", "đ)"
)

// headingAt recognises a numbered heading at the start of a line and returns
// its scheme, label and title.
func headingAt(s string) (scheme, string, string) {
	if s == "" {
		return schemeNone, "", ""
	}
	if c := s[0]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80) {
		return schemeNone, "", ""
	}
	f := ""
	if first, _ := utf8.DecodeRuneInString(s); strings.ContainsRune("PCMĐDpcmđd", first) {
		head := s
		if len(head) > 24 {
			head = head[:24]
		}
		f = normalize.Fold(strings.ToValidUTF8(head, ""))
	}
	for _, w := range []struct {
		word string
		sc   scheme
	}{{"phan", schemePhan}, {"chuong", schemeChuong}, {"muc", schemeMuc}, {"dieu", schemeDieu}} {
		if !hasPrefixWords(f, w.word) || len(f) <= len(w.word)+1 {
			continue
		}
		rs := []rune(s)
		n := utf8.RuneCountInString(w.word)
		if !isUpper(rs[0]) {
			continue
		}
		rest := strings.TrimSpace(string(rs[n:]))
		num, after := splitNumber(rest, w.sc != schemeDieu && w.sc != schemeMuc)
		if num == "" {
			continue
		}
		label := string(rs[:n]) + " " + num
		after = strings.TrimLeft(after, ".:- ")
		if w.sc == schemeDieu {
			label += "."
		}
		return w.sc, label, after
	}
	// The numbering is at the start: work on a prefix, and cut the title
	// from the whole line by the label's byte length.
	rs := []rune(prefixRunes(s, 24))
	if len(rs) < 2 {
		return schemeNone, "", ""
	}
	tail := func(k int) string { return strings.TrimSpace(s[len(string(rs[:k])):]) }
	// Roman: "I." "IV-" followed by a space.
	i := 0
	for i < len(rs) && strings.ContainsRune("IVXL", rs[i]) {
		i++
	}
	if i > 0 && i <= 5 && i+1 < len(rs) && (rs[i] == '.' || rs[i] == '-') && rs[i+1] == ' ' && validRoman(string(rs[:i])) {
		return schemeRoman, string(rs[:i+1]), tail(i + 1)
	}
	// Arabic and multi-level: "1." "1.2." "1.2.3" "2-" "3)".
	i = 0
	levels := 0
	for {
		j := i
		for j < len(rs) && isDigit(rs[j]) && j-i < 3 {
			j++
		}
		if j == i || j < len(rs) && isDigit(rs[j]) {
			break
		}
		levels++
		i = j
		if i < len(rs) && rs[i] == '.' && i+1 < len(rs) && isDigit(rs[i+1]) {
			i++
			continue
		}
		break
	}
	if levels > 0 && i < len(rs) {
		term := rs[i]
		if (term == '.' || term == ')' || term == '-' && levels == 1) && i+1 < len(rs) && rs[i+1] == ' ' {
			label := string(rs[:i+1])
			title := tail(i + 1)
			if title == "" || isDigit([]rune(title)[0]) && levels == 1 && term != '.' {
				return schemeNone, "", ""
			}
			return schemeArabic + scheme(min(levels, 4)-1), label, title
		}
		if levels >= 2 && rs[i] == ' ' {
			// "1.1 Title" without the final dot.
			return schemeArabic + scheme(min(levels, 4)-1), string(rs[:i]), tail(i)
		}
	}
	// Letters: "a)" "b." "đ)".
	if len(rs) > 3 && strings.ContainsRune("abcdđeghiklmnopqrstuvxy", rs[0]) && (rs[1] == ')' || rs[1] == '.' && rs[0] != 'i') && rs[2] == ' ' {
		return schemeLetter, string(rs[:2]), tail(2)
	}
	return schemeNone, "", ""
}

func isHeading(s string) bool {
	sc, _, _ := headingAt(s)
	return sc != schemeNone
}

// splitNumber splits "II QUY ĐỊNH CHUNG" into "II" and the rest; Arabic
// numbers always, Roman numerals when roman is true, "THỨ NHẤT" spelled out.
func splitNumber(s string, roman bool) (string, string) {
	rs := []rune(s)
	i := 0
	for i < len(rs) && isDigit(rs[i]) {
		i++
	}
	if i == 0 && roman {
		for i < len(rs) && strings.ContainsRune("IVXL", rs[i]) {
			i++
		}
		if i > 0 && !validRoman(string(rs[:i])) {
			i = 0
		}
	}
	if i == 0 {
		f := normalize.Fold(s)
		for _, w := range []string{"thu nhat", "thu hai", "thu ba", "thu tu", "thu nam", "thu sau", "thu bay", "thu tam", "thu chin", "thu muoi"} {
			if hasPrefixWords(f, w) {
				n := utf8.RuneCountInString(w)
				return string(rs[:n]), string(rs[n:])
			}
		}
		return "", s
	}
	if i < len(rs) && isLetter(rs[i]) {
		return "", s
	}
	return string(rs[:i]), string(rs[i:])
}

func validRoman(s string) bool {
	switch s {
	case "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
		"XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV", "XXV", "XXX", "XL", "L":
		return true
	}
	return false
}

// maxTitle bounds a heading's title: an item whose label opens a whole
// paragraph ("1. Các cấp ủy … ") is titled by its first sentence.
const maxTitle = 160

// outline reads the headings of the body lines. Levels come from the
// numbering scheme: the schemes present are ranked Phần > Chương > Mục > I. >
// Điều > 1. > 1.1. > 1.1.1. > a), and the level is the position of the
// heading's scheme among them.
func outline(lines []textLine, from int) []Heading {
	type h struct {
		sc    scheme
		label string
		title string
		start int
	}
	var hs []h
	present := map[scheme]bool{}
	for i := from; i < len(lines); i++ {
		s := lines[i].s
		sc, label, title := headingAt(s)
		if sc == schemeNone {
			continue
		}
		if title == "" && i+1 < len(lines) && (sc == schemePhan || sc == schemeChuong || sc == schemeMuc) {
			title = strings.TrimSpace(lines[i+1].s)
		}
		title = firstSentence(title)
		hs = append(hs, h{sc, label, title, lines[i].start})
		present[sc] = true
	}
	rank := map[scheme]int{}
	n := 0
	for sc := schemePhan; sc <= schemeLetter; sc++ {
		if present[sc] {
			n++
			rank[sc] = n
		}
	}
	out := make([]Heading, 0, len(hs))
	for _, x := range hs {
		out = append(out, Heading{Level: rank[x.sc], Label: x.label, Title: x.title, Start: x.start})
	}
	return out
}

func firstSentence(s string) string {
	n := 0
	prev := rune(0)
	for i, r := range s {
		if n > 0 && (prev == '.' || prev == ':' || prev == ';') && r == ' ' {
			return strings.TrimSpace(s[:i-1])
		}
		if n >= maxTitle {
			return strings.TrimSpace(s[:i]) + "…"
		}
		prev = r
		n++
	}
	if prev == '.' || prev == ':' || prev == ';' {
		return strings.TrimSpace(s[:len(s)-1])
	}
	return strings.TrimSpace(s)
}
