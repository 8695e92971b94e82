package extract

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

func init() { Register(FormatRTF, extractRTF) }

// extractRTF reads RTF 1.x with a small reader of its own (docs/extract-office.md
// says why no subprocess): control words, \'hh bytes in the font's charset or
// \ansicpg, \uN with \ucN skipping, the font table for FontSpans, and skips
// \* destinations, pictures, objects' data, field instructions and the other
// non-text destinations of the RTF 1.9.1 specification.
func extractRTF(ctx context.Context, data []byte, _ Options) (*Result, error) {
	p := newRTFParser(data)
	if err := p.parse(ctx); err != nil {
		return nil, err
	}
	p.appendNotes()
	text := p.body.b.String()
	if strings.TrimSpace(text) == "" {
		if p.warned["deep"] {
			return nil, Errorf(KindEmpty, "rtf", "the document holds no text outside groups nested deeper than %d (skipped)", maxRTFDepth)
		}
		return nil, Errorf(KindEmpty, "rtf", "the document holds no text")
	}
	return &Result{
		Format:    FormatRTF,
		Text:      text,
		Encoding:  fmt.Sprintf("windows-%d", p.ansiCP),
		Extractor: "vanban/rtf",
		Fonts:     p.body.spans,
		Warnings:  p.warnings,
	}, nil
}

type rtfFont struct {
	name    string
	charset int
	legacy  bool // a TCVN3/VNI/VISCII font: bytes pass through as U+00hh
}

type rtfState struct {
	font int
	uc   int
	note bool // inside a footnote: written to the notes, after the body
	tail bool // inside a header or footer: written after the notes
	skip bool // inside a destination whose text is not document text
	fonttbl,
	fontEntry bool
}

type rtfParser struct {
	data     []byte
	pos      int
	st       rtfState
	stack    []rtfState
	warned   map[string]bool
	fonts    map[int]*rtfFont
	deff     int
	ansiCP   int
	body     rtfSink // the document's text
	notes    rtfSink // footnote text, appended after the body as "[^n]: …"
	tail     rtfSink // headers and footers, after the notes (as in DOCX)
	nNotes   int
	skipN    int // characters still to skip after a \uN
	fontName strings.Builder
	fontNum  int
	fontCS   int
	warnings []string
}

func newRTFParser(data []byte) *rtfParser {
	return &rtfParser{data: data, fonts: map[int]*rtfFont{}, ansiCP: 1252, st: rtfState{uc: 1}}
}

// maxRTFDepth bounds group nesting: deeper groups are read as text-less.
const maxRTFDepth = 4096

// rtfSkipDest are destinations whose content is not document text.
var rtfSkipDest = map[string]bool{
	"colortbl": true, "stylesheet": true, "info": true, "pict": true, "objdata": true,
	"objclass": true, "fldinst": true, "themedata": true, "colorschememapping": true,
	"latentstyles": true, "datastore": true, "xmlnstbl": true, "listtable": true,
	"listoverridetable": true, "rsidtbl": true, "generator": true, "pn": true,
	"pgdsctbl": true, "revtbl": true, "filetbl": true, "xe": true, "tc": true,
	"template": true, "userprops": true, "docvar": true, "nonshppict": true,
	"sp": true, "sn": true, "sv": true, "bkmkstart": true, "bkmkend": true,
	"falt": true, "panose": true, "fontemb": true, "fontfile": true, "mmathPr": true,
	"operator": true, "author": true, "title": true, "subject": true, "keywords": true,
	"comment": true, "doccomm": true, "company": true, "category": true, "password": true,
	"shpinst": true, "listpicture": true, "wgrffmtfilter": true, "pnseclvl": true,
	"atnid": true, "atnauthor": true, "annotation": true, "blipuid": true,
}

// warnOnce adds a warning of a kind only once: a hostile file repeats its
// damage thousands of times.
func (p *rtfParser) warnOnce(kind, msg string) {
	if p.warned == nil {
		p.warned = map[string]bool{}
	}
	if !p.warned[kind] {
		p.warned[kind] = true
		p.warnings = append(p.warnings, msg)
	}
}

