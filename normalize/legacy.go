package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// FontSpan names the font of a run of text (rune offsets).
type FontSpan struct {
	Start, End int
	Font       string
}

// Encodings named by DecodeLegacy.
const (
	EncUnicode = "unicode"
	EncTCVN3   = "tcvn3"
	EncVNI     = "vni"
	EncVISCII  = "viscii"
	EncCP1258  = "cp1258"
	EncMixed   = "mixed"
	EncLatin1  = "cp1252" // 8-bit text with no Vietnamese legacy encoding in it
)

// lgEnc is a candidate decoding of a run of text whose runes stand for bytes.
type lgEnc int

const (
	lgEncIdentity lgEnc = iota // leave as it is
	lgEncTCVN3
	lgEncVNI
	lgEncVISCII
	lgEncCP1258
	lgNEnc

	lgEncWin1252 lgEnc = 100 // not a candidate: 8-bit text that is no Vietnamese encoding
)

var lgEncNames = [lgNEnc]string{EncUnicode, EncTCVN3, EncVNI, EncVISCII, EncCP1258}

// DecodeLegacy converts text in a legacy Vietnamese encoding to Unicode NFC
// and names the encoding it found: "unicode", "tcvn3", "vni", "viscii",
// "cp1258" or "mixed" ("cp1252" for 8-bit text that holds none of them).
//
// The input comes from package extract: runs whose font implies a legacy
// encoding (".VnTime" → TCVN3, "VNI-Times" → VNI) are named in fonts (rune
// offsets) and hold the bytes Word stored, as U+0000–U+00FF or as their
// Windows-1252 reading (U+20AC for 0x80 …). Text outside such runs is
// examined line by line (domain.md §6.2: detection must be statistical), so a
// Unicode title over a TCVN3 body, or text that another tool decoded as
// Windows-1252 ("Céng hoµ x· héi"), comes out whole. Words that already hold
// Unicode Vietnamese letters are never converted. encoding is the byte
// encoding extract saw ("utf-8", "8bit", …); "8bit" text that is no
// Vietnamese encoding is read as Windows-1252.
func DecodeLegacy(text, encoding string, fonts []FontSpan) (out string, found string) {
	defer func() {
		// A lgDecoder bug must not lose a document: fall back to the input,
		// made valid UTF-8 (the pipeline never panics, contract.md).
		if x := recover(); x != nil {
			out, found = norm.NFC.String(strings.ToValidUTF8(text, "\uFFFD")), EncUnicode
		}
	}()
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	d := lgDecoder{eightBit: encoding == "8bit"}
	return d.run(text, fonts)
}

type lgDecoder struct {
	eightBit bool
	used     [lgNEnc]bool
	unicodeV bool // text already in Unicode Vietnamese was met
}

// lgSegment is a piece of the text to decode as a unit: one line outside
// legacy runs, or one legacy run.
type lgSegment struct {
	runes []rune
	font  lgEnc // forced encoding of a legacy-font run, lgEncIdentity if none
	upper bool  // an upper-case TCVN3 font (".VnTimeH")
}

func (d *lgDecoder) run(text string, fonts []FontSpan) (string, string) {
	runes := []rune(text)
	segs := lgSplitSegments(runes, fonts)
	for i, s := range segs {
		if s.font == lgEncIdentity {
			if fixed, ok := lgUndoUTF8Mojibake(s.runes); ok {
				segs[i].runes = fixed
			}
		}
	}

	// The file-wide guess for text outside legacy runs: the sum of the
	// per-line word scores, plus the runs' own encoding as a hint.
	var total [lgNEnc]int
	cache := map[string]bool{}
	scores := make([][lgNEnc]int, len(segs))
	for i, s := range segs {
		if !lgHasHigh(s.runes) || s.font == lgEncIdentity && lgHasUnicodeViet(s.runes) {
			continue // nothing to decode, or a Unicode line (never decoded)
		}
		scores[i] = lgScoreCached(s.runes, cache)
		if s.font != lgEncIdentity {
			continue
		}
		for e := range total {
			total[e] += scores[i][e]
		}
	}
	fileEnc := lgEncIdentity
	for e := lgEncTCVN3; e < lgNEnc; e++ {
		if total[e] > total[fileEnc] {
			fileEnc = e
		}
	}
	// Confident: clearly more words read as Vietnamese than as they are.
	confident := fileEnc != lgEncIdentity && total[fileEnc]-total[lgEncIdentity] >= 3

	var b strings.Builder
	b.Grow(len(text) + len(text)/4)
	for i, s := range segs {
		e := lgEncIdentity
		if s.font != lgEncIdentity {
			sc := scores[i]
			// A run in a legacy font whose words read better as they are
			// was typed in Unicode (a Unicode keyboard over an old
			// template): keep it.
			if sc[s.font] >= sc[lgEncIdentity] {
				e = s.font
			}
			// Font names are hints: a run whose bytes read clearly better in
			// another encoding (VNI typed in a font named "VNSTCVN3") is
			// decoded by its bytes.
			for _, c := range []lgEnc{lgEncTCVN3, lgEncVNI} {
				if c != s.font && sc[c] >= sc[e]+3 {
					e = c
				}
			}
			if e != s.font {
				s.upper = false
			}
		} else if lgHasHigh(s.runes) && !lgHasUnicodeViet(s.runes) {
			// A line that already holds Unicode Vietnamese is Unicode: its
			// Latin-1 letters (à, é, ô) are letters, not TCVN3 bytes.
			sc := scores[i]
			best := lgEncIdentity
			for c := lgEncTCVN3; c < lgNEnc; c++ {
				if sc[c] > sc[best] {
					best = c
				}
			}
			switch {
			// A confident file-wide encoding holds unless the line reads
			// clearly (two words) better in another one: short lines
			// often tie or nearly tie between encodings.
			case confident && sc[fileEnc] >= sc[best]-1 && sc[fileEnc] >= sc[lgEncIdentity]:
				e = fileEnc
			case best != lgEncIdentity && sc[best] > sc[lgEncIdentity]:
				e = best
			}
		}
		d.write(&b, s, e)
	}
	out := orderMarks(b.String())
	out = norm.NFC.String(out)
	return out, d.found()
}

