package extract

import (
	"context"
	"encoding/binary"
	"os/exec"
	"strings"
	"testing"
)

func TestOLEKinds(t *testing.T) {
	for name, want := range map[string]string{"encrypted.docx": "encrypted-ooxml", "workbook.xls": "xls"} {
		f, err := openOLE(officeFixture(t, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if k := f.kind(); k != want {
			t.Errorf("%s: kind %q, want %q", name, k, want)
		}
	}
	// Truncated and garbage compound files are corrupt, not panics.
	data := officeFixture(t, "workbook.xls")
	for _, bad := range [][]byte{data[:600], data[:100], append(append([]byte{}, data[:512]...), make([]byte, 1024)...)} {
		_, err := extractDOC(context.Background(), bad, Options{})
		if k := KindOf(err); k != KindCorrupt && k != KindUnsupported {
			t.Errorf("kind %q for a damaged OLE2: %v", k, err)
		}
	}
}

func TestDOCEncryptedFlag(t *testing.T) {
	doc := officeFixture(t, "vntime.doc")
	f, err := openOLE(doc)
	if err != nil {
		t.Fatal(err)
	}
	e := f.find("WordDocument")
	if e == nil || f.kind() != "doc" {
		t.Fatalf("no WordDocument stream in vntime.doc")
	}
	// Set FibBase.fEncrypted in a copy: the file must be reported
	// encrypted before any conversion is tried.
	enc := append([]byte{}, doc...)
	off, err := f.streamOffset(e)
	if err != nil {
		t.Fatal(err)
	}
	binary.LittleEndian.PutUint16(enc[off+10:], binary.LittleEndian.Uint16(enc[off+10:])|0x0100)
	if _, err := Extract(context.Background(), "enc.doc", enc, Options{}); KindOf(err) != KindEncrypted {
		t.Errorf("KindOf = %q, want encrypted (%v)", KindOf(err), err)
	}
}

func TestDOCViaLibreOffice(t *testing.T) {
	if _, err := sofficePath(); err != nil {
		t.Fatalf("%v: make deps installs libreoffice-writer-nogui", err)
	}
	res, err := Extract(context.Background(), "vntime.doc", officeFixture(t, "vntime.doc"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != FormatDOC || !strings.Contains(res.Text, "Céng hoµ x· héi") {
		t.Errorf("format %q text %q", res.Format, res.Text)
	}
	found := map[string]bool{}
	for _, f := range res.Fonts {
		found[f.Font] = true
	}
	if !found[".VnTime"] || !found[".VnTimeH"] {
		t.Errorf("fonts lost in conversion: %v", res.Fonts)
	}
	_ = exec.ErrNotFound
}
