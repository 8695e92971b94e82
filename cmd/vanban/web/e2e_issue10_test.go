package web

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"vanban/corpus"
)

// texts are the texts of the elements sel matches, in order.
func texts(t *testing.T, ctx context.Context, sel string) []string {
	t.Helper()
	out, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll(`+"`"+sel+"`"+`)].map(e => e.textContent.trim())`))
	if err != nil {
		t.Fatalf("texts of %s: %v", sel, err)
	}
	return out
}

// TestBrowserCoverage: a provincial conclusion's page shows its tasks (lead,
// deadline, reporting duty); its Thực hiện tab lists who was told to act,
// the plans each issued and the districts with nothing yet, the same as
// Store.Coverage (the function `vanban coverage` prints); a plan listed
// there opens.
func TestBrowserCoverage(t *testing.T) {
	f := newFixture(t, Options{})
	bg := context.Background()
	d, err := f.a.Resolve(bg, "45-KL/TU:2022:binh-dinh")
	if err != nil {
		t.Fatal(err)
	}
	cv, err := f.a.Store().Coverage(bg, d)
	if err != nil {
		t.Fatal(err)
	}
	var wantMissing, wantDone []string
	for _, im := range cv.Implementers {
		switch {
		case len(im.Documents) > 0:
			wantDone = append(wantDone, im.Body)
		case im.Kind != "class":
			wantMissing = append(wantMissing, im.Body)
		}
	}
	if !slices.Contains(wantMissing, "Huyện ủy An Lão") || !slices.Contains(wantDone, "Huyện ủy Tây Sơn") {
		t.Fatalf("the fixture's coverage changed: done %v, missing %v", wantDone, wantMissing)
	}
	ctx := browser(t, 1200, 900)
	run := func(what string, acts ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, acts...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	run("search the conclusion", chromedp.Navigate(f.ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "45-KL/TU"), chromedp.Submit(chromedp.ID("q")), resultsFor("45-KL/TU"))
	run("open it", chromedp.Click(`//a[contains(@class,"hit-title")][contains(., "45-KL/TU")]`),
		chromedp.WaitVisible(chromedp.ID("tasks")))
	tasks := textOf(t, ctx, "#tasks")
	for _, w := range []string{"Nhiệm vụ", "Chủ trì", "Các huyện ủy, thị ủy, thành ủy", "Thời hạn", "quý II năm 2022", "30/06/2022", "Báo cáo", "Ban Thường vụ Tỉnh ủy"} {
		if !strings.Contains(tasks, w) {
			t.Errorf("the tasks of 45-KL/TU lack %q: %s", w, tasks)
		}
	}
	shot(t, ctx, "van-ban-nhiem-vu")
	run("open the Thực hiện tab", chromedp.Click(chromedp.ID("tab-coverage")), chromedp.WaitVisible(chromedp.ID("coverage")))
	if s := textOf(t, ctx, "#coverage .summary"); !strings.Contains(s, cv.Summary[0].Text) || !strings.Contains(s, "4/11 huyện ủy, thị ủy, thành ủy đã có kế hoạch") {
		t.Errorf("summary: %s", s)
	}
	missing := texts(t, ctx, "#coverage tr.missing td:first-child")
	if !slices.Equal(missing, wantMissing) {
		t.Errorf("bodies with nothing yet on the page %v, coverage says %v", missing, wantMissing)
	}
	var done []string
	for _, b := range texts(t, ctx, "#coverage tr.done td:first-child") {
		if b != "" {
			done = append(done, b)
		}
	}
	if !slices.Equal(done, wantDone) {
		t.Errorf("bodies with a document on the page %v, coverage says %v", done, wantDone)
	}
	if cur := textOf(t, ctx, `nav.tabs a[aria-current="page"]`); cur != "Thực hiện" {
		t.Errorf("current tab %q", cur)
	}
	shot(t, ctx, "van-ban-thuc-hien")
	run("open Tây Sơn's plan", chromedp.Click(`//tr[contains(@class,"done")]//a[contains(., "58-KH/HU")]`),
		chromedp.WaitVisible(chromedp.ID("cited-by")))
	if h := textOf(t, ctx, "h1"); !strings.Contains(h, "58-KH/HU") {
		t.Errorf("the plan's page: %s", h)
	}
	if impl := textOf(t, ctx, "#impl-h + ul"); !strings.Contains(impl, "45-KL/TU") {
		t.Errorf("Tây Sơn's plan does not say it implements 45-KL/TU: %s", impl)
	}
}

