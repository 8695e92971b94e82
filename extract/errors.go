package extract

import (
	"errors"
	"fmt"
)

// Kind classifies why a file could not be processed. Kinds feed the ingest
// report and the "error.kind" of a record; tests assert on the kind, not on the
// message (after upspin's errors package).
type Kind string

// The kinds of failure.
const (
	KindOther       Kind = "other"
	KindIO          Kind = "io"          // the file cannot be read
	KindEmpty       Kind = "empty"       // zero bytes, or no text at all
	KindTooLarge    Kind = "too_large"   // over the size limit
	KindNotText     Kind = "not_text"    // binary content that no extractor knows
	KindUnsupported Kind = "unsupported" // a known format this build cannot read
	KindCorrupt     Kind = "corrupt"     // truncated or malformed content
	KindEncrypted   Kind = "encrypted"   // password protected
	KindOCRFailed   Kind = "ocr_failed"  // OCR was needed and failed
	KindTimeout     Kind = "timeout"     // the per-file or per-page deadline passed
	KindBomb        Kind = "bomb"        // a container that inflates beyond limits
)

// Error is the structured error of extraction.
type Error struct {
	Op   string // what was being done: "sniff", "pdf page 3", "ocr"
	Path string // the file
	Kind Kind
	Err  error
}

func (e *Error) Error() string {
	msg := string(e.Kind)
	if e.Err != nil {
		msg = e.Err.Error()
	}
	switch {
	case e.Path != "" && e.Op != "":
		return fmt.Sprintf("%s: %s: %s", e.Path, e.Op, msg)
	case e.Path != "":
		return fmt.Sprintf("%s: %s", e.Path, msg)
	case e.Op != "":
		return fmt.Sprintf("%s: %s", e.Op, msg)
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf makes an *Error of the given kind.
func Errorf(kind Kind, op, format string, args ...any) *Error {
	return &Error{Op: op, Kind: kind, Err: fmt.Errorf(format, args...)}
}

// KindOf returns the kind of err: the kind of the outermost *Error in its
// chain, KindTimeout for context deadlines, else KindOther.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	if errors.Is(err, errDeadline) {
		return KindTimeout
	}
	return KindOther
}
