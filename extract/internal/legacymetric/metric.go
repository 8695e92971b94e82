// Package legacymetric measures how well legacy-encoded documents (TCVN3, VNI)
// come out of extract + normalize, with the metric of
// shared/corpus/real/legacy/METRIC.md: diacritic accuracy (the headline),
// character accuracy and syllable accuracy, per file and overall.
package legacymetric

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Score is the comparison of one output with its ground truth.
type Score struct {
	Diacritic, DiacriticTotal int // diacritic-bearing ground-truth chars recovered exactly / all of them
	Chars, CharsTotal         int // matched chars / ground-truth chars
	Syllables, SyllablesTotal int // exactly matching tokens / ground-truth tokens
}

// DiacriticAccuracy is METRIC.md's headline number.
func (s Score) DiacriticAccuracy() float64 { return ratio(s.Diacritic, s.DiacriticTotal) }

// CharAccuracy is matched_chars / len(ground_truth).
func (s Score) CharAccuracy() float64 { return ratio(s.Chars, s.CharsTotal) }

// SyllableAccuracy is exactly matching tokens / ground-truth tokens.
func (s Score) SyllableAccuracy() float64 { return ratio(s.Syllables, s.SyllablesTotal) }

// Add sums two scores (for an overall, character-weighted number).
func (s Score) Add(t Score) Score {
	return Score{s.Diacritic + t.Diacritic, s.DiacriticTotal + t.DiacriticTotal,
		s.Chars + t.Chars, s.CharsTotal + t.CharsTotal,
		s.Syllables + t.Syllables, s.SyllablesTotal + t.SyllablesTotal}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// prep applies METRIC.md's preprocessing: NFC, whitespace runs → one space,
// trimmed. Nothing else (no case folding).
func prep(s string) []rune {
	return []rune(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
}

// baseOf reduces a character to its base letter: NFD, marks (Mn) removed,
// đ→d, Đ→D.
func baseOf(r rune) rune {
	switch r {
	case 'đ':
		return 'd'
	case 'Đ':
		return 'D'
	}
	for _, b := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, b) {
			return b
		}
	}
	return r
}

// hasDiacritic: the character decomposes to a combining mark under NFD, or is
// đ/Đ.
func hasDiacritic(r rune) bool {
	if r == 'đ' || r == 'Đ' {
		return true
	}
	for _, b := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, b) {
			return true
		}
	}
	return false
}

// CompareFolded is Compare with both sides lower-cased first. METRIC.md
// folds no case, but the transcripts keep the text of upper-case TCVN3 fonts
// (".VnTimeH") in the case it was typed, while extract + normalize upper-case
// it as the font draws it (domain.md §6.1); this number separates that
// convention from encoding errors. Both are reported.
func CompareFolded(got, want string) Score {
	return Compare(strings.ToLower(got), strings.ToLower(want))
}

// Compare scores got against the ground truth want.
func Compare(got, want string) Score {
	g, w := prep(got), prep(want)
	var s Score
	s.CharsTotal = len(w)
	for _, r := range w {
		if hasDiacritic(r) {
			s.DiacriticTotal++
		}
	}
	// Characters: align the texts themselves.
	for _, m := range align(g, w, func(r rune) rune { return r }) {
		s.Chars += m.n
	}
	// Diacritics: align base letters, then compare the original characters
	// at each aligned diacritic-bearing ground-truth position.
	for _, m := range align(g, w, baseOf) {
		for k := 0; k < m.n; k++ {
			wr := w[m.j+k]
			if hasDiacritic(wr) && g[m.i+k] == wr {
				s.Diacritic++
			}
		}
	}
	// Syllables: align tokens.
	gt, wt := strings.Fields(string(g)), strings.Fields(string(w))
	s.SyllablesTotal = len(wt)
	for _, m := range alignTokens(gt, wt) {
		s.Syllables += m.n
	}
	return s
}

// match is a run of n aligned equal elements: a[i:i+n] == b[j:j+n].
type match struct{ i, j, n int }

// align aligns two rune sequences under a key function: words are aligned
// first (patience diff), then characters inside unequal stretches.
func align(a, b []rune, key func(rune) rune) []match {
	ka, kb := mapRunes(a, key), mapRunes(b, key)
	wa, oa := words(ka)
	wb, ob := words(kb)
	var out []match
	prevA, prevB := 0, 0 // rune positions aligned so far
	flushGap := func(ea, eb int) {
		out = append(out, charDP(ka[prevA:ea], kb[prevB:eb], prevA, prevB)...)
	}
	for _, m := range alignTokens(wa, wb) {
		sa, sb := oa[m.i], ob[m.j]
		flushGap(sa, sb)
		ea := oa[m.i+m.n-1] + len([]rune(wa[m.i+m.n-1]))
		eb := ob[m.j+m.n-1] + len([]rune(wb[m.j+m.n-1]))
		// Equal word runs are equal rune runs (the single spaces between
		// them too, after prep).
		out = append(out, match{sa, sb, ea - sa})
		prevA, prevB = ea, eb
	}
	flushGap(len(ka), len(kb))
	return out
}

func mapRunes(rs []rune, f func(rune) rune) []rune {
	out := make([]rune, len(rs))
	for i, r := range rs {
		out[i] = f(r)
	}
	return out
}

