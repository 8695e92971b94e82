package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/nguyenthenguyen/docx"
)

func init() { Register(FormatDOCX, extractDOCX) }

// Limits against zip bombs (docs/extract-office.md). A real Word document's
// XML parts are a few MB; Deflate cannot exceed ~1032:1, but XML of a real
// document compresses about 5–20:1.
const (
	docxMaxPart    = 64 << 20  // uncompressed bytes of one part
	docxMaxTotal   = 200 << 20 // uncompressed bytes of all parts read
	docxMaxRatio   = 200       // uncompressed:compressed, for parts over docxRatioFloor
	docxRatioFloor = 1 << 20
	docxMaxEntries = 20000
)

// extractDOCX reads a WordprocessingML package with archive/zip and
// encoding/xml: nguyenthenguyen/docx opens it (after our bounded reads) but
// returns only raw document.xml (libraries.md §2), so numbering, styles,
// notes, headers and footers are read here.
func extractDOCX(ctx context.Context, data []byte, _ Options) (*Result, error) {
	pk, err := openDOCX(data)
	if err != nil {
		return nil, err
	}
	r, err := pk.read(ctx)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(r.Text) == "" {
		return nil, Errorf(KindEmpty, "docx", "the document holds no text")
	}
	return r, nil
}

type docxPackage struct {
	data  []byte
	zr    *zip.Reader
	files map[string]*zip.File
	total int64
	chunk [32 << 10]byte
	// warnings are what the package's relationships had wrong.
	warnings []string
}

func openDOCX(data []byte) (*docxPackage, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &Error{Op: "docx open", Kind: KindCorrupt, Err: fmt.Errorf("not a readable zip (truncated?): %w", err)}
	}
	if len(zr.File) > docxMaxEntries {
		return nil, Errorf(KindBomb, "docx open", "%d zip entries, over the limit of %d", len(zr.File), docxMaxEntries)
	}
	pk := &docxPackage{data: data, zr: zr, files: map[string]*zip.File{}}
	for _, f := range zr.File {
		pk.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	return pk, nil
}

// part reads one part with io.LimitReader, whatever its header claims, and
// checks the per-part, total and ratio limits. A missing part is nil, nil.
func (pk *docxPackage) part(name string) ([]byte, error) {
	f := pk.files[name]
	if f == nil {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, &Error{Op: "docx " + name, Kind: KindCorrupt, Err: err}
	}
	defer rc.Close()
	limit := int64(docxMaxPart)
	if rest := docxMaxTotal - pk.total; rest < limit {
		limit = rest
	}
	// archive/zip refuses to inflate past the size the central directory
	// declares (ErrFormat), so a declared size over the limits is refused
	// before a byte is inflated, and the buffer is allocated once.
	if declared := f.UncompressedSize64; declared > uint64(limit) {
		return nil, Errorf(KindBomb, "docx "+name, "part declares %d bytes, over the limit of %d", declared, limit)
	} else if declared > docxRatioFloor && declared > docxMaxRatio*max(f.CompressedSize64, 1) {
		return nil, Errorf(KindBomb, "docx "+name, "compression ratio over %d:1 (%d bytes declared from %d)", docxMaxRatio, declared, f.CompressedSize64)
	}
	// Read in chunks so that the ratio check stops a bomb after the first
	// MiB over the floor, not after the whole part limit.
	lr := io.LimitReader(rc, limit+1)
	b := make([]byte, 0, f.UncompressedSize64+512)
	chunk := pk.chunk[:]
	for {
		n, err := lr.Read(chunk)
		b = append(b, chunk[:n]...)
		if int64(len(b)) > limit {
			pk.total += int64(len(b))
			return nil, Errorf(KindBomb, "docx "+name, "part inflates past %d bytes (total read %d)", limit, pk.total)
		}
		if len(b) > docxRatioFloor && uint64(len(b)) > docxMaxRatio*max(f.CompressedSize64, 1) {
			return nil, Errorf(KindBomb, "docx "+name, "compression ratio over %d:1 (%d bytes from %d)", docxMaxRatio, len(b), f.CompressedSize64)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, &Error{Op: "docx " + name, Kind: KindCorrupt, Err: err}
		}
	}
	pk.total += int64(len(b))
	// WordprocessingML has no DTD (ECMA-376 Part 2 §8.1.4: none allowed;
	// Word refuses such a file): a DOCTYPE or an entity declaration in an
	// XML part is the billion-laughs bomb or an external entity.
	if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
		if bytes.Contains(b, []byte("<!DOCTYPE")) || bytes.Contains(b, []byte("<!ENTITY")) {
			return nil, Errorf(KindBomb, "docx "+name, "the part declares a DTD or entities (<!DOCTYPE, <!ENTITY: an XML bomb or external entity), which Word never writes")
		}
	}
	return b, nil
}

