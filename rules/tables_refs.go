package rules

import (
	"fmt"
	"strings"

	"vanban/normalize"
)

// FormWord is a phrase written before a number-and-code that names a form,
// an annex, a standard, an account or a record rather than a document
// (tables/forms.tsv).
type FormWord struct {
	Phrase string
	Kind   string // form, annex, standard, account, record
	words  []string
}

// Law is a law cited by name and date (tables/laws.tsv): "Luật Giáo dục",
// 43/2019/QH14, adopted 2019-06-14.
type Law struct {
	Name   string // "Luật Giáo dục"
	Symbol string // "43/2019/QH14"
	Date   string // ISO date of adoption, or its year alone
	Source string // where the row was read
}

// refTables reads the tables of reference extraction: forms.tsv, laws.tsv.
func (t *Tables) refTables(read func(string, func([]string) error) error) error {
	err := read("forms.tsv", func(c []string) error {
		if len(c) < 2 || strings.TrimSpace(c[0]) == "" {
			return fmt.Errorf("want phrase<TAB>kind")
		}
		t.Forms = append(t.Forms, FormWord{Phrase: c[0], Kind: c[1]})
		return nil
	})
	if err != nil {
		return err
	}
	return read("laws.tsv", func(c []string) error {
		if len(c) < 3 {
			return fmt.Errorf("want name<TAB>symbol<TAB>date[<TAB>source]")
		}
		l := Law{Name: c[0], Symbol: c[1], Date: c[2]}
		if len(c) > 3 {
			l.Source = c[3]
		}
		if len(l.Date) != 10 && len(l.Date) != 4 || atoi(l.Date[:4]) < 1900 {
			return fmt.Errorf("date %q: want YYYY-MM-DD or YYYY", l.Date)
		}
		if l.Symbol == "" || !isDigit(rune(l.Symbol[0])) || !strings.Contains(l.Symbol, "/") {
			return fmt.Errorf("symbol %q: want a số ký hiệu", l.Symbol)
		}
		t.Laws = append(t.Laws, l)
		return nil
	})
}

// indexRefTables builds the lookups of forms, laws and issuing bodies.
func (t *Tables) indexRefTables() {
	t.formsByLast = map[string][]*FormWord{}
	for i := range t.Forms {
		f := &t.Forms[i]
		f.words = foldWords(f.Phrase)
		if len(f.words) > 0 {
			last := f.words[len(f.words)-1]
			t.formsByLast[last] = append(t.formsByLast[last], f)
		}
	}
	t.lawByNameYear = map[string]*Law{}
	t.lawNames = map[string]bool{}
	for i := range t.Laws {
		l := &t.Laws[i]
		k := normalize.Key(l.Name)
		t.lawByNameYear[k+"|"+l.Date[:4]] = l
		t.lawNames[k] = true
	}
	t.codeOfBody = map[string]string{}
	for _, ic := range t.Issuers {
		for _, b := range strings.Split(ic.Body, "/") {
			if k := normalize.Key(strings.TrimSpace(b)); k != "" {
				if _, dup := t.codeOfBody[k]; !dup {
					t.codeOfBody[k] = ic.Code
				}
			}
		}
	}
}

// LawByName returns the law of the tables with this name ("Luật Giáo dục",
// any case and tone placement) adopted in year, or nil.
func (t *Tables) LawByName(name string, year int) *Law {
	return t.lawByNameYear[normalize.Key(name)+"|"+itoa(year)]
}

// CodeOfBody returns the issuer code of a body named in full ("Quốc hội" →
// "QH", "Thủ tướng Chính phủ" → "TTg"), or "".
func (t *Tables) CodeOfBody(body string) string {
	return t.codeOfBody[normalize.Key(body)]
}

// NationalIssuer reports whether an issuer phrase names a central body (one
// of nationalHeads, after a title: "Thống đốc Ngân hàng Nhà nước", or a
// committee "… của Quốc hội"), so
// that a cited document whose symbol's code the tables lack is national:
// "Công văn số 4830/KTTH … của Chính phủ", "Quyết định số 96/1997/QĐ-NH2 …
// của Thống đốc Ngân hàng Nhà nước Việt Nam", "… của Quốc hội".
func (t *Tables) NationalIssuer(issuer string) bool {
	k := strings.Join(strings.Fields(foldPlain(issuer)), " ")
	if k == "" || strings.Contains(k, " tinh") || strings.Contains(k, " huyen") || strings.Contains(k, " xa ") || strings.HasSuffix(k, " xa") {
		return false
	}
	for _, title := range []string{"bo truong ", "thong doc ", "tong cuc truong ", "cuc truong ", "chu nhiem "} {
		k = strings.TrimPrefix(k, title)
	}
	if strings.HasSuffix(k, " cua quoc hoi") {
		return true
	}
	for _, h := range nationalHeads() { // the table's national bodies
		if k == h || strings.HasPrefix(k, h+" ") {
			return true
		}
	}
	return false
}

// knownCodes reports whether a code of an issuer code is a local one of the
// tables (TU, HU, UBND …): the sentence's issuer does not override it.
func (t *Tables) knownCodes(code string) bool {
	for _, part := range splitCodes(code) {
		if t.Scope(t.OfficialCode(part)) == "local" {
			return true
		}
	}
	return false
}