// TestBrowserPlaceFacet: a search narrowed to a province offers its
// districts with counts; a district clicked keeps only its documents and
// offers its communes; the page's address, opened again, gives the same
// answer (a filtered search can be linked).
func TestBrowserPlaceFacet(t *testing.T) {
	f := newFixture(t, Options{})
	ctx := browser(t, 1200, 900)
	run := func(what string, acts ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, acts...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	run("search", chromedp.Navigate(f.ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "ke hoach"), chromedp.Submit(chromedp.ID("q")), resultsFor("ke hoach"))
	run("click the province", chromedp.Click(`//section[@id="facet-province"]//a[contains(., "Bình Định")]`),
		chromedp.WaitVisible(chromedp.ID("facet-place")))
	districts := texts(t, ctx, "#facet-place li")
	var tay string
	for _, d := range districts {
		if strings.HasPrefix(d, "Huyện Tây Sơn") {
			tay = d
		}
	}
	if tay == "" || !slices.ContainsFunc(districts, func(s string) bool { return strings.HasPrefix(s, "Thị xã An Nhơn") }) {
		t.Fatalf("the districts of Bình Định: %v", districts)
	}
	shot(t, ctx, "tim-kiem-huyen")
	count := strings.TrimSpace(strings.TrimPrefix(tay, "Huyện Tây Sơn"))
	run("click Tây Sơn", chromedp.Click(`//section[@id="facet-place"]//a[contains(., "Huyện Tây Sơn")]`),
		chromedp.WaitVisible(`//p[@class="filters"]//a[contains(., "Huyện Tây Sơn")]`))
	if h := textOf(t, ctx, "#h-h"); !strings.HasPrefix(h, count+" kết quả") {
		t.Errorf("the facet counted %s for Tây Sơn, the page has %q", count, h)
	}
	hits := texts(t, ctx, "li.hit a.hit-title")
	hrefs := texts(t, ctx, "li.hit") // the identity lines
	if len(hits) == 0 || len(hrefs) != len(hits) {
		t.Fatalf("hits in Tây Sơn: %v", hits)
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("li.hit a.hit-title")].map(a => decodeURIComponent(a.getAttribute("href")))`))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range links {
		if !strings.Contains(l, ":binh-dinh/tay-son") {
			t.Errorf("a hit of Tây Sơn's search is elsewhere: %s", l)
		}
	}
	communes := texts(t, ctx, "#facet-place li")
	if len(communes) == 0 || !strings.HasPrefix(communes[0], "Xã ") {
		t.Errorf("the communes of Tây Sơn: %v", communes)
	}
	shot(t, ctx, "tim-kiem-tay-son")
	addr, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(addr, "place=binh-dinh%2Ftay-son") {
		t.Errorf("the address does not hold the place: %s", addr)
	}
	// The same address in a fresh browser.
	ctx2 := browser(t, 1000, 800)
	if err := chromedp.Do(ctx2, chromedp.Navigate(addr), chromedp.WaitVisible(chromedp.ID("h-h"))); err != nil {
		t.Fatal(err)
	}
	if again := texts(t, ctx2, "li.hit a.hit-title"); !slices.Equal(again, hits) {
		t.Errorf("the linked search gives %v, the clicked one %v", again, hits)
	}
	// A new query typed in the box keeps the place.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.querySelector("#q").value = "", true)`)); err != nil {
		t.Fatal(err)
	}
	run("search within Tây Sơn", chromedp.SendKeys(chromedp.ID("q"), "đại hội"),
		chromedp.Submit(chromedp.ID("q")), chromedp.WaitVisible(`//input[@id="q"][@value="đại hội"]`))
	addr, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`location.href`))
	if !strings.Contains(addr, "place=binh-dinh%2Ftay-son") {
		t.Errorf("a query typed in Tây Sơn's search lost the place: %s", addr)
	}
}

