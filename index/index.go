// Package index knows search: the Vietnamese analyzer, fields, facets and
// highlighting, on bleve v2 (scorch). The index is rebuilt from the corpus
// database whenever in doubt; it holds nothing the database does not.
//
// One process owns an index at a time (scorch holds an exclusive lock on
// root.bolt); Open waits at most BoltTimeout for it instead of blocking
// forever (libraries.md §4.3).
package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	// The highlighters Query.Style names: registered by import (a terminal's
	// "ansi" was missing, so search on a terminal failed).
	"github.com/blevesearch/bleve/v2/registry"
	_ "github.com/blevesearch/bleve/v2/search/highlight/highlighter/ansi"
	_ "github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/text/unicode/norm"

	"vanban/corpus"
	"vanban/rules"
)

// Name is the index directory inside the store.
const Name = "index.bleve"

// BoltTimeout bounds the wait for another process's lock on the index.
const BoltTimeout = "3s"

// AnalyzerName is the Vietnamese analyzer: unicode words, lower case, folded
// (vi_fold: no tone marks, đ → d), so "chi thi" finds "Chỉ thị".
const AnalyzerName = "vi"

// FoldFilterName is the registered name of the folding token filter.
const FoldFilterName = "vi_fold"

// foldFilter folds each token. A token filter, not a char filter: term
// offsets must point into the original text or highlighting returns no
// fragments (libraries.md §4.1).
type foldFilter struct{}

func (foldFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		ascii := true
		for _, b := range tok.Term {
			if b >= utf8.RuneSelf {
				ascii = false
				break
			}
		}
		if !ascii {
			tok.Term = []byte(corpus.Fold(string(tok.Term)))
		}
	}
	return in
}

func init() {
	// Registered at init: opening an index in any program that imports this
	// package finds every component of its mapping (libraries.md §4.1 pitfall 3).
	registry.RegisterTokenFilter(FoldFilterName, func(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
		return foldFilter{}, nil
	})
}

// Doc is what is indexed of one document.
type Doc struct {
	ID       string
	Type     string
	Symbol   string
	Year     int
	Province string
	Issuer   string
	Subject  string
	Body     string
}

// fields is the indexed form. *_key fields are folded keywords for
// filtering what a person types; type/province/year are the facet values.
type fields struct {
	Body        string `json:"body,omitempty"`
	Subject     string `json:"subject,omitempty"`
	Title       string `json:"title,omitempty"` // type, symbol and subject: "Chỉ thị 33/CT-TTg về …"
	Issuer      string `json:"issuer,omitempty"`
	IssuerKW    string `json:"issuer_kw,omitempty"` // the issuer as one term, for its facet
	Symbol      string `json:"symbol,omitempty"`
	SymbolKey   string `json:"symbol_key,omitempty"`
	Type        string `json:"type,omitempty"`
	TypeKey     string `json:"type_key,omitempty"`
	Year        string `json:"year,omitempty"`
	Province    string `json:"province,omitempty"`
	ProvinceKey string `json:"province_key,omitempty"`
}

// nonEmpty is f as a map without its empty fields: bleve walks a struct
// by reflection and would index "" (ignoring omitempty), which shows up as
// an empty facet value.
func (f fields) nonEmpty() map[string]interface{} {
	m := map[string]interface{}{}
	for k, v := range map[string]string{"body": f.Body, "subject": f.Subject, "title": f.Title, "issuer": f.Issuer, "issuer_kw": f.IssuerKW,
		"symbol": f.Symbol, "symbol_key": f.SymbolKey, "type": f.Type, "type_key": f.TypeKey, "year": f.Year,
		"province": f.Province, "province_key": f.ProvinceKey} {
		if v != "" {
			m[k] = v
		}
	}
	return m
}

func newMapping() (mapping.IndexMapping, error) {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(AnalyzerName, map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name, FoldFilterName},
	}); err != nil {
		return nil, fmt.Errorf("cannot define the analyzer: %w", err)
	}
	im.DefaultAnalyzer = AnalyzerName
	dm := bleve.NewDocumentStaticMapping()
	text := func(store, vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = AnalyzerName
		f.Store = store
		f.IncludeTermVectors = vectors
		return f
	}
	kw := func(store bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = store
		f.IncludeInAll = false
		return f
	}
	dm.AddFieldMappingsAt("body", text(true, true))
	dm.AddFieldMappingsAt("subject", text(true, true))
	dm.AddFieldMappingsAt("title", text(false, false))
	dm.AddFieldMappingsAt("issuer", text(true, false))
	dm.AddFieldMappingsAt("issuer_kw", kw(false))
	dm.AddFieldMappingsAt("symbol", text(true, false))
	dm.AddFieldMappingsAt("symbol_key", kw(false))
	dm.AddFieldMappingsAt("type", kw(true))
	dm.AddFieldMappingsAt("type_key", kw(false))
	dm.AddFieldMappingsAt("year", kw(true))
	dm.AddFieldMappingsAt("province", kw(true))
	dm.AddFieldMappingsAt("province_key", kw(false))
	im.DefaultMapping = dm
	return im, nil
}

