// Command mklaws grows rules/tables/laws.tsv, the table of laws cited by
// name and date, from the corpus: the titles of the vbpl index ("Luật Thủ đô
// số 39/2024/QH15") and the citations "<name> số <symbol>" of the texts in
// ../shared/corpus (seeds, vbpl, legacy, Markdown) as rules reads them. The
// rows already in the table are kept as they are; a row is added for each
// name and year the table lacks when at least three quarters of that name's
// citations of that year give one symbol. Each row says where it was read.
//
//	go run ./rules/internal/mklaws [-shared ../shared] [-table rules/tables/laws.tsv]
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"vanban/normalize"
	"vanban/rules"
	"vanban/rules/internal/corpusfiles"
)

func main() {
	shared := flag.String("shared", filepath.Join("..", "shared"), "the shared folder (corpus/seeds, corpus/real)")
	table := flag.String("table", filepath.Join("rules", "tables", "laws.tsv"), "the table to grow (rewritten in place)")
	flag.Parse()
	if err := run(*shared, *table); err != nil {
		fmt.Fprintln(os.Stderr, "mklaws:", err)
		os.Exit(1)
	}
}

// lawSymbol is the symbol of a law or code adopted by the National Assembly.
var lawSymbol = regexp.MustCompile(`^\d+/(\d{4})/QH\d+$`)

// titleLaw is a vbpl title naming a law with its number.
var titleLaw = regexp.MustCompile(`^((?:Bộ luật|Luật) .+?) số (\d+/\d{4}/QH\d+)\s*$`)

type row struct{ name, symbol, date, source string }

// cited gathers the citations of one name and year.
type cited struct {
	names   map[string]int // spellings
	symbols map[string]int
	dates   map[string]int
	first   map[string]string // symbol → first file citing it
	n       int
}

func run(shared, table string) error {
	head, rows, err := readTable(table)
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, r := range rows {
		have[key(r.name, r.date[:4])] = true
	}
	var added []row
	add := func(r row) {
		k := key(r.name, r.date[:4])
		if !have[k] {
			have[k] = true
			added = append(added, r)
		}
	}
	// 1. The titles of the vbpl index.
	idx := filepath.Join(shared, "corpus", "real", "vbpl", "index_all_999.csv")
	if f, err := os.Open(idx); err == nil {
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", idx, err)
		}
		for _, rec := range recs[1:] {
			if len(rec) < 8 {
				continue
			}
			m := titleLaw.FindStringSubmatch(strings.TrimSpace(rec[3]))
			if m == nil || strings.Contains(normalize.Fold(m[1]), "sua doi") {
				continue
			}
			date := isoOf(rec[7])
			if date == "" || date[:4] != lawSymbol.FindStringSubmatch(m[2])[1] {
				date = lawSymbol.FindStringSubmatch(m[2])[1]
			}
			add(row{name: m[1], symbol: m[2], date: date, source: "vbpl title " + strings.TrimSuffix(rec[0], ".html")})
		}
	}
	// 2. The citations "<name> số <symbol>" of the texts.
	files, err := corpusfiles.List(shared)
	if err != nil {
		return err
	}
	byKey := map[string]*cited{}
	var order []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		d := rules.ParseText(string(raw))
		for _, r := range d.References {
			m := lawSymbol.FindStringSubmatch(string(r.Symbol))
			if m == nil || r.Type != "Luật" && r.Type != "Bộ luật" {
				continue
			}
			name, ok := nameOf(r.Text)
			if !ok || !termHolds(string(r.Symbol)) || amendingContext(d.Text, r.Start) {
				continue
			}
			k := key(name, m[1])
			c := byKey[k]
			if c == nil {
				c = &cited{names: map[string]int{}, symbols: map[string]int{}, dates: map[string]int{}, first: map[string]string{}}
				byKey[k] = c
				order = append(order, k)
			}
			c.n++
			c.names[name]++
			c.symbols[string(r.Symbol)]++
			if _, ok := c.first[string(r.Symbol)]; !ok {
				c.first[string(r.Symbol)] = filepath.Base(f)
			}
			if len(r.Date) == 10 && string(r.Date[:4]) == m[1] {
				c.dates[string(r.Date)]++
			}
		}
	}
	// One name per symbol: the rows of the table, then the spelling cited
	// most ("Luật Tổ chức Chính phủ" over an OCR "Luật Tô chức Chính phú").
	named := map[string]bool{}
	for _, r := range rows {
		named[r.symbol] = true
	}
	sort.SliceStable(order, func(i, j int) bool { return byKey[order[i]].n > byKey[order[j]].n })
	for _, k := range order {
		c := byKey[k]
		sym, n := most(c.symbols)
		if 4*n < 3*c.n {
			continue // the citations disagree on the number
		}
		if named[sym] {
			continue
		}
		named[sym] = true
		name, _ := most(c.names)
		year := lawSymbol.FindStringSubmatch(sym)[1]
		date, _ := most(c.dates)
		src := fmt.Sprintf("cited in %s; %d numbered citations", c.first[sym], n)
		if date == "" {
			date = year
			src += "; date not in corpus"
		} else {
			src += "; date " + date
		}
		add(row{name: name, symbol: sym, date: date, source: src})
	}
	added = dropTypos(rows, added)
	rows = append(rows, added...)
	sort.SliceStable(rows, func(i, j int) bool {
		return rows[i].name < rows[j].name || rows[i].name == rows[j].name && rows[i].date < rows[j].date
	})
	var b strings.Builder
	for _, l := range head {
		b.WriteString(l + "\n")
	}
	for _, r := range rows {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\n", r.name, r.symbol, r.date, r.source)
	}
	if err := os.WriteFile(table, []byte(b.String()), 0o644); err != nil {
		return err
	}
	fmt.Printf("%s: %d rows kept, %d added\n", table, len(rows)-len(added), len(added))
	return nil
}

