package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"runtime/debug"

	"vanban/corpus"
	"vanban/extract"
	"vanban/normalize"
	"vanban/rules"
)

// maxFileBytes bounds what is read of one file.
const maxFileBytes = extract.DefaultMaxBytes

// ProcessFile reads, extracts, normalizes and structures one file: the
// pipeline extract → normalize → rules → identity, without the store. It
// never panics and always returns a record: on failure the record carries
// Error and err is the cause.
func ProcessFile(ctx context.Context, path string, opt extract.Options) (rules.Document, error) {
	limit := opt.MaxBytes
	if limit == 0 {
		limit = maxFileBytes
	}
	data, err := extract.ReadFile(path, limit)
	if err != nil {
		return errorRecord(path, err)
	}
	return Process(ctx, path, data, opt)
}

// ProcessReader is ProcessFile on a stream (standard input, named "-"): it
// is read up to opt.MaxBytes, and a longer one is too_large.
func ProcessReader(ctx context.Context, name string, r io.Reader, opt extract.Options) (rules.Document, error) {
	limit := opt.MaxBytes
	if limit == 0 {
		limit = maxFileBytes
	}
	data, err := extract.ReadLimited(r, name, limit)
	if err != nil {
		return errorRecord(name, err)
	}
	return Process(ctx, name, data, opt)
}

// Process is ProcessFile on bytes already read (an upload, a file read by
// corpus.Ingest). Panics are recovered into an error record.
func Process(ctx context.Context, path string, data []byte, opt extract.Options) (doc rules.Document, err error) {
	defer func() {
		if x := recover(); x != nil {
			doc, err = errorRecord(path, &extract.Error{Op: "parse", Path: path, Kind: extract.KindOther,
				Err: fmt.Errorf("internal error: %v\n%s", x, debug.Stack())})
		}
	}()
	sum := sha256.Sum256(data)
	src := rules.Source{Path: path, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data))}
	lap := corpus.StagesOf(ctx).Lap()
	res, err := extract.Extract(ctx, path, data, opt)
	lap(corpus.StageExtract)
	if err != nil {
		doc, _ = errorRecord(path, err)
		doc.Source.SHA256, doc.Source.Size = src.SHA256, src.Size
		return doc, err
	}
	spans := make([]normalize.FontSpan, len(res.Fonts))
	for i, f := range res.Fonts {
		spans[i] = normalize.FontSpan{Start: f.Start, End: f.End, Font: f.Font}
	}
	lap(corpus.StageExtract) // the font spans
	text, enc := normalize.DecodeLegacy(res.Text, res.Encoding, spans)
	lap(corpus.StageNormalize)
	doc = rules.ParseText(text)
	defer lap(corpus.StageRules) // with the key below
	src.Format = res.Format
	src.Pages = len(res.Pages)
	src.OCRPages = res.OCRPages()
	src.OCR = len(src.OCRPages) > 0
	if src.OCR {
		var sum float64
		for _, p := range res.Pages {
			if p.OCR {
				sum += p.Confidence
			}
			if p.Retry != "" {
				src.OCRRetried = append(src.OCRRetried, p.N)
			}
		}
		src.OCRConfidence = sum / float64(len(src.OCRPages))
	}
	src.Encoding = enc
	src.Extractor = res.Extractor
	src.Warnings = append(res.Warnings, extract.TextWarnings(text)...)
	doc.Source = src
	doc.ID = corpus.Identify(&doc) // the canonical key, as the store will know it
	return doc, nil
}

func errorRecord(path string, err error) (rules.Document, error) {
	var e *extract.Error
	if errors.As(err, &e) && e.Path == "" {
		e.Path = path // every error names its file
	}
	return rules.Document{
		Source: rules.Source{Path: path},
		Error:  &rules.ErrorRecord{Kind: string(extract.KindOf(err)), Message: err.Error()},
	}, err
}
