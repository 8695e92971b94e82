// Package extract turns the bytes of a file into raw text with layout hints.
// It knows formats (plain text, PDF, DOCX, legacy Word/RTF, HTML, images
// through OCR) and nothing about Vietnamese administration; content sniffing,
// never the file name, picks the extractor.
//
// The text it returns is not yet normalized: legacy-font runs (TCVN3, VNI) come
// out byte for byte as code points U+0000–U+00FF with their font named in
// Result.Fonts, so that package normalize can convert them. Pages are
// separated by a form feed ('\f').
package extract

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"
)

// PageBreak separates pages in Result.Text.
const PageBreak = '\f'

// OCRMode says when pages are OCRed.
type OCRMode string

// OCR modes (--ocr=auto|force|off).
const (
	OCRAuto  OCRMode = "auto"  // pages without a usable text layer
	OCRForce OCRMode = "force" // every page of a PDF or image
	OCROff   OCRMode = "off"   // never
)

// Options bound and tune one extraction.
type Options struct {
	OCR         OCRMode
	MaxBytes    int64         // input size limit (0: DefaultMaxBytes)
	PageTimeout time.Duration // deadline per OCR page (0: 120 s)
	Workers     int           // parallel pages (0: the OCR pool's size)
	// OCRPool bounds the tesseract processes of every extraction sharing
	// it (an ingest run); nil: DefaultPool, one per core for the process.
	OCRPool   *Pool
	Lang      string // tesseract languages (default "vie")
	MaxPixels int64  // largest image (width×height) given to OCR (0: DefaultMaxPixels)
}

// DefaultMaxPixels bounds the images OCR reads: an A3 page at 600 dpi is 70
// megapixels; beyond 120 tesseract needs gigabytes and minutes.
const DefaultMaxPixels = 120_000_000

// DefaultMaxBytes is the input size limit when Options.MaxBytes is 0.
const DefaultMaxBytes = 256 << 20

// Page is one page of a paged format.
type Page struct {
	N          int     `json:"n"` // 1-based
	Chars      int     `json:"chars"`
	OCR        bool    `json:"ocr"`
	Confidence float64 `json:"confidence,omitempty"` // mean OCR word confidence, 0–100
	Reason     string  `json:"reason,omitempty"`     // why it was OCRed: "empty", "signature-stamp", "garbage", "forced"
	// Retry says how a page whose first OCR had a low confidence was OCRed
	// again and which reading was kept ("first 62.0; 300 dpi 71.5; … kept
	// the best"); Confidence is the kept one's.
	Retry string `json:"retry,omitempty"`
}

// FontSpan names the font of a run of Result.Text (rune offsets), for runs
// whose font implies a legacy 8-bit encoding (".VnTime", "VNI-Times").
type FontSpan struct {
	Start, End int
	Font       string
}

// Result is what an extractor found.
type Result struct {
	Format    string     // "text", "markdown", "pdf", "docx", "doc", "rtf", "html", "image"
	Text      string     // UTF-8; pages separated by PageBreak
	Encoding  string     // byte encoding of the source text: "utf-8", "utf-16le", … ; legacy fonts are resolved by normalize
	Extractor string     // name and version of the tool that made the text
	Pages     []Page     // nil for formats without pages
	Fonts     []FontSpan // legacy-font runs, if any
	Warnings  []string
}

// OCRPages lists the numbers of the pages that were OCRed.
func (r *Result) OCRPages() []int {
	var n []int
	for _, p := range r.Pages {
		if p.OCR {
			n = append(n, p.N)
		}
	}
	return n
}

// Extractor reads one format.
type Extractor func(ctx context.Context, data []byte, opt Options) (*Result, error)

// extractors maps a format (as named by Sniff) to its reader. Each format's
// file registers itself in init.
var extractors = map[string]Extractor{}

// Register adds the extractor of a format. It is called from init functions.
func Register(format string, fn Extractor) { extractors[format] = fn }

var errDeadline = context.DeadlineExceeded

// Extract sniffs data and runs the matching extractor. No panic escapes: a
// panic inside a library becomes an error of kind corrupt.
func Extract(ctx context.Context, path string, data []byte, opt Options) (res *Result, err error) {
	if opt.OCR == "" {
		opt.OCR = OCRAuto
	}
	if opt.MaxBytes == 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	defer func() {
		if x := recover(); x != nil {
			res, err = nil, &Error{Op: "extract", Path: path, Kind: KindCorrupt,
				Err: fmt.Errorf("extractor panicked: %v\n%s", x, debug.Stack())}
		}
		if err != nil {
			if e, ok := err.(*Error); ok {
				if e.Path == "" {
					e.Path = path
				}
			} else {
				err = &Error{Path: path, Kind: KindOf(err), Err: err}
			}
		}
	}()
	if len(data) == 0 {
		return nil, Errorf(KindEmpty, "read", "the file is empty (0 bytes)")
	}
	if int64(len(data)) > opt.MaxBytes {
		return nil, Errorf(KindTooLarge, "read", "the file has %d bytes, over the limit of %d", len(data), opt.MaxBytes)
	}
	format := Sniff(data)
	fn := extractors[format]
	if fn == nil {
		if format == FormatBinary {
			return nil, Errorf(KindNotText, "sniff", "not a document: binary content of no known format")
		}
		return nil, Errorf(KindUnsupported, "sniff", "format %s is not supported by this build", format)
	}
	res, err = fn(ctx, data, opt)
	if err != nil {
		return nil, err
	}
	if res.Format == "" {
		res.Format = format
	}
	if w := nameWarning(path, res.Format); w != "" {
		res.Warnings = append(res.Warnings, w)
	}
	return res, nil
}
