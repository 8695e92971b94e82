package rules

import (
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"vanban/normalize"
)

// Task is one duty a directive or plan gives a body: the sentence or list
// item, who leads it ("Ban Dân vận Tỉnh ủy chủ trì"), who supports it
// ("phối hợp với …"), by when ("trước ngày 15/12/2022", "trong quý II năm
// 2022", "hằng năm") and to whom it reports ("báo cáo … về Ban Thường vụ Tỉnh
// ủy (qua Ban Dân vận)"). Start and End are code point offsets into the
// record's text.
type Task struct {
	Text     string    `json:"text"`
	Start    int       `json:"start"`
	End      int       `json:"end"`
	Lead     NString   `json:"lead"`
	Support  []string  `json:"support"`
	Deadline *Deadline `json:"deadline"`
	Report   *Report   `json:"report"`
}

// Deadline is a date ("2022-12-15") or a period: a quarter "2022-Q2", a
// month "2023-06", a year "2023", a recurrence ("yearly", "half-yearly",
// "quarterly", "monthly", "weekly") or a time limit ("P30D": within 30
// days). Due is the last day a dated deadline allows (the date itself, the
// last day of the quarter, month or year), for overdue checks; Text is the
// phrase as written.
type Deadline struct {
	Date   string `json:"date,omitempty"`
	Period string `json:"period,omitempty"`
	Due    string `json:"due,omitempty"`
	Text   string `json:"text"`
}

// Report is a reporting duty: the body reported to, the body it goes
// through ("(qua Ban Dân vận Thành ủy)") and when.
type Report struct {
	To       string    `json:"to"`
	Via      string    `json:"via,omitempty"`
	Deadline *Deadline `json:"deadline,omitempty"`
}

// taskGrammar is rules/tables/tasks.tsv, indexed by first folded word.
type taskGrammar struct {
	kinds     map[string]map[string][][]string // kind → first word → phrases (lower-case words)
	bodyFirst map[string]bool                  // folded first words of the bodies
}

// bodyStart reports a line whose first word after its label may open a
// body's name, from its folded start: the cheap test before a line is read
// word by word.
func (g *taskGrammar) bodyStart(f string) bool {
	i := 0
	for i < len(f) {
		c := f[i]
		if c >= 'a' && c <= 'z' || c >= 0x80 {
			// skip a label word: "dieu 5", roman numerals and letters before "." or ")"
			j := i
			for j < len(f) && (f[j] >= 'a' && f[j] <= 'z' || f[j] >= 0x80) {
				j++
			}
			w := f[i:j]
			if j < len(f) && (f[j] == '.' || f[j] == ')') && (len(w) == 1 || isRomanTok(strings.ToUpper(w))) || w == "dieu" {
				i = j + 1
				continue
			}
			return g.bodyFirst[w]
		}
		i++
	}
	return false
}

var (
	taskOnce sync.Once
	taskG    *taskGrammar
)

func taskTables() *taskGrammar {
	taskOnce.Do(func() {
		g := &taskGrammar{kinds: map[string]map[string][][]string{}, bodyFirst: map[string]bool{}}
		srcs := []fs.FS{embedded}
		names := []string{"tables/tasks.tsv"}
		if dir := os.Getenv("VANBAN_RULES"); dir != "" {
			extra := os.DirFS(dir)
			if _, err := fs.Stat(extra, "tasks.tsv"); err == nil {
				srcs, names = append(srcs, extra), append(names, "tasks.tsv")
			}
		}
		for k, src := range srcs {
			b, err := fs.ReadFile(src, names[k])
			if err != nil {
				continue
			}
			for _, ln := range strings.Split(string(b), "\n") {
				ln = strings.TrimRight(ln, "\r")
				if strings.TrimSpace(ln) == "" || strings.HasPrefix(ln, "#") {
					continue
				}
				c := strings.SplitN(ln, "\t", 2)
				if len(c) != 2 {
					continue
				}
				ws := strings.Fields(strings.ToLower(normalize.CanonicalTone(c[1])))
				if len(ws) == 0 {
					continue
				}
				m := g.kinds[c[0]]
				if m == nil {
					m = map[string][][]string{}
					g.kinds[c[0]] = m
				}
				m[ws[0]] = append(m[ws[0]], ws)
				if c[0] == "body" || c[0] == "lead" || c[0] == "skip" {
					g.bodyFirst[normalize.Fold(ws[0])] = true
				}
			}
		}
		// Longest phrase first: "gửi về" before "gửi".
		for _, m := range g.kinds {
			for _, ps := range m {
				sort.SliceStable(ps, func(i, j int) bool { return len(ps[i]) > len(ps[j]) })
			}
		}
		taskG = g
	})
	return taskG
}

