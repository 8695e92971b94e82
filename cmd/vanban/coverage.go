package main

import (
	"context"
	"flag"
	"fmt"
)

func init() {
	register(&command{name: "coverage", summary: "the bodies expected to implement DOC and the stored documents that do", run: runCoverage})
}

// runCoverage answers "who was told to act on DOC, and who has": each
// expected implementer with the documents it issued that implement DOC
// (directly or through another), their date and delay, and those with
// nothing yet.
func runCoverage(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("coverage", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	store := storeFlag(fs, env)
	asJSON := fs.Bool("json", false, "print the coverage as one JSON object")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: vanban coverage DOC [--json]")
		fs.PrintDefaults()
	}
	pos, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(pos) == 0 {
		fs.Usage()
		return exitUsage
	}
	ref, ok := refArg(env, "coverage", pos)
	if !ok {
		return exitUsage
	}
	a, err := openArchive(*store)
	if err != nil {
		return fail(env, "coverage", err)
	}
	defer a.Close()
	d, code := resolveDoc(ctx, a, env, "coverage", ref, *asJSON)
	if code != exitOK {
		return code
	}
	cv, err := a.Store().Coverage(ctx, d)
	if err != nil {
		return fail(env, "coverage", err)
	}
	if *asJSON {
		writeJSONLine(env.Stdout, cv)
		return exitOK
	}
	fmt.Fprintf(env.Stdout, "%s  [%s]\n", esc(d.Label()), esc(d.Key))
	for _, f := range cv.Summary {
		fmt.Fprintf(env.Stdout, "  %s\n", esc(f.Text))
	}
	var missing []string
	for _, im := range cv.Implementers {
		if len(im.Documents) == 0 {
			if im.Kind != "class" {
				missing = append(missing, im.Body)
			}
			continue
		}
		fmt.Fprintf(env.Stdout, "%s:\n", esc(im.Body))
		for _, c := range im.Documents {
			delay := ""
			if c.Delay != nil {
				delay = fmt.Sprintf("  +%d ngày", *c.Delay)
			}
			via := ""
			if c.Via != "" {
				via = "  (qua " + orKey(c.ViaLabel, c.Via) + ")"
			}
			fmt.Fprintf(env.Stdout, "  %s  %s%s  [%s]%s\n", esc(c.Date), esc(c.Doc.Label()), delay, esc(c.Doc.Key), esc(via))
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(env.Stdout, "chưa có văn bản (%d):\n", len(missing))
		for _, m := range missing {
			fmt.Fprintf(env.Stdout, "  %s\n", esc(m))
		}
	}
	for _, im := range cv.Implementers {
		if im.Kind == "class" {
			fmt.Fprintf(env.Stdout, "lớp không mở rộng được: %s\n", esc(im.Body))
		}
	}
	if len(cv.Unmatched) > 0 {
		fmt.Fprintf(env.Stdout, "văn bản thực hiện khác:\n")
		for _, c := range cv.Unmatched {
			fmt.Fprintf(env.Stdout, "  %s  %s  [%s]\n", esc(c.Date), esc(c.Doc.Label()), esc(c.Doc.Key))
		}
	}
	return exitOK
}

// orKey is a document's label, or its key when it has none.
func orKey(label, key string) string {
	if label != "" {
		return label
	}
	return key
}
