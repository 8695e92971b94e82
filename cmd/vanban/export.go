package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"vanban/corpus"
)

func init() {
	register(&command{name: "export", summary: "the whole graph as json, csv, graphml or dot", run: runExport})
}

func runExport(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	store := storeFlag(fs, env)
	format := fs.String("format", "json", "json (JSON Lines: nodes, then edges), csv (one row per edge), graphml or dot")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: vanban export [--format json|csv|graphml|dot]")
		fs.PrintDefaults()
	}
	if err := parseNoArgs(fs, args); err != nil {
		return exitUsage
	}
	var write func(context.Context, io.Writer, *corpus.Store) error
	switch *format {
	case "json":
		write = exportJSON
	case "csv":
		write = exportCSV
	case "graphml":
		write = exportGraphML
	case "dot":
		write = exportDot
	default:
		fmt.Fprintf(env.Stderr, "vanban export: --format must be json, csv, graphml or dot, not %q\n", *format)
		return exitUsage
	}
	st, err := openStore(*store)
	if err != nil {
		return fail(env, "export", err)
	}
	defer st.Close()
	w := bufio.NewWriter(env.Stdout)
	if err := write(ctx, w, st); err != nil {
		w.Flush()
		return fail(env, "export", err)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(env.Stderr, "vanban export: cannot write: %v\n", err)
		return exitPartial
	}
	return exitOK
}

func exportJSON(ctx context.Context, w io.Writer, st *corpus.Store) error {
	if err := st.EachDocument(ctx, func(d corpus.DocInfo) error {
		writeJSONLine(w, map[string]any{"node": d})
		return nil
	}); err != nil {
		return err
	}
	return st.EachEdge(ctx, func(e corpus.Edge) error {
		writeJSONLine(w, map[string]any{"edge": e})
		return nil
	})
}

// exportCSV writes one row per edge with both ends described, the form a
// spreadsheet or a graph tool imports.
func exportCSV(ctx context.Context, w io.Writer, st *corpus.Store) error {
	nodes := map[string]corpus.DocInfo{}
	if err := st.EachDocument(ctx, func(d corpus.DocInfo) error { nodes[d.Key] = d; return nil }); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"src", "src_type", "src_symbol", "src_date", "src_province", "relation", "count",
		"dst", "dst_type", "dst_symbol", "dst_year", "dst_state"})
	err := st.EachEdge(ctx, func(e corpus.Edge) error {
		a, b := nodes[e.Src], nodes[e.Dst]
		y := ""
		if b.Year > 0 {
			y = strconv.Itoa(b.Year)
		}
		return cw.Write([]string{a.Key, a.Type, a.Symbol, a.Date, a.Province, e.Relation, strconv.Itoa(e.Count),
			b.Key, b.Type, b.Symbol, y, b.State})
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func exportGraphML(ctx context.Context, w io.Writer, st *corpus.Store) error {
	fmt.Fprintln(w, `<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="type" for="node" attr.name="type" attr.type="string"/>
  <key id="symbol" for="node" attr.name="symbol" attr.type="string"/>
  <key id="year" for="node" attr.name="year" attr.type="int"/>
  <key id="jurisdiction" for="node" attr.name="jurisdiction" attr.type="string"/>
  <key id="state" for="node" attr.name="state" attr.type="string"/>
  <key id="subject" for="node" attr.name="subject" attr.type="string"/>
  <key id="relation" for="edge" attr.name="relation" attr.type="string"/>
  <key id="count" for="edge" attr.name="count" attr.type="int"/>
  <graph id="vanban" edgedefault="directed">`)
	if err := st.EachDocument(ctx, func(d corpus.DocInfo) error {
		fmt.Fprintf(w, `    <node id="%s"><data key="type">%s</data><data key="symbol">%s</data><data key="year">%d</data>`+
			`<data key="jurisdiction">%s</data><data key="state">%s</data><data key="subject">%s</data></node>`+"\n",
			xmlEscape(d.Key), xmlEscape(d.Type), xmlEscape(d.Symbol), d.Year, xmlEscape(d.Juris), d.State, xmlEscape(d.Subject))
		return nil
	}); err != nil {
		return err
	}
	if err := st.EachEdge(ctx, func(e corpus.Edge) error {
		fmt.Fprintf(w, `    <edge source="%s" target="%s"><data key="relation">%s</data><data key="count">%d</data></edge>`+"\n",
			xmlEscape(e.Src), xmlEscape(e.Dst), e.Relation, e.Count)
		return nil
	}); err != nil {
		return err
	}
	fmt.Fprintln(w, "  </graph>\n</graphml>")
	return nil
}

func exportDot(ctx context.Context, w io.Writer, st *corpus.Store) error {
	fmt.Fprintln(w, "digraph vanban {\n  rankdir=BT;\n  node [shape=box];")
	if err := st.EachDocument(ctx, func(d corpus.DocInfo) error {
		style := ""
		if d.State != corpus.StateDocument {
			style = ", style=dashed"
		}
		fmt.Fprintf(w, "  %q [label=%q%s];\n", d.Key, d.Label(), style)
		return nil
	}); err != nil {
		return err
	}
	if err := st.EachEdge(ctx, func(e corpus.Edge) error {
		fmt.Fprintf(w, "  %q -> %q [label=%q];\n", e.Src, e.Dst, fmt.Sprintf("%s ×%d", e.Relation, e.Count))
		return nil
	}); err != nil {
		return err
	}
	fmt.Fprintln(w, "}")
	return nil
}
