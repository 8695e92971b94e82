package extract

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

func init() { Register(FormatHTML, extractHTML) }

// extractHTML keeps the main text of a page: portal pages (vbpl.vn) and news
// articles quoting a document. Scripts, styles, forms, navigation and
// comment widgets go; the main content is the block with the most text and
// the least link text (a readability-style score, generic: no site's class
// names), plus its siblings that score nearly as well. Block elements become
// line breaks, table rows lines with tab-separated cells.
func extractHTML(ctx context.Context, data []byte, _ Options) (*Result, error) {
	// An internal DTD subset with entities is the billion-laughs bomb (or an
	// external entity reaching for a file); no web page needs one. The HTML
	// parser would not expand them, so the page would come out as "&lol9;".
	if head := data[:min(len(data), 64<<10)]; htmlEntityDecl.Match(head) {
		return nil, Errorf(KindBomb, "html", "the page declares XML entities in its DOCTYPE (<!ENTITY …>, an XML bomb or external entity): not read")
	}
	text, enc, warn, err := decodeHTML(data)
	if err != nil {
		return nil, err
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, &Error{Op: "html", Kind: KindCorrupt, Err: err}
	}
	if ctx.Err() != nil {
		return nil, &Error{Op: "html", Kind: KindTimeout, Err: ctx.Err()}
	}
	prune(doc)
	s := &htmlScorer{score: map[*html.Node]float64{}}
	s.walk(doc, 0)
	main := s.best(doc)
	// The whole page less its furniture (link-dense blocks, furniture
	// names): the answer when no block dominates, as on vbpl.vn's
	// "Thuộc tính" pages, which are a table of short fields.
	all := htmlText{clean: true}
	if h := firstH1(doc); h != nil {
		all.render(h) // the page's title, even in a furniture-named block
		all.block()
	}
	all.render(doc)
	out := all.String()
	if main != nil {
		var w htmlText
		if h := firstH1(doc); h != nil && !contains(main, h) {
			// News pages keep the title outside the article block.
			w.render(h)
			w.block()
		}
		for _, n := range s.withSiblings(main) {
			w.render(n)
			w.block()
		}
		// An article (2000 characters or more) that holds half the cleaned
		// page is the answer; short pages keep everything but furniture.
		if best := w.String(); utf8.RuneCountInString(best) >= 2000 && utf8.RuneCountInString(best) >= utf8.RuneCountInString(out)/2 {
			out = best
		}
	}
	if strings.TrimSpace(out) == "" {
		return nil, Errorf(KindEmpty, "html", "the page holds no text")
	}
	res := &Result{Format: FormatHTML, Text: out, Encoding: enc, Extractor: "vanban/html (x/net/html)"}
	if warn != "" {
		res.Warnings = append(res.Warnings, warn)
	}
	if cutHTML(data) {
		res.Warnings = append(res.Warnings, "html: the page ends before </html> (truncated file?)")
	}
	return res, nil
}

var htmlEntityDecl = regexp.MustCompile(`(?i)<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY`)