// dropTypos leaves out an added row whose name and number another row has
// with another year ("Luật Đầu tư công số 58/2025/QH15" once beside
// "58/2024/QH15" thirteen times): the one cited less is a typing error, and
// on a tie neither is kept.
func dropTypos(rows, added []row) []row {
	count := func(r row) int {
		n := 0
		fmt.Sscanf(strings.TrimPrefix(r.source[strings.Index(r.source, ";")+1:], " "), "%d", &n)
		return n
	}
	number := func(r row) string { return normalize.Key(r.name) + "|" + strings.SplitN(r.symbol, "/", 2)[0] }
	all := append(append([]row{}, rows...), added...)
	var out []row
	for _, a := range added {
		keep := true
		for _, o := range all {
			if o != a && number(o) == number(a) && o.symbol != a.symbol && count(o) >= count(a) {
				keep = false
				break
			}
		}
		if keep {
			out = append(out, a)
		}
	}
	return out
}

// nameOf reads the law's name from a citation "<name> số <symbol> …": a
// name in running case that begins with its type and is not an amending
// law ("Luật sửa đổi, bổ sung …").
func nameOf(text string) (string, bool) {
	i := strings.LastIndex(text, " số ") // "Luật Tần số vô tuyến điện số 42/2009/QH12"
	if i < 0 {
		return "", false
	}
	name := strings.Join(strings.Fields(text[:i]), " ")
	if !strings.HasPrefix(name, "Luật ") && !strings.HasPrefix(name, "Bộ luật ") {
		return "", false
	}
	f := normalize.Fold(name)
	if strings.Contains(f, "sua doi") || strings.Contains(f, " nay") || len(strings.Fields(name)) < 2 || name == strings.ToUpper(name) {
		return "", false
	}
	if strings.ContainsAny(name, "()“”\";:") {
		return "", false
	}
	return name, true
}

// terms are the years of the National Assembly's terms (khóa X–XV): a law's
// symbol "N/YYYY/QHk" with a year outside its term is a typing error.
var terms = map[string][2]int{"QH10": {1997, 2002}, "QH11": {2002, 2007}, "QH12": {2007, 2011},
	"QH13": {2011, 2016}, "QH14": {2016, 2021}, "QH15": {2021, 2026}, "QH16": {2026, 2031}}

func termHolds(sym string) bool {
	m := regexp.MustCompile(`^\d+/(\d{4})/(QH\d+)$`).FindStringSubmatch(sym)
	if m == nil {
		return false
	}
	t, ok := terms[m[2]]
	y := 0
	fmt.Sscan(m[1], &y)
	return ok && t[0] <= y && y <= t[1]
}

// amendingContext reports a citation whose clause, just before it, speaks
// of amending: "Luật sửa đổi, bổ sung một số điều của các Luật có liên quan
// đến an ninh, trật tự số 118/2025/QH15" names the amending law, not the
// law its words begin with.
func amendingContext(text string, start int) bool {
	r := []rune(text)
	from := max(0, start-60)
	before := normalize.Fold(string(r[from:min(start, len(r))]))
	if i := strings.LastIndexAny(before, ";.\n"); i >= 0 {
		before = before[i+1:]
	}
	return strings.Contains(before, "sua doi") || strings.Contains(before, "bo sung")
}

func key(name, year string) string { return normalize.Key(name) + "|" + year }

func most(m map[string]int) (string, int) {
	best, n := "", 0
	for k, v := range m {
		if v > n || v == n && k < best {
			best, n = k, v
		}
	}
	return best, n
}

// isoOf turns "dd/mm/yyyy" into "yyyy-mm-dd".
func isoOf(s string) string {
	p := strings.Split(strings.TrimSpace(s), "/")
	if len(p) != 3 || len(p[2]) != 4 {
		return ""
	}
	return fmt.Sprintf("%s-%02s-%02s", p[2], p[1], p[0])
}

// readTable splits the table into its comment head and its rows.
func readTable(path string) ([]string, []row, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var head []string
	var rows []row
	for _, l := range strings.Split(strings.TrimRight(string(raw), "\n"), "\n") {
		if strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "" {
			if len(rows) == 0 {
				head = append(head, l)
			}
			continue
		}
		c := strings.Split(l, "\t")
		for len(c) < 4 {
			c = append(c, "")
		}
		rows = append(rows, row{c[0], c[1], c[2], c[3]})
	}
	return head, rows, nil
}
