package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHostileFiles: files of the adversarial batch (testdata/faults, made
// by internal/mkfaults) each give the error kind or the warning their
// damage calls for, within seconds and never by a panic.
func TestHostileFiles(t *testing.T) {
	for _, tc := range []struct {
		file string
		kind Kind   // the error wanted, or
		warn string // a warning wanted (the file is read)
	}{
		{"text/utf16le-nobom.txt", "", "UTF-16LE without a byte-order mark"},
		{"text/utf16be-nobom.txt", "", "UTF-16BE without a byte-order mark"},
		{"text/invalid-utf8.txt", "", "3 bytes that are not UTF-8 in a UTF-8 text"},
		{"text/truncated-utf8.txt", "", "1 bytes that are not UTF-8"},
		{"text/tcvn3.txt", "", "not UTF-8: read as 8-bit text"},
		{"text/empty.txt", KindEmpty, ""},
		{"text/blank.txt", KindEmpty, ""},
		{"text/nul-bytes.txt", KindNotText, ""},
		{"html/billion-laughs.html", KindBomb, ""},
		{"html/billion-laughs.xhtml", KindBomb, ""},
		{"html/cut-50.html", "", "ends before </html>"},
		{"html/meta-charset-lie.html", "", "declares charset windows-1258 but its bytes are UTF-8"},
		{"html/deep-divs.html", KindCorrupt, ""},
		{"docx/billion-laughs.docx", KindBomb, ""},
		{"docx/external-entity.docx", KindBomb, ""},
		{"docx/zip-bomb.docx", KindBomb, ""},
		{"docx/zip-bomb-spaces.docx", KindBomb, ""},
		{"docx/rels-loop.docx", "", "points outside the package (../../../../etc/passwd)"},
		{"docx/cut-50.docx", KindCorrupt, ""},
		{"docx/cut-xml.docx", KindCorrupt, ""},
		{"docx/crc.docx", KindCorrupt, ""},
		{"docx/encrypted.docx", KindEncrypted, ""},
		{"rtf/cut-50.rtf", "", "groups left open"},
		{"rtf/deep-groups.rtf", KindEmpty, ""},
		{"rtf/unclosed-groups.rtf", "", "nested deeper than 4096"},
		{"rtf/huge-control.rtf", "", "control word longer than 32 letters"},
		{"rtf/uc-absurd.rtf", "", `\uc2147483647 out of range`},
		{"rtf/bin-lie.rtf", "", "runs past the end of the file"},
		{"pdf/many-kids.pdf", "", "lists pages again 49999 times"},
		{"pdf/count-absurd.pdf", "", "claims 2147483647 pages and holds 1"},
		{"pdf/deep-content.pdf", "", "graphics states (q) nested deeper than 256"},
		{"pdf/cut-90.pdf", KindCorrupt, ""},
		{"pdf/kids-cycle.pdf", KindCorrupt, ""},
		{"pdf/deep-array.pdf", KindCorrupt, ""},
		{"pdf/encrypted.pdf", KindEncrypted, ""},
		{"named/pdf-as.docx", "", "the name says .docx but the content is pdf"},
		{"named/text-as.png", "", "the name says .png but the content is text"},
		{"image/huge.png", KindTooLarge, ""},
		{"image/not-png.png", KindCorrupt, ""},
	} {
		t.Run(tc.file, func(t *testing.T) {
			p := filepath.Join("..", "testdata", "faults", filepath.FromSlash(tc.file))
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			start := time.Now()
			res, err := Extract(ctx, p, data, Options{OCR: OCROff})
			if took := time.Since(start); took > 10*time.Second {
				t.Errorf("took %v", took)
			}
			if tc.kind != "" {
				if err == nil || KindOf(err) != tc.kind {
					t.Fatalf("error %v (kind %s), want kind %s", err, KindOf(err), tc.kind)
				}
				if !strings.Contains(err.Error(), p) {
					t.Errorf("the error does not name the file: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("error %v, want the text with a warning %q", err, tc.warn)
			}
			w := strings.Join(append(res.Warnings, TextWarnings(res.Text)...), "; ")
			if !strings.Contains(w, tc.warn) {
				t.Errorf("warnings %q, want %q", w, tc.warn)
			}
		})
	}
}

func TestTextWarnings(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string // substrings, one per warning, in order
	}{
		{"clean Vietnamese", "Kế hoạch số 12-KH/ĐU\n\tthực hiện\fTrang 2\r\n", nil},
		{"replacement", "Kế ho\uFFFDch \uFFFD", []string{"2 replacement characters"}},
		{"escape and C1", "a\x1b[31mb\u009bc\x00", []string{"3 control characters"}},
		{"bidi", "abc\u202edef\u2066", []string{"2 bidirectional overrides"}},
		{"long line", strings.Repeat("x", MaxLineRunes+1), []string{"a line of 100001 characters"}},
		{"long lines across pages", strings.Repeat("x", MaxLineRunes) + "\f" + strings.Repeat("y", MaxLineRunes), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := TextWarnings(tc.text)
			if len(got) != len(tc.want) {
				t.Fatalf("TextWarnings = %q, want %d warnings", got, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("warning %d = %q, want %q", i, got[i], w)
				}
			}
		})
	}
}

func TestNameWarning(t *testing.T) {
	for _, tc := range []struct {
		path, format string
		warn         bool
	}{
		{"a/plan.pdf", FormatPDF, false},
		{"a/plan.PDF", FormatPDF, false},
		{"a/plan.docx", FormatPDF, true},
		{"a/old.doc", FormatRTF, false}, // Word's "RTF saved as .doc"
		{"a/notes.txt", FormatMarkdown, false},
		{"a/page.html", FormatText, true},
		{"a/scan.jpg", FormatImage, false},
		{"a/scan.png", FormatText, true},
		{"a/upload", FormatPDF, false},       // no extension: no promise
		{"a/archive.bin", FormatText, false}, // unknown extension
	} {
		if got := nameWarning(tc.path, tc.format) != ""; got != tc.warn {
			t.Errorf("nameWarning(%q, %s) = %q, want a warning: %v", tc.path, tc.format, nameWarning(tc.path, tc.format), tc.warn)
		}
	}
}
