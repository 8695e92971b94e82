package index

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"vanban/corpus"
)

// TestResolveFollowsTheStore: a REF resolved once is kept, but a document
// stored after that is found: the district plan's 512-KL/TU is a stub
// until the provincial conclusion arrives, then the conclusion itself.
func TestResolveFollowsTheStore(t *testing.T) {
	in := t.TempDir()
	copyFile := func(name string) {
		b, err := os.ReadFile(filepath.Join("../testdata/corpus/chain", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyFile("3_ke_hoach_huyen.md")
	a, err := OpenArchive(filepath.Join(t.TempDir(), "store"), ArchiveOptions{Create: true, Index: true})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ctx := context.Background()
	ingest := func() {
		t.Helper()
		if rep, ixErr, err := a.Ingest(ctx, []string{in}, IngestOptions{}); err != nil || ixErr != nil || rep.Failed > 0 {
			t.Fatalf("ingest: %+v %v %v", rep, ixErr, err)
		}
	}
	ingest()
	for i := 0; i < 2; i++ { // the second answer comes from the cache
		d, err := a.Resolve(ctx, "512-KL/TU")
		if err != nil || d.State != corpus.StateStub {
			t.Fatalf("before the conclusion (#%d): %+v %v; want its stub", i, d, err)
		}
	}
	if _, err := a.Resolve(ctx, "999-KL/TU"); err == nil {
		t.Fatal("999-KL/TU resolved in a store that has none")
	}
	copyFile("2_ket_luan_tinh.txt")
	ingest()
	d, err := a.Resolve(ctx, "512-KL/TU")
	if err != nil || d.State != corpus.StateDocument || d.Key != "512-KL/TU:2023:lai-chau" {
		t.Fatalf("after the conclusion: %+v %v; want the document 512-KL/TU:2023:lai-chau", d, err)
	}
}
