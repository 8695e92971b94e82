package corpus

import (
	"fmt"
	"os"
	"strings"
	"unicode"
)

// ExtraArgsError is returned by RefArgs for command-line arguments that name
// more than one document where a command takes one.
type ExtraArgsError struct {
	Args []string
	Why  string
}

func (e *ExtraArgsError) Error() string {
	return fmt.Sprintf("extra arguments %q: %s; give one document", e.Args, e.Why)
}

// RefArgs is the one REF or DOC of a command line: its words may come as
// several arguments ("vanban show chi thi 33" unquoted), which are joined.
// Arguments that name more than one document are refused (an
// *ExtraArgsError), not resolved to the first of them: a stored id or the
// path of an existing file beside other words, or two different symbols or
// numbers ("15-KH/ĐU 47-CT/TW").
func RefArgs(args []string) (string, error) {
	if len(args) <= 1 {
		return strings.Join(args, " "), nil
	}
	text := strings.Join(args, " ")
	if err := CheckLen("REF", text); err != nil {
		return "", err
	}
	for _, a := range args {
		t := strings.TrimSpace(a)
		if keyForm.MatchString(t) {
			return "", &ExtraArgsError{Args: args, Why: fmt.Sprintf("%q is a stored id by itself", t)}
		}
		if fi, err := os.Stat(a); err == nil && fi.Mode().IsRegular() {
			return "", &ExtraArgsError{Args: args, Why: fmt.Sprintf("%q is a file by itself", a)}
		}
	}
	if names := refNames(text); len(names) > 1 {
		return "", &ExtraArgsError{Args: args, Why: fmt.Sprintf("they name %d documents (%s)", len(names), strings.Join(names, ", "))}
	}
	return text, nil
}

// refNames lists the distinct documents a REF names, as ParseRef reads
// them: each symbol (one with a letter: "25/10" is a day), and a bare
// number before any symbol or number, or after one unless it reads as a
// year.
func refNames(text string) []string {
	text = spacedSep.ReplaceAllString(text, "$1")
	var names []string
	seen := map[string]bool{}
	add := func(tok, key string) {
		if !seen[key] {
			seen[key] = true
			names = append(names, tok)
		}
	}
	toks := strings.Fields(text)
	for i := 0; i < len(toks); i++ {
		tok := strings.Trim(toks[i], ",.;:()\"“”'")
		f := Fold(tok)
		switch {
		case tok == "":
		case (f == "nam" || f == "ngay") && i+1 < len(toks):
			next := strings.Trim(toks[i+1], ",.;:()")
			if yearForm.MatchString(next) || dateForm.MatchString(next) {
				i++
			}
		case dateForm.MatchString(tok):
		case symbolForm.MatchString(tok) && strings.IndexFunc(tok, unicode.IsLetter) >= 0:
			add(tok, "s:"+FoldSymbol(tok))
		case isDigits(tok):
			if len(names) > 0 && yearForm.MatchString(tok) {
				continue
			}
			n := strings.TrimLeft(tok, "0")
			if n == "" {
				n = "0"
			}
			add(tok, "n:"+n)
		}
	}
	return names
}
