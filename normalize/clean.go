package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Result is normalized text and what was moved out of it.
type Result struct {
	// Text is the clean NFC text: one paragraph per line, blank lines where the
	// source had breaks, the footnotes appended after BodyEnd.
	Text string
	// BodyEnd is the rune offset where the body ends and the moved footnotes
	// begin (== rune length of Text when there are none).
	BodyEnd   int
	Footnotes []Footnote
	// Removed counts what was taken out, by kind ("markdown", "chrome",
	// "duplicate", "initials", "page-join"), for the record's provenance.
	Removed map[string]int
	// Meta holds the YAML front matter of a Markdown file ("so-hieu",
	// "ngay-ban-hanh", "co-quan-ban-hanh" …), keys as written.
	Meta map[string]string
}

// Footnote is a note found in the body and moved to the end of Text.
type Footnote struct {
	Mark  string // "¹", "2", "[^3]"
	Text  string
	Start int // rune offset of the note text in Result.Text
}

// Clean normalizes raw text: characters (NFC, dashes, spaces, look-alikes),
// Markdown and web-page debris, signature initials, sentences cut by page
// breaks, and footnotes dropped into the body. It never fails and keeps the
// wording of the text: OCR damage in fixed phrases is left in place and
// matched by folding (see Fold) where it matters.
func Clean(raw string) Result {
	res := Result{Removed: map[string]int{}}
	s := Chars(raw)
	res.Meta, s = frontMatter(s)
	lines := splitLines(s)
	dropApparatus(lines, res.Removed)
	lines = stripMarkdown(lines, res.Removed)
	kept := lines[:0]
	for _, l := range lines {
		if !l.drop {
			kept = append(kept, l)
		}
	}
	lines = kept
	lines = dropChrome(lines, res.Removed)
	lines = dropDuplicates(lines, res.Removed)
	body, notes := joinBreaks(lines, res.Removed)

	var b strings.Builder
	b.Grow(len(s))
	blank := true
	for _, l := range body {
		if l.text == "" {
			if !blank {
				b.WriteByte('\n')
			}
			blank = true
			continue
		}
		b.WriteString(l.text)
		b.WriteByte('\n')
		blank = false
	}
	text := strings.TrimRight(b.String(), "\n")
	res.BodyEnd = utf8.RuneCountInString(text)
	if len(notes) > 0 {
		b.Reset()
		b.WriteString(text)
		b.WriteString("\n\n")
		off := res.BodyEnd + 2
		for i, n := range notes {
			if i > 0 {
				b.WriteByte('\n')
				off++
			}
			prefix := n.Mark + " "
			b.WriteString(prefix)
			off += utf8.RuneCountInString(prefix)
			n.Start = off
			b.WriteString(n.Text)
			off += utf8.RuneCountInString(n.Text)
			res.Footnotes = append(res.Footnotes, n)
		}
		text = b.String()
	}
	res.Text = text
	return res
}