// words splits at spaces, with the rune offset of each word.
func words(rs []rune) ([]string, []int) {
	var ws []string
	var off []int
	i := 0
	for i < len(rs) {
		if rs[i] == ' ' {
			i++
			continue
		}
		j := i
		for j < len(rs) && rs[j] != ' ' {
			j++
		}
		ws = append(ws, string(rs[i:j]))
		off = append(off, i)
		i = j
	}
	return ws, off
}

// charDP aligns two short rune stretches with an LCS table; long ones (the
// table would pass maxCells) are aligned only by common prefix and suffix.
func charDP(a, b []rune, offA, offB int) []match {
	const maxCells = 4_000_000
	var out []match
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	if p > 0 {
		out = append(out, match{offA, offB, p})
	}
	a, b = a[p:], b[p:]
	offA, offB = offA+p, offB+p
	q := 0
	for q < len(a) && q < len(b) && a[len(a)-1-q] == b[len(b)-1-q] {
		q++
	}
	var tail []match
	if q > 0 {
		tail = append(tail, match{offA + len(a) - q, offB + len(b) - q, q})
	}
	a, b = a[:len(a)-q], b[:len(b)-q]
	if len(a) > 0 && len(b) > 0 && len(a)*len(b) <= maxCells {
		n, m := len(a), len(b)
		t := make([]int32, (n+1)*(m+1))
		for i := n - 1; i >= 0; i-- {
			for j := m - 1; j >= 0; j-- {
				if a[i] == b[j] {
					t[i*(m+1)+j] = t[(i+1)*(m+1)+j+1] + 1
				} else {
					t[i*(m+1)+j] = max(t[(i+1)*(m+1)+j], t[i*(m+1)+j+1])
				}
			}
		}
		i, j := 0, 0
		for i < n && j < m {
			switch {
			case a[i] == b[j]:
				out = append(out, match{offA + i, offB + j, 1})
				i++
				j++
			case t[(i+1)*(m+1)+j] >= t[i*(m+1)+j+1]:
				i++
			default:
				j++
			}
		}
	}
	return append(out, tail...)
}

// alignTokens is a patience diff: tokens unique in both stretches anchor the
// alignment (longest increasing subsequence), recursively; stretches without
// unique tokens fall back to an LCS table when small.
func alignTokens(a, b []string) []match {
	var out []match
	var rec func(a0, a1, b0, b1, depth int)
	rec = func(a0, a1, b0, b1, depth int) {
		// Common prefix and suffix.
		for a0 < a1 && b0 < b1 && a[a0] == b[b0] {
			out = append(out, match{a0, b0, 1})
			a0++
			b0++
		}
		var tail []match
		for a0 < a1 && b0 < b1 && a[a1-1] == b[b1-1] {
			a1--
			b1--
			tail = append(tail, match{a1, b1, 1})
		}
		defer func() {
			for k := len(tail) - 1; k >= 0; k-- {
				out = append(out, tail[k])
			}
		}()
		if a0 == a1 || b0 == b1 {
			return
		}
		ca := map[string]int{}
		for _, t := range a[a0:a1] {
			ca[t]++
		}
		cb := map[string]int{}
		posB := map[string]int{}
		for j := b0; j < b1; j++ {
			cb[b[j]]++
			posB[b[j]] = j
		}
		type pair struct{ i, j int }
		var anchors []pair
		for i := a0; i < a1; i++ {
			if ca[a[i]] == 1 && cb[a[i]] == 1 {
				anchors = append(anchors, pair{i, posB[a[i]]})
			}
		}
		if len(anchors) == 0 || depth > 64 {
			n, m := a1-a0, b1-b0
			if n*m > 4_000_000 {
				return
			}
			t := make([]int32, (n+1)*(m+1))
			for i := n - 1; i >= 0; i-- {
				for j := m - 1; j >= 0; j-- {
					if a[a0+i] == b[b0+j] {
						t[i*(m+1)+j] = t[(i+1)*(m+1)+j+1] + 1
					} else {
						t[i*(m+1)+j] = max(t[(i+1)*(m+1)+j], t[i*(m+1)+j+1])
					}
				}
			}
			i, j := 0, 0
			for i < n && j < m {
				switch {
				case a[a0+i] == b[b0+j]:
					out = append(out, match{a0 + i, b0 + j, 1})
					i++
					j++
				case t[(i+1)*(m+1)+j] >= t[i*(m+1)+j+1]:
					i++
				default:
					j++
				}
			}
			return
		}
		// Longest increasing subsequence of anchors by j (patience sort).
		tails := []int{}
		prev := make([]int, len(anchors))
		for k, p := range anchors {
			lo, hi := 0, len(tails)
			for lo < hi {
				mid := (lo + hi) / 2
				if anchors[tails[mid]].j < p.j {
					lo = mid + 1
				} else {
					hi = mid
				}
			}
			if lo > 0 {
				prev[k] = tails[lo-1]
			} else {
				prev[k] = -1
			}
			if lo == len(tails) {
				tails = append(tails, k)
			} else {
				tails[lo] = k
			}
		}
		var seq []pair
		for k := tails[len(tails)-1]; k >= 0; k = prev[k] {
			seq = append(seq, anchors[k])
		}
		ca0, cb0 := a0, b0
		for k := len(seq) - 1; k >= 0; k-- {
			p := seq[k]
			rec(ca0, p.i, cb0, p.j, depth+1)
			out = append(out, match{p.i, p.j, 1})
			ca0, cb0 = p.i+1, p.j+1
		}
		rec(ca0, a1, cb0, b1, depth+1)
	}
	rec(0, len(a), 0, len(b), 0)
	return out
}