// ttok is a token of a task line: a word (letters and digits) or one
// punctuation rune.
type ttok struct {
	s     string // as written
	f     string // folded (lower case, no marks): for the fixed words of the code
	l     string // lower case with its marks: for the phrases of tasks.tsv ("giao" is not "giáo")
	word  bool
	upper bool // a word whose first letter is upper case
	start int  // rune offset in the line
	end   int
}

func taskTokens(s string) []ttok {
	out := make([]ttok, 0, len(s)/5)
	// Three views of the line walked together (Fold and ToLower keep the
	// rune count of Vietnamese text): tokens are substrings, not copies.
	folded, lower := normalize.Fold(s), strings.ToLower(s)
	n := utf8.RuneCountInString(s)
	if utf8.RuneCountInString(folded) != n || utf8.RuneCountInString(lower) != n {
		folded, lower = s, s
	}
	type pos struct{ b, fb, lb, r int }
	var p pos
	next := func(q pos) (rune, pos) {
		r, w := utf8.DecodeRuneInString(s[q.b:])
		_, fw := utf8.DecodeRuneInString(folded[q.fb:])
		_, lw := utf8.DecodeRuneInString(lower[q.lb:])
		return r, pos{q.b + w, q.fb + fw, q.lb + lw, q.r + 1}
	}
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	for p.b < len(s) {
		r, q := next(p)
		switch {
		case isWord(r):
			e := q
			for e.b < len(s) {
				r2, e2 := next(e)
				if !isWord(r2) {
					break
				}
				e = e2
			}
			out = append(out, ttok{s: s[p.b:e.b], f: folded[p.fb:e.fb], l: lower[p.lb:e.lb], word: true, upper: unicode.IsUpper(r), start: p.r, end: e.r})
			p = e
		case unicode.IsSpace(r):
			p = q
		default:
			out = append(out, ttok{s: s[p.b:q.b], f: folded[p.fb:q.fb], l: lower[p.lb:q.lb], start: p.r, end: q.r})
			p = q
		}
	}
	return out
}

// phraseAt returns the length in tokens of the longest phrase of kind
// starting at token i ("sửa đổi, bổ sung": commas between words are
// allowed), 0 if none.
func (g *taskGrammar) phraseAt(kind string, ts []ttok, i int) int {
	if i >= len(ts) || !ts[i].word {
		return 0
	}
	for _, p := range g.kinds[kind][ts[i].l] {
		k, ok := i, true
		for _, w := range p {
			if k < len(ts) && ts[k].f == "," && w != p[0] {
				k++
			}
			if k >= len(ts) || ts[k].l != w {
				ok = false
				break
			}
			k++
		}
		if ok {
			return k - i
		}
	}
	return 0
}

// verbAt reports a verb at token i that ends a body: written in lower case
// (in a name the same words are capitalised: "Ban Tổ chức", "Sở Xây
// dựng") and not a noun after "các" ("các tổ chức chính trị - xã hội").
func (g *taskGrammar) verbAt(ts []ttok, i int) int {
	if i >= len(ts) || !ts[i].word || (ts[i].upper && i > 0) {
		return 0
	}
	if i > 0 && (ts[i-1].f == "cac" || ts[i-1].f == "nhung" || ts[i-1].f == "moi") || g.phraseAt("noun", ts, i) > 0 {
		return 0
	}
	return g.phraseAt("verb", ts, i)
}

func clauseEnd(t ttok) bool {
	return t.f == ";" || t.f == "." || t.f == ":" || t.f == "!" || t.f == "?"
}

