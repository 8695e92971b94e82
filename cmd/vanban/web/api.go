package web

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"vanban/corpus"
	"vanban/index"
)

//go:embed openapi.json
var openAPI []byte

func (s *Server) routes() {
	m := s.mux
	m.HandleFunc("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(openAPI)
	})
	m.HandleFunc("GET /api/search", s.apiSearch)
	m.HandleFunc("GET /api/suggest", s.apiSuggest)
	m.HandleFunc("GET /api/documents/{id...}", s.apiDocument)
	m.HandleFunc("DELETE /api/documents/{id...}", s.apiForget)
	m.HandleFunc("GET /api/cites", s.apiCites)
	m.HandleFunc("GET /api/trace", s.apiTrace)
	m.HandleFunc("GET /api/graph", s.apiGraph)
	m.HandleFunc("GET /api/coverage", s.apiCoverage)
	m.HandleFunc("GET /api/tasks", s.apiTasks)
	m.HandleFunc("GET /api/download/{sha}", s.apiDownload)
	m.HandleFunc("POST /api/ingest", s.apiIngest)
	m.HandleFunc("GET /api/jobs", s.apiJobs)
	m.HandleFunc("GET /api/jobs/{id}", s.apiJob)
	m.HandleFunc("GET /api/review", s.apiReview)
	m.HandleFunc("POST /api/review", s.apiCorrect)
	m.HandleFunc("POST /api/review/{id}/undo", s.apiUndo)
	m.HandleFunc("GET /api/stats", s.apiStats)
	m.HandleFunc("POST /api/sync", s.apiIndexing(s.a.Sync))
	m.HandleFunc("POST /api/reindex", s.apiIndexing(s.a.Reindex))
	m.HandleFunc("GET /api/verify", s.apiVerify)
	m.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.Method+" "+r.URL.Path+" (see /api/openapi.json)")
	})
	s.pageRoutes()
}

// badRequest is a malformed query parameter.
type badRequest struct{ msg string }

func (e *badRequest) Error() string { return e.msg }

// intParam reads an integer parameter within [lo, hi]; absent is def.
func intParam(r *http.Request, name string, def, lo, hi int) (int, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, &badRequest{fmt.Sprintf("parameter %s must be a whole number from %d to %d, not %q", name, lo, hi, v)}
	}
	return n, nil
}

// searchQuery reads the parameters of a search: q, type, year, province,
// page (from 1) and n (hits per page).
func searchQuery(r *http.Request) (index.Query, int, error) {
	v := r.URL.Query()
	q := index.Query{Text: v.Get("q"), Type: v.Get("type"), Province: v.Get("province"), Place: v.Get("place"), Style: "html"}
	if _, err := corpus.ParsePlace(q.Place); err != nil {
		return q, 0, &badRequest{err.Error()}
	}
	if st := v.Get("style"); st == "ansi" {
		q.Style = st
	}
	var err error
	if q.Year, err = intParam(r, "year", 0, 0, 9999); err != nil {
		return q, 0, err
	}
	if q.Size, err = intParam(r, "n", 10, 1, 100); err != nil {
		return q, 0, err
	}
	page, err := intParam(r, "page", 1, 1, 10000)
	if err != nil {
		return q, 0, err
	}
	q.From = (page - 1) * q.Size
	if err := corpus.CheckLen("query", q.Text); err != nil {
		return q, 0, err
	}
	if err := index.ValidateFilter(corpus.Filter{Type: q.Type, Province: q.Province}); err != nil {
		return q, 0, err
	}
	if q.Status = v.Get("status"); q.Status != "" {
		if err := index.ValidStatus(q.Status); err != nil {
			return q, 0, err
		}
	}
	return q, page, nil
}

