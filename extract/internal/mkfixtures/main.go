// Command mkfixtures writes the PDF and scan fixtures of package extract
// into testdata/extract/pdf and testdata/extract/scan:
//
//	go run ./extract/internal/mkfixtures            (from the repository root)
//
// It needs LibreOffice (soffice), poppler-utils (pdftoppm), qpdf and
// tesseract with the vie model, and the DejaVu fonts (Debian fonts-dejavu-core).
// Every text fixture comes with NAME.txt, the text it was made from in
// reading order (one paragraph per line): the ground truth of the tests.
//
// The noise of the scans comes from a fixed seed, so a rerun writes the same
// images (LibreOffice and poppler versions may still change the bytes).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"log"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

var root = flag.String("root", ".", "repository root")

func main() {
	flag.Parse()
	pdfDir := filepath.Join(*root, "testdata", "extract", "pdf")
	scanDir := filepath.Join(*root, "testdata", "extract", "scan")
	for _, d := range []string{pdfDir, scanDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			log.Fatal(err)
		}
	}
	tmp, err := os.MkdirTemp("", "mkfixtures-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)

	// 1. Typed documents through LibreOffice.
	for _, d := range []doc{typedDoc, partyDoc} {
		writeDoc(d, tmp, pdfDir)
	}

	// 2. A scan of the Party document: rendered, noised, as PNG and as an
	// image-only PDF carrying only a signature stamp in its text layer.
	img := render(filepath.Join(pdfDir, partyDoc.name+".pdf"), 200, tmp)
	noised := noise(img, 20250101)
	var pngBuf bytes.Buffer
	must(png.Encode(&pngBuf, noised))
	write(filepath.Join(scanDir, "scan.png"), pngBuf.Bytes())
	var jpgBuf bytes.Buffer
	must(jpeg.Encode(&jpgBuf, noised, &jpeg.Options{Quality: 75}))
	write(filepath.Join(scanDir, "scan.pdf"), imagePDF(jpgBuf.Bytes(), noised.Bounds().Dx(), noised.Bounds().Dy(), 200))
	write(filepath.Join(scanDir, "scan.txt"), []byte(partyDoc.text()))

	// 3. A searchable PDF from tesseract: GlyphLessFont, Type0 Identity-H with
	// the full-range ToUnicode bfrange that ledongthuc/pdf decodes wrongly.
	pngPath := filepath.Join(tmp, "scan.png")
	write(pngPath, pngBuf.Bytes())
	run("tesseract", pngPath, filepath.Join(tmp, "ocrlayer"), "-l", "vie", "pdf")
	copyFile(filepath.Join(tmp, "ocrlayer.pdf"), filepath.Join(pdfDir, "ocrlayer.pdf"))

	// 4. Bad inputs.
	typed, err := os.ReadFile(filepath.Join(pdfDir, typedDoc.name+".pdf"))
	must(err)
	write(filepath.Join(pdfDir, "bad-truncated.pdf"), typed[:len(typed)*6/10])
	write(filepath.Join(pdfDir, "bad-empty.pdf"), nil)
	run("qpdf", "--encrypt", "user-secret", "owner-secret", "256", "--", filepath.Join(pdfDir, typedDoc.name+".pdf"), filepath.Join(pdfDir, "bad-encrypted.pdf"))
	write(filepath.Join(pdfDir, "bad-loop.pdf"), loopPDF())
	write(filepath.Join(pdfDir, "bad-xref-loop.pdf"), xrefLoopPDF())
	write(filepath.Join(pdfDir, "xobject-loop.pdf"), xobjectLoopPDF())
	write(filepath.Join(scanDir, "bad-huge.png"), hugePNG(100000, 100000))
	log.Printf("fixtures written to %s and %s", pdfDir, scanDir)
}

// doc is a document written as paragraphs of kinds.
type doc struct {
	name   string
	left   []string // header, left column
	right  []string // header, right column
	title  []string
	body   []string
	fleft  []string // footer, left column (Nơi nhận)
	fright []string // footer, right column (signature)
}

// text is the ground truth in the extractor's reading order.
func (d doc) text() string {
	var all []string
	for _, part := range [][]string{d.left, d.right, d.title, d.body, d.fleft, d.fright} {
		all = append(all, part...)
	}
	return strings.Join(all, "\n") + "\n"
}

