// Command mkfaults writes the adversarial batch: damaged and hostile files
// of every format vanban reads, each beside a good file of its kind, and
// OUTDIR.tsv (testdata/faults.tsv, beside the folder so that an ingest of
// the folder does not read it) naming each file with what it is and what ingest must do:
//
//	go run ./internal/mkfaults testdata/faults      (from the repository root)
//
// The output is deterministic (fixed seeds, fixed zip times; the damaged
// PDFs, DOCX and RTF are cut from the fixtures of testdata/extract), so the
// committed files can be made again and compared. Bombs stay small on disk
// (deflate gives at most ≈ 1 000:1, so the DOCX whose document.xml inflates
// to 1 GiB is ≈ 1 MiB; the others inflate to 256–512 MiB). Files whose names git cannot hold well (control
// characters, newlines) and symbolic-link loops are made by the test at run
// time (cmd/vanban TestAdversarialBatch), not here.
//
// The manifest's columns: path (relative, slash-separated), want, what.
// want is "good" (must be stored without warnings) or "hostile" (must be
// refused with a reason naming it, or stored with a warning).
package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/zlib"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"log"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
)

type entry struct {
	path, want, what string
	data             []byte
}

var (
	out     string
	entries []entry
)

func add(path, want, what string, data []byte) {
	entries = append(entries, entry{path, want, what, data})
}

func good(path, what string, data []byte)    { add(path, "good", what, data) }
func hostile(path, what string, data []byte) { add(path, "hostile", what, data) }

func main() {
	log.SetFlags(0)
	root := "."
	switch len(os.Args) {
	case 2:
	case 3:
		root = os.Args[2]
	default:
		log.Fatal("usage: go run ./internal/mkfaults OUTDIR [REPO-ROOT]")
	}
	if err := write(os.Args[1], root); err != nil {
		log.Fatal(err)
	}
}

