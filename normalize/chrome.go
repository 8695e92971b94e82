package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// uiWords are the words of page furniture that every Vietnamese news or portal
// site uses around an article: reply, comment, share, log in, read more,
// weather, print, back to top, follow. A line made only of such words (plus
// counts, placeholders and short names) is chrome, whatever the site. They are
// compared folded ("binh luan" matches "Bình luận").
var uiWords = []string{
	"tra loi", "binh luan", "chia se", "dang nhap", "dang ky", "xem them", "doc them", "thoi tiet",
	"in bai", "gui bai", "len dau trang", "quay lai", "theo doi", "tin lien quan", "bai lien quan",
	"bai viet lien quan", "tin khac", "tin moi", "y kien cua ban", "y kien ban doc", "gui y kien",
	"tat [x]", "dong [x]", "quang cao", "facebook", "zalo", "twitter", "youtube", "email", "like",
	"copy link", "sao chep", "luot xem", "danh gia", "vui long", "dia phuong", "chuyen muc",
	"trang chu", "ban doc", "phan hoi",
}

// chromeScore says how much a line looks like page furniture: 2 strong (a
// template placeholder, a line of UI words), 1 weak (a byline of initials such
// as "P.N"), 0 text.
func chromeScore(t string) int {
	if t == "" {
		return 0
	}
	if strings.Contains(t, "{") && strings.Contains(t, "}") {
		return 2
	}
	words := strings.Fields(t)
	if len(words) > 24 {
		return 0
	}
	f := Fold(t)
	if strings.Contains(f, "vui long") && !strings.Contains(t, ";") {
		return 2 // "Vui lòng gõ tiếng Việt có dấu": a comment form's instructions
	}
	if len(words) > 12 {
		return 0
	}
	for _, w := range uiWords {
		if strings.Contains(f, w) && len(words) <= 8 {
			return 2
		}
	}
	if isByline(t) {
		return 1
	}
	return 0
}

// isByline reports author initials lines: "P.N", "T.H.", "HN".
func isByline(t string) bool {
	if utf8.RuneCountInString(t) > 8 || !strings.Contains(t, ".") {
		return false
	}
	letters := 0
	for _, r := range t {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '.' || r == ' ':
		default:
			return false
		}
	}
	return letters >= 1
}

// isCaption reports a photo caption line: "… (Ảnh: MH)", "(Ảnh minh họa)".
func isCaption(t string) bool {
	if !strings.HasSuffix(t, ")") {
		return false
	}
	f := Fold(t)
	if !strings.HasSuffix(f, ")") {
		return false
	}
	i := strings.LastIndex(f, "(")
	if i < 0 {
		return false
	}
	in := f[i+1:]
	return (strings.HasPrefix(in, "anh:") || strings.HasPrefix(in, "anh ") || strings.HasPrefix(in, "nguon:")) && utf8.RuneCountInString(t) < 200
}

// dropChrome removes page furniture: photo captions anywhere, and the tail of
// the page once the article has ended — the longest run of final lines that
// are all chrome (strong) or bylines (weak), holding at least two strong
// ones. A signature block or a list of recipients is never chrome, so a
// document that ends normally loses nothing.
func dropChrome(lines []line, removed map[string]int) []line {
	for i := range lines {
		if isCaption(lines[i].text) {
			lines[i].text = ""
			removed["chrome"]++
		}
	}
	dropNewsLists(lines, removed)
	cut, strong := len(lines), 0
	for i := len(lines) - 1; i >= 0; i-- {
		t := lines[i].text
		if t == "" {
			continue
		}
		sc := chromeScore(t)
		if sc == 0 {
			break
		}
		if sc == 2 {
			strong++
		}
		cut = i
	}
	if strong >= 2 {
		for i := cut; i < len(lines); i++ {
			if lines[i].text != "" {
				removed["chrome"]++
			}
			lines[i].text = ""
		}
	}
	return lines
}

// newsListHeadings open a portal's list of other articles ("Những tin mới
// hơn" / "Nghị định 96/2025/NĐ-CP" / "(27/06/2026)" …), folded: the titles
// in it are links to other pages, not documents the article cites.
var newsListHeadings = map[string]bool{
	"nhung tin moi hon": true, "nhung tin cu hon": true, "tin moi nhat": true, "tin lien quan": true,
	"bai viet lien quan": true, "bai lien quan": true, "cac tin khac": true, "tin khac": true,
	"tin cung chuyen muc": true, "van ban lien quan": true, "van ban moi": true,
	"tin xem nhieu": true, "tin doc nhieu": true, "bai viet xem nhieu": true, "bai doc nhieu": true,
	"tin noi bat": true,
}