func (s *Server) paramError(w http.ResponseWriter, err error) {
	var inv *index.InvalidValueError
	if errors.As(err, &inv) {
		writeJSON(w, http.StatusBadRequest, errorBody{Error: err.Error(), Accepted: inv.Accepted})
		return
	}
	writeError(w, http.StatusBadRequest, err.Error())
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q, _, err := searchQuery(r)
	if err != nil {
		s.paramError(w, err)
		return
	}
	res, err := s.a.Search(r.Context(), q)
	if errors.Is(err, corpus.ErrTooLong) {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	if err != nil {
		s.opt.Log.Printf("search: %v", err)
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (s *Server) apiSuggest(w http.ResponseWriter, r *http.Request) {
	n, err := intParam(r, "n", 8, 1, 50)
	if err != nil {
		s.paramError(w, err)
		return
	}
	ds, err := s.a.SuggestSymbols(r.Context(), r.URL.Query().Get("q"), n)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, ds)
}

func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	d, err := s.a.Resolve(r.Context(), id)
	if err != nil {
		var nf *corpus.NotFoundError
		if !errors.As(err, &nf) && (errors.Is(err, corpus.ErrNoRef) || strings.HasPrefix(err.Error(), "cannot read")) {
			// An id in the path that is not even a reference is unknown.
			writeError(w, http.StatusNotFound, fmt.Sprintf("no stored document %q", id))
			return
		}
		s.resolveError(w, r, id, err)
		return
	}
	sh, err := s.a.Show(r.Context(), d, r.URL.Query().Get("text") == "1")
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, sh)
}

// apiForget is DELETE /api/documents/{id}: `vanban forget` (with the
// token); ?dry_run=1 says what would go.
func (s *Server) apiForget(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	id := r.PathValue("id")
	d, err := s.a.Resolve(r.Context(), id)
	if err != nil {
		s.resolveError(w, r, id, err)
		return
	}
	dry := r.URL.Query().Get("dry_run")
	f, err := s.a.Forget(r.Context(), d, dry == "1" || dry == "true")
	switch {
	case errors.Is(err, corpus.ErrNotStored):
		writeError(w, http.StatusNotFound, err.Error())
	case err != nil:
		writeError(w, http.StatusInternalServerError, err.Error())
	default:
		writeJSON(w, http.StatusOK, f)
	}
}

// citesAnswer is GET /api/cites: the documents REF named (several when one
// citation is written with and without its year) and their citers, each
// as a line of `cites --json`.
type citesAnswer struct {
	Targets   []corpus.DocInfo  `json:"targets"`
	Citations []corpus.Citation `json:"citations"`
}

func (s *Server) apiCites(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	ref := strings.TrimSpace(v.Get("ref"))
	if ref == "" {
		writeError(w, http.StatusBadRequest, "parameter ref is required (a document as people write it: \"Chỉ thị 33/CT-TTg\")")
		return
	}
	year, err := intParam(r, "year", 0, 0, 9999)
	if err != nil {
		s.paramError(w, err)
		return
	}
	f := corpus.Filter{Type: v.Get("type"), Year: year, Province: v.Get("province"), Relation: v.Get("relation")}
	if err := index.ValidateFilter(f); err != nil {
		s.paramError(w, err)
		return
	}
	targets, cs, err := s.a.Cites(r.Context(), ref, f)
	if err != nil {
		s.resolveError(w, r, ref, err)
		return
	}
	writeJSON(w, http.StatusOK, citesAnswer{Targets: targets, Citations: cs})
}

// docParam resolves the required parameter doc; false when it answered an
// error.
func (s *Server) docParam(w http.ResponseWriter, r *http.Request) (corpus.DocInfo, bool) {
	doc := strings.TrimSpace(r.URL.Query().Get("doc"))
	if doc == "" {
		writeError(w, http.StatusBadRequest, "parameter doc is required")
		return corpus.DocInfo{}, false
	}
	d, err := s.a.Resolve(r.Context(), doc)
	if err != nil {
		s.resolveError(w, r, doc, err)
		return corpus.DocInfo{}, false
	}
	return d, true
}

// apiCoverage is GET /api/coverage?doc=REF: the object of `coverage --json`.
func (s *Server) apiCoverage(w http.ResponseWriter, r *http.Request) {
	d, ok := s.docParam(w, r)
	if !ok {
		return
	}
	cv, err := s.a.Store().Coverage(r.Context(), d)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, cv)
}

