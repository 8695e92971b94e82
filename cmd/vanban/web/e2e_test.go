package web

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"vanban/index"
)

// The end-to-end tests drive Debian's chromium (installed by `make test`
// from .ci/apt-packages.txt) headless through the DevTools protocol. They
// never download a browser.
var (
	chromiumPath = flag.String("chromium", "/usr/bin/chromium", "the Chromium binary of the end-to-end tests")
	shotDir      = flag.String("screenshots", filepath.Join(os.TempDir(), "vanban-e2e-screenshots"),
		"where the end-to-end tests write their screenshots (docs/screenshots for the README)")
)

// browser starts a headless Chromium with a fresh profile and returns a
// context for chromedp.
func browser(t *testing.T, width, height int) context.Context {
	t.Helper()
	if _, err := exec.LookPath(*chromiumPath); err != nil {
		t.Fatalf("Chromium is needed for the end-to-end tests (apt-get install chromium; make deps): %v", err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(*chromiumPath),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(width, height),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelT()
		cancelC()
		cancelA()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("cannot start Chromium: %v", err)
	}
	return ctx
}

// shot writes a full-page screenshot as a test artefact.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	b, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	os.MkdirAll(*shotDir, 0o755)
	p := filepath.Join(*shotDir, name+".png")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	t.Logf("screenshot %s", p)
}

// resultsFor waits for the answer page of query q: the start page lists
// recent documents with the same .hit class, so waiting for a hit alone
// can read the page the query was typed on. The server writes the query
// into the box's value attribute; typing changes only its property.
func resultsFor(q string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(`//input[@id="q"][@value="` + q + `"]/ancestor::body//li[contains(@class,"hit")]`)
}

