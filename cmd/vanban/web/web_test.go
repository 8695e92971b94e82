package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"vanban/corpus"
	"vanban/index"
)

const token = "test-token-123"

// Two plans citing 25-NQ/TW of 2013 and of 2008: the REF "25-NQ/TW" names two
// documents.
const planA = `TỈNH ỦY THANH HÓA
*
Số 21-KH/TU

ĐẢNG CỘNG SẢN VIỆT NAM

Thanh Hóa, ngày 10 tháng 3 năm 2022

KẾ HOẠCH
thực hiện công tác dân vận năm 2022

Thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương, Ban Thường vụ Tỉnh ủy ban hành kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

Nâng cao chất lượng công tác dân vận <script>alert("x")</script>.
`

const planB = `TỈNH ỦY THANH HÓA
*
Số 22-KH/TU

ĐẢNG CỘNG SẢN VIỆT NAM

Thanh Hóa, ngày 12 tháng 3 năm 2022

KẾ HOẠCH
thực hiện Nghị quyết số 25-NQ/TW năm 2008

Thực hiện Nghị quyết số 25-NQ/TW, ngày 25/7/2008 của Ban Chấp hành Trung ương về công tác thanh niên, Ban Thường vụ Tỉnh ủy ban hành kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

Nâng cao chất lượng công tác thanh niên.
`

// A note without symbol or date: a weak record for the review page.
const weakNote = `Ghi chép cuộc họp về công tác dân vận ở thôn.

Các đồng chí thống nhất tiếp tục vận động nhân dân tham gia làm đường giao thông nông thôn.
`

// fixture is an archive holding the project's chain fixtures and the plans
// above, served with a token.
type fixture struct {
	a     *index.Archive
	s     *Server
	ts    *httptest.Server
	input string
	opt   Options
}

func newFixture(t *testing.T, opt Options) *fixture {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	for _, src := range []string{"../../../testdata/corpus/chain", "../../../testdata/parse", "../../../testdata/corpus/coverage", "../../../testdata/corpus/status"} {
		ents, err := os.ReadDir(src)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			if strings.HasSuffix(e.Name(), ".json") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(src, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(in, e.Name()), b, 0o644)
		}
	}
	os.WriteFile(filepath.Join(in, "plan-a.txt"), []byte(planA), 0o644)
	os.WriteFile(filepath.Join(in, "plan-b.txt"), []byte(planB), 0o644)
	os.WriteFile(filepath.Join(in, "ghi-chep.txt"), []byte(weakNote), 0o644)
	a, err := index.OpenArchive(filepath.Join(dir, "store"), index.ArchiveOptions{Create: true, Index: true})
	if err != nil {
		t.Fatal(err)
	}
	rep, ixErr, err := a.Ingest(context.Background(), []string{in}, index.IngestOptions{Workers: 2})
	if err != nil || ixErr != nil || rep.Failed > 0 {
		t.Fatalf("ingest: %v %v %+v", err, ixErr, rep.Failures)
	}
	s := New(a, opt)
	ts := httptest.NewServer(s)
	f := &fixture{a: a, s: s, ts: ts, input: in, opt: opt}
	t.Cleanup(f.stop)
	return f
}

func (f *fixture) stop() {
	f.ts.Close()
	f.s.Close()
	f.a.Close()
}

// restart stops the server and its archive and serves the same store again
// from a new process's point of view: nothing kept in memory survives.
func (f *fixture) restart(t *testing.T) {
	t.Helper()
	dir := f.a.Dir()
	f.stop()
	a, err := index.OpenArchive(dir, index.ArchiveOptions{Index: true})
	if err != nil {
		t.Fatal(err)
	}
	f.a = a
	f.s = New(a, f.opt)
	f.ts = httptest.NewServer(f.s)
}

func (f *fixture) do(t *testing.T, method, path string, body io.Reader, hdr map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, f.ts.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, b
}

func esc(id string) string { return url.PathEscape(id) }

