package extract

import (
	"fmt"
	"sort"
	"unicode/utf16"
	"unicode/utf8"
)

// cmap is a parsed PDF CMap: the ToUnicode map of a font (code → text) and,
// for Type0 fonts with an embedded encoding CMap, its codespace ranges (how
// many bytes a code takes).
//
// We parse CMaps ourselves instead of using ledongthuc/pdf's reader because
// the library increments only the last byte of a bfrange destination, which
// turns the full-range identity maps written by fpdf, dompdf and tesseract
// (<0000> <FFFF> <0000>) into mojibake, and it scans every entry per glyph.
type cmap struct {
	space  []codespace
	single map[uint64]string // key: nbytes<<32 | code
	ranges []cmapRange       // large bfranges, kept unexpanded, sorted by lo
}

type codespace struct {
	lo, hi uint32
	n      int // bytes
}

type cmapRange struct {
	lo, hi uint32
	n      int
	dst    []uint16 // UTF-16 destination of lo; the offset is added to its last unit
}

// Limits that keep a hostile CMap from costing unbounded memory.
const (
	cmapMaxSingles   = 1 << 18 // expanded entries
	cmapExpandSpan   = 256     // bfranges up to this span are expanded into single
	cmapMaxRanges    = 1 << 16
	cmapMaxCodespace = 64
)

func cmapKey(code uint32, n int) uint64 { return uint64(n)<<32 | uint64(code) }

// parseCMap reads the bfchar, bfrange and codespacerange sections of a CMap
// stream. It never panics; malformed sections are skipped and what could be
// read is kept, since real producers emit slightly broken CMaps (stray "def",
// odd-length hex strings) and the rest of the map is still right.
func parseCMap(data []byte) (m *cmap, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("cannot parse CMap: %v", x)
		}
	}()
	m = &cmap{single: map[uint64]string{}}
	lx := cmapLexer{data: data}
	var operands []cmapTok
	for {
		t, ok := lx.next()
		if !ok {
			break
		}
		if t.kind != tokKeyword {
			if len(operands) > 4096 {
				operands = operands[:0] // junk: do not grow without bound
			}
			operands = append(operands, t)
			continue
		}
		switch t.str {
		case "begincodespacerange":
			m.readCodespace(&lx)
		case "beginbfchar":
			m.readBfchar(&lx)
		case "beginbfrange":
			m.readBfrange(&lx)
		}
		operands = operands[:0]
	}
	sort.Slice(m.ranges, func(i, j int) bool { return m.ranges[i].lo < m.ranges[j].lo })
	if len(m.single) == 0 && len(m.ranges) == 0 && len(m.space) == 0 {
		return m, fmt.Errorf("cannot parse CMap: no mappings found")
	}
	return m, nil
}

func codeOf(b []byte) (uint32, int, bool) {
	if len(b) == 0 || len(b) > 4 {
		return 0, 0, false
	}
	var c uint32
	for _, x := range b {
		c = c<<8 | uint32(x)
	}
	return c, len(b), true
}

func (m *cmap) readCodespace(lx *cmapLexer) {
	for {
		t, ok := lx.entry(2)
		if !ok {
			return
		}
		a, b := t[0], t[1]
		lo, n, ok1 := codeOf(a.bytes)
		hi, n2, ok2 := codeOf(b.bytes)
		if ok1 && ok2 && n == n2 && lo <= hi && len(m.space) < cmapMaxCodespace {
			m.space = append(m.space, codespace{lo, hi, n})
		}
	}
}

func (m *cmap) readBfchar(lx *cmapLexer) {
	for {
		t, ok := lx.entry(2)
		if !ok {
			return
		}
		a, b := t[0], t[1]
		code, n, ok := codeOf(a.bytes)
		if !ok || (b.kind != tokString && b.kind != tokName) || len(m.single) >= cmapMaxSingles {
			continue
		}
		if b.kind == tokName {
			// Some producers write a glyph name instead of a UTF-16 string.
			if r, ok := glyphNameRune(b.str); ok {
				m.single[cmapKey(code, n)] = string(r)
			}
			continue
		}
		m.single[cmapKey(code, n)] = utf16Text(b.bytes)
	}
}

func (m *cmap) readBfrange(lx *cmapLexer) {
	for {
		t, ok := lx.entry(3)
		if !ok {
			return
		}
		a, b, d := t[0], t[1], t[2]
		lo, n, ok1 := codeOf(a.bytes)
		hi, n2, ok2 := codeOf(b.bytes)
		if !ok1 || !ok2 || n != n2 || lo > hi {
			continue
		}
		switch d.kind {
		case tokArray:
			// One destination string per code of the range.
			for i, s := range d.arr {
				c := lo + uint32(i)
				if c > hi || c < lo || len(m.single) >= cmapMaxSingles {
					break
				}
				m.single[cmapKey(c, n)] = utf16Text(s)
			}
		case tokString:
			dst := utf16Units(d.bytes)
			if len(dst) == 0 {
				continue
			}
			if hi-lo < cmapExpandSpan && len(m.single)+int(hi-lo) < cmapMaxSingles {
				for c := lo; ; c++ {
					m.single[cmapKey(c, n)] = rangeText(dst, c-lo)
					if c == hi {
						break
					}
				}
			} else if len(m.ranges) < cmapMaxRanges {
				m.ranges = append(m.ranges, cmapRange{lo, hi, n, dst})
			}
		}
	}
}

