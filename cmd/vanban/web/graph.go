package web

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os/exec"
	"strings"
	"time"

	"vanban/corpus"
)

// graph is the sơ đồ of a document: the trace up or down drawn by
// Graphviz's dot, run on the server (nothing is fetched by the browser).
type graph struct {
	root  corpus.DocInfo
	up    bool
	nodes []gnode
	edges []gedge
}

type gnode struct {
	doc  corpus.DocInfo
	root bool
}

type gedge struct {
	from, to, relation string
	claimedBy          string
	plain              bool // a plain citation (not a step of implementation)
}

// relationVI names the relations of the contract in Vietnamese.
var relationVI = map[string]string{
	"implements": "thực hiện", "basis": "căn cứ", "guides": "hướng dẫn", "amends": "sửa đổi, bổ sung",
	"replaces": "thay thế", "repeals": "bãi bỏ", "cites": "trích dẫn",
}

func relVI(r string) string {
	if v, ok := relationVI[r]; ok {
		return v
	}
	return r
}

// graph builds the sơ đồ of d; with cites, the plain citations of the root
// (what it cites going up, what cites it going down) are drawn too.
func (s *Server) graph(ctx context.Context, d corpus.DocInfo, up bool, depth int, cites bool) (graph, error) {
	g := graph{root: d, up: up}
	nodes, err := s.a.Trace(ctx, d, up, depth)
	if err != nil {
		return g, err
	}
	seen := map[string]bool{}
	add := func(doc corpus.DocInfo) {
		if !seen[doc.Key] {
			seen[doc.Key] = true
			g.nodes = append(g.nodes, gnode{doc: doc, root: doc.Key == d.Key})
		}
	}
	for _, n := range nodes {
		add(n.Doc)
		if n.Depth == 0 {
			continue
		}
		e := gedge{relation: n.Relation, claimedBy: n.ClaimedBy}
		if up {
			e.from, e.to = n.Parent, n.Doc.Key
		} else {
			e.from, e.to = n.Doc.Key, n.Parent
		}
		g.edges = append(g.edges, e)
	}
	if cites {
		have := map[string]bool{}
		for _, e := range g.edges {
			have[e.from+"\x00"+e.to] = true
		}
		if up {
			links, err := s.a.Store().Links(ctx, d)
			if err != nil {
				return g, err
			}
			for _, l := range links {
				if l.Target == nil || have[d.Key+"\x00"+l.Target.Key] {
					continue
				}
				have[d.Key+"\x00"+l.Target.Key] = true
				add(*l.Target)
				g.edges = append(g.edges, gedge{from: d.Key, to: l.Target.Key, relation: l.Relation, plain: true})
			}
		} else {
			cs, err := s.a.Store().Cites(ctx, []corpus.DocInfo{d}, corpus.Filter{})
			if err != nil {
				return g, err
			}
			for _, c := range cs {
				if have[c.Citing.Key+"\x00"+d.Key] {
					continue
				}
				have[c.Citing.Key+"\x00"+d.Key] = true
				add(c.Citing)
				g.edges = append(g.edges, gedge{from: c.Citing.Key, to: d.Key, relation: c.Relation, plain: true})
			}
		}
	}
	return g, nil
}