// Chars normalizes characters: line ends, dashes (U+2010–U+2015, U+2212,
// U+FE58, U+FE63, U+FF0D → "-", as vbpl.vn crawlers do, domain.md §1.2),
// odd and non-breaking spaces, zero-width characters, look-alike letters
// (Cyrillic homoglyphs of anti-copy sites, Eth for Đ), tone marks typed before
// the vowel modifier, then NFC. Form feeds (page breaks) become blank lines
// marked by a form feed of their own so joinBreaks can see them.
func Chars(raw string) string {
	var b strings.Builder
	b.Grow(len(raw))
	prevCR := false
	needNFC := false // a rune that NFC could change was seen
	for i := 0; i < len(raw); {
		c := raw[i]
		if c < utf8.RuneSelf {
			i++
			if prevCR && c == '\n' {
				prevCR = false
				continue
			}
			prevCR = c == '\r'
			switch {
			case c >= 0x20 && c != 0x7f || c == '\n':
				b.WriteByte(c)
			case c == '\r':
				b.WriteByte('\n')
			case c == '\f':
				b.WriteString("\n\f\n")
			case c == '\t':
				b.WriteByte(' ')
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(raw[i:])
		i += n
		prevCR = false
		switch {
		case r >= 0x2010 && r <= 0x2015, r == 0x2212, r == 0xFE58, r == 0xFE63, r == 0xFF0D:
			b.WriteByte('-')
		case r == 0x00A0, r >= 0x2000 && r <= 0x200A, r == 0x202F, r == 0x205F, r == 0x3000:
			b.WriteByte(' ')
		case r == 0x200B, r == 0x200C, r == 0x200D, r == 0xFEFF, r == 0x00AD, r == 0x2060:
			// zero-width and soft hyphen: drop
		case r == 0x2028, r == 0x2029, r == 0x0085:
			b.WriteByte('\n')
		case r < 0xA0:
			// C1 control characters: drop
		default:
			if mayLookAlike(r) {
				if m, ok := lookAlike[r]; ok {
					r = m
				}
			}
			if !needNFC && mayChangeNFC(r) {
				needNFC = true
			}
			b.WriteRune(r)
		}
	}
	if !needNFC {
		return b.String()
	}
	return norm.NFC.String(orderMarks(b.String()))
}

// mayChangeNFC reports runes that NFC may compose or replace: combining
// marks and the few compatibility singletons. Text without them is already
// NFC, so the normalization pass (the costliest step here) is skipped.
func mayChangeNFC(r rune) bool {
	switch {
	case r >= 0x0300 && r <= 0x036F, r >= 0x0483 && r <= 0x0489, r >= 0x0591 && r <= 0x05C7,
		r >= 0x0610 && r <= 0x065F, r >= 0x0900 && r <= 0x0DFF, r >= 0x0E31 && r <= 0x0EFF,
		r >= 0x1100 && r <= 0x11FF, r >= 0x1AB0 && r <= 0x1AFF, r >= 0x1DC0 && r <= 0x1DFF,
		r >= 0x1F00 && r <= 0x1FFF, r >= 0x20D0 && r <= 0x20FF, r == 0x2126, r == 0x212A, r == 0x212B,
		r >= 0x2329 && r <= 0x232A, r >= 0x3099 && r <= 0x309A, r >= 0xAC00 && r <= 0xD7AF,
		r >= 0xF900 && r <= 0xFAFF, r >= 0xFB1D && r <= 0xFB4F, r >= 0xFE20 && r <= 0xFE2F,
		r >= 0x10000:
		return true
	}
	return false
}

// mayLookAlike is a cheap range check before the lookAlike map.
func mayLookAlike(r rune) bool {
	return r == 0xD0 || r == 0xF0 || r == 0x189 || r == 0x340 || r == 0x341 || r >= 0x400 && r < 0x500 || r == 0x1D20
}

// lookAlike maps code points that look like Vietnamese letters onto them.
var lookAlike = map[rune]rune{
	'Ð': 'Đ', 'ð': 'đ', 'Ɖ': 'Đ', // Eth from OCR and cp1252 mis-decoding (domain.md §6.5)
	'ѕ': 's', 'у': 'y', 'х': 'x', 'а': 'a', 'о': 'o', 'е': 'e', 'р': 'p', 'с': 'c', 'і': 'i', 'ᴠ': 'v',
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T', 'Х': 'X',
	'\u0340': '\u0300', '\u0341': '\u0301',
}

// orderMarks puts a vowel modifier (circumflex, breve, horn) before a tone
// mark typed ahead of it: "e + U+0301 + U+0302" composes to "ế" only in the
// other order (domain.md §6.4).
func orderMarks(s string) string {
	// Combining marks U+0300–U+033F all start with the byte 0xCC in UTF-8.
	if strings.IndexByte(s, 0xCC) < 0 {
		return s
	}
	// Every mark here is two bytes, 0xCC then one: swap the pairs in the
	// bytes (the text is long; a rune slice of it was a tenth of Clean).
	var b []byte
	for i := strings.IndexByte(s, 0xCC); i >= 0 && i+3 < len(s); {
		tone, _ := utf8.DecodeRuneInString(s[i:])
		shape, _ := utf8.DecodeRuneInString(s[i+2:])
		if isToneMark(tone) && (shape == '\u0302' || shape == '\u0306' || shape == '\u031b') {
			if b == nil {
				b = []byte(s)
			}
			b[i+1], b[i+3] = b[i+3], b[i+1]
			i += 4
		} else {
			i += 2
		}
		k := strings.IndexByte(s[i:], 0xCC)
		if k < 0 {
			break
		}
		i += k
	}
	if b == nil {
		return s
	}
	return string(b)
}

// line is one line of text with what is known about it.
type line struct {
	text      string
	pageBreak bool // a page break came before this line
	drop      bool // removed with its line break (a table's separator row)
}

func splitLines(s string) []line {
	raw := strings.Split(s, "\n")
	out := make([]line, 0, len(raw))
	pb := false
	for _, l := range raw {
		if l == "\f" {
			pb = true
			out = append(out, line{})
			continue
		}
		t := collapseSpaces(l)
		out = append(out, line{text: t, pageBreak: pb && t != ""})
		if t != "" {
			pb = false
		}
	}
	return out
}

// stripMarkdown removes Markdown marks and keeps the words: ATX heading marks,
// emphasis, escapes, links and images, rules, block quotes; and italic
// signature initials ("*ZRH*", "… ./. *Thuyh*") that typists leave at the end.
// apparatusHeadings begin the titles (folded) of the sections a crawler
// or an editor adds to a Markdown copy of a document: its notes ("## Ghi
// chú phương pháp crawl", "## GHI CHÚ VỀ NỘI DUNG CHÍNH", "## Ghi chú xử
// lý"), its sources and links ("## Tham khảo", "## Nguồn tham khảo", "##
// Liên kết nội bộ"). The documents they list or summarise are not cited by
// the document (audit a9cf2fc #55: "Nghị định 70/2024/NĐ-CP: …" of a "##
// Tham khảo" list).
var apparatusHeadings = []string{"ghi chu", "tham khao", "tai lieu tham khao", "nguon tham khao", "nguon van ban", "lien ket"}

// dropApparatus drops each such section of a Markdown text: a heading of
// level one or two ("#", "##") whose title is one of apparatusHeadings (or
// is "Nguồn" alone), and its lines up to the next heading of its level or
// above. A document's own headings are numbered or named otherwise
// ("Điều 5", "Chương II", "NGUỒN KINH PHÍ THỰC HIỆN").
func dropApparatus(lines []line, removed map[string]int) {
	level := func(t string) int {
		n := 0
		for n < len(t) && t[n] == '#' {
			n++
		}
		if n == 0 || n >= len(t) || t[n] != ' ' {
			return 0
		}
		return n
	}
	for i := 0; i < len(lines); i++ {
		lv := level(lines[i].text)
		if lv == 0 || lv > 2 {
			continue
		}
		title := strings.Trim(strings.TrimSpace(Fold(strings.TrimLeft(lines[i].text, "#"))), ":*. ")
		ok := title == "nguon"
		for _, h := range apparatusHeadings {
			if title == h || strings.HasPrefix(title, h+" ") {
				ok = true
			}
		}
		if !ok {
			continue
		}
		j := i
		for ; j < len(lines); j++ {
			if j > i {
				if l := level(lines[j].text); l > 0 && l <= lv {
					break
				}
			}
			if lines[j].text != "" {
				removed["chrome"]++
			}
			lines[j].text, lines[j].drop = "", true
		}
		i = j - 1
	}
}

func stripMarkdown(lines []line, removed map[string]int) []line {
	for i := range lines {
		t := lines[i].text
		if t == "" {
			continue
		}
		orig := t
		// Horizontal rules and lone separators ("*", "-----", "***").
		if isRule(t) {
			lines[i].text = ""
			removed["markdown"]++
			continue
		}
		for strings.HasPrefix(t, "#") {
			t = strings.TrimLeft(t, "#")
			t = strings.TrimSpace(t)
		}
		if strings.HasPrefix(t, "> ") {
			t = t[2:]
		}
		if strings.HasPrefix(t, "|") {
			// A table row: cells joined by " | "; the separator row goes.
			t = tableRow(t)
			if t == "" {
				lines[i].text, lines[i].drop = "", true
				removed["markdown"]++
				continue
			}
		}
		if strings.HasPrefix(t, "* ") {
			t = "- " + t[2:]
		}
		t = stripInitials(t, removed)
		t = stripEmphasis(t)
		t = stripLinks(t)
		t = unescapeMarkdown(t)
		t = collapseSpaces(t)
		if t != orig {
			removed["markdown"]++
		}
		lines[i].text = t
	}
	return lines
}

func isRule(t string) bool {
	if len(t) == 0 {
		return false
	}
	c := t[0]
	if c != '-' && c != '*' && c != '_' && c != '=' {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] != c && t[i] != ' ' {
			return false
		}
	}
	// "-" alone is a list dash with nothing after it; "*" alone is the Party
	// header separator; both carry no words.
	return true
}

// stripInitials removes a trailing italic token of 2–8 ASCII letters: the
// typist's or checker's initials ("*ZRH*", "*Thuyh*"). Emphasised words of
// the text carry Vietnamese letters or stand inside a sentence.
func stripInitials(t string, removed map[string]int) string {
	if !strings.HasSuffix(t, "*") {
		return t
	}
	j := strings.LastIndex(t[:len(t)-1], "*")
	if j < 0 {
		return t
	}
	tok := t[j+1 : len(t)-1]
	if len(tok) < 2 || len(tok) > 8 {
		return t
	}
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return t
		}
	}
	before := strings.TrimSpace(t[:j])
	before = strings.TrimRight(before, "*")
	if before != "" {
		last, _ := utf8.DecodeLastRuneInString(before)
		if !strings.ContainsRune(".;:!?)”\"/", last) {
			return t
		}
	}
	removed["initials"]++
	return strings.TrimSpace(t[:j])
}

