package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Layout: from positioned glyphs (a PDF text layer) or words (OCR) to text in
// reading order. The page is cut into rows (one baseline), rows into segments
// (runs separated by a wide gap), and runs of rows that form two columns (the
// issuer / "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" header, the "Nơi nhận" /
// signature footer) are emitted left column first. Other lines are joined
// into paragraphs: one paragraph per output line.

// textPart is a run of text in one font (font is "" unless legacy).
type textPart struct {
	text, font string
}

type seg struct {
	x0, x1 float64
	parts  []textPart
}

type row struct {
	y    float64 // baseline, y grows upwards
	size float64
	segs []seg
}

func (r row) x0() float64 { return r.segs[0].x0 }
func (r row) x1() float64 { return r.segs[len(r.segs)-1].x1 }

// layoutParams tune the geometry tests to the source of the rows.
type layoutParams struct {
	colGap  float64 // a gap wider than colGap×size splits a row into segments
	lineGap float64 // rows further apart than lineGap×size start a new paragraph
}

var pdfLayout = layoutParams{colGap: 1.8, lineGap: 1.75}

func isSpaceText(s string) bool { return strings.TrimSpace(s) == "" }

// glyphRows groups glyphs by baseline and cuts each row at wide gaps.
func glyphRows(gl []glyph, p layoutParams) []row {
	idx := make([]int, 0, len(gl))
	for i := range gl {
		if gl[i].text == "" || gl[i].size <= 0 {
			continue
		}
		idx = append(idx, i)
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ga, gb := gl[idx[a]], gl[idx[b]]
		if ga.y != gb.y {
			return ga.y > gb.y
		}
		return ga.x < gb.x
	})
	var rows []row
	var cur []glyph
	var curY, curSize float64
	flush := func() {
		if len(cur) > 0 {
			if r, ok := buildRow(cur, curY, p); ok {
				rows = append(rows, r)
			}
		}
		cur = cur[:0]
	}
	for _, i := range idx {
		g := gl[i]
		tol := 0.45 * max(curSize, g.size)
		if len(cur) > 0 && curY-g.y <= tol {
			cur = append(cur, g)
			if !isSpaceText(g.text) {
				curSize = max(curSize, g.size)
			}
			continue
		}
		flush()
		cur = append(cur, g)
		curY, curSize = g.y, g.size
	}
	flush()
	return rows
}

