package corpus

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"vanban/rules"
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
	Place  string // jurisdiction slug ("lam-dong", "binh-dinh/tay-son", "vn"), "" when not given
}

// ErrNoRef is returned for text that names no document.
var ErrNoRef = errors.New("no number or symbol in the reference")

// TypeAbbrevs gives the symbol abbreviations of a folded type name, in
// their matching form (FoldSymbol): the parser's type table
// (rules/tables/types.tsv).
func TypeAbbrevs(foldedType string) []string {
	dt, ok := rules.TypeByName(foldedType)
	if !ok {
		return nil
	}
	out := make([]string, len(dt.Abbr))
	for i, a := range dt.Abbr {
		out[i] = FoldSymbol(a)
	}
	return out
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
	// The type: the longest name of the type table among the words ("so" =
	// "số" is noise).
	phrase := " " + strings.Join(words, " ") + " "
	for _, name := range rules.TypeNames() {
		if i := strings.Index(phrase, " "+name+" "); i >= 0 {
			r.Type = name
			phrase = phrase[:i] + " " + phrase[i+len(name)+1:]
			break
		}
	}
	r.Place = refPlace(strings.Fields(phrase))
	return r, nil
}

// unitWords open the name of a district or commune in a REF ("huyện Tây
// Sơn", "xã Bình Thành").
var unitWords = []string{"huyen", "quan", "thi xa", "thanh pho", "xa", "phuong", "thi tran"}

// refPlace is the place named among the remaining words of a REF: a unit
// word and what follows it, when the gazetteer gives one most general place
// for it ("huyện Tây Sơn" → "binh-dinh/tay-son"), else a province of the
// provinces table ("tỉnh Lâm Đồng", "lam dong").
func refPlace(rest []string) string {
	phrase := " " + strings.Join(rest, " ") + " "
	for _, u := range unitWords {
		if i := strings.Index(phrase, " "+u+" "); i >= 0 {
			// A place name is a few words after its unit word ("xã Bình
			// Thành, Tây Sơn, tỉnh Bình Định"): read no more of them, so
			// that a long REF costs no more than a short one.
			if ps, err := lookupPlace(firstWords(phrase[i:], placeWords)); err == nil && len(ps) == 1 {
				return ps[0]
			}
		}
	}
	// The longest run of words naming a province: runs no longer than the
	// longest name of the table, so the time is linear in the words.
	for k := min(len(rest), provinceSlugs().maxWords); k > 0; k-- {
		for i := 0; i+k <= len(rest); i++ {
			if slug := provinceSlug(strings.Join(rest[i:i+k], " ")); slug != "" {
				return slug
			}
		}
	}
	return ""
}

// placeWords is the most words read of a place named after a unit word: the
// commune, district and province, each with its unit word.
const placeWords = 16

// firstWords is s up to its n-th word.
func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
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
