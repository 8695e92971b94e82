package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"vanban/normalize"
)

// itemKind is the type of a lexical item. The lexer follows the shape of Go's
// text/template/parse/lex.go: a small scanner that emits typed items, with the
// grammars of symbols and dates written as code rather than regular
// expressions, so that OCR spacing ("17/NQ- CP", "391 - CV/ĐU") is a decision
// in one place.
type itemKind uint8

const (
	itemWord   itemKind = iota // a run of letters: "Chỉ", "thị", "V"
	itemNumber                 // a run of digits: "33", "2022"
	itemSymbol                 // a số ký hiệu: "33/CT-TTg", "109-KH/ThU", "34/2007/PL-UBTVQH11"
	itemDate                   // a numeric date: "26/3/2022", "07-01-2019", "1-8-2022"
	itemPunct                  // one punctuation or other rune
	itemBreak                  // end of a line: paragraphs are lines after normalize.Clean
)

// item is one lexical item. Offsets are rune offsets into the text.
type item struct {
	kind       itemKind
	start, end int
	// key is the folded form for words ("chi"), the canonical symbol for
	// symbols ("33/CT-TTg"), the ISO date for dates, the rune for punctuation.
	key string
}

// lexer scans a text held as runes, with its folded twin (same length).
type lexer struct {
	r     []rune
	fs    string  // the folded text
	at    []int32 // byte offset in fs of each rune, and of the end
	items []item
}

func lex(r []rune) *lexer {
	// One folded string for the whole text: word keys are slices of it.
	at := make([]int32, len(r)+1)
	buf := make([]byte, 0, len(r)+len(r)/8)
	for i, c := range r {
		at[i] = int32(len(buf))
		buf = utf8.AppendRune(buf, normalize.FoldRune(c))
	}
	at[len(r)] = int32(len(buf))
	// About one item in 3.9 runes in Vietnamese prose (the vbpl texts and the
	// synthetic corpus alike): room for one in 3.5 is made at once, since
	// growing the slice of a long text holds both copies (once the peak of
	// memory of a 14 MB text).
	l := &lexer{r: r, fs: string(buf), at: at, items: make([]item, 0, len(r)*2/7+16)}
	l.run()
	return l
}

func (l *lexer) run() {
	r := l.r
	n := len(r)
	for i := 0; i < n; {
		c := r[i]
		switch {
		case c == '\n':
			l.items = append(l.items, item{kind: itemBreak, start: i, end: i + 1})
			i++
		case c == ' ' || c == '\t':
			i++
		case isLetter(c):
			j := i + 1
			for j < n && (isLetter(r[j]) || unicode.Is(unicode.Mn, r[j])) {
				j++
			}
			l.items = append(l.items, item{kind: itemWord, start: i, end: j, key: l.fs[l.at[i]:l.at[j]]})
			i = j
		case isDigit(c):
			i = l.numeric(i)
		default:
			l.items = append(l.items, item{kind: itemPunct, start: i, end: i + 1, key: l.fs[l.at[i]:l.at[i+1]]})
			i++
		}
	}
}

func isLetter(c rune) bool {
	if c < 0x80 {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	}
	return unicode.IsLetter(c)
}

func isDigit(c rune) bool { return '0' <= c && c <= '9' }

func isUpper(c rune) bool {
	if c < 0x80 {
		return 'A' <= c && c <= 'Z'
	}
	return unicode.IsUpper(c)
}

// numeric scans what starts with a digit: a symbol, a date or a number.
func (l *lexer) numeric(i int) int {
	if sym, end, ok := scanSymbol(l.r, i); ok {
		l.items = append(l.items, item{kind: itemSymbol, start: i, end: end, key: sym})
		return end
	}
	iso, end, ok := scanNumericDate(l.r, i)
	if !ok {
		iso, end, ok = scanOCRDate(l.r, i) // OCR spacing and years (repair.go)
	}
	if ok {
		l.items = append(l.items, item{kind: itemDate, start: i, end: end, key: iso})
		return end
	}
	j := i
	for j < len(l.r) && isDigit(l.r[j]) {
		j++
	}
	l.items = append(l.items, item{kind: itemNumber, start: i, end: j, key: l.fs[l.at[i]:l.at[j]]})
	return j
}

