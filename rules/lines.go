package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"vanban/normalize"
)

// textLine is one line of the normalized text (a paragraph, a header line).
type textLine struct {
	start, end int    // rune offsets in the text
	s          string // the line
	f          string // its folded form (same runes count)
}

// A line is folded whole when it has at most foldPrefix runes, else only its
// first foldHead runes: the folded twin serves checks on short lines (motto,
// positions, "Nơi nhận") and on the start of paragraphs ("Căn cứ").
const (
	foldPrefix = 120
	foldHead   = 40
)

func splitTextLines(text string, limit int) []textLine {
	var out []textLine
	off := 0
	for _, s := range strings.Split(text, "\n") {
		n := utf8.RuneCountInString(s)
		if off >= limit {
			break
		}
		// The folded twin serves prefix and short-line checks (header,
		// footer, headings): long paragraphs are folded only at their start.
		f := s
		if n > foldPrefix {
			f = prefixRunes(s, foldHead)
		}
		out = append(out, textLine{start: off, end: off + n, s: s, f: normalize.Fold(f)})
		off += n + 1
	}
	return out
}

// isCaps reports a line written in capitals (a header or title line): most
// of its letters are upper case.
func isCaps(s string) bool {
	up, low := 0, 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			up++
		} else if unicode.IsLower(r) {
			low++
		}
	}
	return up >= 2 && low*5 <= up
}

// hasPrefixWords reports whether folded line f starts with the words w
// ("can cu" matches "can cu luat …", not "can cuoc").
func hasPrefixWords(f, w string) bool {
	if !strings.HasPrefix(f, w) {
		return false
	}
	if len(f) == len(w) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(f[len(w):])
	return !isLetter(r)
}

// openingCues begin the opening sentences of a document (its legal basis and
// what it carries out), which are not part of its title.
var openingCues = []string{"can cu", "thuc hien", "trien khai", "thi hanh", "theo de nghi", "xet", "tren co so", "nham", "de "}

func startsWithCue(f string) bool {
	for _, c := range openingCues {
		if hasPrefixWords(f, strings.TrimSpace(c)) {
			return true
		}
	}
	return false
}

// properCase writes an upper-case organisation line in the case of running
// text: "THÀNH ỦY LAI CHÂU" → "Thành ủy Lai Châu", "ỦY BAN NHÂN DÂN TỈNH QUẢNG
// NGÃI" → "Ủy ban nhân dân tỉnh Quảng Ngãi". Organisation words follow
// orgWords; other syllables (place names) are capitalised.
func properCase(s string) string {
	words := strings.Fields(s)
	out := make([]string, len(words))
	for i := 0; i < len(words); {
		matched := false
		for n := 8; n >= 1; n-- {
			if i+n > len(words) {
				continue
			}
			key := normalize.Fold(strings.Join(words[i:i+n], " "))
			if form, ok := orgWords[key]; ok {
				fw := strings.Fields(form)
				for k := 0; k < n; k++ {
					out[i+k] = caseLike(words[i+k], fw[k])
				}
				i += n
				matched = true
				break
			}
		}
		if !matched {
			out[i] = title(words[i])
			i++
		}
	}
	return normalize.CanonicalTone(strings.Join(out, " "))
}

// caseLike gives word w (any case) the case pattern of form ("Ủy", "ban").
func caseLike(w, form string) string {
	fr, _ := utf8.DecodeRuneInString(form)
	lw := strings.ToLower(w)
	if unicode.IsUpper(fr) {
		return title(lw)
	}
	return lw
}

func title(w string) string {
	lw := []rune(strings.ToLower(w))
	if len(lw) == 0 {
		return w
	}
	lw[0] = unicode.ToUpper(lw[0])
	return string(lw)
}

// orgWords are the organisation words of issuer lines with their case in
// running text (ND 30/2020 Phụ lục II on capitalisation of bodies).
var orgWords = map[string]string{
	"uy ban nhan dan": "Ủy ban nhân dân", "hoi dong nhan dan": "Hội đồng nhân dân",
	"tinh uy": "Tỉnh ủy", "thanh uy": "Thành ủy", "huyen uy": "Huyện ủy", "quan uy": "Quận ủy", "thi uy": "Thị ủy",
	"dang uy": "Đảng ủy", "dang bo": "Đảng bộ", "chi bo": "Chi bộ", "ban thuong vu": "Ban Thường vụ",
	"ban chap hanh": "Ban Chấp hành", "ban chap hanh trung uong": "Ban Chấp hành Trung ương",
	"ban bi thu": "Ban Bí thư", "bo chinh tri": "Bộ Chính trị", "chinh phu": "Chính phủ",
	"thu tuong chinh phu": "Thủ tướng Chính phủ", "quoc hoi": "Quốc hội", "van phong": "Văn phòng",
	"uy ban thuong vu quoc hoi": "Ủy ban Thường vụ Quốc hội", "mat tran to quoc viet nam": "Mặt trận Tổ quốc Việt Nam",
	"mat tran to quoc": "Mặt trận Tổ quốc", "uy ban mat tran to quoc": "Ủy ban Mặt trận Tổ quốc",
	"ban thuong truc": "Ban Thường trực", "ban dan van": "Ban Dân vận", "ban tuyen giao": "Ban Tuyên giáo",
	"ban to chuc": "Ban Tổ chức", "uy ban kiem tra": "Ủy ban Kiểm tra", "ban can su dang": "Ban cán sự đảng",
	"dang doan": "Đảng đoàn", "tinh": "tỉnh", "huyen": "huyện", "thanh pho": "thành phố", "quan": "quận",
	"xa": "xã", "phuong": "phường", "thi xa": "thị xã", "thi tran": "thị trấn", "va": "và",
	"trung uong": "Trung ương", "so": "Sở", "bo": "Bộ", "cuc": "Cục", "tong cuc": "Tổng cục",
	"ban": "Ban", "hoi dong": "Hội đồng", "uy ban": "Ủy ban", "doan": "Đoàn",
	"bo noi vu": "Bộ Nội vụ", "bo tai chinh": "Bộ Tài chính", "bo tu phap": "Bộ Tư pháp", "bo y te": "Bộ Y tế",
	"bo xay dung": "Bộ Xây dựng", "bo cong an": "Bộ Công an", "bo quoc phong": "Bộ Quốc phòng",
	"bo ngoai giao": "Bộ Ngoại giao", "bo cong thuong": "Bộ Công Thương",
	"bo giao duc va dao tao": "Bộ Giáo dục và Đào tạo", "bo khoa hoc va cong nghe": "Bộ Khoa học và Công nghệ",
	"bo nong nghiep va moi truong": "Bộ Nông nghiệp và Môi trường", "bo tai nguyen va moi truong": "Bộ Tài nguyên và Môi trường",
	"bo van hoa, the thao va du lich": "Bộ Văn hóa, Thể thao và Du lịch", "bo giao thong van tai": "Bộ Giao thông vận tải",
	"ngan hang nha nuoc viet nam": "Ngân hàng Nhà nước Việt Nam", "kiem toan nha nuoc": "Kiểm toán Nhà nước",
	"thanh tra chinh phu": "Thanh tra Chính phủ", "chu tich nuoc": "Chủ tịch nước",
	"toa an nhan dan toi cao": "Tòa án nhân dân tối cao", "vien kiem sat nhan dan toi cao": "Viện kiểm sát nhân dân tối cao",
	"bo dan toc va ton giao": "Bộ Dân tộc và Tôn giáo", "bo lao dong - thuong binh va xa hoi": "Bộ Lao động - Thương binh và Xã hội",
}

// prefixRunes returns the first n runes of s.
func prefixRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
