package normalize

// FontSpan names the font of a run of text (rune offsets).
type FontSpan struct {
	Start, End int
	Font       string
}

// DecodeLegacy converts text in a legacy Vietnamese encoding to Unicode.
// STUB: replaced by the encodings work (TCVN3, VNI, VISCII, Windows-1258).
func DecodeLegacy(text, encoding string, fonts []FontSpan) (string, string) {
	if encoding == "" {
		encoding = "unicode"
	}
	return text, encoding
}
