package corpus

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"

	"vanban/rules"
)

// Forget of a cited document: it stays a stub with the same id, its
// citers' edges point at the stub, its text, files and paths go, the change
// log tells the index; a stub only it cited goes with it; a dry run
// changes nothing; the file ingested again joins the citers again.
func TestForgetCitedDocument(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	// The files are there (a path whose file is gone is a move).
	t.Chdir(t.TempDir())
	writeFiles(t, ".", map[string]string{"kl.txt": "kl", "copy/kl.txt": "kl", "kh.txt": "kh"})
	kl := doc("Kết luận", "512-KL/TU", "2023-03-01", "Lai Châu", ref("Chỉ thị", "99-CT/TU", 2020, rules.Cites))
	kh := doc("Kế hoạch", "88-KH/HU", "2023-04-01", "Lai Châu", ref("Kết luận", "512-KL/TU", 2023, rules.Implements))
	put(t, s, "kl.txt", kl)
	put(t, s, "copy/kl.txt", kl)
	put(t, s, "kh.txt", kh)
	const klKey, khKey, ctKey = "512-KL/TU:2023:lai-chau", "88-KH/HU:2023:lai-chau", "99-CT/TU:2020:lai-chau"
	before, _ := s.Snapshot(ctx)
	edgesBefore := edges(t, s)
	seq0, _ := s.LastChange(ctx)

	d, err := s.Resolve(ctx, "512-KL/TU")
	if err != nil {
		t.Fatal(err)
	}
	dry, err := s.Forget(ctx, d, true)
	if err != nil {
		t.Fatal(err)
	}
	want := Forgotten{Key: klKey, Label: d.Label(), Files: []string{kl.Source.SHA256},
		Paths: []string{Canon("copy/kl.txt"), Canon("kl.txt")}, Text: true, Stub: true,
		Citing: []string{khKey}, Dropped: []string{ctKey}, DryRun: true}
	if !reflect.DeepEqual(dry, want) {
		t.Errorf("dry run:\n%+v\nwant\n%+v", dry, want)
	}
	if after, _ := s.Snapshot(ctx); !reflect.DeepEqual(before, after) {
		t.Fatal("the dry run changed the store")
	}

	got, err := s.Forget(ctx, d, false)
	want.DryRun = false
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("forget: %+v %v", got, err)
	}
	if st := states(t, s); st[klKey] != StateStub || st[khKey] != StateDocument || st[ctKey] != "" {
		t.Errorf("states %v", st)
	}
	if e := edges(t, s); !slices.Equal(e, []string{khKey + " -> " + klKey + " implements"}) {
		t.Errorf("edges %v", e)
	}
	stats, _ := s.Stats(ctx)
	if stats.Files != 1 || stats.Paths != 1 {
		t.Errorf("stats %+v: the files and paths of the forgotten document stay", stats)
	}
	var texts int
	s.db.QueryRow(`SELECT count(*) FROM texts WHERE document_id = ?`, d.Row).Scan(&texts)
	if texts != 0 {
		t.Error("its text stays")
	}
	if xs, _ := s.Indexables(ctx, []string{klKey}); len(xs) != 0 {
		t.Error("still indexable")
	}
	chs, _ := s.Changes(ctx, seq0, 100)
	if !slices.ContainsFunc(chs, func(c Change) bool { return c.Key == klKey }) {
		t.Errorf("the change log does not tell the index: %+v", chs)
	}
	if probs, err := s.CheckDatabase(ctx); err != nil || len(probs) > 0 {
		t.Errorf("database: %v %v", probs, err)
	}
	if _, err := s.Forget(ctx, d, false); !errors.Is(err, ErrNotStored) {
		t.Errorf("forgetting the stub: %v", err)
	}

	// Ingested again, it is the node its citer points at.
	put(t, s, "kl.txt", kl)
	if st := states(t, s); st[klKey] != StateDocument {
		t.Errorf("states after ingesting again %v", st)
	}
	if e := edges(t, s); !reflect.DeepEqual(e, edgesBefore) {
		t.Errorf("edges after ingesting again %v, want %v", e, edgesBefore)
	}

	// An uncited document goes wholly.
	d, _ = s.Resolve(ctx, "88-KH/HU")
	got, err = s.Forget(ctx, d, false)
	if err != nil || got.Stub || len(got.Citing) != 0 {
		t.Errorf("forget the citer: %+v %v", got, err)
	}
	if st := states(t, s); st[khKey] != "" {
		t.Errorf("states %v", st)
	}
	if e := edges(t, s); !reflect.DeepEqual(e, []string{klKey + " -> " + ctKey + " cites"}) {
		t.Errorf("edges %v", e)
	}
}