// rels reads the relationships of a part: id → target path and type → targets.
type docxRels struct {
	byID   map[string]string
	byType map[string][]string
}

func (pk *docxPackage) rels(partName string) (docxRels, error) {
	dir, file := path.Split(partName)
	rp := path.Join(dir, "_rels", file+".rels")
	out := docxRels{byID: map[string]string{}, byType: map[string][]string{}}
	b, err := pk.part(rp)
	if err != nil || b == nil {
		return out, err
	}
	var x struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(b, &x); err != nil {
		return out, &Error{Op: "docx " + rp, Kind: KindCorrupt, Err: err}
	}
	for _, r := range x.Rel {
		if r.Mode == "External" {
			continue
		}
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = path.Clean(strings.TrimPrefix(t, "/"))
		} else {
			t = path.Join(dir, t)
		}
		switch {
		case t == ".." || strings.HasPrefix(t, "../") || strings.HasPrefix(t, "/"):
			pk.warnings = append(pk.warnings, fmt.Sprintf("docx: relationship %s of %s points outside the package (%s): ignored", r.ID, rp, r.Target))
			continue
		case t == partName || strings.HasSuffix(t, ".rels"):
			pk.warnings = append(pk.warnings, fmt.Sprintf("docx: relationship %s of %s points at %s itself or at relationships: ignored", r.ID, rp, r.Target))
			continue
		}
		out.byID[r.ID] = t
		typ := r.Type[strings.LastIndex(r.Type, "/")+1:]
		out.byType[typ] = append(out.byType[typ], t)
	}
	return out, nil
}