// undatedNewsHeadings are the lists of other articles whose titles come
// without dates ("Tin xem nhiều" / "Luật Thuế GTGT 1/1/2026: …").
var undatedNewsHeadings = map[string]bool{
	"tin xem nhieu": true, "tin doc nhieu": true, "tin moi nhat": true, "bai viet xem nhieu": true,
	"bai doc nhieu": true, "tin noi bat": true,
}

// titleLike reports a short line that ends no sentence: an article's title
// in a list of links.
func titleLike(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" || len(strings.Fields(t)) > 20 {
		return false
	}
	last := lastRune(t)
	return last != "." && last != ";" && last != ":"
}

// dropNewsLists blanks each such list: its heading, then every title that
// a date in parentheses follows, and those dates. A heading with no dated
// title after it is left alone.
func dropNewsLists(lines []line, removed map[string]int) {
	nextText := func(j int) int {
		for ; j < len(lines) && lines[j].text == ""; j++ {
		}
		return j
	}
	for i := 0; i < len(lines); i++ {
		// the headings are a few words: a longer line is none (and is
		// not folded, the most of this pass's time)
		if len(lines[i].text) > 64 {
			continue
		}
		head := strings.TrimRight(strings.TrimSpace(Fold(lines[i].text)), ":")
		if !newsListHeadings[head] {
			continue
		}
		var drop []int
		j := nextText(i + 1)
		if undatedNewsHeadings[head] {
			// "Tin xem nhiều" / a few titles, no dates: up to 15 short
			// lines that end no sentence.
			for n := 0; n < 15 && j < len(lines) && titleLike(lines[j].text); n++ {
				drop = append(drop, j)
				j = nextText(j + 1)
			}
		}
		for j < len(lines) {
			if dateLine(lines[j].text) {
				drop = append(drop, j)
				j = nextText(j + 1)
				continue
			}
			k := nextText(j + 1)
			if k < len(lines) && dateLine(lines[k].text) && len(strings.Fields(lines[j].text)) <= 25 {
				drop = append(drop, j, k)
				j = nextText(k + 1)
				continue
			}
			break
		}
		if len(drop) == 0 {
			continue
		}
		lines[i].text = ""
		removed["chrome"]++
		for _, k := range drop {
			lines[k].text = ""
			removed["chrome"]++
		}
		i = j - 1
	}
}

// dateLine reports a line that is only a date in parentheses, perhaps with
// a time: "(27/06/2026)", "(27/06/2026 10:20)".
func dateLine(t string) bool {
	t = strings.TrimSpace(t)
	if len(t) < 10 || t[0] != '(' || t[len(t)-1] != ')' {
		return false
	}
	digits, slashes := 0, 0
	for _, r := range t[1 : len(t)-1] {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '/':
			slashes++
		case r == ' ' || r == ':' || r == '-':
		default:
			return false
		}
	}
	return slashes == 2 && digits >= 6
}

// dropDuplicates removes a repeated copy of a long line (a web page that
// prints the lead and the title twice). Short lines repeat legitimately
// (headings such as "Mục tiêu", list dashes).
func dropDuplicates(lines []line, removed map[string]int) []line {
	seen := map[string]bool{}
	for i := range lines {
		t := lines[i].text
		if shorterThan(t, 60) {
			continue
		}
		if seen[t] {
			lines[i].text = ""
			removed["duplicate"]++
			continue
		}
		seen[t] = true
	}
	return lines
}

// superscripts are footnote marks as typed by Word and kept by text exports.
const superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹"

// footnoteMark returns the mark of a footnote line ("¹ Tổng kết …", "[^2]: …")
// and the note text, or ok=false.
func footnoteMark(t string) (mark, text string, ok bool) {
	i := 0
	for i < len(t) {
		r, n := utf8.DecodeRuneInString(t[i:])
		if !strings.ContainsRune(superscripts, r) {
			break
		}
		i += n
	}
	if i > 0 && i < len(t) {
		return t[:i], strings.TrimSpace(t[i:]), true
	}
	if strings.HasPrefix(t, "[^") {
		if j := strings.Index(t, "]:"); j > 2 && j < 8 {
			return t[:j+1], strings.TrimSpace(t[j+2:]), true
		}
	}
	return "", "", false
}

