package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"vanban/corpus"
)

func init() {
	register(&command{name: "trace", summary: "the chain of documents DOC implements (--up) or that implement it (--down)", run: runTrace})
}

// runTrace walks the implementation graph. "Implements" for trace means the
// relations implements and basis (corpus.TraceRelations): what a document
// carries out and what it is based on — its parents in the gold.
func runTrace(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("trace", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	store := storeFlag(fs, env)
	up := fs.Bool("up", false, "walk to what DOC implements, up to the roots (the default)")
	down := fs.Bool("down", false, "walk to what implements DOC")
	depth := intFlag(fs, "depth", 0, 0, 1000, "at most this many levels (0: all)")
	asJSON := fs.Bool("json", false, "print one JSON object per node")
	format := fs.String("format", "tree", "output: tree, dot or mermaid")
	place := fs.String("place", "", "DOC is the document of this place (a province, district or commune) when it names several")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: vanban trace DOC [--up|--down] [--place P] [--depth N] [--json|--format dot|mermaid]")
		fs.PrintDefaults()
	}
	pos, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) == 0 || (*up && *down) || *depth < 0 {
		fs.Usage()
		return exitUsage
	}
	ref, ok := refArg(env, "trace", pos)
	if !ok {
		return exitUsage
	}
	if *format != "tree" && *format != "dot" && *format != "mermaid" {
		fmt.Fprintf(env.Stderr, "vanban trace: --format must be tree, dot or mermaid, not %q\n", *format)
		return exitUsage
	}
	if _, err := corpus.ParsePlace(*place); err != nil {
		fmt.Fprintf(env.Stderr, "vanban trace: --place: %v\n", err)
		return exitUsage
	}
	a, err := openArchive(*store)
	if err != nil {
		return fail(env, "trace", err)
	}
	defer a.Close()
	root, code := resolveDocIn(ctx, a, env, "trace", ref, *place, *asJSON)
	if code != exitOK {
		return code
	}
	goUp := !*down
	msg := message(env)
	nodes, err := a.Trace(ctx, root, goUp, *depth)
	if err != nil {
		return fail(env, "trace", err)
	}
	switch {
	case *asJSON:
		for _, n := range nodes {
			writeJSONLine(env.Stdout, n)
		}
	case *format == "dot":
		writeTraceDot(env.Stdout, nodes, goUp)
	case *format == "mermaid":
		writeTraceMermaid(env.Stdout, nodes, goUp)
	default:
		for _, n := range nodes {
			indent := strings.Repeat("  ", n.Depth)
			rel := ""
			if n.Depth > 0 {
				if goUp {
					rel = msg.rel(n.Relation) + " → "
				} else {
					rel = "← " + msg.rel(n.Relation) + " — "
				}
			}
			more := ""
			if n.ClaimedBy != "" {
				more = " (claimed by " + esc(n.ClaimedBy) + ")"
			}
			if n.Repeat {
				more += " (see above)"
			}
			fmt.Fprintf(env.Stdout, "%s%s%s  [%s]%s\n", indent, rel, msg.label(n.Doc), esc(n.Doc.Key), more)
		}
	}
	return exitOK
}

// edgeEnds orders a trace edge as citing → cited.
func edgeEnds(n corpus.TraceNode, up bool) (from, to string) {
	if up {
		return n.Parent, n.Doc.Key
	}
	return n.Doc.Key, n.Parent
}

func writeTraceDot(w io.Writer, nodes []corpus.TraceNode, up bool) {
	fmt.Fprintln(w, "digraph trace {\n  rankdir=BT;\n  node [shape=box];")
	for _, n := range nodes {
		if n.Repeat {
			continue
		}
		style := ""
		if n.Doc.State != corpus.StateDocument {
			style = ", style=dashed"
		}
		fmt.Fprintf(w, "  %q [label=%q%s];\n", n.Doc.Key, n.Doc.Label(), style)
	}
	for _, n := range nodes {
		if n.Depth == 0 {
			continue
		}
		from, to := edgeEnds(n, up)
		fmt.Fprintf(w, "  %q -> %q [label=%q];\n", from, to, n.Relation)
	}
	fmt.Fprintln(w, "}")
}

func writeTraceMermaid(w io.Writer, nodes []corpus.TraceNode, up bool) {
	ids := map[string]string{}
	id := func(key string) string {
		if v, ok := ids[key]; ok {
			return v
		}
		v := fmt.Sprintf("n%d", len(ids))
		ids[key] = v
		return v
	}
	fmt.Fprintln(w, "flowchart BT")
	for _, n := range nodes {
		if n.Repeat {
			continue
		}
		label := strings.ReplaceAll(esc(n.Doc.Label()), `"`, "'")
		fmt.Fprintf(w, "  %s[\"%s\"]\n", id(n.Doc.Key), label)
	}
	for _, n := range nodes {
		if n.Depth == 0 {
			continue
		}
		from, to := edgeEnds(n, up)
		fmt.Fprintf(w, "  %s -->|%s| %s\n", id(from), n.Relation, id(to))
	}
}