// Index is an open search index.
type Index struct {
	b     bleve.Index
	path  string
	cache *resultCache // answers of Search until the next write

	statusMu sync.RWMutex
	status   *statusSets // the documents of each hiệu lực (Archive.refreshStatus)
}

// Open opens the index at path, creating it when absent. A lock held by
// another process is an error wrapping ErrBusy; an index that cannot be
// opened or fails a test query (a damaged segment, unreadable metadata, a
// panic inside bleve) is one wrapping ErrDamaged.
func Open(path string) (*Index, error) {
	if err := Check(path); err != nil {
		return nil, err
	}
	var b bleve.Index
	err := guard(path, func() error {
		cfg := map[string]interface{}{"bolt_timeout": BoltTimeout}
		var err error
		b, err = bleve.OpenUsing(path, cfg)
		if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
			m, merr := newMapping()
			if merr != nil {
				return merr
			}
			b, err = bleve.NewUsing(path, m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, cfg)
		}
		return err
	})
	switch {
	case err == nil:
	case isLockTimeout(err):
		return nil, busyError(path, err)
	case errors.Is(err, ErrDamaged):
		return nil, err
	default:
		return nil, damagedError(path, err)
	}
	ix := &Index{b: b, path: path, cache: newResultCache()}
	if err := ix.probe(); err != nil {
		ix.Close()
		return nil, err
	}
	return ix, nil
}

// probe is the test open: a query that reads the stored fields and doc
// values of the index, where a damaged segment panics or fails.
func (ix *Index) probe() error {
	return ix.guard(func() error {
		req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 1, 0, false)
		req.Fields = []string{"type", "symbol", "year", "province", "subject"}
		req.SortBy([]string{"-_score", "_id"})
		req.AddFacet("year", bleve.NewFacetRequest("year", 1))
		_, err := ix.b.Search(req)
		if err != nil {
			return damagedError(ix.path, err)
		}
		return nil
	})
}

// guard is the package's guard on this index.
func (ix *Index) guard(fn func() error) error { return guard(ix.path, fn) }

// Remove deletes the index at path (before a rebuild).
func Remove(path string) error {
	if err := os.RemoveAll(path); err != nil {
		return fmt.Errorf("cannot remove the search index: %w", err)
	}
	return nil
}

// Path is the index path inside a store directory.
func Path(storeDir string) string { return filepath.Join(corpus.LocalDir(storeDir), Name) }

// Close closes the index.
func (ix *Index) Close() error { return ix.guard(ix.b.Close) }

