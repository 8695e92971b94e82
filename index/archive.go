package index

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"vanban/corpus"
	"vanban/extract"
	"vanban/rules"
)

// Archive is the linked archive of one store directory: the SQLite database
// (package corpus, the truth), the search index, and the pipeline that
// fills them (extract → normalize → rules → identity → store → index). It
// is what `vanban serve`, the command line and a Go program embedding vanban
// call:
//
//	a, err := index.OpenArchive("vanban-data", index.ArchiveOptions{Create: true})
//	...
//	defer a.Close()
//	rep, _, err := a.Ingest(ctx, []string{"/archive/2023"}, index.IngestOptions{})
//	res, err := a.Search(ctx, index.Query{Text: "chi thi 33"})
//
// The database may be opened by many processes at once (SQLite WAL); the
// search index by one only (bleve holds a lock). The process that holds the
// index (a server, `ingest --watch`) answers the others through a Unix
// socket in the store directory (SocketPath).
type Archive struct {
	st  *corpus.Store
	ix  *Index // nil when the archive was opened without its index
	dir string

	syncMu sync.Mutex   // one index sync at a time
	ixMu   sync.RWMutex // searches (read) against Reindex replacing the index (write)
	ixErr  error        // why the index could not be opened (ErrDamaged, ErrBusy), for Search's fallback

	statusMu  sync.Mutex // one refresh of the hiệu lực sets at a time
	statusGen uint64     // the index generation they were read at
	statusIx  *Index

	placeMu  sync.Mutex             // the places read for searches
	placeGen uint64                 // the index generation they were read at
	placeIx  *Index                 //
	places   map[string]*placeScope // by place and province filter

	resolved resolveCache // REFs resolved, until the store changes
}

// ArchiveOptions say how to open an archive.
type ArchiveOptions struct {
	// Create makes the store when the directory does not exist; otherwise a
	// missing store is an error (a query on nothing is a mistake).
	Create bool
	// Index opens the search index too (exclusive: one process at a time).
	Index bool
}

// OpenArchive opens the store in dir.
func OpenArchive(dir string, opt ArchiveOptions) (*Archive, error) {
	if !opt.Create && !corpus.IsPostgres(dir) {
		if _, err := os.Stat(filepath.Join(dir, corpus.DBName)); err != nil {
			return nil, fmt.Errorf("cannot open the store %s (run 'vanban ingest' first): %w", dir, err)
		}
	}
	st, err := corpus.Open(dir)
	if err != nil {
		return nil, err
	}
	// The local directory: the store's for SQLite, where a PostgreSQL
	// store keeps its search index (corpus.LocalDir).
	a := &Archive{st: st, dir: st.Dir()}
	if opt.Index {
		if err := a.OpenIndex(); err != nil {
			st.Close()
			return nil, err
		}
	}
	return a, nil
}

// OpenIndex opens the search index of an archive opened without it and
// brings it up to date with the database (whoever holds the index keeps it
// following the database). An index another process holds is an error
// wrapping ErrBusy; a damaged one, wrapping ErrDamaged (the archive then
// answers symbol searches from the database: Search).
func (a *Archive) OpenIndex() error {
	a.ixMu.Lock()
	if a.ix != nil {
		a.ixMu.Unlock()
		return nil
	}
	ix, err := Open(Path(a.dir))
	a.ixErr = err
	a.ix = ix
	a.ixMu.Unlock()
	if err != nil {
		return err
	}
	_, err = a.Sync(context.Background())
	return err
}

// HasIndex says whether this archive holds its search index.
func (a *Archive) HasIndex() bool { return a.ix != nil }

// Store is the database, for queries the archive does not wrap (export).
func (a *Archive) Store() *corpus.Store { return a.st }

// Dir is the store directory.
func (a *Archive) Dir() string { return a.dir }

// Close closes the index and the database.
func (a *Archive) Close() error {
	var err error
	if a.ix != nil {
		err = a.ix.Close()
		a.ix = nil
	}
	if cerr := a.st.Close(); err == nil {
		err = cerr
	}
	return err
}

// SocketName is the Unix socket through which the process holding a store's
// index answers the others.
const SocketName = "vanban.sock"

// SocketPath is the socket path of a store directory.
func SocketPath(storeDir string) string {
	return filepath.Join(corpus.LocalDir(storeDir), SocketName)
}