// join gives the text of tokens [i, j) as written in line rs.
func joinToks(rs []rune, ts []ttok, i, j int) string {
	if i >= j {
		return ""
	}
	return strings.TrimSpace(string(rs[ts[i].start:ts[j-1].end]))
}

// trimBody drops commas, "và" and dashes at the ends of a body phrase.
func trimBody(rs []rune, ts []ttok, i, j int) string {
	for i < j && (!ts[i].word || ts[i].f == "va") {
		i++
	}
	for j > i && (!ts[j-1].word || ts[j-1].f == "va") && ts[j-1].f != ")" {
		j--
	}
	return joinToks(rs, ts, i, j)
}

// bodyForward reads a body from token i: words up to the first verb or the
// end of the clause (commas inside: "Các huyện, thị, thành ủy"). It returns
// the end token, or i when no body opens at i.
func (g *taskGrammar) bodyForward(ts []ttok, i int) int {
	if i >= len(ts) || !ts[i].word || g.phraseAt("body", ts, i) == 0 || g.phraseAt("verb", ts, i) > 0 {
		return i
	}
	j := i
	for j < len(ts) && j-i < 45 {
		t := ts[j]
		if clauseEnd(t) || t.f == "(" || t.f == "\"" || t.f == "“" {
			break
		}
		if j > i && g.verbAt(ts, j) > 0 {
			return j
		}
		j++
	}
	if j == len(ts) || clauseEnd(ts[j]) {
		return i // a subject is followed by a predicate
	}
	return j
}

// leadBefore reads the body that is the subject of the verb at token v
// ("Ban Dân vận Thành ủy chủ trì"), back to the clause start, a verb in lower
// case ("Ủy ban nhân dân huyện chỉ đạo | Phòng Nội vụ huyện chủ trì") or a
// comma after which a name does not continue.
func (g *taskGrammar) leadBefore(rs []rune, ts []ttok, v int) string {
	i := v
	for i > 0 {
		t := ts[i-1]
		if clauseEnd(t) || t.f == "(" || t.f == ")" || t.f == "do" {
			break
		}
		if t.f == "," {
			// A comma continues the name when a body follows it and the
			// part before it is a body too: "Bộ Quốc phòng, Bộ Công an".
			if i < len(ts) && (ts[i].upper || g.phraseAt("body", ts, i) > 0) && i-1 > 0 && ts[i-2].word {
				k := i - 2
				for k > 0 && ts[k-1].word && g.verbAt(ts, k-1) == 0 && ts[k-1].f != "nay" {
					k--
				}
				if k >= 0 && g.phraseAt("body", ts, k) > 0 && g.phraseAt("skip", ts, k) == 0 && g.phraseAt("lead", ts, k) == 0 &&
					!(k > 0 && g.verbAt(ts, k-1) > 0) {
					i--
					continue
				}
			}
			break
		}
		// Skip the words of the verb phrase that contains t ("có trách
		// nhiệm", "được giao").
		isVerb := false
		for k := max(0, i-4); k < i; k++ {
			if n := g.verbAt(ts, k); n > 0 && k+n >= i {
				isVerb = true
				break
			}
		}
		if isVerb && i < v {
			break
		}
		if isVerb && i == v {
			// the verb before "chủ trì": "có trách nhiệm chủ trì"
			k := i - 1
			for k > 0 && g.verbAt(ts, k) == 0 {
				k--
			}
			v, i = k, k
			continue
		}
		i--
	}
	for i < v && (g.phraseAt("lead", ts, i) > 0 || !ts[i].word) {
		if n := g.phraseAt("lead", ts, i); n > 0 {
			i += n
		} else {
			i++
		}
	}
	if i >= v || g.phraseAt("body", ts, i) == 0 && !ts[i].upper {
		return ""
	}
	return trimBody(rs, ts, i, v)
}