// write makes the batch in out (emptied first) and its manifest out.tsv,
// from the fixtures of the repository at root.
func write(out, root string) error {
	entries = nil
	var ferr error
	fixture := func(p string) []byte {
		b, err := os.ReadFile(filepath.Join(root, "testdata", "extract", p))
		if err != nil && ferr == nil {
			ferr = err
		}
		return b
	}
	if err := readLegacyTables(root); err != nil {
		return err
	}
	rng := rand.New(rand.NewSource(9))

	text(rng)
	pdfs(rng, fixture)
	docxs(rng, fixture)
	rtfs(fixture)
	htmls()
	images(rng, fixture)
	mismatched(fixture)
	if ferr != nil {
		return ferr
	}

	if err := os.RemoveAll(out); err != nil {
		return err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].path < entries[j].path })
	var man strings.Builder
	man.WriteString("# made by go run ./internal/mkfaults testdata/faults; path\twant (good: stored without warnings; hostile: refused or stored with a warning)\twhat\n")
	seen := map[string]bool{}
	for _, e := range entries {
		if seen[e.path] {
			return fmt.Errorf("%s made twice", e.path)
		}
		seen[e.path] = true
		p := filepath.Join(out, filepath.FromSlash(e.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, e.data, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(&man, "%s\t%s\t%s\n", e.path, e.want, e.what)
	}
	if err := os.WriteFile(filepath.Clean(out)+".tsv", []byte(man.String()), 0o644); err != nil {
		return err
	}
	n := map[string]int{}
	var size int
	for _, e := range entries {
		n[e.want]++
		size += len(e.data)
	}
	log.Printf("%d files (%d good, %d hostile), %d bytes, in %s", len(entries), n["good"], n["hostile"], size, out)
	return nil
}

// body is the text of the i-th good document: a plan of a commune, each
// with its own number so that no two good files are duplicates.
func body(i int) string {
	return fmt.Sprintf(`ĐẢNG BỘ HUYỆN TÂY SƠN
ĐẢNG ỦY XÃ BÌNH THÀNH
*
Số %d-KH/ĐU
Bình Thành, ngày %d tháng 3 năm 2023

KẾ HOẠCH
thực hiện Chỉ thị số 33/CT-TTg ngày 20/10/2021 của Thủ tướng Chính phủ
về công tác dân vận năm 2023 (bản %d)

I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt sâu sắc Chỉ thị số 33/CT-TTg đến toàn thể cán bộ, đảng viên.
2. Các chi bộ xây dựng kế hoạch cụ thể, báo cáo kết quả trước ngày 30/11/2023.

II. NHIỆM VỤ
Giao Ủy ban Mặt trận Tổ quốc xã chủ trì, phối hợp với các đoàn thể triển khai.

T/M ĐẢNG ỦY
BÍ THƯ
Nguyễn Văn An
`, 10+i, 1+i%27, i)
}

// ascii is body(i) without diacritics, for the hand-made PDFs whose
// standard font has no Vietnamese letters.
func ascii(i int) string {
	return fmt.Sprintf(`DANG BO HUYEN TAY SON
DANG UY XA BINH THANH
So %d-KH/DU
Binh Thanh, ngay %d thang 3 nam 2023
KE HOACH
thuc hien Chi thi so 33/CT-TTg ngay 20/10/2021 cua Thu tuong Chinh phu
ve cong tac dan van nam 2023 (ban %d)
I. MUC DICH, YEU CAU
1. Quan triet sau sac Chi thi so 33/CT-TTg den toan the can bo, dang vien.
2. Cac chi bo xay dung ke hoach cu the, bao cao ket qua truoc ngay 30/11/2023.
T/M DANG UY
BI THU
Nguyen Van An`, 500+i, 1+i%27, i)
}

// ---- plain text ----

func text(rng *rand.Rand) {
	good("text/good.txt", "UTF-8 text", []byte(body(1)))
	good("text/good-bom.txt", "UTF-8 text with a byte-order mark", append([]byte("\xef\xbb\xbf"), body(2)...))
	good("text/good-utf16-bom.txt", "UTF-16LE with a byte-order mark", utf16le(body(3), true))
	hostile("text/empty.txt", "0 bytes", nil)
	hostile("text/blank.txt", "only spaces and newlines", []byte(strings.Repeat(" \n\t\r\n", 2000)))
	hostile("text/nul-bytes.txt", "text with NUL bytes through it", bytes.ReplaceAll([]byte(body(4)), []byte(" "), []byte{0}))
	hostile("text/utf16le-nobom.txt", "UTF-16LE without a byte-order mark", utf16le(body(5), false))
	hostile("text/utf16be-nobom.txt", "UTF-16BE without a byte-order mark", utf16be(body(6)))
	hostile("text/tcvn3.txt", "TCVN3 (ABC) bytes in a .txt", legacy(body(7), "tcvn3"))
	hostile("text/vni.txt", "VNI bytes in a .txt", legacy(body(8), "vni"))
	// Valid UTF-8 with stray bytes cut from a legacy file and a broken
	// multi-byte sequence.
	bad := []byte(body(9))
	bad = append(bad[:200:200], append([]byte{0xff, 0xfe, 0xc3}, bad[200:]...)...)
	hostile("text/invalid-utf8.txt", "UTF-8 with invalid byte sequences", bad)
	hostile("text/latin1-garbage.txt", "random high bytes, no text", randBytes(rng, 4000, 0x80, 0xff))
	hostile("text/huge-line.txt", "one line of 512 KiB, no line break", []byte(strings.Repeat("Chỉ thị số 33/CT-TTg về công tác dân vận ", 512<<10/len("Chỉ thị số 33/CT-TTg về công tác dân vận "))))
	hostile("text/escapes.txt", "terminal escape sequences and bidi overrides in the text", []byte("\x1b]0;pwned\x07\x1b[2J\u202e"+body(10)+"\x1b[31m\x9b6n"))
	cut := body(11)
	cut = cut[:strings.LastIndexFunc(cut, func(r rune) bool { return r >= 0x80 })+1]
	hostile("text/truncated-utf8.txt", "UTF-8 cut inside a multi-byte letter", []byte(cut))
	hostile("text/long-symbols.txt", "a line of 10 000 symbols and dates", []byte(strings.Repeat("33/CT-TTg 20/10/2021 ", 10000)))
	// Deep folders: a good file 60 levels down.
	good(strings.Repeat("d/", 60)+"deep.txt", "a good text 60 folders deep", []byte(body(13)))
}

func utf16le(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xff, 0xfe)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

func utf16be(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.BigEndian.AppendUint16(b, u)
	}
	return b
}

// legacyTables maps each letter to its bytes in TCVN3 and VNI, read from
// normalize/tables.txt (the tables normalize decodes with).
var legacyTables = map[string]map[rune][]byte{}

