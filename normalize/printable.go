package normalize

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Printable is s safe to print on a terminal or into a report read by a
// person: every character that would act instead of show is written as a
// visible escape — the C0 controls (ESC as \x1b, \n, \r, \t as themselves
// escaped), DEL, the C1 controls (\u009b, which some terminals take for
// CSI), the bidirectional overrides, embeddings, isolates and marks
// (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C: \u202e), the line
// and paragraph separators (U+2028, U+2029) — and each byte of invalid UTF-8
// as \xNN. Every other character, Vietnamese letters with their marks
// included, is left as it is; a string with nothing to escape is returned
// unchanged, without copying.
func Printable(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unprintable(r, n) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case !unprintable(r, n):
			b.WriteString(s[i : i+n])
		case r == utf8.RuneError:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += n
	}
	return b.String()
}

// unprintable reports whether the rune r, n bytes long in its string (1 for
// an invalid byte, read as utf8.RuneError), must be escaped by Printable.
func unprintable(r rune, n int) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == utf8.RuneError:
		return n == 1
	}
	return isBidiOrSeparator(r)
}

func isBidiOrSeparator(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 ||
		r == 0x200e || r == 0x200f || r == 0x061c || r == 0x2028 || r == 0x2029
}

// EscapeJSON rewrites, in JSON text (the output of encoding/json), every C1
// control, DEL, bidirectional control and line or paragraph separator left
// raw as its \uXXXX escape (encoding/json escapes the C0 controls itself but
// passes these through), so that the JSON of a report or of --json shows
// the same on a terminal as it decodes: the decoded values are unchanged.
// Such characters can only stand inside JSON strings, where the escape is
// valid. b is returned as it is when there is nothing to escape.
func EscapeJSON(b []byte) []byte {
	i := 0
	for i < len(b) {
		if b[i] < utf8.RuneSelf {
			if b[i] == 0x7f {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r >= 0x80 && r <= 0x9f || isBidiOrSeparator(r) {
			break
		}
		i += n
	}
	if i == len(b) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	out = append(out, b[:i]...)
	for i < len(b) {
		if b[i] < utf8.RuneSelf {
			if b[i] == 0x7f {
				out = append(out, `\u007f`...)
			} else {
				out = append(out, b[i])
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r >= 0x80 && r <= 0x9f || isBidiOrSeparator(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}