// apiTasks is GET /api/tasks: the rows of `tasks --json` (body, due_before,
// overdue as its flags; doc narrows to one document's tasks).
func (s *Server) apiTasks(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	f := corpus.TaskFilter{Body: strings.TrimSpace(v.Get("body")), Today: time.Now().Format(time.DateOnly)}
	if due := v.Get("due_before"); due != "" {
		t, err := time.Parse(time.DateOnly, due)
		if err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("parameter due_before must be a date YYYY-MM-DD, not %q", due))
			return
		}
		f.DueBefore = t.Format(time.DateOnly)
	}
	switch o := v.Get("overdue"); o {
	case "", "0", "false":
	case "1", "true":
		f.Overdue = true
	default:
		writeError(w, http.StatusBadRequest, fmt.Sprintf("parameter overdue must be true or false, not %q", o))
		return
	}
	var key string
	if v.Get("doc") != "" {
		d, ok := s.docParam(w, r)
		if !ok {
			return
		}
		key = d.Key
	}
	rows, err := s.a.Store().Tasks(r.Context(), f)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	out := []corpus.TaskRow{}
	for _, t := range rows {
		if key == "" || t.Doc.Key == key {
			out = append(out, t)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// traceAnswer is GET /api/trace: the nodes of `trace --json`.
type traceAnswer struct {
	Root  corpus.DocInfo     `json:"root"`
	Up    bool               `json:"up"`
	Nodes []corpus.TraceNode `json:"nodes"`
}

func (s *Server) traceParams(w http.ResponseWriter, r *http.Request) (corpus.DocInfo, bool, int, bool) {
	v := r.URL.Query()
	doc := strings.TrimSpace(v.Get("doc"))
	if doc == "" {
		writeError(w, http.StatusBadRequest, "parameter doc is required")
		return corpus.DocInfo{}, false, 0, false
	}
	dir := v.Get("dir")
	if dir != "" && dir != "up" && dir != "down" {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("parameter dir must be up or down, not %q", dir))
		return corpus.DocInfo{}, false, 0, false
	}
	depth, err := intParam(r, "depth", 0, 0, 50)
	if err != nil {
		s.paramError(w, err)
		return corpus.DocInfo{}, false, 0, false
	}
	d, err := s.a.Resolve(r.Context(), doc)
	if err != nil {
		s.resolveError(w, r, doc, err)
		return corpus.DocInfo{}, false, 0, false
	}
	return d, dir != "down", depth, true
}

func (s *Server) apiTrace(w http.ResponseWriter, r *http.Request) {
	d, up, depth, ok := s.traceParams(w, r)
	if !ok {
		return
	}
	nodes, err := s.a.Trace(r.Context(), d, up, depth)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, traceAnswer{Root: d, Up: up, Nodes: nodes})
}

func (s *Server) apiGraph(w http.ResponseWriter, r *http.Request) {
	d, up, depth, ok := s.traceParams(w, r)
	if !ok {
		return
	}
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "svg"
	}
	if format != "svg" && format != "png" && format != "dot" {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("parameter format must be svg, png or dot, not %q", format))
		return
	}
	g, err := s.graph(r.Context(), d, up, depth, r.URL.Query().Get("cites") == "1")
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	src := g.dot()
	if format == "dot" {
		w.Header().Set("Content-Type", "text/vnd.graphviz; charset=utf-8")
		w.Write([]byte(src))
		return
	}
	out, err := renderDot(r.Context(), src, format)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, err.Error())
		return
	}
	if format == "svg" {
		w.Header().Set("Content-Type", "image/svg+xml")
	} else {
		w.Header().Set("Content-Type", "image/png")
	}
	if r.URL.Query().Get("download") == "1" {
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "so-do." + format}))
	}
	w.Write(out)
}

var shaRE = regexp.MustCompile(`^[0-9a-f]{64}$`)

// apiDownload serves an original file by its content hash. The name in the
// URL is never a path: the file is one the store recorded for that hash,
// and it is served only while its content still has that hash.
func (s *Server) apiDownload(w http.ResponseWriter, r *http.Request) {
	sha := r.PathValue("sha")
	if !shaRE.MatchString(sha) {
		writeError(w, http.StatusBadRequest, "a download is named by the sha256 of the file (64 hex digits), never by a path")
		return
	}
	paths, err := s.a.Store().PathsOf(r.Context(), sha)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		fi, err := f.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			f.Close()
			continue
		}
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil || hex.EncodeToString(h.Sum(nil)) != sha {
			f.Close()
			continue
		}
		f.Seek(0, io.SeekStart)
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": filepath.Base(p)}))
		http.ServeContent(w, r, "", fi.ModTime(), f)
		f.Close()
		return
	}
	writeError(w, http.StatusNotFound, "no stored file has this content any more")
}

