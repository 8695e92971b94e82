package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"vanban/corpus"
	"vanban/index"
	"vanban/rules"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

var reasonVI = map[string]string{
	corpus.WeakNoSymbol:      "không có số ký hiệu",
	corpus.WeakPartialSymbol: "số ký hiệu đọc không đủ",
	corpus.WeakNoDate:        "không có ngày ban hành",
	corpus.WeakLowOCR:        "nhận dạng (OCR) độ tin cậy thấp",
	corpus.WeakUnknownPlace:  "không rõ địa phương",
	corpus.WeakAmbiguousRefs: "có trích dẫn chưa xác định",
}

var fieldVI = map[string]string{
	"type": "Loại văn bản", "symbol": "Số ký hiệu", "date": "Ngày ban hành", "place": "Địa danh",
	"issuer": "Cơ quan ban hành", "province": "Tỉnh/thành phố", "subject": "Trích yếu",
}

var funcs = template.FuncMap{
	"date":      dateVN,
	"rel":       relVI,
	"reason":    func(r string) string { return orDefault(reasonVI[r], r) },
	"field":     func(f string) string { return orDefault(fieldVI[f], f) },
	"docURL":    func(key string) string { return "/van-ban/" + pathEscape(key) },
	"coverURL":  func(key string) string { return "/van-ban/" + pathEscape(key) + "?tab=" + coverageTab },
	"statusVI":  statusVI,
	"graphURL":  func(key string, up bool) string { return graphURL(key, up) },
	"label":     labelVI,
	"snippet":   snippet,
	"fields":    func() []string { return corpus.OverrideFields },
	"add":       func(a, b int) int { return a + b },
	"timestamp": func(s string) string { return timestampVN(s) },
	"percent":   func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) },
	"join":      strings.Join,
	"state": func(s string) string {
		return orDefault(map[string]string{"queued": "đang chờ", "running": "đang nhập", "done": "xong", "failed": "lỗi",
			"interrupted": "bị dừng giữa chừng"}[s], s)
	},
	"outcome": func(s string) string { return orDefault(fileOutcomeVI[s], s) },
	"source": func(s string) string {
		return orDefault(map[string]string{"upload": "tải lên", "folder": "thư mục máy chủ", "watch": "thư mục theo dõi"}[s], s)
	},
	"rfc3339": func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
}

// fileOutcomeVI names what became of a file of an ingest job (corpus.FileOutcome).
var fileOutcomeVI = map[string]string{"added": "mới", "changed": "thay đổi", "unchanged": "không đổi",
	"duplicate": "trùng nội dung", "rendition": "bản khác của văn bản đã có", "moved": "đã chuyển chỗ",
	"failed": "lỗi", "skipped": "bỏ qua"}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// statusVI names a hiệu lực state (rules.Status.State) as the portals do.
func statusVI(state string) string {
	return orDefault(map[string]string{
		"replaced": "Bị thay thế", "partly-replaced": "Bị thay thế một phần",
		"repealed": "Bị bãi bỏ", "partly-repealed": "Bị bãi bỏ một phần",
		"amended": "Được sửa đổi, bổ sung", index.StatusInForce: "Còn hiệu lực (kho không có văn bản thay thế)",
	}[state], state)
}

// labelVI is DocInfo.Label with the markers in Vietnamese.
func labelVI(d corpus.DocInfo) string {
	l := d.Label()
	l = strings.Replace(l, " [stub]", " [chưa có văn bản]", 1)
	return strings.Replace(l, " [ambiguous]", " [chưa xác định]", 1)
}

// timestampVN writes an RFC 3339 time as dd/mm/yyyy hh:mm (UTC).
func timestampVN(s string) string {
	if len(s) >= 16 {
		return dateVN(s[:10]) + " " + s[11:16]
	}
	return s
}

// snippet makes a highlighted fragment safe: whatever the highlighter
// escaped or not, the text is unescaped, then escaped again around the
// <mark> pairs, so only <mark> survives as markup.
func snippet(frag string) template.HTML {
	frag = strings.NewReplacer("<mark>", "\x01", "</mark>", "\x02").Replace(frag)
	frag = html.EscapeString(html.UnescapeString(frag))
	frag = strings.NewReplacer("\x01", "<mark>", "\x02", "</mark>").Replace(frag)
	return template.HTML(frag)
}

