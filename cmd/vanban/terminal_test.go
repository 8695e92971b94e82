//go:build linux

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal pair (Linux /dev/ptmx).
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("cannot open a pseudo-terminal: %v", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatalf("cannot unlock the pseudo-terminal: %v", err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatalf("cannot name the pseudo-terminal: %v", err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("cannot open the pseudo-terminal: %v", err)
	}
	return m, s
}

func chainStore(t *testing.T) string {
	t.Helper()
	store := filepath.Join(t.TempDir(), "store")
	if out, errs, code := vanban(t, "ingest", "-q", "--store", store, filepath.Join("..", "..", "testdata", "corpus", "chain")); code != exitOK {
		t.Fatalf("ingest: %d %s%s", code, out, errs)
	}
	return store
}

// TestSearchOnTerminal: search prints to a real terminal (it failed with
// "no highlighter with name or type 'ansi' registered", working only piped).
func TestSearchOnTerminal(t *testing.T) {
	store := chainStore(t)
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
	if code != exitOK || !strings.Contains(out.String(), "15-KH/ĐU") {
		t.Fatalf("search on a terminal: exit %d\nstdout: %q\nstderr: %s", code, out.String(), errb.String())
	}
	if !strings.Contains(out.String(), "\x1b[") {
		t.Errorf("no terminal highlighting in %q", out.String())
	}
}

// TestUnknownFilterValues: a filter value nothing can match is an error
// that lists the accepted values, not "0 documents".
func TestUnknownFilterValues(t *testing.T) {
	store := chainStore(t)
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"cites", "--store", store, "47-CT/TW", "--type", "Ke hoachh"}, []string{"unknown type", "Kế hoạch", "Chỉ thị"}},
		{[]string{"cites", "--store", store, "47-CT/TW", "--relation", "implement"}, []string{"unknown relation", "implements", "basis"}},
		{[]string{"cites", "--store", store, "47-CT/TW", "--province", "Lai Chau x"}, []string{"unknown province", "Lai Châu"}},
		{[]string{"search", "--store", store, "dan van", "--type", "Bogus"}, []string{"unknown type", "Kế hoạch"}},
		{[]string{"search", "--store", store, "dan van", "--province", "Atlantis"}, []string{"unknown province", "Lâm Đồng"}},
	}
	for _, c := range cases {
		out, errs, code := vanban(t, c.args...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want %d\n%s%s", c.args, code, exitUsage, out, errs)
		}
		for _, w := range c.want {
			if !strings.Contains(errs, w) {
				t.Errorf("%v: stderr lacks %q: %s", c.args, w, errs)
			}
		}
	}
	// Accepted values in any spelling still work.
	for _, args := range [][]string{
		{"cites", "--store", store, "47-CT/TW", "--type", "ket luan"},
		{"cites", "--store", store, "47-CT/TW", "--province", "lai chau"},
		{"cites", "--store", store, "47-CT/TW", "--relation", "implements"},
	} {
		if out, errs, code := vanban(t, args...); code != exitOK || !strings.Contains(out, "512-KL/TU") {
			t.Errorf("%v: exit %d\n%s%s", args, code, out, errs)
		}
	}
}

// TestLabelsLanguage: Vietnamese labels by default, English with LANG=en;
// the JSON is the same in both.
func TestLabelsLanguage(t *testing.T) {
	store := chainStore(t)
	run := func(lang string, args ...string) string {
		var out, errb bytes.Buffer
		env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string {
			if k == "LANG" {
				return lang
			}
			return ""
		}}
		if code := Run(context.Background(), env, args); code != exitOK {
			t.Fatalf("%v: exit %d %s", args, code, errb.String())
		}
		return out.String()
	}
	vi := run("vi_VN.UTF-8", "cites", "--store", store, "Kết luận 512-KL/TU")
	en := run("en_US.UTF-8", "cites", "--store", store, "Kết luận 512-KL/TU")
	for _, w := range []string{"được trích dẫn bởi 2 văn bản", "thực hiện  ×3"} {
		if !strings.Contains(vi, w) {
			t.Errorf("Vietnamese output lacks %q:\n%s", w, vi)
		}
	}
	for _, w := range []string{"cited by 2 documents", "implements ×3"} {
		if !strings.Contains(en, w) {
			t.Errorf("English output lacks %q:\n%s", w, en)
		}
	}
	if def := run("", "show", "--store", store, "47-CT/TW"); !strings.Contains(def, "được trích dẫn bởi") {
		t.Errorf("default labels are not Vietnamese:\n%s", def)
	}
	stub := run("", "trace", "--store", store, "15-KH/ĐU", "--up")
	if strings.Contains(stub, "[stub]") {
		t.Errorf("a stub is labelled in English by default:\n%s", stub)
	}
	if a, b := run("", "cites", "--store", store, "--json", "512-KL/TU"), run("en", "cites", "--store", store, "--json", "512-KL/TU"); a != b {
		t.Errorf("JSON differs by language:\n%s\n%s", a, b)
	}
}

// TestRefCandidatesAndClosest: an ambiguous REF lists its candidates, the
// exact symbol and documents first; a REF matching none names the closest
// stored symbols.
func TestRefCandidatesAndClosest(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte(citingA), 0o644)
	os.WriteFile(filepath.Join(dir, "b.txt"), []byte(citingB), 0o644)
	store := filepath.Join(dir, "store")
	vanban(t, "ingest", "-q", "--store", store, dir)
	out, errs, code := vanban(t, "show", "--store", store, "25-NQ/TW")
	if code != exitUsage {
		t.Fatalf("ambiguous: exit %d %s%s", code, out, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "25-NQ/TW:2013:vn") || !strings.Contains(lines[1], "25-NQ/TW:2008:vn") {
		t.Errorf("candidates not ranked most recent first:\n%s", out)
	}
	out, errs, code = vanban(t, "show", "--store", store, "Kế hoạch 23-KH/TU")
	if code != exitPartial || !strings.Contains(errs, "21-KH/TU") || !strings.Contains(errs, "22-KH/TU") {
		t.Errorf("no match: exit %d, want the closest symbols\n%s%s", code, out, errs)
	}
}
