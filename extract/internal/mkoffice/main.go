// Command mkoffice writes the office fixtures of testdata/extract/office from
// text written here (no third-party document is copied):
//
//	go run ./extract/internal/mkoffice [-out testdata/extract/office]
//
// roundtrip.docx/.txt (a DOCX and its source text), numbering.docx (Word
// auto-numbering I., 1., a), "Điều %1."), vntime.docx (.VnTime and .VnTimeH
// runs), vni.docx (a VNI-Times run), tcvn3.rtf, unicode.rtf (\uN escapes),
// news.html (an article with page chrome), bomb.docx (a part that inflates
// 8 MiB from 8 KiB), truncated.docx, encrypted.docx (an OLE2 with
// EncryptedPackage, as Office writes password-protected files),
// workbook.xls (an OLE2 Excel stub), and, when LibreOffice is installed,
// vntime.doc converted from vntime.docx.
package main

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"unicode/utf16"
)

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"`

func main() {
	out := flag.String("out", filepath.Join("testdata", "extract", "office"), "output folder")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	write := func(name string, b []byte) {
		if err := os.WriteFile(filepath.Join(*out, name), b, 0o644); err != nil {
			log.Fatal(err)
		}
	}
	rt, rtText := roundTrip()
	write("roundtrip.docx", rt)
	write("roundtrip.txt", []byte(rtText))
	write("numbering.docx", numbering())
	write("vntime.docx", legacyDocx(".VnTime", ".VnTimeH"))
	write("vni.docx", vniDocx())
	write("tcvn3.rtf", []byte(tcvn3RTF))
	write("unicode.rtf", []byte(unicodeRTF))
	write("news.html", []byte(newsHTML))
	write("bomb.docx", bomb())
	write("truncated.docx", rt[:len(rt)/2])
	write("encrypted.docx", ole2(map[string][]byte{"EncryptionInfo": make([]byte, 64), "EncryptedPackage": make([]byte, 64)}))
	write("workbook.xls", ole2(map[string][]byte{"Workbook": make([]byte, 64)}))
	if soffice, err := exec.LookPath("soffice"); err == nil {
		tmp, _ := os.MkdirTemp("", "mkoffice")
		defer os.RemoveAll(tmp)
		src := filepath.Join(tmp, "vntime.docx")
		_ = os.WriteFile(src, legacyDocx(".VnTime", ".VnTimeH"), 0o644)
		cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(tmp, "p"), "--headless", "--convert-to", "doc", "--outdir", tmp, src)
		if msg, err := cmd.CombinedOutput(); err != nil {
			log.Printf("soffice: %v %s", err, msg)
		} else if b, err := os.ReadFile(filepath.Join(tmp, "vntime.doc")); err == nil {
			write("vntime.doc", b)
		}
	} else {
		log.Print("no soffice: vntime.doc not regenerated")
	}
}

