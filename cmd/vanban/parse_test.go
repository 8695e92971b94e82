package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"vanban/rules"
)

// TestParseBinary runs the built binary over good and bad files: one JSON
// record per file in input order, error records naming the file and the
// kind, the batch going on, exit status 1.
func TestParseBinary(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	binary := filepath.Join(dir, "photo.bin")
	big := filepath.Join(dir, "big.txt")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(binary, append([]byte{0, 1, 2, 3, 0, 0, 0, 9}, make([]byte, 4000)...), 0o644)
	f, _ := os.Create(big)
	f.Truncate(maxFileBytes + 1) // sparse: enormous without using the disk
	f.Close()
	good := filepath.Join("..", "..", "testdata", "parse", "commune-plan.txt")
	files := []string{empty, good, filepath.Join(dir, "missing.txt"), binary, big, filepath.Join("..", "..", "testdata", "parse", "state-decision.md")}
	out, stderr, code := runBinary(t, append([]string{"parse", "--json"}, files...)...)
	if code != exitPartial {
		t.Fatalf("exit %d, want %d; stderr %s", code, exitPartial, stderr)
	}
	var recs []rules.Document
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var d rules.Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("bad JSON line %q: %v", sc.Text(), err)
		}
		recs = append(recs, d)
	}
	if len(recs) != len(files) {
		t.Fatalf("%d records for %d files", len(recs), len(files))
	}
	wantKinds := []string{"empty", "", "io", "not_text", "too_large", ""}
	for i, d := range recs {
		if d.Source.Path != files[i] {
			t.Errorf("record %d is for %s, want %s (input order)", i, d.Source.Path, files[i])
		}
		kind := ""
		if d.Error != nil {
			kind = d.Error.Kind
			if !strings.Contains(d.Error.Message, filepath.Base(files[i])) {
				t.Errorf("error %q does not name the file", d.Error.Message)
			}
		}
		if kind != wantKinds[i] {
			t.Errorf("%s: error kind %q, want %q", files[i], kind, wantKinds[i])
		}
	}
	if recs[1].Symbol != "45-KH/ĐU" || len(recs[1].References) == 0 || recs[1].Source.SHA256 == "" {
		t.Errorf("good file record: %+v", recs[1])
	}
	if recs[5].Symbol != "27/2024/QĐ-UBND" || recs[5].Source.Format != "markdown" {
		t.Errorf("markdown record: symbol %q format %q", recs[5].Symbol, recs[5].Source.Format)
	}
	if !strings.Contains(stderr, "missing.txt") {
		t.Errorf("stderr does not name the missing file: %s", stderr)
	}
}

func TestParseReadable(t *testing.T) {
	out, _, code := vanban(t, "parse", filepath.Join("..", "..", "testdata", "parse", "commune-plan.txt"))
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"45-KH/ĐU", "implements", "112-KH/HU", "outline:", "I. MỤC ĐÍCH, YÊU CẦU", "T/M ĐẢNG ỦY"} {
		if !strings.Contains(out, want) {
			t.Errorf("readable output lacks %q:\n%s", want, out)
		}
	}
}

func TestParseUsage(t *testing.T) {
	for _, args := range [][]string{{"parse"}, {"parse", "--ocr=maybe", "x"}, {"nosuchcommand"}, {}} {
		if _, _, code := vanban(t, args...); code != exitUsage {
			t.Errorf("vanban %v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

func TestParseText(t *testing.T) {
	out, _, code := vanban(t, "parse", "--json", "--text", filepath.Join("..", "..", "testdata", "parse", "news-article.txt"))
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var d rules.Document
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text, "Chỉ thị 35") || strings.Contains(d.Text, "bình luận") {
		t.Errorf("text = %q", d.Text)
	}
	rs := []rune(d.Text)
	for _, r := range d.References {
		if string(rs[r.Start:r.End]) != r.Text {
			t.Errorf("offsets of %s do not cut %q", r.Symbol, r.Text)
		}
	}
}
