package index

import (
	"context"
	"errors"
	"strings"
	"testing"

	"vanban/corpus"
)

// TestPlaceFacet: a search in a province counts its hits by district (the
// "place" facet, from the store's jurisdictions), a district's search keeps
// only its documents with the right total and pages, and counts them by
// commune; a facet term is a place filter that names its unit exactly.
func TestPlaceFacet(t *testing.T) {
	dir := builtArchive(t)
	a, err := OpenArchive(dir, ArchiveOptions{Index: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ctx := context.Background()
	facet := func(res SearchResult) map[string]FacetTerm {
		m := map[string]FacetTerm{}
		for _, ft := range res.Facets["place"] {
			m[ft.Term] = ft
		}
		return m
	}

	res, err := a.Search(ctx, Query{Province: "Bình Định", Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	pf := facet(res)
	// chain-local: Tây Sơn's plan and its commune Bình Thành's, Phù Cát's
	// and its commune Cát Hanh's; chain: Tây Sơn's plan and its commune's.
	want := map[string]struct {
		label string
		n     int
	}{"binh-dinh/tay-son": {"Huyện Tây Sơn", 0}, "binh-dinh/phu-cat": {"Huyện Phù Cát", 2}}
	for slug, w := range want {
		ft, ok := pf[slug]
		if !ok || ft.Label != w.label || (w.n > 0 && ft.Count != w.n) {
			t.Errorf("place facet %s = %+v; want label %q count %d (facet %+v)", slug, ft, w.label, w.n, res.Facets["place"])
		}
	}
	for slug := range pf {
		if !strings.HasPrefix(slug, "binh-dinh/") || strings.Count(slug, "/") != 1 {
			t.Errorf("place facet of the province has %q, not a district of Bình Định", slug)
		}
	}

	tay := pf["binh-dinh/tay-son"]
	all, err := a.Search(ctx, Query{Place: "binh-dinh/tay-son", Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	if int(all.Total) != tay.Count || len(all.Hits) != tay.Count || tay.Count < 2 {
		t.Fatalf("place binh-dinh/tay-son: total %d, %d hits; the facet counted %d", all.Total, len(all.Hits), tay.Count)
	}
	for _, h := range all.Hits {
		if !strings.Contains(h.ID, ":binh-dinh/tay-son") {
			t.Errorf("place binh-dinh/tay-son kept %s", h.ID)
		}
	}
	communes := facet(all)
	if ft := communes["binh-dinh/tay-son/binh-thanh"]; ft.Label != "Xã Bình Thành" || ft.Count < 1 {
		t.Errorf("commune facet of Tây Sơn = %+v", all.Facets["place"])
	}
	// Pages: one hit each, the total still the district's.
	seen := map[string]bool{}
	for from := 0; from < tay.Count; from++ {
		pg, err := a.Search(ctx, Query{Place: "binh-dinh/tay-son", Size: 1, From: from})
		if err != nil {
			t.Fatal(err)
		}
		if int(pg.Total) != tay.Count || len(pg.Hits) != 1 {
			t.Fatalf("page %d: total %d, %d hits", from, pg.Total, len(pg.Hits))
		}
		seen[pg.Hits[0].ID] = true
	}
	if len(seen) != tay.Count {
		t.Errorf("pages of one hit gave %d documents, want %d", len(seen), tay.Count)
	}
	// The same place typed as people do.
	typed, err := a.Search(ctx, Query{Place: "huyện Tây Sơn", Size: 50})
	if err != nil || typed.Total != all.Total {
		t.Errorf("place \"huyện Tây Sơn\": %d hits, %v; the slug gave %d", typed.Total, err, all.Total)
	}
	// Words and a place: only the district's documents with the words.
	words, err := a.Search(ctx, Query{Text: "kế hoạch", Place: "binh-dinh/phu-cat", Size: 50})
	if err != nil {
		t.Fatal(err)
	}
	if words.Total == 0 {
		t.Error("no hit of \"kế hoạch\" in Phù Cát")
	}
	for _, h := range words.Hits {
		if !strings.Contains(h.ID, ":binh-dinh/phu-cat") {
			t.Errorf("\"kế hoạch\" in Phù Cát kept %s", h.ID)
		}
	}
	// No province or place: no place facet.
	if res, err := a.Search(ctx, Query{Text: "kế hoạch"}); err != nil || res.Facets["place"] != nil {
		t.Errorf("a search without a place has a place facet: %+v, %v", res.Facets["place"], err)
	}
	// An unknown place is an error naming the closest.
	var pe *corpus.PlaceError
	if _, err := a.Search(ctx, Query{Place: "Tây Sơnn Bìnhh"}); !errors.As(err, &pe) {
		t.Errorf("unknown place: %v", err)
	}
}