func esc(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// pkg zips a WordprocessingML package from its parts.
func pkg(parts map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	ct := `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`
	rels := `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`
	docRels := `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
	i := 10
	for _, nt := range [][2]string{{"styles.xml", "styles"}, {"numbering.xml", "numbering"}, {"footnotes.xml", "footnotes"}, {"header1.xml", "header"}, {"footer1.xml", "footer"}} {
		name, typ := nt[0], nt[1]
		if _, ok := parts["word/"+name]; ok {
			docRels += fmt.Sprintf(`<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/%s" Target="%s"/>`, i, typ, name)
			i++
		}
	}
	docRels += `</Relationships>`
	all := map[string]string{"[Content_Types].xml": ct, "_rels/.rels": rels, "word/_rels/document.xml.rels": docRels}
	for k, v := range parts {
		all[k] = v
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml",
		"word/styles.xml", "word/numbering.xml", "word/footnotes.xml", "word/header1.xml", "word/footer1.xml"} {
		v, ok := all[name]
		if !ok {
			continue
		}
		f, err := zw.Create(name)
		if err != nil {
			log.Fatal(err)
		}
		f.Write([]byte(v))
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

func doc(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`
}

func para(text string) string {
	return `<w:p><w:r><w:t xml:space="preserve">` + esc(text) + `</w:t></w:r></w:p>`
}

// roundTrip is a Kế hoạch with a header table, tabs, a soft break, a
// footnote, deleted text and a field code (both skipped), a text box with
// its fallback (read once), a header and a footer.
func roundTrip() ([]byte, string) {
	body := `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI</w:t></w:r></w:p></w:tc>` +
		`<w:tc><w:p><w:r><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p><w:p><w:r><w:t>Độc lập - Tự do - Hạnh phúc</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:tc><w:p><w:r><w:t>Số: 125/KH-UBND</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Quảng Ngãi, ngày 14 tháng 3 năm 2023</w:t></w:r></w:p></w:tc></w:tr></w:tbl>` +
		para("KẾ HOẠCH") +
		para("Triển khai thực hiện Chỉ thị số 18-CT/TW ngày 26/10/2022 của Ban Bí thư") +
		`<w:p><w:r><w:t xml:space="preserve">Căn cứ Luật Tổ chức chính quyền địa phương năm 2015</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>; Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>I. MỤC ĐÍCH, YÊU CẦU</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t xml:space="preserve">1. Quán triệt đầy đủ</w:t></w:r><w:del w:id="9" w:author="x"><w:r><w:delText> nội dung đã xóa</w:delText></w:r></w:del><w:r><w:t xml:space="preserve"> nội dung Chỉ thị đến cán bộ, công chức.</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>Thời hạn:</w:t></w:r><w:r><w:tab/><w:t>Quý II năm 2023.</w:t></w:r><w:r><w:br/><w:t>Cơ quan chủ trì: Sở Nội vụ.</w:t></w:r></w:p>` +
		`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2.</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> Các sở, ngành báo cáo kết quả trước ngày 15/12/2023.</w:t></w:r></w:p>` +
		`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>Nơi nhận: Như trên; Lưu: VT.</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Nơi nhận: Như trên; Lưu: VT.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
		para("TM. ỦY BAN NHÂN DÂN") + para("CHỦ TỊCH")
	foot := `<?xml version="1.0" encoding="UTF-8"?><w:footnotes ` + wNS + `><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Luật số 77/2015/QH13, sửa đổi, bổ sung năm 2019.</w:t></w:r></w:p></w:footnote></w:footnotes>`
	header := `<?xml version="1.0" encoding="UTF-8"?><w:hdr ` + wNS + `>` + para("Kế hoạch 125/KH-UBND") + `</w:hdr>`
	footer := `<?xml version="1.0" encoding="UTF-8"?><w:ftr ` + wNS + `>` + para("Trang thử nghiệm") + `</w:ftr>`
	want := `ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 125/KH-UBND
Quảng Ngãi, ngày 14 tháng 3 năm 2023
KẾ HOẠCH
Triển khai thực hiện Chỉ thị số 18-CT/TW ngày 26/10/2022 của Ban Bí thư
Căn cứ Luật Tổ chức chính quyền địa phương năm 2015[^1]; Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt đầy đủ nội dung Chỉ thị đến cán bộ, công chức.
Thời hạn:	Quý II năm 2023.
Cơ quan chủ trì: Sở Nội vụ.
2. Các sở, ngành báo cáo kết quả trước ngày 15/12/2023.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nơi nhận: Như trên; Lưu: VT.
[^1]: Luật số 77/2015/QH13, sửa đổi, bổ sung năm 2019.
Kế hoạch 125/KH-UBND
Trang thử nghiệm
`
	return pkg(map[string]string{"word/document.xml": doc(body), "word/footnotes.xml": foot,
		"word/header1.xml": header, "word/footer1.xml": footer}), want
}

// numbering has headings numbered through their style (Heading1 → I., II.),
// list paragraphs with direct numPr (1., 2.; a), b) restarting under each
// number), articles "Điều %1." from a second list, and a list that follows
// a numbering style (w:numStyleLink).
func numbering() []byte {
	styles := `<?xml version="1.0" encoding="UTF-8"?><w:styles ` + wNS + `><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Dieu"><w:name w:val="Dieu"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr></w:style>` +
		`<w:style w:type="numbering" w:styleId="KhoanList"><w:name w:val="Khoan list"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style></w:styles>`
	lvl := func(i int, start int, f, text, style string) string {
		s := fmt.Sprintf(`<w:lvl w:ilvl="%d"><w:start w:val="%d"/><w:numFmt w:val="%s"/>`, i, start, f)
		if style != "" {
			s += `<w:pStyle w:val="` + style + `"/>`
		}
		return s + `<w:lvlText w:val="` + text + `"/></w:lvl>`
	}
	num := `<?xml version="1.0" encoding="UTF-8"?><w:numbering ` + wNS + `>` +
		`<w:abstractNum w:abstractNumId="0">` + lvl(0, 1, "upperRoman", "%1.", "Heading1") + lvl(1, 1, "decimal", "%2.", "") + lvl(2, 1, "lowerLetter", "%3)", "") + lvl(3, 1, "bullet", "", "") + `</w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="1">` + lvl(0, 1, "decimal", "Điều %1.", "Dieu") + `</w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
		`<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="KhoanList"/></w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="3"><w:styleLink w:val="KhoanList"/>` + lvl(0, 1, "decimal", "(%1)", "") + `</w:abstractNum>` +
		`<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>` +
		`<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num><w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num></w:numbering>`
	h := func(text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>` + esc(text) + `</w:t></w:r></w:p>`
	}
	item := func(numID, ilvl int, text string) string {
		return fmt.Sprintf(`<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>`, ilvl, numID, esc(text))
	}
	dieu := func(text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="Dieu"/></w:pPr><w:r><w:t>` + esc(text) + `</w:t></w:r></w:p>`
	}
	body := h("MỤC ĐÍCH, YÊU CẦU") + item(1, 1, "Nâng cao nhận thức của cán bộ.") + item(1, 2, "Các sở, ngành rà soát văn bản.") +
		item(1, 2, "Ủy ban nhân dân cấp huyện tổ chức thực hiện.") + item(1, 1, "Thực hiện nghiêm túc.") + item(1, 2, "Báo cáo định kỳ.") +
		item(1, 3, "Gửi Sở Nội vụ.") +
		h("NHIỆM VỤ, GIẢI PHÁP") + item(1, 1, "Tuyên truyền.") + item(3, 1, "Mục tiếp tục đánh số từ 5.") +
		dieu("Phạm vi điều chỉnh") + dieu("Đối tượng áp dụng") +
		item(4, 0, "Khoản theo kiểu danh sách liên kết.") + item(4, 0, "Khoản thứ hai.")
	return pkg(map[string]string{"word/document.xml": doc(body), "word/styles.xml": styles, "word/numbering.xml": num})
}

// legacyDocx writes TCVN3 text in .VnTime (from the Normal style) and
// .VnTimeH (direct formatting) runs, as Word stores it: the bytes read
// with Windows-1252.
func legacyDocx(font, upperFont string) []byte {
	styles := `<?xml version="1.0" encoding="UTF-8"?><w:styles ` + wNS + `><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="` + font + `" w:hAnsi="` + font + `"/></w:rPr></w:style></w:styles>`
	run := func(f, text string) string {
		rpr := ""
		if f != "" {
			rpr = `<w:rPr><w:rFonts w:ascii="` + f + `" w:hAnsi="` + f + `"/></w:rPr>`
		}
		return `<w:r>` + rpr + `<w:t xml:space="preserve">` + esc(text) + `</w:t></w:r>`
	}
	body := `<w:p>` + run(upperFont, "bé tµi chÝnh") + `</w:p>` +
		`<w:p>` + run("", "Céng hoµ x· héi chñ nghÜa ViÖt Nam") + `</w:p>` +
		`<w:p>` + run("", "Sè: 12/2001/Q§-BTC") + `</w:p>` +
		`<w:p>` + run("Times New Roman", "Hà Nội, ngày 13 tháng 3 năm 2001") + `</w:p>` +
		`<w:p>` + run("", "C¸c tæ chøc, c¸ nh©n s¶n xuÊt kinh doanh hµng ho¸, dÞch vô") + `</w:p>`
	return pkg(map[string]string{"word/document.xml": doc(body), "word/styles.xml": styles})
}

func vniDocx() []byte {
	body := `<w:p><w:r><w:rPr><w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/></w:rPr><w:t>` + esc("Ñieàu 1. Quyeát ñònh naøy coù hieäu löïc thi haønh") + `</w:t></w:r></w:p>` +
		`<w:p><w:r><w:rPr><w:rFonts w:ascii="VNI-Helve" w:hAnsi="VNI-Helve"/></w:rPr><w:t>` + esc("UÛY BAN NHAÂN DAÂN") + `</w:t></w:r></w:p>`
	return pkg(map[string]string{"word/document.xml": doc(body)})
}

// bomb: one part of 8 MiB of spaces deflates to about 8 KiB (ratio ~1000:1).
func bomb() []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, _ := zw.Create("[Content_Types].xml")
	f.Write([]byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`))
	f, _ = zw.Create("word/document.xml")
	f.Write([]byte(doc("")[:100]))
	f.Write(bytes.Repeat([]byte(" "), 8<<20))
	zw.Close()
	return buf.Bytes()
}