func (p *rtfParser) parse(ctx context.Context) error {
	d := p.data
	steps := 0
	for p.pos < len(d) {
		steps++
		if steps&0xFFFF == 0 && ctx.Err() != nil {
			return &Error{Op: "rtf", Kind: KindTimeout, Err: ctx.Err()}
		}
		c := d[p.pos]
		switch c {
		case '{':
			p.pos++
			p.stack = append(p.stack, p.st)
			if p.st.fontEntry {
				// {\*\panose …}, {\falt …} inside a font entry: not its name.
				p.st.fontEntry, p.st.skip = false, true
			}
			if len(p.stack) > maxRTFDepth {
				p.st.skip = true
				p.warnOnce("deep", fmt.Sprintf("rtf: groups nested deeper than %d: their text skipped", maxRTFDepth))
			}
			p.skipN = 0
		case '}':
			p.pos++
			if p.st.fontEntry {
				p.endFont()
			}
			if len(p.stack) == 0 {
				// Text after the closing brace of the document is junk.
				return nil
			}
			p.st = p.stack[len(p.stack)-1]
			p.stack = p.stack[:len(p.stack)-1]
			p.skipN = 0
		case '\\':
			p.control()
		case '\r', '\n':
			p.pos++
		default:
			p.pos++
			p.byteChar(c)
		}
	}
	if len(p.stack) > 0 {
		p.warnings = append(p.warnings, fmt.Sprintf("rtf: %d groups left open (truncated file?)", len(p.stack)))
	}
	return nil
}