func buildRow(gs []glyph, y float64, p layoutParams) (row, bool) {
	sort.SliceStable(gs, func(a, b int) bool { return gs[a].x < gs[b].x })
	r := row{y: y}
	var sizes []float64
	for _, g := range gs {
		if !isSpaceText(g.text) {
			sizes = append(sizes, g.size)
		}
	}
	if len(sizes) == 0 {
		return r, false
	}
	sort.Float64s(sizes)
	r.size = sizes[len(sizes)/2]
	// Producers that write space glyphs (Word, LibreOffice) mark every word
	// break; their other gaps are kerning or run changes ("Quản" "g"), so a
	// gap alone must be wider to count as a space there.
	spaceGap := 0.2
	if len(sizes) < len(gs) {
		spaceGap = 0.45
	}
	var s *seg
	var b strings.Builder
	font := ""
	end := 0.0
	pendingSpace := false
	var last glyph
	flushPart := func() {
		if b.Len() > 0 {
			s.parts = append(s.parts, textPart{b.String(), font})
			b.Reset()
		}
	}
	write := func(t, f string) {
		if f != font {
			flushPart()
			font = f
		}
		b.WriteString(t)
	}
	for _, g := range gs {
		if isSpaceText(g.text) {
			// A space glyph marks a word break but does not move the end
			// of the text: column gaps are measured between visible glyphs.
			pendingSpace = s != nil
			continue
		}
		// A glyph printed twice at the same place (fake bold) counts once.
		if s != nil && g.text == last.text && abs(g.x-last.x) < 0.15*g.size && abs(g.y-last.y) < 0.15*g.size {
			continue
		}
		gap := g.x - end
		if s == nil || gap > p.colGap*r.size {
			if s != nil {
				flushPart()
				r.segs = append(r.segs, *s)
			}
			s = &seg{x0: g.x}
			font = g.font
			pendingSpace = false
		} else if pendingSpace || gap > spaceGap*r.size {
			write(" ", font)
		}
		pendingSpace = false
		write(g.text, g.font)
		if e := g.x + g.w; e > end || s.x1 == 0 {
			end = max(end, e)
		}
		s.x1 = max(s.x1, g.x+g.w)
		last = g
	}
	if s != nil {
		flushPart()
		r.segs = append(r.segs, *s)
	}
	return r, len(r.segs) > 0
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func segText(s seg) string {
	var b strings.Builder
	for _, p := range s.parts {
		b.WriteString(p.text)
	}
	return b.String()
}

func rowText(r row) string {
	var t []string
	for _, s := range r.segs {
		t = append(t, segText(s))
	}
	return strings.Join(t, " ")
}

// pageNumberRe matches a line that is only a page number: "3", "- 3 -", "Trang 3", "3/10".
var pageNumberRe = regexp.MustCompile(`^(?i:trang\s*)?[-–—(\s]*\d{1,4}(\s*/\s*\d{1,4})?[-–—)\s]*$`)

// listMarkerRe matches the start of a line that opens a new paragraph even
// when the line before reaches the right margin. Dashes are not in it: "– Xã
// hội" continues a line as often as "- " opens an item, and items are indented.
var listMarkerRe = regexp.MustCompile(`^([•+*]\s|\d{1,3}(\.\d{1,3})*[.)]\s|[a-zđ][).]\s|[IVXLC]{1,6}[.)]\s|(Điều|Chương|Mục|Phần|Khoản)\s+\d)`)

type outLine struct {
	parts []textPart
}

// layoutRows turns the rows of one page into output lines.
func layoutRows(rows []row, p layoutParams) []outLine {
	// Lone page numbers at the top or bottom.
	if len(rows) >= 2 && len(rows[0].segs) == 1 && pageNumberRe.MatchString(strings.TrimSpace(rowText(rows[0]))) {
		rows = rows[1:]
	}
	if n := len(rows); n >= 2 && len(rows[n-1].segs) == 1 && pageNumberRe.MatchString(strings.TrimSpace(rowText(rows[n-1]))) {
		rows = rows[:n-1]
	}
	if len(rows) == 0 {
		return nil
	}
	// Two-column blocks. A block starts at a row split by a wide gap; the gap
	// [gapL, gapR] between the columns then narrows as rows above and below
	// join, each row lying wholly on one side or split across the gap.
	inBlock := make([]int, len(rows)) // 0: none, else block id
	type gap struct{ l, r float64 }
	var gaps []gap // by id-1
	// fit returns the gap narrowed by row r, or ok=false if r crosses it.
	fit := func(r row, g gap) (gap, bool) {
		for _, s := range r.segs {
			left := s.x1 <= g.r
			right := s.x0 >= g.l
			if left && right { // inside the gap: the nearer column
				left = (s.x0+s.x1)/2 < (g.l+g.r)/2
				right = !left
			}
			switch {
			case left:
				g.l = max(g.l, s.x1)
			case right:
				g.r = min(g.r, s.x0)
			default:
				return g, false
			}
		}
		return g, g.l < g.r
	}
	for i := range rows {
		if inBlock[i] != 0 || len(rows[i].segs) < 2 {
			continue
		}
		// The widest gap of the row separates the columns.
		var g gap
		for k := 1; k < len(rows[i].segs); k++ {
			if w := rows[i].segs[k].x0 - rows[i].segs[k-1].x1; w > g.r-g.l {
				g = gap{rows[i].segs[k-1].x1, rows[i].segs[k].x0}
			}
		}
		g, ok := fit(rows[i], g)
		if !ok {
			continue
		}
		gaps = append(gaps, g)
		id := len(gaps)
		inBlock[i] = id
		for j := i - 1; j >= 0 && inBlock[j] == 0; j-- {
			ng, ok := fit(rows[j], gaps[id-1])
			if !ok {
				break
			}
			// A short row right under a full-width one is the last line of
			// a paragraph, not the top of the column block.
			if k := j - 1; k >= 0 && inBlock[k] == 0 && rows[k].y-rows[j].y <= p.lineGap*max(rows[k].size, rows[j].size) {
				if _, ok := fit(rows[k], ng); !ok {
					break
				}
			}
			gaps[id-1], inBlock[j] = ng, id
		}
		for j := i + 1; j < len(rows) && inBlock[j] == 0; j++ {
			ng, ok := fit(rows[j], gaps[id-1])
			if !ok {
				break
			}
			gaps[id-1], inBlock[j] = ng, id
		}
	}
	// Body margins from rows outside blocks.
	left, right := 0.0, 0.0
	first := true
	for i, r := range rows {
		if inBlock[i] != 0 {
			continue
		}
		if first || r.x0() < left {
			left = r.x0()
		}
		if first || r.x1() > right {
			right = r.x1()
		}
		first = false
	}
	width := right - left

	var out []outLine
	var para *outLine
	var prev row
	endPara := func() {
		if para != nil {
			out = append(out, *para)
			para = nil
		}
	}
	for i := 0; i < len(rows); {
		if id := inBlock[i]; id != 0 {
			endPara()
			g := gaps[id-1]
			mid := (g.l + g.r) / 2
			j := i
			for j < len(rows) && inBlock[j] == id {
				j++
			}
			var lefts, rights []outLine
			for _, r := range rows[i:j] {
				var l, rt []textPart
				for _, s := range r.segs {
					if (s.x0+s.x1)/2 < mid {
						l = appendParts(l, s.parts)
					} else {
						rt = appendParts(rt, s.parts)
					}
				}
				if len(l) > 0 {
					lefts = append(lefts, outLine{l})
				}
				if len(rt) > 0 {
					rights = append(rights, outLine{rt})
				}
			}
			out = append(out, lefts...)
			out = append(out, rights...)
			i = j
			continue
		}
		r := rows[i]
		var parts []textPart
		for _, s := range r.segs {
			parts = appendParts(parts, s.parts)
		}
		text := strings.TrimSpace(partsText(parts))
		near := para != nil &&
			prev.y-r.y > 0 && prev.y-r.y <= p.lineGap*max(prev.size, r.size) &&
			abs(prev.size-r.size) <= 0.2*max(prev.size, r.size) &&
			!listMarkerRe.MatchString(text)
		// A wrapped line reaches the right margin and the next starts at the
		// left one; a wrapped centred title ("Về việc …") is wide and both
		// its lines are centred.
		centre := (left + right) / 2
		centred := func(r row) bool {
			return abs((r.x0()+r.x1())/2-centre) <= 0.5*r.size && r.x0() > left+0.2*r.size && r.x1() < right-0.2*r.size
		}
		join := near && (prev.x1() >= right-0.12*width && r.x0() <= left+1.0*r.size ||
			centred(prev) && centred(r) && prev.x1()-prev.x0() >= 0.6*width)
		if join {
			last := partsText(para.parts)
			sep := " "
			if strings.HasSuffix(last, "-") && !strings.HasSuffix(last, " -") {
				sep = "" // "05/2024/TT-" + "BNV": breaks inside symbols, never hyphenation
			}
			para.parts = appendParts(para.parts, append([]textPart{{sep, ""}}, parts...))
		} else {
			endPara()
			para = &outLine{parts: parts}
		}
		prev = r
		i++
	}
	endPara()
	return out
}

// appendParts appends b to a, merging runs of the same font; a space is
// inserted between segments.
func appendParts(a, b []textPart) []textPart {
	if len(a) > 0 && len(b) > 0 && b[0].text != " " && b[0].text != "" {
		a = append(a, textPart{" ", ""})
	}
	for _, p := range b {
		if p.text == "" {
			continue
		}
		if n := len(a); n > 0 && a[n-1].font == p.font {
			a[n-1].text += p.text
			continue
		}
		a = append(a, p)
	}
	return a
}

func partsText(ps []textPart) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.text)
	}
	return b.String()
}