// TestAPIStatus checks every endpoint with good and bad input: the status
// and what the answer must say.
func TestAPIStatus(t *testing.T) {
	f := newFixture(t, Options{Token: token})
	auth := map[string]string{"X-Vanban-Token": token}
	jsonAuth := map[string]string{"X-Vanban-Token": token, "Content-Type": "application/json"}
	cases := []struct {
		name, method, path string
		body               string
		hdr                map[string]string
		status             int
		want               []string // substrings of the answer
	}{
		{"search words", "GET", "/api/search?q=" + url.QueryEscape("chi thi 33"), "", nil, 200, []string{`"45-KH/ĐU:2023:lam-dong`, `"facets"`, `<mark>`}},
		{"search phrase", "GET", "/api/search?q=" + url.QueryEscape("dân vận khéo"), "", nil, 200, []string{`"15-KH/ĐU:2023:lai-chau`}},
		{"search symbol", "GET", "/api/search?q=" + url.QueryEscape("33/ct-ttg"), "", nil, 200, []string{`"45-KH/ĐU:2023:lam-dong`}},
		{"search cited_by", "GET", "/api/search?q=" + url.QueryEscape("47-CT/TW"), "", nil, 200, []string{`"cited_by":`}},
		{"search filter", "GET", "/api/search?q=dan+van&type=" + url.QueryEscape("ke hoach") + "&year=2022", "", nil, 200, []string{`"21-KH/TU:2022:thanh-hoa`}},
		{"search bad year", "GET", "/api/search?q=x&year=abc", "", nil, 400, []string{"year"}},
		{"search unknown status", "GET", "/api/search?q=x&status=valid", "", nil, 400, []string{`"accepted"`, "replaced", "in-force"}},
		{"search bad page", "GET", "/api/search?q=x&page=0", "", nil, 400, []string{"page"}},
		{"search unknown type", "GET", "/api/search?q=x&type=Bogus", "", nil, 400, []string{`"accepted"`, "Kế hoạch"}},
		{"search unknown province", "GET", "/api/search?q=x&province=Atlantis", "", nil, 400, []string{"Lâm Đồng"}},
		{"suggest", "GET", "/api/suggest?q=" + url.QueryEscape("33/ct"), "", nil, 200, []string{"33/CT-TTg"}},
		{"document", "GET", "/api/documents/" + esc("45-KH/ĐU"), "", nil, 200, []string{`"links"`, `"cited_by"`, `"symbol":"45-KH/ĐU"`}},
		{"document by ref", "GET", "/api/documents/" + esc("chỉ thị 47"), "", nil, 200, []string{`"id":"47-CT/TW:2023:vn"`}},
		{"document unknown id", "GET", "/api/documents/" + esc("999-KH/TU:2020:ha-noi"), "", nil, 404, []string{`"error"`}},
		{"document not a ref", "GET", "/api/documents/nothing", "", nil, 404, []string{`"error"`}},
		{"forget no token", "DELETE", "/api/documents/" + esc("45-KH/ĐU"), "", nil, 401, nil},
		{"forget dry run", "DELETE", "/api/documents/" + esc("45-KH/ĐU") + "?dry_run=1", "", auth, 200, []string{`"id":"45-KH/ĐU:2023:lam-dong`, `"dry_run":true`, `"paths":["/`}},
		{"forget a stub", "DELETE", "/api/documents/" + esc("33/CT-TTg:2021:vn"), "", auth, 404, []string{"nothing to forget"}},
		{"forget unknown", "DELETE", "/api/documents/" + esc("999-KH/TU:2020:ha-noi"), "", auth, 404, nil},
		{"forget ambiguous", "DELETE", "/api/documents/" + esc("25-NQ/TW"), "", auth, 300, []string{"25-NQ/TW:2013:vn"}},
		{"document ambiguous", "GET", "/api/documents/" + esc("25-NQ/TW"), "", nil, 300, []string{`"candidates"`, "25-NQ/TW:2013:vn", "25-NQ/TW:2008:vn"}},
		{"cites", "GET", "/api/cites?ref=" + url.QueryEscape("Chỉ thị 33/CT-TTg"), "", nil, 200, []string{`"citations"`, `"45-KH/ĐU:2023:lam-dong`, `"sentence"`}},
		{"cites no ref", "GET", "/api/cites", "", nil, 400, []string{"ref"}},
		{"cites bad relation", "GET", "/api/cites?ref=33/CT-TTg&relation=loves", "", nil, 400, []string{"implements"}},
		{"cites unknown", "GET", "/api/cites?ref=" + url.QueryEscape("Chỉ thị 34/CT-TTg"), "", nil, 404, []string{`"closest"`, "33/CT-TTg"}},
		{"cites ambiguous", "GET", "/api/cites?ref=25-NQ/TW", "", nil, 300, []string{"25-NQ/TW:2013:vn"}},
		{"trace up", "GET", "/api/trace?doc=" + url.QueryEscape("15-KH/ĐU"), "", nil, 200, []string{"47-CT/TW:2023:vn", `"relation":"implements"`}},
		{"trace bad dir", "GET", "/api/trace?doc=47-CT/TW&dir=sideways", "", nil, 400, []string{"dir"}},
		{"trace bad depth", "GET", "/api/trace?doc=47-CT/TW&depth=-1", "", nil, 400, []string{"depth"}},
		{"trace unknown", "GET", "/api/trace?doc=" + url.QueryEscape("999-KH/TU:2020:ha-noi"), "", nil, 404, nil},
		{"graph dot", "GET", "/api/graph?format=dot&doc=" + url.QueryEscape("15-KH/ĐU"), "", nil, 200, []string{"digraph", "thực hiện", "47-CT/TW"}},
		{"graph svg", "GET", "/api/graph?doc=" + url.QueryEscape("15-KH/ĐU"), "", nil, 200, []string{"<svg", "thực hiện"}},
		{"graph bad format", "GET", "/api/graph?format=gif&doc=47-CT/TW", "", nil, 400, nil},
		{"download traversal", "GET", "/api/download/" + esc("../../../../etc/passwd"), "", nil, 400, []string{"never by a path"}},
		{"download unknown", "GET", "/api/download/" + strings.Repeat("a", 64), "", nil, 404, nil},
		{"ingest no token", "POST", "/api/ingest", `{"paths":["/tmp"]}`, map[string]string{"Content-Type": "application/json"}, 401, []string{"token"}},
		{"ingest wrong token", "POST", "/api/ingest", `{"paths":["/tmp"]}`, map[string]string{"Content-Type": "application/json", "X-Vanban-Token": "nope"}, 403, []string{"wrong token"}},
		{"ingest bearer wrong", "POST", "/api/ingest", `{"paths":["/tmp"]}`, map[string]string{"Content-Type": "application/json", "Authorization": "Bearer nope"}, 403, nil},
		{"ingest missing folder", "POST", "/api/ingest", `{"paths":["/no/such/folder"]}`, jsonAuth, 400, []string{"/no/such/folder"}},
		{"ingest bad json", "POST", "/api/ingest", `{"paths":`, jsonAuth, 400, nil},
		{"ingest wrong type", "POST", "/api/ingest", `x`, map[string]string{"X-Vanban-Token": token, "Content-Type": "text/plain"}, 415, nil},
		{"job unknown", "GET", "/api/jobs/999", "", nil, 404, nil},
		{"job bad id", "GET", "/api/jobs/abc", "", nil, 400, nil},
		{"review", "GET", "/api/review", "", nil, 200, []string{"no_symbol", "no_date"}},
		{"correct no token", "POST", "/api/review", `{"document":"47-CT/TW","field":"subject","value":"x","who":"An"}`, map[string]string{"Content-Type": "application/json"}, 401, nil},
		{"correct bad field", "POST", "/api/review", `{"document":"47-CT/TW","field":"text","value":"x","who":"An"}`, jsonAuth, 400, []string{"cannot be corrected"}},
		{"correct no who", "POST", "/api/review", `{"document":"47-CT/TW","field":"subject","value":"x"}`, jsonAuth, 400, []string{"who"}},
		{"correct bad date", "POST", "/api/review", `{"document":"47-CT/TW","field":"date","value":"1/2/2023","who":"An"}`, jsonAuth, 400, []string{"YYYY-MM-DD"}},
		{"correct unknown doc", "POST", "/api/review", `{"document":"999-KH/TU:2020:ha-noi","field":"subject","value":"x","who":"An"}`, jsonAuth, 404, nil},
		{"undo unknown", "POST", "/api/review/999/undo", `{"who":"An"}`, jsonAuth, 404, nil},
		{"stats", "GET", "/api/stats", "", nil, 200, []string{`"documents":`, `"edges":`}},
		{"verify needs token", "GET", "/api/verify", "", nil, 401, nil},
		{"verify", "GET", "/api/verify", "", auth, 200, []string{`"problems":[]`, `"indexed":`}},
		{"openapi", "GET", "/api/openapi.json", "", nil, 200, []string{`"3.0.3"`, "/api/search", "/api/review"}},
		{"coverage", "GET", "/api/coverage?doc=" + url.QueryEscape("45-KL/TU:2022:binh-dinh"), "", nil, 200,
			[]string{`"implementers"`, `"summary"`, "4/11 huyện ủy, thị ủy, thành ủy đã có kế hoạch", `"Huyện An Lão"`, `"58-KH/HU:2022:binh-dinh/tay-son"`}},
		{"coverage no doc", "GET", "/api/coverage", "", nil, 400, []string{"doc"}},
		{"coverage unknown", "GET", "/api/coverage?doc=" + url.QueryEscape("999-KL/TU:2022:binh-dinh"), "", nil, 404, []string{"999-KL/TU"}},
		{"coverage not a ref", "GET", "/api/coverage?doc=nothing", "", nil, 400, nil},
		{"tasks", "GET", "/api/tasks?doc=" + url.QueryEscape("45-KL/TU:2022:binh-dinh"), "", nil, 200, []string{`"task"`, `"lead"`, `"45-KL/TU:2022:binh-dinh"`}},
		{"tasks bad date", "GET", "/api/tasks?due_before=15/12/2022", "", nil, 400, []string{"YYYY-MM-DD"}},
		{"tasks bad overdue", "GET", "/api/tasks?overdue=maybe", "", nil, 400, []string{"overdue"}},
		{"tasks unknown doc", "GET", "/api/tasks?doc=" + url.QueryEscape("999-KL/TU:2022:binh-dinh"), "", nil, 404, nil},
		{"no endpoint", "GET", "/api/nothing", "", nil, 404, []string{"openapi"}},
		{"page search", "GET", "/?q=" + url.QueryEscape("chi thi 33"), "", nil, 200, []string{"Tìm kiếm", "<mark>"}},
		{"page search bad", "GET", "/?q=x&year=abc", "", nil, 400, nil},
		{"page document", "GET", "/van-ban/" + esc("45-KH/ĐU"), "", nil, 200, []string{"Được trích dẫn bởi", "Thực hiện / căn cứ", "Tải bản gốc"}},
		{"page stub", "GET", "/van-ban/" + esc("33/CT-TTg:2021:vn"), "", nil, 200, []string{"[chưa có văn bản]", "45-KH/ĐU"}},
		{"page ambiguous", "GET", "/van-ban/" + esc("25-NQ/TW"), "", nil, 300, []string{"25-NQ%2FTW:2013:vn", "25-NQ%2FTW:2008:vn"}},
		{"page unknown", "GET", "/van-ban/" + esc("999-KH/TU:2020:ha-noi"), "", nil, 404, nil},
		{"page graph", "GET", "/so-do/" + esc("15-KH/ĐU"), "", nil, 200, []string{"<svg", "Cấp trên"}},
		{"page coverage tab", "GET", "/van-ban/" + esc("45-KL/TU:2022:binh-dinh") + "?tab=thuc-hien", "", nil, 200,
			[]string{`id="coverage"`, "4/11 huyện ủy, thị ủy, thành ủy đã có kế hoạch", "chưa có văn bản", "Huyện ủy An Lão", "Thị ủy Hoài Nhơn", "Huyện ủy Tây Sơn", "58-KH/HU", `aria-current="page">Thực hiện`}},
		{"page tasks", "GET", "/van-ban/" + esc("45-KL/TU:2022:binh-dinh"), "", nil, 200, []string{`id="tasks"`, "Chủ trì", "Thời hạn", `id="tab-coverage"`}},
		{"page ingest", "GET", "/nhap", "", nil, 200, []string{"Nhập văn bản"}},
		{"page review", "GET", "/ra-soat", "", nil, 200, []string{"Cần rà soát", "không có số ký hiệu"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var body io.Reader
			if c.body != "" {
				body = strings.NewReader(c.body)
			}
			resp, b := f.do(t, c.method, c.path, body, c.hdr)
			if resp.StatusCode != c.status {
				t.Fatalf("%s %s: status %d, want %d\n%s", c.method, c.path, resp.StatusCode, c.status, b)
			}
			for _, w := range c.want {
				if !bytes.Contains(b, []byte(w)) {
					t.Errorf("%s %s: answer lacks %q:\n%.2000s", c.method, c.path, w, b)
				}
			}
			if resp.Header.Get("Content-Security-Policy") == "" {
				t.Errorf("no Content-Security-Policy")
			}
			if resp.StatusCode >= 400 && strings.HasPrefix(c.path, "/api/") && !bytes.Contains(b, []byte(`"error"`)) {
				t.Errorf("an error answer without an error message: %s", b)
			}
		})
	}
}