// control reads a control word or symbol at p.pos (a backslash).
func (p *rtfParser) control() {
	d := p.data
	p.pos++
	if p.pos >= len(d) {
		return
	}
	c := d[p.pos]
	if !isASCIILetter(c) {
		p.pos++
		switch c {
		case '\'':
			if p.pos+2 <= len(d) {
				if v, err := strconv.ParseUint(string(d[p.pos:p.pos+2]), 16, 8); err == nil {
					p.pos += 2
					p.byteChar(byte(v))
					return
				}
			}
		case '*':
			p.st.skip = true
		case '\\', '{', '}':
			p.byteChar(c)
		case '~':
			p.text("\u00a0")
		case '_':
			p.text("-")
		case '\r', '\n':
			p.text("\n")
		case '-':
			// An optional hyphen is no text, except in a TCVN3 run where
			// Word wrote byte 0xAD ("ư") as one (domain.md §6.2).
			if f := p.fonts[p.st.font]; f != nil && f.legacy && !p.st.skip && p.skipN == 0 {
				p.emit(0xAD, true)
			}
		}
		return
	}
	start := p.pos
	for p.pos < len(d) && isASCIILetter(d[p.pos]) && p.pos-start < 32 {
		p.pos++
	}
	word := string(d[start:p.pos])
	if p.pos < len(d) && isASCIILetter(d[p.pos]) {
		// RTF 1.9.1: a control word has at most 32 letters.
		p.warnOnce("word", "rtf: a control word longer than 32 letters (the rest read as text)")
	}
	param, hasParam := 0, false
	ps := p.pos
	if p.pos < len(d) && (d[p.pos] == '-' || d[p.pos] >= '0' && d[p.pos] <= '9') {
		p.pos++
		for p.pos < len(d) && d[p.pos] >= '0' && d[p.pos] <= '9' && p.pos-ps < 11 {
			p.pos++
		}
		if v, err := strconv.Atoi(string(d[ps:p.pos])); err == nil && v >= -1<<31 && v < 1<<31 {
			param, hasParam = v, true
		} else {
			p.warnOnce("param", fmt.Sprintf("rtf: \\%s with a parameter out of range (%.20s…) ignored", word, d[ps:p.pos]))
		}
		if p.pos < len(d) && d[p.pos] >= '0' && d[p.pos] <= '9' {
			p.warnOnce("param", fmt.Sprintf("rtf: \\%s with a parameter of more than 10 digits (the rest read as text)", word))
		}
	}
	if p.pos < len(d) && d[p.pos] == ' ' {
		p.pos++
	}
	p.word(word, param, hasParam)
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func (p *rtfParser) word(w string, param int, hasParam bool) {
	if p.skipN > 0 && w != "bin" {
		// A control word stands for one skipped character after \uN.
		p.skipN--
		return
	}
	switch w {
	case "fonttbl":
		p.st.fonttbl, p.st.skip = true, true
		return
	case "f":
		if p.st.fonttbl {
			p.st.fontEntry = true
			p.fontNum, p.fontCS = param, 0
			p.fontName.Reset()
			return
		}
		p.st.font = param
		return
	case "fcharset":
		if p.st.fontEntry {
			p.fontCS = param
		}
		return
	case "deff":
		p.deff = param
		p.st.font = param
		return
	case "plain":
		p.st.font = p.deff
		return
	case "ansicpg":
		if param > 0 {
			p.ansiCP = param
		}
		return
	case "uc":
		if hasParam && param >= 0 && param < 10 {
			p.st.uc = param
		} else {
			p.warnOnce("uc", fmt.Sprintf("rtf: \\uc%d out of range ignored", param))
		}
		return
	case "u":
		if !hasParam {
			return
		}
		r := rune(param)
		if r < 0 {
			r += 65536
		}
		if !p.st.skip {
			if f := p.fonts[p.st.font]; f != nil && f.legacy && r < 0x100 {
				p.emit(r, true)
			} else if f != nil && f.charset == 2 && r >= 0xF020 && r <= 0xF0FF {
				p.emit(r-0xF000, false) // symbol-font private-use code
			} else if utf8.ValidRune(r) {
				p.emit(r, false)
			}
		}
		p.skipN = p.st.uc
		return
	case "footnote":
		if !p.st.skip && !p.st.note {
			p.nNotes++
			mark := fmt.Sprintf("[^%d]", p.nNotes)
			p.text(mark)
			p.st.note = true
			p.text("\n" + mark + ": ")
		}
		return
	case "header", "footer", "headerl", "headerr", "headerf", "footerl", "footerr", "footerf":
		// A letter head or page number must not be read as the first lines
		// of the document.
		if !p.st.skip && !p.st.note {
			p.st.tail = true
			p.text("\n")
		}
		return
	case "bin":
		if hasParam && param > 0 {
			if p.pos+param > len(p.data) {
				p.warnOnce("bin", fmt.Sprintf("rtf: \\bin%d runs past the end of the file (truncated?)", param))
			}
			p.pos = min(len(p.data), p.pos+param)
		}
		return
	}
	if rtfSkipDest[w] {
		p.st.skip = true
		return
	}
	if p.st.skip {
		return
	}
	switch w {
	case "par", "line", "sect", "page", "row", "nestrow", "outlinelevel0":
		if w == "outlinelevel0" {
			return
		}
		p.text("\n")
	case "tab", "cell", "nestcell":
		p.text("\t")
	case "lquote":
		p.text("‘")
	case "rquote":
		p.text("’")
	case "ldblquote":
		p.text("“")
	case "rdblquote":
		p.text("”")
	case "bullet":
		p.text("•")
	case "endash":
		p.text("–")
	case "emdash":
		p.text("—")
	case "enspace", "emspace", "qmspace":
		p.text(" ")
	}
}

// byteChar handles one byte of text (literal or \'hh).
func (p *rtfParser) byteChar(c byte) {
	if p.skipN > 0 {
		p.skipN--
		return
	}
	if p.st.fontEntry {
		if c == ';' {
			p.endFont() // entries need not be groups: "\f0\fswiss Arial;\f1 …;"
			return
		}
		p.fontName.WriteByte(c)
		return
	}
	if p.st.skip {
		return
	}
	f := p.fonts[p.st.font]
	if c < 0x80 {
		p.emit(rune(c), f != nil && f.legacy)
		return
	}
	if f != nil && f.legacy {
		// Legacy fonts: the byte itself, for normalize to decode by font.
		p.emit(rune(c), true)
		return
	}
	cs := -1
	if f != nil {
		cs = f.charset
	}
	p.emit(decodeANSI(c, cs, p.ansiCP), false)
}

// decodeANSI reads a byte in the code page of an RTF font charset (RTF
// 1.9.1 \fcharset table), else in the document's \ansicpg.
func decodeANSI(c byte, charset, ansiCP int) rune {
	var cm *charmap.Charmap
	switch charset {
	case 2: // Symbol: no text meaning; keep the byte.
		return rune(c)
	case 163:
		cm = charmap.Windows1258
	case 238:
		cm = charmap.Windows1250
	case 204:
		cm = charmap.Windows1251
	case 161:
		cm = charmap.Windows1253
	case 162:
		cm = charmap.Windows1254
	case 186:
		cm = charmap.Windows1257
	}
	if cm == nil {
		switch ansiCP {
		case 1258:
			cm = charmap.Windows1258
		case 1250:
			cm = charmap.Windows1250
		case 1251:
			cm = charmap.Windows1251
		default:
			cm = charmap.Windows1252
		}
	}
	return cm.DecodeByte(c)
}

func (p *rtfParser) endFont() {
	name := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(p.fontName.String()), ";"))
	p.fonts[p.fontNum] = &rtfFont{name: name, charset: p.fontCS, legacy: legacyFont(name)}
	p.st.fontEntry = false
	p.fontName.Reset()
}

