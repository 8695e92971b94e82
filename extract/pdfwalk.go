package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strings"

	"github.com/ledongthuc/pdf"
)

// The positioned-text walker. ledongthuc/pdf's own text APIs lose positions
// (GetPlainText), read positions only from Tm (GetTextByRow), give CID fonts
// zero width (Content) and skip Form XObjects, so we interpret the content
// stream ourselves on the library's public API (pdf.Interpret, Value) and
// keep the text state of ISO 32000-1 §9.3–9.4: every glyph comes out with its
// baseline origin, advance and size in page space.

// glyph is one decoded character code at its place on the page.
type glyph struct {
	x, y float64 // origin on the baseline, page space (y grows upwards)
	w    float64 // advance width, page space
	size float64 // effective font size, page space
	text string
	font string // the font name when it implies a legacy 8-bit encoding, else ""
}

// Bounds that keep hostile or looping files finite.
const (
	maxXObjectDepth = 12
	maxPageTreeDeep = 64
	maxPageNodes    = 200000
	maxOpsPerPage   = 4_000_000
	maxGlyphsPage   = 400_000
	maxStreamBytes  = 32 << 20 // a CMap or font program we read ourselves
)

var errOpBudget = errors.New("content stream too long (operator budget exhausted)")

type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m×n (m applied first), the PDF convention for row vectors.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2],
		m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2],
		m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4],
		m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

type gstate struct {
	ctm                      matrix
	font                     *pdfFont
	fs, tc, tw, th, tl, rise float64
}

// pdfFont is what the walker needs from a font dictionary.
type pdfFont struct {
	name      string
	legacy    bool // .VnTime, VNI-Times: pass bytes through for normalize
	subset    bool // ABCDEF+Name: codes may be renumbered
	cid       bool // Type0: codes of 1–4 bytes per the encoding CMap, default 2
	encCMap   *cmap
	toUnicode *cmap
	lib       *pdf.Font // fallback decoding of simple fonts (WinAnsi, Differences)
	ucs2      bool      // Type0 with a UCS-2 encoding CMap
	first     int
	widths    []float64
	missing   float64
	dw        float64
	cidW      []cidWidth
	scale     float64 // glyph space → text space (1/1000, or a Type3 FontMatrix)
}

type cidWidth struct {
	lo, hi uint32
	w      float64
}

func (f *pdfFont) width(code uint32) float64 {
	if f.cid {
		for _, r := range f.cidW {
			if code >= r.lo && code <= r.hi {
				return r.w
			}
		}
		return f.dw
	}
	i := int(code) - f.first
	if i >= 0 && i < len(f.widths) && f.widths[i] > 0 {
		return f.widths[i]
	}
	return f.missing
}

// decode returns the text of one code (b holds its bytes).
func (f *pdfFont) decode(code uint32, b []byte) string {
	if f.legacy {
		// Byte for byte (U+0000–U+00FF): normalize maps TCVN3/VNI. A subset
		// or CID font renumbers its codes; its ToUnicode then gives the
		// original byte as Latin-1, or as the character Word put for it.
		if (f.subset || f.cid) && f.toUnicode != nil {
			if s, ok := f.toUnicode.lookup(code, len(b)); ok {
				if r := []rune(s); len(r) == 1 {
					if r[0] < 0x100 {
						return s
					}
					if c, ok := legacyByte[r[0]]; ok {
						return string(rune(c))
					}
				}
			}
		}
		if !f.cid && len(b) == 1 {
			return string(rune(b[0]))
		}
	}
	if f.toUnicode != nil {
		if s, ok := f.toUnicode.lookup(code, len(b)); ok {
			return s
		}
	}
	if f.cid {
		if f.ucs2 {
			return cleanRune(rune(code))
		}
		return "\uFFFD"
	}
	if f.lib != nil {
		s := safeDecode(f.lib, b)
		if s != "" {
			return s
		}
	}
	return string(rune(b[0]))
}

