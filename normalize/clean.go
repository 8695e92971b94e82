package normalize

// Result is normalized text and what was moved out of it.
type Result struct {
	Text string
}

// Clean normalizes raw text. STUB.
func Clean(raw string) Result { return Result{Text: raw} }
