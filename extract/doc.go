package extract

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

func init() { Register(FormatDOC, extractDOC) }

// docConvertTimeout bounds one LibreOffice conversion when the caller's
// context has no earlier deadline.
const docConvertTimeout = 3 * time.Minute

// extractDOC reads OLE2 files. Word 97–2003 documents are converted to DOCX
// by LibreOffice (soffice --headless --convert-to docx, Debian
// libreoffice-writer-nogui) and read by the DOCX reader, which keeps the font
// of every run, so .VnTime/VNI runs get their FontSpans; docs/extract-office.md
// gives the measurements behind the choice. Password-protected files (Word's
// own encryption, or an OOXML file wrapped in an OLE2 EncryptedPackage) are
// KindEncrypted; Excel and PowerPoint files are KindUnsupported.
func extractDOC(ctx context.Context, data []byte, opt Options) (*Result, error) {
	f, err := openOLE(data)
	if err != nil {
		return nil, err
	}
	switch k := f.kind(); k {
	case "encrypted-ooxml":
		return nil, Errorf(KindEncrypted, "ole2", "a password-protected Office document (EncryptedPackage)")
	case "xls":
		return nil, Errorf(KindUnsupported, "ole2", "an Excel 97–2003 workbook (.xls): spreadsheets are not read")
	case "ppt":
		return nil, Errorf(KindUnsupported, "ole2", "a PowerPoint 97–2003 presentation (.ppt): presentations are not read")
	case "doc":
	default:
		return nil, Errorf(KindUnsupported, "ole2", "an OLE2 compound file that is not a Word document (kind %q)", k)
	}
	if fib, err := f.streamHead(f.find("WordDocument"), 32); err == nil && len(fib) >= 12 {
		// [MS-DOC] 2.5.2 FibBase: wIdent 0xA5EC; flags bit 8 fEncrypted.
		if binary.LittleEndian.Uint16(fib) == 0xA5EC && binary.LittleEndian.Uint16(fib[10:])&0x0100 != 0 {
			return nil, Errorf(KindEncrypted, "doc", "a password-protected Word document")
		}
	}
	docx, err := convertWithSoffice(ctx, data, "doc")
	if err != nil && KindOf(err) == KindCorrupt && ctx.Err() == nil {
		// LibreOffice now and then exits without output under load; a
		// second try tells a damaged file from a hiccup.
		docx, err = convertWithSoffice(ctx, data, "doc")
	}
	if err != nil {
		return nil, err
	}
	r, err := extractDOCX(ctx, docx, opt)
	if err != nil {
		return nil, fmt.Errorf("reading LibreOffice's DOCX of a .doc: %w", err)
	}
	r.Format = FormatDOC
	r.Extractor = "libreoffice --convert-to docx + vanban/docx"
	r.Encoding = "utf-8"
	return r, nil
}

// sofficePath finds LibreOffice.
func sofficePath() (string, error) {
	for _, n := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", errors.New("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
}

// convertWithSoffice converts a document to DOCX in a private temporary
// folder with a private LibreOffice profile (so conversions can run side by
// side), killing the whole process group when the context ends.
func convertWithSoffice(ctx context.Context, data []byte, ext string) ([]byte, error) {
	bin, err := sofficePath()
	if err != nil {
		return nil, &Error{Op: "doc", Kind: KindUnsupported, Err: err}
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, docConvertTimeout)
		defer cancel()
	}
	dir, err := os.MkdirTemp("", "vanban-soffice-")
	if err != nil {
		return nil, &Error{Op: "doc", Kind: KindIO, Err: err}
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in."+ext)
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, &Error{Op: "doc", Kind: KindIO, Err: err}
	}
	out := filepath.Join(dir, "out")
	cmd := exec.CommandContext(ctx, bin, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--headless", "--norestore", "--nologo", "--nolockcheck", "--nodefault",
		"--convert-to", "docx:MS Word 2007 XML", "--outdir", out, in)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	msg, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return nil, &Error{Op: "doc soffice", Kind: KindTimeout, Err: ctx.Err()}
	}
	b, rerr := os.ReadFile(filepath.Join(out, "in.docx"))
	if rerr != nil {
		detail := strings.TrimSpace(string(msg))
		if err != nil {
			detail = err.Error() + ": " + detail
		}
		return nil, &Error{Op: "doc soffice", Kind: KindCorrupt,
			Err: fmt.Errorf("LibreOffice could not convert the file (damaged?): %s", detail)}
	}
	return b, nil
}