func safeDecode(f *pdf.Font, b []byte) (s string) {
	defer func() {
		if recover() != nil {
			s = ""
		}
	}()
	return validUTF8(f.Encoder().Decode(string(b)))
}

// nextCode splits the first code off a shown string.
func (f *pdfFont) nextCode(s []byte) (uint32, int) {
	n := 1
	if f.cid {
		n = 2
		if f.encCMap != nil {
			if k := f.encCMap.codeLen(s); k > 0 {
				n = k
			}
		}
	}
	if n > len(s) {
		n = len(s)
	}
	c, _, _ := codeOf(s[:n])
	return c, n
}

// isLegacyFontName reports fonts of the Vietnamese 8-bit encodings: TCVN3
// (".VnTime", ".VnArialH") and VNI ("VNI-Times").
func isLegacyFontName(base string) bool {
	if i := strings.IndexByte(base, '+'); i == 6 {
		base = base[7:] // subset prefix ABCDEF+
	}
	l := strings.ToLower(base)
	return strings.HasPrefix(l, ".vn") || strings.HasPrefix(l, "vni-") || strings.HasPrefix(l, "vni ") ||
		strings.HasPrefix(l, "vntime") || strings.HasPrefix(l, "vnarial")
}

func readStream(v pdf.Value, limit int64) ([]byte, error) {
	rc := v.Reader()
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return b, err
	}
	if int64(len(b)) > limit {
		return b[:limit], fmt.Errorf("stream over %d bytes", limit)
	}
	return b, nil
}

func loadFont(v pdf.Value) (f *pdfFont, warn string) {
	f = &pdfFont{scale: 0.001, missing: 500, dw: 1000}
	defer func() {
		if x := recover(); x != nil {
			warn = fmt.Sprintf("cannot read font %s: %v", f.name, x)
		}
	}()
	f.name = v.Key("BaseFont").Name()
	f.legacy = isLegacyFontName(f.name)
	f.subset = strings.IndexByte(f.name, '+') == 6
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		data, err := readStream(tu, maxStreamBytes)
		if err == nil || len(data) > 0 {
			if m, err := parseCMap(data); err == nil {
				f.toUnicode = m
			}
		}
	}
	switch v.Key("Subtype").Name() {
	case "Type0":
		f.cid = true
		enc := v.Key("Encoding")
		switch enc.Kind() {
		case pdf.Stream:
			if data, err := readStream(enc, maxStreamBytes); err == nil {
				if m, err := parseCMap(data); err == nil && len(m.space) > 0 {
					f.encCMap = m
				}
			}
		case pdf.Name:
			f.ucs2 = strings.Contains(enc.Name(), "UCS2") || strings.Contains(enc.Name(), "UTF16")
		}
		desc := v.Key("DescendantFonts").Index(0)
		if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.dw = dw.Float64()
		}
		f.cidW = parseCIDWidths(desc.Key("W"))
	default:
		if v.Key("Subtype").Name() == "Type3" {
			if fm := v.Key("FontMatrix"); fm.Len() == 6 && fm.Index(0).Float64() != 0 {
				f.scale = fm.Index(0).Float64()
			}
		}
		f.first = int(v.Key("FirstChar").Int64())
		ws := v.Key("Widths")
		for i := 0; i < ws.Len() && i < 256; i++ {
			f.widths = append(f.widths, ws.Index(i).Float64())
		}
		if mw := v.Key("FontDescriptor").Key("MissingWidth"); mw.Float64() > 0 {
			f.missing = mw.Float64()
		} else if f.scale != 0.001 {
			f.missing = 0.5 / f.scale
		}
		f.lib = &pdf.Font{V: v}
	}
	return f, ""
}