// bodyList reads the bodies listed from token i (after "phối hợp với") up to
// a verb, a stop word or the clause end, split at commas and "và" where a
// new body opens ("Ban Tổ chức Tỉnh uỷ, MTTQ và các đoàn thể cấp tỉnh").
func (g *taskGrammar) bodyList(rs []rune, ts []ttok, i int) ([]string, int) {
	j := i
	for j < len(ts) && j-i < 60 {
		if clauseEnd(ts[j]) || ts[j].f == "(" || (j > i && (g.verbAt(ts, j) > 0 || (!ts[j].upper && g.phraseAt("end", ts, j) > 0))) {
			break
		}
		j++
	}
	var out []string
	from := i
	for k := i; k <= j; k++ {
		cut := k == j
		if !cut && (ts[k].f == "," || ts[k].f == "va") && k+1 < j {
			// A new body opens: "Bộ Văn hóa, Thể thao và Du lịch" is one.
			n := ts[k+1]
			cut = (n.upper || n.f == "cac" || n.f == "nhung") && g.phraseAt("body", ts, k+1) > 0
		}
		if cut {
			if b := trimBody(rs, ts, from, k); b != "" {
				out = append(out, b)
			}
			from = k + 1
		}
	}
	return out, j
}

// taskLine is one unit of the body that may hold a task.
type taskLine struct {
	start, end int // rune offsets in the text
	s          string
	level      int // heading level when the line is a heading, else 0
	label      string
}

// sectionOf reports a heading or line title that opens a task section.
func (g *taskGrammar) sectionOf(ts []ttok) bool {
	if len(ts) > 16 {
		return false // an item that speaks of duties, not a title
	}
	for i := range ts {
		if g.phraseAt("section", ts, i) > 0 {
			return true
		}
	}
	return false
}

// tasks reads the tasks of the body: every item of a section on carrying
// out the document ("Tổ chức thực hiện", "Trách nhiệm thi hành") that names
// a body, a deadline or a reporting duty, and elsewhere every item a body
// leads ("… chủ trì") or that has a dated deadline and a body. An item
// without a subject of its own inherits the body of its heading
// ("1. Trách nhiệm của Ủy ban nhân dân huyện", "2. Bộ Công an:").
func tasks(lines []textLine, headings []Heading, from, to int, year int) []Task {
	defer func() { recover() }()
	g := taskTables()
	hd := map[int]Heading{}
	for _, h := range headings {
		hd[h.Start] = h
	}
	type frame struct {
		level   int
		section bool
		lead    string
	}
	var stack []frame
	var out []Task
	inSection := func() bool {
		for _, f := range stack {
			if f.section {
				return true
			}
		}
		return false
	}
	inherited := func() string {
		for k := len(stack) - 1; k >= 0; k-- {
			if stack[k].lead != "" {
				return stack[k].lead
			}
		}
		return ""
	}
	for _, l := range lines {
		if l.end <= from || l.start >= to {
			continue
		}
		s := l.s
		if strings.TrimSpace(s) == "" {
			continue
		}
		h, isHeading := hd[l.start]
		if !isHeading {
			// A heading may start after leading spaces or marks.
			for k := l.start + 1; k < l.start+6 && k < l.end; k++ {
				if hh, ok := hd[k]; ok {
					h, isHeading = hh, true
					break
				}
			}
		}
		// Only a heading (for the sections and the bodies items inherit)
		// and an item that may be a task are read word by word: the rest
		// of a long law costs a substring test.
		short := len(s) <= 240
		caps := short && isCaps(s)
		candidate := inSection() || strings.Contains(s, "hủ trì") || g.bodyStart(l.f) && taskCue(s)
		if !candidate && !(isHeading || caps) {
			continue
		}
		if !candidate && (!short || !g.headingMayTell(s, l.f)) {
			// A long heading item: a level of the outline, no task.
			for len(stack) > 0 && stack[len(stack)-1].level >= h.Level {
				stack = stack[:len(stack)-1]
			}
			if isHeading {
				stack = append(stack, frame{level: h.Level})
			}
			continue
		}
		rs := []rune(s)
		ts := taskTokens(s)
		// The label: "1.", "1.2.", "a)", "-", "+", "IV.", "Điều 5.".
		first := 0
		for first < len(ts) && !ts[first].word {
			first++
		}
		if first < len(ts) && ts[first].f == "dieu" && first+1 < len(ts) && isDigits(ts[first+1].f) {
			first += 2
			for first < len(ts) && !ts[first].word {
				first++
			}
		}
		for first < len(ts) && (isDigits(ts[first].f) || isRomanTok(ts[first].s) || len([]rune(ts[first].f)) == 1 && first+1 < len(ts) && ts[first+1].f == ")") &&
			first+1 < len(ts) && (ts[first+1].f == "." || ts[first+1].f == ")") {
			first += 2
			for first < len(ts) && !ts[first].word {
				first++
			}
		}
		if first >= len(ts) {
			continue
		}
		if isHeading || caps && len(ts) < 16 {
			lvl := h.Level
			if !isHeading {
				lvl = 1
			}
			for len(stack) > 0 && stack[len(stack)-1].level >= lvl {
				stack = stack[:len(stack)-1]
			}
			fr := frame{level: lvl, section: g.sectionOf(ts)}
			// "Trách nhiệm của Ủy ban nhân dân huyện", "Bộ Công an:",
			// "Đối với Mặt trận Tổ quốc …": the items below are its tasks.
			if k := phraseIndex(ts, first, "trach", "nhiem", "cua"); k == first+3 {
				fr.lead = trimBody(rs, ts, k, clauseTo(ts, k))
			} else if k := phraseIndex(ts, first, "doi", "voi"); k == first+2 {
				fr.lead = trimBody(rs, ts, k, clauseTo(ts, k))
			} else if n := len(ts); n > 0 && n-first < 25 && g.bodyForward(ts, first) == first && (ts[first].upper && g.phraseAt("body", ts, first) > 0 && g.phraseAt("verb", ts, first) == 0) {
				// "1. Bộ Tài chính", "2. Ủy ban nhân dân các tỉnh, thành phố:"
				if j := bodyEndNoVerb(g, ts, first); j == n-1 && ts[n-1].f == ":" || j == n {
					fr.lead = trimBody(rs, ts, first, j)
				}
			}
			stack = append(stack, fr)
			if caps || fr.lead != "" || len(ts)-first < 12 && !strings.Contains(s, ",") {
				continue // a title, not an item
			}
		}
		if !candidate {
			continue
		}
		t, ok := g.task(rs, ts, first, year)
		if t.Lead == "" {
			t.Lead = NString(inherited())
		}
		sec := inSection()
		switch {
		case !ok && !sec:
			continue
		case t.Lead == "" && (!sec || t.Deadline == nil && t.Report == nil):
			continue
		case !sec && !ok:
			continue
		}
		t.Start = l.start + ts[first].start
		t.End = l.start + len(rs)
		t.Text = strings.TrimSpace(string(rs[ts[first].start:]))
		t.End = t.Start + len([]rune(t.Text))
		if t.Support == nil {
			t.Support = []string{}
		}
		out = append(out, t)
	}
	return out
}