var typedDoc = doc{
	name:  "typed",
	left:  []string{"ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Số: 07/CT-UBND"},
	right: []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Quảng Ngãi, ngày 21 tháng 3 năm 2025"},
	title: []string{"CHỈ THỊ", "Về việc tăng cường công tác chuyển đổi số và lưu trữ văn bản điện tử"},
	body: []string{
		"Thực hiện Quyết định số 2545/QĐ-TTg ngày 30/12/2016 của Thủ tướng Chính phủ phê duyệt Đề án phát triển thanh toán không dùng tiền mặt, Thông tư số 05/2024/TT-BNV ngày 27/6/2024 của Bộ trưởng Bộ Nội vụ quy định về quản lý văn bản điện tử và Chỉ thị số 16/CT-TTg ngày 04/5/2017 của Thủ tướng Chính phủ, trong thời gian qua các sở, ban, ngành và địa phương đã triển khai nhiều giải pháp số hóa hồ sơ, tài liệu, bước đầu đạt được những kết quả tích cực.",
		"Tuy nhiên, việc lưu trữ văn bản điện tử ở một số cơ quan, đơn vị còn chậm, chất lượng dữ liệu chưa đồng đều; nhiều văn bản giấy được quét thành tệp ảnh mà không nhận dạng ký tự, gây khó khăn cho việc tra cứu, trích dẫn và kiểm tra hiệu lực. Để khắc phục những hạn chế nêu trên, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:",
		"1. Thủ trưởng các sở, ban, ngành, Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố chỉ đạo rà soát toàn bộ văn bản đã ban hành từ năm 2016 đến nay, lập danh mục theo số, ký hiệu, ngày ban hành và trích yếu; hoàn thành trước ngày 30/6/2025.",
		"2. Sở Nội vụ chủ trì, phối hợp với Sở Thông tin và Truyền thông hướng dẫn việc số hóa, nhận dạng ký tự và gắn siêu dữ liệu cho văn bản theo Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư; kiểm tra, đôn đốc việc thực hiện tại các cơ quan, đơn vị.",
		"3. Sở Tài chính bố trí kinh phí thực hiện theo Nghị quyết số 12/2023/NQ-HĐND ngày 14/7/2023 của Hội đồng nhân dân tỉnh; Văn phòng Ủy ban nhân dân tỉnh theo dõi, tổng hợp kết quả, báo cáo Chủ tịch Ủy ban nhân dân tỉnh định kỳ hằng quý.",
		"4. Các cơ quan, đơn vị bảo đảm an toàn thông tin trong quá trình số hóa; không đưa lên mạng các văn bản có nội dung bí mật nhà nước; phân quyền truy cập phù hợp với chức năng, nhiệm vụ của từng cán bộ, công chức.",
		"5. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội phối hợp tuyên truyền, vận động cán bộ, hội viên và nhân dân sử dụng dịch vụ công trực tuyến, tra cứu văn bản trên Cổng thông tin điện tử của tỉnh.",
		"Chủ tịch Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, ban, ngành, Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố và các cơ quan, đơn vị có liên quan nghiêm túc triển khai thực hiện Chỉ thị này; trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời báo cáo về Sở Nội vụ để tổng hợp, tham mưu Ủy ban nhân dân tỉnh xem xét, giải quyết./.",
		"Trong năm 2025, mỗi cơ quan hoàn thành số hóa ít nhất 80% hồ sơ có giá trị lưu trữ vĩnh viễn; dữ liệu sau số hóa được kiểm tra chất lượng, đối chiếu với bản gốc và cập nhật vào hệ thống quản lý văn bản và điều hành của tỉnh, bảo đảm kết nối, chia sẻ với Trục liên thông văn bản quốc gia.",
		"Việc đánh giá, xếp loại thi đua hằng năm của các cơ quan, đơn vị có tiêu chí về kết quả chuyển đổi số và lưu trữ điện tử; người đứng đầu chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân tỉnh về tiến độ và chất lượng thực hiện tại cơ quan, đơn vị mình.",
	},
	fleft:  []string{"Nơi nhận:", "- Văn phòng Chính phủ;", "- Bộ Nội vụ;", "- TT Tỉnh ủy, TT HĐND tỉnh;", "- Các sở, ban, ngành tỉnh;", "- Lưu: VT, NC."},
	fright: []string{"CHỦ TỊCH", "Nguyễn Văn An"},
}

