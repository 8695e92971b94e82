package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rawControls are what a hostile file name or text could send to a
// terminal: none may reach the readable output raw.
var rawControls = []string{"\x1b", "\u202e", "\u2066", "\x07", "\r"}

func assertNoRawControls(t *testing.T, what, s string) {
	t.Helper()
	for _, c := range rawControls {
		if strings.Contains(s, c) {
			t.Errorf("%s holds a raw %q:\n%q", what, c, s)
		}
	}
}

// TestHostileFileNamesEscaped: files named with an ANSI colour sequence, a
// terminal title sequence and a right-to-left override are ingested; the
// ingest report (a failure, a moved file), its JSON file, parse, show,
// forget --dry-run and verify print the names with visible escapes
// (\x1b, \u202e), never the raw bytes, and the stored path is still the
// real name (show by that path finds the document).
func TestHostileFileNamesEscaped(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(filepath.Join("..", "..", "testdata", "corpus", "chain", "2_ket_luan_tinh.txt"))
	if err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(in, "ket_luan.txt")
	if err := os.WriteFile(plain, good, 0o644); err != nil {
		t.Fatal(err)
	}
	evil := filepath.Join(in, "kl\x1b[31mred\u202etxt.exe.txt")
	evilEsc := `kl\x1b[31mred\u202etxt.exe.txt`
	empty := filepath.Join(in, "empty\x1b]0;pwned\x07\u2066.txt")
	emptyEsc := `empty\x1b]0;pwned\x07\u2066.txt`
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	store := filepath.Join(dir, "store")
	out, errs, code := vanban(t, "ingest", "--store", store, in)
	if code != exitPartial {
		t.Fatalf("first ingest: exit %d, want %d (the empty file fails)\n%s%s", code, exitPartial, out, errs)
	}
	if !strings.Contains(out, emptyEsc) {
		t.Errorf("first report does not name the empty file as %s:\n%s", emptyEsc, out)
	}
	assertNoRawControls(t, "first ingest report", out+errs)

	// The good file renamed to the hostile name: the report says moved.
	if err := os.Rename(plain, evil); err != nil {
		t.Fatal(err)
	}
	report := filepath.Join(dir, "report.json")
	out, errs, _ = vanban(t, "ingest", "--store", store, "--report", report, in)
	if !strings.Contains(out, "moved: "+filepath.Join(in, evilEsc)) {
		t.Errorf("second report does not show the move to %s:\n%s", evilEsc, out)
	}
	assertNoRawControls(t, "second ingest report", out+errs)
	js, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	assertNoRawControls(t, "the JSON report", string(js))
	if !strings.Contains(string(js), `\u001b[31mred\u202etxt`) {
		t.Errorf("the JSON report lacks the escaped name:\n%s", js)
	}

	for _, args := range [][]string{
		{"parse", evil},
		{"show", "--store", store, evil},
		{"forget", "--store", store, "--dry-run", evil},
	} {
		out, errs, code := vanban(t, args...)
		if code != exitOK || !strings.Contains(out, evilEsc) {
			t.Errorf("%s: exit %d, output lacks %s:\n%s%s", args[0], code, evilEsc, out, errs)
		}
		assertNoRawControls(t, args[0], out+errs)
	}
	// The JSON keeps the real name (decoded), escaped on the wire.
	out, _, _ = vanban(t, "show", "--store", store, "--json", evil)
	assertNoRawControls(t, "show --json", out)
	if !strings.Contains(out, `\u202e`) {
		t.Errorf("show --json lacks the escaped name:\n%s", out)
	}

	// The file gone: verify names it, escaped.
	if err := os.Remove(evil); err != nil {
		t.Fatal(err)
	}
	out, errs, code = vanban(t, "verify", "--store", store)
	if code != exitPartial || !strings.Contains(out, evilEsc) {
		t.Errorf("verify: exit %d, want %d naming %s:\n%s%s", code, exitPartial, evilEsc, out, errs)
	}
	assertNoRawControls(t, "verify", out+errs)
	// A missing file named on the command line: the error names it escaped.
	_, errs, _ = vanban(t, "parse", evil)
	if !strings.Contains(errs, evilEsc) {
		t.Errorf("parse of the missing file: stderr lacks %s:\n%s", evilEsc, errs)
	}
	assertNoRawControls(t, "parse of a missing file", errs)
}

// TestSearchOnTerminalHostileText: on a terminal, a document whose text
// holds escape sequences and a bidi override is found with the matches
// coloured by vanban's own marks only.
func TestSearchOnTerminalHostileText(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile(filepath.Join("..", "..", "testdata", "corpus", "chain", "2_ket_luan_tinh.txt"))
	if err != nil {
		t.Fatal(err)
	}
	hostile := append(good, []byte("\nphát huy dân vận khéo \x1b[31m\u202eĐỎ\x1b]0;pwned\x07 hết\n")...)
	if err := os.WriteFile(filepath.Join(dir, "kl.txt"), hostile, 0o644); err != nil {
		t.Fatal(err)
	}
	store := filepath.Join(dir, "store")
	if out, errs, code := vanban(t, "ingest", "-q", "--store", store, dir); code != exitOK {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	m, s := openPTY(t)
	defer m.Close()
	var out bytes.Buffer
	done := make(chan struct{})
	go func() {
		io.Copy(&out, m)
		close(done)
	}()
	var errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: s, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := Run(context.Background(), env, []string{"search", "--store", store, "dân vận khéo"})
	s.Close()
	<-done
	got := out.String()
	if code != exitOK || !strings.Contains(got, "512-KL/TU") {
		t.Fatalf("search: exit %d\n%q\n%s", code, got, errb.String())
	}
	if !strings.Contains(got, "\x1b[43m") {
		t.Errorf("no highlighting in %q", got)
	}
	// Only the marks' own sequences reach the terminal.
	rest := strings.NewReplacer("\x1b[43m", "", "\x1b[0m", "").Replace(got)
	assertNoRawControls(t, "search on a terminal", strings.ReplaceAll(rest, "\r", ""))
}