func (d *lgDecoder) found() string {
	n := 0
	last := ""
	for e := lgEncTCVN3; e < lgNEnc; e++ {
		if d.used[e] {
			n++
			last = lgEncNames[e]
		}
	}
	switch {
	case n == 0 && d.eightBit && !d.unicodeV:
		return EncLatin1
	case n == 0:
		return EncUnicode
	case n == 1 && !d.unicodeV:
		return last
	}
	return EncMixed
}

// write decodes s with e word by word, leaving words that already hold
// Unicode Vietnamese as they are.
func (d *lgDecoder) write(b *strings.Builder, s lgSegment, e lgEnc) {
	rs := s.runes
	// A TCVN3 line typed in capitals (no ASCII lower-case letter, three
	// capitals or more) is all capitals, toned letters included: "KÕ HO¹CH"
	// → "KẾ HOẠCH" (see lgCapsWord).
	capsLine := false
	if e == lgEncTCVN3 {
		lo, words, caps := 0, 0, 0
		for _, w := range strings.Fields(string(rs)) {
			up := 0
			for _, r := range w {
				switch {
				case r >= 'a' && r <= 'z':
					lo++
				case r >= 'A' && r <= 'Z':
					up++
				}
			}
			if up > 0 {
				words++
			}
			if up >= 2 {
				caps++
			}
		}
		// Two capital words or more, most words capital, nothing in lower
		// case: "KÕ HO¹CH TæNG THÓ" but not "Sè: 12/Q§-BTC".
		capsLine = lo == 0 && caps >= 2 && caps*2 > words
	}
	i := 0
	for i < len(rs) {
		j := i
		for j < len(rs) && lgIsSpace(rs[j]) {
			j++
		}
		for _, r := range rs[i:j] {
			b.WriteRune(r)
		}
		if j == len(rs) {
			break
		}
		k := j
		for k < len(rs) && !lgIsSpace(rs[k]) {
			k++
		}
		word := rs[j:k]
		switch {
		case lgHasUnicodeViet(word):
			d.unicodeV = true
			lgWriteRunes(b, word)
		case e == lgEncIdentity:
			if d.eightBit {
				lgWriteRunes(b, lgDecodeRunes(lgEncWin1252, word))
			} else {
				lgWriteRunes(b, word)
			}
		default:
			out := lgDecodeRunes(e, word)
			// An upper-case font (".VnTimeH") draws these letters as
			// capitals, but the text is what was typed: the codes are the
			// lower-case letters, and the hand-checked transcripts of
			// shared/corpus/real/legacy keep that case (METRIC.md: no case
			// folding). Capitals come from words and lines typed in capitals.
			if capsLine || e == lgEncTCVN3 && lgCapsWord(word) {
				out = []rune(strings.ToUpper(string(out)))
			}
			if lgHasHigh(word) || s.upper {
				d.used[e] = true
			}
			lgWriteRunes(b, out)
		}
		i = k
	}
}

func lgWriteRunes(b *strings.Builder, rs []rune) {
	for _, r := range rs {
		b.WriteRune(r)
	}
}