// endsCut reports whether a line stops in the middle of a sentence: its last
// character is a letter, a digit or a comma, and it is not a title in capitals.
func endsCut(t string) bool {
	if shorterThan(t, 25) || placeDate(t) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	if !(unicode.IsLetter(last) || unicode.IsDigit(last) || last == ',') {
		return false
	}
	upper, lower := 0, 0
	for _, r := range t {
		if unicode.IsUpper(r) {
			upper++
		} else if unicode.IsLower(r) {
			lower++
		}
	}
	return lower > upper
}

// placeDate reports a header's place and date line, which ends its line
// whatever comes next: "Hà Nội, ngày 04 tháng 6 năm 2001".
func placeDate(t string) bool {
	if !shorterThan(t, 61) || strings.IndexByte(t, ',') < 0 {
		return false
	}
	f := Fold(t)
	i := strings.Index(f, ", ngay ")
	if i < 0 || !strings.Contains(f[i:], " thang ") {
		return false
	}
	j := strings.LastIndex(f, " nam ")
	if j < 0 {
		return false
	}
	y := strings.TrimSpace(f[j+5:])
	if len(y) != 4 {
		return false
	}
	for _, r := range y {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// startsLower reports whether a line goes on with a lower-case word, as the
// rest of a cut sentence does.
func startsLower(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLower(r)
}

// partReference reports whether a line opens with a part of a text named
// inside a sentence, "Điều 12 Thông tư số …", "Điều 1 và Điều 3 …", which
// a hard wrap put at the start of a line: an article's heading has a full
// stop or a colon after its number ("Điều 12. Hiệu lực").
func partReference(t string) bool {
	rest, ok := strings.CutPrefix(t, "Điều ")
	if !ok {
		return false
	}
	n := 0
	for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
		n++
	}
	if n == 0 || n == len(rest) || rest[n] != ' ' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest[n+1:])
	return unicode.IsLetter(r)
}

// startsSymbol reports whether a line opens with a số ký hiệu followed by
// more words: "146/2025/NĐ-CP ngày 12 tháng 6 năm 2025 quy định …" goes on
// the sentence a wrap cut ("… ban hành kèm theo Nghị định sô"); no
// paragraph or list item opens so, nor a line that is only a symbol and
// the ";" of a list.
func startsSymbol(t string) bool {
	tok, rest, _ := strings.Cut(t, " ")
	if rest == "" {
		// "78/2025/QH15;" alone: the last item of a list cut before it
		var cut bool
		if tok, cut = strings.CutSuffix(tok, ";"); !cut {
			tok, cut = strings.CutSuffix(tok, ",")
		}
		if !cut {
			return false
		}
	}
	if tok == "" || tok[0] < '0' || tok[0] > '9' || !strings.Contains(tok, "/") {
		return false
	}
	letter := false
	for _, r := range tok {
		switch {
		case unicode.IsUpper(r):
			letter = true
		case r >= '0' && r <= '9', r == '/', r == '-', r == '.', unicode.IsLetter(r):
		default:
			return false
		}
	}
	return letter
}