// pageWriter assembles Result.Text and its legacy-font spans (rune offsets).
type pageWriter struct {
	b     strings.Builder
	runes int
	spans []FontSpan
}

func (w *pageWriter) write(s, font string) {
	if s == "" {
		return
	}
	if font == "" {
		s = norm.NFC.String(s) // NFC at every boundary; legacy runs stay byte for byte
	}
	n := len([]rune(s))
	if font != "" {
		if k := len(w.spans); k > 0 && w.spans[k-1].Font == font && w.onlySpaceSince(w.spans[k-1].End) {
			w.spans[k-1].End = w.runes + n
		} else {
			w.spans = append(w.spans, FontSpan{Start: w.runes, End: w.runes + n, Font: font})
		}
	}
	w.b.WriteString(s)
	w.runes += n
}

// onlySpaceSince reports whether only spaces and line breaks were written
// since rune offset off (so that one legacy span covers a whole paragraph).
func (w *pageWriter) onlySpaceSince(off int) bool {
	s := w.b.String()
	rs := []rune(s[max(0, len(s)-4*(w.runes-off)-4):])
	k := w.runes - off
	if k > len(rs) {
		return false
	}
	for _, r := range rs[len(rs)-k:] {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

func (w *pageWriter) lines(ls []outLine) {
	for i, l := range ls {
		if i > 0 {
			w.write("\n", "")
		}
		// Trim the paragraph's outer spaces without breaking the runs.
		parts := append([]textPart(nil), l.parts...)
		for len(parts) > 0 && strings.TrimSpace(parts[0].text) == "" {
			parts = parts[1:]
		}
		for len(parts) > 0 && strings.TrimSpace(parts[len(parts)-1].text) == "" {
			parts = parts[:len(parts)-1]
		}
		if len(parts) > 0 {
			parts[0].text = strings.TrimLeft(parts[0].text, " ")
			parts[len(parts)-1].text = strings.TrimRight(parts[len(parts)-1].text, " ")
		}
		for _, p := range parts {
			w.write(p.text, p.font)
		}
	}
}