// parseCIDWidths reads a CID font's /W array: "c [w1 w2 …]" and "c1 c2 w".
func parseCIDWidths(w pdf.Value) []cidWidth {
	var out []cidWidth
	n := w.Len()
	for i := 0; i < n && len(out) < 1<<16; {
		c := w.Index(i)
		if c.Kind() != pdf.Integer {
			i++
			continue
		}
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			lo := uint32(c.Int64())
			for j := 0; j < next.Len() && len(out) < 1<<16; j++ {
				out = append(out, cidWidth{lo + uint32(j), lo + uint32(j), next.Index(j).Float64()})
			}
			i += 2
			continue
		}
		if i+2 < n {
			out = append(out, cidWidth{uint32(c.Int64()), uint32(next.Int64()), w.Index(i + 2).Float64()})
		}
		i += 3
	}
	return out
}

// objID returns the object number of an indirect Value, read by reflection
// from the library's unexported field: the public API gives no identity, and
// without it a page tree or XObject that contains itself cannot be told from
// a deep one. When the field is not there (another library version), 0 is
// returned and the depth bounds alone stop loops.
func objID(v pdf.Value) uint64 {
	rv := reflect.ValueOf(v)
	p := rv.FieldByName("ptr")
	if !p.IsValid() || p.Kind() != reflect.Struct || p.NumField() < 2 {
		return 0
	}
	id, gen := p.Field(0), p.Field(1)
	if !id.CanUint() || !gen.CanUint() {
		return 0
	}
	return id.Uint()<<16 | gen.Uint()
}

// walker interprets the content of one page.
type walker struct {
	ctx      context.Context
	glyphs   []glyph
	ops      int
	warnings []string
	deepQ    bool            // the q nesting warning was given
	xstack   map[uint64]bool // Form XObjects being interpreted (loop guard)
	imgArea  float64         // largest image area drawn, page space
	imgDPI   float64         // resolution of that image
	imgPlain bool            // that image can be OCRed as stored (see plainScan)
	images   int             // images drawn
	imgTotal float64         // area of all images drawn, page space
	inline   bool            // an inline image (BI … EI) was met: its size is unknown
	fonts    map[uint64]*pdfFont
}

type scope struct {
	res   pdf.Value
	fonts map[string]*pdfFont
}

func (w *walker) font(sc *scope, name string) *pdfFont {
	if f, ok := sc.fonts[name]; ok {
		return f
	}
	v := sc.res.Key("Font").Key(name)
	id := objID(v)
	if f, ok := w.fonts[id]; ok && id != 0 {
		sc.fonts[name] = f
		return f
	}
	f, warn := loadFont(v)
	if warn != "" {
		w.warnings = append(w.warnings, warn)
	}
	sc.fonts[name] = f
	if id != 0 {
		w.fonts[id] = f
	}
	return f
}