func readLegacyTables(root string) error {
	b, err := os.ReadFile(filepath.Join(root, "normalize", "tables.txt"))
	if err != nil {
		return err
	}
	section := ""
	for _, l := range strings.Split(string(b), "\n") {
		switch {
		case l == "" || l[0] == '#':
		case l[0] == '[':
			section = strings.Trim(l, "[]")
			legacyTables[section] = map[rune][]byte{}
		default:
			hx, ch, ok := strings.Cut(l, "\t")
			bs, err := hex.DecodeString(hx)
			if !ok || err != nil {
				return fmt.Errorf("tables.txt: bad line %q", l)
			}
			legacyTables[section][[]rune(ch)[0]] = bs
		}
	}
	return nil
}

// legacy writes s in a legacy 8-bit encoding ("tcvn3", "vni").
func legacy(s, enc string) []byte {
	m := legacyTables[enc]
	var b []byte
	for _, r := range s {
		if x, ok := m[r]; ok {
			b = append(b, x...)
		} else if x, ok := m[unicode.ToLower(r)]; ok {
			// TCVN3 has few capitals: a font of its own (.VnTimeH) draws them.
			b = append(b, x...)
		} else if r < 0x80 {
			b = append(b, byte(r))
		} else {
			log.Fatalf("%q has no %s bytes", r, enc)
		}
	}
	return b
}

func randBytes(rng *rand.Rand, n int, lo, hi byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = lo + byte(rng.Intn(int(hi-lo)+1))
	}
	return b
}

// ---- PDF ----

// pdfFile assembles a PDF from its objects (1-based, "<<…>>" or with a
// stream), with a correct cross-reference table.
func pdfFile(objs []string, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, x)
	return b.Bytes()
}

func stream(dict, data string) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// contentOf lays out lines of ASCII text in Helvetica.
func contentOf(text string) string {
	var b strings.Builder
	b.WriteString("BT /F1 11 Tf 14 TL 56 790 Td\n")
	for _, l := range strings.Split(text, "\n") {
		l = strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(l)
		fmt.Fprintf(&b, "(%s) Tj T*\n", l)
	}
	b.WriteString("ET")
	return b.String()
}

const font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"

// simplePDF is a one-page typed PDF; pagesExtra goes into the Pages dictionary.
func simplePDF(content, pagesExtra string) []byte {
	return pdfFile([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 " + pagesExtra + " >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		stream("", content),
		font,
	}, "/Root 1 0 R")
}