// rangeText is the destination of code lo+off in a bfrange: the whole UTF-16
// value is offset (not only its last byte, the library's bug), so that
// <0000> <FFFF> <0000> maps 0x1ED8 to U+1ED8 "Ộ". A destination that is one
// surrogate pair is offset as a code point.
func rangeText(dst []uint16, off uint32) string {
	if len(dst) == 2 && utf16.IsSurrogate(rune(dst[0])) {
		r := utf16.DecodeRune(rune(dst[0]), rune(dst[1]))
		if r != utf8.RuneError {
			return cleanRune(r + rune(off))
		}
	}
	u := make([]uint16, len(dst))
	copy(u, dst)
	last := uint32(u[len(u)-1]) + off
	if len(u) == 1 {
		return cleanRune(rune(last))
	}
	u[len(u)-1] = uint16(last)
	return validUTF8(string(utf16.Decode(u)))
}

func cleanRune(r rune) string {
	if r < 0 || r > utf8.MaxRune || (r >= 0xD800 && r < 0xE000) {
		return "\uFFFD"
	}
	return string(r)
}

func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return string([]rune(s)) // replaces invalid bytes with U+FFFD
}

func utf16Units(b []byte) []uint16 {
	if len(b)%2 == 1 {
		// A one-byte destination (seen in the wild) is a code point < 256.
		b = append([]byte{0}, b...)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return u
}

func utf16Text(b []byte) string {
	return validUTF8(string(utf16.Decode(utf16Units(b))))
}

// lookup returns the text of code (n bytes long).
func (m *cmap) lookup(code uint32, n int) (string, bool) {
	if s, ok := m.single[cmapKey(code, n)]; ok {
		return s, true
	}
	// Only ranges wider than cmapExpandSpan are kept here, so there are few;
	// walk back from the last one starting at or before code (ranges may
	// overlap, the later-starting one wins).
	i := sort.Search(len(m.ranges), func(i int) bool { return m.ranges[i].lo > code }) - 1
	for ; i >= 0; i-- {
		r := m.ranges[i]
		if r.n == n && code >= r.lo && code <= r.hi {
			return rangeText(r.dst, code-r.lo), true
		}
	}
	return "", false
}

// codeLen is how many bytes the code at the start of b takes according to
// the codespace ranges (0 when none are known).
func (m *cmap) codeLen(b []byte) int {
	for _, s := range m.space {
		if len(b) < s.n {
			continue
		}
		c, _, _ := codeOf(b[:s.n])
		if c >= s.lo && c <= s.hi {
			return s.n
		}
	}
	return 0
}

// The CMap lexer: a small PostScript tokenizer for the subset CMaps use.

type tokKind int

const (
	tokKeyword tokKind = iota
	tokString          // hex or literal string, bytes in .bytes
	tokName
	tokNumber
	tokArray // of strings, in .arr
	tokDict  // skipped << >>
)

type cmapTok struct {
	kind  tokKind
	str   string
	bytes []byte
	arr   [][]byte
}

type cmapLexer struct {
	data []byte
	pos  int
}

func isPSSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0
}

func isPSDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (lx *cmapLexer) skipSpace() {
	for lx.pos < len(lx.data) {
		c := lx.data[lx.pos]
		if isPSSpace(c) {
			lx.pos++
			continue
		}
		if c == '%' {
			for lx.pos < len(lx.data) && lx.data[lx.pos] != '\n' && lx.data[lx.pos] != '\r' {
				lx.pos++
			}
			continue
		}
		return
	}
}

// entry reads the n operands of one entry of a codespace, bfchar or bfrange
// section; ok is false at the section's end (a keyword) or the stream's.
func (lx *cmapLexer) entry(n int) ([]cmapTok, bool) {
	t := make([]cmapTok, 0, 3)
	for i := 0; i < n; i++ {
		x, ok := lx.next()
		if !ok || x.kind == tokKeyword {
			return nil, false
		}
		t = append(t, x)
	}
	return t, true
}