// cutHTML reports a page that opens <html> and never closes it: a download
// or a save cut short (a page without the element at all is a fragment).
func cutHTML(data []byte) bool {
	head := bytes.ToLower(data[:min(len(data), 4096)])
	if !bytes.Contains(head, []byte("<html")) {
		return false
	}
	tail := bytes.ToLower(data[max(0, len(data)-4096):])
	return !bytes.Contains(tail, []byte("</html"))
}

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_\-]+)`)

// decodeHTML finds the charset (BOM, <meta charset>, http-equiv, else UTF-8
// when the bytes are valid UTF-8) and decodes. Bytes of an undeclared 8-bit
// page pass through as U+0000–U+00FF with encoding "8bit": a TCVN3 or VNI
// page is then decoded by normalize, like 8-bit plain text.
func decodeHTML(data []byte) (text, enc, warn string, err error) {
	head := data[:min(len(data), 4096)]
	declared := ""
	if m := metaCharset.FindSubmatch(head); m != nil {
		declared = strings.ToLower(string(m[1]))
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return string(data[3:]), "utf-8", "", nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		be := data[0] == 0xFE
		return decodeUTF16(data[2:], be), map[bool]string{false: "utf-16le", true: "utf-16be"}[be], "", nil
	case declared == "" || declared == "utf-8" || declared == "utf8":
		if utf8.Valid(data) {
			return string(data), "utf-8", "", nil
		}
		var b strings.Builder
		for _, c := range data {
			b.WriteRune(rune(c))
		}
		return b.String(), "8bit", "html: not UTF-8 and no charset declared: read as 8-bit text, its legacy encoding guessed", nil
	}
	e, name := charset.Lookup(declared)
	if e == nil {
		if utf8.Valid(data) {
			return string(data), "utf-8", fmt.Sprintf("html: unknown charset %q declared; the bytes are UTF-8", declared), nil
		}
		e, name = charset.Lookup("windows-1252")
	}
	if name != "utf-8" && utf8.Valid(data) && hasMultiByte(data) {
		// A page saved as UTF-8 under an old template's <meta charset>: read
		// as declared, every Vietnamese letter would be two wrong ones.
		return string(data), "utf-8", fmt.Sprintf("html: declares charset %s but its bytes are UTF-8: read as UTF-8", declared), nil
	}
	out, rerr := io.ReadAll(e.NewDecoder().Reader(bytes.NewReader(data)))
	if rerr != nil {
		return "", "", "", &Error{Op: "html charset " + name, Kind: KindCorrupt, Err: rerr}
	}
	return string(out), name, "", nil
}

func hasMultiByte(data []byte) bool {
	for _, c := range data {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// prune removes what is never page text.
func prune(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		drop := false
		switch c.Type {
		case html.CommentNode, html.DoctypeNode:
			drop = true
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Iframe,
				atom.Nav, atom.Aside, atom.Footer, atom.Form, atom.Button, atom.Select, atom.Input, atom.Textarea,
				atom.Head, atom.Object, atom.Embed, atom.Canvas, atom.Video, atom.Audio, atom.Map:
				drop = true
			default:
				drop = hidden(c)
			}
		}
		if drop {
			n.RemoveChild(c)
		} else {
			prune(c)
		}
		c = next
	}
}

func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			return a.Val == "true"
		case "style":
			v := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			return strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden")
		}
	}
	return false
}

// Generic words of page furniture in class/id names (after Arc90's
// readability): a hint, never a rule about one site.
// "header" is not among them: a page's title block is often named so, and a
// site header's menus go by their link density.
var negativeName = regexp.MustCompile(`(?i)comment|binh-?luan|sidebar|footer|menu|\bnav|share|social|related|lien-?quan|breadcrumb|banner|advert|\bads?\b|promo|popup|modal|cookie|widget|\btags?\b`)
var positiveName = regexp.MustCompile(`(?i)article|content|body|main|entry|post|story|detail|noi-?dung|van-?ban|toan-?van`)

type htmlScorer struct {
	score map[*html.Node]float64
}

// walk scores text blocks and credits their ancestors (parent fully,
// grandparent half), as readability does: a block's score grows with its
// text and its commas.
func (s *htmlScorer) walk(n *html.Node, depth int) {
	if depth > 400 {
		return
	}
	if n.Type == html.ElementNode && isTextBlock(n) {
		t := ownText(n)
		l := utf8.RuneCountInString(t)
		if l >= 25 {
			sc := 1 + float64(strings.Count(t, ",")) + min(float64(l)/100, 3)
			p := n.Parent
			for k := 0; p != nil && k < 3; k++ {
				s.score[p] += sc / float64(k+1)
				p = p.Parent
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		s.walk(c, depth+1)
	}
}

func isTextBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Pre, atom.Td, atom.Li, atom.Blockquote, atom.H1, atom.H2, atom.H3, atom.H4, atom.Dd:
		return true
	case atom.Div, atom.Span, atom.Section, atom.Article:
		// A div holding text directly (portal pages rarely use <p>).
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode && strings.TrimSpace(c.Data) != "" {
				return true
			}
		}
	}
	return false
}

// ownText is the text of a block without the text of nested blocks.
func ownText(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type == html.ElementNode && !isBlock(c):
				f(c)
			}
		}
	}
	f(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// best is the candidate with the highest score, lowered by its link density
// and by furniture names, raised by content names.
func (s *htmlScorer) best(doc *html.Node) *html.Node {
	var best *html.Node
	bestScore := 0.0
	for n, sc := range s.score {
		v := s.final(n, sc)
		if v > bestScore || v == bestScore && best != nil && depthOf(n) > depthOf(best) {
			best, bestScore = n, v
		}
	}
	return best
}

func (s *htmlScorer) final(n *html.Node, sc float64) float64 {
	name := attrVal(n, "class") + " " + attrVal(n, "id")
	if negativeName.MatchString(name) {
		sc *= 0.5
	}
	if positiveName.MatchString(name) {
		sc *= 1.25
	}
	return sc * (1 - linkDensity(n))
}

// withSiblings adds the siblings of the best block that score at least a
// fifth of it (articles split into several divs).
func (s *htmlScorer) withSiblings(main *html.Node) []*html.Node {
	if main.Parent == nil {
		return []*html.Node{main}
	}
	top := s.final(main, s.score[main])
	var out []*html.Node
	for c := main.Parent.FirstChild; c != nil; c = c.NextSibling {
		if c == main || c.Type == html.ElementNode && s.score[c] > 0 && s.final(c, s.score[c]) >= top/5 {
			out = append(out, c)
		}
	}
	return out
}

func linkDensity(n *html.Node) float64 {
	total, links := 0, 0
	var f func(*html.Node, bool)
	f = func(n *html.Node, inLink bool) {
		if n.Type == html.TextNode {
			l := len(strings.TrimSpace(n.Data))
			total += l
			if inLink {
				links += l
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c, inLink || c.DataAtom == atom.A)
		}
	}
	f(n, false)
	if total == 0 {
		return 1
	}
	return float64(links) / float64(total)
}

func attrVal(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func depthOf(n *html.Node) int {
	d := 0
	for ; n != nil; n = n.Parent {
		d++
	}
	return d
}

func contains(root, n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == root {
			return true
		}
	}
	return false
}

func firstH1(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.H1 {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if h := firstH1(c); h != nil {
			return h
		}
	}
	return nil
}

func isBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.Section, atom.Article, atom.Main, atom.Header, atom.Footer, atom.Aside,
		atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd,
		atom.Table, atom.Tr, atom.Tbody, atom.Thead, atom.Tfoot, atom.Caption, atom.Blockquote, atom.Pre,
		atom.Hr, atom.Figure, atom.Figcaption, atom.Address, atom.Center, atom.Body, atom.Html:
		return true
	}
	return false
}

// htmlText renders nodes as text: HTML white space collapsed outside <pre>,
// blocks on lines of their own, cells separated by tabs.
type htmlText struct {
	clean bool // skip furniture blocks (boilerplate)
	b     strings.Builder
	last  byte // the last byte written (0 at the start)
	space bool // a collapsed space is pending
}

func (w *htmlText) String() string {
	lines := strings.Split(w.b.String(), "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(strings.TrimLeft(l, " "), " \t")
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n")) + "\n"
}

func (w *htmlText) put(s string) {
	if s == "" {
		return
	}
	w.b.WriteString(s)
	w.last = s[len(s)-1]
}

func (w *htmlText) block() {
	w.space = false
	if w.last != 0 && w.last != '\n' {
		w.put("\n")
	}
}

func (w *htmlText) text(s string, pre bool) {
	if pre {
		w.put(s)
		return
	}
	start := 0
	for i := 0; i <= len(s); i++ {
		ws := i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f')
		if i < len(s) && !ws {
			continue
		}
		if i > start {
			if w.space && w.last != 0 && w.last != '\n' && w.last != '\t' {
				w.put(" ")
			}
			w.space = false
			w.put(s[start:i])
		}
		if ws {
			w.space = true
		}
		start = i + 1
	}
}

func (w *htmlText) render(n *html.Node) { w.renderPre(n, false, 0) }

func (w *htmlText) renderPre(n *html.Node, pre bool, depth int) {
	if depth > 500 {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data, pre)
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Br:
			w.put("\n")
			w.space = false
			return
		case atom.Td, atom.Th:
			if w.last != 0 && w.last != '\n' {
				w.put("\t")
				w.space = false
			}
		case atom.Pre:
			pre = true
		}
		if w.clean && boilerplate(n) {
			return
		}
		if isBlock(n) {
			w.block()
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if !pre && c.Type == html.ElementNode && !isBlock(c) && c.PrevSibling != nil &&
			c.PrevSibling.Type == html.ElementNode && !isBlock(c.PrevSibling) && startsField(c) &&
			w.last != ' ' && w.last != '\n' && w.last != '\t' && w.last != 0 {
			// Two inline elements side by side, the second starting with a
			// capital or a digit: a label and its value ("Số hiệu" | "04/…")
			// laid out by CSS. Words split across spans go on lower case.
			w.space = true
		}
		w.renderPre(c, pre, depth+1)
	}
	if n.Type == html.ElementNode && isBlock(n) {
		w.block()
	}
}

// boilerplate reports page furniture: a block named like furniture (and not
// like content), or a block of mostly link text (menus, breadcrumbs, lists
// of related articles).
func boilerplate(n *html.Node) bool {
	if !isBlock(n) || n.DataAtom == atom.Body || n.DataAtom == atom.Html {
		return false
	}
	name := attrVal(n, "class") + " " + attrVal(n, "id") + " " + attrVal(n, "role")
	if negativeName.MatchString(name) && !positiveName.MatchString(name) {
		return true
	}
	return linkDensity(n) > 0.5
}

// startsField reports an element whose text starts with a capital letter, a
// digit or a dash.
func startsField(n *html.Node) bool {
	var first rune
	var f func(*html.Node) bool
	f = func(n *html.Node) bool {
		if n.Type == html.TextNode {
			if t := strings.TrimSpace(n.Data); t != "" {
				first, _ = utf8.DecodeRuneInString(t)
				return true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if f(c) {
				return true
			}
		}
		return false
	}
	if !f(n) {
		return false
	}
	return unicode.IsUpper(first) || unicode.IsDigit(first) || first == '-'
}
