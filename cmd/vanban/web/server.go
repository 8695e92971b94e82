// Package web is `vanban serve`: the HTTP API (JSON, the record of the
// contract, described at /api/openapi.json) and the Vietnamese pages over an
// index.Archive. It also answers the other vanban commands of the same store
// through the Unix socket in the store directory (ListenSocket).
//
// Security: read-only unless a token is set (uploads, ingest and
// corrections need it, compared in constant time); a Content-Security-Policy
// that lets nothing leave the machine; every text of a document goes
// through html/template; downloads name a content hash, never a path.
package web

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"vanban/corpus"
	"vanban/index"
)

// Options configure a Server.
type Options struct {
	// Token, when set, allows the write endpoints to whoever sends it
	// ("Authorization: Bearer T" or "X-Vanban-Token: T"). Without it the
	// server is read-only over HTTP.
	Token string
	// Trusted skips the token: the Unix socket, mode 0600 in the store
	// directory, reaches only the store's owner.
	Trusted bool
	// MaxUpload bounds the body of an upload (default 64 MiB) and
	// MaxFileBytes each file in it (default extract.DefaultMaxBytes).
	MaxUpload    int64
	MaxFileBytes int64
	// FileTimeout is the deadline of each file of an ingest (default 10 min).
	FileTimeout time.Duration
	// Workers process files in parallel (0: all cores).
	Workers int
	// Log receives errors and requests (default: discarded).
	Log *log.Logger
}

// DefaultMaxUpload bounds an upload's body.
const DefaultMaxUpload = 64 << 20

// Server is the HTTP handler over one archive.
type Server struct {
	a    *index.Archive
	opt  Options
	mux  *http.ServeMux
	jobs *jobQueue
}

// New makes a server over an archive that holds its index.
func New(a *index.Archive, opt Options) *Server {
	if opt.MaxUpload == 0 {
		opt.MaxUpload = DefaultMaxUpload
	}
	if opt.Log == nil {
		opt.Log = log.New(discard{}, "", 0)
	}
	s := &Server{a: a, opt: opt, mux: http.NewServeMux()}
	s.jobs = newJobQueue(s)
	s.routes()
	return s
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// Close stops the ingest queue after its current job.
func (s *Server) Close() { s.jobs.close() }

// csp lets the pages load only what the binary serves: no CDN, no request
// leaves the machine, no inline script.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// ServeHTTP adds the security headers and recovers panics.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	defer func() {
		if x := recover(); x != nil {
			if x == http.ErrAbortHandler {
				panic(x)
			}
			s.opt.Log.Printf("panic serving %s: %v\n%s", r.URL.Path, x, debug.Stack())
			writeError(w, http.StatusInternalServerError, "internal error")
		}
	}()
	s.mux.ServeHTTP(w, r)
}

// authorized checks the token of a write request: 401 when none is sent,
// 403 when it is wrong or the server is read-only.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	if s.opt.Trusted {
		return true
	}
	got := r.Header.Get("X-Vanban-Token")
	if a := r.Header.Get("Authorization"); got == "" && strings.HasPrefix(a, "Bearer ") {
		got = strings.TrimPrefix(a, "Bearer ")
	}
	if s.opt.Token == "" {
		writeError(w, http.StatusForbidden, "this server is read-only: start it with --token or $VANBAN_TOKEN to allow changes")
		return false
	}
	if got == "" {
		w.Header().Set("WWW-Authenticate", `Bearer realm="vanban"`)
		writeError(w, http.StatusUnauthorized, "a token is needed (header Authorization: Bearer TOKEN)")
		return false
	}
	if subtle.ConstantTimeCompare([]byte(got), []byte(s.opt.Token)) != 1 {
		writeError(w, http.StatusForbidden, "wrong token")
		return false
	}
	return true
}

// errorBody is every error answer of the API.
type errorBody struct {
	Error      string           `json:"error"`
	Candidates []corpus.DocInfo `json:"candidates,omitempty"`
	Closest    []corpus.DocInfo `json:"closest,omitempty"`
	Accepted   []string         `json:"accepted,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorBody{Error: msg})
}

// resolveError answers a REF that names no single document: 300 with the
// ranked candidates, 404 with the closest symbols, 400 for text that is
// not a reference at all.
func (s *Server) resolveError(w http.ResponseWriter, r *http.Request, text string, err error) {
	var amb *corpus.AmbiguousError
	var nf *corpus.NotFoundError
	switch {
	case errors.As(err, &amb):
		writeJSON(w, http.StatusMultipleChoices, errorBody{Error: err.Error(), Candidates: amb.Candidates})
	case errors.As(err, &nf):
		closest, _ := s.a.Suggest(r.Context(), text, 5)
		writeJSON(w, http.StatusNotFound, errorBody{Error: err.Error(), Closest: closest})
	case errors.Is(err, corpus.ErrNoRef) || errors.Is(err, corpus.ErrTooLong) || strings.HasPrefix(err.Error(), "cannot read"):
		writeError(w, http.StatusBadRequest, err.Error())
	default:
		s.opt.Log.Printf("resolve %q: %v", text, err)
		writeError(w, http.StatusInternalServerError, err.Error())
	}
}

// ListenSocket answers the other vanban commands of the archive's store on
// its Unix socket (mode 0600) until stop is called. A socket left by a
// process that died is replaced; one that answers belongs to another live
// process, and is an error.
func ListenSocket(a *index.Archive) (stop func(), err error) {
	path := index.SocketPath(a.Dir())
	if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
		c.Close()
		return nil, fmt.Errorf("another vanban process serves the store %s (socket %s)", a.Dir(), path)
	}
	os.Remove(path)
	old := umask(0o177)
	ln, err := net.Listen("unix", path)
	umask(old)
	if err != nil {
		return nil, fmt.Errorf("cannot listen on %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, fmt.Errorf("cannot restrict %s: %w", path, err)
	}
	srv := New(a, Options{Trusted: true})
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		hs.Serve(ln)
	}()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		hs.Shutdown(ctx)
		cancel()
		wg.Wait()
		srv.Close()
		os.Remove(path)
	}, nil
}