// lgSplitSegments cuts the text into legacy-font runs and, outside them, lines.
func lgSplitSegments(runes []rune, fonts []FontSpan) []lgSegment {
	font := make([]int8, len(runes)) // 0: none, else 1+index into spanEnc
	type fe struct {
		e     lgEnc
		upper bool
	}
	var kinds []fe
	for _, f := range fonts {
		e, upper := FontEncoding(f.Font)
		if e == "" {
			continue
		}
		k := fe{e: lgEncOf(e), upper: upper}
		idx := -1
		for i, x := range kinds {
			if x == k {
				idx = i
			}
		}
		if idx < 0 {
			kinds = append(kinds, k)
			idx = len(kinds) - 1
		}
		start, end := max(f.Start, 0), min(f.End, len(runes))
		for i := start; i < end; i++ {
			font[i] = int8(idx + 1)
		}
	}
	var segs []lgSegment
	i := 0
	for i < len(runes) {
		j := i + 1
		if font[i] == 0 {
			// Outside runs, a lgSegment ends after a line break.
			if runes[i] != '\n' {
				for j < len(runes) && font[j] == 0 && runes[j-1] != '\n' {
					j++
				}
			}
			segs = append(segs, lgSegment{runes: runes[i:j]})
		} else {
			for j < len(runes) && font[j] == font[i] {
				j++
			}
			k := kinds[font[i]-1]
			segs = append(segs, lgSegment{runes: runes[i:j], font: k.e, upper: k.upper})
		}
		i = j
	}
	return segs
}

func lgEncOf(name string) lgEnc {
	for e, n := range lgEncNames {
		if n == name {
			return lgEnc(e)
		}
	}
	return lgEncIdentity
}

// FontEncoding names the legacy encoding implied by a font name and whether
// the font draws every letter upper-case, by font family (domain.md §6.1):
// ABC/TCVN3 fonts are named ".VnTime", ".VnArial", … and their upper-case
// variants end in "H" (".VnTimeH", ".VnArialH"); VNI fonts are "VNI-Times",
// "VNI-Helve", …; VISCII fonts "VI Times", "VISCII …". Unicode fonts give "".
func FontEncoding(font string) (encoding string, upper bool) {
	f := strings.TrimSpace(font)
	lf := strings.ToLower(f)
	switch {
	case strings.HasPrefix(lf, ".vn") || strings.HasPrefix(lf, "vn3") || strings.HasPrefix(lf, "abc ") ||
		strings.Contains(lf, "tcvn3"): // "VNSTCVN3", "TCVN3-Times"
		base := strings.TrimSuffix(strings.TrimSuffix(f, " Bold"), " Italic")
		return EncTCVN3, strings.HasSuffix(base, "H") && len(base) > 4
	case strings.HasPrefix(lf, "vni-") || strings.HasPrefix(lf, "vni "):
		return EncVNI, false
	case strings.HasPrefix(lf, "viscii") || strings.HasPrefix(lf, "vi "):
		return EncVISCII, false
	}
	return "", false
}

// lgToByte gives the byte a rune stands for in text read byte for byte: the
// rune itself for U+0000–U+00FF, the Windows-1252 byte for the characters
// Windows-1252 puts in 0x80–0x9F (Word and other tools read legacy-font
// bytes with the ANSI code page).
func lgToByte(r rune) (byte, bool) {
	if r < 0x100 {
		return byte(r), true
	}
	b, ok := lgCp1252Rev[r]
	return b, ok
}

var lgCp1252Rev = func() map[rune]byte {
	m := map[rune]byte{}
	for b := 0x80; b < 0xA0; b++ {
		r := charmap.Windows1252.DecodeByte(byte(b))
		if r != utf8.RuneError && r >= 0x100 {
			m[r] = byte(b)
		}
	}
	return m
}()

