package rules

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"vanban/normalize"
)

// The tables of the grammar are data: tab-separated files embedded from
// tables/, which a user extends with files of the same names in the folder
// named by $VANBAN_RULES (their rows are added to the built-in ones).
//
//go:embed tables/*.tsv
var embedded embed.FS

// DocType is a document type: its name and the abbreviations of it that
// symbols carry.
type DocType struct {
	Name  string   // "Chỉ thị"
	Abbr  []string // "CT"
	Kind  string   // state, party, law
	words []string // folded words of Name
}

// IssuerCode is a code of an issuing body in symbols.
type IssuerCode struct {
	Code  string // official case: "TTg", "ThU"
	Scope string // national or local
	Body  string
	Level string // province, district, commune; "" when the code alone does not tell
}

// RelationPhrase is a phrase that relates a cited document to the citing one.
type RelationPhrase struct {
	Phrase   string
	Relation Relation
	Where    string // opening, self
	words    []string
}

// intransitive reports a phrase that says something of the document before
// it and takes no object: "hết hiệu lực", "chấm dứt hiệu lực", "ceases to
// be effective".
func (rp *RelationPhrase) intransitive() bool {
	for k, w := range rp.words {
		if w == "hieu" && k+1 < len(rp.words) && rp.words[k+1] == "luc" || w == "effective" || w == "effect" {
			return true
		}
	}
	return false
}

// Province is a provincial unit with its 2025 successor.
type Province struct {
	Name      string
	Successor string // from 01/7/2025, when merged into another unit
	Aliases   []string
}

// Tables holds the grammar's data.
type Tables struct {
	Types     []DocType
	Issuers   []IssuerCode
	Relations []RelationPhrase
	Provinces []Province
	Forms     []FormWord
	Laws      []Law
	Terms     []Term // khóa of the Party and the National Assembly (repair.go)

	typeByWords   map[string]*DocType // folded name → type
	maxTypeWords  int                 // longest type name in words
	typesByFirst  map[string][]*DocType
	typesByLast   map[string][]*DocType
	relsByLast    map[string][]*RelationPhrase
	typeByAbbr    map[string]*DocType  // abbreviation (exact case) → type
	codeExact     map[string]string    // code as written → official case
	codeFold      map[string][]string  // folded code → official cases
	scopeOf       map[string]string    // official code → scope
	levelOf       map[string]string    // official code → place level
	provinceByKey map[string]*Province // Key(name or alias) → province
	formsByLast   map[string][]*FormWord
	lawByNameYear map[string]*Law // Key(name)|year → law
	lawNames      map[string]bool // Key(name) of the laws of the table
	codeOfBody    map[string]string
}

var (
	defaultTables *Tables
	tablesOnce    sync.Once
	tablesErr     error
)

// DefaultTables returns the embedded tables plus the user's rows from
// $VANBAN_RULES. A malformed user file is reported once and ignored.
func DefaultTables() *Tables {
	tablesOnce.Do(func() {
		var extra fs.FS
		if dir := os.Getenv("VANBAN_RULES"); dir != "" {
			extra = os.DirFS(dir)
		}
		defaultTables, tablesErr = LoadTables(extra)
		if tablesErr != nil {
			fmt.Fprintf(os.Stderr, "vanban: ignoring $VANBAN_RULES: %v\n", tablesErr)
			defaultTables, _ = LoadTables(nil)
		}
	})
	return defaultTables
}

// LoadTables reads the embedded tables and, if extra is not nil, the rows of
// the files of the same names in extra.
func LoadTables(extra fs.FS) (*Tables, error) {
	t := &Tables{}
	read := func(name string, row func(cols []string) error) error {
		srcs := []fs.FS{embedded}
		names := []string{"tables/" + name}
		if extra != nil {
			if _, err := fs.Stat(extra, name); err == nil {
				srcs = append(srcs, extra)
				names = append(names, name)
			}
		}
		for k, src := range srcs {
			f, err := src.Open(names[k])
			if err != nil {
				return fmt.Errorf("cannot open %s: %w", name, err)
			}
			sc := bufio.NewScanner(f)
			ln := 0
			for sc.Scan() {
				ln++
				s := strings.TrimRight(sc.Text(), "\r")
				if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
					continue
				}
				if err := row(strings.Split(s, "\t")); err != nil {
					f.Close()
					return fmt.Errorf("%s line %d: %w", filepath.Base(names[k]), ln, err)
				}
			}
			f.Close()
		}
		return nil
	}
	err := read("types.tsv", func(c []string) error {
		if len(c) < 2 {
			return fmt.Errorf("want name<TAB>abbreviations[<TAB>kind]")
		}
		dt := DocType{Name: c[0], Abbr: splitList(c[1])}
		if len(c) > 2 {
			dt.Kind = c[2]
		}
		t.Types = append(t.Types, dt)
		return nil
	})
	if err == nil {
		err = read("issuers.tsv", func(c []string) error {
			if len(c) < 2 || (c[1] != "national" && c[1] != "local") {
				return fmt.Errorf("want code<TAB>national|local[<TAB>body[<TAB>level]]")
			}
			ic := IssuerCode{Code: c[0], Scope: c[1]}
			if len(c) > 2 {
				ic.Body = c[2]
			}
			if len(c) > 3 {
				switch c[3] {
				case "", "province", "district", "commune":
					ic.Level = c[3]
				default:
					return fmt.Errorf("unknown level %q (want province, district or commune)", c[3])
				}
			}
			t.Issuers = append(t.Issuers, ic)
			return nil
		})
	}
	if err == nil {
		err = read("relations.tsv", func(c []string) error {
			if len(c) < 3 {
				return fmt.Errorf("want phrase<TAB>relation<TAB>where")
			}
			switch Relation(c[1]) {
			case Implements, Basis, Guides, Amends, Replaces, Repeals, Cites:
			default:
				return fmt.Errorf("unknown relation %q", c[1])
			}
			t.Relations = append(t.Relations, RelationPhrase{Phrase: c[0], Relation: Relation(c[1]), Where: c[2]})
			return nil
		})
	}
	if err == nil {
		err = read("provinces.tsv", func(c []string) error {
			p := Province{Name: c[0]}
			if len(c) > 1 {
				p.Successor = c[1]
			}
			if len(c) > 2 {
				p.Aliases = splitList(c[2])
			}
			t.Provinces = append(t.Provinces, p)
			return nil
		})
	}
	if err == nil {
		err = t.refTables(read)
	}
	if err == nil {
		err = read("terms.tsv", t.termRow)
	}
	if err != nil {
		return nil, err
	}
	t.index()
	t.indexRefTables()
	return t, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// words splits folded text into words, dropping punctuation.