var pages = template.Must(template.New("").Funcs(funcs).ParseFS(templateFS, "templates/*.html"))

func (s *Server) pageRoutes() {
	m := s.mux
	static, _ := fs.Sub(staticFS, "static")
	m.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	m.HandleFunc("GET /{$}", s.pageSearch)
	m.HandleFunc("GET /van-ban/{id...}", s.pageDocument)
	m.HandleFunc("GET /so-do/{id...}", s.pageGraph)
	m.HandleFunc("GET /nhap", s.pageIngest)
	m.HandleFunc("GET /ra-soat", s.pageReview)
}

// page is what every template gets.
type page struct {
	Title  string
	Nav    string
	Token  bool // the server accepts changes (started with a token)
	Error  string
	Status int
	Data   any
}

func (s *Server) render(w http.ResponseWriter, name string, p page) {
	p.Token = s.opt.Token != ""
	var b bytes.Buffer
	if err := pages.ExecuteTemplate(&b, name, p); err != nil {
		s.opt.Log.Printf("template %s: %v", name, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if p.Status != 0 {
		w.WriteHeader(p.Status)
	}
	w.Write(b.Bytes())
}

// facetLink is one value of a facet, with the URL that adds it to the query.
type facetLink struct {
	Term   string
	Label  string // shown instead of Term when set
	Count  int
	URL    string
	Active bool
}

type hitView struct {
	index.Hit
	Doc corpus.DocInfo
}

type searchView struct {
	Q, Type, Province string
	Place             string // the place filter (a jurisdiction slug from the place facet, or a place as typed)
	Year              int
	Page, Pages       int
	Total             uint64
	Took              string
	Hits              []hitView
	Facets            []facetGroup
	Matches           []corpus.DocInfo // documents the query names as a REF
	Closest           []corpus.DocInfo // stored symbols near a REF that names nothing
	Prev, Next        string
	PageLinks         []facetLink
	Filters           []facetLink // active filters, each with the URL that removes it
	// Kept are the filters the search box sends again with new words
	// (every facet's parameter that is set), as hidden fields.
	Kept []keptParam
}

type keptParam struct{ Name, Value string }

type facetGroup struct {
	Key   string // the query parameter it sets
	Name  string
	Terms []facetLink
}

var facetNames = []struct{ key, vi string }{{"type", "Loại văn bản"}, {"year", "Năm"}, {"status", "Hiệu lực"}, {"issuer", "Cơ quan ban hành"}, {"province", "Tỉnh/thành phố"}, {"place", "Huyện/xã"}}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	v := searchView{Q: r.URL.Query().Get("q"), Type: r.URL.Query().Get("type"), Province: r.URL.Query().Get("province"), Place: r.URL.Query().Get("place")}
	for _, f := range facetNames {
		if val := r.URL.Query().Get(f.key); val != "" {
			v.Kept = append(v.Kept, keptParam{f.key, val})
		}
	}
	q, pg, err := searchQuery(r)
	if err != nil {
		s.render(w, "search.html", page{Title: "Tìm kiếm", Nav: "search", Error: err.Error(), Status: http.StatusBadRequest, Data: v})
		return
	}
	q.Issuer = r.URL.Query().Get("issuer")
	v.Year, v.Page = q.Year, pg
	ctx := r.Context()
	// A REF has a number or a symbol: words alone are not looked up.
	if strings.ContainsAny(v.Q, "0123456789") {
		d, err := s.a.Resolve(ctx, v.Q)
		var amb *corpus.AmbiguousError
		var nf *corpus.NotFoundError
		switch {
		case err == nil:
			v.Matches = []corpus.DocInfo{d}
		case errors.As(err, &amb):
			v.Matches = amb.Candidates
			if len(v.Matches) > 8 {
				v.Matches = v.Matches[:8]
			}
		case errors.As(err, &nf):
			v.Closest, _ = s.a.Suggest(ctx, v.Q, 5)
		}
	}
	res, err := s.a.Search(ctx, q)
	if err != nil {
		s.render(w, "search.html", page{Title: "Tìm kiếm", Nav: "search", Error: err.Error(), Status: http.StatusInternalServerError, Data: v})
		return
	}
	v.Total, v.Took = res.Total, res.Took.Round(100_000).String()
	keys := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		keys[i] = h.ID
	}
	ovs, _ := s.a.Store().ActiveOverrides(ctx, keys)
	infos, _ := s.a.Store().DocsByKeys(ctx, keys)
	for _, h := range res.Hits {
		hv := hitView{Hit: h}
		if d, ok := infos[h.ID]; ok {
			hv.Doc = index.CorrectedInfo(d, ovs[h.ID])
		}
		v.Hits = append(v.Hits, hv)
	}
	base := r.URL.Query()
	with := func(k, val string) string {
		u := url.Values{}
		for kk, vv := range base {
			u[kk] = vv
		}
		u.Del("page")
		if val == "" {
			u.Del(k)
		} else {
			u.Set(k, val)
		}
		return "/?" + u.Encode()
	}
	for _, f := range facetNames {
		terms := res.Facets[f.key]
		if len(terms) == 0 {
			continue
		}
		g := facetGroup{Key: f.key, Name: f.vi}
		for _, t := range terms {
			active := base.Get(f.key) == t.Term
			u := with(f.key, t.Term)
			if active {
				u = with(f.key, "")
			}
			fl := facetLink{Term: t.Term, Count: t.Count, URL: u, Active: active}
			if f.key == "status" {
				fl.Label = statusVI(t.Term)
			}
			if t.Label != "" {
				fl.Label = t.Label
			}
			g.Terms = append(g.Terms, fl)
		}
		if f.key == "year" {
			sort.Slice(g.Terms, func(i, j int) bool { return g.Terms[i].Term > g.Terms[j].Term })
		}
		v.Facets = append(v.Facets, g)
	}
	for _, f := range facetNames {
		if val := base.Get(f.key); val != "" {
			if f.key == "status" {
				val = statusVI(val)
			}
			if f.key == "place" && strings.Contains(val, "/") {
				val = corpus.PlaceSlugName(val)
			}
			v.Filters = append(v.Filters, facetLink{Term: f.vi + ": " + val, URL: with(f.key, "")})
		}
	}
	v.Pages = int((res.Total + uint64(q.Size) - 1) / uint64(q.Size))
	pageURL := func(n int) string {
		u := url.Values{}
		for kk, vv := range base {
			u[kk] = vv
		}
		u.Set("page", strconv.Itoa(n))
		return "/?" + u.Encode()
	}
	if pg > 1 {
		v.Prev = pageURL(pg - 1)
	}
	if pg < v.Pages {
		v.Next = pageURL(pg + 1)
	}
	for n := max(1, pg-3); n <= min(v.Pages, pg+3); n++ {
		v.PageLinks = append(v.PageLinks, facetLink{Term: strconv.Itoa(n), URL: pageURL(n), Active: n == pg})
	}
	title := "Tìm kiếm"
	if v.Q != "" {
		title = v.Q + " — Tìm kiếm"
	}
	s.render(w, "search.html", page{Title: title, Nav: "search", Data: v})
}