func pdfs(rng *rand.Rand, fixture func(string) []byte) {
	typed := fixture("pdf/typed.pdf")
	good("pdf/good-typed.pdf", "a typed PDF (LibreOffice)", typed)
	good("pdf/good-simple.pdf", "a hand-made one-page PDF", simplePDF(contentOf(ascii(1)), ""))
	for _, f := range []int{1, 10, 30, 50, 70, 90, 99} {
		hostile(fmt.Sprintf("pdf/cut-%02d.pdf", f), fmt.Sprintf("a typed PDF cut at %d %% of its bytes", f), typed[:len(typed)*f/100])
	}
	// The middle taken out, the end (xref, %%EOF) kept: offsets wrong.
	hostile("pdf/hole.pdf", "a typed PDF with its middle fifth taken out (xref offsets wrong)", append(append([]byte{}, typed[:len(typed)*2/5]...), typed[len(typed)*3/5:]...))
	hostile("pdf/no-xref.pdf", "a typed PDF whose xref table and trailer are gone, %%EOF kept", append(append([]byte{}, typed[:bytes.LastIndex(typed, []byte("xref"))]...), "%%EOF\n"...))
	flipped := append([]byte{}, typed...)
	for i := 0; i < 200; i++ {
		flipped[len(typed)/10+rng.Intn(len(typed)*8/10)] ^= 0xff
	}
	hostile("pdf/flipped.pdf", "a typed PDF with 200 bytes flipped", flipped)
	hostile("pdf/encrypted.pdf", "a PDF with a user password (AES)", fixture("pdf/bad-encrypted.pdf"))
	hostile("pdf/encrypt-bogus.pdf", "a PDF whose trailer names an /Encrypt dictionary with an unknown filter", pdfFile([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		stream("", contentOf(ascii(2))),
		font,
		"<< /Filter /Nope /V 9 /R 9 /O (xxxx) /U (yyyy) /P -4 >>",
	}, "/Root 1 0 R /Encrypt 6 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]"))
	hostile("pdf/page-loop.pdf", "a page tree whose Kids hold the Pages node itself", fixture("pdf/bad-loop.pdf"))
	hostile("pdf/xref-loop.pdf", "cross-reference sections whose /Prev form a loop", fixture("pdf/bad-xref-loop.pdf"))
	hostile("pdf/xobject-loop.pdf", "a form XObject that draws itself", fixture("pdf/xobject-loop.pdf"))
	hostile("pdf/kids-cycle.pdf", "two Pages nodes that are each other's kid", pdfFile([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 2 >>",
		"<< /Type /Pages /Kids [2 0 R] /Count 2 /Parent 2 0 R >>",
	}, "/Root 1 0 R"))
	hostile("pdf/count-absurd.pdf", "a page tree claiming 2 147 483 647 pages, holding one", absurdCount(contentOf(ascii(3))))
	hostile("pdf/many-kids.pdf", "a page tree of 50 000 references to one page", manyKids(50000))
	hostile("pdf/deep-array.pdf", "a page whose Resources nest 50 000 arrays", simplePDFWith(contentOf(ascii(4)), "/Junk "+strings.Repeat("[", 50000)+strings.Repeat("]", 50000)))
	hostile("pdf/deep-dict.pdf", "a page whose Resources nest 20 000 dictionaries", simplePDFWith(contentOf(ascii(5)), "/Junk "+strings.Repeat("<</A ", 20000)+strings.Repeat(">>", 20000)))
	hostile("pdf/deep-content.pdf", "a content stream of 50 000 nested q (save) operators", simplePDF(strings.Repeat("q ", 50000)+contentOf(ascii(6)), ""))
	hostile("pdf/self-ref.pdf", "an object that is a reference to itself, as the page's content", pdfFile([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
		"4 0 R",
	}, "/Root 1 0 R"))
	hostile("pdf/flate-bomb.pdf", "a content stream that inflates to 256 MiB", flateBombPDF(256<<20))
	hostile("pdf/bad-flate.pdf", "a content stream that is not valid deflate data", simplePDFRaw("/Filter /FlateDecode", string(randBytes(rng, 3000, 0, 255))))
	hostile("pdf/length-lie.pdf", "a content stream whose /Length says 2 GB", bytes.Replace(simplePDF(contentOf(ascii(7)), ""), []byte("/Length "), []byte("/Length 2147483647 %"), 1))
	hostile("pdf/no-pages.pdf", "a catalog without a page tree", pdfFile([]string{"<< /Type /Catalog >>"}, "/Root 1 0 R"))
	hostile("pdf/zero-pages.pdf", "a page tree with no pages", pdfFile([]string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"}, "/Root 1 0 R"))
	hostile("pdf/blank-page.pdf", "one page with nothing on it", simplePDF("", ""))
	hostile("pdf/image-not-image.pdf", "a page-size JPEG image whose bytes are random", imagePDF(randBytes(rng, 5000, 0, 255)))
	hostile("pdf/header-only.pdf", "only a PDF header and %%EOF", []byte("%PDF-1.7\n%%EOF\n"))
	hostile("pdf/garbage-after-header.pdf", "a PDF header, then 20 KB of random bytes, then %%EOF", append(append([]byte("%PDF-1.5\n"), randBytes(rng, 20000, 0, 255)...), "\n%%EOF\n"...))
	hostile("pdf/huge-mediabox.pdf", "a page of 10^9 × 10^9 points with an image on it", bytes.Replace(imagePDF(randBytes(rng, 2000, 0, 255)), []byte("/MediaBox [0 0 595 842]"), []byte("/MediaBox [0 0 1000000000 1000000000]"), 1))
	hostile("pdf/font-garbage.pdf", "a font whose ToUnicode CMap is random bytes", pdfFile([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		stream("", contentOf(ascii(8))),
		"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /ToUnicode 6 0 R >>",
		stream("", "/CIDInit begincmap "+strings.Repeat("1 beginbfrange <0000> <ffff> [", 2000)+string(randBytes(rng, 2000, 0x20, 0x7e))),
	}, "/Root 1 0 R"))
}

func simplePDFWith(content, resExtra string) []byte {
	return pdfFile([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> " + resExtra + " >> /Contents 4 0 R >>",
		stream("", content),
		font,
	}, "/Root 1 0 R")
}

func simplePDFRaw(filter, data string) []byte {
	return pdfFile([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		stream(filter, data),
		font,
	}, "/Root 1 0 R")
}

func absurdCount(content string) []byte {
	return pdfFile([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		stream("", content),
		font,
	}, "/Root 1 0 R")
}

func manyKids(n int) []byte {
	kids := strings.Repeat("3 0 R ", n)
	return pdfFile([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, n),
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		stream("", contentOf(ascii(9))),
		font,
	}, "/Root 1 0 R")
}

func flateBombPDF(n int) []byte {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	chunk := []byte(strings.Repeat(" ", 64<<10))
	for done := 0; done < n; done += len(chunk) {
		w.Write(chunk)
	}
	w.Close()
	return simplePDFRaw("/Filter /FlateDecode", z.String())
}

func imagePDF(img []byte) []byte {
	return pdfFile([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
		stream("", "q 595 0 0 842 0 0 cm /Im1 Do Q"),
		stream("/Type /XObject /Subtype /Image /Width 1654 /Height 2339 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", string(img)),
	}, "/Root 1 0 R")
}

// ---- DOCX ----

var zipTime = time.Date(2023, 3, 1, 0, 0, 0, 0, time.UTC)

type part struct {
	name string
	data []byte
	// method: zip.Deflate unless store
	store bool
}

func zipOf(parts ...part) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for _, p := range parts {
		m := zip.Deflate
		if p.store {
			m = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: m, Modified: zipTime})
		if err != nil {
			log.Fatal(err)
		}
		w.Write(p.data)
	}
	zw.Close()
	return b.Bytes()
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