// lgDecodeRunes decodes one word with e.
func lgDecodeRunes(e lgEnc, rs []rune) []rune {
	out := make([]rune, 0, len(rs))
	switch e {
	case lgEncTCVN3, lgEncVISCII:
		t := &lgTcvn3Table
		if e == lgEncVISCII {
			t = &lgVisciiTable
		}
		for _, r := range rs {
			if b, ok := lgToByte(r); ok && t[b] != 0 {
				r = t[b]
			} else if ok && b >= 0x80 && b < 0xA0 {
				r = charmap.Windows1252.DecodeByte(b)
			}
			out = append(out, r)
		}
	case lgEncVNI:
		for i := 0; i < len(rs); i++ {
			b0, ok0 := lgToByte(rs[i])
			if ok0 && i+1 < len(rs) {
				if b1, ok1 := lgToByte(rs[i+1]); ok1 && b1 >= 0x80 {
					if r, ok := lgVniPair(b0, b1); ok {
						out = append(out, r)
						i++
						continue
					}
				}
			}
			if ok0 && lgVniSingle[b0] != 0 {
				out = append(out, lgVniSingle[b0])
				continue
			}
			r := rs[i]
			if ok0 && b0 >= 0x80 && b0 < 0xA0 {
				r = charmap.Windows1252.DecodeByte(b0)
			}
			out = append(out, r)
		}
	case lgEncCP1258:
		for _, r := range rs {
			if b, ok := lgToByte(r); ok && b >= 0x80 {
				r = charmap.Windows1258.DecodeByte(b)
			}
			out = append(out, r)
		}
	case lgEncWin1252:
		for _, r := range rs {
			if r >= 0x80 && r < 0xA0 {
				r = charmap.Windows1252.DecodeByte(byte(r))
			}
			out = append(out, r)
		}
	default:
		out = append(out, rs...)
	}
	return out
}

// lgVniPair decodes a VNI base byte and mark byte. Besides the table's pairs
// (upper-case marks after upper-case letters) it accepts a mark of the other
// case, which VNI documents typed with Caps Lock or Shift mixed contain; the
// letter keeps the base's case.
func lgVniPair(b0, b1 byte) (rune, bool) {
	if r, ok := lgVniPairs[[2]byte{b0, b1}]; ok {
		return r, true
	}
	var alt byte
	switch {
	case b0 >= 'a' && b0 <= 'z':
		alt = b0 - 32
	case b0 >= 'A' && b0 <= 'Z':
		alt = b0 + 32
	case lgVniSingle[b0] != 0: // ơ/ư (F4/F6) and Ơ/Ư (D4/D6)
		alt = b0 ^ 0x20
	default:
		return 0, false
	}
	r, ok := lgVniPairs[[2]byte{alt, b1}]
	if !ok {
		return 0, false
	}
	if b0 >= 'a' && b0 <= 'z' || b0 >= 0xE0 {
		return unicode.ToLower(r), true
	}
	return unicode.ToUpper(r), true
}

func lgIsSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
}

// lgHasHigh reports runes that can stand for a byte over 0x7F (or a VISCII
// C0 letter), the only ones legacy decoding changes.
func lgHasHigh(rs []rune) bool {
	for _, r := range rs {
		if r >= 0x80 {
			if _, ok := lgToByte(r); ok {
				return true
			}
		}
	}
	return false
}

// lgHasUnicodeViet reports letters that exist only in Unicode Vietnamese text
// (outside Latin-1: ă đ ĩ ũ ơ ư, U+1EA0–U+1EF9) or combining tone marks: such
// a word is already Unicode and must not be converted.
func lgHasUnicodeViet(rs []rune) bool {
	for _, r := range rs {
		switch {
		case r >= 0x1EA0 && r <= 0x1EF9,
			r == 0x102 || r == 0x103 || r == 0x110 || r == 0x111,
			r == 0x128 || r == 0x129 || r == 0x168 || r == 0x169,
			r == 0x1A0 || r == 0x1A1 || r == 0x1AF || r == 0x1B0,
			r >= 0x300 && r <= 0x323:
			return true
		}
	}
	return false
}

// lgCapsWord reports a TCVN3 word typed in capitals: at least two ASCII
// capitals and no ASCII lower-case letter ("MôC", "§IÒU"). TCVN3 has no
// bytes for toned capitals (domain.md §6.1), so such a word's toned letters
// were meant upper-case too: "MỤC", "ĐIỀU".
func lgCapsWord(rs []rune) bool {
	caps := 0
	for _, r := range rs {
		switch {
		case r >= 'a' && r <= 'z':
			return false
		case r >= 'A' && r <= 'Z':
			caps++
		}
	}
	return caps >= 2
}

// lgUndoUTF8Mojibake repairs a line of UTF-8 that another tool read as
// Windows-1252 ("Quyáº¿t Ä‘á»‹nh" → "Quyết định"): every rune stands for a
// byte, the bytes are valid UTF-8 with multi-byte sequences, and the result
// holds Unicode Vietnamese letters.
func lgUndoUTF8Mojibake(rs []rune) ([]rune, bool) {
	multi := false
	b := make([]byte, 0, len(rs))
	for _, r := range rs {
		c, ok := lgToByte(r)
		if !ok {
			return nil, false
		}
		if c >= 0xC2 && c <= 0xF4 {
			multi = true
		}
		b = append(b, c)
	}
	if !multi || !utf8.Valid(b) {
		return nil, false
	}
	out := []rune(string(b))
	if !lgHasUnicodeViet(out) {
		return nil, false
	}
	return out, true
}
