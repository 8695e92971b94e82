package main

import (
	"fmt"
	"strings"

	"vanban/corpus"
)

// messages are the labels of the readable output: Vietnamese by default,
// English when $LANG (or $LC_ALL, $LC_MESSAGES) starts with "en". The JSON
// output is the contract and never translated.
type messages struct {
	en        bool
	citedBy   string // "được trích dẫn bởi"
	closest   string
	stub      string
	ambiguous string
	links     string
	relations map[string]string
}

// relationVI names the relations of the contract in Vietnamese.
var relationVI = map[string]string{
	"implements": "thực hiện", "basis": "căn cứ", "guides": "hướng dẫn", "amends": "sửa đổi, bổ sung",
	"replaces": "thay thế", "repeals": "bãi bỏ", "cites": "trích dẫn",
}

func message(env *Env) messages {
	lang := ""
	if env.Getenv != nil {
		for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
			if v := env.Getenv(k); v != "" {
				lang = v
				break
			}
		}
	}
	if strings.HasPrefix(strings.ToLower(lang), "en") {
		return messages{en: true, citedBy: "cited by", closest: "the closest stored symbols:", stub: "[stub]",
			ambiguous: "[ambiguous]", links: "links"}
	}
	return messages{citedBy: "được trích dẫn bởi", closest: "các số ký hiệu gần nhất trong kho:",
		stub: "[chưa có văn bản]", ambiguous: "[chưa xác định]", links: "liên kết", relations: relationVI}
}

// rel names a relation.
func (m messages) rel(r string) string {
	if v, ok := m.relations[r]; ok {
		return v
	}
	return r
}

// label is DocInfo.Label with the stub markers in the chosen language.
func (m messages) label(d corpus.DocInfo) string {
	l := esc(d.Label())
	if m.en {
		return l
	}
	l = strings.Replace(l, " [stub]", " "+m.stub, 1)
	return strings.Replace(l, " [ambiguous]", " "+m.ambiguous, 1)
}

// count is "cited by 3 documents" / "được trích dẫn bởi 3 văn bản".
func (m messages) citedByCount(n int) string {
	if m.en {
		return m.citedBy + " " + plural(n, "document", "documents")
	}
	return fmt.Sprintf("%s %d văn bản", m.citedBy, n)
}
