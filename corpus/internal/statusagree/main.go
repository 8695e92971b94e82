// Command statusagree measures the hiệu lực read from the graph against the
// portal's own: it ingests the vbpl.vn texts of the shared corpus into a
// temporary store, computes each document's status (corpus.Store.Status:
// replaced, repealed, amended by a stored document) and compares it with the
// status column of index_sample_300.csv and index_all_999.csv, for the
// documents whose replacing, repealing or amending document is in the
// corpus. It prints the agreement and every disagreement to read, then the
// documents the portal says are no longer (wholly) in force that the graph
// has nothing on.
//
//	go run ./corpus/internal/statusagree [-vbpl ../shared/corpus/real/vbpl]
package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"vanban/corpus"
	"vanban/rules"
)

func main() {
	vbpl := flag.String("vbpl", filepath.Join("..", "shared", "corpus", "real", "vbpl"), "the vbpl folder of the shared corpus")
	flag.Parse()
	if err := run(*vbpl); err != nil {
		fmt.Fprintln(os.Stderr, "statusagree:", err)
		os.Exit(1)
	}
}

type portalRow struct{ file, title, status string }

// symbolOf is the số ký hiệu of a portal row: its so_hieu_in_text column,
// else the word after "số" in its title that holds a slash.
func symbolOf(soHieu, title string) string {
	if soHieu != "" {
		return soHieu
	}
	ws := strings.Fields(title)
	for i, w := range ws {
		if strings.EqualFold(w, "số") && i+1 < len(ws) && strings.Contains(ws[i+1], "/") {
			return strings.TrimRight(ws[i+1], ",.;:")
		}
	}
	return ""
}

// readIndex reads file → (title, status) from the portal's index files; a
// non-empty status of the larger index completes the sample's.
func readIndex(dir string) (map[string]portalRow, error) {
	out := map[string]portalRow{} // by file name and by folded symbol ("sym:" + FoldSymbol)
	for _, name := range []string{"index_sample_300.csv", "index_all_999.csv"} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", name, err)
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		for _, row := range rows[1:] {
			if len(row) <= col["status"] {
				continue
			}
			key := strings.TrimSuffix(row[col["file"]], filepath.Ext(row[col["file"]]))
			p := portalRow{file: key, title: row[col["title"]], status: strings.TrimSpace(row[col["status"]])}
			for _, k := range []string{key, "sym:" + corpus.FoldSymbol(symbolOf(row[col["so_hieu_in_text"]], p.title))} {
				if k == "sym:" {
					continue
				}
				if old, ok := out[k]; ok && old.status != "" {
					continue
				}
				out[k] = p
			}
		}
	}
	return out, nil
}

// verdict says a status as the portal's column does.
func verdict(st *rules.Status) string {
	if st == nil {
		return "Còn hiệu lực"
	}
	switch st.State {
	case "replaced", "repealed":
		return "Hết hiệu lực"
	case "partly-replaced", "partly-repealed":
		return "Hết hiệu lực một phần"
	}
	return "Còn hiệu lực" // amended: still in force, as amended
}

func run(dir string) error {
	index, err := readIndex(dir)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "statusagree-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	st, err := corpus.Open(tmp)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	process := func(ctx context.Context, path string, data []byte) (rules.Document, error) {
		d := rules.ParseText(string(data))
		d.Source.Path = path
		return d, nil
	}
	rep, err := st.Ingest(ctx, []string{filepath.Join(dir, "text")}, corpus.IngestOptions{Process: process, Workers: 2})
	if err != nil {
		return err
	}
	fmt.Printf("ingested %d files of %s\n", rep.Files, filepath.Join(dir, "text"))
	var docs []corpus.DocInfo
	if err := st.EachDocument(ctx, func(d corpus.DocInfo) error {
		// Stored documents, and the stubs of cited ones: a document cited
		// as replaced by a stored one has its own row in the portal's index.
		if d.State != corpus.StateAmbiguous {
			docs = append(docs, d)
		}
		return nil
	}); err != nil {
		return err
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Key < docs[j].Key })
	var compared, agree, withStatus int
	var disagreements, unexplained []string
	for _, d := range docs {
		name := strings.TrimSuffix(filepath.Base(d.Path), filepath.Ext(d.Path))
		p, ok := index[name]
		if d.Path == "" {
			p, ok = index["sym:"+corpus.FoldSymbol(d.Symbol)]
			name = p.file + " (cited)"
		}
		s, err := st.Status(ctx, d)
		if err != nil {
			return err
		}
		if s != nil {
			withStatus++
		}
		if !ok || p.status == "" || strings.HasPrefix(p.status, "Hết") == false && p.status != "Còn hiệu lực" && p.status != "Chưa có hiệu lực" {
			continue // no status from the portal (or a title fragment in its column)
		}
		ours := verdict(s)
		if s == nil {
			if strings.HasPrefix(p.status, "Hết") {
				unexplained = append(unexplained, fmt.Sprintf("  %s  %s: portal %q; no replacing document found in the corpus", name, d.Label(), p.status))
			}
			continue
		}
		compared++
		if ours == p.status {
			agree++
			continue
		}
		disagreements = append(disagreements, fmt.Sprintf("  %s  %s\n      portal: %s | graph: %s (%s)\n      title: %s", name, d.Label(), p.status, ours, s.Text, p.title))
	}
	fmt.Printf("documents and cited stubs with a status from the graph: %d of %d\n", withStatus, len(docs))
	if compared > 0 {
		fmt.Printf("agreement with the portal's status: %d/%d = %.3f\n", agree, compared, float64(agree)/float64(compared))
	} else {
		fmt.Println("agreement with the portal's status: no document to compare")
	}
	fmt.Printf("disagreements (%d):\n", len(disagreements))
	for _, s := range disagreements {
		fmt.Println(s)
	}
	fmt.Printf("portal says no longer (wholly) in force, the graph has no act on it (%d):\n", len(unexplained))
	for _, s := range unexplained {
		fmt.Println(s)
	}
	return nil
}
