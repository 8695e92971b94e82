package rules

import "testing"

// TestEnglishHeader: an English translation's type line and title give its
// type, own symbol, date and subject, and its own symbol is no citation of
// itself (audit 12fc190 #55).
func TestEnglishHeader(t *testing.T) {
	cases := []struct {
		name, text                 string
		typ, symbol, date, subject string
		cites                      string // a symbol that must stay a citation ("" for none)
	}{
		{"title with the identity", "Decree No. 39/2010/ND-CP of April 7, 2010, on management of urban underground construction space\nTHE GOVERNMENT\nPursuant to the December 25, 2001 Law on Organization of the Government;\nDECREES:\nArticle 1. Scope\nThis Decree 39/2010/ND-CP applies.\n",
			"Nghị định", "39/2010/NĐ-CP", "2010-04-07", "management of urban underground construction space", ""},
		{"type line, then the title", "DECISION\nDecision No. 1755/QD-TTg of September 22, 2010, approving the Scheme on information technology\nTHE PRIME MINISTER\nPursuant to the Law on Organization of the Government;\nDECIDES:\nArticle 1.\n",
			"Quyết định", "1755/QĐ-TTg", "2010-09-22", "approving the Scheme on information technology", ""},
		{"a resolution after the order that promulgates it", "RESOLUTION\nOrder No. 23/2010/L-CTN of December 7, 2010, on the promulgation of National Assembly resolution\nTHE PRESIDENT OF THE SOCIALIST REPUBLIC OF VIETNAM\nPursuant to Article 103 of the 1992 Constitution;\nPROMULGATES:\nResolution on enforcement of the Administrative Procedure Law,\nPresident of the Socialist Republic of Vietnam\nNGUYEN MINH TRIET\nResolution No. 56/2010/QH12 on enforcement of the Administrative Procedure Law\nTHE NATIONAL ASSEMBLY\nPursuant to the 1992 Constitution;\nRESOLVES:\nArticle 1. The Law takes effect.\n",
			"Nghị quyết", "56/2010/QH12", "", "enforcement of the Administrative Procedure Law", "23/2010/L-CTN"},
		{"type line and a title with no symbol", "CIRCULAR\nPrescribing conditions for foreign seafarers\n__________\nPursuant to the Maritime Code of Vietnam;\nArticle 1.\n",
			"Thông tư", "", "", "Prescribing conditions for foreign seafarers", ""},
		{"a title naming another document is not the identity", "DECREE\nAmending a number of articles of the Government’s Decree No. 112/2013/ND-CP of October 2, 2013\nTHE GOVERNMENT\nPursuant to the Law on Organization of the Government;\nArticle 1.\n",
			"Nghị định", "", "", "Amending a number of articles of the Government’s Decree No. 112/2013/ND-CP of October 2, 2013", "112/2013/NĐ-CP"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := ParseText(c.text)
			if string(d.Type) != c.typ || string(d.Symbol) != c.symbol || string(d.Date) != c.date || string(d.Subject) != c.subject {
				t.Errorf("got type %q symbol %q date %q subject %q\nwant type %q symbol %q date %q subject %q", d.Type, d.Symbol, d.Date, d.Subject, c.typ, c.symbol, c.date, c.subject)
			}
			found := false
			for _, r := range d.References {
				if c.symbol != "" && string(r.Symbol) == c.symbol {
					t.Errorf("the document cites itself: %+v", r)
				}
				found = found || string(r.Symbol) == c.cites
			}
			if c.cites != "" && !found {
				t.Errorf("%s is no longer cited: %+v", c.cites, d.References)
			}
		})
	}
}
