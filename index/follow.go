package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"vanban/corpus"
)

// SyncBatch is how many changed documents one bleve batch of Sync or
// Reindex carries. The sequence logic does not depend on it.
var SyncBatch = 200

// Sync brings the search index up to date with the database: it applies
// the database's change log from the sequence number the index recorded,
// in batches that each record their last number with the documents
// (corpus/changes.go). It returns how many documents it indexed. Without an
// index it does nothing. An index that recorded no number but holds
// documents (made before the change log) first drops the documents the
// database does not hold, then takes every document again.
func (a *Archive) Sync(ctx context.Context) (int, error) {
	a.syncMu.Lock()
	defer a.syncMu.Unlock()
	a.ixMu.RLock()
	ix := a.ix
	a.ixMu.RUnlock()
	if ix == nil {
		return 0, nil
	}
	return follow(ctx, a.st, ix)
}

func follow(ctx context.Context, st *corpus.Store, ix *Index) (int, error) {
	seq, ok, err := ix.Seq()
	if err != nil {
		return 0, err
	}
	if !ok {
		if err := dropStrays(ctx, st, ix); err != nil {
			return 0, err
		}
	}
	n := 0
	for {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		chs, err := st.Changes(ctx, seq, SyncBatch)
		if err != nil {
			return n, err
		}
		if len(chs) == 0 {
			return n, nil
		}
		keys := make([]string, len(chs))
		for i, c := range chs {
			keys[i] = c.Key
		}
		xs, err := st.Indexables(ctx, keys)
		if err != nil {
			return n, err
		}
		var puts []corpus.Indexable
		var dels []string
		for _, k := range keys {
			if x, ok := xs[k]; ok {
				puts = append(puts, x)
			} else {
				dels = append(dels, k)
			}
		}
		docs, err := indexDocs(ctx, st, puts)
		if err != nil {
			return n, err
		}
		hi := chs[len(chs)-1].Seq
		if err := ix.Apply(docs, dels, hi); err != nil {
			return n, err
		}
		seq = hi
		n += len(docs)
	}
}

// dropStrays deletes from the index the documents the database does not
// hold.
func dropStrays(ctx context.Context, st *corpus.Store, ix *Index) error {
	have, err := ix.IDs()
	if err != nil || len(have) == 0 {
		return err
	}
	want, err := st.DocumentKeys(ctx)
	if err != nil {
		return err
	}
	var strays []string
	for k := range have {
		if !want[k] {
			strays = append(strays, k)
		}
	}
	return ix.Delete(strays)
}

// indexDocs is what the index holds of documents: their identity line with
// people's corrections applied, and their text.
func indexDocs(ctx context.Context, st *corpus.Store, xs []corpus.Indexable) ([]Doc, error) {
	keys := make([]string, len(xs))
	for i, x := range xs {
		keys[i] = x.Doc.Key
	}
	ovs, err := st.ActiveOverrides(ctx, keys)
	if err != nil {
		return nil, err
	}
	docs := make([]Doc, len(xs))
	for i, x := range xs {
		d := CorrectedInfo(x.Doc, ovs[x.Doc.Key])
		docs[i] = Doc{ID: d.Key, Type: d.Type, Symbol: d.Symbol, Year: d.Year, Province: d.Province,
			Issuer: d.Issuer, Subject: d.Subject, Body: x.Text}
	}
	return docs, nil
}

// Pending counts the documents changed in the database that the index has
// not applied yet (0 without an index).
func (a *Archive) Pending(ctx context.Context) (int, error) {
	a.ixMu.RLock()
	ix := a.ix
	a.ixMu.RUnlock()
	if ix == nil {
		return 0, nil
	}
	seq, _, err := ix.Seq()
	if err != nil {
		return 0, err
	}
	return a.st.ChangesAfter(ctx, seq)
}

// Reindex rebuilds the search index from the database into a new directory
// beside it and swaps it in (an atomic exchange of the two directories),
// without ever opening the old index with bleve: a damaged index is
// replaced as well as a sound one. Another process holding the index makes
// it fail with ErrBusy. It returns how many documents the new index holds.
func (a *Archive) Reindex(ctx context.Context) (int, error) {
	a.syncMu.Lock()
	a.ixMu.Lock()
	if a.ix != nil {
		a.ix.Close()
		a.ix = nil
	}
	path := Path(a.dir)
	n, err := rebuild(ctx, a.st, path)
	if err == nil {
		a.ix, err = Open(path)
	}
	a.ixErr = err
	a.ixMu.Unlock()
	a.syncMu.Unlock()
	if err != nil {
		return n, err
	}
	m, err := a.Sync(ctx)
	return n + m, err
}