// ole2 writes a minimal compound file ([MS-CFB], 512-byte sectors): sector
// 0 the FAT, sector 1 the directory, streams empty.
func ole2(streams map[string][]byte) []byte {
	const sec = 512
	hdr := make([]byte, sec)
	copy(hdr, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	binary.LittleEndian.PutUint16(hdr[24:], 0x3E)
	binary.LittleEndian.PutUint16(hdr[26:], 3)
	binary.LittleEndian.PutUint16(hdr[28:], 0xFFFE)
	binary.LittleEndian.PutUint16(hdr[30:], 9)
	binary.LittleEndian.PutUint16(hdr[32:], 6)
	binary.LittleEndian.PutUint32(hdr[44:], 1)          // one FAT sector
	binary.LittleEndian.PutUint32(hdr[48:], 1)          // directory at sector 1
	binary.LittleEndian.PutUint32(hdr[56:], 4096)       // mini stream cutoff
	binary.LittleEndian.PutUint32(hdr[60:], 0xFFFFFFFE) // no mini FAT
	binary.LittleEndian.PutUint32(hdr[68:], 0xFFFFFFFE) // no DIFAT sectors
	for i := 0; i < 109; i++ {
		binary.LittleEndian.PutUint32(hdr[76+4*i:], 0xFFFFFFFF)
	}
	binary.LittleEndian.PutUint32(hdr[76:], 0)
	fat := make([]byte, sec)
	for i := 0; i < sec/4; i++ {
		binary.LittleEndian.PutUint32(fat[4*i:], 0xFFFFFFFF)
	}
	binary.LittleEndian.PutUint32(fat[0:], 0xFFFFFFFD) // FAT sector
	binary.LittleEndian.PutUint32(fat[4:], 0xFFFFFFFE) // directory: one sector
	dir := make([]byte, sec)
	entry := func(i int, name string, typ byte) {
		e := dir[128*i : 128*i+128]
		u := utf16.Encode([]rune(name))
		for k, c := range u {
			binary.LittleEndian.PutUint16(e[2*k:], c)
		}
		binary.LittleEndian.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66] = typ
		binary.LittleEndian.PutUint32(e[68:], 0xFFFFFFFF)
		binary.LittleEndian.PutUint32(e[72:], 0xFFFFFFFF)
		binary.LittleEndian.PutUint32(e[76:], 0xFFFFFFFF)
		binary.LittleEndian.PutUint32(e[116:], 0xFFFFFFFE)
	}
	entry(0, "Root Entry", 5)
	i := 1
	var names []string
	for n := range streams {
		names = append(names, n)
	}
	for _, n := range sortStrings(names) {
		if i > 3 {
			break
		}
		entry(i, n, 2)
		i++
	}
	return append(append(hdr, fat...), dir...)
}