func documentXML(text string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<w:document " + wordNS + "><w:body>")
	for _, l := range strings.Split(text, "\n") {
		l = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(l)
		fmt.Fprintf(&b, `<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, l)
	}
	b.WriteString("</w:body></w:document>")
	return b.String()
}

func docx(doc string, extra ...part) []byte {
	return zipOf(append([]part{{name: "[Content_Types].xml", data: []byte(contentTypes)}, {name: "_rels/.rels", data: []byte(rootRels)},
		{name: "word/document.xml", data: []byte(doc)}}, extra...)...)
}

func docxs(rng *rand.Rand, fixture func(string) []byte) {
	good("docx/good.docx", "a DOCX made here", docx(documentXML(body(20))))
	good("docx/good-roundtrip.docx", "a DOCX saved by LibreOffice", fixture("office/roundtrip.docx"))
	d := docx(documentXML(body(21)))
	for _, f := range []int{5, 25, 50, 75, 95} {
		hostile(fmt.Sprintf("docx/cut-%02d.docx", f), fmt.Sprintf("a DOCX cut at %d %% of its bytes", f), d[:len(d)*f/100])
	}
	hostile("docx/cut-xml.docx", "a whole zip whose document.xml stops in the middle of a paragraph", docx(documentXML(body(22))[:len(documentXML(body(22)))*2/3]))
	hostile("docx/bad-xml.docx", "a document.xml that is not XML", docx("<w:document "+wordNS+"><w:body><w:p><w:r><w:t>Kế hoạch</w:t></w:r>\x00\x01<<<&&&"+body(23)))
	hostile("docx/no-document.docx", "a Word package without word/document.xml", zipOf(part{name: "[Content_Types].xml", data: []byte(contentTypes)}, part{name: "word/styles.xml", data: []byte("<w:styles " + wordNS + "/>")}))
	hostile("docx/empty-body.docx", "a DOCX with an empty body", docx(`<w:document `+wordNS+`><w:body></w:body></w:document>`))
	crc := append([]byte{}, d...)
	i := bytes.Index(crc, []byte("word/document.xml")) + len("word/document.xml") + 40
	for k := 0; k < 16; k++ {
		crc[i+k] ^= 0x55
	}
	hostile("docx/crc.docx", "a DOCX whose compressed document.xml has 16 bytes changed", crc)
	hostile("docx/zip-bomb.docx", "document.xml of paragraphs inflating to 64 MiB", zipBombDOCX(64<<20, "<w:p><w:r><w:t>Kế hoạch số 1-KH/ĐU dân vận </w:t></w:r></w:p>"))
	hostile("docx/zip-bomb-spaces.docx", "document.xml of one paragraph with 256 MiB of spaces", zipBombDOCX(256<<20, " "))
	hostile("docx/billion-laughs.docx", "document.xml with the billion laughs entities", docx(billionLaughs("w:document "+wordNS, "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body>", "w:document")))
	hostile("docx/external-entity.docx", "document.xml with an external entity (file:///etc/passwd)", docx(`<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document `+wordNS+`><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>`))
	hostile("docx/deep-nesting.docx", "document.xml nested 200 000 elements deep", docx(`<w:document `+wordNS+`><w:body>`+strings.Repeat("<w:sdt><w:sdtContent>", 100000)+`<w:p><w:r><w:t>Kế hoạch 7-KH/ĐU</w:t></w:r></w:p>`+strings.Repeat("</w:sdtContent></w:sdt>", 100000)+`</w:body></w:document>`))
	hostile("docx/huge-attribute.docx", "one attribute value of 4 MiB", docx(`<w:document `+wordNS+`><w:body><w:p w:rsidR="`+strings.Repeat("A", 4<<20)+`"><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>`))
	hostile("docx/encrypted.docx", "a password-protected DOCX (an OLE container)", fixture("office/encrypted.docx"))
	hostile("docx/random.docx", "random bytes named .docx", randBytes(rng, 8000, 0, 255))
	hostile("docx/zip-not-word.docx", "a zip of a spreadsheet named .docx", zipOf(part{name: "xl/workbook.xml", data: []byte("<workbook/>")}))
	hostile("docx/rels-loop.docx", "relationships that point at themselves and outside the package", docx(documentXML(body(25)),
		part{name: "word/_rels/document.xml.rels", data: []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="_rels/document.xml.rels"/><Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="../../../../etc/passwd"/><Relationship Id="r3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="document.xml"/></Relationships>`)}))
}