// rebuild makes a new index of every document of st at path.
func rebuild(ctx context.Context, st *corpus.Store, path string) (int, error) {
	unlock, err := lockIndex(path)
	if err != nil {
		return 0, err
	}
	defer unlock()
	tmp := path + ".new"
	if err := os.RemoveAll(tmp); err != nil {
		return 0, fmt.Errorf("cannot clear %s: %w", tmp, err)
	}
	ix, err := Open(tmp)
	if err != nil {
		return 0, err
	}
	// The number first: what changes while the documents are read is
	// applied again by the next Sync.
	hi, err := st.LastChange(ctx)
	n := 0
	var after int64
	for err == nil {
		if err = ctx.Err(); err != nil {
			break
		}
		var xs []corpus.Indexable
		if xs, err = st.IndexablesAfter(ctx, after, SyncBatch); err != nil || len(xs) == 0 {
			break
		}
		var docs []Doc
		if docs, err = indexDocs(ctx, st, xs); err != nil {
			break
		}
		if err = ix.Apply(docs, nil, 0); err != nil {
			break
		}
		after = xs[len(xs)-1].Doc.Row
		n += len(docs)
	}
	if err == nil {
		err = ix.Apply(nil, nil, max(hi, 1))
	}
	if cerr := ix.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(tmp)
		return 0, fmt.Errorf("cannot rebuild the search index: %w", err)
	}
	if err := swapDirs(tmp, path); err != nil {
		return 0, err
	}
	return n, nil
}

// swapDirs puts the directory tmp in place of path and removes what path
// was: one atomic exchange (renameat2 RENAME_EXCHANGE) where the system
// has it, else two renames.
func swapDirs(tmp, path string) error {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("cannot put the new search index in place: %w", err)
		}
		return nil
	}
	old := tmp
	if err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, path, unix.RENAME_EXCHANGE); err != nil {
		old = path + ".old"
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("cannot clear %s: %w", old, err)
		}
		if err := os.Rename(path, old); err != nil {
			return fmt.Errorf("cannot move the old search index aside: %w", err)
		}
		if err := os.Rename(tmp, path); err != nil {
			return fmt.Errorf("cannot put the new search index in place: %w", err)
		}
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("cannot remove the old search index %s: %w", old, err)
	}
	return nil
}

// lockIndex takes the lock bleve takes on an index (an exclusive flock of
// store/root.bolt) without opening it, waiting at most BoltTimeout: a
// rebuild must not pull an index from under a process that has it open.
// An index without root.bolt has no lock to take.
func lockIndex(path string) (func(), error) {
	f, err := os.OpenFile(filepath.Join(path, "store", "root.bolt"), os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return func() {}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot lock the search index: %w", err)
	}
	timeout, _ := time.ParseDuration(BoltTimeout)
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { f.Close() }, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("cannot lock the search index: %w", err)
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, busyError(path, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// searchDatabase answers a search while the index is unusable (why): a
// symbol is resolved in the database, and the hits are the documents it
// names and the documents citing them; any other query fails with why.
func (a *Archive) searchDatabase(ctx context.Context, q Query, why error) (SearchResult, error) {
	text := strings.TrimSpace(q.Text)
	if !looksLikeSymbol(text) {
		return SearchResult{}, why
	}
	out := SearchResult{Result: Result{Hits: []Hit{}, Facets: map[string][]FacetTerm{}},
		Warning: fmt.Sprintf("%v; answered from the database: the documents of this symbol and those citing them", why)}
	d, err := a.ResolveIn(ctx, text, q.Place)
	var targets []corpus.DocInfo
	var amb *corpus.AmbiguousError
	var nf *corpus.NotFoundError
	switch {
	case errors.As(err, &amb):
		targets = amb.Candidates
	case errors.As(err, &nf):
		return out, nil
	case err != nil:
		return SearchResult{}, err
	default:
		targets = []corpus.DocInfo{d}
	}
	cs, err := a.st.Cites(ctx, targets, corpus.Filter{})
	if err != nil {
		return SearchResult{}, err
	}
	seen := map[string]bool{}
	add := func(d corpus.DocInfo) {
		if d.State != corpus.StateDocument || seen[d.Key] {
			return
		}
		seen[d.Key] = true
		h := Hit{ID: d.Key, Type: d.Type, Symbol: d.Symbol, Province: d.Province, Subject: d.Subject}
		if d.Year > 0 {
			h.Year = strconv.Itoa(d.Year)
		}
		out.Hits = append(out.Hits, h)
	}
	for _, t := range targets {
		add(t)
	}
	for _, c := range cs {
		add(c.Citing)
	}
	out.Total = uint64(len(out.Hits))
	size := q.Size
	if size <= 0 {
		size = 10
	}
	if len(out.Hits) > size {
		out.Hits = out.Hits[:size]
	}
	return out, nil
}