// ingestRequest is the JSON form of POST /api/ingest: folders or files of
// the server's own disk.
type ingestRequest struct {
	Paths []string `json:"paths"`
}

// apiIngest queues an ingest: files uploaded as multipart/form-data (field
// "files"), or a JSON {"paths": [...]} of the server's disk. It answers 202
// with the job; with ?wait=1 it answers when the job is done.
func (s *Server) apiIngest(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxUpload)
	var paths []string
	source := "upload"
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		var req ingestRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			if tooLarge(err) {
				writeError(w, http.StatusRequestEntityTooLarge, "the request is too large")
				return
			}
			writeError(w, http.StatusBadRequest, "cannot read the request: "+err.Error())
			return
		}
		if len(req.Paths) == 0 {
			writeError(w, http.StatusBadRequest, "paths is empty")
			return
		}
		for _, p := range req.Paths {
			if _, err := os.Stat(p); err != nil {
				writeError(w, http.StatusBadRequest, fmt.Sprintf("cannot read %s on the server: %v", p, err))
				return
			}
		}
		paths, source = req.Paths, "folder"
	case "multipart/form-data":
		dir, err := s.saveUpload(r)
		if err != nil {
			var mbe *http.MaxBytesError
			switch {
			case errors.As(err, &mbe) || tooLarge(err):
				writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the upload is larger than %d bytes", s.opt.MaxUpload))
			case errors.Is(err, errUpload):
				writeError(w, http.StatusBadRequest, err.Error())
			default:
				writeError(w, http.StatusInternalServerError, err.Error())
			}
			return
		}
		paths = []string{dir}
	default:
		writeError(w, http.StatusUnsupportedMediaType, "send files as multipart/form-data (field files) or JSON {\"paths\": [...]}")
		return
	}
	j, err := s.jobs.add(source, paths)
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, err.Error())
		return
	}
	if r.URL.Query().Get("wait") == "1" {
		select {
		case <-j.done:
		case <-r.Context().Done():
			return
		}
		got, _, err := s.jobs.get(r.Context(), j.ID)
		if err != nil {
			writeError(w, http.StatusInternalServerError, err.Error())
			return
		}
		writeJSON(w, http.StatusOK, got)
		return
	}
	got, _, err := s.jobs.get(r.Context(), j.ID)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	w.Header().Set("Location", fmt.Sprintf("/api/jobs/%d", j.ID))
	writeJSON(w, http.StatusAccepted, got)
}

func tooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe) || (err != nil && strings.Contains(err.Error(), "request body too large"))
}

var errUpload = errors.New("bad upload")

// saveUpload writes the uploaded files into a new folder of the store's
// uploads/ and returns it. File names are reduced to their last element;
// a name that is empty, hidden or a path is refused.
func (s *Server) saveUpload(r *http.Request) (string, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return "", fmt.Errorf("%w: %v", errUpload, err)
	}
	base := filepath.Join(s.a.Dir(), "uploads")
	if err := os.MkdirAll(base, 0o755); err != nil {
		return "", err
	}
	dir, err := os.MkdirTemp(base, time.Now().UTC().Format("20060102-150405-"))
	if err != nil {
		return "", err
	}
	n := 0
	seen := map[string]bool{}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			os.RemoveAll(dir)
			return "", err
		}
		if part.FormName() != "files" || part.FileName() == "" {
			part.Close()
			continue
		}
		name, err := uploadName(part.FileName())
		if err != nil {
			os.RemoveAll(dir)
			return "", err
		}
		for i := 2; seen[name]; i++ {
			ext := filepath.Ext(name)
			name = fmt.Sprintf("%s-%d%s", strings.TrimSuffix(name, ext), i, ext)
		}
		seen[name] = true
		f, err := os.OpenFile(filepath.Join(dir, name), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err != nil {
			os.RemoveAll(dir)
			return "", err
		}
		_, err = io.Copy(f, part)
		f.Close()
		part.Close()
		if err != nil {
			os.RemoveAll(dir)
			return "", err
		}
		n++
	}
	if n == 0 {
		os.RemoveAll(dir)
		return "", fmt.Errorf("%w: no file in field \"files\"", errUpload)
	}
	return dir, nil
}