// clean makes text safe to index: valid UTF-8 (the tokenizer stops at the
// first bad byte and silently drops the rest) and NFC.
func clean(s string) string { return norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD")) }

// fieldsOf is the indexed form of d.
func fieldsOf(d Doc) fields {
	f := fields{Body: clean(d.Body), Subject: clean(d.Subject), Issuer: clean(d.Issuer), IssuerKW: clean(d.Issuer), Symbol: clean(d.Symbol),
		SymbolKey: corpus.FoldSymbol(d.Symbol),
		Title:     clean(strings.Join([]string{d.Type, d.Symbol, d.Subject}, " ")), Type: clean(d.Type), TypeKey: corpus.Fold(d.Type),
		Province: clean(d.Province), ProvinceKey: corpus.Slug(d.Province)}
	if d.Year > 0 {
		f.Year = strconv.Itoa(d.Year)
	}
	return f
}

// Put indexes documents (replacing earlier versions) in one batch.
func (ix *Index) Put(docs []Doc) error { return ix.Apply(docs, nil, 0) }

// Delete removes documents.
func (ix *Index) Delete(ids []string) error { return ix.Apply(nil, ids, 0) }

// seqKey is the internal (bleve SetInternal) key under which the index keeps
// the last sequence number of the database's change log it applied.
var seqKey = []byte("vanban_seq")

// Apply indexes docs and deletes ids in one batch and, when seq > 0,
// records in the same batch that the index has applied the database's
// changes up to seq: the documents and the number are persisted together
// or not at all.
func (ix *Index) Apply(docs []Doc, ids []string, seq int64) error {
	defer ix.cache.invalidate()
	return ix.guard(func() error {
		batch := ix.b.NewBatch()
		for _, d := range docs {
			if err := batch.Index(d.ID, fieldsOf(d).nonEmpty()); err != nil {
				return fmt.Errorf("cannot index %s: %w", d.ID, err)
			}
		}
		for _, id := range ids {
			batch.Delete(id)
		}
		if seq > 0 {
			batch.SetInternal(seqKey, []byte(strconv.FormatInt(seq, 10)))
		}
		if err := ix.b.Batch(batch); err != nil {
			return fmt.Errorf("cannot write the index batch: %w", err)
		}
		return nil
	})
}

// Seq is the last sequence number of the change log the index applied; ok
// is false for an index that never recorded one (made before the change
// log, or empty).
func (ix *Index) Seq() (seq int64, ok bool, err error) {
	err = ix.guard(func() error {
		b, err := ix.b.GetInternal(seqKey)
		if err != nil {
			return damagedError(ix.path, err)
		}
		if b == nil {
			return nil
		}
		seq, err = strconv.ParseInt(string(b), 10, 64)
		if err != nil {
			return damagedError(ix.path, fmt.Errorf("the recorded sequence %q: %w", b, err))
		}
		ok = true
		return nil
	})
	return seq, ok, err
}

// Count is the number of documents in the index.
func (ix *Index) Count() (uint64, error) {
	var n uint64
	err := ix.guard(func() (err error) { n, err = ix.b.DocCount(); return err })
	return n, err
}

// Stored gives the stored fields of a document as the index holds them
// (nil when it does not hold it): what verify compares with the database.
func (ix *Index) Stored(id string) (map[string]string, error) {
	var out map[string]string
	err := ix.guard(func() error {
		req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery([]string{id}), 1, 0, false)
		req.Fields = []string{"type", "symbol", "year", "province", "subject", "issuer", "body"}
		res, err := ix.b.Search(req)
		if err != nil {
			return damagedError(ix.path, err)
		}
		if len(res.Hits) == 0 {
			return nil
		}
		out = map[string]string{}
		for k, v := range res.Hits[0].Fields {
			if s, ok := v.(string); ok {
				out[k] = s
			}
		}
		return nil
	})
	return out, err
}

// IDs lists every indexed document id.
func (ix *Index) IDs() (map[string]bool, error) {
	out := map[string]bool{}
	const page = 10000
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), page, 0, false)
		req.SortBy([]string{"_id"})
		if after != nil {
			req.SearchAfter = after
		}
		var res *bleve.SearchResult
		err := ix.guard(func() (err error) { res, err = ix.b.Search(req); return err })
		if err != nil {
			return nil, fmt.Errorf("cannot list the index: %w", err)
		}
		for _, h := range res.Hits {
			out[h.ID] = true
		}
		if len(res.Hits) < page {
			return out, nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// Query is a search.
type Query struct {
	Text     string
	Type     string // filters, compared folded
	Year     int
	Province string
	// Place narrows to a province, district or commune as people type it
	// (the archive keeps the hits whose documents the store places there).
	Place  string
	Issuer string // the issuing body exactly as its facet gives it
	// Status keeps the documents of one hiệu lực (StatusStates).
	Status string
	Size   int // hits (0: 10)
	From   int
	Style  string // highlight style: "html" (<mark>, the default) or "ansi" (a terminal)
	// scoped: asked by Archive.Search with what the store knows of the
	// place (the place filter and facet); a key of the result cache apart
	// from the same query asked of the index alone.
	scoped bool
}

// placeScope is what the store knows of a query's place: the documents the
// place filter keeps, and the units one level below the place (or the
// province filter) with their documents, counted as the "place" facet.
type placeScope struct {
	filter bool     // keep only keys
	keys   []string // the documents of the place
	groups []corpus.PlaceGroup
}

// Hit is one found document.
type Hit struct {
	ID        string   `json:"id"`
	Score     float64  `json:"score"`
	Type      string   `json:"type,omitempty"`
	Symbol    string   `json:"symbol,omitempty"`
	Year      string   `json:"year,omitempty"`
	Province  string   `json:"province,omitempty"`
	Subject   string   `json:"subject,omitempty"`
	Fragments []string `json:"fragments,omitempty"`
	CitedBy   int      `json:"cited_by,omitempty"` // documents citing it (Archive.Search)
	// Status is its hiệu lực where the graph knows one (Archive.Search).
	Status *rules.Status `json:"status,omitempty"`
}

// FacetTerm is one value of a facet and how many hits have it.
type FacetTerm struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
	// Label names the term for a person where the term is an id: the
	// "place" facet's units ("Huyện Tây Sơn" for "binh-dinh/tay-son").
	Label string `json:"label,omitempty"`
}