func (pk *docxPackage) read(ctx context.Context) (*Result, error) {
	root, err := pk.rels("")
	if err != nil {
		return nil, err
	}
	main := "word/document.xml"
	if t := root.byType["officeDocument"]; len(t) > 0 {
		main = t[0]
	}
	mainXML, err := pk.part(main)
	if err != nil {
		return nil, err
	}
	if mainXML == nil {
		return nil, Errorf(KindCorrupt, "docx", "no main document part %s", main)
	}
	rels, err := pk.rels(main)
	if err != nil {
		return nil, err
	}
	first := func(typ, def string) string {
		if t := rels.byType[typ]; len(t) > 0 {
			return t[0]
		}
		return def
	}
	w := &docxWriter{ctx: ctx}
	stylesXML, err := pk.part(first("styles", "word/styles.xml"))
	if err != nil {
		return nil, err
	}
	numXML, err := pk.part(first("numbering", "word/numbering.xml"))
	if err != nil {
		return nil, err
	}
	w.styles = parseDocxStyles(stylesXML)
	w.num = parseDocxNumbering(numXML)
	w.num.styles = w.styles
	w.counters = map[string]*[9]int{}
	w.numSeen = map[string]bool{}

	// nguyenthenguyen/docx (a required dependency) reads word/document.xml
	// and the headers and footers whole: call it only now that our bounded
	// reads have passed, and take the main part from it when it is the
	// standard one.
	if main == "word/document.xml" {
		if d, derr := docx.ReadDocxFromMemory(bytes.NewReader(pk.data), int64(len(pk.data))); derr == nil {
			if c := d.Editable().GetContent(); c != "" {
				mainXML = []byte(c)
			}
			_ = d.Close()
		}
	}

	if err := w.walk(mainXML, main); err != nil {
		return nil, err
	}
	if w.box != nil && w.box.n > 0 {
		w.str("\n")
		w.appendWriter(w.box)
		w.box = nil
	}
	// Notes after the body, with their marks (the mark in the body is [^n]).
	for _, kind := range []struct{ typ, def, elem string }{
		{"footnotes", "word/footnotes.xml", "footnote"}, {"endnotes", "word/endnotes.xml", "endnote"}} {
		b, err := pk.part(first(kind.typ, kind.def))
		if err != nil {
			return nil, err
		}
		if b == nil {
			continue
		}
		notes := w.notes(b, kind.elem)
		for _, n := range notes {
			if !w.refs[kind.elem+":"+n.id] {
				continue
			}
			w.str("\n[^" + n.id + "]: ")
			if err := w.walkTokens(n.xml, kind.typ); err != nil {
				return nil, err
			}
		}
	}
	if w.box != nil && w.box.n > 0 { // text boxes inside notes
		w.str("\n")
		w.appendWriter(w.box)
		w.box = nil
	}
	// Headers and footers once each, after the notes: their text (a letter
	// head, page numbers) must not be read as the document's first lines.
	seen := map[string]bool{}
	for _, typ := range []string{"header", "footer"} {
		for _, p := range rels.byType[typ] {
			b, err := pk.part(p)
			if err != nil {
				return nil, err
			}
			sub := &docxWriter{ctx: ctx, styles: w.styles, num: w.num, counters: map[string]*[9]int{}, numSeen: map[string]bool{}}
			if err := sub.walk(b, p); err != nil {
				continue // a bad header does not lose the document
			}
			t := strings.TrimSpace(sub.b.String())
			if t == "" || seen[t] {
				continue
			}
			seen[t] = true
			w.str("\n")
			w.appendWriter(sub)
			if sub.box != nil {
				w.appendWriter(sub.box)
			}
		}
	}
	return &Result{Format: FormatDOCX, Text: w.b.String(), Encoding: "utf-8", Extractor: "vanban/docx",
		Fonts: w.spans, Warnings: append(pk.warnings, w.warnings...)}, nil
}

// docxWriter walks WordprocessingML and writes text with legacy-font spans.
type docxWriter struct {
	ctx      context.Context
	b        strings.Builder
	n        int // runes written
	spans    []FontSpan
	styles   *docxStyles
	num      *docxNumbering
	counters map[string]*[9]int // per abstractNum: last number of each level (0: not started)
	numSeen  map[string]bool    // numIds met (a startOverride restarts once)
	refs     map[string]bool
	warnings []string
	// Text boxes are stories of their own (Word stores them after the main
	// text): their paragraphs are collected in box and written after the
	// body, so that they do not cut the sentence they are anchored in.
	inBox int
	box   *docxWriter
}

// appendWriter appends the text and spans of o.
func (w *docxWriter) appendWriter(o *docxWriter) {
	off := w.n
	w.b.WriteString(o.b.String())
	w.n += o.n
	for _, s := range o.spans {
		w.spans = append(w.spans, FontSpan{Start: s.Start + off, End: s.End + off, Font: s.Font})
	}
}

func (w *docxWriter) str(s string) { w.write(s, "") }

// write appends text; a run in a legacy font (".VnTime", "VNI-Times") gets a
// FontSpan, its text passed through as Word stored it.
func (w *docxWriter) write(s, font string) {
	if s == "" {
		return
	}
	if w.inBox > 0 && w.box != nil {
		w.box.write(s, font)
		return
	}
	n := len([]rune(s))
	if font != "" && legacyFont(font) {
		if k := len(w.spans); k > 0 && w.spans[k-1].End == w.n && w.spans[k-1].Font == font {
			w.spans[k-1].End += n
		} else {
			w.spans = append(w.spans, FontSpan{Start: w.n, End: w.n + n, Font: font})
		}
	}
	w.b.WriteString(s)
	w.n += n
}