func textOf(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// TestBrowserAuditTrail: search "chi thi 33" → open a plan → follow a
// reference → see "Được trích dẫn bởi" → open the sơ đồ → click up a level.
func TestBrowserAuditTrail(t *testing.T) {
	f := newFixture(t, Options{Token: token})
	ctx := browser(t, 1280, 900)
	run := func(what string, acts ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, acts...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	run("open the search page", chromedp.Navigate(f.ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("q")))
	run("search", chromedp.SendKeys(chromedp.ID("q"), "chi thi 33"), chromedp.Submit(chromedp.ID("q")),
		resultsFor("chi thi 33"))
	if hits := textOf(t, ctx, ".hitlist"); !strings.Contains(hits, "45-KH/ĐU") || !strings.Contains(hits, "512-KL/TU") {
		t.Fatalf("hits for chi thi 33: %s", hits)
	}
	if m := textOf(t, ctx, ".matches"); !strings.Contains(m, "33/CT-TTg") {
		t.Errorf("the symbol box does not name Chỉ thị 33/CT-TTg: %s", m)
	}
	shot(t, ctx, "tim-kiem")
	run("open the plan", chromedp.Click(`//a[contains(@class,"hit-title")][contains(., "45-KH/ĐU")]`),
		chromedp.WaitVisible(chromedp.ID("cited-by")))
	if h := textOf(t, ctx, "h1"); !strings.Contains(h, "Kế hoạch") || !strings.Contains(h, "45-KH/ĐU") {
		t.Fatalf("plan page title: %s", h)
	}
	shot(t, ctx, "van-ban")
	run("follow the reference", chromedp.Click(`//div[@class="fulltext"]//a[contains(., "33/CT-TTg")]`),
		chromedp.WaitVisible(chromedp.ID("cited-by")))
	cb := textOf(t, ctx, "#cited-by")
	if !strings.Contains(cb, "Được trích dẫn bởi (2)") || !strings.Contains(cb, "512-KL/TU") || !strings.Contains(cb, "Thủ tướng") {
		t.Fatalf("cited by of 33/CT-TTg: %s", cb)
	}
	if h := textOf(t, ctx, "h1"); !strings.Contains(h, "chưa có văn bản") {
		t.Errorf("the stub is not marked: %s", h)
	}
	shot(t, ctx, "van-ban-chua-co")
	run("open the citing conclusion", chromedp.Click(`//section[@id="cited-by"]//a[contains(., "512-KL/TU")]`),
		chromedp.WaitVisible(chromedp.ID("cited-by")))
	run("open its sơ đồ", chromedp.Click(`//p[@class="actions"]/a[contains(., "văn bản này thực hiện")]`),
		chromedp.WaitVisible(chromedp.CSS("figure.graph svg")))
	if h := textOf(t, ctx, "h1"); !strings.Contains(h, "512-KL/TU") {
		t.Fatalf("graph title: %s", h)
	}
	g := textOf(t, ctx, "figure.graph")
	if !strings.Contains(g, "47-CT/TW") || !strings.Contains(g, "thực hiện") {
		t.Fatalf("the graph lacks the directive or the relation: %s", g)
	}
	shot(t, ctx, "so-do")
	// Up a level: click the node of the directive in the drawing.
	clicked, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		for (const a of document.querySelectorAll("figure.graph svg a")) {
			const h = a.getAttribute("href") || a.getAttribute("xlink:href") || "";
			if (decodeURIComponent(h).includes("47-CT/TW")) { a.dispatchEvent(new MouseEvent("click", {bubbles: true})); return true; }
		}
		return false;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !clicked {
		t.Fatal("no clickable node for 47-CT/TW in the graph")
	}
	run("wait for the parent's graph", chromedp.WaitVisible(`//h1[contains(., "47-CT/TW")]`))
	if h := textOf(t, ctx, "h1"); !strings.Contains(h, "Sơ đồ") || !strings.Contains(h, "Chỉ thị") {
		t.Errorf("after clicking up a level: %s", h)
	}
}

// TestBrowserUpload: two files uploaded with the token land in the store,
// with live progress and the documents they made.
func TestBrowserUpload(t *testing.T) {
	f := newFixture(t, Options{Token: token})
	dir := t.TempDir()
	a := filepath.Join(dir, "ke-hoach-41.txt")
	b := filepath.Join(dir, "ke-hoach-42.txt")
	os.WriteFile(a, []byte(strings.Replace(planB, "22-KH/TU", "41-KH/TU", 1)), 0o644)
	os.WriteFile(b, []byte(strings.Replace(planB, "22-KH/TU", "42-KH/TU", 1)), 0o644)
	ctx := browser(t, 1100, 900)
	err := chromedp.Do(ctx,
		chromedp.Navigate(f.ts.URL+"/nhap"),
		chromedp.WaitVisible(chromedp.ID("files")),
		chromedp.SendKeys(chromedp.ID("token"), token),
		chromedp.SetUploadFiles(chromedp.ID("files"), []string{a, b}),
		chromedp.Click(chromedp.CSS(`#upload button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#report li.landed`)),
	)
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	rep := textOf(t, ctx, "#report")
	if !strings.Contains(rep, "2 mới") || !strings.Contains(rep, "41-KH/TU") || !strings.Contains(rep, "42-KH/TU") {
		t.Fatalf("report: %s", rep)
	}
	if st := textOf(t, ctx, "#stats"); !strings.Contains(st, "2/2 tệp") || !strings.Contains(st, "xong") {
		t.Errorf("progress: %s", st)
	}
	shot(t, ctx, "nhap-van-ban")
	res, err := f.a.Search(context.Background(), index.Query{Text: "42-KH/TU"})
	if err != nil || res.Total == 0 {
		t.Errorf("the uploaded plan is not searchable: %v %+v", err, res)
	}
	// Without the token the upload is refused and says so.
	err = chromedp.Do(ctx,
		chromedp.Navigate(f.ts.URL+"/nhap"),
		chromedp.WaitVisible(chromedp.ID("files")),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Evaluate[any](`sessionStorage.clear(); document.querySelector("#token").value = ""`)(ctx, tg)
			return err
		}),
		chromedp.SetUploadFiles(chromedp.ID("files"), []string{a}),
		chromedp.Click(chromedp.CSS(`#upload button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.ID("progress")),
	)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if st := textOf(t, ctx, "#stats"); !strings.Contains(st, "token") {
		t.Errorf("an upload without the token: %q", st)
	}
}

// TestBrowserReview: a field corrected on the review page survives a
// re-ingest (--force), shown as a correction with who and when.
func TestBrowserReview(t *testing.T) {
	f := newFixture(t, Options{Token: token})
	ctx := browser(t, 1200, 900)
	var key string
	ws, _ := f.a.Weak(context.Background(), 100)
	for _, w := range ws {
		if strings.HasSuffix(w.Doc.Path, "ghi-chep.txt") {
			key = w.Doc.Key
		}
	}
	if key == "" {
		t.Fatal("the note is not listed for review")
	}
	form := `form.correct[data-doc="` + key + `"]`
	err := chromedp.Do(ctx,
		chromedp.Navigate(f.ts.URL+"/ra-soat"),
		chromedp.WaitVisible(chromedp.CSS(form)),
		chromedp.SendKeys(chromedp.ID("token"), token),
		chromedp.SendKeys(chromedp.ID("who"), "Nguyễn Văn An"),
		chromedp.SetValue(chromedp.CSS(form+` select`), "symbol"),
		chromedp.SendKeys(chromedp.CSS(form+` input[name="value"]`), "05-BB/CB"),
	)
	if err != nil {
		t.Fatal(err)
	}
	shot(t, ctx, "can-ra-soat")
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(form+` button`)),
		chromedp.WaitVisible(`//ul[@class="corrections"]//li[contains(., "05-BB/CB")]`),
	)
	if err != nil {
		t.Fatalf("correct: %v", err)
	}
	if c := textOf(t, ctx, "ul.corrections"); !strings.Contains(c, "Nguyễn Văn An") {
		t.Errorf("the correction does not say who: %s", c)
	}
	if _, _, err := f.a.Ingest(context.Background(), []string{f.input}, index.IngestOptions{Force: true, Workers: 2}); err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(f.ts.URL+"/van-ban/"+esc(key)),
		chromedp.WaitVisible(chromedp.CSS(".corrected")),
	)
	if err != nil {
		t.Fatalf("document page after re-ingest: %v", err)
	}
	if c := textOf(t, ctx, ".corrected"); !strings.Contains(c, "05-BB/CB") || !strings.Contains(c, "Nguyễn Văn An") {
		t.Errorf("after re-ingest: %s", c)
	}
	if h := textOf(t, ctx, "h1"); !strings.Contains(h, "05-BB/CB") {
		t.Errorf("the corrected symbol is not the title after re-ingest: %s", h)
	}
	// Undo brings the parser's value back.
	err = chromedp.Do(ctx,
		chromedp.Navigate(f.ts.URL+"/ra-soat"),
		chromedp.WaitVisible(chromedp.CSS("button.undo")),
		chromedp.SetValue(chromedp.ID("token"), token),
		chromedp.SetValue(chromedp.ID("who"), "Trần Thị Bình"),
		chromedp.Click(chromedp.CSS("button.undo")),
		chromedp.WaitVisible(`//ul[@class="corrections"]/li[contains(., "Chưa có")]`),
	)
	if err != nil {
		t.Fatalf("undo: %v", err)
	}
}

// TestBrowserNarrow: the search page on a phone-sized screen, reached by
// keyboard only.
func TestBrowserNarrow(t *testing.T) {
	f := newFixture(t, Options{})
	ctx := browser(t, 390, 800)
	err := chromedp.Do(ctx,
		chromedp.Navigate(f.ts.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "dân vận khéo\r"),
		resultsFor("dân vận khéo"),
	)
	if err != nil {
		t.Fatal(err)
	}
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
	if err != nil {
		t.Fatal(err)
	}
	if overflow {
		t.Errorf("the page is wider than a 390 px screen")
	}
	shot(t, ctx, "tim-kiem-dien-thoai")
}