// TestSearchStatus: the hiệu lực facet counts the hits the graph knows
// amended, replaced or repealed and the rest; the filter keeps one state;
// a hit shows its status; the page offers the facet in Vietnamese.
func TestSearchStatus(t *testing.T) {
	f := newFixture(t, Options{})
	search := func(query string) index.SearchResult {
		t.Helper()
		resp, b := f.do(t, "GET", "/api/search?n=50&"+query, nil, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", query, resp.StatusCode, b)
		}
		var res index.SearchResult
		if err := json.Unmarshal(b, &res); err != nil {
			t.Fatal(err)
		}
		return res
	}
	all := search("q=" + url.QueryEscape("nghị định"))
	counts := map[string]int{}
	sum := 0
	for _, ft := range all.Facets["status"] {
		counts[ft.Term] = ft.Count
		sum += ft.Count
	}
	// 10/2019 and 30/2015 replaced, 12/2018 partly repealed, 15/2020 amended.
	if counts["replaced"] != 2 || counts["partly-repealed"] != 1 || counts["amended"] != 1 || counts[index.StatusInForce] == 0 || uint64(sum) != all.Total {
		t.Fatalf("status facet %v, total %d", all.Facets["status"], all.Total)
	}
	for _, h := range all.Hits {
		if strings.HasPrefix(h.ID, "10/2019/NĐ-CP") && (h.Status == nil || h.Status.State != "replaced" || !strings.Contains(h.Status.Text, "168/2024/NĐ-CP")) {
			t.Errorf("hit %s: status %+v, want replaced by 168/2024/NĐ-CP", h.ID, h.Status)
		}
		if strings.HasPrefix(h.ID, "168/2024/NĐ-CP") && h.Status != nil {
			t.Errorf("hit %s: status %+v, want none", h.ID, h.Status)
		}
	}
	for state, want := range map[string]int{"replaced": 2, "amended": 1, index.StatusInForce: counts[index.StatusInForce]} {
		res := search("q=" + url.QueryEscape("nghị định") + "&status=" + state)
		if res.Total != uint64(want) {
			t.Errorf("status=%s: %d hits, want %d", state, res.Total, want)
		}
		for _, h := range res.Hits {
			got := index.StatusInForce
			if h.Status != nil {
				got = h.Status.State
			}
			if got != state {
				t.Errorf("status=%s: hit %s is %s", state, h.ID, got)
			}
		}
	}
	resp, b := f.do(t, "GET", "/?q="+url.QueryEscape("nghị định"), nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("page: %d", resp.StatusCode)
	}
	for _, w := range []string{"Hiệu lực", "Bị thay thế", "status=replaced", "Bị thay thế bởi Nghị định 168/2024/NĐ-CP"} {
		if !bytes.Contains(b, []byte(w)) {
			t.Errorf("search page lacks %q", w)
		}
	}
	// New words typed in the box keep every filter clicked: the box sends
	// them again as hidden fields.
	resp, b = f.do(t, "GET", "/?q="+url.QueryEscape("nghị định")+"&status=replaced&issuer="+url.QueryEscape("Chính phủ")+"&type="+url.QueryEscape("Nghị định")+"&year=2021", nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("page with filters: %d", resp.StatusCode)
	}
	for _, w := range []string{`name="status" value="replaced"`, `name="issuer" value="Chính phủ"`, `name="type" value="Nghị định"`, `name="year" value="2021"`} {
		if !bytes.Contains(b, []byte(w)) {
			t.Errorf("the search box does not keep the filter %s", w)
		}
	}
}

