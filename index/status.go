package index

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"vanban/rules"
)

// StatusInForce is the hiệu lực of a document no stored document amends,
// replaces or repeals ("còn hiệu lực" as far as the store knows).
const StatusInForce = "in-force"

// StatusStates are the values of Query.Status and of the "status" facet:
// rules.Status.State, and StatusInForce.
var StatusStates = []string{"replaced", "repealed", "partly-replaced", "partly-repealed", "amended", StatusInForce}

// statusSets are the documents of each hiệu lực the graph knows (the
// index holds no status: it changes when another document arrives, without
// a new version of the document itself).
type statusSets struct {
	byState map[string][]string
	all     []string
	of      map[string]*rules.Status
}

// setStatus replaces the documents of each hiệu lực and forgets the answers
// computed without them.
func (ix *Index) setStatus(s *statusSets) {
	ix.statusMu.Lock()
	ix.status = s
	ix.statusMu.Unlock()
	ix.cache.clear()
}

func (ix *Index) statusOf() *statusSets {
	ix.statusMu.RLock()
	defer ix.statusMu.RUnlock()
	return ix.status
}

// Generation counts the writes to the index (what its answers depend on).
func (ix *Index) Generation() uint64 {
	ix.cache.mu.Lock()
	defer ix.cache.mu.Unlock()
	return ix.cache.gen
}

// statusFilter is the query keeping the documents of one hiệu lực.
func statusFilter(s *statusSets, state string) query.Query {
	if state == StatusInForce {
		if s == nil || len(s.all) == 0 {
			return nil
		}
		b := bleve.NewBooleanQuery()
		b.AddMust(bleve.NewMatchAllQuery())
		b.AddMustNot(bleve.NewDocIDQuery(s.all))
		return b
	}
	var ids []string
	if s != nil {
		ids = s.byState[state]
	}
	return bleve.NewDocIDQuery(ids) // none: matches nothing
}

// statusFacet counts the hits of q of each hiệu lực: one count per state
// the graph knows (a conjunction with a short list of ids, cheap), the rest
// in force. Nil when no stored document has a status.
func (ix *Index) statusFacet(s *statusSets, q query.Query, total uint64) ([]FacetTerm, error) {
	if s == nil || len(s.all) == 0 {
		return nil, nil
	}
	var out []FacetTerm
	acted := 0
	for _, state := range StatusStates[:len(StatusStates)-1] {
		ids := s.byState[state]
		if len(ids) == 0 {
			continue
		}
		req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(q, bleve.NewDocIDQuery(ids)), 0, 0, false)
		res, err := ix.b.Search(req)
		if err != nil {
			return nil, fmt.Errorf("cannot count the hiệu lực %s: %w", state, err)
		}
		if res.Total > 0 {
			out = append(out, FacetTerm{Term: state, Count: int(res.Total)})
			acted += int(res.Total)
		}
	}
	if rest := int(total) - acted; rest > 0 {
		out = append([]FacetTerm{{Term: StatusInForce, Count: rest}}, out...)
	}
	return out, nil
}

// refreshStatus recomputes the documents of each hiệu lực when the index
// changed since they were read (a new document may amend, replace or
// repeal a stored one).
func (a *Archive) refreshStatus(ctx context.Context, ix *Index) (*statusSets, error) {
	a.statusMu.Lock()
	defer a.statusMu.Unlock()
	gen := ix.Generation()
	if s := ix.statusOf(); s != nil && a.statusGen == gen && a.statusIx == ix {
		return s, nil
	}
	ds, err := a.st.ActedOn(ctx)
	if err != nil {
		return nil, err
	}
	s := &statusSets{byState: map[string][]string{}, of: map[string]*rules.Status{}}
	for _, d := range ds {
		st, err := a.st.Status(ctx, d)
		if err != nil {
			return nil, err
		}
		if st == nil {
			continue
		}
		s.of[d.Key] = st
		s.byState[st.State] = append(s.byState[st.State], d.Key)
		s.all = append(s.all, d.Key)
	}
	ix.setStatus(s)
	a.statusGen, a.statusIx = gen, ix
	return s, nil
}

// ValidStatus says whether state is a value of Query.Status.
func ValidStatus(state string) error {
	for _, s := range StatusStates {
		if s == state {
			return nil
		}
	}
	return &InvalidValueError{Field: "status", Value: state, Accepted: StatusStates}
}