// segment is a piece of a document's text: plain, or a reference linked to
// the document (or stub) it resolved to.
type segment struct {
	Text string
	Link string
	Note string // the title of the link
}

type docView struct {
	Doc        corpus.DocInfo
	Shown      index.Shown
	Segments   []segment
	Implements []corpus.Link
	Other      []corpus.Link
	Possible   []corpus.DocInfo // for a stub or an ambiguous one: the stored documents it may be
	History    []corpus.Override
	Download   string
	// Tab is "thuc-hien" for the coverage tab ("Thực hiện": who was told
	// to act and who has), "" for the document itself.
	Tab      string
	Coverage *corpus.Coverage
	Missing  []rules.Expected // expected bodies with nothing yet
}

// coverageTab is the query value of the document page's coverage tab.
const coverageTab = "thuc-hien"

func (s *Server) pageDocument(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	ctx := r.Context()
	d, err := s.a.Resolve(ctx, id)
	if err != nil {
		s.pageResolveError(w, r, id, err)
		return
	}
	sh, err := s.a.Show(ctx, d, true)
	if err != nil {
		s.render(w, "error.html", page{Title: "Lỗi", Error: err.Error(), Status: http.StatusInternalServerError})
		return
	}
	v := docView{Doc: index.CorrectedInfo(d, sh.Overrides), Shown: sh}
	if r.URL.Query().Get("tab") == coverageTab && d.State == corpus.StateDocument {
		cv, err := s.a.Store().Coverage(ctx, d)
		if err != nil {
			s.render(w, "error.html", page{Title: "Lỗi", Error: err.Error(), Status: http.StatusInternalServerError})
			return
		}
		v.Tab, v.Coverage = coverageTab, &cv
		for _, im := range cv.Implementers {
			if len(im.Documents) == 0 && im.Kind != rules.KindClass {
				v.Missing = append(v.Missing, im.Expected)
			}
		}
	}
	for _, l := range sh.Links {
		if l.Target == nil {
			continue
		}
		if l.Relation == string(rules.Implements) || l.Relation == string(rules.Basis) {
			v.Implements = append(v.Implements, l)
		} else {
			v.Other = append(v.Other, l)
		}
	}
	v.Segments = linkText(sh.Document, sh.Links)
	if sh.Source.SHA256 != "" {
		v.Download = "/api/download/" + sh.Source.SHA256
	}
	if d.State != corpus.StateDocument && d.Symbol != "" {
		ds, _ := s.a.Store().Find(ctx, corpus.Ref{Symbol: d.Symbol})
		for _, o := range ds {
			if o.Key != d.Key {
				v.Possible = append(v.Possible, o)
			}
		}
	}
	v.History, _ = s.a.Store().OverrideHistory(ctx, d.Key)
	s.render(w, "document.html", page{Title: labelVI(d), Nav: "doc", Data: v})
}