func (w *docxWriter) walk(b []byte, name string) error {
	if err := w.walkTokens(b, name); err != nil {
		return err
	}
	return nil
}

// paragraph state while walking.
type docxPara struct {
	style    string
	numID    string
	ilvl     int
	hasNum   bool
	labelled bool
	inPPr    bool
}

type docxRun struct {
	font, style string
}

// walkTokens streams the XML of a story (body, note, header) and writes its
// text: paragraphs, runs, tabs, breaks, tables (one cell paragraph a line),
// text boxes (mc:Choice only, mc:Fallback skipped), deleted text and field
// instructions skipped.
func (w *docxWriter) walkTokens(b []byte, name string) error {
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	var paras []*docxPara
	var run *docxRun
	skip := 0 // depth inside a skipped element
	inText := false
	inRPr := false
	steps := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &Error{Op: "docx " + name, Kind: KindCorrupt, Err: fmt.Errorf("XML: %w", err)}
		}
		steps++
		if steps&0x3FFF == 0 && w.ctx.Err() != nil {
			return &Error{Op: "docx " + name, Kind: KindTimeout, Err: w.ctx.Err()}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			var para *docxPara
			if len(paras) > 0 {
				para = paras[len(paras)-1]
			}
			switch t.Name.Local {
			case "Fallback", "del", "delText", "instrText", "moveFrom", "rPrChange", "pPrChange",
				"tblPrChange", "trPrChange", "tcPrChange", "sectPrChange", "numberingChange", "tabs", "sdtPr":
				skip = 1
			case "txbxContent":
				if w.box == nil {
					w.box = &docxWriter{ctx: w.ctx}
				}
				w.inBox++
			case "p":
				paras = append(paras, &docxPara{ilvl: -1})
			case "pPr":
				if para != nil {
					para.inPPr = true
				}
			case "pStyle":
				if para != nil && para.inPPr {
					para.style = attr(t, "val")
				}
			case "numId":
				if para != nil && para.inPPr {
					para.numID, para.hasNum = attr(t, "val"), true
				}
			case "ilvl":
				if para != nil && para.inPPr {
					para.ilvl, _ = strconv.Atoi(attr(t, "val"))
				}
			case "r":
				w.label(para)
				run = &docxRun{}
			case "rPr":
				if run != nil {
					inRPr = true
				} else {
					skip = 1 // the paragraph mark's run properties
				}
			case "rFonts":
				if run != nil && inRPr {
					if f := fontAttr(t); f != "" {
						run.font = f
					}
				}
			case "rStyle":
				if run != nil && inRPr {
					run.style = attr(t, "val")
				}
			case "t":
				w.label(para)
				inText = true
			case "tab":
				if run != nil {
					w.write("\t", w.runFont(para, run))
				}
			case "br", "cr":
				w.str("\n")
			case "softHyphen":
				// Invisible in Unicode text, but byte 0xAD is "ư" in TCVN3 and
				// Word keeps it as an optional hyphen (domain.md §6.2): pass it
				// on for normalize to decide.
				if run != nil {
					w.write("\u00ad", w.runFont(para, run))
				}
			case "noBreakHyphen":
				w.write("-", w.runFont(para, run))
			case "sym":
				if c, err := strconv.ParseUint(attr(t, "char"), 16, 32); err == nil {
					// Symbol-font characters live at U+F0xx; keep bullets and
					// dashes readable.
					r := rune(c)
					if r >= 0xF000 && r <= 0xF0FF {
						r -= 0xF000
					}
					if r >= 0x20 && r != 0x7F {
						w.str(string(r))
					}
				}
			case "footnoteReference", "endnoteReference":
				id := attr(t, "id")
				if w.refs == nil {
					w.refs = map[string]bool{}
				}
				w.refs[strings.TrimSuffix(t.Name.Local, "Reference")+":"+id] = true
				w.str("[^" + id + "]")
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			var para *docxPara
			if len(paras) > 0 {
				para = paras[len(paras)-1]
			}
			switch t.Name.Local {
			case "pPr":
				if para != nil {
					para.inPPr = false
					w.label(para)
				}
			case "p":
				w.label(para)
				w.str("\n")
				if len(paras) > 0 {
					paras = paras[:len(paras)-1]
				}
			case "txbxContent":
				if w.inBox > 0 {
					w.inBox--
				}
			case "r":
				run = nil
			case "rPr":
				inRPr = false
			case "t":
				inText = false
			case "tc":
				// cells end with their last paragraph's line break
			}
		case xml.CharData:
			if skip == 0 && inText {
				var para *docxPara
				if len(paras) > 0 {
					para = paras[len(paras)-1]
				}
				w.write(string(t), w.runFont(para, run))
			}
		}
	}
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// fontAttr is the font a run's w:rFonts names for Latin text (ascii, else
// hAnsi); theme fonts are not legacy fonts and are ignored.
func fontAttr(t xml.StartElement) string {
	if f := attr(t, "ascii"); f != "" {
		return f
	}
	return attr(t, "hAnsi")
}