// TestBrowserJobsAfterRestart: files uploaded on the Nhập văn bản page show
// what became of each (new, duplicate, failed with its reason); after the
// server restarts, the page still lists the job and each file's outcome.
func TestBrowserJobsAfterRestart(t *testing.T) {
	f := newFixture(t, Options{Token: token})
	dir := t.TempDir()
	plan := filepath.Join(dir, "ke-hoach-51.txt")
	copyOf := filepath.Join(dir, "ban-sao-51.txt")
	broken := filepath.Join(dir, "hong.pdf")
	body := []byte(strings.Replace(planB, "22-KH/TU", "51-KH/TU", 1))
	os.WriteFile(plan, body, 0o644)
	os.WriteFile(copyOf, body, 0o644)
	os.WriteFile(broken, []byte("%PDF-1.4 broken"), 0o644)
	ctx := browser(t, 1100, 900)
	err := chromedp.Do(ctx,
		chromedp.Navigate(f.ts.URL+"/nhap"),
		chromedp.WaitVisible(chromedp.ID("files")),
		chromedp.SendKeys(chromedp.ID("token"), token),
		chromedp.SetUploadFiles(chromedp.ID("files"), []string{plan, copyOf, broken}),
		chromedp.Click(chromedp.CSS(`#upload button[type="submit"]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	err = chromedp.Do(wctx, chromedp.WaitVisible(chromedp.CSS(`#report li.fail`)))
	cancel()
	if err != nil {
		t.Fatalf("upload: %v (%s; %s)", err, textOf(t, ctx, "#stats"), textOf(t, ctx, "#report"))
	}
	live := strings.Join(texts(t, ctx, "#report ul.files li"), "\n")
	for _, w := range []string{"mới", "trùng nội dung", "lỗi", "hong.pdf", "Kế hoạch 51-KH/TU"} {
		if !strings.Contains(live, w) {
			t.Errorf("the job's files lack %q:\n%s", w, live)
		}
	}
	jobs, err := f.s.jobs.list(context.Background())
	if err != nil || len(jobs) != 1 {
		t.Fatalf("jobs: %+v %v", jobs, err)
	}
	id := jobs[0].ID

	f.restart(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(f.ts.URL+"/nhap"), chromedp.WaitReady(chromedp.ID("jobs"))); err != nil {
		t.Fatal(err)
	}
	wctx, cancel = context.WithTimeout(ctx, 10*time.Second)
	err = chromedp.Do(wctx, chromedp.WaitVisible(chromedp.CSS(`#jobs li.job table.files`)))
	cancel()
	if err != nil {
		t.Fatalf("the ingest page after a restart: %v (%s)", err, textOf(t, ctx, "#jobs"))
	}
	rows := texts(t, ctx, "#jobs li.job table.files tbody tr")
	if len(rows) != 3 {
		t.Fatalf("files of the job after a restart: %v", rows)
	}
	byName := map[string]string{}
	for _, r := range rows {
		for _, n := range []string{"ke-hoach-51.txt", "ban-sao-51.txt", "hong.pdf"} {
			if strings.Contains(r, n) {
				byName[n] = r
			}
		}
	}
	if !strings.Contains(byName["hong.pdf"], "lỗi") {
		t.Errorf("the broken PDF after a restart: %q", byName["hong.pdf"])
	}
	outs := byName["ke-hoach-51.txt"] + "\n" + byName["ban-sao-51.txt"]
	if !strings.Contains(outs, "mới") || !strings.Contains(outs, "trùng nội dung") || strings.Count(outs, "Kế hoạch 51-KH/TU") != 2 {
		t.Errorf("the plan and its copy after a restart:\n%s", outs)
	}
	head := textOf(t, ctx, "#jobs li.job p")
	if !strings.Contains(head, "xong") || !strings.Contains(head, "tải lên") || !strings.Contains(head, "1 mới") {
		t.Errorf("the job's line after a restart: %s", head)
	}
	shot(t, ctx, "nhap-van-ban-sau-khoi-dong-lai")
	// Its document opens from the list.
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("table.files a")].find(a => a.textContent.includes("51-KH/TU")).href`))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(href), chromedp.WaitVisible(chromedp.ID("cited-by"))); err != nil {
		t.Fatal(err)
	}
	if h := textOf(t, ctx, "h1"); !strings.Contains(h, "51-KH/TU") {
		t.Errorf("the document of job %d: %s", id, h)
	}
	if j, ok, _ := f.a.Store().JobByID(context.Background(), id); !ok || j.State != corpus.JobDone {
		t.Errorf("job %d is not in the store", id)
	}
}