func zipBombDOCX(n int, unit string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	for _, p := range []part{{name: "[Content_Types].xml", data: []byte(contentTypes)}, {name: "_rels/.rels", data: []byte(rootRels)}} {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: zipTime})
		w.Write(p.data)
	}
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate, Modified: zipTime})
	io.WriteString(w, `<?xml version="1.0"?><w:document `+wordNS+`><w:body><w:p><w:r><w:t>`)
	chunk := []byte(strings.Repeat(unit, (64<<10)/len(unit)))
	for done := 0; done < n; done += len(chunk) {
		w.Write(chunk)
	}
	io.WriteString(w, `</w:t></w:r></w:p></w:body></w:document>`)
	zw.Close()
	return b.Bytes()
}

func billionLaughs(open, inner, close string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?>` + "\n<!DOCTYPE " + strings.Fields(close)[0] + " [\n <!ENTITY lol \"lol\">\n")
	for i := 1; i <= 9; i++ {
		prev := "lol"
		if i > 1 {
			prev = fmt.Sprintf("lol%d", i-1)
		}
		fmt.Fprintf(&b, " <!ENTITY lol%d \"%s\">\n", i, strings.Repeat("&"+prev+";", 10))
	}
	b.WriteString("]>\n<" + open + ">" + inner + "</" + close + ">")
	return b.String()
}

// ---- RTF ----

func rtfOf(text string) string {
	var b strings.Builder
	b.WriteString(`{\rtf1\ansi\ansicpg1252\uc1\deff0{\fonttbl{\f0 Times New Roman;}}\f0\fs26 `)
	for _, l := range strings.Split(text, "\n") {
		for _, r := range l {
			switch {
			case r == '\\' || r == '{' || r == '}':
				b.WriteString(`\` + string(r))
			case r < 0x80:
				b.WriteRune(r)
			default:
				fmt.Fprintf(&b, `\u%d?`, int16(r))
			}
		}
		b.WriteString("\\par\n")
	}
	b.WriteString("}")
	return b.String()
}

func rtfs(fixture func(string) []byte) {
	good("rtf/good.rtf", "an RTF of Unicode escapes", []byte(rtfOf(body(30))))
	good("rtf/good-tcvn3.rtf", "an RTF in a .VnTime font (TCVN3)", fixture("office/tcvn3.rtf"))
	r := rtfOf(body(31))
	for _, f := range []int{10, 50, 90} {
		hostile(fmt.Sprintf("rtf/cut-%02d.rtf", f), fmt.Sprintf("an RTF cut at %d %% of its bytes", f), []byte(r[:len(r)*f/100]))
	}
	hostile("rtf/header-only.rtf", "an RTF with no text", []byte(`{\rtf1\ansi}`))
	hostile("rtf/deep-groups.rtf", "100 000 nested groups", []byte(`{\rtf1\ansi `+strings.Repeat("{", 100000)+"Kế hoạch"+strings.Repeat("}", 100000)+"}"))
	hostile("rtf/unclosed-groups.rtf", "30 000 groups opened and never closed", []byte(`{\rtf1\ansi Kế hoạch số 5-KH/ĐU `+strings.Repeat(`{\b `, 30000)))
	hostile("rtf/bin-lie.rtf", `a \bin control claiming 2 GB of binary data`, []byte(`{\rtf1\ansi Kế hoạch \bin2147483647 abc}`))
	hostile("rtf/huge-control.rtf", "control words of 100 000 letters and parameters of 100 000 digits", []byte(`{\rtf1\ansi \`+strings.Repeat("a", 100000)+` \u`+strings.Repeat("9", 100000)+` Kế hoạch}`))
	hostile("rtf/uc-absurd.rtf", `\uc2147483647 before Unicode escapes`, []byte(`{\rtf1\ansi\uc2147483647 \u7870?\u7871? Kế hoạch 9-KH/ĐU}`))
	hostile("rtf/hex-garbage.rtf", `\'xx escapes of random hex and a cut escape`, []byte(`{\rtf1\ansi \'zz\'0\'fg\'`+"\n"+`KH \'`))
	hostile("rtf/pict-only.rtf", "an RTF holding only a picture of random hex", []byte(`{\rtf1\ansi{\pict\pngblip `+strings.Repeat("0123456789abcdef", 4000)+`}}`))
}

// ---- HTML ----

func htmlOf(text string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Kế hoạch</title></head><body><article>\n")
	for _, l := range strings.Split(text, "\n") {
		fmt.Fprintf(&b, "<p>%s</p>\n", strings.NewReplacer("&", "&amp;", "<", "&lt;").Replace(l))
	}
	b.WriteString("</article></body></html>\n")
	return b.String()
}

func htmls() {
	good("html/good.html", "a web page", []byte(htmlOf(body(40))))
	good("html/good.xhtml", "an XHTML page", []byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"+strings.Replace(htmlOf(body(41)), "<!DOCTYPE html>", `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">`, 1)))
	h := htmlOf(body(42))
	for _, f := range []int{10, 50, 90} {
		hostile(fmt.Sprintf("html/cut-%02d.html", f), fmt.Sprintf("a web page cut at %d %% of its bytes", f), []byte(h[:len(h)*f/100]))
	}
	hostile("html/billion-laughs.xhtml", "an XHTML page with the billion laughs entities", []byte(billionLaughs(`html xmlns="http://www.w3.org/1999/xhtml"`, "<body><p>&lol9;</p></body>", "html")))
	hostile("html/billion-laughs.html", "an HTML page with the billion laughs entities in its doctype", []byte(strings.Replace(billionLaughs(`html`, "<body><p>&lol9; Kế hoạch</p></body>", "html"), `<?xml version="1.0"?>`+"\n", "", 1)))
	hostile("html/deep-divs.html", "20 000 nested div elements", []byte("<!DOCTYPE html><html><body>"+strings.Repeat("<div>", 20000)+"Kế hoạch số 3-KH/ĐU"+strings.Repeat("</div>", 20000)+"</body></html>"))
	hostile("html/deep-tables.html", "5 000 nested tables", []byte("<!DOCTYPE html><html><body>"+strings.Repeat("<table><tr><td>", 5000)+"Kế hoạch"+strings.Repeat("</td></tr></table>", 5000)+"</body></html>"))
	hostile("html/unclosed.html", "30 000 elements opened and never closed", []byte("<!DOCTYPE html><html><body>"+strings.Repeat("<b><i><span>", 10000)+body(43)))
	hostile("html/scripts-only.html", "a page of scripts and styles only", []byte("<!DOCTYPE html><html><head><style>p{}</style></head><body><script>"+strings.Repeat("var a=1;", 5000)+"</script></body></html>"))
	hostile("html/entities.html", "20 000 numeric entities, some invalid (&#0; &#xD800; &#99999999;)", []byte("<!DOCTYPE html><html><body><p>"+strings.Repeat("&#7871;&#0;&#xD800;&#99999999;&bogus;", 4000)+"</p></body></html>"))
	hostile("html/meta-charset-lie.html", "a page declaring windows-1258 whose bytes are UTF-8", []byte(strings.Replace(htmlOf(body(44)), `<meta charset="utf-8">`, `<meta charset="windows-1258">`, 1)))
}

// ---- images ----

func images(rng *rand.Rand, fixture func(string) []byte) {
	good("image/good-scan.png", "a scanned page (rendered and noised)", fixture("scan/scan.png"))
	hostile("image/not-png.png", "PNG magic, then random bytes", append([]byte("\x89PNG\r\n\x1a\n"), randBytes(rng, 3000, 0, 255)...))
	hostile("image/not-jpeg.jpg", "JPEG magic, then random bytes", append([]byte{0xff, 0xd8, 0xff, 0xe0}, randBytes(rng, 3000, 0, 255)...))
	hostile("image/not-tiff.tif", "TIFF magic, then random bytes", append([]byte("II*\x00"), randBytes(rng, 3000, 0, 255)...))
	hostile("image/not-gif.gif", "GIF magic, then random bytes", append([]byte("GIF89a"), randBytes(rng, 3000, 0, 255)...))
	hostile("image/not-pgm.pgm", "a PGM header claiming 100 000 × 100 000 pixels", []byte("P5\n100000 100000\n255\n"+string(randBytes(rng, 1000, 0, 255))))
	hostile("image/huge.png", "a PNG header claiming 100 000 × 100 000 pixels", pngHeaderOnly(100000, 100000))
	hostile("image/one-pixel.png", "a valid PNG of one pixel", pngOf(1, 1, rng))
	hostile("image/noise.png", "a valid PNG of noise, no text", pngOf(300, 120, rng))
	var cut bytes.Buffer
	png.Encode(&cut, noise(200, 200, rng))
	hostile("image/cut.png", "a valid PNG cut in half", cut.Bytes()[:cut.Len()/2])
}

func noise(w, h int, rng *rand.Rand) image.Image {
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.Intn(256))
	}
	return img
}

func pngOf(w, h int, rng *rand.Rand) []byte {
	var b bytes.Buffer
	if w == 1 {
		img := image.NewGray(image.Rect(0, 0, 1, 1))
		img.Set(0, 0, color.White)
		png.Encode(&b, img)
		return b.Bytes()
	}
	png.Encode(&b, noise(w, h, rng))
	return b.Bytes()
}

func pngHeaderOnly(w, h uint32) []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 0, 0, 0, 0)
	b = binary.BigEndian.AppendUint32(b, uint32(len(ihdr)))
	b = append(b, "IHDR"...)
	b = append(b, ihdr...)
	b = binary.BigEndian.AppendUint32(b, 0) // wrong CRC
	return b
}

// ---- names that lie ----

func mismatched(fixture func(string) []byte) {
	hostile("named/pdf-as.docx", "a typed PDF named .docx", simplePDF(contentOf(ascii(50)), ""))
	hostile("named/docx-as.pdf", "a DOCX named .pdf", docx(documentXML(body(51))))
	hostile("named/html-as.pdf", "a web page named .pdf", []byte(htmlOf(body(52))))
	hostile("named/rtf-as.docx", "an RTF named .docx", []byte(rtfOf(body(53))))
	hostile("named/text-as.png", "a plain text named .png", []byte(body(54)))
	hostile("named/png-as.txt", "a PNG image of noise named .txt", pngOf(120, 60, rand.New(rand.NewSource(54))))
	hostile("named/xls-as.doc", "an Excel workbook named .doc", fixture("office/workbook.xls"))
	hostile("named/elf-as.pdf", "an executable's bytes named .pdf", append([]byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00"), bytes.Repeat([]byte{0, 0, 0, 0, 0x48, 0x89, 0xe5, 0xc3}, 500)...))
	hostile("named/gzip-as.txt", "gzip data named .txt", gz(body(55)))
	hostile("named/txt-as.html", "plain text named .html", []byte("Không phải HTML.\n"+body(56)))
}

func gz(s string) []byte {
	var b bytes.Buffer
	b.Write([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff})
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	io.WriteString(w, s)
	w.Close()
	return b.Bytes()
}
