package corpus

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// MaxQueryLen is the most characters of what a person types to name
// documents: a REF, a search query, a place. Parsing is linear in the input
// (BenchmarkParseRef), but no reference or question is longer, and a longer
// one is refused before any work so that one request cannot hold a server.
const MaxQueryLen = 1000

// ErrTooLong is the error of a REF, query or place over MaxQueryLen
// characters (errors.Is); the error itself is a *TooLongError.
var ErrTooLong = errors.New("too long")

// TooLongError is a REF, query or place over MaxQueryLen characters.
type TooLongError struct {
	What string // "REF", "query", "place"
	Len  int    // characters
}

func (e *TooLongError) Error() string {
	return fmt.Sprintf("the %s has %d characters: at most %d are read; shorten it", e.What, e.Len, MaxQueryLen)
}

func (e *TooLongError) Is(target error) bool { return target == ErrTooLong }

// CheckLen refuses text of more than MaxQueryLen characters, naming it what.
// The CLI and the web API call the library, which calls this: one limit.
func CheckLen(what, text string) error {
	if len(text) <= MaxQueryLen {
		return nil
	}
	if n := utf8.RuneCountInString(text); n > MaxQueryLen {
		return &TooLongError{What: what, Len: n}
	}
	return nil
}