// IngestOptions tune an ingest run of an archive.
type IngestOptions struct {
	Workers  int           // files processed in parallel, and OCR processes at once (0: all cores)
	Timeout  time.Duration // deadline per file (0: 10 min)
	MaxBytes int64         // larger files fail as too_large (0: extract.DefaultMaxBytes)
	OCR      extract.OCRMode
	Force    bool
	Progress func(corpus.Progress)
}

// IndexEvery is how often a running ingest hands pending documents to the
// index. A bleve batch has a fixed cost (it is persisted before it returns),
// so one batch per document would make the index the bottleneck.
const IndexEvery = 5 * time.Second

// Ingest runs the pipeline over files and folders (recursively) and stores
// the records; each file goes through the isolation of corpus.Ingest (a
// deadline, a size limit, panics recovered). When the archive holds its
// index, a goroutine feeds it while the run goes on, so indexing overlaps
// extraction and storing. indexErr says the index is behind (the database
// is the truth: the documents stay marked unindexed for the next sync).
func (a *Archive) Ingest(ctx context.Context, paths []string, opt IngestOptions) (rep corpus.Report, indexErr, err error) {
	if opt.MaxBytes == 0 {
		opt.MaxBytes = extract.DefaultMaxBytes
	}
	if opt.OCR == "" {
		opt.OCR = extract.OCRAuto
	}
	// One pool of OCR processes for the run, as many as files at once (one
	// per core by default): a file's pages and the files in flight share
	// it, so a batch of scans never runs more tesseracts than that.
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	pool := extract.NewPool(workers)
	stages := &corpus.Stages{}
	copt := corpus.IngestOptions{
		Stages:   stages,
		Workers:  opt.Workers,
		Timeout:  opt.Timeout,
		MaxBytes: opt.MaxBytes,
		Exclude:  a.dir,
		Force:    opt.Force,
		Progress: opt.Progress,
		Process: func(ctx context.Context, path string, data []byte) (rules.Document, error) {
			return Process(ctx, path, data, extract.Options{OCR: opt.OCR, MaxBytes: opt.MaxBytes, OCRPool: pool})
		},
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
	if a.ix != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tick := time.NewTicker(IndexEvery)
			defer tick.Stop()
			catchUp := func() {
				// Also catches up with what an interrupted run left unindexed.
				t0 := time.Now()
				if _, err := a.Sync(context.WithoutCancel(ctx)); err != nil && indexErr == nil {
					indexErr = err
				}
				stages.Since(corpus.StageIndex, t0)
			}
			for {
				select {
				case <-tick.C:
					catchUp()
				case <-done:
					catchUp()
					return
				}
			}
		}()
	}
	start := corpus.ProcessUsage()
	rep, err = a.st.Ingest(ctx, paths, copt)
	close(done)
	wg.Wait()
	// The run's cost includes the index's last catch-up.
	res := corpus.ProcessUsage().Since(start)
	rep.Resources = &res
	rep.StageSeconds = stages.Seconds()
	rep.StoreBytes = StoreBytes(a.dir)
	return rep, indexErr, err
}

// ErrNoIndex is returned by a search on an archive opened without its index.
var ErrNoIndex = errors.New("the search index is not open in this process")

// SearchResult is a Result with what the database adds: how many documents
// are not in the index yet.
type SearchResult struct {
	Result
	Pending int `json:"pending,omitempty"`
	// Warning says the answer came from the database, not the search
	// index (which could not be opened), and why.
	Warning string `json:"warning,omitempty"`
}

