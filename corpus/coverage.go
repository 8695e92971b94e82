package corpus

import (
	"context"
	"fmt"
	"sort"
	"time"

	"vanban/rules"
)

// Coverage answers "who was told to act on DOC, and who has": the bodies DOC
// expects to implement it (rules.ExpectedImplementers) with the stored
// documents each has issued that implement DOC, directly or through a
// document that implements it (edges with relation implements, walked
// down), with their delay in days since DOC.
type Coverage struct {
	Doc          DocInfo          `json:"document"`
	Implementers []Implementer    `json:"implementers"`
	Unmatched    []CoverageDoc    `json:"unmatched"` // implementing documents of no expected body
	Summary      []CoverageFigure `json:"summary"`
}

// Implementer is one expected body and what it has issued.
type Implementer struct {
	rules.Expected
	Documents []CoverageDoc `json:"documents"`
}

// CoverageDoc is a document that implements DOC.
type CoverageDoc struct {
	Doc   DocInfo `json:"document"`
	Date  string  `json:"date,omitempty"`
	Delay *int    `json:"delay_days"` // days since DOC; null when a date is unknown
	// Via is the key of the document it implements DOC through, when it
	// does not implement DOC directly.
	Via string `json:"via,omitempty"`
	// ViaLabel is that document as people read it: "Kế hoạch 58-KH/HU
	// (2022)".
	ViaLabel string      `json:"via_label,omitempty"`
	Issuer   string      `json:"issuer,omitempty"`
	Place    rules.Place `json:"place"`
}

// CoverageFigure counts the bodies of one kind that have acted:
// "4/11 huyện ủy, thị ủy, thành ủy đã có kế hoạch".
type CoverageFigure struct {
	Kind  string `json:"kind"`
	Done  int    `json:"done"`
	Total int    `json:"total"`
	Text  string `json:"text"`
}

// Implementing lists the stored documents that implement d, directly or
// through others, breadth first (the nearest path first); Via names the
// first step below d on the way.
func (s *Store) Implementing(ctx context.Context, d DocInfo) ([]CoverageDoc, error) {
	stmt, err := s.db.PrepareContext(ctx, `SELECT `+docCols+` FROM edges e JOIN documents d ON d.id = e.src
		WHERE e.dst = ? AND e.relation = 'implements' AND d.state = 'document' ORDER BY d.date, d.key`)
	if err != nil {
		return nil, fmt.Errorf("cannot prepare the coverage walk: %w", err)
	}
	defer stmt.Close()
	type item struct {
		row           int64
		via, viaLabel string
	}
	seen := map[int64]bool{d.Row: true}
	queue := []item{{d.Row, "", ""}}
	var out []CoverageDoc
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		rows, err := stmt.QueryContext(ctx, cur.row)
		if err != nil {
			return nil, fmt.Errorf("cannot walk the implementing documents: %w", err)
		}
		var next []DocInfo
		for rows.Next() {
			c, err := scanDoc(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("cannot walk the implementing documents: %w", err)
			}
			next = append(next, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for _, c := range next {
			if seen[c.Row] {
				continue
			}
			seen[c.Row] = true
			via, viaLabel := cur.via, cur.viaLabel
			if cur.row != d.Row && via == "" {
				if step, ok := docOfRow(out, cur.row); ok {
					via, viaLabel = step.Key, step.Label()
				}
			}
			rec, err := s.Record(ctx, c, false)
			if err != nil {
				return nil, err
			}
			cd := CoverageDoc{Doc: c, Date: c.Date, Via: via, ViaLabel: viaLabel, Issuer: string(rec.Issuer),
				Place: rules.Place{Province: string(rec.Province), District: string(rec.District), Commune: string(rec.Commune)}}
			if days, ok := daysBetween(d.Date, c.Date); ok {
				cd.Delay = &days
			}
			out = append(out, cd)
			queue = append(queue, item{c.Row, via, viaLabel})
		}
	}
	return out, nil
}

func docOfRow(ds []CoverageDoc, row int64) (DocInfo, bool) {
	for _, d := range ds {
		if d.Doc.Row == row {
			return d.Doc, true
		}
	}
	return DocInfo{}, false
}

// daysBetween counts the days from ISO date a to b.
func daysBetween(a, b string) (int, bool) {
	ta, err1 := time.Parse("2006-01-02", a)
	tb, err2 := time.Parse("2006-01-02", b)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	return int(tb.Sub(ta).Hours() / 24), true
}

// Coverage matches the expected implementers of d with the documents that
// implement it, by issuer and place.
func (s *Store) Coverage(ctx context.Context, d DocInfo) (Coverage, error) {
	cv := Coverage{Doc: d, Implementers: []Implementer{}, Unmatched: []CoverageDoc{}, Summary: []CoverageFigure{}}
	rec, err := s.Record(ctx, d, false)
	if err != nil {
		return cv, err
	}
	docs, err := s.Implementing(ctx, d)
	if err != nil {
		return cv, err
	}
	used := map[int64]bool{}
	for _, e := range rules.ExpectedImplementers(rec) {
		im := Implementer{Expected: e, Documents: []CoverageDoc{}}
		for _, c := range docs {
			if e.IssuedBy(c.Issuer, c.Place) {
				im.Documents = append(im.Documents, c)
				used[c.Doc.Row] = true
			}
		}
		cv.Implementers = append(cv.Implementers, im)
	}
	for _, c := range docs {
		if !used[c.Doc.Row] {
			cv.Unmatched = append(cv.Unmatched, c)
		}
	}
	// One figure per kind of expanded class, and one for the named bodies.
	byKind := map[string]*CoverageFigure{}
	var kinds []string
	plansOnly := map[string]bool{}
	for _, im := range cv.Implementers {
		if im.Kind == rules.KindClass {
			continue
		}
		f := byKind[im.Kind]
		if f == nil {
			f = &CoverageFigure{Kind: im.Kind}
			byKind[im.Kind] = f
			kinds = append(kinds, im.Kind)
			plansOnly[im.Kind] = true
		}
		f.Total++
		if len(im.Documents) > 0 {
			f.Done++
		}
		for _, c := range im.Documents {
			if c.Doc.Type != "Kế hoạch" {
				plansOnly[im.Kind] = false
			}
		}
	}
	sort.SliceStable(kinds, func(i, j int) bool { return kinds[i] != rules.KindNamed && kinds[j] == rules.KindNamed })
	for _, k := range kinds {
		f := byKind[k]
		what := "đã có văn bản thực hiện"
		if plansOnly[k] && f.Done > 0 {
			what = "đã có kế hoạch"
		}
		f.Text = fmt.Sprintf("%d/%d %s %s", f.Done, f.Total, rules.KindLabel(k), what)
		cv.Summary = append(cv.Summary, *f)
	}
	return cv, nil
}
