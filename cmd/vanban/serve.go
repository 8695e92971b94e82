package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"runtime"
	"time"

	"vanban/cmd/vanban/web"
	"vanban/corpus"
	"vanban/extract"
	"vanban/index"
)

func init() {
	register(&command{name: "serve", summary: "the web interface and HTTP API (holds the store; other commands ask it)", run: runServe})
}

// runServe holds the store (database, search index, consume folder, ingest
// queue) and answers HTTP on --addr and the other vanban commands on the
// store's Unix socket, until interrupted.
func runServe(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	store := storeFlag(fs, env)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (loopback by default)")
	watchDir := fs.String("watch", "", "a consume folder: files put there are ingested once they stop changing")
	settle := durationFlag(fs, "settle", 5*time.Second, 0, maxDeadline, "with --watch: how long a file must stay unchanged")
	poll := durationFlag(fs, "poll", time.Second, 10*time.Millisecond, maxDeadline, "with --watch: how often the folder is scanned")
	defToken := ""
	if env.Getenv != nil {
		defToken = env.Getenv("VANBAN_TOKEN")
	}
	token := fs.String("token", defToken, "allow uploads, ingest and corrections to requests with this token (default $VANBAN_TOKEN); read-only without")
	maxUpload := int64Flag(fs, "max-upload", web.DefaultMaxUpload, 1, maxBytesFlag, "largest upload request, in bytes")
	maxBytes := maxBytesFlagVar(fs, extract.DefaultMaxBytes)
	timeout := timeoutFlag(fs)
	jobs := jobsFlag(fs, runtime.NumCPU())
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: vanban serve [--addr 127.0.0.1:8080] [--store DIR] [--watch DIR] [--token T]")
		fs.PrintDefaults()
	}
	if err := parseNoArgs(fs, args); err != nil {
		return exitUsage
	}
	a, err := index.OpenArchive(*store, index.ArchiveOptions{Create: true})
	if err != nil {
		return fail(env, "serve", err)
	}
	defer a.Close()
	if srv := serverFor(*store); srv != nil {
		fmt.Fprintf(env.Stderr, "vanban serve: another vanban process holds the store %s: stop it first\n", *store)
		return exitStore
	}
	if err := a.OpenIndex(); err != nil {
		return fail(env, "serve", err)
	}
	stopSock, err := web.ListenSocket(a)
	if err != nil {
		return fail(env, "serve", err)
	}
	defer stopSock()
	logger := log.New(env.Stderr, "vanban serve: ", log.LstdFlags)
	srv := web.New(a, web.Options{Token: *token, MaxUpload: *maxUpload, MaxFileBytes: *maxBytes, FileTimeout: *timeout,
		Workers: *jobs, Log: logger})
	defer srv.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(env, "serve", err)
	}
	if !loopback(ln.Addr()) && *token == "" {
		fmt.Fprintf(env.Stderr, "vanban serve: warning: listening on %s, beyond this machine, without a token: anyone who reaches it can read the archive (changes stay refused)\n", ln.Addr())
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	// The index is also fed from the database, so that what another
	// process wrote there (an ingest started beside the server) is found.
	// It starts with what earlier runs left pending, while the server
	// already answers.
	go func() {
		if n, err := a.Sync(ctx); err != nil && ctx.Err() == nil {
			logger.Printf("warning: the search index is behind: %v", err)
		} else if n > 0 {
			logger.Printf("indexed %s left pending", plural(n, "document", "documents"))
		}
		t := time.NewTicker(index.IndexEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if _, err := a.Sync(ctx); err != nil && ctx.Err() == nil {
					logger.Printf("index: %v", err)
				}
			}
		}
	}()
	if *watchDir != "" {
		fmt.Fprintf(env.Stderr, "vanban serve: watching %s\n", *watchDir)
		go func() {
			err := a.Watch(ctx, *watchDir, *settle, *poll, func(paths []string) {
				if _, err := srv.Enqueue("watch", paths); err != nil {
					logger.Printf("watch: %v", err)
				}
			})
			if err != nil {
				logger.Printf("watch: %v", err)
			}
		}()
	}
	fmt.Fprintf(env.Stdout, "vanban serve: http://%s/ (store %s)\n", ln.Addr(), corpus.RedactDSN(*store))
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case <-ctx.Done():
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			return fail(env, "serve", err)
		}
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	hs.Shutdown(sctx)
	return exitOK
}

func loopback(a net.Addr) bool {
	ta, ok := a.(*net.TCPAddr)
	return ok && ta.IP.IsLoopback()
}