// pageResolveError is the page for an id that names no single document.
func (s *Server) pageResolveError(w http.ResponseWriter, r *http.Request, text string, err error) {
	var amb *corpus.AmbiguousError
	var nf *corpus.NotFoundError
	data := struct {
		Text       string
		Candidates []corpus.DocInfo
		Closest    []corpus.DocInfo
	}{Text: text}
	p := page{Title: "Không tìm thấy", Error: err.Error(), Status: http.StatusNotFound}
	switch {
	case errors.As(err, &amb):
		data.Candidates = amb.Candidates
		p.Title, p.Status, p.Error = "Nhiều văn bản khớp", http.StatusMultipleChoices, ""
	case errors.As(err, &nf):
		data.Closest, _ = s.a.Suggest(r.Context(), text, 5)
		p.Error = fmt.Sprintf("Không có văn bản nào khớp với “%s”.", text)
	default:
		p.Error = fmt.Sprintf("Không có văn bản nào khớp với “%s”.", text)
	}
	p.Data = data
	s.render(w, "notfound.html", p)
}

// linkText cuts the text into segments, each reference a link to where it
// resolved: its first full mention (the parser's offsets) and every other
// occurrence of its symbol as written.
func linkText(rec rules.Document, links []corpus.Link) []segment {
	text := rec.Text
	// byteAt[i] is the byte offset of code point i (the parser's offsets
	// are in code points).
	byteAt := make([]int, 0, len(text)+1)
	for i := range text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(text))
	target := map[string]*corpus.DocInfo{}
	for i := range links {
		if links[i].Target != nil {
			target[corpus.FoldSymbol(links[i].Symbol)] = links[i].Target
		}
	}
	type span struct {
		start, end int // bytes
		to         *corpus.DocInfo
	}
	var spans []span
	for _, ref := range rec.References {
		to := target[corpus.FoldSymbol(string(ref.Symbol))]
		if to == nil {
			continue
		}
		if ref.End > ref.Start && ref.End < len(byteAt) {
			spans = append(spans, span{byteAt[ref.Start], byteAt[ref.End], to})
		}
		sym := string(ref.Symbol)
		if len(sym) < 3 {
			continue
		}
		for at := 0; ; {
			i := strings.Index(text[at:], sym)
			if i < 0 {
				break
			}
			spans = append(spans, span{at + i, at + i + len(sym), to})
			at += i + len(sym)
		}
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	var out []segment
	at := 0
	for _, sp := range spans {
		if sp.start < at {
			continue // inside a span already linked
		}
		if sp.start > at {
			out = append(out, segment{Text: text[at:sp.start]})
		}
		out = append(out, segment{Text: text[sp.start:sp.end], Link: "/van-ban/" + pathEscape(sp.to.Key), Note: labelVI(*sp.to)})
		at = sp.end
	}
	if at < len(text) {
		out = append(out, segment{Text: text[at:]})
	}
	return out
}

