package rules

import "vanban/normalize"

// ParseText normalizes raw (already decoded) text and structures it.
func ParseText(raw string) Document {
	n := normalize.Clean(raw)
	return Parse(n)
}

// Parse structures normalized text.
func Parse(n normalize.Result) Document {
	d := Document{Text: n.Text}
	return finish(d)
}

// finish replaces nil slices by empty ones: lists are [] in JSON, never null.
func finish(d Document) Document {
	if d.Signers == nil {
		d.Signers = []Signer{}
	}
	if d.Recipients == nil {
		d.Recipients = []string{}
	}
	if d.Headings == nil {
		d.Headings = []Heading{}
	}
	if d.References == nil {
		d.References = []Reference{}
	}
	if d.Named == nil {
		d.Named = []NamedRef{}
	}
	if d.Claims == nil {
		d.Claims = []Claim{}
	}
	if d.Footnotes == nil {
		d.Footnotes = []Footnote{}
	}
	return d
}