func foldWords(s string) []string {
	return strings.FieldsFunc(normalize.Fold(s), func(r rune) bool { return !isLetter(r) && !isDigit(r) })
}

func (t *Tables) index() {
	t.typeByWords = map[string]*DocType{}
	t.typeByAbbr = map[string]*DocType{}
	for i := range t.Types {
		dt := &t.Types[i]
		dt.words = foldWords(dt.Name)
		t.typeByWords[strings.Join(dt.words, " ")] = dt
		if len(dt.words) > t.maxTypeWords {
			t.maxTypeWords = len(dt.words)
		}
		for _, a := range dt.Abbr {
			if _, dup := t.typeByAbbr[a]; !dup {
				t.typeByAbbr[a] = dt
			}
		}
	}
	t.typesByFirst = map[string][]*DocType{}
	t.typesByLast = map[string][]*DocType{}
	for i := range t.Types {
		dt := &t.Types[i]
		if len(dt.words) == 0 {
			continue
		}
		t.typesByFirst[dt.words[0]] = append(t.typesByFirst[dt.words[0]], dt)
		last := dt.words[len(dt.words)-1]
		t.typesByLast[last] = append(t.typesByLast[last], dt)
	}
	for _, m := range []map[string][]*DocType{t.typesByFirst, t.typesByLast} {
		for _, list := range m {
			sort.SliceStable(list, func(a, b int) bool { return len(list[a].words) > len(list[b].words) })
		}
	}
	t.codeExact = map[string]string{}
	t.codeFold = map[string][]string{}
	t.scopeOf = map[string]string{}
	t.levelOf = map[string]string{}
	add := func(code string) {
		t.codeExact[code] = code
		t.codeExact[strings.ToUpper(code)] = code
		k := normalize.Fold(code)
		for _, c := range t.codeFold[k] {
			if c == code {
				return
			}
		}
		t.codeFold[k] = append(t.codeFold[k], code)
	}
	for _, ic := range t.Issuers {
		add(ic.Code)
		t.scopeOf[ic.Code] = ic.Scope
		if ic.Level != "" {
			t.levelOf[ic.Code] = ic.Level
		}
	}
	for _, dt := range t.Types {
		for _, a := range dt.Abbr {
			add(a)
		}
	}
	for k := range t.codeFold {
		sort.Strings(t.codeFold[k])
	}
	t.relsByLast = map[string][]*RelationPhrase{}
	for i := range t.Relations {
		rp := &t.Relations[i]
		rp.words = foldWords(rp.Phrase)
		if len(rp.words) > 0 {
			last := rp.words[len(rp.words)-1]
			t.relsByLast[last] = append(t.relsByLast[last], rp)
		}
	}
	for _, list := range t.relsByLast {
		sort.SliceStable(list, func(a, b int) bool { return len(list[a].words) > len(list[b].words) })
	}
	t.provinceByKey = map[string]*Province{}
	for i := range t.Provinces {
		p := &t.Provinces[i]
		t.provinceByKey[normalize.Key(p.Name)] = p
		for _, a := range p.Aliases {
			t.provinceByKey[normalize.Key(a)] = p
		}
	}
}

// Scope says whether an issuer code names a national body or one relative to
// a place; "" when unknown. Codes with a term number (QH15, UBTVQH14) are
// looked up by their letters.
func (t *Tables) Scope(code string) string {
	if s, ok := t.scopeOf[code]; ok {
		return s
	}
	base := strings.TrimRightFunc(code, func(r rune) bool { return isDigit(r) })
	return t.scopeOf[base]
}

// OfficialCode returns the official case of a code ("TTG" → "TTg", "QD" →
// "QĐ", "TƯ" → "TU"), or code unchanged when it is unknown or ambiguous.
func (t *Tables) OfficialCode(code string) string {
	if c, ok := t.codeExact[code]; ok {
		return c
	}
	digits := strings.IndexFunc(code, isDigit)
	base, tail := code, ""
	if digits > 0 && allDigits(code[digits:]) {
		base, tail = code[:digits], code[digits:]
		if c, ok := t.codeExact[base]; ok {
			return c + tail
		}
	}
	if cs := t.codeFold[normalize.Fold(base)]; len(cs) == 1 {
		return cs[0] + tail
	}
	return code
}
