package rules

import (
	"strings"

	"vanban/normalize"
)

// namedHeads are the document kinds that are cited by name rather than by
// number (ND 30/2020 Phụ lục I 6.a: "Luật, Pháp lệnh: … type + name"), and
// the Party resolutions named after their congress or plenum.
var namedHeads = []struct {
	words []string
	typ   string
	next  []string // for "Nghị quyết": the word that must follow
}{
	{[]string{"bo", "luat"}, "Bộ luật", nil},
	{[]string{"luat"}, "Luật", nil},
	{[]string{"phap", "lenh"}, "Pháp lệnh", nil},
	{[]string{"hien", "phap"}, "Hiến pháp", nil},
	{[]string{"dieu", "le"}, "Điều lệ", nil},
	{[]string{"nghi", "quyet"}, "Nghị quyết", []string{"dai", "trung", "hoi"}},
	{[]string{"chi", "thi"}, "Chỉ thị", []string{"trung"}},
}

// nameStops end a document's name (lower-case, with tones: "số" ends a name,
// "sở" in "dân chủ ở cơ sở" does not).
var nameStops = map[string]bool{
	"và": true, "của": true, "ngày": true, "số": true, "về": true, "tại": true, "theo": true, "đã": true,
	"được": true, "này": true, "do": true, "trong": true, "để": true, "cho": true, "với": true, "thì": true,
	"nhằm": true, "gắn": true, "trên": true, "các": true, "những": true, "khi": true, "nếu": true, "đối": true,
	"năm": false, "có": true, "là": true, "đến": true, "từ": true, "qua": true, "sau": true,
	"đề": true, "ra": true, "mà": true, "nêu": true, "quy": true, "bảo": false, "vào": true,
}

// namedReferences finds documents cited by name without a number: "Luật
// Tiếp công dân", "Hiến pháp năm 2013", "Nghị quyết Đại hội lần thứ XIII".
func (p *refParser) namedReferences() []NamedRef {
	var out []NamedRef
	seen := map[string]int{}
	for i := 0; i < len(p.items); i++ {
		if p.items[i].kind != itemWord || !isUpper(p.r[p.items[i].start]) {
			continue
		}
		if p.lawMentionAt(i) {
			continue // a law cited by name and date: a reference
		}
		for _, h := range namedHeads {
			if !p.wordsAt(i, h.words) {
				continue
			}
			k := i + len(h.words)
			if h.next != nil {
				ok := false
				for _, w := range h.next {
					if p.word(k) == w && isUpper(p.r[p.items[k].start]) {
						ok = true
					}
				}
				if !ok {
					break
				}
			}
			e := k
			for e < len(p.items) && e-k < 14 {
				it := p.items[e]
				if it.kind == itemWord && !p.nameStopAt(e) {
					e++
					continue
				}
				if it.kind == itemNumber && p.word(e-1) == "nam" || it.kind == itemNumber && h.next != nil {
					e++
					continue
				}
				if it.kind == itemPunct && it.key == "-" && e+1 < len(p.items) && p.items[e+1].kind == itemWord {
					e++
					continue
				}
				// "Luật Tiêu chuẩn và Quy chuẩn kỹ thuật", "Luật Khoa học, công
				// nghệ và đổi mới sáng tạo": the whole name.
				if e > k && (it.kind == itemPunct && it.key == "," || it.kind == itemWord && it.key == "va") {
					if c := p.nameContinues(i, e); c > e {
						e = c
						continue
					}
				}
				break
			}
			// Trailing "năm" without a year, or nothing named.
			for e > k && p.lower(e-1) == "năm" {
				e--
			}
			if e == k {
				break
			}
			// Numbered after all: "Luật Viên chức số 58/2010/QH12", "Luật Cán
			// bộ, công chức số 80/2025/QH15" (the name goes on past a comma).
			if p.numberedLater(e) {
				break
			}
			start, end := p.items[i].start, p.items[e-1].end
			text := string(p.r[start:end])
			key := normalize.Key(text)
			if j, ok := seen[key]; ok {
				out[j].Count++
			} else {
				seen[key] = len(out)
				out = append(out, NamedRef{Type: h.typ, Name: strings.TrimSpace(string(p.r[p.items[k].start:end])), Text: text, Start: start, End: end, Count: 1})
			}
			i = e - 1
			break
		}
	}
	return out
}

// numberedLater reports a symbol after "số" before the clause ends: the name
// just read belongs to a numbered reference.
func (p *refParser) numberedLater(e int) bool {
	for k := e; k < len(p.items) && k < e+25; k++ {
		if p.boundary(k) || p.punct(k) == "(" {
			return false
		}
		if p.items[k].kind == itemSymbol {
			return k == e || p.word(k-1) == "so"
		}
	}
	return false
}

// lawMentionAt reports a law cited by name and date starting at item i.
func (p *refParser) lawMentionAt(i int) bool {
	for k := range p.ms {
		if p.ms[k].name != "" && p.ms[k].first == i {
			return true
		}
	}
	return false
}
