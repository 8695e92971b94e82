package corpus

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Ref is a document as a person names it on the command line: "Chỉ thị
// 33/CT-TTg", "33/ct-ttg", "chi thi 33", "Nghị quyết 25-NQ/TW năm 2013",
// "Chỉ thị 18-CT/TU tỉnh Lâm Đồng", or a stored key "33/CT-TTg:2021:vn".
type Ref struct {
	Key    string // a stored key, when the input is one
	Type   string // folded type name ("chi thi"), "" when not given
	Symbol string // as typed ("33/ct-ttg"); match with FoldSymbol
	Number string // without leading zeros, when only a number is given
	Year   int    // 0 when not given
	Place  string // jurisdiction slug ("lam-dong", "vn"), "" when not given
}

// ErrNoRef is returned for text that names no document.
var ErrNoRef = errors.New("no number or symbol in the reference")

// typeNames maps folded type names to the type abbreviations used in
// symbols (domain.md §1.3, §2.3), longest names first so that "chuong
// trinh hanh dong" wins over "chuong trinh".
var typeNames = []struct {
	name    string
	display string
	abbrevs []string
}{
	{"chuong trinh phoi hop", "Chương trình phối hợp", []string{"CTRPH", "CTPH"}},
	{"chuong trinh hanh dong", "Chương trình hành động", []string{"CTHD", "CTR"}},
	{"chuong trinh", "Chương trình", []string{"CTR", "CT"}},
	{"nghi quyet lien tich", "Nghị quyết liên tịch", []string{"NQLT"}},
	{"nghi quyet", "Nghị quyết", []string{"NQ"}},
	{"nghi dinh", "Nghị định", []string{"ND"}},
	{"chi thi", "Chỉ thị", []string{"CT"}},
	{"ke hoach", "Kế hoạch", []string{"KH"}},
	{"ket luan", "Kết luận", []string{"KL"}},
	{"quyet dinh", "Quyết định", []string{"QD"}},
	{"quy dinh", "Quy định", []string{"QD", "QDI"}},
	{"quy che", "Quy chế", []string{"QC"}},
	{"huong dan", "Hướng dẫn", []string{"HD", "HDLB"}},
	{"cong van", "Công văn", []string{"CV", ""}},
	{"thong bao", "Thông báo", []string{"TB"}},
	{"thong tri", "Thông tri", []string{"TT"}},
	{"thong tu lien tich", "Thông tư liên tịch", []string{"TTLT"}},
	{"thong tu", "Thông tư", []string{"TT"}},
	{"de an", "Đề án", []string{"DA"}},
	{"phap lenh", "Pháp lệnh", []string{"PL"}},
	{"luat", "Luật", []string{""}},
	{"bao cao", "Báo cáo", []string{"BC"}},
	{"to trinh", "Tờ trình", []string{"TTR"}},
	{"van ban hop nhat", "Văn bản hợp nhất", []string{"VBHN"}},
}

// TypeAbbrevs gives the symbol abbreviations of a folded type name.
func TypeAbbrevs(foldedType string) []string {
	for _, t := range typeNames {
		if t.name == foldedType {
			return t.abbrevs
		}
	}
	return nil
}

var (
	keyForm = regexp.MustCompile(`^\S+:(\d{4}|\?)?:[a-z0-9/-]+(~[0-9a-z-]+)?$`)
	// A symbol as typed: digits, then "-" or "/", then letters, digits and
	// separators ("33/CT-TTg", "25-NQ/TW", "34/2007/PL-UBTVQH11").
	symbolForm = regexp.MustCompile(`^\d+[-/][\p{L}\d]+(?:[-/][\p{L}\d]+)*$`)
	spacedSep  = regexp.MustCompile(`\s*([-/–])\s*`)
	yearForm   = regexp.MustCompile(`^(19|20)\d\d$`)
	dateForm   = regexp.MustCompile(`^\d{1,2}[-/.]\d{1,2}[-/.]((?:19|20)\d\d)$`)
)

// ParseRef reads a reference as a person types it. It never panics; text
// without a number or symbol gives ErrNoRef.
func ParseRef(s string) (Ref, error) {
	s = strings.TrimSpace(norm.NFC.String(strings.ToValidUTF8(s, "")))
	if keyForm.MatchString(s) {
		return Ref{Key: s}, nil
	}
	// "01 - KL/TW" and "33 / CT-TTg" are one token.
	s = spacedSep.ReplaceAllString(s, "$1")
	var r Ref
	var words []string // folded words that are neither number nor symbol nor year
	toks := strings.Fields(s)
	for i := 0; i < len(toks); i++ {
		tok := strings.Trim(toks[i], ",.;:()\"“”'")
		f := Fold(tok)
		switch {
		case tok == "":
		case r.Symbol == "" && r.Number == "" && symbolForm.MatchString(tok):
			r.Symbol = tok
		case (f == "nam" || f == "ngay") && i+1 < len(toks):
			next := strings.Trim(toks[i+1], ",.;:()")
			if yearForm.MatchString(next) {
				r.Year, _ = strconv.Atoi(next)
				i++
			} else if m := dateForm.FindStringSubmatch(next); m != nil {
				r.Year, _ = strconv.Atoi(m[1])
				i++
			} else {
				words = append(words, f)
			}
		case dateForm.MatchString(tok):
			r.Year, _ = strconv.Atoi(dateForm.FindStringSubmatch(tok)[1])
		case (r.Symbol != "" || r.Number != "") && yearForm.MatchString(tok):
			r.Year, _ = strconv.Atoi(tok)
		case r.Symbol == "" && r.Number == "" && isDigits(tok):
			r.Number = strings.TrimLeft(tok, "0")
			if r.Number == "" {
				r.Number = "0"
			}
		default:
			words = append(words, f)
		}
	}
	if r.Symbol == "" && r.Number == "" {
		return Ref{}, ErrNoRef
	}
	// The type: the longest known name among the words ("so" = "số" is noise).
	phrase := " " + strings.Join(words, " ") + " "
	for _, t := range typeNames {
		if i := strings.Index(phrase, " "+t.name+" "); i >= 0 {
			r.Type = t.name
			phrase = phrase[:i] + " " + phrase[i+len(t.name)+1:]
			break
		}
	}
	// The place: a province named among the remaining words.
	rest := strings.Fields(phrase)
	for k := len(rest); k > 0 && r.Place == ""; k-- {
		for i := 0; i+k <= len(rest); i++ {
			slug := Slug(strings.Join(rest[i:i+k], " "))
			if knownPlaces[slug] {
				r.Place = slug
				break
			}
		}
	}
	return r, nil
}

func isDigits(s string) bool {
	if s == "" || len(s) > 9 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// knownPlaces are the province slugs a REF may name: the 34 units of 2025
// and the provinces merged into them.
var knownPlaces = map[string]bool{
	"ha-noi": true, "hue": true, "lai-chau": true, "dien-bien": true, "son-la": true, "lang-son": true,
	"quang-ninh": true, "thanh-hoa": true, "nghe-an": true, "ha-tinh": true, "cao-bang": true,
}

func init() {
	for k, v := range mergedFrom {
		knownPlaces[k] = true
		for _, p := range v {
			knownPlaces[p] = true
		}
	}
}