// clauseTo is the token after the clause starting at i.
func clauseTo(ts []ttok, i int) int {
	for i < len(ts) && !clauseEnd(ts[i]) && ts[i].f != "(" {
		i++
	}
	return i
}

func bodyEndNoVerb(g *taskGrammar, ts []ttok, i int) int {
	for i < len(ts) && !clauseEnd(ts[i]) {
		if g.verbAt(ts, i) > 0 {
			return -1
		}
		i++
	}
	return i
}

// phraseIndex finds the folded words ws from token i; it returns the token
// after them, 0 if absent.
func phraseIndex(ts []ttok, i int, ws ...string) int {
	for k := i; k+len(ws) <= len(ts); k++ {
		ok := true
		for n, w := range ws {
			if ts[k+n].f != w {
				ok = false
				break
			}
		}
		if ok {
			return k + len(ws)
		}
	}
	return 0
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func isRomanTok(s string) bool {
	if s == "" || len(s) > 5 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("IVXL", r) {
			return false
		}
	}
	return true
}

// task reads one item from token first. ok reports a task by its own
// words: a body leads it ("… chủ trì"), or a body opens it and it has a
// dated deadline or a reporting duty.
func (g *taskGrammar) task(rs []rune, ts []ttok, first int, year int) (Task, bool) {
	var t Task
	ok := false
	// Lead: the subject of "chủ trì", else the subject of the item.
	for i := first; i < len(ts); i++ {
		if ts[i].f == "chu" && i+1 < len(ts) && ts[i+1].f == "tri" && (!ts[i].upper || i == first) {
			if b := g.leadBefore(rs, ts, i); b != "" {
				t.Lead, ok = NString(b), true
			}
			break
		}
	}
	subjEnd := first
	if t.Lead == "" {
		i := first
		for {
			n := g.phraseAt("skip", ts, i)
			if n == 0 {
				n = g.phraseAt("lead", ts, i)
				if n == 0 {
					break
				}
				i += n
				continue
			}
			// "Căn cứ Kế hoạch này, trên cơ sở …, giao Mặt trận …": the
			// body follows the opening clauses.
			// The body opens after a comma with a name in capitals or "các"
			// ("Căn cứ hướng dẫn của các bộ, cơ quan …, cụ thể hóa …" has
			// none: the item inherits its heading's body).
			k, next := i+n, -1
			for ; k < len(ts) && !clauseEnd(ts[k]); k++ {
				if ts[k].f == "," && k+1 < len(ts) && ((ts[k+1].upper || ts[k+1].f == "cac") && g.bodyForward(ts, k+1) > k+1 ||
					g.phraseAt("skip", ts, k+1) > 0 || g.phraseAt("lead", ts, k+1) > 0) {
					next = k + 1
					break
				}
			}
			if next < 0 {
				i = len(ts)
				break
			}
			i = next
		}
		if j := g.bodyForward(ts, i); j > i {
			t.Lead = NString(trimBody(rs, ts, i, j))
			subjEnd = j
		}
	}
	// Support: the bodies after "phối hợp (với)".
	for i := max(first, subjEnd); i+1 < len(ts); i++ {
		if ts[i].f == "phoi" && ts[i+1].f == "hop" && !ts[i].upper {
			k := i + 2
			if k >= len(ts) || ts[k].f != "voi" && ts[k].f != "cung" {
				break // "chủ trì, phối hợp tổ chức tập huấn": no body named
			}
			k++
			if k < len(ts) && (ts[k].upper || g.phraseAt("body", ts, k) > 0) {
				t.Support, _ = g.bodyList(rs, ts, k)
			}
			break
		}
	}
	// Reporting duty, and the deadlines: a deadline in the clause of the
	// report is the report's.
	rep, repFrom, repTo := g.report(rs, ts, first)
	var dls []struct {
		d  Deadline
		at int
	}
	for i := first; i < len(ts); i++ {
		if d, n := deadlineAt(rs, ts, i, year); n > 0 {
			dls = append(dls, struct {
				d  Deadline
				at int
			}{d, i})
			i += n - 1
		}
	}
	for _, dl := range dls {
		d := dl.d
		if rep != nil && dl.at >= repFrom && dl.at < repTo {
			if rep.Deadline == nil {
				rep.Deadline = &d
			}
			continue
		}
		if t.Deadline == nil {
			t.Deadline = &d
		}
	}
	t.Report = rep
	if t.Lead != "" && (rep != nil || t.Deadline != nil && (t.Deadline.Due != "" || strings.HasPrefix(t.Deadline.Period, "P"))) {
		ok = true
	}
	return t, ok
}

