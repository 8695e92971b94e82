package main

import (
	"context"
	"flag"
	"fmt"
	"sort"

	"vanban/corpus"
	"vanban/index"
)

func init() {
	register(&command{name: "verify", summary: "check stored checksums, the database and the search index", run: runVerify})
}

// runVerify checks fixity (every recorded path still has its checksum), the
// database (integrity_check, foreign_key_check, edges = aggregated mentions)
// and the search index against the database. Exit 1 when anything differs.
func runVerify(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("verify", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	store := storeFlag(fs, env)
	asJSON := fs.Bool("json", false, "print one JSON object per problem")
	noFiles := fs.Bool("no-files", false, "skip reading the files (database and index only)")
	if _, err := parseArgs(fs, args); err != nil {
		return exitUsage
	}
	st, err := openStore(*store)
	if err != nil {
		fmt.Fprintf(env.Stderr, "vanban verify: %v\n", err)
		return exitPartial
	}
	defer st.Close()
	var problems []corpus.Problem
	db, err := st.CheckDatabase(ctx)
	if err != nil {
		fmt.Fprintf(env.Stderr, "vanban verify: %v\n", err)
		return exitPartial
	}
	problems = append(problems, db...)
	nfiles := 0
	if !*noFiles {
		fp, n, err := st.CheckFiles(ctx)
		if err != nil {
			fmt.Fprintf(env.Stderr, "vanban verify: %v\n", err)
			return exitPartial
		}
		problems = append(problems, fp...)
		nfiles = n
	}
	ip, nindexed, err := checkIndex(ctx, st)
	if err != nil {
		fmt.Fprintf(env.Stderr, "vanban verify: %v\n", err)
		return exitPartial
	}
	problems = append(problems, ip...)
	if *asJSON {
		for _, p := range problems {
			writeJSONLine(env.Stdout, p)
		}
	} else {
		for _, p := range problems {
			where := p.Path + p.Key
			if where != "" {
				where += ": "
			}
			fmt.Fprintf(env.Stdout, "%s: %s%s\n", p.Check, where, p.Message)
		}
		stats, _ := st.Stats(ctx)
		fmt.Fprintf(env.Stdout, "verify: %s checked, %s in the database, %d in the index: %s\n",
			plural(nfiles, "file", "files"), plural(stats.Documents, "document", "documents"), nindexed,
			plural(len(problems), "problem", "problems"))
	}
	if len(problems) > 0 {
		return exitPartial
	}
	return exitOK
}

// checkIndex compares the ids in the search index with the documents of the
// database.
func checkIndex(ctx context.Context, st *corpus.Store) ([]corpus.Problem, int, error) {
	want, err := st.DocumentKeys(ctx)
	if err != nil {
		return nil, 0, err
	}
	ix, err := index.Open(index.Path(st.Dir()))
	if err != nil {
		return nil, 0, err
	}
	defer ix.Close()
	have, err := ix.IDs()
	if err != nil {
		return nil, 0, err
	}
	var out []corpus.Problem
	for k := range want {
		if !have[k] {
			out = append(out, corpus.Problem{Check: "index", Key: k, Message: "in the database, not in the search index (run 'vanban reindex')"})
		}
	}
	for k := range have {
		if !want[k] {
			out = append(out, corpus.Problem{Check: "index", Key: k, Message: "in the search index, not in the database (run 'vanban reindex')"})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, len(have), nil
}
