package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldTable maps every code point below foldLimit to its folded form: the
// base letter of its canonical decomposition, lower-cased, with đ/Đ (and the
// look-alike Eth ð/Ð that OCR and cp1252 mis-decoding produce) as d. One rune
// folds to exactly one rune, so offsets in runes agree between a text and its
// folded form.
var foldTable [foldLimit]rune

const foldLimit = 0x2000

func init() {
	for r := rune(0); r < foldLimit; r++ {
		f := r
		if d := norm.NFD.String(string(r)); d != "" {
			b, _ := utf8.DecodeRuneInString(d)
			if !unicode.Is(unicode.Mn, b) {
				f = b
			}
		}
		f = unicode.ToLower(f)
		switch f {
		case 'đ', 'ð', 'ɖ':
			f = 'd'
		}
		foldTable[r] = f
	}
	foldTable['Đ'] = 'd'
	foldTable['Ð'] = 'd'
	foldTable['Ɖ'] = 'd'
}

// FoldRune folds one rune: no diacritics, lower case, đ→d.
func FoldRune(r rune) rune {
	if r >= 0 && r < foldLimit {
		return foldTable[r]
	}
	return unicode.ToLower(r)
}

// Fold folds s for search keys and fixed-phrase matching: "Nơi nhận", "Noi
// nhận" and "NƠI NHẬN" all fold to "noi nhan". Rune count is preserved.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(FoldRune(r))
	}
	return b.String()
}

// Tone marks as combining characters (Unicode 5 tones of Vietnamese).
const (
	toneGrave = '\u0300'
	toneAcute = '\u0301'
	toneTilde = '\u0303'
	toneHook  = '\u0309'
	toneDot   = '\u0323'
)

func isToneMark(r rune) bool {
	return r == toneGrave || r == toneAcute || r == toneTilde || r == toneHook || r == toneDot
}

// CanonicalTone rewrites the tone placement of the syllables where the two
// Vietnamese spelling styles differ — open syllables ending in oa, oe, uy
// (domain.md §6.4: "hoà"/"hòa", "uỷ"/"ủy", "khoẻ"/"khỏe") — into the style
// that puts the tone on the first vowel (hòa, ủy, khỏe), the form most used in
// legal texts. "qu" and "gi" onsets are left alone (quý is the same in both
// styles), as are syllables with a final consonant (hoàng, thuyền). The result
// is NFC.
func CanonicalTone(s string) string {
	if !mayNeedTone(s) {
		return s
	}
	d := []rune(norm.NFD.String(s))
	out := make([]rune, 0, len(d))
	i := 0
	for i < len(d) {
		if !unicode.IsLetter(d[i]) {
			out = append(out, d[i])
			i++
			continue
		}
		j := i
		for j < len(d) && (unicode.IsLetter(d[j]) || unicode.Is(unicode.Mn, d[j])) {
			j++
		}
		out = append(out, fixSyllable(d[i:j])...)
		i = j
	}
	return norm.NFC.String(string(out))
}

// mayNeedTone is a cheap filter: only text with one of the vowels that can
// carry a moved tone needs the rewrite.
func mayNeedTone(s string) bool {
	for _, r := range s {
		switch FoldRune(r) {
		case 'a', 'e', 'y':
			if r > 0x7f {
				return true
			}
		}
	}
	return false
}

// fixSyllable moves the tone of a decomposed syllable ending in o+a, o+e or
// u+y with the tone on the last vowel onto the one before it.
func fixSyllable(syl []rune) []rune {
	// Collect base letters with their marks.
	type letter struct {
		base  rune
		marks []rune
	}
	var ls []letter
	for _, r := range syl {
		if unicode.Is(unicode.Mn, r) && len(ls) > 0 {
			ls[len(ls)-1].marks = append(ls[len(ls)-1].marks, r)
			continue
		}
		ls = append(ls, letter{base: r})
	}
	n := len(ls)
	if n < 2 {
		return syl
	}
	last, prev := ls[n-1], ls[n-2]
	lb, pb := unicode.ToLower(last.base), unicode.ToLower(prev.base)
	if !(pb == 'o' && (lb == 'a' || lb == 'e') || pb == 'u' && lb == 'y') {
		return syl
	}
	if len(prev.marks) > 0 { // ô, ơ, ư: not the clusters in question
		return syl
	}
	if n >= 3 {
		on := unicode.ToLower(ls[n-3].base)
		if on == 'q' || (on == 'g' && pb == 'i') {
			return syl
		}
		// "uya", "oay"… are longer clusters: leave them.
		if on == 'o' || on == 'u' || on == 'a' || on == 'e' || on == 'i' || on == 'y' {
			return syl
		}
	}
	toneAt := -1
	for k, m := range last.marks {
		if isToneMark(m) {
			toneAt = k
		}
	}
	if toneAt < 0 {
		return syl
	}
	tone := last.marks[toneAt]
	last.marks = append(append([]rune{}, last.marks[:toneAt]...), last.marks[toneAt+1:]...)
	prev.marks = append(prev.marks, tone)
	ls[n-1], ls[n-2] = last, prev
	out := make([]rune, 0, len(syl))
	for _, l := range ls {
		out = append(out, l.base)
		out = append(out, l.marks...)
	}
	return out
}

// Key is the comparison key of a name or phrase: canonical tone placement,
// NFC, lower case, single spaces. "Thanh Hoá" and "Thanh Hóa" have one key;
// "dân" and "dẫn" do not (use Fold for that).
func Key(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(CanonicalTone(norm.NFC.String(s))), " "))
}
