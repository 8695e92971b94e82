package corpus

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"vanban/normalize"
	"vanban/rules"
)

// TaskRow is one task of a stored document (the record's tasks, read by
// rules/tasks.go), with what the store knows of its execution.
type TaskRow struct {
	Doc  DocInfo    `json:"document"`
	Task rules.Task `json:"task"`
	// Due is the last day the task's deadline allows, else its reporting
	// deadline's; empty for a recurring or undated duty.
	Due string `json:"due,omitempty"`
	// Done lists the stored documents from the lead body that implement or
	// cite the task's document (directly, or through a document that
	// implements it).
	Done []CoverageDoc `json:"done"`
	// Missing lists the bodies of a lead class ("các huyện ủy, thị ủy,
	// thành ủy") that have issued nothing yet.
	Missing []string `json:"missing,omitempty"`
	Overdue bool     `json:"overdue"`
}

// TaskFilter selects tasks: Body matches the lead or a supporting body (as
// people type it: marks and case optional); DueBefore keeps tasks due before
// that ISO date; Overdue keeps tasks whose due date is before Today and not
// done.
type TaskFilter struct {
	Body      string
	DueBefore string
	Overdue   bool
	Today     string
}

// Tasks lists the tasks of the stored documents, by due date (undated last).
func (s *Store) Tasks(ctx context.Context, f TaskFilter) ([]TaskRow, error) {
	var docs []DocInfo
	if err := s.EachDocument(ctx, func(d DocInfo) error {
		if d.State == StateDocument {
			docs = append(docs, d)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	body := foldWords(f.Body)
	var out []TaskRow
	for _, d := range docs {
		rec, err := s.Record(ctx, d, false)
		if err != nil {
			return nil, err
		}
		if len(rec.Tasks) == 0 {
			continue
		}
		var acting []CoverageDoc // documents that implement or cite d
		loaded := false
		for _, t := range rec.Tasks {
			if body != "" && !bodyMatches(body, t) {
				continue
			}
			row := TaskRow{Doc: d, Task: t, Done: []CoverageDoc{}}
			switch {
			case t.Deadline != nil && t.Deadline.Due != "":
				row.Due = t.Deadline.Due
			case t.Report != nil && t.Report.Deadline != nil && t.Report.Deadline.Due != "":
				row.Due = t.Report.Deadline.Due
			}
			if f.DueBefore != "" && (row.Due == "" || row.Due >= f.DueBefore) {
				continue
			}
			if !loaded {
				if acting, err = s.acting(ctx, d); err != nil {
					return nil, err
				}
				loaded = true
			}
			// Who must act: the lead, expanded when it is a class.
			leadDoc := rec
			leadDoc.Recipients, leadDoc.Tasks = nil, []rules.Task{{Lead: t.Lead}}
			for _, e := range rules.ExpectedImplementers(leadDoc) {
				found := false
				for _, c := range acting {
					if e.IssuedBy(c.Issuer, c.Place) {
						row.Done = append(row.Done, c)
						found = true
					}
				}
				if !found && e.Kind != rules.KindNamed && e.Kind != rules.KindClass {
					row.Missing = append(row.Missing, e.Body)
				}
			}
			row.Overdue = row.Due != "" && f.Today != "" && row.Due < f.Today && (len(row.Done) == 0 || len(row.Missing) > 0)
			if f.Overdue && !row.Overdue {
				continue
			}
			out = append(out, row)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Due, out[j].Due
		if (a == "") != (b == "") {
			return a != ""
		}
		return a < b
	})
	return out, nil
}

// acting lists the stored documents that implement d (directly or through
// another) or cite it in any way (a report on it cites it).
func (s *Store) acting(ctx context.Context, d DocInfo) ([]CoverageDoc, error) {
	out, err := s.Implementing(ctx, d)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	for _, c := range out {
		seen[c.Doc.Row] = true
	}
	citers, err := s.docs(ctx, `d.state = 'document' AND d.id IN (SELECT src FROM edges WHERE dst = ?)`, d.Row)
	if err != nil {
		return nil, err
	}
	for _, c := range citers {
		if seen[c.Row] {
			continue
		}
		rec, err := s.Record(ctx, c, false)
		if err != nil {
			return nil, err
		}
		cd := CoverageDoc{Doc: c, Date: c.Date, Issuer: string(rec.Issuer),
			Place: rules.Place{Province: string(rec.Province), District: string(rec.District), Commune: string(rec.Commune)}}
		if days, ok := daysBetween(d.Date, c.Date); ok {
			cd.Delay = &days
		}
		out = append(out, cd)
	}
	return out, nil
}

func foldWords(s string) string {
	return strings.Join(strings.Fields(normalize.Fold(s)), " ")
}

func bodyMatches(body string, t rules.Task) bool {
	if strings.Contains(foldWords(string(t.Lead)), body) {
		return true
	}
	for _, s := range t.Support {
		if strings.Contains(foldWords(s), body) {
			return true
		}
	}
	return false
}

// Describe is a one-line account of a task row for tables.
func (r TaskRow) Describe() string {
	state := ""
	switch {
	case r.Overdue && len(r.Done) == 0:
		state = "QUÁ HẠN"
	case r.Overdue:
		state = fmt.Sprintf("QUÁ HẠN (%d chưa có văn bản)", len(r.Missing))
	case len(r.Done) > 0:
		state = fmt.Sprintf("%d văn bản thực hiện", len(r.Done))
	}
	return state
}