// joinBreaks joins lines that a page break (or a hard wrap) cut inside a
// sentence ("…các nghị quyết, chỉ thị, quy" / "định của Trung ương …"), and
// moves footnotes that the break dropped into the body out to a list. When a
// footnote was itself cut, the next page carries its rest at the bottom,
// between the body's cut and the body's continuation: a lower-case line
// followed by another lower-case line after a cut goes to the footnote.
func joinBreaks(lines []line, removed map[string]int) ([]line, []Footnote) {
	var out []line
	var notes []Footnote
	openNote := false
	next := func(i int) int { // index of the next non-empty line after i
		for j := i + 1; j < len(lines); j++ {
			if lines[j].text != "" {
				return j
			}
		}
		return -1
	}
	lastText := func() int {
		for k := len(out) - 1; k >= 0; k-- {
			if out[k].text != "" {
				return k
			}
		}
		return -1
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l.text == "" {
			out = append(out, l)
			continue
		}
		if mark, text, ok := footnoteMark(l.text); ok {
			notes = append(notes, Footnote{Mark: mark, Text: text})
			openNote = endsCut(text) || !strings.ContainsAny(lastRune(text), ".;!?”\")")
			continue
		}
		k := lastText()
		// A page number between the two halves of a cut sentence ("… và
		// Thông" / "16" / "tư số 112/2025/TT-BTC …") goes.
		if k >= 0 && pageNumber(l.text) && endsCut(out[k].text) {
			if j := next(i); j >= 0 && startsLower(lines[j].text) {
				removed["page-number"]++
				continue
			}
		}
		// A range of years cut at its dash: "giai đoạn 2021-" / "2025, …".
		if k >= 0 && cutRange(out[k].text) && startsDigit(l.text) {
			out[k].text += l.text
			out = out[:k+1]
			removed["page-join"]++
			continue
		}
		if k >= 0 && endsCut(out[k].text) && (startsLower(l.text) || partReference(l.text) || startsSymbol(l.text) || (openParen(out[k].text) || danglingWord(out[k].text)) && !headingStart(l.text)) {
			if openNote && len(notes) > 0 {
				if j := next(i); j >= 0 && startsLower(lines[j].text) {
					// l is the rest of the open footnote; lines[j] continues the body.
					notes[len(notes)-1].Text += " " + l.text
					openNote = false
					removed["page-join"]++
					continue
				}
			}
			out[k].text += " " + l.text
			// Drop the blank lines between the two halves.
			out = out[:k+1]
			removed["page-join"]++
			continue
		}
		out = append(out, l)
	}
	return out, notes
}

// shorterThan reports whether t has fewer than n runes, counting no
// further than it must (a rune is 1 to 4 bytes).
func shorterThan(t string, n int) bool {
	if len(t) < n {
		return true
	}
	if len(t) >= 4*n {
		return false
	}
	k := 0
	for range t {
		if k++; k >= n {
			return false
		}
	}
	return true
}

// pageNumber reports whether a line is only a page number: "16", "- 16 -".
func pageNumber(t string) bool {
	t = strings.TrimSpace(strings.Trim(t, "- "))
	if t == "" || len(t) > 3 {
		return false
	}
	for _, r := range t {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// cutRange reports whether a long line ends in a year and a dash, the first
// half of a range that a break cut ("… giai đoạn 2021-").
func cutRange(t string) bool {
	if !strings.HasSuffix(t, "-") || shorterThan(t, 25) {
		return false
	}
	y := strings.TrimSuffix(t, "-")
	if len(y) < 5 || y[len(y)-5] != ' ' {
		return false
	}
	for _, r := range y[len(y)-4:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// openParen reports whether a line leaves a parenthesis open: "… (sau đây
// gọi chung là" / "Thông tư số 55/2023/TT-BTC) hết hiệu lực …" is one
// sentence whatever the case of the next line.
func openParen(t string) bool {
	return strings.Count(t, "(") > strings.Count(t, ")")
}

// danglingWords cannot end a sentence: "… thuộc phạm vi quản lý của" /
// "Bộ Tư pháp; …" goes on whatever the case of the next line.
var danglingWords = map[string]bool{
	"của": true, "và": true, "các": true, "những": true, "theo": true, "tại": true, "về": true,
	"cho": true, "với": true, "bởi": true, "số": true, "là": true, "hoặc": true, "đối": true,
	"trong": true, "từ": true, "đến": true, "ngày": true, "tháng": true,
}

// danglingWord reports whether a line ends with one of danglingWords.
func danglingWord(t string) bool {
	i := strings.LastIndexByte(t, ' ')
	return i >= 0 && danglingWords[t[i+1:]]
}

// headingStart reports whether a line opens like a heading or a list item
// ("Điều 5.", "Chương II", "1.", "a)", "-"), which no open parenthesis
// joins to the line before.
func headingStart(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	if r == '-' || r == '+' || r == '*' || r == '•' || unicode.IsDigit(r) {
		return true
	}
	for _, w := range []string{"Điều ", "Chương ", "Mục ", "Phần ", "PHẦN ", "CHƯƠNG ", "ĐIỀU "} {
		if strings.HasPrefix(t, w) {
			return true
		}
	}
	if sp := strings.IndexAny(t, " .)"); sp > 0 && sp <= 4 && sp < len(t) && (t[sp] == ')' || t[sp] == '.') {
		return true // "a)", "b.", "II."
	}
	return false
}

func startsDigit(t string) bool { return t != "" && t[0] >= '0' && t[0] <= '9' }

func lastRune(s string) string {
	r, _ := utf8.DecodeLastRuneInString(s)
	return string(r)
}
