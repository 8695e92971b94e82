package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"vanban/internal/testenv"
)

// fakeTesseract is a tesseract on PATH that logs when each OCR process
// starts and stops (and its OMP_THREAD_LIMIT), takes a while, and answers
// a few words of TSV.
const fakeTesseract = `#!/bin/sh
if [ "$1" = "--list-langs" ]; then
	echo "List of available languages in \"/fake\" (1):"; echo vie; exit 0
fi
echo "start $(date +%s%N) omp=$OMP_THREAD_LIMIT" >> "$VANBAN_FAKE_TESSERACT_LOG"
sleep 0.4
{
	printf 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n'
	printf '5\t1\t1\t1\t1\t1\t100\t100\t300\t40\t95\tKẾ\n5\t1\t1\t1\t1\t2\t420\t100\t300\t40\t95\tHOẠCH\n'
	printf '5\t1\t1\t1\t2\t1\t100\t160\t300\t40\t95\tSố\n5\t1\t1\t1\t2\t2\t420\t160\t300\t40\t95\t%s-KH/ĐU\n' "$$"
	printf '5\t1\t1\t1\t3\t1\t100\t220\t300\t40\t95\tthực\n5\t1\t1\t1\t3\t2\t420\t220\t300\t40\t95\thiện\n5\t1\t1\t1\t3\t3\t740\t220\t300\t40\t95\tnhiệm\n5\t1\t1\t1\t3\t4\t1060\t220\t300\t40\t95\tvụ\n'
} > "$2.tsv"
echo "stop $(date +%s%N)" >> "$VANBAN_FAKE_TESSERACT_LOG"
`

// scanPDF is an image-only PDF of n pages, each a page-size grey image
// (distinct by seed), which --ocr auto sends to OCR.
func scanPDF(n, seed int) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offs []int
	obj := func(s string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), s)
	}
	kids := ""
	for i := 0; i < n; i++ {
		kids += fmt.Sprintf("%d 0 R ", 3+3*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, n))
	for i := 0; i < n; i++ {
		p := 3 + 3*i
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>", p+2, p+1))
		content := "q 595 0 0 842 0 0 cm /Im1 Do Q"
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
		img := make([]byte, 40*40)
		for k := range img {
			img[k] = byte(255 - (k*7+seed*31+i*13)%64)
		}
		obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width 40 /Height 40 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d >>\nstream\n%s\nendstream", len(img), img))
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, x)
	return b.Bytes()
}

// TestOCRPool: an ingest of several multi-page scans with -j 3 never runs
// more than 3 tesseract processes at once (before the run's pool, each of
// the 3 files in flight OCRed its pages NumCPU at a time), runs them in
// parallel, and each with OMP_THREAD_LIMIT=1. A fake tesseract on PATH
// logs every process's start and stop.
func TestOCRPool(t *testing.T) {
	testenv.Tool(t, "pdftoppm")
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	os.MkdirAll(bin, 0o755)
	if err := os.WriteFile(filepath.Join(bin, "tesseract"), []byte(fakeTesseract), 0o755); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	const files, pages, jobs = 5, 4, 3
	for i := 0; i < files; i++ {
		if err := os.WriteFile(filepath.Join(in, fmt.Sprintf("scan-%d.pdf", i)), scanPDF(pages, i), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	log := filepath.Join(dir, "tesseract.log")
	cmd := exec.Command(binary, "ingest", "-q", "--no-index", "-j", strconv.Itoa(jobs), "--store", filepath.Join(dir, "store"), in)
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), "VANBAN_FAKE_TESSERACT_LOG="+log)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), fmt.Sprintf("%d added", files)) {
		t.Errorf("ingest did not store the %d scans:\n%s", files, out)
	}
	f, err := os.Open(log)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type event struct {
		at    int64
		delta int
	}
	var evs []event
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			t.Fatalf("bad log line %q", sc.Text())
		}
		at, err := strconv.ParseInt(fields[1], 10, 64)
		if err != nil {
			t.Fatalf("bad log line %q", sc.Text())
		}
		switch fields[0] {
		case "start":
			evs = append(evs, event{at, +1})
			if len(fields) < 3 || fields[2] != "omp=1" {
				t.Errorf("tesseract started without OMP_THREAD_LIMIT=1: %q", sc.Text())
			}
		case "stop":
			evs = append(evs, event{at, -1})
		}
	}
	// Stops before starts at the same instant: a slot freed is taken next.
	sort.Slice(evs, func(i, j int) bool {
		return evs[i].at < evs[j].at || evs[i].at == evs[j].at && evs[i].delta < evs[j].delta
	})
	running, peak, started := 0, 0, 0
	for _, e := range evs {
		running += e.delta
		peak = max(peak, running)
		if e.delta > 0 {
			started++
		}
	}
	t.Logf("%d tesseract processes for %d files × %d pages, at most %d at once (-j %d)", started, files, pages, peak, jobs)
	if started != files*pages {
		t.Errorf("%d tesseract processes, want one per page: %d", started, files*pages)
	}
	if peak > jobs {
		t.Errorf("%d tesseract processes at once, over -j %d", peak, jobs)
	}
	if peak < 2 {
		t.Errorf("at most %d tesseract process at once: the pool does not run pages in parallel", peak)
	}
}
