package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"vanban/corpus"
	"vanban/extract"
	"vanban/normalize"
	"vanban/rules"
)

// maxFileBytes bounds what is read of one file.
const maxFileBytes = extract.DefaultMaxBytes

// processFile reads, extracts, normalizes and structures one file. It never
// panics and always returns a record: on failure the record carries Error
// and err is the cause.
func processFile(ctx context.Context, path string, opt extract.Options) (rules.Document, error) {
	st, err := os.Stat(path)
	if err != nil {
		return errorRecord(path, &extract.Error{Op: "stat", Path: path, Kind: extract.KindIO, Err: err})
	}
	limit := opt.MaxBytes
	if limit == 0 {
		limit = maxFileBytes
	}
	if st.IsDir() {
		return errorRecord(path, &extract.Error{Op: "read", Path: path, Kind: extract.KindIO, Err: fmt.Errorf("is a directory")})
	}
	if st.Size() > limit {
		return errorRecord(path, extract.Errorf(extract.KindTooLarge, "read", "the file has %d bytes, over the limit of %d", st.Size(), limit))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return errorRecord(path, &extract.Error{Op: "read", Path: path, Kind: extract.KindIO, Err: err})
	}
	return processBytes(ctx, path, data, opt)
}

// processBytes is processFile on bytes already read.
func processBytes(ctx context.Context, path string, data []byte, opt extract.Options) (doc rules.Document, err error) {
	defer func() {
		if x := recover(); x != nil {
			doc, err = errorRecord(path, &extract.Error{Op: "parse", Path: path, Kind: extract.KindOther,
				Err: fmt.Errorf("internal error: %v\n%s", x, debug.Stack())})
		}
	}()
	sum := sha256.Sum256(data)
	src := rules.Source{Path: path, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data))}
	res, err := extract.Extract(ctx, path, data, opt)
	if err != nil {
		doc, _ = errorRecord(path, err)
		doc.Source.SHA256, doc.Source.Size = src.SHA256, src.Size
		return doc, err
	}
	spans := make([]normalize.FontSpan, len(res.Fonts))
	for i, f := range res.Fonts {
		spans[i] = normalize.FontSpan{Start: f.Start, End: f.End, Font: f.Font}
	}
	text, enc := normalize.DecodeLegacy(res.Text, res.Encoding, spans)
	doc = rules.ParseText(text)
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
	src.Warnings = res.Warnings
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