// Search runs a query on the index and adds to each hit how many documents
// cite it.
func (a *Archive) Search(ctx context.Context, q Query) (SearchResult, error) {
	a.ixMu.RLock()
	if a.ix == nil {
		why := a.ixErr
		a.ixMu.RUnlock()
		if why == nil {
			return SearchResult{}, ErrNoIndex
		}
		return a.searchDatabase(ctx, q, why)
	}
	sets, err := a.refreshStatus(ctx, a.ix)
	if err != nil {
		a.ixMu.RUnlock()
		return SearchResult{}, err
	}
	sc, err := a.placeScope(ctx, a.ix, q)
	if err != nil {
		a.ixMu.RUnlock()
		return SearchResult{}, err
	}
	res, err := a.ix.searchScoped(q, sc)
	a.ixMu.RUnlock()
	if err != nil {
		return SearchResult{}, err
	}
	out := SearchResult{Result: res}
	keys := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		keys[i] = h.ID
	}
	counts, err := a.st.CitedByCounts(ctx, keys)
	if err != nil {
		return out, err
	}
	for i := range out.Hits {
		out.Hits[i].CitedBy = counts[out.Hits[i].ID]
		out.Hits[i].Status = sets.of[out.Hits[i].ID]
	}
	out.Pending, _ = a.Pending(ctx)
	return out, nil
}

// placeScopes bounds the places kept for searches (each holds the keys of
// a place's documents: a province may have thousands).
const placeScopes = 32

// placeScope reads from the store what a query's place needs: the
// documents of the place filter (the index knows provinces only) and the
// units one level below the place, or below the province filter, with
// their documents (the "place" facet: tỉnh → huyện → xã). Nil for a query
// with neither. Kept until the index changes.
func (a *Archive) placeScope(ctx context.Context, ix *Index, q Query) (*placeScope, error) {
	if q.Place == "" && q.Province == "" {
		return nil, nil
	}
	key := q.Place + "\x00" + q.Province
	a.placeMu.Lock()
	defer a.placeMu.Unlock()
	if gen := ix.Generation(); a.places == nil || a.placeGen != gen || a.placeIx != ix || len(a.places) >= placeScopes {
		a.places, a.placeGen, a.placeIx = map[string]*placeScope{}, gen, ix
	}
	if sc, ok := a.places[key]; ok {
		return sc, nil
	}
	sc := &placeScope{}
	var parents []string
	if q.Place != "" {
		places, err := corpus.ParsePlace(q.Place)
		if err != nil {
			return nil, err
		}
		sc.filter = true
		if sc.keys, err = a.st.PlaceKeys(ctx, places); err != nil {
			return nil, err
		}
		parents = places
	} else {
		// A province filter the table names (an alias too) is its slug.
		parents, _ = corpus.ParsePlace(q.Province)
	}
	if len(parents) == 1 && strings.Count(parents[0], "/") < 2 {
		var err error
		if sc.groups, err = a.st.PlaceChildren(ctx, parents[0]); err != nil {
			return nil, err
		}
	}
	a.places[key] = sc
	return sc, nil
}

// Resolve finds the one document text names (a REF as a person types it,
// an id, or the path of an ingested file). Several matches are a
// *corpus.AmbiguousError whose candidates are ranked (RankCandidates); none
// is a *corpus.NotFoundError (Suggest gives the closest stored symbols).
func (a *Archive) Resolve(ctx context.Context, text string) (corpus.DocInfo, error) {
	return a.ResolveIn(ctx, text, "")
}

// ResolveIn is Resolve narrowed to a place (a province, district or commune
// as people type it; "" for anywhere).
func (a *Archive) ResolveIn(ctx context.Context, text, place string) (corpus.DocInfo, error) {
	// The answer is kept until the store's change log moves (every
	// document stored, parsed again, corrected or forgotten moves it):
	// the search page resolves what is typed in its box, and a symbol
	// shared by hundreds of documents costs a query of all of them.
	seq, err := a.st.LastChange(ctx)
	if err != nil {
		return corpus.DocInfo{}, err
	}
	key := [2]string{text, place}
	if r, ok := a.resolved.get(seq, key); ok {
		return r.d, r.err
	}
	d, err := a.st.ResolveIn(ctx, text, place)
	var amb *corpus.AmbiguousError
	if errors.As(err, &amb) {
		RankCandidates(text, amb.Candidates)
	}
	a.resolved.put(seq, key, resolution{d, err})
	return d, err
}

// resolveCache keeps REFs resolved at one version of the store (the last
// number of its change log): their documents, or the error saying none
// or several match; the least recently asked go first when it is full (a
// document page resolves its id: a thousand pages must not push out the
// symbols people search). Other errors (the database failed) are not kept.
type resolveCache struct {
	mu    sync.Mutex
	seq   int64
	m     map[[2]string]*list.Element // values are *resolveEntry
	order *list.List                  // most recently asked first
}

