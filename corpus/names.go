package corpus

import (
	"strings"
	"unicode"

	"vanban/rules"
)

// References without a symbol (issue 7): a law cited by its name and date
// ("Luật Giáo dục ngày 14 tháng 6 năm 2019": Type, Name, Year, no Symbol)
// and a number cited with its issuer ("Nghị quyết 40 của Quốc hội": Type,
// Number, Issuer). They resolve like symbols, by a matching form of their
// own that begins with "~" (never a symbol's): "~luat:giao-duc",
// "~nghi-quyet:40-qh". A stub of one is keyed by it ("luat:giao-duc:2019:vn").
// A stored document answers to the names its record gives it (the names
// table): its type and subject ("Luật" + "GIÁO DỤC"), its type, number and
// issuer codes; when it arrives, the references by those names resolve to
// it and their stubs go.

// named says whether a matching form is a name rather than a symbol.
func named(fold string) bool { return strings.HasPrefix(fold, "~") }

// nameFold is the matching form of a document named by its type and name:
// "Luật", "Luật Giáo dục" → "~luat:giao-duc". The type word is dropped from
// the name when the name repeats it.
func nameFold(typ, name string) string {
	t, n := Slug(typ), Slug(name)
	if t == "" || n == "" {
		return ""
	}
	n = strings.TrimPrefix(strings.TrimPrefix(n, t), "-")
	if n == "" {
		return ""
	}
	return "~" + t + ":" + n
}

// numberFold is the matching form of a document named by its type, number
// and issuer code: "Nghị quyết", "40", "QH15" → "~nghi-quyet:40-qh" (the
// term of a Quốc hội code is not written in such a citation).
func numberFold(typ, number, code string) string {
	t := Slug(typ)
	number = strings.TrimLeft(number, "0")
	code = strings.TrimRightFunc(code, unicode.IsDigit)
	if t == "" || number == "" || code == "" {
		return ""
	}
	return "~" + t + ":" + number + "-" + Slug(code)
}

// nameMention is the mention of a reference without a symbol: by name, or
// by number and issuer; m without a matching form when it is neither.
func nameMention(r rules.Reference, m mention) mention {
	typ := string(r.Type)
	switch {
	case r.Name != "":
		m.fold = nameFold(typ, r.Name)
		m.symbol = r.Name
	case r.Number != "" && r.IssuerCode != "":
		m.fold = numberFold(typ, string(r.Number), r.IssuerCode)
		m.symbol = strings.TrimSpace(typ + " " + string(r.Number))
		if r.Issuer != "" {
			m.symbol += " của " + string(r.Issuer)
		}
		m.number = strings.TrimLeft(string(r.Number), "0")
	}
	if m.fold == "" {
		m.symbol = ""
		return m
	}
	m.scope = r.Scope
	if m.scope == "" && r.IssuerCode != "" {
		m.scope = IssuerScope(r.IssuerCode)
	}
	if m.scope == "" {
		m.scope = ScopeNational // a law by name
	}
	return m
}

// docNames are the names a stored document answers to.
func docNames(d *rules.Document) []string {
	var out []string
	typ := string(d.Type)
	if f := nameFold(typ, string(d.Subject)); f != "" && len(f) < 200 {
		out = append(out, f)
	}
	if p, ok := SplitSymbol(string(d.Symbol)); ok {
		for _, c := range strings.Split(p.Issuer, "-") {
			if f := numberFold(typ, p.Number, c); f != "" {
				out = append(out, f)
			}
		}
	}
	return out
}

// putNames records the names of document row and resolves again the
// references by those names.
func (t *tx) putNames(row int64, id identity, d *rules.Document, known bool) error {
	if known {
		if _, err := t.Exec(`DELETE FROM names WHERE document_id = ?`, row); err != nil {
			return err
		}
	}
	for _, f := range docNames(d) {
		if _, err := t.Exec(`INSERT OR IGNORE INTO names (fold, document_id) VALUES (?, ?)`, f, row); err != nil {
			return err
		}
		if err := t.reresolve(f, id.year, id.juris); err != nil {
			return err
		}
	}
	return nil
}
