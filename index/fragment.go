package index

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"vanban/normalize"
)

// Highlight marks of a terminal (ANSI: yellow background, then reset), as
// bleve's "ansi" style draws them.
const (
	ansiMarkOn  = "\x1b[43m"
	ansiMarkOff = "\x1b[0m"
)

// PlainFragment turns a highlighted fragment of the "html" style (text
// HTML-escaped, matches in <mark>…</mark>) into one line for a terminal or a
// log: whitespace collapsed, the text made printable (normalize.Printable:
// an escape sequence or bidi override in a document shows as \x1b or
// \u202e, it does not act), at most width runes of text (then "…"), and,
// when ansi is set, the matches marked with terminal colours — added after
// the text was escaped, so that only these marks reach the terminal raw.
func PlainFragment(frag string, width int, ansi bool) string {
	var b strings.Builder
	n := 0
	space := false
	inMark := false
	full := false
	emit := func(word string) {
		for _, r := range normalize.Printable(word) {
			if n >= width {
				full = true
				return
			}
			if space {
				b.WriteByte(' ')
				n++
				space = false
				if n >= width {
					full = true
					return
				}
			}
			b.WriteRune(r)
			n++
		}
	}
	write := func(text string) {
		words := strings.Fields(text)
		if len(words) == 0 {
			space = space || (text != "" && n > 0)
			return
		}
		if r, _ := utf8.DecodeRuneInString(text); unicode.IsSpace(r) && n > 0 {
			space = true
		}
		for i, w := range words {
			if i > 0 {
				space = true
			}
			if emit(w); full {
				return
			}
		}
		if r, _ := utf8.DecodeLastRuneInString(text); unicode.IsSpace(r) {
			space = true
		}
	}
	for frag != "" && !full {
		tag := "<mark>"
		if inMark {
			tag = "</mark>"
		}
		text, rest, found := strings.Cut(frag, tag)
		write(html.UnescapeString(text))
		if !found || full {
			break
		}
		frag = rest
		inMark = !inMark
		if inMark && space && n < width {
			b.WriteByte(' ')
			n++
			space = false
		}
		if ansi {
			if inMark {
				b.WriteString(ansiMarkOn)
			} else {
				b.WriteString(ansiMarkOff)
			}
		}
	}
	if ansi && inMark {
		b.WriteString(ansiMarkOff)
	}
	if full {
		b.WriteString("…")
	}
	return b.String()
}