type resolveEntry struct {
	key [2]string
	r   resolution
}

type resolution struct {
	d   corpus.DocInfo
	err error
}

// resolveCacheSize bounds the REFs kept (each ambiguous one holds its
// candidates: a few hundred rows at most).
const resolveCacheSize = 512

func (c *resolveCache) get(seq int64, key [2]string) (resolution, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seq != seq {
		return resolution{}, false
	}
	el, ok := c.m[key]
	if !ok {
		return resolution{}, false
	}
	c.order.MoveToFront(el)
	r := el.Value.(*resolveEntry).r
	var amb *corpus.AmbiguousError
	if errors.As(r.err, &amb) { // the caller may reorder or trim its copy
		r.err = &corpus.AmbiguousError{Text: amb.Text, Candidates: slices.Clone(amb.Candidates)}
	}
	return r, true
}

func (c *resolveCache) put(seq int64, key [2]string, r resolution) {
	var amb *corpus.AmbiguousError
	var nf *corpus.NotFoundError
	if r.err != nil && !errors.As(r.err, &amb) && !errors.As(r.err, &nf) && !errors.Is(r.err, corpus.ErrNoRef) {
		return
	}
	if amb != nil {
		r.err = &corpus.AmbiguousError{Text: amb.Text, Candidates: slices.Clone(amb.Candidates)}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seq != seq || c.m == nil {
		c.seq, c.m, c.order = seq, map[[2]string]*list.Element{}, list.New()
	}
	if el, ok := c.m[key]; ok {
		el.Value.(*resolveEntry).r = r
		c.order.MoveToFront(el)
		return
	}
	c.m[key] = c.order.PushFront(&resolveEntry{key, r})
	for c.order.Len() > resolveCacheSize {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.m, last.Value.(*resolveEntry).key)
	}
}

// RankCandidates orders the documents an ambiguous REF matches: the exact
// symbol as typed first, then documents over stubs, then the most recent.
func RankCandidates(text string, ds []corpus.DocInfo) {
	typed := corpus.Fold(text)
	exact := func(d corpus.DocInfo) bool {
		return d.Symbol != "" && strings.Contains(typed, corpus.Fold(d.Symbol))
	}
	sort.SliceStable(ds, func(i, j int) bool {
		if ei, ej := exact(ds[i]), exact(ds[j]); ei != ej {
			return ei
		}
		if di, dj := ds[i].State == corpus.StateDocument, ds[j].State == corpus.StateDocument; di != dj {
			return di
		}
		if ds[i].Date != ds[j].Date {
			return ds[i].Date > ds[j].Date
		}
		return ds[i].Year > ds[j].Year
	})
}

// Suggest lists up to n stored symbols closest to what was typed, for a REF
// that matches nothing.
func (a *Archive) Suggest(ctx context.Context, text string, n int) ([]corpus.DocInfo, error) {
	return a.st.ClosestSymbols(ctx, text, n)
}

// Shown is one document as `show --json` and GET /api/documents/{id} give
// it: the record of the contract (with corrections applied), its state, its
// references with where they resolved, and what cites it.
type Shown struct {
	rules.Document
	State     string            `json:"state"`
	Links     []corpus.Link     `json:"links"`
	CitedBy   []corpus.Citation `json:"cited_by"`
	Overrides []corpus.Override `json:"overrides,omitempty"`
}

// Show gives a stored document with its links and citers.
func (a *Archive) Show(ctx context.Context, d corpus.DocInfo, withText bool) (Shown, error) {
	rec, err := a.st.Record(ctx, d, withText)
	if err != nil {
		return Shown{}, err
	}
	if rec.Source.Path == "" {
		rec.Source.Path = d.Path
	}
	if rec.Status, err = a.st.Status(ctx, d); err != nil {
		return Shown{}, err
	}
	cited, err := a.st.Cites(ctx, []corpus.DocInfo{d}, corpus.Filter{})
	if err != nil {
		return Shown{}, err
	}
	if cited == nil {
		cited = []corpus.Citation{}
	}
	links, err := a.st.Links(ctx, d)
	if err != nil {
		return Shown{}, err
	}
	if links == nil {
		links = []corpus.Link{}
	}
	ovs, err := a.st.ActiveOverrides(ctx, []string{d.Key})
	if err != nil {
		return Shown{}, err
	}
	ApplyOverrides(&rec, ovs[d.Key])
	return Shown{Document: rec, State: d.State, Links: links, CitedBy: cited, Overrides: ovs[d.Key]}, nil
}

