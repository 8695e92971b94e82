package web

import (
	"strings"
	"testing"

	"vanban/corpus"
	"vanban/rules"
)

// TestLinkText: every occurrence of a resolved reference is a link, the
// parser's first mention by its code point offsets, the text around it kept
// whole.
func TestLinkText(t *testing.T) {
	text := "Thực hiện Chỉ thị số 33/CT-TTg ngày 26/11/2021; tiếp tục 33/CT-TTg và 99/QĐ-TTg."
	start := len([]rune("Thực hiện "))
	end := start + len([]rune("Chỉ thị số 33/CT-TTg"))
	rec := rules.Document{Text: text, References: []rules.Reference{
		{Symbol: "33/CT-TTg", Start: start, End: end},
		{Symbol: "99/QĐ-TTg"}, // not resolved: stays text
	}}
	to := &corpus.DocInfo{Key: "33/CT-TTg:2021:vn", State: corpus.StateStub, Type: "Chỉ thị", Symbol: "33/CT-TTg", Year: 2021}
	segs := linkText(rec, []corpus.Link{{Symbol: "33/CT-TTg", Target: to}, {Symbol: "99/QĐ-TTg"}})
	var whole strings.Builder
	var linked []string
	for _, s := range segs {
		whole.WriteString(s.Text)
		if s.Link != "" {
			linked = append(linked, s.Text)
			if s.Link != "/van-ban/33%2FCT-TTg:2021:vn" {
				t.Errorf("link %q", s.Link)
			}
		}
	}
	if whole.String() != text {
		t.Errorf("segments do not rebuild the text:\n%q", whole.String())
	}
	if len(linked) != 2 || linked[0] != "Chỉ thị số 33/CT-TTg" || linked[1] != "33/CT-TTg" {
		t.Errorf("linked %q", linked)
	}
}

// FuzzLinkText: any offsets and symbols give segments that rebuild the text.
func FuzzLinkText(f *testing.F) {
	f.Add("Chỉ thị 33/CT-TTg và 33/CT-TTg", "33/CT-TTg", 0, 17)
	f.Add("", "x", 5, 2)
	f.Fuzz(func(t *testing.T, text, sym string, start, end int) {
		if start < 0 || end < 0 {
			return
		}
		rec := rules.Document{Text: text, References: []rules.Reference{{Symbol: rules.NString(sym), Start: start, End: end}}}
		to := &corpus.DocInfo{Key: "k"}
		var b strings.Builder
		for _, s := range linkText(rec, []corpus.Link{{Symbol: sym, Target: to}}) {
			b.WriteString(s.Text)
		}
		if b.String() != text {
			t.Errorf("segments of %q do not rebuild it: %q", text, b.String())
		}
	})
}

// FuzzUploadName: a saved name never leaves the uploads folder nor hides.
func FuzzUploadName(f *testing.F) {
	for _, s := range []string{"a.pdf", "../../etc/passwd", `..\..\x.doc`, ".hidden", "dir/sub/ke-hoach.docx", "..", "", "a\x00b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sent string) {
		name, err := uploadName(sent)
		if err != nil {
			return
		}
		if name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\\\x00") || strings.HasPrefix(name, ".") {
			t.Errorf("uploadName(%q) = %q", sent, name)
		}
	})
}

// FuzzSnippet: only <mark> survives as markup in a highlighted fragment.
func FuzzSnippet(f *testing.F) {
	for _, s := range []string{"a <mark>b</mark> c", "<script>alert(1)</script>", "&lt;b&gt;<mark>x</mark>", "<mark><mark>", "&amp;lt;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, frag string) {
		out := string(snippet(frag))
		rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(out)
		if strings.ContainsAny(rest, "<>") {
			t.Errorf("snippet(%q) = %q keeps markup", frag, out)
		}
	})
}