// colonHyphen returns the index of the code after ": -" at r[q] (q the
// colon), or 0: an OCR colon set before a symbol's hyphen.
func colonHyphen(r []rune, q int) int {
	k := q + 1
	if k < len(r) && r[k] == ' ' {
		k++
	}
	if k+1 < len(r) && r[k] == '-' && isUpper(r[k+1]) {
		return k + 1
	}
	return 0
}

// scanSymbol reads a số ký hiệu at r[i:] (r[i] is a digit). Grammar, after
// ND 30/2020 Phụ lục I and HD 36-HD/VPTW 1.3 with the deviations seen in real
// texts (domain.md §1.2):
//
//	symbol  = number { sep segment }            with at least one "/" and one code segment
//	number  = digit { digit }
//	sep     = [" "] ("/" | "-" | "&") [" "]     spaces only before a code ("391 - CV/ĐU", "17/NQ- CP")
//	        | " "                               only first, before a code followed by "/" ("84 QĐ/TWĐTN")
//	segment = digits | code
//	code    = upper { letter | digit }          lower-case letters only unaccented ASCII ("CTr", "ThU", "QĐi")
//
// It returns the canonical form: separators without spaces, a missing
// hyphen restored.
func scanSymbol(r []rune, i int) (string, int, bool) {
	n := len(r)
	j := i
	for j < n && isDigit(r[j]) {
		j++
	}
	if j-i > 6 {
		return "", 0, false
	}
	// "66.4/2025/NQ-CP": a sub-number after a dot.
	if j+1 < n && r[j] == '.' && isDigit(r[j+1]) {
		k := j + 1
		for k < n && isDigit(r[k]) {
			k++
		}
		if k < n && r[k] == '/' {
			j = k
		}
	}
	out := make([]rune, 0, 24)
	out = append(out, r[i:j]...)
	pos := j
	slash, code := false, false
	for segs := 0; ; segs++ {
		q := pos
		sp := 0
		for q < n && r[q] == ' ' && sp < 2 {
			q++
			sp++
		}
		var sep rune
		switch {
		case q < n && (r[q] == '/' || r[q] == '-' || r[q] == '&'):
			sep = r[q]
			q++
		case segs == 0 && sp == 1 && q < n && isUpper(r[q]):
			sep = ' '
		case segs == 0 && sp == 0 && q < n && isUpper(r[q]) && !(i > 0 && (r[i-1] == '.' || r[i-1] == '…')):
			// "1855QĐ-KHKT-PCVT", "2472QĐ/GTVT": the separator left out
			// (not a form's dotted blank with a digit OCRed in it,
			// "….4QĐ-UBND ngày ….")
			sep = 'x'
		case segs > 0 && sp == 1 && q < n && isUpper(r[q]) && endsInTypeCode(out):
			sep = 'i' // "13/2020/TT BTC": the hyphen before the issuer left out
		case segs > 0 && sp == 0 && q+1 < n && (r[q] == '.' || r[q] == '_') && isUpper(r[q+1]) && endsInTypeCode(out):
			// "05/2025/NQ.CP", "522/2002/QĐ.UB": a dot typed for the
			// hyphen; "54/2019/NĐ_CP": OCR's underscore for it.
			sep = 'i'
			q++
		case segs > 0 && sp == 0 && q+2 < n && r[q] == ':' && endsInTypeCode(out) && colonHyphen(r, q) > 0:
			// "41/2026/TT: -BTC": OCR's colon before the hyphen.
			sep = 'i'
			q = colonHyphen(r, q)
		default:
			sep = 0
		}
		if sep == 0 {
			if o, e := joinSplitCode(r, out, pos); e != pos && code {
				out, pos = o, e // "407-QĐ/T U", "15/2026/T T-BGDĐT" (repair.go)
				continue
			}
			break
		}
		sp2 := 0
		for q < n && r[q] == ' ' && sp2 < 1 {
			q++
			sp2++
		}
		// "52/2020/TT-" at a line end, "BGDĐT" on the next line.
		if sep != ' ' && sep != 'x' && q < n && r[q] == '\n' && q+1 < n && isUpper(r[q+1]) {
			q++
			sp2++
		} else if sep == '-' && endsInTypeCode(out) {
			// "Thông tư số 141/2025/TT-" ending a table cell, "BTC ngày …"
			// further down the cell (cutIssuer).
			if s, e, ok := cutIssuer(r, q); ok {
				out = append(append(out, '-'), r[s:e]...)
				pos = e
				code = true
				break
			}
		}
		if q >= n {
			break
		}
		spaced := sp > 0 || sp2 > 0
		e, isCode := scanSegment(r, q)
		// "Số: 51 /2025/TT-BYT": a space before the first "/" is a typing slip.
		if e == q || (spaced && !isCode && !(segs == 0 && sep == '/' && sp2 == 0)) {
			break
		}
		if sep == 'x' {
			// Only a type abbreviation glued to the number, followed by
			// its separator: "2472QĐ/GTVT" → "2472-QĐ/GTVT" (as "84
			// QĐ/TWĐTN"), "1855QĐ-KHKT-PCVT" → "1855/QĐ-KHKT-PCVT".
			seg := string(r[q:e])
			if !isCode || e >= n || !IsTypeCode(seg) || r[e] != '/' && r[e] != '-' {
				break
			}
			if r[e] == '/' {
				sep = '-'
			} else {
				sep = '/'
			}
		}
		if sep == 'i' {
			// Only an issuer code the tables know, standing alone.
			if !isCode || e < n && (unicode.IsLetter(r[e]) || isDigit(r[e]) || r[e] == '/' || r[e] == '-') || CodeScope(string(r[q:e])) == "" || IsTypeCode(string(r[q:e])) {
				break
			}
			sep = '-'
		}
		if sep == ' ' {
			// "84 QĐ/TWĐTN": the code must be followed by "/".
			if e >= n || r[e] != '/' {
				break
			}
			sep = '-'
		}
		if sep == '/' {
			slash = true
		}
		if isCode {
			code = true
		}
		out = append(out, sep)
		out = append(out, r[q:e]...)
		pos = e
	}
	if !slash || !code {
		return "", 0, false
	}
	return canonicalSymbol(string(out)), pos, true
}