// Cites resolves REF and lists the documents that cite it. Besides one
// document it accepts one special kind of multiple match: stubs of the same
// symbol and jurisdiction of which at most one has a year ("05-CT/TW" cited
// once with its date and elsewhere without). They are one citation written
// with and without a year, not several documents; the citers of each are
// listed, naming the stub each one points at.
func (a *Archive) Cites(ctx context.Context, ref string, f corpus.Filter) ([]corpus.DocInfo, []corpus.Citation, error) {
	if err := ValidateFilter(f); err != nil {
		return nil, nil, err
	}
	d, err := a.Resolve(ctx, ref)
	var targets []corpus.DocInfo
	var amb *corpus.AmbiguousError
	switch {
	case errors.As(err, &amb) && sameCitation(amb.Candidates):
		targets = append(targets, amb.Candidates...)
		sort.SliceStable(targets, func(i, j int) bool { return targets[i].Year > targets[j].Year })
	case err != nil:
		return nil, nil, err
	default:
		targets = []corpus.DocInfo{d}
	}
	cs, err := a.st.Cites(ctx, targets, f)
	if err != nil {
		return nil, nil, err
	}
	if cs == nil {
		cs = []corpus.Citation{}
	}
	return targets, cs, nil
}

func sameCitation(ds []corpus.DocInfo) bool {
	dated := 0
	for _, d := range ds {
		if d.State == corpus.StateDocument || d.Juris != ds[0].Juris || corpus.FoldSymbol(d.Symbol) != corpus.FoldSymbol(ds[0].Symbol) {
			return false
		}
		if d.Year > 0 {
			dated++
		}
	}
	return dated <= 1
}

// Trace walks the implementation graph from d: up to what it implements,
// or down to what implements it, at most depth levels (0: all).
func (a *Archive) Trace(ctx context.Context, d corpus.DocInfo, up bool, depth int) ([]corpus.TraceNode, error) {
	return a.st.Trace(ctx, d, up, depth)
}

// InvalidValueError is a filter value that no stored or known value can
// match: an unknown type, relation or province. It lists the accepted ones.
type InvalidValueError struct {
	Field    string
	Value    string
	Accepted []string
}

func (e *InvalidValueError) Error() string {
	return fmt.Sprintf("unknown %s %q; accepted: %s", e.Field, e.Value, strings.Join(e.Accepted, ", "))
}

// Relations are the relation names of the contract, strongest first.
var Relations = []string{string(rules.Implements), string(rules.Basis), string(rules.Guides), string(rules.Amends),
	string(rules.Replaces), string(rules.Repeals), string(rules.Cites)}

// ValidateFilter checks a filter's type, relation and province against the
// tables of package rules (folded, so "ke hoach" is "Kế hoạch").
func ValidateFilter(f corpus.Filter) error {
	t := rules.DefaultTables()
	if f.Type != "" {
		var names []string
		ok := false
		for _, dt := range t.Types {
			names = append(names, dt.Name)
			if corpus.Fold(dt.Name) == corpus.Fold(f.Type) {
				ok = true
			}
		}
		if !ok {
			return &InvalidValueError{Field: "type", Value: f.Type, Accepted: uniqueSorted(names)}
		}
	}
	if f.Relation != "" {
		ok := false
		for _, r := range Relations {
			if r == f.Relation {
				ok = true
			}
		}
		if !ok {
			return &InvalidValueError{Field: "relation", Value: f.Relation, Accepted: Relations}
		}
	}
	if f.Province != "" {
		var names []string
		ok := false
		want := corpus.Slug(f.Province)
		for _, p := range t.Provinces {
			names = append(names, p.Name)
			if corpus.Slug(p.Name) == want {
				ok = true
			}
			for _, al := range p.Aliases {
				if corpus.Slug(al) == want {
					ok = true
				}
			}
		}
		if !ok {
			return &InvalidValueError{Field: "province", Value: f.Province, Accepted: uniqueSorted(names)}
		}
	}
	return nil
}

func uniqueSorted(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