func (p *rtfParser) text(s string) {
	if p.st.skip {
		return
	}
	for _, r := range s {
		p.emit(r, false)
	}
}

// rtfSink collects text with its legacy-font spans.
type rtfSink struct {
	b     strings.Builder
	n     int
	spans []FontSpan
}

func (k *rtfSink) emit(r rune, font string) {
	if font != "" {
		if i := len(k.spans); i > 0 && k.spans[i-1].End == k.n && k.spans[i-1].Font == font {
			k.spans[i-1].End++
		} else {
			k.spans = append(k.spans, FontSpan{Start: k.n, End: k.n + 1, Font: font})
		}
	}
	k.b.WriteRune(r)
	k.n++
}

// emit writes a rune; legacy runs are recorded as FontSpans (rune offsets).
func (p *rtfParser) emit(r rune, legacy bool) {
	if p.st.fontEntry {
		return
	}
	font := ""
	if legacy {
		font = p.fonts[p.st.font].name
	}
	if p.st.note {
		p.notes.emit(r, font)
		return
	}
	if p.st.tail {
		p.tail.emit(r, font)
		return
	}
	p.body.emit(r, font)
}

// appendNotes puts the footnotes after the body, then the headers and
// footers, as the DOCX reader does.
func (p *rtfParser) appendNotes() {
	for _, k := range []*rtfSink{&p.notes, &p.tail} {
		if k.n == 0 {
			continue
		}
		p.body.b.WriteString("\n")
		p.body.n++
		off := p.body.n
		p.body.b.WriteString(k.b.String())
		p.body.n += k.n
		for _, s := range k.spans {
			p.body.spans = append(p.body.spans, FontSpan{Start: s.Start + off, End: s.End + off, Font: s.Font})
		}
		*k = rtfSink{}
	}
}

// legacyFont reports font names of the legacy Vietnamese 8-bit families
// (domain.md §6.1): ABC/TCVN3 ".VnTime", ".VnArialH", …; VNI "VNI-Times",
// "VNI-Helve", …; VISCII "VI Times"/"VISCII". normalize.FontEncoding maps the
// same names to their encoding.
func legacyFont(name string) bool {
	l := strings.ToLower(strings.TrimSpace(name))
	return strings.HasPrefix(l, ".vn") || strings.HasPrefix(l, "vn3") || strings.HasPrefix(l, "abc ") ||
		strings.Contains(l, "tcvn3") ||
		strings.HasPrefix(l, "vni-") || strings.HasPrefix(l, "vni ") ||
		strings.HasPrefix(l, "viscii") || strings.HasPrefix(l, "vi ")
}