// runFont resolves a run's font: direct formatting, its character style, the
// paragraph style (following w:basedOn), the document defaults.
func (w *docxWriter) runFont(para *docxPara, run *docxRun) string {
	if run != nil && run.font != "" {
		return run.font
	}
	if run != nil && run.style != "" {
		if f := w.styles.font(run.style); f != "" {
			return f
		}
	}
	style := "" // the default paragraph style
	if para != nil {
		style = para.style
	}
	if style == "" {
		style = w.styles.defPara
	}
	if f := w.styles.font(style); f != "" {
		return f
	}
	return w.styles.defFont
}

// label writes the automatic number of a paragraph (once, before its text).
func (w *docxWriter) label(para *docxPara) {
	if para == nil || para.labelled || para.inPPr {
		return
	}
	para.labelled = true
	numID, ilvl := para.numID, para.ilvl
	if !para.hasNum {
		// Inherited from the paragraph style (headings, list styles).
		style := para.style
		if style == "" {
			style = w.styles.defPara
		}
		numID, ilvl = w.styles.numbering(style)
		if numID != "" && ilvl < 0 {
			ilvl = w.num.levelOfStyle(numID, style)
		}
	}
	if numID == "" || numID == "0" {
		return
	}
	if ilvl < 0 {
		ilvl = 0
	}
	lab, font := w.num.next(w, numID, min(ilvl, 8))
	if lab != "" {
		w.write(lab, font)
		w.str(" ")
	}
}

// notes splits footnotes.xml/endnotes.xml into notes with their XML; the
// separator notes (w:type set) are dropped.
type docxNote struct {
	id  string
	xml []byte
}

func (w *docxWriter) notes(b []byte, elem string) []docxNote {
	var out []docxNote
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	for {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		st, ok := tok.(xml.StartElement)
		if !ok || st.Name.Local != elem {
			continue
		}
		id, typ := attr(st, "id"), attr(st, "type")
		if err := dec.Skip(); err != nil {
			return out
		}
		if typ != "" && typ != "normal" {
			continue
		}
		// Re-wrap the note's inner XML with the namespace declarations of
		// the root by keeping prefixes: the walker matches local names only.
		out = append(out, docxNote{id: id, xml: b[off:dec.InputOffset()]})
	}
}

// ---- styles.xml

type docxStyle struct {
	basedOn, font, numID string
	ilvl                 int
}

type docxStyles struct {
	byID             map[string]*docxStyle
	defPara, defFont string
}