// uploadName is the name an uploaded file is saved under: the last element
// of what the browser sent (a folder upload sends "a/b.pdf"), refused when
// it would be hidden, empty, or climb out of the folder.
func uploadName(sent string) (string, error) {
	sent = strings.ReplaceAll(sent, `\`, "/")
	name := sent[strings.LastIndex(sent, "/")+1:]
	if name == "" || name == "." || name == ".." || strings.HasPrefix(name, ".") || strings.ContainsRune(name, 0) {
		return "", fmt.Errorf("%w: file name %q refused", errUpload, sent)
	}
	if len(name) > 200 {
		ext := filepath.Ext(name)
		if len(ext) > 20 {
			ext = ""
		}
		name = name[:150] + ext
	}
	return name, nil
}

// apiJobs is GET /api/jobs: the latest jobs, the newest first, each with
// its report and what became of each file (kept across restarts).
func (s *Server) apiJobs(w http.ResponseWriter, r *http.Request) {
	jobs, err := s.jobs.list(r.Context())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, jobs)
}

func (s *Server) apiJob(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, "a job id is a number")
		return
	}
	j, ok, err := s.jobs.get(r.Context(), id)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	if !ok {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no job %d", id))
		return
	}
	writeJSON(w, http.StatusOK, j)
}

func (s *Server) apiReview(w http.ResponseWriter, r *http.Request) {
	n, err := intParam(r, "n", 100, 1, 1000)
	if err != nil {
		s.paramError(w, err)
		return
	}
	ws, err := s.a.Weak(r.Context(), n)
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, ws)
}

// correction is POST /api/review.
type correction struct {
	Document string `json:"document"`
	Field    string `json:"field"`
	Value    string `json:"value"`
	Who      string `json:"who"`
}

func (s *Server) apiCorrect(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	var c correction
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&c); err != nil {
		writeError(w, http.StatusBadRequest, "cannot read the correction: "+err.Error())
		return
	}
	if c.Field == "date" && c.Value != "" {
		if _, err := time.Parse("2006-01-02", c.Value); err != nil {
			writeError(w, http.StatusBadRequest, "a date is written YYYY-MM-DD")
			return
		}
	}
	d, err := s.a.Resolve(r.Context(), c.Document)
	if err != nil {
		s.resolveError(w, r, c.Document, err)
		return
	}
	o, err := s.a.Correct(r.Context(), d, c.Field, strings.TrimSpace(c.Value), strings.TrimSpace(c.Who))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusCreated, o)
}

func (s *Server) apiUndo(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, "a correction id is a number")
		return
	}
	var body struct {
		Who string `json:"who"`
	}
	json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16)).Decode(&body)
	if strings.TrimSpace(body.Who) == "" {
		writeError(w, http.StatusBadRequest, "who is required")
		return
	}
	o, err := s.a.Undo(r.Context(), id, body.Who)
	if errors.Is(err, corpus.ErrNoSuchOverride) {
		writeError(w, http.StatusNotFound, err.Error())
		return
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, o)
}

func (s *Server) apiStats(w http.ResponseWriter, r *http.Request) {
	st, err := s.a.Store().Stats(r.Context())
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	pending, _ := s.a.Pending(r.Context())
	writeJSON(w, http.StatusOK, map[string]int{"documents": st.Documents, "stubs": st.Stubs, "ambiguous": st.Ambiguous,
		"edges": st.Edges, "files": st.Files, "pending_index": pending})
}

// apiIndexing answers /api/sync and /api/reindex: run fn (bring the index
// up to date, or rebuild it) and say how many documents it indexed.
func (s *Server) apiIndexing(fn func(context.Context) (int, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.authorized(w, r) {
			return
		}
		n, err := fn(r.Context())
		if err != nil {
			writeError(w, http.StatusInternalServerError, err.Error())
			return
		}
		writeJSON(w, http.StatusOK, map[string]int{"indexed": n})
	}
}

// apiVerify runs `vanban verify` in the process that holds the index; it
// reads every stored file, so it needs the token over HTTP.
func (s *Server) apiVerify(w http.ResponseWriter, r *http.Request) {
	if !s.authorized(w, r) {
		return
	}
	res, err := s.a.VerifyWith(r.Context(), r.URL.Query().Get("files") != "false", r.URL.Query().Get("full") == "true")
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, res)
}