// cutIssuer finds the issuer code of a symbol that a table cell or a page
// break cut after its type's hyphen: the rest of the line at q is empty or a
// cell border, and within the next few lines an issuer code the tables know
// (not a type) stands at a line's start, after a cell border "|" or after a
// lone " - ", and is followed by "ngày", punctuation or the line's end
// ("… phục vụ hoạt động | BTC ngày 31 tháng 12 năm 2025"). It returns the
// code's span.
func cutIssuer(r []rune, q int) (int, int, bool) {
	n := len(r)
	k := q
	for k < n && (r[k] == ' ' || r[k] == '|') {
		k++
	}
	if k >= n || r[k] != '\n' {
		return 0, 0, false
	}
	lines := 0
	for j := k; j < n && j < k+320; j++ {
		c := r[j]
		if c == '\n' {
			if lines++; lines > 6 {
				break
			}
			continue
		}
		if isDigit(c) && j+1 < n && r[j+1] == '/' {
			break // another symbol, or a date, comes first
		}
		if !isUpper(c) || j > 0 && (isLetter(r[j-1]) || isDigit(r[j-1])) {
			continue
		}
		// What stands before the code: a line start, "|" or " - ".
		b := j - 1
		for b >= 0 && r[b] == ' ' {
			b--
		}
		if !(b < 0 || r[b] == '\n' || r[b] == '|' || r[b] == '-' && b+1 < j && b > 0 && r[b-1] == ' ') {
			continue
		}
		e, isCode := scanSegment(r, j)
		if !isCode || e == j {
			continue
		}
		code := string(r[j:e])
		if CodeScope(code) == "" || IsTypeCode(code) || !DefaultTables().knownCode(code) {
			continue
		}
		// What follows: "ngày", punctuation, a cell border or the line's end.
		a := e
		for a < n && r[a] == ' ' {
			a++
		}
		if a < n && r[a] != '\n' && r[a] != '|' && !strings.ContainsRune(",.;:)", r[a]) &&
			!(a+4 <= n && normalize.Fold(string(r[a:a+4])) == "ngay") {
			continue
		}
		return j, e, true
	}
	return 0, 0, false
}

