// Command relstat parses the real corpus (seeds, vbpl texts, Markdown, legacy
// transcripts) with rules and prints what the reference extraction gives:
// edges by relation, references that look like forms or standards, laws
// cited by name and date found and linked, and a fixed-seed random sample of
// references with their citing sentence, for checking by hand.
//
//	go run ./rules/internal/relstat [-shared ../shared] [-n 60] [-seed 7] [-sample FILE]
package main

import (
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"vanban/normalize"
	"vanban/rules"
	"vanban/rules/internal/corpusfiles"
)

func main() {
	shared := flag.String("shared", filepath.Join("..", "shared"), "the shared folder (corpus/seeds, corpus/real)")
	n := flag.Int("n", 60, "sample size")
	seed := flag.Int64("seed", 7, "seed of the sample")
	out := flag.String("sample", "", "write the sample as TSV to this file (default: stdout)")
	verbose = flag.Bool("v", false, "print each law cited by name and date that links to nothing")
	flag.Parse()
	if err := run(*shared, *n, *seed, *out); err != nil {
		fmt.Fprintln(os.Stderr, "relstat:", err)
		os.Exit(1)
	}
}

var verbose *bool

// formLike is text right before or in a reference that names a form, an
// annex or a technical standard rather than a document.
var formLike = regexp.MustCompile(`(?i)(mẫu(\s+số)?|phụ\s+lục(\s+số)?|biểu(\s+số)?|qcvn|tcvn|tài\s+khoản|số\s+hiệu\s+tài\s+khoản)\s*[:.]?\s*$`)

// lawByName is a law cited by its name and a date or year, without a number:
// "Luật Giáo dục ngày 14 tháng 6 năm 2019", "Bộ luật Lao động năm 2019".
var lawByName = regexp.MustCompile(`(Bộ luật|Luật) ((?:[\p{Lu}][\p{L}\p{M}]*|[\p{Ll}\p{M}]+|,|-)(?:[ ,]+|$)){1,14}?(ngày \d{1,2} tháng \d{1,2} năm \d{4}|năm \d{4})`)

type sample struct {
	file     string
	ref      rules.Reference
	sentence string
}

func run(shared string, n int, seed int64, out string) error {
	fs, err := corpusfiles.List(shared)
	if err != nil {
		return err
	}
	byRel := map[rules.Relation]int{}
	var all []sample
	docs, edges, forms, claims := 0, 0, 0, 0
	lawsFound, lawsSym, lawsName, lawsNone := 0, 0, 0, 0
	lawDocs, lawDocsNone := map[string]bool{}, map[string]bool{}
	for _, f := range fs {
		raw, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		d := rules.ParseText(string(raw))
		docs++
		rel, _ := filepath.Rel(shared, f)
		text := []rune(d.Text)
		claims += len(d.Claims)
		for _, r := range d.References {
			edges++
			byRel[r.Relation]++
			before := string(text[max(0, r.Start-24):r.Start])
			if formLike.MatchString(before) {
				forms++
			}
			all = append(all, sample{file: rel, ref: r, sentence: sentence(text, r.Start, r.End)})
		}
		// Laws by name and date: found in the text, then looked up among the
		// references by offset.
		for _, loc := range lawByName.FindAllStringIndex(d.Text, -1) {
			if c := d.Text[loc[0]:loc[1]]; strings.Contains(c, " số ") || strings.Contains(c, " này") || strings.Contains(c, "\n") || strings.Contains(c, "|") {
				continue // a numbered law, this law, or a match across lines
			}
			lawsFound++
			lawDocs[f] = true
			at := utf8.RuneCountInString(d.Text[:loc[0]])
			var hit *rules.Reference
			for i := range d.References {
				if r := &d.References[i]; covers(r, at, d.Text[loc[0]:loc[1]]) {
					hit = r
					break
				}
			}
			switch {
			case hit == nil:
				if *verbose {
					fmt.Fprintf(os.Stderr, "unlinked %s: %s\n", rel, d.Text[loc[0]:loc[1]])
				}
				lawsNone++
				lawDocsNone[f] = true
			case hit.Symbol != "":
				lawsSym++
			default:
				lawsName++
			}
		}
	}
	fmt.Printf("documents %d, edges (references) %d, claims %d\n", docs, edges, claims)
	rels := make([]string, 0, len(byRel))
	for r := range byRel {
		rels = append(rels, string(r))
	}
	sort.Strings(rels)
	for _, r := range rels {
		fmt.Printf("  %-10s %5d  %5.1f %%\n", r, byRel[rules.Relation(r)], 100*float64(byRel[rules.Relation(r)])/float64(edges))
	}
	fmt.Printf("references right after a form, annex, standard or account word: %d (%.1f %%)\n", forms, 100*float64(forms)/float64(max(edges, 1)))
	fmt.Printf("laws cited by name and date: %d in %d documents; linked by symbol %d, by name %d, to nothing %d (in %d documents)\n",
		lawsFound, len(lawDocs), lawsSym, lawsName, lawsNone, len(lawDocsNone))

	// The sample: a fixed seed over the references in file order.
	rng := rand.New(rand.NewSource(seed))
	idx := rng.Perm(len(all))
	if n > len(idx) {
		n = len(idx)
	}
	idx = idx[:n]
	sort.Ints(idx)
	w := os.Stdout
	if out != "" {
		fh, err := os.Create(out)
		if err != nil {
			return err
		}
		defer fh.Close()
		w = fh
	}
	fmt.Fprintln(w, "file\ttype\tsymbol\tname\tyear\tissuer_code\trelation\ttext\tsentence")
	for _, k := range idx {
		s := all[k]
		r := s.ref
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", s.file, r.Type, r.Symbol, r.Name, r.Year, r.IssuerCode, r.Relation, flat(r.Text), flat(s.sentence))
	}
	return nil
}

// covers reports whether reference r is the law cited at rune offset at
// with text cite: its first mention is there, or cite is one of its aliases
// (later mentions of a reference are kept as aliases).
func covers(r *rules.Reference, at int, cite string) bool {
	if r.Start <= at && at < r.End {
		return true
	}
	k := normalize.Key(cite)
	for _, a := range r.Aliases {
		if normalize.Key(a) == k {
			return true
		}
	}
	return false
}

// sentence is the citing sentence around [start, end): back to the line start
// or a period, forward to the next one, at most 400 runes each way.
func sentence(t []rune, start, end int) string {
	a := start
	for a > 0 && start-a < 400 && t[a-1] != '\n' && !(t[a-1] == '.' && a < len(t) && t[a] == ' ') {
		a--
	}
	b := end
	for b < len(t) && b-end < 400 && t[b] != '\n' && !(t[b] == '.' && (b+1 >= len(t) || t[b+1] == ' ' || t[b+1] == '\n')) {
		b++
	}
	return string(t[a:b])
}

func flat(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