type graphView struct {
	Doc        corpus.DocInfo
	Up         bool
	Depth      int
	Cites      bool
	SVG        template.HTML
	Error      string
	Nodes      []corpus.TraceNode
	SVGURL     string
	PNGURL     string
	Other      string // the same graph in the other direction
	ToggleCite string
	Parents    []corpus.TraceNode // one level up (or down) from the root
}

var svgProlog = regexp.MustCompile(`(?s)^.*?(<svg)`)

func (s *Server) pageGraph(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	ctx := r.Context()
	d, err := s.a.Resolve(ctx, id)
	if err != nil {
		s.pageResolveError(w, r, id, err)
		return
	}
	qv := r.URL.Query()
	v := graphView{Doc: d, Up: qv.Get("dir") != "down", Cites: qv.Get("cites") == "1"}
	v.Depth, _ = strconv.Atoi(qv.Get("depth"))
	if v.Depth < 0 || v.Depth > 50 {
		v.Depth = 0
	}
	v.Nodes, err = s.a.Trace(ctx, d, v.Up, v.Depth)
	if err != nil {
		s.render(w, "error.html", page{Title: "Lỗi", Error: err.Error(), Status: http.StatusInternalServerError})
		return
	}
	for _, n := range v.Nodes {
		if n.Depth == 1 {
			v.Parents = append(v.Parents, n)
		}
	}
	dir := "up"
	if !v.Up {
		dir = "down"
	}
	api := url.Values{"doc": {d.Key}, "dir": {dir}}
	if v.Cites {
		api.Set("cites", "1")
	}
	if v.Depth > 0 {
		api.Set("depth", strconv.Itoa(v.Depth))
	}
	api.Set("download", "1")
	api.Set("format", "svg")
	v.SVGURL = "/api/graph?" + api.Encode()
	api.Set("format", "png")
	v.PNGURL = "/api/graph?" + api.Encode()
	other := url.Values{"dir": {map[bool]string{true: "down", false: "up"}[v.Up]}}
	if v.Cites {
		other.Set("cites", "1")
	}
	v.Other = "/so-do/" + pathEscape(d.Key) + "?" + other.Encode()
	tog := url.Values{"dir": {dir}}
	if !v.Cites {
		tog.Set("cites", "1")
	}
	v.ToggleCite = "/so-do/" + pathEscape(d.Key) + "?" + tog.Encode()
	g, err := s.graph(ctx, d, v.Up, v.Depth, v.Cites)
	if err == nil {
		var svg []byte
		svg, err = renderDot(ctx, g.dot(), "svg")
		if err == nil {
			// Graphviz escapes every label and URL it writes into the SVG
			// (XML entities); the CSP forbids any script in it anyway.
			v.SVG = template.HTML(svgProlog.ReplaceAllString(string(svg), "$1"))
		}
	}
	if err != nil {
		v.Error = err.Error()
	}
	s.render(w, "graph.html", page{Title: "Sơ đồ — " + labelVI(d), Nav: "graph", Data: v})
}

func (s *Server) pageIngest(w http.ResponseWriter, r *http.Request) {
	jobs, err := s.jobs.list(r.Context())
	if err != nil {
		s.render(w, "error.html", page{Title: "Lỗi", Error: err.Error(), Status: http.StatusInternalServerError})
		return
	}
	s.render(w, "ingest.html", page{Title: "Nhập văn bản", Nav: "ingest", Data: jobs})
}

type reviewView struct {
	Weak        []corpus.WeakDoc
	Corrections map[string][]corpus.Override
}

func (s *Server) pageReview(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ws, err := s.a.Weak(ctx, 200)
	if err != nil {
		s.render(w, "error.html", page{Title: "Lỗi", Error: err.Error(), Status: http.StatusInternalServerError})
		return
	}
	keys := make([]string, len(ws))
	for i, x := range ws {
		keys[i] = x.Doc.Key
	}
	ovs, _ := s.a.Store().ActiveOverrides(ctx, keys)
	corrected, _ := s.a.Store().CorrectedKeys(ctx, 200)
	extra, _ := s.a.Store().ActiveOverrides(ctx, corrected)
	for k, v := range extra {
		ovs[k] = v
	}
	s.render(w, "review.html", page{Title: "Cần rà soát", Nav: "review", Data: reviewView{Weak: ws, Corrections: ovs}})
}