func sortStrings(s []string) []string {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

var tcvn3RTF = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}{\\f1\\fswiss\\fcharset0{\\*\\panose 020b7200000000000000}.VnTime;}{\\f2\\fswiss\\fcharset0 .VnTimeH;}}\n" +
	"{\\info{\\title Kh\\'f4ng ph\\'a3i v\\'a9n b\\'b6n}}{\\*\\generator Hand written}\n" +
	"\\pard\\plain\\f2\\fs26 b\\'e9 t\\'b5i ch\\'ddnh\\par\n" +
	"\\pard\\plain\\f1 C\\'e9ng ho\\'b5 x\\'b7 h\\'e9i ch\\'f1 ngh\\'dca Vi\\'d6t Nam\\par\n" +
	"\\pard\\f1 \\'a7i\\'d2u 1. Th\\'abng t\\- n\\'b5y c\\'e3 hi\\'d6u l\\'f9c{\\footnote\\pard\\plain\\f0 Ghi ch\\'fa: footnote}.\\par\n" +
	"{\\pict\\wmetafile8 0102030405060708}\\pard\\plain\\f0 Times: H\\'e0 N\\'f4i\\tab 2001\\par\n" +
	"\\trowd\\cellx1000\\cellx2000\\pard\\intbl\\f1 S\\'e8\\cell \\f1 12/2001\\cell\\row\n}"