var partyDoc = doc{
	name:  "twocol",
	left:  []string{"ĐẢNG BỘ TỈNH QUẢNG NGÃI", "HUYỆN ỦY SƠN TỊNH", "*", "Số 109-KH/HU"},
	right: []string{"ĐẢNG CỘNG SẢN VIỆT NAM", "Sơn Tịnh, ngày 10 tháng 01 năm 2025"},
	title: []string{"KẾ HOẠCH", "thực hiện công tác dân vận năm 2025"},
	body: []string{
		"Thực hiện Chương trình số 27-CTr/TU ngày 12/12/2024 của Ban Thường vụ Tỉnh ủy về công tác dân vận năm 2025 và Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư, Ban Thường vụ Huyện ủy xây dựng kế hoạch thực hiện như sau:",
		"I. MỤC ĐÍCH, YÊU CẦU",
		"1. Tiếp tục quán triệt sâu sắc quan điểm của Đảng về công tác dân vận; nâng cao nhận thức, trách nhiệm của cấp ủy, chính quyền, Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội trong việc thực hiện Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị.",
		"2. Các nhiệm vụ phải cụ thể, sát với tình hình thực tế của địa phương, đơn vị; phát huy vai trò của người đứng đầu, bảo đảm thực hiện có hiệu quả phong trào thi đua dân vận khéo.",
	},
}

func (d doc) fodt() string {
	var b strings.Builder
	p := func(style, s string) {
		fmt.Fprintf(&b, `<text:p text:style-name="%s">%s</text:p>`, style, html.EscapeString(s))
	}
	table := func(l, r []string, lw, rw string) {
		fmt.Fprintf(&b, `<table:table table:style-name="Tbl"><table:table-column table:style-name="%s"/><table:table-column table:style-name="%s"/><table:table-row><table:table-cell>`, lw, rw)
		for i, s := range l {
			st := "Head"
			if i == 0 && strings.HasPrefix(s, "Nơi") {
				st = "LeftSmall"
			} else if strings.HasPrefix(s, "-") {
				st = "LeftSmall"
			}
			p(st, s)
		}
		b.WriteString(`</table:table-cell><table:table-cell>`)
		for _, s := range r {
			p("Head", s)
		}
		b.WriteString(`</table:table-cell></table:table-row></table:table>`)
	}
	table(d.left, d.right, "ColA", "ColB")
	for _, s := range d.title {
		p("Title1", s)
	}
	for _, s := range d.body {
		p("Body", s)
	}
	if len(d.fleft)+len(d.fright) > 0 {
		table(d.fleft, d.fright, "ColB", "ColA")
	}
	return fodtHead + b.String() + fodtTail
}

