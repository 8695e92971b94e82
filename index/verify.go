package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"

	"vanban/corpus"
)

// VerifyResult is what Verify found.
type VerifyResult struct {
	Problems  []corpus.Problem `json:"problems"`
	Files     int              `json:"files"`     // files checked
	Documents int              `json:"documents"` // documents in the database
	Indexed   int              `json:"indexed"`   // documents in the search index
	// Lag is how many changed documents the index has not applied yet
	// (the process holding it applies them as it goes).
	Lag int `json:"lag"`
	// Compared is how many index entries were compared field by field
	// with the database; Sample says they were a random sample (else all).
	Compared int  `json:"compared"`
	Sample   bool `json:"sample"`
}

// VerifySample is how many index entries Verify compares with the database
// unless asked for all.
const VerifySample = 200

// Verify is VerifyWith comparing a sample of the index entries.
func (a *Archive) Verify(ctx context.Context, files bool) (VerifyResult, error) {
	return a.VerifyWith(ctx, files, false)
}

// VerifyWith checks fixity (every recorded path still has its checksum,
// unless files is false), the database, and the search index against the
// database: the ids it holds, how far behind the change log it is, and the
// stored fields of its entries (every entry when full, else VerifySample
// of them). An index that could not be opened because it is damaged is a
// problem naming the damage, not an error: the rest is still checked.
func (a *Archive) VerifyWith(ctx context.Context, files, full bool) (VerifyResult, error) {
	var r VerifyResult
	r.Problems = []corpus.Problem{}
	db, err := a.st.CheckDatabase(ctx)
	if err != nil {
		return r, err
	}
	r.Problems = append(r.Problems, db...)
	if files {
		fp, n, err := a.st.CheckFiles(ctx)
		if err != nil {
			return r, err
		}
		r.Problems = append(r.Problems, fp...)
		r.Files = n
	}
	stats, err := a.st.Stats(ctx)
	if err != nil {
		return r, err
	}
	r.Documents = stats.Documents
	a.ixMu.RLock()
	defer a.ixMu.RUnlock()
	if a.ix == nil {
		if a.ixErr != nil {
			r.Problems = append(r.Problems, corpus.Problem{Check: "index", Message: a.ixErr.Error()})
			return r, nil
		}
		return r, ErrNoIndex
	}
	ip, err := a.checkIndex(ctx, &r, full)
	if err != nil {
		// A failure reading the index is the damage verify must name.
		ip = append(ip, corpus.Problem{Check: "index", Message: err.Error()})
	}
	r.Problems = append(r.Problems, ip...)
	return r, nil
}

func (a *Archive) checkIndex(ctx context.Context, r *VerifyResult, full bool) ([]corpus.Problem, error) {
	seq, _, err := a.ix.Seq()
	if err != nil {
		return nil, err
	}
	if r.Lag, err = a.st.ChangesAfter(ctx, seq); err != nil {
		return nil, err
	}
	want, err := a.st.DocumentKeys(ctx)
	if err != nil {
		return nil, err
	}
	have, err := a.ix.IDs()
	if err != nil {
		return nil, err
	}
	r.Indexed = len(have)
	advice := "run 'vanban reindex'"
	if r.Lag > 0 {
		advice = fmt.Sprintf("the index has %d changes to apply; if it stays, run 'vanban reindex'", r.Lag)
	}
	var ip []corpus.Problem
	var both []string
	for k := range want {
		if !have[k] {
			ip = append(ip, corpus.Problem{Check: "index", Key: k, Message: "in the database, not in the search index (" + advice + ")"})
		} else {
			both = append(both, k)
		}
	}
	for k := range have {
		if !want[k] {
			ip = append(ip, corpus.Problem{Check: "index", Key: k, Message: "in the search index, not in the database (" + advice + ")"})
		}
	}
	sort.Strings(both)
	if !full && len(both) > VerifySample {
		rand.Shuffle(len(both), func(i, j int) { both[i], both[j] = both[j], both[i] })
		both = both[:VerifySample]
		r.Sample = true
	}
	r.Compared = len(both)
	for len(both) > 0 {
		n := min(len(both), 500)
		part := both[:n]
		both = both[n:]
		xs, err := a.st.Indexables(ctx, part)
		if err != nil {
			return ip, err
		}
		list := make([]corpus.Indexable, 0, len(xs))
		for _, k := range part {
			if x, ok := xs[k]; ok {
				list = append(list, x)
			}
		}
		docs, err := indexDocs(ctx, a.st, list)
		if err != nil {
			return ip, err
		}
		for _, d := range docs {
			got, err := a.ix.Stored(d.ID)
			if err != nil {
				return ip, err
			}
			if f := differs(fieldsOf(d), got); f != "" {
				ip = append(ip, corpus.Problem{Check: "index", Key: d.ID, Message: "the search index holds another " + f + " than the database (" + advice + ")"})
			}
		}
	}
	sort.Slice(ip, func(i, j int) bool { return ip[i].Key < ip[j].Key })
	return ip, nil
}

// differs names the first stored field of the index entry got that is not
// the one want (the database's), or "".
func differs(want fields, got map[string]string) string {
	for _, f := range []struct{ name, want string }{{"type", want.Type}, {"symbol", want.Symbol}, {"year", want.Year},
		{"province", want.Province}, {"subject", want.Subject}, {"issuer", want.Issuer}, {"body", want.Body}} {
		if got[f.name] != f.want {
			return f.name
		}
	}
	return ""
}