var unicodeRTF = "{\\rtf1\\ansi\\ansicpg1252\\uc1\\deff0{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}}\n" +
	"\\pard\\plain Quy\\u7871?t \\u273?\\u7883?nh s\\u7889? 12/2023/Q\\u272?-UBND\\par\n" +
	"{\\uc2 C\\u7897\\'3f\\'3fng h\\u242??a}\\~x\\u227? h\\u7897?i\\par\n" +
	"{\\*\\bkmkstart x}\\u-3913?\\par}"

const newsHTML = `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Công bố Nghị định mới - Báo Tin Tức</title>
<style>.menu{color:red}</style><script>var tracking = "Điều khoản quảng cáo";</script></head>
<body>
<header class="site-header"><div class="logo">Báo Tin Tức</div>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su">Thời sự</a></li><li><a href="/phap-luat">Pháp luật</a></li></ul></nav></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/phap-luat">Pháp luật</a></div>
<div class="container">
 <div class="main-col">
  <h1 class="title">Chính phủ ban hành Nghị định quy định chi tiết Luật Đất đai</h1>
  <div class="article-body">
   <p>Ngày 05/3/2024, Chính phủ ban hành Nghị định số 12/2024/NĐ-CP quy định chi tiết một số điều của Luật Đất đai. Toàn văn Nghị định như sau:</p>
   <p><strong>CHÍNH PHỦ</strong></p>
   <p>Số: 12/2024/NĐ-CP</p>
   <p>Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;</p>
   <p>Chính phủ ban hành Nghị định quy định chi tiết một số điều của Luật Đất đai.</p>
   <p><b>Điều 1.</b> Phạm vi điều chỉnh</p>
   <p>Nghị định này quy định chi tiết một số điều của Luật Đất đai về quản lý, sử dụng đất &amp; giao đất, cho thuê đất.</p>
   <table><tr><td>Loại đất</td><td>Thời hạn</td></tr><tr><td>Đất nông nghiệp</td><td>50 năm</td></tr></table>
   <p><b>Điều 2.</b> Hiệu lực thi hành</p>
   <p>Nghị định này có hiệu lực thi hành kể từ ngày ký ban hành, các bộ, ngành, địa phương chịu trách nhiệm thi hành.</p>
  </div>
  <div class="share-buttons"><a href="#">Chia sẻ Facebook</a> <a href="#">Zalo</a></div>
  <div id="comments" class="comment-box"><h3>Bình luận (2)</h3><div class="comment">Bạn đọc A: Nghị định rất cần thiết, cảm ơn tòa soạn đã đăng tải.</div><div class="comment">Bạn đọc B: Khi nào có hướng dẫn, thưa tòa soạn?</div><form><textarea>Viết bình luận</textarea><button>Gửi</button></form></div>
 </div>
 <aside class="sidebar"><h3>Đọc nhiều</h3><ul><li><a href="/1">Giá vàng hôm nay tăng mạnh, người dân đổ xô đi mua</a></li><li><a href="/2">Thời tiết miền Bắc chuyển rét, nhiệt độ thấp nhất 10 độ</a></li></ul></aside>
</div>
<div class="related"><h3>Tin liên quan</h3><a href="/3">Luật Đất đai 2024 có hiệu lực từ ngày 01/8/2024, những điểm mới cần biết</a></div>
<footer class="site-footer">© Báo Tin Tức. Giấy phép số 123/GP-BTTTT. Địa chỉ: Hà Nội.</footer>
</body></html>
`
