package corpus

import (
	"context"
	"fmt"
	"sort"
)

// Snapshot lists the store's content that must not depend on how it was
// built (order of ingestion, interruptions, re-runs): documents and stubs by
// key, references with where they resolved, edges, files and paths, as sorted
// lines. Row ids, timestamps and the event log are left out. Two stores
// holding the same corpus have equal snapshots.
func (s *Store) Snapshot(ctx context.Context) ([]string, error) {
	queries := []string{
		`SELECT 'doc ' || key || ' ' || state || ' ' || coalesce(type, '') || ' ' || coalesce(date, '') || ' ' ||
			coalesce(subject, '') || ' ' || coalesce(length(record), 0) FROM documents`,
		`SELECT 'text ' || d.key || ' ' || length(t.text) FROM texts t JOIN documents d ON d.id = t.document_id`,
		`SELECT 'mention ' || s.key || ' ' || m.seq || ' ' || coalesce(m.symbol, '') || ' -> ' || coalesce(d.key, '-') || ' ' ||
			m.relation || ' ' || m.count || ' ' || coalesce(m.candidates, '') || ' ' || coalesce(m.sentence, '')
			FROM mentions m JOIN documents s ON s.id = m.src LEFT JOIN documents d ON d.id = m.dst`,
		`SELECT 'edge ' || a.key || ' -> ' || b.key || ' ' || e.relation || ' ' || e.count
			FROM edges e JOIN documents a ON a.id = e.src JOIN documents b ON b.id = e.dst`,
		`SELECT 'claim ' || s.key || ' ' || c.from_sym || ' ' || c.relation || ' ' || c.to_sym FROM claims c JOIN documents s ON s.id = c.src`,
		`SELECT 'file ' || f.sha256 || ' ' || d.key || ' ' || f.size FROM files f JOIN documents d ON d.id = f.document_id`,
		`SELECT 'path ' || path || ' ' || sha256 FROM paths`,
	}
	var out []string
	for _, q := range queries {
		rows, err := s.db.QueryContext(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("cannot snapshot the store: %w", err)
		}
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				rows.Close()
				return nil, fmt.Errorf("cannot snapshot the store: %w", err)
			}
			out = append(out, line)
		}
		rows.Close()
	}
	sort.Strings(out)
	return out, nil
}