// stripEmphasis removes the asterisks and underscores of Markdown emphasis.
// A single "*" between spaces (a multiplication or a footnote star) stays.
func stripEmphasis(t string) string {
	if !strings.ContainsAny(t, "*_") {
		return t
	}
	t = strings.ReplaceAll(t, "**", "")
	t = strings.ReplaceAll(t, "__", "")
	if strings.Count(t, "*") >= 2 {
		var b strings.Builder
		rs := []rune(t)
		for i, r := range rs {
			if r == '*' {
				prevSpace := i == 0 || unicode.IsSpace(rs[i-1])
				nextSpace := i == len(rs)-1 || unicode.IsSpace(rs[i+1])
				if !(prevSpace && nextSpace) {
					continue
				}
			}
			b.WriteRune(r)
		}
		t = b.String()
	} else if strings.HasPrefix(t, "*") && !strings.HasPrefix(t, "* ") {
		t = t[1:]
	} else if strings.HasSuffix(t, "*") {
		t = t[:len(t)-1]
	}
	return t
}

// stripLinks turns [text](url) into text and drops images ![alt](url).
func stripLinks(t string) string {
	for {
		i := strings.Index(t, "](")
		if i < 0 {
			return t
		}
		open := strings.LastIndex(t[:i], "[")
		close := strings.Index(t[i:], ")")
		if open < 0 || close < 0 {
			return t
		}
		label := t[open+1 : i]
		start := open
		if open > 0 && t[open-1] == '!' {
			start, label = open-1, ""
		}
		t = t[:start] + label + t[i+close+1:]
	}
}