// TestDocumentTextEscaped: a document's text is data, never markup.
func TestDocumentTextEscaped(t *testing.T) {
	f := newFixture(t, Options{})
	for _, p := range []string{"/van-ban/" + esc("21-KH/TU"), "/?q=" + url.QueryEscape("alert")} {
		resp, b := f.do(t, "GET", p, nil, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", p, resp.StatusCode)
		}
		if bytes.Contains(b, []byte(`<script>alert`)) {
			t.Errorf("%s: the document's <script> reached the page unescaped", p)
		}
		if !bytes.Contains(b, []byte(`&lt;script&gt;`)) {
			t.Errorf("%s: the document's text is not shown escaped", p)
		}
	}
}

func upload(t *testing.T, files map[string][]byte) (io.Reader, string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for name, data := range files {
		w, err := mw.CreateFormFile("files", name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	mw.Close()
	return &b, mw.FormDataContentType()
}

// TestUploadAndDownload: two files uploaded with the token land in the
// store and are found; the original comes back by its hash; an upload over
// the limit is 413, a read-only server refuses, a file name cannot climb out.
func TestUploadAndDownload(t *testing.T) {
	f := newFixture(t, Options{Token: token, MaxUpload: 64 << 10})
	one := strings.Replace(planB, "22-KH/TU", "31-KH/TU", 1)
	two := strings.Replace(planB, "22-KH/TU", "32-KH/TU", 1)
	body, ct := upload(t, map[string][]byte{"ke-hoach-31.txt": []byte(one), "ke-hoach-32.txt": []byte(two)})
	resp, b := f.do(t, "POST", "/api/ingest?wait=1", body, map[string]string{"Content-Type": ct, "Authorization": "Bearer " + token})
	if resp.StatusCode != 200 {
		t.Fatalf("upload: %d %s", resp.StatusCode, b)
	}
	var j Job
	if err := json.Unmarshal(b, &j); err != nil {
		t.Fatal(err)
	}
	if j.State != "done" || j.Report == nil || j.Report.Added != 2 || len(j.Joined) != 2 {
		t.Fatalf("job: %s", b)
	}
	resp, b = f.do(t, "GET", "/api/search?q="+url.QueryEscape("31-KH/TU"), nil, nil)
	if resp.StatusCode != 200 || !bytes.Contains(b, []byte("31-KH/TU:2022:thanh-hoa")) {
		t.Fatalf("the uploaded document is not found: %d %s", resp.StatusCode, b)
	}
	sum := sha256.Sum256([]byte(one))
	resp, b = f.do(t, "GET", "/api/download/"+hex.EncodeToString(sum[:]), nil, nil)
	if resp.StatusCode != 200 || string(b) != one {
		t.Fatalf("download: %d, %d bytes", resp.StatusCode, len(b))
	}
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "ke-hoach-31.txt") {
		t.Errorf("Content-Disposition %q", cd)
	}
	big, ct := upload(t, map[string][]byte{"big.txt": bytes.Repeat([]byte("dân vận "), 20000)})
	resp, b = f.do(t, "POST", "/api/ingest", big, map[string]string{"Content-Type": ct, "X-Vanban-Token": token})
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized upload: %d %s", resp.StatusCode, b)
	}
	evil, ct := upload(t, map[string][]byte{"../../evil.txt": []byte(one)})
	resp, b = f.do(t, "POST", "/api/ingest?wait=1", evil, map[string]string{"Content-Type": ct, "X-Vanban-Token": token})
	if resp.StatusCode != 200 {
		t.Fatalf("upload with a path in its name: %d %s", resp.StatusCode, b)
	}
	if _, err := os.Stat(filepath.Join(f.a.Dir(), "..", "evil.txt")); err == nil {
		t.Errorf("an uploaded file escaped the uploads folder")
	}
	hidden, ct := upload(t, map[string][]byte{"..": []byte(one)})
	resp, _ = f.do(t, "POST", "/api/ingest", hidden, map[string]string{"Content-Type": ct, "X-Vanban-Token": token})
	if resp.StatusCode != 400 {
		t.Errorf("upload named ..: %d", resp.StatusCode)
	}

	ro := newFixture(t, Options{})
	body, ct = upload(t, map[string][]byte{"x.txt": []byte(one)})
	resp, b = ro.do(t, "POST", "/api/ingest", body, map[string]string{"Content-Type": ct, "X-Vanban-Token": "anything"})
	if resp.StatusCode != 403 || !bytes.Contains(b, []byte("read-only")) {
		t.Errorf("read-only server: %d %s", resp.StatusCode, b)
	}
}