// report finds "báo cáo … với|về|lên|cho|gửi về <body> (qua <body>)" and
// returns it with the token range of its clause.
func (g *taskGrammar) report(rs []rune, ts []ttok, first int) (*Report, int, int) {
	for i := first; i+1 < len(ts); i++ {
		if ts[i].f != "bao" || ts[i+1].f != "cao" || (ts[i].upper && i != first) {
			continue
		}
		cs := i
		for cs > first && !clauseEnd(ts[cs-1]) {
			cs--
		}
		ce := i + 2
		for ce < len(ts) && !clauseEnd(ts[ce]) {
			ce++
		}
		for k := i + 2; k < ce; k++ {
			at := k
			if k == i+2 && (ts[k].upper && g.phraseAt("body", ts, k) > 0) {
				// "báo cáo Thủ tướng Chính phủ"
			} else if n := g.phraseAt("report", ts, k); n > 0 && k+n < ce && (ts[k+n].upper || ts[k+n].f == "cac") {
				at = k + n
			} else {
				continue
			}
			bs, j := g.bodyList(rs, ts, at)
			if len(bs) == 0 {
				continue
			}
			r := &Report{To: strings.Join(bs, ", ")}
			if j+1 < len(ts) && ts[j].f == "(" && (ts[j+1].f == "qua" || ts[j+1].f == "thong" && j+2 < len(ts) && ts[j+2].f == "qua") {
				v := j + 2
				if ts[j+1].f == "thong" {
					v++
				}
				e := v
				for e < len(ts) && ts[e].f != ")" && !clauseEnd(ts[e]) {
					e++
				}
				r.Via = trimBody(rs, ts, v, e)
				if e < len(ts) && ts[e].f == ")" {
					ce2 := e + 1
					for ce2 < len(ts) && !clauseEnd(ts[ce2]) {
						ce2++
					}
					ce = max(ce, ce2)
				}
			}
			return r, cs, ce
		}
	}
	return nil, 0, 0
}

