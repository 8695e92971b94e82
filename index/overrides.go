package index

import (
	"context"

	"vanban/corpus"
	"vanban/rules"
)

// ApplyOverrides puts a person's corrections into a record (the parser's
// values are kept in the overrides' Previous).
func ApplyOverrides(rec *rules.Document, ovs []corpus.Override) {
	for _, o := range ovs {
		v := rules.NString(o.Value)
		switch o.Field {
		case "type":
			rec.Type = v
		case "symbol":
			rec.Symbol = v
		case "date":
			rec.Date = v
		case "place":
			rec.Place = v
		case "issuer":
			rec.Issuer = v
		case "province":
			rec.Province = v
		case "subject":
			rec.Subject = v
		}
	}
}

// CorrectedInfo is ApplyOverrides on the identity line of a document.
func CorrectedInfo(d corpus.DocInfo, ovs []corpus.Override) corpus.DocInfo {
	for _, o := range ovs {
		switch o.Field {
		case "type":
			d.Type = o.Value
		case "symbol":
			d.Symbol = o.Value
		case "date":
			d.Date = o.Value
		case "issuer":
			d.Issuer = o.Value
		case "province":
			d.Province = o.Value
		case "subject":
			d.Subject = o.Value
		}
	}
	return d
}

// Correct records a correction of one field of a stored document by who;
// the parser's current value is kept with it.
func (a *Archive) Correct(ctx context.Context, d corpus.DocInfo, field, value, who string) (corpus.Override, error) {
	rec, err := a.st.Record(ctx, d, false)
	if err != nil {
		return corpus.Override{}, err
	}
	prev := map[string]rules.NString{"type": rec.Type, "symbol": rec.Symbol, "date": rec.Date, "place": rec.Place,
		"issuer": rec.Issuer, "province": rec.Province, "subject": rec.Subject}[field]
	o, err := a.st.SetOverride(ctx, d.Key, field, value, string(prev), who)
	if err != nil {
		return o, err
	}
	_, err = a.Sync(ctx)
	return o, err
}

// Undo undoes a correction.
func (a *Archive) Undo(ctx context.Context, id int64, who string) (corpus.Override, error) {
	o, err := a.st.UndoOverride(ctx, id, who)
	if err != nil {
		return o, err
	}
	_, err = a.Sync(ctx)
	return o, err
}

// Weak lists the documents whose record needs a person's look.
func (a *Archive) Weak(ctx context.Context, limit int) ([]corpus.WeakDoc, error) {
	ws, err := a.st.Weak(ctx, limit)
	if ws == nil {
		ws = []corpus.WeakDoc{}
	}
	return ws, err
}

// SuggestSymbols lists stored symbols starting with what was typed.
func (a *Archive) SuggestSymbols(ctx context.Context, typed string, n int) ([]corpus.DocInfo, error) {
	ds, err := a.st.SymbolsWithPrefix(ctx, typed, n)
	if ds == nil {
		ds = []corpus.DocInfo{}
	}
	return ds, err
}