// run interprets a content stream (or array of streams) with resources res
// from graphics state gs. Panics from the library end this stream only.
func (w *walker) run(content, res pdf.Value, gs gstate, depth int) (err error) {
	defer func() {
		if x := recover(); x != nil {
			if e, ok := x.(error); ok && (errors.Is(e, errOpBudget) || errors.Is(e, context.DeadlineExceeded) || errors.Is(e, context.Canceled)) {
				err = e
				return
			}
			err = fmt.Errorf("cannot interpret content stream: %v", x)
		}
	}()
	sc := &scope{res: res, fonts: map[string]*pdfFont{}}
	var stack []gstate
	var tm, tlm matrix
	pop := func(stk *pdf.Stack, n int) []pdf.Value {
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		for stk.Len() > 0 { // operands of operators we do not use
			stk.Pop()
		}
		return args
	}
	num := func(v pdf.Value) float64 {
		f := v.Float64()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return 0
		}
		return f
	}
	mat := func(a []pdf.Value) matrix {
		return matrix{num(a[0]), num(a[1]), num(a[2]), num(a[3]), num(a[4]), num(a[5])}
	}
	td := func(tx, ty float64) {
		tlm = matrix{1, 0, 0, 1, tx, ty}.mul(tlm)
		tm = tlm
	}
	pdf.Interpret(content, func(stk *pdf.Stack, op string) {
		w.ops++
		if w.ops > maxOpsPerPage {
			panic(errOpBudget)
		}
		if w.ops&1023 == 0 {
			if err := w.ctx.Err(); err != nil {
				panic(err)
			}
		}
		switch op {
		case "BI", "ID", "EI":
			w.inline = true
			pop(stk, 0)
		case "q":
			pop(stk, 0)
			if len(stack) < 256 {
				stack = append(stack, gs)
			} else if !w.deepQ {
				// PDF 32000-1 Annex C: viewers allow 28 levels; beyond 256
				// the states are not kept.
				w.deepQ = true
				w.warnings = append(w.warnings, "graphics states (q) nested deeper than 256: the deeper ones not kept")
			}
		case "Q":
			pop(stk, 0)
			if n := len(stack); n > 0 {
				gs = stack[n-1]
				stack = stack[:n-1]
			}
		case "cm":
			gs.ctm = mat(pop(stk, 6)).mul(gs.ctm)
		case "BT":
			pop(stk, 0)
			tm, tlm = identity, identity
		case "Tf":
			a := pop(stk, 2)
			gs.font = w.font(sc, a[0].Name())
			gs.fs = num(a[1])
		case "Tc":
			gs.tc = num(pop(stk, 1)[0])
		case "Tw":
			gs.tw = num(pop(stk, 1)[0])
		case "Tz":
			gs.th = num(pop(stk, 1)[0]) / 100
		case "TL":
			gs.tl = num(pop(stk, 1)[0])
		case "Ts":
			gs.rise = num(pop(stk, 1)[0])
		case "Td":
			a := pop(stk, 2)
			td(num(a[0]), num(a[1]))
		case "TD":
			a := pop(stk, 2)
			gs.tl = -num(a[1])
			td(num(a[0]), num(a[1]))
		case "Tm":
			tm = mat(pop(stk, 6))
			tlm = tm
		case "T*":
			pop(stk, 0)
			td(0, -gs.tl)
		case "Tj":
			w.show(&gs, &tm, pop(stk, 1)[0].RawString())
		case "'":
			s := pop(stk, 1)[0].RawString()
			td(0, -gs.tl)
			w.show(&gs, &tm, s)
		case "\"":
			a := pop(stk, 3)
			gs.tw, gs.tc = num(a[0]), num(a[1])
			td(0, -gs.tl)
			w.show(&gs, &tm, a[2].RawString())
		case "TJ":
			arr := pop(stk, 1)[0]
			for i := 0; i < arr.Len(); i++ {
				e := arr.Index(i)
				switch e.Kind() {
				case pdf.String:
					w.show(&gs, &tm, e.RawString())
				case pdf.Integer, pdf.Real:
					tx := -num(e) / 1000 * gs.fs * gs.th
					tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
				}
			}
		case "Do":
			w.do(sc, pop(stk, 1)[0].Name(), gs, depth)
		default:
			pop(stk, 0)
		}
	})
	return nil
}