func parseDocxStyles(b []byte) *docxStyles {
	s := &docxStyles{byID: map[string]*docxStyle{}}
	if b == nil {
		return s
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	var cur *docxStyle
	inDefaults := false
	for {
		tok, err := dec.Token()
		if err != nil {
			return s
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "docDefaults":
				inDefaults = true
			case "style":
				cur = &docxStyle{ilvl: -1}
				id := attr(t, "styleId")
				s.byID[id] = cur
				if attr(t, "type") == "paragraph" && (attr(t, "default") == "1" || attr(t, "default") == "true") {
					s.defPara = id
				}
			case "basedOn":
				if cur != nil {
					cur.basedOn = attr(t, "val")
				}
			case "rFonts":
				if f := fontAttr(t); f != "" {
					if cur != nil {
						cur.font = f
					} else if inDefaults {
						s.defFont = f
					}
				}
			case "numId":
				if cur != nil {
					cur.numID = attr(t, "val")
				}
			case "ilvl":
				if cur != nil {
					cur.ilvl, _ = strconv.Atoi(attr(t, "val"))
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "docDefaults":
				inDefaults = false
			case "style":
				cur = nil
			}
		}
	}
}

func (s *docxStyles) font(id string) string {
	for i := 0; i < 20 && id != ""; i++ {
		st := s.byID[id]
		if st == nil {
			return ""
		}
		if st.font != "" {
			return st.font
		}
		id = st.basedOn
	}
	return ""
}

func (s *docxStyles) numbering(id string) (string, int) {
	for i := 0; i < 20 && id != ""; i++ {
		st := s.byID[id]
		if st == nil {
			return "", -1
		}
		if st.numID != "" {
			return st.numID, st.ilvl
		}
		id = st.basedOn
	}
	return "", -1
}

// ---- numbering.xml

type docxLevel struct {
	start          int
	fmt, text      string
	font, pStyle   string
	isLgl, noStart bool
}

type docxNum struct {
	abstract string
	start    map[int]int        // lvlOverride/startOverride
	lvl      map[int]*docxLevel // lvlOverride/lvl
}

type docxNumbering struct {
	abstract  map[string]*[9]*docxLevel
	nums      map[string]*docxNum
	styleLink map[string]string // abstractNum → the numbering style it follows (w:numStyleLink)
	styles    *docxStyles
}

func parseDocxNumbering(b []byte) *docxNumbering {
	n := &docxNumbering{abstract: map[string]*[9]*docxLevel{}, nums: map[string]*docxNum{}, styleLink: map[string]string{}}
	absID := ""
	if b == nil {
		return n
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	var abs *[9]*docxLevel
	var num *docxNum
	var lvl *docxLevel
	override := -1
	for {
		tok, err := dec.Token()
		if err != nil {
			return n
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "abstractNum":
				abs = &[9]*docxLevel{}
				absID = attr(t, "abstractNumId")
				n.abstract[absID] = abs
			case "numStyleLink":
				if abs != nil {
					n.styleLink[absID] = attr(t, "val")
				}
			case "num":
				num = &docxNum{start: map[int]int{}, lvl: map[int]*docxLevel{}}
				n.nums[attr(t, "numId")] = num
			case "abstractNumId":
				if num != nil {
					num.abstract = attr(t, "val")
				}
			case "lvlOverride":
				override, _ = strconv.Atoi(attr(t, "ilvl"))
			case "startOverride":
				if num != nil && override >= 0 {
					num.start[override], _ = strconv.Atoi(attr(t, "val"))
				}
			case "lvl":
				i, _ := strconv.Atoi(attr(t, "ilvl"))
				if i < 0 || i > 8 {
					continue
				}
				lvl = &docxLevel{start: 1, fmt: "decimal"}
				if num != nil && override >= 0 {
					num.lvl[i] = lvl
				} else if abs != nil {
					abs[i] = lvl
				}
			case "start":
				if lvl != nil {
					lvl.start, _ = strconv.Atoi(attr(t, "val"))
				}
			case "numFmt":
				if lvl != nil {
					lvl.fmt = attr(t, "val")
				}
			case "lvlText":
				if lvl != nil {
					lvl.text = attr(t, "val")
				}
			case "isLgl":
				if lvl != nil {
					lvl.isLgl = true
				}
			case "pStyle":
				if lvl != nil {
					lvl.pStyle = attr(t, "val")
				}
			case "rFonts":
				if lvl != nil {
					lvl.font = fontAttr(t)
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "abstractNum":
				abs = nil
			case "num":
				num = nil
			case "lvl":
				lvl = nil
			case "lvlOverride":
				override = -1
			}
		}
	}
}

func (n *docxNumbering) level(numID string, ilvl int) (*docxLevel, string) {
	for hop := 0; hop < 4; hop++ {
		num := n.nums[numID]
		if num == nil {
			return nil, ""
		}
		if l := num.lvl[ilvl]; l != nil {
			return l, num.abstract
		}
		abs := n.abstract[num.abstract]
		if abs == nil {
			return nil, num.abstract
		}
		if l := abs[ilvl]; l != nil {
			return l, num.abstract
		}
		// A list that follows a numbering style (w:numStyleLink) has its
		// levels in the list the style names (ECMA-376 §17.9.27).
		link := n.styleLink[num.abstract]
		if link == "" || n.styles == nil {
			return nil, num.abstract
		}
		next, _ := n.styles.numbering(link)
		if next == "" || next == numID {
			return nil, num.abstract
		}
		numID = next
	}
	return nil, ""
}

func (n *docxNumbering) levelOfStyle(numID, style string) int {
	num := n.nums[numID]
	if num == nil {
		return 0
	}
	if abs := n.abstract[num.abstract]; abs != nil {
		for i, l := range abs {
			if l != nil && l.pStyle == style {
				return i
			}
		}
	}
	return 0
}

// next advances the counter of (numID, ilvl) and formats its label. Counters
// are kept per abstractNum, as Word does, so two lists of the same
// abstractNum continue each other unless a startOverride restarts them;
// deeper levels restart when a level advances.
func (n *docxNumbering) next(w *docxWriter, numID string, ilvl int) (string, string) {
	lvl, absID := n.level(numID, ilvl)
	if lvl == nil {
		return "", ""
	}
	c := w.counters[absID]
	if c == nil {
		c = &[9]int{}
		for i := range c {
			c[i] = -1 << 30
		}
		w.counters[absID] = c
	}
	num := n.nums[numID]
	key := numID + ":" + strconv.Itoa(ilvl)
	if s, ok := num.start[ilvl]; ok && !w.numSeen[key] {
		c[ilvl] = s - 1
	}
	w.numSeen[key] = true
	if c[ilvl] < -1<<29 {
		c[ilvl] = lvl.start
	} else {
		c[ilvl]++
	}
	for i := ilvl + 1; i < 9; i++ {
		c[i] = -1 << 30
	}
	if lvl.fmt == "bullet" {
		t := lvl.text
		if t == "" || strings.IndexFunc(t, func(r rune) bool { return r >= 0xE000 && r <= 0xF8FF || r < 0x20 }) >= 0 {
			t = "•" // a Symbol/Wingdings private-use glyph
		}
		return t, ""
	}
	var b strings.Builder
	text := lvl.text
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			k := int(text[i+1] - '1')
			v := c[k]
			kl, _ := n.level(numID, k)
			if v < -1<<29 {
				v = 1
				if kl != nil {
					v = kl.start
				}
			}
			f := "decimal"
			if kl != nil && !lvl.isLgl {
				f = kl.fmt
			}
			b.WriteString(formatNumber(v, f))
			i++
			continue
		}
		b.WriteByte(text[i])
	}
	return b.String(), lvl.font
}

// formatNumber writes n in a WordprocessingML number format (ECMA-376
// §17.18.59 ST_NumberFormat; the formats Vietnamese documents use).
func formatNumber(n int, f string) string {
	switch f {
	case "upperRoman":
		return roman(n)
	case "lowerRoman":
		return strings.ToLower(roman(n))
	case "upperLetter", "lowerLetter":
		if n < 1 {
			return strconv.Itoa(n)
		}
		// Word repeats the letter after z: a … z, aa … zz.
		c := rune('a' + (n-1)%26)
		s := strings.Repeat(string(c), (n-1)/26+1)
		if f == "upperLetter" {
			s = strings.ToUpper(s)
		}
		return s
	case "decimalZero":
		if n < 10 && n >= 0 {
			return "0" + strconv.Itoa(n)
		}
	case "none":
		return ""
	}
	return strconv.Itoa(n)
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
