package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"vanban/normalize"
	"vanban/rules"
)

// Status reads a document's force from the graph: the stored documents
// that replace, repeal or amend it (mentions with those relations pointing at
// it), and the acts only claimed by a third document (claims: "… Nghị định
// số 15/2020/NĐ-CP đã được thay thế bởi Nghị định số 174/2024/NĐ-CP"). Nil
// when nothing acts on it. Computed from existing tables: no schema change.
func (s *Store) Status(ctx context.Context, d DocInfo) (st *rules.Status, err error) {
	rows, err := s.db.QueryContext(ctx, `SELECT m.relation, coalesce(m.text, ''), coalesce(m.sentence, ''), coalesce(m.start, -1), `+docCols+`
		FROM mentions m JOIN documents d ON d.id = m.src
		WHERE m.dst = ? AND m.relation IN ('amends', 'replaces', 'repeals') AND d.state = 'document'
		ORDER BY d.date, d.key`, d.Row)
	if err != nil {
		return nil, fmt.Errorf("cannot read the acts on %s: %w", d.Key, err)
	}
	type act struct {
		rel, text, sentence, via string
		viaType, viaSymbol       string // the claiming document
		start                    int
		doc                      DocInfo
	}
	var acts []act
	for rows.Next() {
		var a act
		if err := rows.Scan(&a.rel, &a.text, &a.sentence, &a.start, &a.doc.Row, &a.doc.Key, &a.doc.State, &a.doc.Type, &a.doc.Symbol,
			&a.doc.Number, &a.doc.Year, &a.doc.Date, &a.doc.Juris, &a.doc.Issuer, &a.doc.Province, &a.doc.Subject, &a.doc.Path); err != nil {
			rows.Close()
			return nil, fmt.Errorf("cannot read the acts on %s: %w", d.Key, err)
		}
		acts = append(acts, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	direct := map[string]bool{}
	for _, a := range acts {
		direct[a.doc.Key+"|"+a.rel] = true
	}
	// Claims of third documents: both ends resolved through the claimer's
	// own mentions.
	crows, err := s.db.QueryContext(ctx, `SELECT c.relation, cl.key, coalesce(cl.type, ''), coalesce(cl.symbol, ''), `+docCols+` FROM claims c
		JOIN documents cl ON cl.id = c.src
		JOIN mentions mt ON mt.src = c.src AND mt.symbol_fold = c.to_fold
		JOIN mentions mf ON mf.src = c.src AND mf.symbol_fold = c.from_fold
		JOIN documents d ON d.id = mf.dst
		WHERE mt.dst = ? AND c.relation IN ('amends', 'replaces', 'repeals') AND d.id != ?
		ORDER BY d.date, d.key, c.relation, cl.key`, d.Row, d.Row)
	if err != nil {
		return nil, fmt.Errorf("cannot read the claims on %s: %w", d.Key, err)
	}
	// One act per document and relation, claimed by the first claimer by
	// key (both engines alike).
	claimed := map[string]bool{}
	for crows.Next() {
		var a act
		if err := crows.Scan(&a.rel, &a.via, &a.viaType, &a.viaSymbol, &a.doc.Row, &a.doc.Key, &a.doc.State, &a.doc.Type, &a.doc.Symbol,
			&a.doc.Number, &a.doc.Year, &a.doc.Date, &a.doc.Juris, &a.doc.Issuer, &a.doc.Province, &a.doc.Subject, &a.doc.Path); err != nil {
			crows.Close()
			return nil, fmt.Errorf("cannot read the claims on %s: %w", d.Key, err)
		}
		if k := a.doc.Key + "|" + a.rel; !direct[k] && !claimed[k] {
			claimed[k] = true
			acts = append(acts, a)
		}
	}
	crows.Close()
	if err := crows.Err(); err != nil {
		return nil, err
	}
	if len(acts) == 0 {
		return nil, nil
	}
	defer func() {
		if st != nil && len(st.Acts) == 0 {
			st = nil
		}
	}()
	st = &rules.Status{}
	for _, a := range acts {
		// A document acts only on an earlier one: "Bãi bỏ … Nghị định số
		// 62/2026/NĐ-CP" in a decree of January 2026 cannot be about the
		// decree of February 2026 of that number (a typo of the source).
		if a.doc.Date != "" && d.Date != "" && a.doc.Date < d.Date {
			continue
		}
		sa := rules.StatusAct{Relation: rules.Relation(a.rel), ID: a.doc.Key, Label: shortLabel(a.doc), Date: a.doc.Date, ClaimedBy: a.via}
		if a.via != "" {
			sa.ClaimedByLabel = shortLabel(DocInfo{Key: a.via, Type: a.viaType, Symbol: a.viaSymbol})
		}
		var text string
		if a.doc.State == StateDocument {
			err := s.db.QueryRowContext(ctx, `SELECT text FROM texts WHERE document_id = ?`, a.doc.Row).Scan(&text)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return nil, fmt.Errorf("cannot read the text of %s: %w", a.doc.Key, err)
			}
			sa.Effective, _ = rules.EffectiveDate(text, a.doc.Date)
		}
		// The paragraph up to the mention, from the acting text (the stored
		// sentence is cut at 300 runes).
		para := a.sentence
		if a.via == "" && a.start >= 0 {
			if rs := []rune(text); a.start <= len(rs) {
				from := a.start
				for from > 0 && rs[from-1] != '\n' {
					from--
				}
				end := min(len(rs), a.start+len([]rune(a.text)))
				para = string(rs[from:end])
			}
		}
		// "Bãi bỏ điểm a … của Luật Đất đai số 31/2024/QH15 đã được sửa
		// đổi, bổ sung theo … Luật số 116/2025/QH15": the amending laws
		// listed after the object are not what is repealed.
		if a.via == "" && modifierMention(para, a.text) {
			continue
		}
		sa.Partial = a.rel != "amends" && partialAct(para, a.text)
		st.Acts = append(st.Acts, sa)
	}
	if len(st.Acts) == 0 {
		return nil, nil
	}
	sort.SliceStable(st.Acts, func(i, j int) bool { return actRank(st.Acts[i]) > actRank(st.Acts[j]) })
	top := st.Acts[0]
	st.State = map[int]string{5: "replaced", 4: "repealed", 3: "partly-replaced", 2: "partly-repealed", 1: "amended"}[actRank(top)]
	var parts []string
	lead := map[string]string{"replaced": "Bị thay thế bởi", "repealed": "Bị bãi bỏ bởi", "partly-replaced": "Bị thay thế một phần bởi",
		"partly-repealed": "Bị bãi bỏ một phần bởi", "amended": "Được sửa đổi, bổ sung bởi"}
	for _, state := range []string{"replaced", "repealed", "partly-replaced", "partly-repealed", "amended"} {
		var by []string
		for _, a := range st.Acts {
			if map[int]string{5: "replaced", 4: "repealed", 3: "partly-replaced", 2: "partly-repealed", 1: "amended"}[actRank(a)] != state {
				continue
			}
			s := a.Label
			if a.Effective != "" {
				s += " từ " + dmy(a.Effective)
			}
			if a.ClaimedBy != "" {
				s += " (theo " + a.ClaimedByLabel + ")"
			}
			by = append(by, s)
		}
		if len(by) > 0 {
			p := lead[state] + " " + strings.Join(by, ", ")
			if len(parts) > 0 {
				r := []rune(p)
				p = strings.ToLower(string(r[:1])) + string(r[1:])
			}
			parts = append(parts, p)
		}
	}
	st.Text = strings.Join(parts, "; ")
	return st, nil
}

func actRank(a rules.StatusAct) int {
	switch {
	case a.Relation == rules.Replaces && !a.Partial:
		return 5
	case a.Relation == rules.Repeals && !a.Partial:
		return 4
	case a.Relation == rules.Replaces:
		return 3
	case a.Relation == rules.Repeals:
		return 2
	}
	return 1
}

// partialAct reads whether the citing sentence replaces or repeals only a
// part of the document: "bãi bỏ khoản 3 Điều 5 của Nghị định số …", "bãi bỏ
// một số điều của …" — a part named between the cue and the reference.
func partialAct(sentence, mention string) bool {
	f := normalize.Fold(sentence)
	at := strings.Index(sentence, mention)
	if mention == "" || at < 0 {
		at = len(sentence)
	} else {
		at = len(normalize.Fold(sentence[:at]))
	}
	before := f[:min(at, len(f))]
	cue := -1
	for _, c := range []string{"bai bo", "thay the", "het hieu luc"} {
		if i := strings.LastIndex(before, c); i > cue {
			cue = i
		}
	}
	if cue < 0 {
		return false
	}
	between := " " + before[cue:] + " "
	for _, w := range []string{" dieu ", " khoan ", " diem ", " mot so ", " mot phan ", " chuong ", " phu luc ", " muc "} {
		if strings.Contains(between, w) {
			return true
		}
	}
	return false
}

// shortLabel is "Nghị định 168/2024/NĐ-CP".
func shortLabel(d DocInfo) string {
	if d.Symbol == "" {
		return d.Label()
	}
	if d.Type == "" {
		return d.Symbol
	}
	return d.Type + " " + d.Symbol
}

// dmy writes an ISO date as Vietnamese text does: 01/01/2025.
func dmy(iso string) string {
	if len(iso) != 10 {
		return iso
	}
	return iso[8:10] + "/" + iso[5:7] + "/" + iso[0:4]
}

// modifierMention reports a mention that only qualifies the object of the
// act: it follows "(đã) được sửa đổi, bổ sung (theo|bởi|tại)" after the
// cue, so the act is on the document before it.
func modifierMention(sentence, mention string) bool {
	at := strings.Index(sentence, mention)
	if mention == "" || at < 0 {
		return false
	}
	before := normalize.Fold(sentence[:at])
	// The last clause: a list of amending acts runs to the mention without
	// a full stop or semicolon.
	if i := strings.LastIndexAny(before, ";.:"); i >= 0 && i < len(before)-1 {
		before = before[i+1:]
	}
	return strings.Contains(before, "duoc sua doi") || strings.Contains(before, "duoc bo sung")
}

// ActedOn lists the stored documents some stored document amends, replaces
// or repeals, or a third document says it does: the only ones Status can
// give a hiệu lực other than none (for the search's hiệu lực facet).
func (s *Store) ActedOn(ctx context.Context) ([]DocInfo, error) {
	return s.queryDocs(ctx, `SELECT `+docCols+` FROM documents d WHERE d.state = 'document' AND (
		d.id IN (SELECT dst FROM mentions WHERE relation IN ('amends', 'replaces', 'repeals'))
		OR d.id IN (SELECT mt.dst FROM claims c JOIN mentions mt ON mt.src = c.src AND mt.symbol_fold = c.to_fold
			WHERE c.relation IN ('amends', 'replaces', 'repeals')))`)
}
