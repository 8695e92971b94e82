package extract

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// MaxLineRunes is the longest line a document is expected to hold: a
// paragraph of an administrative text is a few thousand characters; a
// line of more is a file without line breaks (its layout is lost) or
// not prose at all.
const MaxLineRunes = 100_000

// TextWarnings says what is odd in a decoded text that was still read:
// replacement characters (bytes or references that were not characters),
// control characters and bidirectional overrides (terminal escapes, a
// hidden reordering), and a line longer than MaxLineRunes. It is run on the
// Unicode text (after legacy decoding), so that 8-bit bytes of TCVN3 or VNI
// are not taken for C1 controls.
func TextWarnings(text string) []string {
	var fffd, ctl, bidi, line, longest int
	for _, r := range text {
		switch {
		case r == '\n' || r == PageBreak:
			longest = max(longest, line)
			line = 0
			continue
		case r == utf8.RuneError:
			fffd++
		case r == '\t' || r == '\r':
		case r < 0x20 || r >= 0x7f && r < 0xa0:
			ctl++
		case r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069:
			bidi++
		}
		line++
	}
	longest = max(longest, line)
	var w []string
	if fffd > 0 {
		w = append(w, fmt.Sprintf("%d replacement characters (U+FFFD): bytes or references that are not characters", fffd))
	}
	if ctl > 0 {
		w = append(w, fmt.Sprintf("%d control characters in the text (escape sequences?)", ctl))
	}
	if bidi > 0 {
		w = append(w, fmt.Sprintf("%d bidirectional overrides or isolates in the text (U+202A–U+202E, U+2066–U+2069)", bidi))
	}
	if longest > MaxLineRunes {
		w = append(w, fmt.Sprintf("a line of %d characters (over %d): no line breaks, the layout is unknown", longest, MaxLineRunes))
	}
	return w
}

// extFormats are the formats a file name's extension promises. An
// extension not listed promises nothing.
var extFormats = map[string][]string{
	".txt":   {FormatText, FormatMarkdown},
	".md":    {FormatMarkdown, FormatText},
	".pdf":   {FormatPDF},
	".docx":  {FormatDOCX},
	".doc":   {FormatDOC, FormatRTF}, // Word saved many .doc files as RTF
	".rtf":   {FormatRTF},
	".html":  {FormatHTML},
	".htm":   {FormatHTML},
	".xhtml": {FormatHTML},
	".png":   {FormatImage},
	".jpg":   {FormatImage},
	".jpeg":  {FormatImage},
	".tif":   {FormatImage},
	".tiff":  {FormatImage},
	".gif":   {FormatImage},
	".bmp":   {FormatImage},
}

// nameWarning is the warning for a file whose name promises another format
// than its content holds ("" when they agree or the name promises nothing).
// The content decides how the file is read; the name is only compared.
func nameWarning(path, format string) string {
	ext := strings.ToLower(filepath.Ext(path))
	want, ok := extFormats[ext]
	if !ok {
		return ""
	}
	for _, f := range want {
		if f == format {
			return ""
		}
	}
	return fmt.Sprintf("the name says %s but the content is %s: read as %s", ext, format, format)
}
