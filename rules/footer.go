package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"vanban/normalize"
)

// authorityPrefixes open a signing-capacity line: State forms with a dot (ND
// 30/2020 Phụ lục I ô 7a: TM., KT., TL., TUQ., Q.) and Party forms with a slash
// (HD 36-HD/VPTW 1.7.1: T/M, K/T, T/L). Compared folded and without spaces.
var authorityPrefixes = []string{"t/m", "tm.", "tm ", "k/t", "kt.", "kt ", "t/l", "tl.", "tuq.", "tuq ", "q."}

// positionWords name the signer's office in the position line; compared folded.
var positionWords = []string{
	"bi thu", "chu tich", "truong ban", "giam doc", "bo truong", "thu truong", "thu tuong",
	"chanh van phong", "truong phong", "chu nhiem", "tong bi thu", "pho", "uy vien", "tong giam doc",
	"vien truong", "chanh an", "tong kiem toan", "thong doc", "chu tich nuoc", "truong doan", "hieu truong",
	"cuc truong", "vu truong", "chanh thanh tra", "tong thu ky", "thu ky", "truong", "giam doc so",
}

func isAuthority(f string) bool {
	g := strings.ReplaceAll(f, " ", "")
	for _, p := range authorityPrefixes {
		q := strings.ReplaceAll(p, " ", "")
		if strings.HasPrefix(g, q) && len(g) > len(q) {
			return true
		}
	}
	return false
}

func isPosition(s, f string) bool {
	if !isCaps(s) || utf8.RuneCountInString(s) > 60 {
		return false
	}
	for _, w := range positionWords {
		if hasPrefixWords(f, w) {
			return true
		}
	}
	return false
}

// isPersonName reports a line that is a person's name: two to six syllables,
// each capitalised, letters only (Vietnamese names, ND 30 ô 7c: no titles).
func isPersonName(s string) bool {
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 6 {
		return false
	}
	allCaps := isCaps(s)
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && !unicode.Is(unicode.Mn, c) {
				return false
			}
		}
	}
	if allCaps {
		// A name in capitals is accepted only if it is not an office line.
		return !isPosition(s, normalize.Fold(s))
	}
	return true
}

// signers reads the signature blocks: an optional authority line (T/M BAN
// THƯỜNG VỤ, KT. CHỦ TỊCH, or the body's name in capitals), a position line
// (PHÓ BÍ THƯ), and the name a few lines below. Several blocks are read.
func signers(lines []textLine, from int) []Signer {
	var out []Signer
	for i := from; i < len(lines); i++ {
		s := strings.TrimSpace(lines[i].s)
		f := lines[i].f
		if !isPosition(s, f) {
			continue
		}
		sg := Signer{Position: strings.ToUpper(s)}
		// Authority: the line above when it is a capacity line or a capitals body line.
		// State blocks stack capacities: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH".
		for k, n := prevNonEmpty(lines, i), 0; k >= from && n < 2; k, n = prevNonEmpty(lines, k), n+1 {
			ps := strings.TrimSpace(lines[k].s)
			if !(isAuthority(lines[k].f) || (n == 0 && isCaps(ps) && utf8.RuneCountInString(ps) < 70 && !isPosition(ps, lines[k].f))) {
				break
			}
			if sg.Authority == "" {
				sg.Authority = strings.ToUpper(ps)
			} else {
				sg.Authority = strings.ToUpper(ps) + " " + sg.Authority
			}
		}
		// Some lines put capacity and position on one line: "KT. CHỦ TỊCH".
		if sg.Authority == "" && isAuthority(f) {
			sg.Authority = strings.ToUpper(s)
		}
		for k := i + 1; k < len(lines) && k <= i+6; k++ {
			t := strings.TrimSpace(lines[k].s)
			if t == "" || strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
				continue // "(Đã ký)", "(Ký tên, đóng dấu)"
			}
			if isPersonName(t) {
				sg.Name = t
				i = k
			}
			break
		}
		if sg.Name != "" || sg.Authority != "" {
			out = append(out, sg)
		}
	}
	return out
}

func prevNonEmpty(lines []textLine, i int) int {
	for k := i - 1; k >= 0; k-- {
		if strings.TrimSpace(lines[k].s) != "" {
			return k
		}
	}
	return -1
}

// recipients reads the "Nơi nhận:" list (ô 9b): the lines starting with "-"
// or "+" after it. OCR and typing damage ("Noi nhận", "Nơi nhận/nh") is
// matched folded.
func recipients(lines []textLine, from int) ([]string, int) {
	for i := len(lines) - 1; i >= from; i-- {
		f := strings.TrimSpace(lines[i].f)
		if !strings.HasPrefix(f, "noi nhan") {
			continue
		}
		var out []string
		// Items on the same line: "Nơi nhận: - A; - B".
		if k := strings.IndexAny(lines[i].s, ":"); k >= 0 {
			for _, it := range splitItems(lines[i].s[k+1:]) {
				out = append(out, it)
			}
		}
		for k := i + 1; k < len(lines); k++ {
			t := strings.TrimSpace(lines[k].s)
			if t == "" {
				continue
			}
			if !strings.HasPrefix(t, "-") && !strings.HasPrefix(t, "+") && !strings.HasPrefix(t, "•") {
				break
			}
			out = append(out, splitItems(t)...)
		}
		return out, i
	}
	return nil, -1
}

func splitItems(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n") {
		p = strings.TrimSpace(p)
		p = strings.TrimLeft(p, "-+• ")
		p = strings.TrimRight(p, " ,;.}")
		p = strings.TrimSpace(p)
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}