const fodtHead = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="DejaVu Serif" fo:font-size="12pt" fo:language="vi" fo:country="VN"/></style:default-style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:text-indent="1cm" fo:margin-bottom="0.15cm" fo:line-height="125%"/></style:style>
<style:style style:name="Title1" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.1cm"/><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Head" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="11pt"/></style:style>
<style:style style:name="LeftSmall" style:family="paragraph"><style:paragraph-properties fo:text-align="start"/><style:text-properties fo:font-size="10pt"/></style:style>
<style:style style:name="Footer" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="1.5cm" fo:margin-left="3cm" fo:margin-right="2cm"/><style:footer-style><style:header-footer-properties fo:min-height="0.8cm"/></style:footer-style></style:page-layout>
<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="16cm" table:align="margins" fo:margin-bottom="0.4cm"/></style:style>
<style:style style:name="ColA" style:family="table-column"><style:table-column-properties style:column-width="6.5cm"/></style:style>
<style:style style:name="ColB" style:family="table-column"><style:table-column-properties style:column-width="9.5cm"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:footer><text:p text:style-name="Footer"><text:page-number text:select-page="current">1</text:page-number></text:p></style:footer></style:master-page></office:master-styles>
<office:body><office:text>`

const fodtTail = `</office:text></office:body></office:document>
`

func writeDoc(d doc, tmp, dir string) {
	src := filepath.Join(tmp, d.name+".fodt")
	write(src, []byte(d.fodt()))
	run("soffice", "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(tmp, "lo"), "--convert-to", "pdf", "--outdir", tmp, src)
	copyFile(filepath.Join(tmp, d.name+".pdf"), filepath.Join(dir, d.name+".pdf"))
	write(filepath.Join(dir, d.name+".txt"), []byte(d.text()))
}

// render rasterises page 1 of a PDF to a grey image.
func render(pdfPath string, dpi int, tmp string) *image.Gray {
	prefix := filepath.Join(tmp, "render")
	run("pdftoppm", "-r", fmt.Sprint(dpi), "-gray", "-f", "1", "-l", "1", "-singlefile", pdfPath, prefix)
	f, err := os.ReadFile(prefix + ".pgm")
	must(err)
	return readPGM(f)
}

func readPGM(b []byte) *image.Gray {
	var w, h, maxv int
	var n int
	_, err := fmt.Sscanf(string(b[:64]), "P5\n%d %d\n%d\n", &w, &h, &maxv)
	must(err)
	// The header is three lines.
	for i, lines := 0, 0; i < len(b); i++ {
		if b[i] == '\n' {
			lines++
			if lines == 3 {
				n = i + 1
				break
			}
		}
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	copy(img.Pix, b[n:])
	return img
}

// noise degrades a clean render like a cheap office scanner: a slight
// rotation, blur, grey background speckle and salt-and-pepper dots.
func noise(src *image.Gray, seed int64) *image.Gray {
	rng := rand.New(rand.NewSource(seed))
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	out := image.NewGray(b)
	angle := 0.6 * math.Pi / 180
	cx, cy := float64(w)/2, float64(h)/2
	sin, cos := math.Sin(angle), math.Cos(angle)
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 255
		}
		return float64(src.GrayAt(x, y).Y)
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			// Rotate around the centre (nearest neighbour after a 3×3 blur).
			fx := cos*(float64(x)-cx) - sin*(float64(y)-cy) + cx
			fy := sin*(float64(x)-cx) + cos*(float64(y)-cy) + cy
			ix, iy := int(fx+0.5), int(fy+0.5)
			s := 0.0
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					wgt := 1.0
					if dx == 0 && dy == 0 {
						wgt = 4
					}
					s += wgt * at(ix+dx, iy+dy)
				}
			}
			v := s / 12
			if rng.Float64() < 0.0005 {
				v = 0 // pepper
			}
			if v > 200 && rng.Float64() < 0.01 {
				v -= 40 * rng.Float64() // faint background speckle
			}
			out.SetGray(x, y, color.Gray{Y: uint8(math.Max(0, math.Min(255, v)))})
		}
	}
	return out
}

// pdfWriter assembles a PDF from numbered objects with a correct xref.
type pdfWriter struct {
	buf  bytes.Buffer
	offs []int
}

func (p *pdfWriter) obj(body string) {
	p.offs = append(p.offs, p.buf.Len())
	fmt.Fprintf(&p.buf, "%d 0 obj\n%s\nendobj\n", len(p.offs), body)
}

func (p *pdfWriter) stream(dict string, data []byte) {
	p.offs = append(p.offs, p.buf.Len())
	fmt.Fprintf(&p.buf, "%d 0 obj\n<<%s /Length %d>>\nstream\n", len(p.offs), dict, len(data))
	p.buf.Write(data)
	p.buf.WriteString("\nendstream\nendobj\n")
}

func (p *pdfWriter) finish() []byte {
	x := p.buf.Len()
	fmt.Fprintf(&p.buf, "xref\n0 %d\n0000000000 65535 f \n", len(p.offs)+1)
	for _, o := range p.offs {
		fmt.Fprintf(&p.buf, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&p.buf, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(p.offs)+1, x)
	return p.buf.Bytes()
}

func newPDF() *pdfWriter {
	p := &pdfWriter{}
	p.buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	return p
}

// imagePDF is a one-page PDF showing a JPEG, with a signature stamp as the
// only text, drawn by an annotation's appearance stream like the stamps
// that signing tools put on the scans of provincial people's committees.
func imagePDF(jpg []byte, w, h, dpi int) []byte {
	pw, ph := float64(w)*72/float64(dpi), float64(h)*72/float64(dpi)
	content := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q\n", pw, ph)
	stamp := "BT /F1 7 Tf 2 12 Td (Ky boi: Van phong Huyen uy Son Tinh) Tj 0 -9 Td (Thoi gian ky: 10/01/2025 09:15:00) Tj ET\n"
	p := newPDF()
	p.obj("<</Type /Catalog /Pages 2 0 R>>")
	p.obj("<</Type /Pages /Kids [3 0 R] /Count 1>>")
	p.obj(fmt.Sprintf("<</Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources <</XObject <</Im0 4 0 R>>>> /Contents 5 0 R /Annots [7 0 R]>>", pw, ph))
	p.stream(fmt.Sprintf(" /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", w, h), jpg)
	p.stream("", []byte(content))
	p.obj("<</Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding>>")
	p.obj(fmt.Sprintf("<</Type /Annot /Subtype /Stamp /F 4 /Rect [%.2f %.2f %.2f %.2f] /AP <</N 8 0 R>>>>", pw-200, ph-40, pw-20, ph-15))
	p.stream(" /Type /XObject /Subtype /Form /BBox [0 0 180 25] /Resources <</Font <</F1 6 0 R>>>>", []byte(stamp))
	return p.finish()
}

// loopPDF has a page tree whose Kids point back to the root.
func loopPDF() []byte {
	p := newPDF()
	p.obj("<</Type /Catalog /Pages 2 0 R>>")
	p.obj("<</Type /Pages /Kids [3 0 R] /Count 2>>")
	p.obj("<</Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R] /Count 2>>")
	return p.finish()
}

// xrefLoopPDF has a cross-reference table whose /Prev points to itself.
func xrefLoopPDF() []byte {
	p := newPDF()
	p.obj("<</Type /Catalog /Pages 2 0 R>>")
	p.obj("<</Type /Pages /Kids [] /Count 0>>")
	x := p.buf.Len()
	fmt.Fprintf(&p.buf, "xref\n0 %d\n0000000000 65535 f \n", len(p.offs)+1)
	for _, o := range p.offs {
		fmt.Fprintf(&p.buf, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&p.buf, "trailer\n<</Size %d /Root 1 0 R /Prev %d>>\nstartxref\n%d\n%%%%EOF\n", len(p.offs)+1, x, x)
	return p.buf.Bytes()
}

// xobjectLoopPDF has a page with text and a Form XObject that draws itself.
func xobjectLoopPDF() []byte {
	p := newPDF()
	p.obj("<</Type /Catalog /Pages 2 0 R>>")
	p.obj("<</Type /Pages /Kids [3 0 R] /Count 1>>")
	p.obj("<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources <</Font <</F1 6 0 R>> /XObject <</X1 5 0 R>>>> /Contents 4 0 R>>")
	p.stream("", []byte("BT /F1 12 Tf 72 760 Td (Loop test: the text before the form XObject is kept.) Tj ET /X1 Do\n"))
	p.stream(" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources <</XObject <</X1 5 0 R>> /Font <</F1 6 0 R>>>>", []byte("BT /F1 12 Tf 72 700 Td (Inside the form.) Tj ET /X1 Do /X1 Do\n"))
	p.obj("<</Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding>>")
	return p.finish()
}

// hugePNG is a valid PNG header claiming w×h pixels with almost no data.
func hugePNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		var l [4]byte
		l[0], l[1], l[2], l[3] = byte(len(data)>>24), byte(len(data)>>16), byte(len(data)>>8), byte(len(data))
		b.Write(l[:])
		b.WriteString(typ)
		b.Write(data)
		c := crc(append([]byte(typ), data...))
		b.Write([]byte{byte(c >> 24), byte(c >> 16), byte(c >> 8), byte(c)})
	}
	ihdr := []byte{byte(w >> 24), byte(w >> 16), byte(w >> 8), byte(w), byte(h >> 24), byte(h >> 16), byte(h >> 8), byte(h), 8, 0, 0, 0, 0}
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

func crc(b []byte) uint32 {
	c := ^uint32(0)
	for _, x := range b {
		c ^= uint32(x)
		for k := 0; k < 8; k++ {
			if c&1 != 0 {
				c = c>>1 ^ 0xEDB88320
			} else {
				c >>= 1
			}
		}
	}
	return ^c
}

func run(name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		log.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func write(path string, b []byte) { must(os.WriteFile(path, b, 0o644)) }

func copyFile(from, to string) {
	b, err := os.ReadFile(from)
	must(err)
	write(to, b)
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
