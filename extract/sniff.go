package extract

import (
	"archive/zip"
	"bytes"
	"unicode/utf8"
)

// Formats named by Sniff.
const (
	FormatText     = "text"
	FormatMarkdown = "markdown"
	FormatPDF      = "pdf"
	FormatDOCX     = "docx"
	FormatDOC      = "doc" // OLE2 compound file (Word 97–2003; also .xls/.ppt)
	FormatRTF      = "rtf"
	FormatHTML     = "html"
	FormatImage    = "image"
	FormatZip      = "zip" // a zip that is not a Word document (xlsx, odt, plain zip)
	FormatBinary   = "binary"
)

// Sniff names the format of data from its bytes alone (magic numbers, zip
// contents, the share of control bytes), never from a file name.
func Sniff(data []byte) string {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		return FormatPDF
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return sniffZip(data)
	case bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return FormatDOC
	case bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf"), []byte(`{\rtf`)):
		return FormatRTF
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")),
		bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}),
		bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")),
		bytes.HasPrefix(data, []byte("GIF8")), bytes.HasPrefix(data, []byte("BM")) && len(data) > 26 && looksBinary(data),
		bytes.HasPrefix(data, []byte("P5\n")), bytes.HasPrefix(data, []byte("P6\n")):
		return FormatImage
	}
	if isUTF16(data) {
		return FormatText
	}
	if looksBinary(data) {
		return FormatBinary
	}
	if looksHTML(head) {
		return FormatHTML
	}
	if looksMarkdown(data) {
		return FormatMarkdown
	}
	return FormatText
}

func sniffZip(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		// A truncated zip still starts with a local header: let the DOCX reader
		// report the damage if it names a Word part.
		if bytes.Contains(data, []byte("word/")) {
			return FormatDOCX
		}
		return FormatZip
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" || f.Name == "[Content_Types].xml" && hasWordPart(zr) {
			return FormatDOCX
		}
	}
	return FormatZip
}

func hasWordPart(zr *zip.Reader) bool {
	for _, f := range zr.File {
		if len(f.Name) > 5 && f.Name[:5] == "word/" {
			return true
		}
	}
	return false
}

func isUTF16(data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return true
	}
	// No BOM: ASCII-heavy UTF-16 has a zero in every other byte.
	n := len(data)
	if n > 512 {
		n = 512
	}
	if n < 8 {
		return false
	}
	even, odd := 0, 0
	for i := 0; i+1 < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	return (odd > half*6/10 && even < half/10) || (even > half*6/10 && odd < half/10)
}

// looksBinary reports whether data has the control bytes of a binary format:
// more than 1 % of NUL or C0 bytes other than tab, newline, carriage return,
// form feed and escape in the first 8 KiB.
func looksBinary(data []byte) bool {
	n := len(data)
	if n > 8192 {
		n = 8192
	}
	bad := 0
	for _, b := range data[:n] {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1b {
			bad++
		}
	}
	return bad*100 > n
}

func looksHTML(head []byte) bool {
	h := bytes.ToLower(bytes.TrimLeft(head, " \t\r\n\xef\xbb\xbf"))
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<?xml version=\"1.0\"?><html", "<meta "} {
		if bytes.HasPrefix(h, []byte(p)) {
			return true
		}
	}
	return bytes.Contains(h, []byte("<html")) && bytes.Contains(h, []byte("</")) && utf8.Valid(h[:min(len(h), 200)])
}

// looksMarkdown reports Markdown marks at line starts: ATX headings, emphasis
// wrapping a whole line, YAML front matter.
func looksMarkdown(data []byte) bool {
	n := len(data)
	if n > 16384 {
		n = 16384
	}
	if bytes.HasPrefix(data, []byte("---\n")) {
		return true
	}
	marks := 0
	for _, line := range bytes.Split(data[:n], []byte("\n")) {
		l := bytes.TrimSpace(line)
		if bytes.HasPrefix(l, []byte("# ")) || bytes.HasPrefix(l, []byte("## ")) || bytes.HasPrefix(l, []byte("### ")) ||
			bytes.HasPrefix(l, []byte("**")) && bytes.HasSuffix(l, []byte("**")) && len(l) > 4 {
			marks++
		}
	}
	return marks >= 2
}
