package index

import (
	"context"

	"vanban/corpus"
)

// Forget removes the document d (as Resolve found it: from a key, an old
// id, the path of an ingested file, a REF) from the database
// (corpus.Store.Forget: its text, files, paths and references; a stub with
// the same id stays for the documents that cite it) and, when this archive
// holds the search index, from the index (the change log says it went;
// another process holding the index applies it when asked to sync). With
// dryRun nothing is written.
func (a *Archive) Forget(ctx context.Context, d corpus.DocInfo, dryRun bool) (corpus.Forgotten, error) {
	f, err := a.st.Forget(ctx, d, dryRun)
	if err != nil || dryRun {
		return f, err
	}
	_, err = a.Sync(context.WithoutCancel(ctx))
	return f, err
}

// Relocate finds the missing files of the store under dir by their
// content and records where they are now (corpus.Store.Relocate). Paths
// are not in the search index; a document retired because its only path
// now shows other content leaves it through the change log.
func (a *Archive) Relocate(ctx context.Context, dir string, dryRun bool) ([]corpus.Relocation, error) {
	out, err := a.st.Relocate(ctx, dir, dryRun)
	if err != nil || dryRun {
		return out, err
	}
	_, err = a.Sync(context.WithoutCancel(ctx))
	return out, err
}