func unescapeMarkdown(t string) string {
	if !strings.Contains(t, `\`) {
		return t
	}
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if t[i] == '\\' && i+1 < len(t) && strings.IndexByte("\\`*_{}[]()#+-.!|<>~", t[i+1]) >= 0 {
			continue
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

// collapseSpaces trims s and collapses runs of spaces, without allocating
// when s is already clean.
func collapseSpaces(s string) string {
	clean := len(s) == 0 || s[0] != ' ' && s[len(s)-1] != ' '
	for i := 1; clean && i < len(s); i++ {
		if s[i] == ' ' && s[i-1] == ' ' {
			clean = false
		}
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// tableRow turns a Markdown table row "| Số hiệu | 159/NQ-CP |" into "Số hiệu
// | 159/NQ-CP"; a separator row "|---|---|" gives "".
func tableRow(t string) string {
	cells := strings.Split(strings.Trim(t, "| "), "|")
	out := cells[:0]
	sep := true
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if strings.Trim(c, "-: ") != "" {
			sep = false
		}
		out = append(out, c)
	}
	if sep {
		return ""
	}
	return strings.Join(out, " | ")
}

// frontMatter takes the YAML front matter ("---" … "---" at the top of a
// Markdown file) off s and returns its top-level "key: value" pairs. Lists
// and nested maps are skipped: the document's metadata are scalars.
func frontMatter(s string) (map[string]string, string) {
	if !strings.HasPrefix(s, "---\n") {
		return nil, s
	}
	end := strings.Index(s[4:], "\n---")
	if end < 0 || end > 8000 {
		return nil, s
	}
	block := s[4 : 4+end]
	rest := s[4+end+4:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[i+1:]
	} else {
		rest = ""
	}
	meta := map[string]string{}
	for _, l := range strings.Split(block, "\n") {
		if l == "" || l[0] == ' ' || l[0] == '-' || l[0] == '#' {
			continue
		}
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		if v != "" {
			meta[strings.TrimSpace(k)] = v
		}
	}
	return meta, rest
}
