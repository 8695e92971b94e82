package normalize

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// lgScoreCached scores each candidate decoding of a run of text: +1 for every
// word with a byte over 0x7F that decodes to a well-formed Vietnamese
// syllable, −1 for one that does not. Detection is statistical, as domain.md
// §6.2 demands: TCVN3 bytes read as Latin-1 are often ordinary letters
// ("Céng", "TÝnh"), so "has invalid characters" is no test; "reads as
// Vietnamese" is. Syllable checks are cached (words repeat: a document has a
// few thousand distinct ones); cache may be nil.
func lgScoreCached(rs []rune, cache map[string]bool) [lgNEnc]int {
	var sc [lgNEnc]int
	i := 0
	for i < len(rs) {
		for i < len(rs) && !lgTokenRune(rs[i]) {
			i++
		}
		j := i
		for j < len(rs) && lgTokenRune(rs[j]) {
			j++
		}
		if j > i {
			tok := rs[i:j]
			if lgHasHigh(tok) && !lgHasUnicodeViet(tok) {
				for e := lgEnc(0); e < lgNEnc; e++ {
					d := lgDecodeRunes(e, tok)
					if e == lgEncTCVN3 && lgCapsWord(tok) {
						// As written out: TCVN3 capitals carry lower-case toned
						// letters ("HO¹CH" → "HOẠCH"), see lgCapsWord.
						d = []rune(strings.ToUpper(string(d)))
					}
					ok, hit := false, false
					if cache != nil {
						ok, hit = cache[string(d)]
					}
					if !hit {
						ok = lgIsSyllable(d)
						if cache != nil {
							cache[string(d)] = ok
						}
					}
					if ok {
						sc[e]++
					} else {
						sc[e]--
					}
				}
			}
		}
		i = j
	}
	return sc
}

// lgTokenRune: runes that can be part of a word in some encoding: ASCII letters
// and anything over 0x7F except spaces and Windows-1252 punctuation that no
// lgDecoder turns into a letter often enough to matter.
func lgTokenRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		return true
	case r < 0x80, r == 0xA0:
		return false
	case r == 0x2013, r == 0x2014, r == 0x2018, r == 0x2019, r == 0x201C, r == 0x201D, r == 0x2022, r == 0x2026:
		return false
	}
	return !unicode.IsSpace(r)
}

// Onsets of Vietnamese syllables, longest first (đ is read as d).
var lgOnsets = []string{"ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
	"b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", ""}

// Codas of Vietnamese syllables (final i/y/o/u belong to the vowel run).
var lgCodas = map[string]bool{"": true, "c": true, "ch": true, "m": true, "n": true, "ng": true, "nh": true, "p": true, "t": true}

// lgIsSyllable reports whether a word is a well-formed Vietnamese syllable:
// consistent case, Vietnamese letters only, at most one tone mark, marks on
// vowels only, onset + 1–3 vowels + coda.
func lgIsSyllable(rs []rune) bool {
	if len(rs) == 0 || len(rs) > 8 {
		return false
	}
	if lgAbbrev(rs) {
		return true
	}
	upper, lower := 0, 0
	for i, r := range rs {
		if unicode.IsUpper(r) {
			upper++
			if i > 0 && lower > 0 {
				return false // "ViÖt"-like case changes inside a word
			}
		} else if unicode.IsLower(r) {
			lower++
		}
	}
	if upper > 1 && lower > 0 {
		return false
	}
	var base []rune // lower-case letters with their modifiers, tones dropped
	tones, mods := 0, 0
	var last rune
	var buf [24]rune
	nfd := buf[:0]
	for _, r := range rs {
		if d, ok := lgDecomp[r]; ok {
			nfd = append(nfd, d[0])
			for _, m := range d[1:] {
				if m != 0 {
					nfd = append(nfd, m)
				}
			}
		} else {
			nfd = append(nfd, r)
		}
	}
	for _, r := range nfd {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			last = unicode.ToLower(r)
			base = append(base, last)
		case r == 'đ' || r == 'Đ':
			last = 'd'
			base = append(base, last)
		case isToneMark(r):
			tones++
			if !lgIsVowel(last) {
				return false
			}
		case r == 0x302, r == 0x306, r == 0x31B:
			mods++
			m, ok := lgModified[[2]rune{last, r}]
			if !ok {
				return false
			}
			base[len(base)-1] = m
			last = m
		default:
			return false
		}
	}
	if tones > 1 || mods > 2 || len(base) == 0 || len(base) > 8 {
		return false
	}
	for _, on := range lgOnsets {
		if len(on) > len(base) || string(base[:len(on)]) != on {
			continue
		}
		rest := base[len(on):]
		v := 0
		for v < len(rest) && lgIsVowel(rest[v]) {
			v++
		}
		if v >= 1 && lgNuclei[string(rest[:v])] && lgCodas[string(rest[v:])] {
			return true
		}
	}
	return false
}

// lgModified maps a vowel and a modifier mark to the Vietnamese vowel letter.
var lgModified = map[[2]rune]rune{
	{'a', 0x306}: 'ă', {'a', 0x302}: 'â', {'e', 0x302}: 'ê', {'o', 0x302}: 'ô',
	{'o', 0x31B}: 'ơ', {'u', 0x31B}: 'ư',
}

// lgNuclei are the vowel groups of Vietnamese syllables (tones dropped);
// "coâng"-like groups that a wrong decoding produces are not among them.
var lgNuclei = func() map[string]bool {
	m := map[string]bool{}
	for _, v := range strings.Fields(`a ă â e ê i o ô ơ u ư y
		ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê
		iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu`) {
		m[v] = true
	}
	return m
}()

func lgIsVowel(b rune) bool {
	switch b {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư':
		return true
	}
	return false
}

// lgAbbrev reports an abbreviation of capital consonants with Đ, common in
// document symbols: "QĐ", "NĐ", "HĐND", "TTĐT".
func lgAbbrev(rs []rune) bool {
	if len(rs) < 2 || len(rs) > 6 {
		return false
	}
	d := false
	for _, r := range rs {
		switch {
		case r == 'Đ':
			d = true
		case r >= 'B' && r <= 'Z' && !strings.ContainsRune("EIOUY", r):
		default:
			return false
		}
	}
	return d
}

// lgDecomp is NFD of the precomposed Latin letters (U+00C0–U+1EF9) whose
// decomposition is an ASCII letter and at most two marks, computed once
// (norm.NFD per word made detection ten times slower).
var lgDecomp = func() map[rune][3]rune {
	m := map[rune][3]rune{}
	for r := rune(0xC0); r <= 0x1EF9; r++ {
		d := []rune(norm.NFD.String(string(r)))
		if len(d) < 2 || len(d) > 3 || d[0] >= 0x80 {
			continue
		}
		var e [3]rune
		copy(e[:], d)
		m[r] = e
	}
	return m
}()