// endsInTypeCode says whether a symbol being read ends with a type
// abbreviation after "/" and nothing else ("13/2020/TT"): its issuer is
// still to come.
func endsInTypeCode(out []rune) bool {
	i := len(out)
	for i > 0 && out[i-1] != '/' && out[i-1] != '-' {
		i--
	}
	return i > 0 && out[i-1] == '/' && i < len(out) && IsTypeCode(string(out[i:]))
}

// scanSegment reads one segment at r[q:]; it reports its end and whether it
// is a code (letters) rather than digits.
func scanSegment(r []rune, q int) (int, bool) {
	n := len(r)
	if isDigit(r[q]) {
		e := q
		for e < n && isDigit(r[e]) {
			e++
		}
		if e < n && isLetter(r[e]) {
			// "UBTVQH11" starts with a letter; "11a" is not a segment.
			return q, false
		}
		return e, false
	}
	if !isUpper(r[q]) {
		return q, false
	}
	e := q
	for e < n && e-q < 16 {
		c := r[e]
		if isDigit(c) || c < 0x80 && isLetter(c) || c >= 0x80 && isUpper(c) {
			e++
			continue
		}
		break
	}
	if e < n && isLetter(r[e]) {
		// a word with accented lower-case letters ("Công"), not a code
		return q, false
	}
	// Lower-case letters occur in a few official codes ("CTr", "ThU", "TTg",
	// "QĐi"); a segment with one capital and lower-case letters is a word
	// ("…/NĐ-CP-Quy định") unless it is such a code.
	upper, lower := 0, 0
	for _, c := range r[q:e] {
		if isUpper(c) {
			upper++
		} else if isLetter(c) {
			lower++
		}
	}
	if lower > 0 && upper < 2 {
		seg := string(r[q:e])
		codes := DefaultTables().codeExact
		_, known := codes[seg]
		_, knownBase := codes[strings.TrimRightFunc(seg, isDigit)]
		if !known && !knownBase {
			return q, false
		}
	}
	return e, true
}

// scanNumericDate reads d/m/yyyy, d-m-yyyy or d.m.yyyy at r[i:].
func scanNumericDate(r []rune, i int) (string, int, bool) {
	d, j := readInt(r, i, 2)
	if j == i || j >= len(r) {
		return "", 0, false
	}
	sep := r[j]
	if sep != '/' && sep != '-' && sep != '.' {
		return "", 0, false
	}
	m, k := readInt(r, j+1, 2)
	if k == j+1 || k >= len(r) || r[k] != sep {
		return "", 0, false
	}
	y, e := readInt(r, k+1, 4)
	if e-(k+1) != 4 || e < len(r) && isDigit(r[e]) {
		return "", 0, false
	}
	iso, ok := isoDate(y, m, d)
	return iso, e, ok
}

func readInt(r []rune, i, max int) (int, int) {
	v, j := 0, i
	for j < len(r) && j-i < max && isDigit(r[j]) {
		v = v*10 + int(r[j]-'0')
		j++
	}
	return v, j
}