// Result is the answer to a Query.
type Result struct {
	Total  uint64                 `json:"total"`
	Took   time.Duration          `json:"took_ns"`
	Hits   []Hit                  `json:"hits"`
	Facets map[string][]FacetTerm `json:"facets"`
}

// looksLikeSymbol says whether the query is a số ký hiệu ("33/CT-TTg",
// "25-nq/tw").
func looksLikeSymbol(s string) bool {
	_, ok := corpus.SplitSymbol(strings.TrimSpace(s))
	return ok
}

// Search runs a full-text (and symbol) search with facets on type, year and
// province and highlighted fragments of the body. Answers are kept until
// the index changes (resultCache). The index knows provinces only: Place
// is applied by Archive.Search, which knows the store's jurisdictions.
func (ix *Index) Search(q Query) (Result, error) {
	q.scoped = false
	return ix.searchScoped(q, nil)
}

// searchScoped is Search with what the store knows of the place.
func (ix *Index) searchScoped(q Query, sc *placeScope) (Result, error) {
	if err := corpus.CheckLen("query", q.Text); err != nil {
		return Result{}, err
	}
	q.scoped = sc != nil
	return ix.cache.get(q, func(q Query) (Result, error) { return ix.search(q, sc) })
}

func (ix *Index) search(q Query, sc *placeScope) (Result, error) {
	var must []query.Query
	text := strings.TrimSpace(clean(q.Text))
	if text != "" {
		// Every word must match, in the body or the title; the analyzer is
		// named explicitly because query-time lookup does not follow field
		// mappings (libraries.md §4.1 pitfall 1).
		body := bleve.NewMatchQuery(text)
		body.SetField("body")
		body.Analyzer = AnalyzerName
		body.SetOperator(query.MatchQueryOperatorAnd)
		subj := bleve.NewMatchQuery(text)
		subj.SetField("title")
		subj.Analyzer = AnalyzerName
		subj.SetOperator(query.MatchQueryOperatorAnd)
		subj.SetBoost(2)
		alts := []query.Query{body, subj}
		if looksLikeSymbol(text) {
			sym := bleve.NewTermQuery(corpus.FoldSymbol(text))
			sym.SetField("symbol_key")
			sym.SetBoost(10)
			phrase := bleve.NewMatchPhraseQuery(text)
			phrase.SetField("body")
			phrase.Analyzer = AnalyzerName
			alts = []query.Query{sym, phrase}
		}
		must = append(must, bleve.NewDisjunctionQuery(alts...))
	} else {
		must = append(must, bleve.NewMatchAllQuery())
	}
	if q.Type != "" {
		t := bleve.NewTermQuery(corpus.Fold(q.Type))
		t.SetField("type_key")
		must = append(must, t)
	}
	if q.Year > 0 {
		t := bleve.NewTermQuery(strconv.Itoa(q.Year))
		t.SetField("year")
		must = append(must, t)
	}
	if q.Province != "" {
		t := bleve.NewTermQuery(corpus.Slug(q.Province))
		t.SetField("province_key")
		must = append(must, t)
	}
	if q.Issuer != "" {
		t := bleve.NewTermQuery(clean(q.Issuer))
		t.SetField("issuer_kw")
		must = append(must, t)
	}
	if sc != nil && sc.filter {
		must = append(must, bleve.NewDocIDQuery(sc.keys)) // none: matches nothing
	}
	sets := ix.statusOf()
	if q.Status != "" {
		if f := statusFilter(sets, q.Status); f != nil {
			must = append(must, f)
		}
	}
	size := q.Size
	if size <= 0 {
		size = 10
	}
	main := bleve.NewConjunctionQuery(must...)
	req := bleve.NewSearchRequestOptions(main, size, q.From, false)
	req.Fields = []string{"type", "symbol", "year", "province", "subject"}
	// No highlight here: a highlight makes every searcher read the term
	// locations of every matching document (a quarter of a search's time
	// at 100 000 documents); the page's hits are highlighted after
	// (highlights).
	// Another page of a query answered before has its facets: they are
	// not counted again (half of a broad query's time at 100 000 documents).
	first := q
	first.From = 0
	facets, known := map[string][]FacetTerm(nil), false
	if q.From > 0 {
		facets, known = ix.cache.facetsOf(first)
	}
	if !known {
		req.AddFacet("type", bleve.NewFacetRequest("type", 10))
		req.AddFacet("year", bleve.NewFacetRequest("year", 10))
		req.AddFacet("province", bleve.NewFacetRequest("province", 10))
		req.AddFacet("issuer", bleve.NewFacetRequest("issuer_kw", 10))
	}
	var res *bleve.SearchResult
	err := ix.guard(func() (err error) { res, err = ix.b.Search(req); return err })
	if err != nil {
		return Result{}, fmt.Errorf("cannot search: %w", err)
	}
	out := Result{Total: res.Total, Took: res.Took, Hits: []Hit{}, Facets: map[string][]FacetTerm{}}
	str := func(m map[string]interface{}, k string) string {
		s, _ := m[k].(string)
		return s
	}
	frags, err := ix.highlights(main, res.Hits, q.Style)
	if err != nil {
		return Result{}, err
	}
	for _, h := range res.Hits {
		hit := Hit{ID: h.ID, Score: h.Score, Type: str(h.Fields, "type"), Symbol: str(h.Fields, "symbol"),
			Year: str(h.Fields, "year"), Province: str(h.Fields, "province"), Subject: str(h.Fields, "subject"),
			Fragments: frags[h.ID]}
		out.Hits = append(out.Hits, hit)
	}
	if known {
		out.Facets = facets
		return out, nil
	}
	for name, f := range res.Facets {
		var terms []FacetTerm
		if f.Terms != nil {
			for _, t := range f.Terms.Terms() {
				terms = append(terms, FacetTerm{Term: t.Term, Count: t.Count})
			}
		}
		out.Facets[name] = terms
	}
	if st, err := ix.statusFacet(sets, main, res.Total); err != nil {
		return Result{}, err
	} else if st != nil {
		out.Facets["status"] = st
	}
	if sc != nil && len(sc.groups) > 0 {
		pl, err := ix.placeFacet(sc.groups, main)
		if err != nil {
			return Result{}, err
		}
		if len(pl) > 0 {
			out.Facets["place"] = pl
		}
	}
	return out, nil
}