// TestCorrectionSurvivesReingest: a correction is shown with who/when, is
// kept through `ingest --force`, and undone.
func TestCorrectionSurvivesReingest(t *testing.T) {
	f := newFixture(t, Options{Token: token})
	hdr := map[string]string{"X-Vanban-Token": token, "Content-Type": "application/json"}
	key := "sha:" // the weak note has no symbol: its id is its hash
	ws, err := f.a.Weak(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ws {
		if strings.HasSuffix(w.Doc.Path, "ghi-chep.txt") {
			key = w.Doc.Key
		}
	}
	if key == "sha:" {
		t.Fatalf("the note is not in the review list: %+v", ws)
	}
	resp, b := f.do(t, "POST", "/api/review", strings.NewReader(`{"document":"`+key+`","field":"symbol","value":"05-BB/CB","who":"Nguyễn Văn An"}`), hdr)
	if resp.StatusCode != 201 {
		t.Fatalf("correct: %d %s", resp.StatusCode, b)
	}
	var o corpus.Override
	json.Unmarshal(b, &o)
	check := func(when string, want string) {
		t.Helper()
		resp, b := f.do(t, "GET", "/api/documents/"+esc(key), nil, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", when, resp.StatusCode, b)
		}
		var sh index.Shown
		json.Unmarshal(b, &sh)
		if string(sh.Symbol) != want {
			t.Errorf("%s: symbol %q, want %q", when, sh.Symbol, want)
		}
		if want != "" && (len(sh.Overrides) != 1 || sh.Overrides[0].Who != "Nguyễn Văn An" || sh.Overrides[0].At == "") {
			t.Errorf("%s: overrides %+v", when, sh.Overrides)
		}
	}
	check("after the correction", "05-BB/CB")
	resp, b = f.do(t, "GET", "/api/review", nil, nil)
	if bytes.Contains(b, []byte(`"`+key+`"`)) && bytes.Contains(b, []byte("no_symbol")) && strings.Count(string(b), key) > 0 {
		var list []corpus.WeakDoc
		json.Unmarshal(b, &list)
		for _, w := range list {
			for _, r := range w.Reasons {
				if w.Doc.Key == key && r == corpus.WeakNoSymbol {
					t.Errorf("a corrected symbol is still listed as missing")
				}
			}
		}
	}
	if _, _, err := f.a.Ingest(context.Background(), []string{f.input}, index.IngestOptions{Force: true, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	check("after ingest --force", "05-BB/CB")
	resp, b = f.do(t, "GET", "/api/search?q="+url.QueryEscape("05-BB/CB"), nil, nil)
	if !bytes.Contains(b, []byte(key)) {
		t.Errorf("the corrected symbol is not searchable: %s", b)
	}
	resp, b = f.do(t, "POST", "/api/review/"+jsonNumber(o.ID)+"/undo", strings.NewReader(`{"who":"Trần Thị Bình"}`), hdr)
	if resp.StatusCode != 200 {
		t.Fatalf("undo: %d %s", resp.StatusCode, b)
	}
	check("after undo", "")
	hist, _ := f.a.Store().OverrideHistory(context.Background(), key)
	if len(hist) != 1 || hist[0].UndoneBy != "Trần Thị Bình" {
		t.Errorf("history %+v", hist)
	}
}

func jsonNumber(n int64) string { b, _ := json.Marshal(n); return string(b) }

// TestSocketTrusted: the store's socket answers without a token, mode 0600.
func TestSocketTrusted(t *testing.T) {
	f := newFixture(t, Options{})
	stop, err := ListenSocket(f.a)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	fi, err := os.Stat(index.SocketPath(f.a.Dir()))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("socket: %v %v", fi.Mode(), err)
	}
	if _, err := ListenSocket(f.a); err == nil {
		t.Errorf("a second listener on a live socket was allowed")
	}
}

// DELETE /api/documents/{id} forgets the document: the server's index
// drops it at once, its citers keep a stub.
func TestAPIForget(t *testing.T) {
	f := newFixture(t, Options{Token: token})
	auth := map[string]string{"X-Vanban-Token": token}
	find := func() []byte {
		t.Helper()
		resp, b := f.do(t, "GET", "/api/search?q="+url.QueryEscape("dân vận khéo"), nil, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("search: %d %s", resp.StatusCode, b)
		}
		return b
	}
	const kh = `"15-KH/ĐU:2023:lai-chau`
	if !bytes.Contains(find(), []byte(kh)) {
		t.Fatal("the plan is not found before forget")
	}
	resp, b := f.do(t, "DELETE", "/api/documents/"+esc("88-KH/HU"), nil, auth)
	if resp.StatusCode != 200 || !bytes.Contains(b, []byte(`"stub":true`)) || !bytes.Contains(b, []byte(kh)) {
		t.Fatalf("forget a cited plan: %d %s", resp.StatusCode, b)
	}
	resp, b = f.do(t, "DELETE", "/api/documents/"+esc("15-KH/ĐU"), nil, auth)
	if resp.StatusCode != 200 || !bytes.Contains(b, []byte(`"stub":false`)) {
		t.Fatalf("forget: %d %s", resp.StatusCode, b)
	}
	if bytes.Contains(find(), []byte(kh)) {
		t.Error("search still finds the forgotten plan")
	}
	resp, b = f.do(t, "GET", "/api/verify?full=true", nil, auth)
	if resp.StatusCode != 200 || !bytes.Contains(b, []byte(`"problems":[]`)) || !bytes.Contains(b, []byte(`"lag":0`)) {
		t.Errorf("verify after forget: %d %s", resp.StatusCode, b)
	}
}

// TestSearchPlace: the place facet of a province's search counts its hits
// by district, its links filter by the district (a linkable place=), whose
// search counts by commune; the page names the units in Vietnamese and
// keeps the filter in its search box; a bad place is a 400 naming the
// closest places.
func TestSearchPlace(t *testing.T) {
	f := newFixture(t, Options{})
	search := func(query string) index.SearchResult {
		t.Helper()
		resp, b := f.do(t, "GET", "/api/search?n=50&"+query, nil, nil)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", query, resp.StatusCode, b)
		}
		var res index.SearchResult
		if err := json.Unmarshal(b, &res); err != nil {
			t.Fatal(err)
		}
		return res
	}
	prov := search("province=" + url.QueryEscape("Bình Định"))
	districts := map[string]index.FacetTerm{}
	for _, ft := range prov.Facets["place"] {
		districts[ft.Term] = ft
	}
	// coverage: Tây Sơn, An Nhơn, Quy Nhơn, Phù Mỹ; chain: Tây Sơn and its commune.
	for slug, label := range map[string]string{"binh-dinh/tay-son": "Huyện Tây Sơn", "binh-dinh/an-nhon": "Thị xã An Nhơn",
		"binh-dinh/quy-nhon": "Thành phố Quy Nhơn", "binh-dinh/phu-my": "Huyện Phù Mỹ"} {
		if ft := districts[slug]; ft.Label != label || ft.Count == 0 {
			t.Errorf("place facet %s = %+v, want %q (facet %+v)", slug, ft, label, prov.Facets["place"])
		}
	}
	tay := districts["binh-dinh/tay-son"]
	in := search("place=" + url.QueryEscape("binh-dinh/tay-son"))
	if int(in.Total) != tay.Count || len(in.Hits) != tay.Count {
		t.Fatalf("place=binh-dinh/tay-son: %d hits (total %d), the facet said %d", len(in.Hits), in.Total, tay.Count)
	}
	for _, h := range in.Hits {
		if !strings.Contains(h.ID, ":binh-dinh/tay-son") {
			t.Errorf("place=binh-dinh/tay-son kept %s", h.ID)
		}
	}
	var communes []string
	for _, ft := range in.Facets["place"] {
		if !strings.HasPrefix(ft.Term, "binh-dinh/tay-son/") {
			t.Errorf("commune facet of Tây Sơn has %+v", ft)
		}
		communes = append(communes, ft.Label)
	}
	if len(communes) == 0 {
		t.Errorf("no commune facet under Tây Sơn: %+v", in.Facets)
	}

	resp, b := f.do(t, "GET", "/?province="+url.QueryEscape("Bình Định"), nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("page: %d", resp.StatusCode)
	}
	for _, w := range []string{`id="facet-place"`, "Huyện/xã", "Huyện Tây Sơn", "Thị xã An Nhơn", "place=binh-dinh%2Ftay-son"} {
		if !bytes.Contains(b, []byte(w)) {
			t.Errorf("search page of Bình Định lacks %q", w)
		}
	}
	resp, b = f.do(t, "GET", "/?q=&place="+url.QueryEscape("binh-dinh/tay-son"), nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("page: %d", resp.StatusCode)
	}
	for _, w := range []string{"Huyện/xã: Huyện Tây Sơn, Bình Định", `name="place" value="binh-dinh/tay-son"`, communes[0], strconv.Itoa(tay.Count) + " kết quả"} {
		if !bytes.Contains(b, []byte(w)) {
			t.Errorf("search page of Tây Sơn lacks %q", w)
		}
	}
	resp, b = f.do(t, "GET", "/api/search?place="+url.QueryEscape("Tây Sơnn Bìnhh"), nil, nil)
	if resp.StatusCode != 400 || !bytes.Contains(b, []byte("closest")) {
		t.Errorf("bad place: %d %s", resp.StatusCode, b)
	}
}

// TestJobsSurviveRestart: an upload's job answers what became of each file
// (a new document, a duplicate, a failure with its reason); after a restart
// the job list (API and the Nhập văn bản page) still has the job, its
// report and each file's outcome.
func TestJobsSurviveRestart(t *testing.T) {
	f := newFixture(t, Options{Token: token})
	one := strings.Replace(planB, "22-KH/TU", "41-KH/TU", 1)
	body, ct := upload(t, map[string][]byte{"ke-hoach-41.txt": []byte(one), "ban-sao-41.txt": []byte(one),
		"hong.pdf": []byte("%PDF-1.4 broken")})
	resp, b := f.do(t, "POST", "/api/ingest?wait=1", body, map[string]string{"Content-Type": ct, "Authorization": "Bearer " + token})
	if resp.StatusCode != 200 {
		t.Fatalf("upload: %d %s", resp.StatusCode, b)
	}
	var j Job
	if err := json.Unmarshal(b, &j); err != nil {
		t.Fatal(err)
	}
	outcomes := func(j Job) map[string]corpus.FileOutcome {
		m := map[string]corpus.FileOutcome{}
		for _, fo := range j.Files {
			m[filepath.Base(fo.Path)] = fo
		}
		return m
	}
	check := func(j Job) {
		t.Helper()
		o := outcomes(j)
		if j.State != corpus.JobDone || j.Report == nil || j.Report.Added != 1 || j.Report.Duplicates != 1 || j.Report.Failed != 1 || len(o) != 3 {
			t.Fatalf("job %+v, files %+v", j, j.Files)
		}
		var added, dup string
		for _, name := range []string{"ke-hoach-41.txt", "ban-sao-41.txt"} {
			switch o[name].Outcome {
			case "added":
				added = o[name].ID
			case "duplicate":
				dup = o[name].ID
			}
		}
		if added != "41-KH/TU:2022:thanh-hoa" || dup != added {
			t.Errorf("the plan and its copy: %+v", o)
		}
		if h := o["hong.pdf"]; h.Outcome != "failed" || h.Kind == "" || h.Message == "" {
			t.Errorf("the broken PDF: %+v", h)
		}
	}
	check(j)

	f.restart(t)
	resp, b = f.do(t, "GET", "/api/jobs", nil, nil)
	var jobs []Job
	if resp.StatusCode != 200 || json.Unmarshal(b, &jobs) != nil || len(jobs) != 1 || jobs[0].ID != j.ID {
		t.Fatalf("jobs after a restart: %d %s", resp.StatusCode, b)
	}
	check(jobs[0])
	resp, b = f.do(t, "GET", "/api/jobs/"+strconv.FormatInt(j.ID, 10), nil, nil)
	var again Job
	if resp.StatusCode != 200 || json.Unmarshal(b, &again) != nil {
		t.Fatalf("job %d after a restart: %d %s", j.ID, resp.StatusCode, b)
	}
	check(again)
	resp, b = f.do(t, "GET", "/nhap", nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("ingest page: %d", resp.StatusCode)
	}
	for _, w := range []string{"job-" + strconv.FormatInt(j.ID, 10), "xong", "tải lên", "ke-hoach-41.txt", "ban-sao-41.txt", "hong.pdf",
		"trùng nội dung", `class="out-failed"`, "Kế hoạch 41-KH/TU", "1 mới"} {
		if !bytes.Contains(b, []byte(w)) {
			t.Errorf("the ingest page after a restart lacks %q", w)
		}
	}
}

// TestUnfinishedJobGoesOn: a job the last server left running (it died in
// the middle) is queued again by the next server, which ingests its files
// without being asked; the job says it was resumed.
func TestUnfinishedJobGoesOn(t *testing.T) {
	f := newFixture(t, Options{Token: token})
	ctx := context.Background()
	in := filepath.Join(t.TempDir(), "den-sau")
	os.MkdirAll(in, 0o755)
	os.WriteFile(filepath.Join(in, "ke-hoach-43.txt"), []byte(strings.Replace(planB, "22-KH/TU", "43-KH/TU", 1)), 0o644)
	j, err := f.a.Store().AddJob(ctx, "folder", []string{in})
	if err != nil {
		t.Fatal(err)
	}
	j.State = corpus.JobRunning
	if err := f.a.Store().UpdateJob(ctx, j); err != nil {
		t.Fatal(err)
	}
	f.restart(t)
	var got Job
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		resp, b := f.do(t, "GET", "/api/jobs/"+strconv.FormatInt(j.ID, 10), nil, nil)
		if resp.StatusCode != 200 || json.Unmarshal(b, &got) != nil {
			t.Fatalf("job %d: %d %s", j.ID, resp.StatusCode, b)
		}
		if got.State != corpus.JobQueued && got.State != corpus.JobRunning {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the job left running by the last server is still %s after 30 s", got.State)
		}
	}
	if got.State != corpus.JobDone || got.Resumed != 1 || got.Report == nil || got.Report.Added != 1 ||
		len(got.Files) != 1 || got.Files[0].ID != "43-KH/TU:2022:thanh-hoa" {
		t.Fatalf("the resumed job: %+v", got)
	}
	if resp, b := f.do(t, "GET", "/api/documents/"+esc("43-KH/TU:2022:thanh-hoa"), nil, nil); resp.StatusCode != 200 {
		t.Errorf("the resumed job's document: %d %s", resp.StatusCode, b)
	}
	if _, b := f.do(t, "GET", "/nhap", nil, nil); !bytes.Contains(b, []byte("tiếp tục sau khi máy chủ khởi động lại (lần 1)")) {
		t.Errorf("the ingest page does not say the job was resumed")
	}
}