var romanQuarter = map[string]int{"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

// deadlineAt reads a deadline phrase starting at token i; it returns the
// deadline and its length in tokens.
func deadlineAt(rs []rune, ts []ttok, i int, year int) (Deadline, int) {
	f := func(k int) string {
		if k < len(ts) {
			return ts[k].f
		}
		return ""
	}
	text := func(j int) string { return joinToks(rs, ts, i, j) }
	switch f(i) {
	case "truoc", "cham", "han", "hoan", "trong", "cuoi", "den":
		k := i
		// Openers: "trước ngày", "chậm nhất (là) (ngày)", "hạn chót", "hoàn
		// thành (trước|trong)", "trong", "cuối", "đến (ngày)".
		switch f(k) {
		case "cham":
			if f(k+1) != "nhat" {
				return Deadline{}, 0
			}
			k += 2
			if f(k) == "la" {
				k++
			}
		case "han":
			if f(k+1) != "chot" {
				return Deadline{}, 0
			}
			k += 2
		case "hoan":
			if f(k+1) != "thanh" {
				return Deadline{}, 0
			}
			k += 2
			if f(k) == "truoc" || f(k) == "trong" {
				k++
			}
		default:
			k++
		}
		if f(k) == "ngay" {
			if iso, n := dateTokens(ts, k+1); n > 0 {
				j := k + 1 + n
				return Deadline{Date: iso, Due: iso, Text: text(j)}, j - i
			}
			return Deadline{}, 0
		}
		if iso, n := dateTokens(ts, k); n > 0 && f(i) != "trong" {
			j := k + n
			return Deadline{Date: iso, Due: iso, Text: text(j)}, j - i
		}
		if f(k) == "quy" {
			q := romanQuarter[f(k+1)]
			if q == 0 {
				return Deadline{}, 0
			}
			j := k + 2
			y := 0
			if f(j) == "nam" && isDigits(f(j+1)) && len(f(j+1)) == 4 {
				y, j = atoi(f(j+1)), j+2
			} else if f(j) == "/" && isDigits(f(j+1)) && len(f(j+1)) == 4 {
				y, j = atoi(f(j+1)), j+2
			}
			d := Deadline{Text: text(j)}
			if y > 0 {
				d.Period = strconv.Itoa(y) + "-Q" + strconv.Itoa(q)
				d.Due = strconv.Itoa(y) + []string{"", "-03-31", "-06-30", "-09-30", "-12-31"}[q]
			} else {
				d.Period = "Q" + strconv.Itoa(q)
			}
			return d, j - i
		}
		if f(k) == "thang" && isDigits(f(k+1)) {
			m := atoi(f(k + 1))
			j := k + 2
			y := 0
			if (f(j) == "/" || f(j) == "nam" || f(j) == "-") && isDigits(f(j+1)) && len(f(j+1)) == 4 {
				y, j = atoi(f(j+1)), j+2
			}
			if m < 1 || m > 12 {
				return Deadline{}, 0
			}
			d := Deadline{Text: text(j)}
			if y > 0 {
				d.Period = strconv.Itoa(y) + "-" + pad2(m)
				d.Due = d.Period + "-" + pad2(daysIn(y, m))
			} else {
				return Deadline{}, 0
			}
			return d, j - i
		}
		if f(k) == "nam" && isDigits(f(k+1)) && len(f(k+1)) == 4 && (f(i) != "trong" || f(i-1) == "thanh" || true) {
			y := f(k + 1)
			if f(i) == "den" || f(i) == "cuoi" && f(i+1) != "nam" {
				return Deadline{}, 0
			}
			return Deadline{Period: y, Due: y + "-12-31", Text: text(k + 2)}, k + 2 - i
		}
		if f(i) == "trong" && f(k) == "thoi" && (f(k+1) == "han" || f(k+1) == "gian") && isDigits(f(k+2)) && f(k+3) == "ngay" {
			j := k + 4
			if f(j) == "lam" && f(j+1) == "viec" {
				j += 2
			}
			return Deadline{Period: "P" + f(k+2) + "D", Text: text(j)}, j - i
		}
	case "hang", "dinh":
		k := i
		if f(k) == "dinh" {
			if f(k+1) != "ky" {
				return Deadline{}, 0
			}
			k += 2
			if isDigits(f(k)) && f(k) == "6" && f(k+1) == "thang" {
				return Deadline{Period: "half-yearly", Text: text(k + 2)}, k + 2 - i
			}
			if f(k) != "hang" {
				return Deadline{Period: "periodic", Text: text(k)}, k - i
			}
		}
		if f(k) != "hang" {
			return Deadline{}, 0
		}
		per := map[string]string{"nam": "yearly", "quy": "quarterly", "thang": "monthly", "tuan": "weekly", "ngay": "daily"}[f(k+1)]
		if per == "" {
			return Deadline{}, 0
		}
		return Deadline{Period: per, Text: text(k + 2)}, k + 2 - i
	case "6":
		if f(i+1) == "thang" && f(i+2) == "mot" && f(i+3) == "lan" {
			return Deadline{Period: "half-yearly", Text: text(i + 4)}, 4
		}
	}
	return Deadline{}, 0
}

// dateTokens reads a date at token i: "15/12/2022", "15-12-2022", "15
// tháng 12 năm 2022"; it returns the ISO date and the number of tokens.
func dateTokens(ts []ttok, i int) (string, int) {
	f := func(k int) string {
		if k < len(ts) {
			return ts[k].f
		}
		return ""
	}
	var d, m, y, n int
	switch {
	case isDigits(f(i)) && (f(i+1) == "/" || f(i+1) == "-" || f(i+1) == ".") && isDigits(f(i+2)) && f(i+3) == f(i+1) && isDigits(f(i+4)):
		d, m, y, n = atoi(f(i)), atoi(f(i+2)), atoi(f(i+4)), 5
	case isDigits(f(i)) && f(i+1) == "thang" && isDigits(f(i+2)) && f(i+3) == "nam" && isDigits(f(i+4)):
		d, m, y, n = atoi(f(i)), atoi(f(i+2)), atoi(f(i+4)), 5
	default:
		return "", 0
	}
	if y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return "", 0
	}
	return strconv.Itoa(y) + "-" + pad2(m) + "-" + pad2(d), n
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// taskCues are the words without which an item outside a task section
// cannot be a task: a lead ("chủ trì"), a report, or the opener of a dated
// deadline.
var taskCues = []string{"hủ trì", "áo cáo", "oàn thành", "rước ngày", "hậm nhất", "hạn chót", "trong quý", "trong tháng", "trong thời", "trong năm 2"}

func taskCue(s string) bool {
	for _, c := range taskCues {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// headingMayTell reports a heading that may open a task section or name the
// body of the items below it, from its folded start: worth reading word by
// word.
func (g *taskGrammar) headingMayTell(s, f string) bool {
	s = strings.TrimSpace(s)
	if (len(s) < 60 || strings.HasSuffix(s, ":")) && g.bodyStart(f) {
		return true // "1. Bộ Tài chính", "2. Ủy ban nhân dân các tỉnh, thành phố:"
	}
	for _, c := range []string{"to chuc thuc hien", "trach nhiem", "thi hanh", "phan cong", "nhiem vu cua", "doi voi"} {
		if strings.Contains(f, c) {
			return true
		}
	}
	return false
}
