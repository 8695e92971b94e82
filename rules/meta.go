package rules

import (
	"sort"
	"strings"

	"vanban/normalize"
)

// issuerFromLines names the issuing body from the header's issuer lines: the
// last line is the issuing body, the one above its superior (ND 30 ô 2; HD 36
// 1.1). A line that only names the superior ("ĐẢNG BỘ TỈNH LAI CHÂU") is not
// the issuer when a lower line exists.
func issuerFromLines(ls []string) string {
	if len(ls) == 0 {
		return ""
	}
	last := ls[len(ls)-1]
	// A name broken over two lines: "NGÂN HÀNG NHÀ NƯỚC" / "VIỆT NAM". A line
	// without an organisation word continues the line above.
	if len(ls) > 1 && !hasOrgHead(last) {
		last = ls[len(ls)-2] + " " + last
	}
	return properCase(last)
}

// orgHeads are the words that begin the name of an issuing body (folded).
var orgHeads = []string{"bo", "ban", "uy ban", "so", "cuc", "tong cuc", "tinh uy", "thanh uy", "huyen uy", "quan uy",
	"thi uy", "dang uy", "dang bo", "chi bo", "chinh phu", "quoc hoi", "hoi dong", "van phong", "ngan hang", "toa an",
	"vien", "kho bac", "thu tuong", "chu tich", "kiem toan", "thanh tra", "mat tran", "doan", "hoi", "truong", "benh vien",
	"cong an", "bo chi huy", "tap doan", "tong cong ty", "cong ty", "trung tam", "dai hoi", "ubnd", "hdnd", "lien doan", "bao hiem"}

func hasOrgHead(s string) bool {
	f := normalize.Fold(s)
	for _, h := range orgHeads {
		if hasPrefixWords(f, h) || strings.Contains(f, " "+h+" ") || strings.HasSuffix(f, " "+h) {
			return true
		}
	}
	return false
}

// issuerVerbs are what an issuer does in an opening or a news lead: "Ban
// Thường vụ Huyện ủy xây dựng kế hoạch", "… ban hành Kết luận số …".
var issuerVerbs = [][]string{{"ban", "hanh"}, {"xay", "dung"}, {"thong", "nhat", "xay", "dung"}, {"thong", "nhat", "ban", "hanh"}}

// issuerFromText finds the subject of "<Issuer> ban hành|xây dựng <type>" in
// the opening lines: the capitalised phrase between the previous clause
// boundary and the verb.
func issuerFromText(p *refParser, from, to int) (string, int) {
	for i := from; i < to && i < len(p.items); i++ {
		for _, v := range issuerVerbs {
			if !p.wordsAt(i, v) {
				continue
			}
			after := i + len(v)
			if dt, _ := p.typeAt(after); dt == nil {
				continue
			}
			// Walk back to the clause start.
			a := i - 1
			for a >= from && !p.boundary(a) && p.punct(a) != "," && p.punct(a) != "”" && a > i-16 {
				a--
			}
			a++
			if a >= i || p.items[a].kind != itemWord || !isUpper(p.r[p.items[a].start]) {
				continue
			}
			return normalize.CanonicalTone(p.text(a, i)), a
		}
	}
	return "", -1
}

func (p *refParser) wordsAt(i int, ws []string) bool {
	for k, w := range ws {
		if p.word(i+k) != w {
			return false
		}
	}
	return true
}

// adminWords introduce a place name: "tỉnh Thanh Hoá", "Tỉnh ủy Lâm Đồng",
// "TỈNH LAI CHÂU", "thành phố Hà Nội".
var adminWords = [][]string{{"tinh"}, {"tinh", "uy"}, {"thanh", "pho"}, {"thanh", "uy"}, {"ubnd", "tinh"}, {"tp"}}

// provinceIn counts the provinces named after an administrative word in
// p's items [from,to) and returns them by count; first mentions break ties.
func provinceIn(p *refParser, t *Tables, from, to int) []*Province {
	count := map[*Province]int{}
	first := map[*Province]int{}
	for i := from; i < to && i < len(p.items); i++ {
		ok := false
		var n int
		for _, a := range adminWords {
			if p.wordsAt(i, a) {
				ok, n = true, len(a)
			}
		}
		if !ok {
			continue
		}
		k := i + n
		if p.punct(k) == "." {
			k++
		}
		if pr := matchProvince(p, t, k); pr != nil {
			if _, seen := first[pr]; !seen {
				first[pr] = i
			}
			count[pr]++
		}
	}
	var out []*Province
	for pr := range count {
		out = append(out, pr)
	}
	sort.Slice(out, func(a, b int) bool {
		if count[out[a]] != count[out[b]] {
			return count[out[a]] > count[out[b]]
		}
		return first[out[a]] < first[out[b]]
	})
	return out
}

// matchProvince matches the longest province name starting at item k (up to
// four syllables, "Bà Rịa - Vũng Tàu").
func matchProvince(p *refParser, t *Tables, k int) *Province {
	if k >= len(p.items) || p.items[k].kind != itemWord || !isUpper(p.r[p.items[k].start]) {
		return nil
	}
	for n := 5; n >= 1; n-- {
		e := k + n
		if e > len(p.items) {
			continue
		}
		ok := true
		for j := k; j < e; j++ {
			if p.items[j].kind != itemWord && p.punct(j) != "-" {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		name := string(p.r[p.items[k].start:p.items[e-1].end])
		if pr, found := t.provinceByKey[normalize.Key(name)]; found {
			return pr
		}
	}
	return nil
}

// provinceOfPhrase finds a province named in a short phrase (an issuer line,
// a place): after an administrative word, or the phrase's last words.
func provinceOfPhrase(s string, t *Tables) *Province {
	if s == "" {
		return nil
	}
	rs := []rune(s)
	p := &refParser{t: t, r: rs, items: lex(rs).items}
	if prs := provinceIn(p, t, 0, len(p.items)); len(prs) > 0 {
		return prs[0]
	}
	// "THÀNH ỦY LAI CHÂU", "TP. Lai Châu": the tail of the phrase.
	for k := 0; k < len(p.items); k++ {
		if pr := matchProvince(p, t, k); pr != nil {
			if e := k; p.items[len(p.items)-1].end == provinceEnd(p, t, e) {
				return pr
			}
		}
	}
	return nil
}

func provinceEnd(p *refParser, t *Tables, k int) int {
	for n := 5; n >= 1; n-- {
		e := k + n
		if e > len(p.items) {
			continue
		}
		name := string(p.r[p.items[k].start:p.items[e-1].end])
		if _, found := t.provinceByKey[normalize.Key(name)]; found {
			return p.items[e-1].end
		}
	}
	return -1
}

// successorOn returns the province that a unit belongs to on an ISO date:
// merged units belong to their successor from 01/7/2025 (Nghị quyết
// 202/2025/QH15, domain.md §7).
func successorOn(pr *Province, date string) string {
	if pr == nil {
		return ""
	}
	if pr.Successor != "" && (date == "" || date >= mergeDate) {
		return pr.Successor
	}
	return ""
}

// mergeDate is the day the 2025 reorganisation took effect.
const mergeDate = "2025-07-01"