// highlights are the highlighted fragments of the body of each of hits, by
// id: the query q again, narrowed to those documents, with the term
// locations that only the highlight needs. style is "html" (the default) or
// "ansi".
func (ix *Index) highlights(q query.Query, hits search.DocumentMatchCollection, style string) (map[string][]string, error) {
	if len(hits) == 0 {
		return nil, nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	if style == "" {
		style = "html"
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(q, bleve.NewDocIDQuery(ids)), len(ids), 0, false)
	req.Highlight = bleve.NewHighlightWithStyle(style)
	req.Highlight.AddField("body")
	var res *bleve.SearchResult
	err := ix.guard(func() (err error) { res, err = ix.b.Search(req); return err })
	if err != nil {
		return nil, fmt.Errorf("cannot highlight the hits: %w", err)
	}
	out := make(map[string][]string, len(res.Hits))
	for _, h := range res.Hits {
		out[h.ID] = h.Fragments["body"]
	}
	return out, nil
}

// placeFacet counts the hits of q in each unit below the place: one count
// per unit (a conjunction with its documents' ids, as the hiệu lực facet),
// the units with hits, most first.
func (ix *Index) placeFacet(groups []corpus.PlaceGroup, q query.Query) ([]FacetTerm, error) {
	var out []FacetTerm
	for _, g := range groups {
		req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(q, bleve.NewDocIDQuery(g.Keys)), 0, 0, false)
		var res *bleve.SearchResult
		err := ix.guard(func() (err error) { res, err = ix.b.Search(req); return err })
		if err != nil {
			return nil, fmt.Errorf("cannot count the hits of %s: %w", g.Name, err)
		}
		if res.Total > 0 {
			out = append(out, FacetTerm{Term: g.Slug, Label: g.Name, Count: int(res.Total)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out, nil
}