// next returns the next token; ok is false at the end of the data.
func (lx *cmapLexer) next() (cmapTok, bool) {
	lx.skipSpace()
	if lx.pos >= len(lx.data) {
		return cmapTok{}, false
	}
	c := lx.data[lx.pos]
	switch {
	case c == '<' && lx.pos+1 < len(lx.data) && lx.data[lx.pos+1] == '<':
		lx.pos += 2
		lx.skipDict()
		return cmapTok{kind: tokDict}, true
	case c == '<':
		return cmapTok{kind: tokString, bytes: lx.hexString()}, true
	case c == '(':
		return cmapTok{kind: tokString, bytes: lx.literalString()}, true
	case c == '[':
		lx.pos++
		var arr [][]byte
		for {
			lx.skipSpace()
			if lx.pos >= len(lx.data) {
				break
			}
			if lx.data[lx.pos] == ']' {
				lx.pos++
				break
			}
			t, ok := lx.next()
			if !ok {
				break
			}
			if t.kind == tokString && len(arr) < 65536 {
				arr = append(arr, t.bytes)
			}
		}
		return cmapTok{kind: tokArray, arr: arr}, true
	case c == '/':
		lx.pos++
		start := lx.pos
		for lx.pos < len(lx.data) && !isPSSpace(lx.data[lx.pos]) && !isPSDelim(lx.data[lx.pos]) {
			lx.pos++
		}
		return cmapTok{kind: tokName, str: string(lx.data[start:lx.pos])}, true
	case isPSDelim(c):
		lx.pos++ // stray ')', '>', ']', '{', '}': skip
		return cmapTok{kind: tokKeyword, str: string(c)}, true
	}
	start := lx.pos
	for lx.pos < len(lx.data) && !isPSSpace(lx.data[lx.pos]) && !isPSDelim(lx.data[lx.pos]) {
		lx.pos++
	}
	w := string(lx.data[start:lx.pos])
	if w != "" && (w[0] >= '0' && w[0] <= '9' || w[0] == '-' || w[0] == '+' || w[0] == '.') {
		return cmapTok{kind: tokNumber, str: w}, true
	}
	return cmapTok{kind: tokKeyword, str: w}, true
}

func (lx *cmapLexer) skipDict() {
	depth := 1
	for lx.pos < len(lx.data) && depth > 0 {
		switch {
		case lx.data[lx.pos] == '(':
			lx.literalString()
			continue
		case lx.pos+1 < len(lx.data) && lx.data[lx.pos] == '<' && lx.data[lx.pos+1] == '<':
			depth++
			lx.pos += 2
			continue
		case lx.pos+1 < len(lx.data) && lx.data[lx.pos] == '>' && lx.data[lx.pos+1] == '>':
			depth--
			lx.pos += 2
			continue
		}
		lx.pos++
	}
}

func unhexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func (lx *cmapLexer) hexString() []byte {
	lx.pos++ // '<'
	var out []byte
	var hi byte
	half := false
	for lx.pos < len(lx.data) {
		c := lx.data[lx.pos]
		lx.pos++
		if c == '>' {
			break
		}
		d, ok := unhexDigit(c)
		if !ok {
			continue
		}
		if half {
			out = append(out, hi<<4|d)
		} else {
			hi = d
		}
		half = !half
	}
	if half {
		out = append(out, hi<<4) // odd digit count: a trailing 0 is implied
	}
	return out
}

func (lx *cmapLexer) literalString() []byte {
	lx.pos++ // '('
	var out []byte
	depth := 1
	for lx.pos < len(lx.data) {
		c := lx.data[lx.pos]
		lx.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return out
			}
		case '\\':
			if lx.pos >= len(lx.data) {
				return out
			}
			e := lx.data[lx.pos]
			lx.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r', '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && lx.pos < len(lx.data) && lx.data[lx.pos] >= '0' && lx.data[lx.pos] <= '7'; k++ {
						v = v*8 + int(lx.data[lx.pos]-'0')
						lx.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// glyphNameRune maps the glyph names producers put in CMaps and /Differences
// ("uni1EA0", "u1EA0", a few Latin names) to a rune.
func glyphNameRune(name string) (rune, bool) {
	parseHex := func(s string) (rune, bool) {
		if len(s) < 4 || len(s) > 6 {
			return 0, false
		}
		var r rune
		for i := 0; i < len(s); i++ {
			d, ok := unhexDigit(s[i])
			if !ok {
				return 0, false
			}
			r = r<<4 | rune(d)
		}
		return r, utf8.ValidRune(r)
	}
	switch {
	case len(name) == 7 && name[:3] == "uni":
		return parseHex(name[3:])
	case len(name) >= 5 && name[0] == 'u':
		return parseHex(name[1:])
	case len(name) == 1 && name[0] < 0x80:
		return rune(name[0]), true
	}
	if r, ok := latinGlyphNames[name]; ok {
		return r, true
	}
	return 0, false
}

var latinGlyphNames = map[string]rune{
	"space": ' ', "period": '.', "comma": ',', "colon": ':', "semicolon": ';', "hyphen": '-',
	"slash": '/', "parenleft": '(', "parenright": ')', "quotesingle": '\'', "quotedbl": '"',
	"zero": '0', "one": '1', "two": '2', "three": '3', "four": '4', "five": '5', "six": '6',
	"seven": '7', "eight": '8', "nine": '9', "endash": '–', "emdash": '—',
	"quoteleft": '‘', "quoteright": '’', "quotedblleft": '“', "quotedblright": '”',
	"bullet": '•', "percent": '%', "ampersand": '&', "question": '?', "exclam": '!',
}