func (w *walker) do(sc *scope, name string, gs gstate, depth int) {
	x := sc.res.Key("XObject").Key(name)
	switch x.Key("Subtype").Name() {
	case "Image":
		// The unit square mapped by the CTM: how much of the page the image covers.
		a := math.Abs(gs.ctm[0]*gs.ctm[3] - gs.ctm[1]*gs.ctm[2])
		w.images++
		w.imgTotal += a
		if a > w.imgArea {
			w.imgArea = a
			if wpt := math.Hypot(gs.ctm[0], gs.ctm[1]); wpt > 0 {
				w.imgDPI = x.Key("Width").Float64() * 72 / wpt
			}
			w.imgPlain = plainScan(x, gs.ctm)
		}
	case "Form":
		id := objID(x)
		if depth >= maxXObjectDepth || (id != 0 && w.xstack[id]) {
			w.warnings = append(w.warnings, fmt.Sprintf("form XObject %s: loop or nesting deeper than %d skipped", name, maxXObjectDepth))
			return
		}
		if id != 0 {
			w.xstack[id] = true
			defer delete(w.xstack, id)
		}
		if m := x.Key("Matrix"); m.Len() == 6 {
			var mm matrix
			for i := range mm {
				mm[i] = m.Index(i).Float64()
			}
			gs.ctm = mm.mul(gs.ctm)
		}
		res := x.Key("Resources")
		if res.IsNull() {
			res = sc.res
		}
		if err := w.run(x, res, gs, depth+1); err != nil {
			if errors.Is(err, errOpBudget) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
				panic(err)
			}
			w.warnings = append(w.warnings, fmt.Sprintf("form XObject %s: %v", name, err))
		}
	}
}

// show emits the glyphs of one shown string and advances the text matrix.
func (w *walker) show(gs *gstate, tm *matrix, s string) {
	f := gs.font
	if f == nil {
		return
	}
	b := []byte(s)
	for len(b) > 0 {
		code, n := f.nextCode(b)
		cb := b[:n]
		b = b[n:]
		w0 := f.width(code) * f.scale
		m := tm.mul(gs.ctm)
		trm := matrix{gs.fs * gs.th, 0, 0, gs.fs, 0, gs.rise}.mul(m)
		tx := (w0*gs.fs + gs.tc) * gs.th
		if n == 1 && code == 32 {
			tx += gs.tw * gs.th
		}
		if len(w.glyphs) < maxGlyphsPage {
			w.glyphs = append(w.glyphs, glyph{
				x: trm[4], y: trm[5],
				w:    w0 * gs.fs * gs.th * math.Hypot(m[0], m[1]),
				size: math.Hypot(trm[2], trm[3]),
				text: f.decode(code, cb),
				font: legacyName(f),
			})
		}
		*tm = matrix{1, 0, 0, 1, tx, 0}.mul(*tm)
	}
}

func legacyName(f *pdfFont) string {
	if f.legacy {
		name := f.name
		if i := strings.IndexByte(name, '+'); i == 6 {
			name = name[7:]
		}
		return name
	}
	return ""
}

// legacyByte maps back to their byte the characters that producers put in
// the ToUnicode of 8-bit fonts: WinAnsiEncoding's 0x80–0x9F, and Word's
// minus for the soft hyphen (TCVN3 "ư") and bullet operator for the middle
// dot (TCVN3 "ã").
var legacyByte = map[rune]byte{
	0x2212: 0xAD, 0x2219: 0xB7,
	0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
	0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
	0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
	0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
}

// plainScan reports whether an image XObject drawn with ctm can be handed to
// OCR as stored in the file (pdfimages), without rendering the page: drawn
// upright and unrotated, grey or RGB, 1 or 8 bits, no mask, no /Decode
// inversion.
func plainScan(x pdf.Value, ctm matrix) bool {
	if ctm[1] != 0 || ctm[2] != 0 || ctm[0] <= 0 || ctm[3] <= 0 {
		return false
	}
	if x.Key("ImageMask").Bool() || !x.Key("SMask").IsNull() || !x.Key("Mask").IsNull() || !x.Key("Decode").IsNull() {
		return false
	}
	switch bpc := x.Key("BitsPerComponent").Int64(); bpc {
	case 1, 8:
	default:
		return false
	}
	cs := x.Key("ColorSpace")
	switch cs.Kind() {
	case pdf.Name:
		switch cs.Name() {
		case "DeviceGray", "DeviceRGB", "CalGray", "CalRGB":
			return true
		}
	case pdf.Array:
		if cs.Index(0).Name() == "ICCBased" {
			n := cs.Index(1).Key("N").Int64()
			return n == 1 || n == 3
		}
	}
	return false
}