// dotString quotes s for a DOT string: Graphviz reads backslash escapes
// (\n, \l, \N) in labels, so a backslash of a document's text is dropped.
func dotString(s string) string {
	s = strings.ReplaceAll(s, `\`, "/")
	s = strings.ReplaceAll(s, `"`, `\"`)
	s = strings.ReplaceAll(s, "\n", " ")
	return `"` + s + `"`
}

// dateVN writes an ISO date as dd/mm/yyyy (a year or year-month as given).
func dateVN(iso string) string {
	if t, err := time.Parse("2006-01-02", iso); err == nil {
		return t.Format("02/01/2006")
	}
	if t, err := time.Parse("2006-01", iso); err == nil {
		return t.Format("01/2006")
	}
	return iso
}

func nodeLines(d corpus.DocInfo) []string {
	var lines []string
	head := strings.TrimSpace(d.Type + " " + d.Symbol)
	if head == "" {
		head = d.Key
	}
	lines = append(lines, head)
	switch {
	case d.Date != "":
		lines = append(lines, dateVN(d.Date))
	case d.Year > 0:
		lines = append(lines, fmt.Sprintf("năm %d", d.Year))
	}
	if d.Issuer != "" {
		iss := []rune(d.Issuer)
		if len(iss) > 40 {
			iss = append(iss[:40], '…')
		}
		lines = append(lines, string(iss))
	} else if d.Province != "" {
		lines = append(lines, d.Province)
	}
	switch d.State {
	case corpus.StateStub:
		lines = append(lines, "[chưa có văn bản]")
	case corpus.StateAmbiguous:
		lines = append(lines, "[chưa xác định: nhiều văn bản]")
	}
	return lines
}

// graphURL is the sơ đồ page of a document.
func graphURL(key string, up bool) string {
	dir := "up"
	if !up {
		dir = "down"
	}
	return "/so-do/" + pathEscape(key) + "?dir=" + dir
}

// pathEscape escapes a key for a path: its "/" stays a separator only
// inside the {id...} wildcard, so it is escaped like the rest.
func pathEscape(key string) string { return url.PathEscape(key) }

func (g graph) dot() string {
	var b strings.Builder
	b.WriteString("digraph soDo {\n  rankdir=BT;\n  bgcolor=\"white\";\n")
	b.WriteString("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f4f7fb\", color=\"#36598c\", fontname=\"DejaVu Sans\", fontsize=11];\n")
	b.WriteString("  edge [fontname=\"DejaVu Sans\", fontsize=10, color=\"#555555\"];\n")
	ids := map[string]string{}
	for i, n := range g.nodes {
		id := fmt.Sprintf("n%d", i)
		ids[n.doc.Key] = id
		// Label lines are joined by DOT's own "\n" escape after quoting.
		label := strings.ReplaceAll(dotString(strings.Join(nodeLines(n.doc), "\x01")), "\x01", `\n`)
		attrs := []string{"label=" + label,
			"URL=" + dotString(graphURL(n.doc.Key, g.up)), "target=\"_top\"",
			"tooltip=" + dotString(n.doc.Label()), "id=" + dotString("node-"+n.doc.Key)}
		switch {
		case n.root:
			attrs = append(attrs, `penwidth=2.5`, `fillcolor="#fff4cc"`)
		case n.doc.State == corpus.StateStub:
			attrs = append(attrs, `style="rounded,dashed"`, `fillcolor="white"`)
		case n.doc.State == corpus.StateAmbiguous:
			attrs = append(attrs, `style="rounded,dashed,filled"`, `fillcolor="#fde2e2"`, `color="#b03030"`)
		}
		fmt.Fprintf(&b, "  %s [%s];\n", id, strings.Join(attrs, ", "))
	}
	for _, e := range g.edges {
		label := relVI(e.relation)
		attrs := []string{"label=" + dotString(label)}
		if e.claimedBy != "" {
			attrs = append(attrs, `style=dotted`, "tooltip="+dotString("theo "+e.claimedBy))
		}
		if e.plain {
			attrs = append(attrs, `style=dashed`, `color="#999999"`)
		}
		fmt.Fprintf(&b, "  %s -> %s [%s];\n", ids[e.from], ids[e.to], strings.Join(attrs, ", "))
	}
	b.WriteString("}\n")
	return b.String()
}

// renderDot runs Graphviz's dot on src; format is svg or png.
func renderDot(ctx context.Context, src, format string) ([]byte, error) {
	path, err := exec.LookPath("dot")
	if err != nil {
		return nil, fmt.Errorf("Graphviz (dot) is not installed on the server: apt-get install graphviz")
	}
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "-T"+format)
	cmd.Stdin = strings.NewReader(src)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("dot failed: %v: %s", err, strings.TrimSpace(errb.String()))
	}
	return out.Bytes(), nil
}
