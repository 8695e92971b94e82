package extract

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
)

// planPDF builds a PDF whose pages each draw the given text (Helvetica) and,
// when w and h are not zero, one grey image of w×h points.
type planPage struct {
	text string
	w, h float64 // image size in points; 0: no image
	// inline draws the image as an inline image (BI … ID … EI).
	inline bool
}

func planPDF(pages []planPage) []byte {
	var b bytes.Buffer
	var offs []int
	next := func() int { offs = append(offs, 0); return len(offs) }
	set := func(n int) { offs[n-1] = b.Len() }
	b.WriteString("%PDF-1.4\n")
	catalog, tree, font, img := next(), next(), next(), next()
	var kids []string
	type pg struct{ page, content int }
	var ids []pg
	for range pages {
		p, c := next(), next()
		ids = append(ids, pg{p, c})
		kids = append(kids, fmt.Sprintf("%d 0 R", p))
	}
	set(catalog)
	fmt.Fprintf(&b, "%d 0 obj\n<</Type /Catalog /Pages %d 0 R>>\nendobj\n", catalog, tree)
	set(tree)
	fmt.Fprintf(&b, "%d 0 obj\n<</Type /Pages /Kids [%s] /Count %d>>\nendobj\n", tree, strings.Join(kids, " "), len(pages))
	set(font)
	fmt.Fprintf(&b, "%d 0 obj\n<</Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding>>\nendobj\n", font)
	pix := bytes.Repeat([]byte{0x80}, 16*16)
	set(img)
	fmt.Fprintf(&b, "%d 0 obj\n<</Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d>>\nstream\n", img, len(pix))
	b.Write(pix)
	b.WriteString("\nendstream\nendobj\n")
	for i, p := range pages {
		var c strings.Builder
		if p.w > 0 && p.h > 0 {
			fmt.Fprintf(&c, "q %g 0 0 %g 40 40 cm ", p.w, p.h)
			if p.inline {
				c.WriteString("BI /W 2 /H 2 /CS /G /BPC 8 ID \x80\x80\x80\x80 EI ")
			} else {
				c.WriteString("/Im1 Do ")
			}
			c.WriteString("Q\n")
		}
		y := 780
		for _, l := range strings.Split(p.text, "\n") {
			if l != "" {
				fmt.Fprintf(&c, "BT /F1 11 Tf 60 %d Td (%s) Tj ET\n", y, l)
			}
			y -= 14
		}
		set(ids[i].page)
		fmt.Fprintf(&b, "%d 0 obj\n<</Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources <</Font <</F1 %d 0 R>> /XObject <</Im1 %d 0 R>>>> /Contents %d 0 R>>\nendobj\n",
			ids[i].page, tree, font, img, ids[i].content)
		set(ids[i].content)
		fmt.Fprintf(&b, "%d 0 obj\n<</Length %d>>\nstream\n%s\nendstream\nendobj\n", ids[i].content, c.Len(), c.String())
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root %d 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, catalog, x)
	return b.Bytes()
}

const planBody = "UY BAN NHAN DAN TINH\nKE HOACH\nThuc hien Chi thi so 33/CT-TTg ngay 10 thang 12 nam 2021 cua Thu tuong Chinh phu\nve tang cuong cong tac dan van trong tinh hinh moi tren dia ban tinh"

// In --ocr=auto a page is OCRed only when an image on it could hold text: a
// short typed last page, or one with only a logo, keeps its text layer; a
// page-size scan (as an image XObject or an inline image), or a scan whose
// text layer is only the signature stamp, is OCRed.
func TestOCRPlan(t *testing.T) {
	const stamp = "Ky boi: Uy ban nhan dan tinh\nThoi gian ky: 10.05.2025 12:49:09 +07:00"
	for _, tc := range []struct {
		name string
		page planPage
		want string // the reason for OCR of page 2, "" for none
	}{
		{"short typed last page", planPage{text: "Noi nhan:\n- Nhu tren;"}, ""},
		{"blank page", planPage{}, ""},
		{"short page with a logo", planPage{text: "Noi nhan:", w: 60, h: 60}, ""},
		{"stamp only, no image", planPage{text: stamp}, ""},
		{"page-size scan", planPage{w: 515, h: 762}, "empty"},
		{"scan in strips", planPage{w: 515, h: 120}, "empty"},
		{"inline-image scan", planPage{w: 515, h: 762, inline: true}, "empty"},
		{"signed scan", planPage{text: stamp, w: 515, h: 762}, "signature-stamp"},
		{"typed page", planPage{text: planBody}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := planPDF([]planPage{{text: planBody}, tc.page})
			r, err := openPDF(data)
			if err != nil {
				t.Fatal(err)
			}
			pages, _, err := readPDFPages(context.Background(), r)
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) != 2 {
				t.Fatalf("%d pages", len(pages))
			}
			reasons, need := ocrPlan(pages, OCRAuto)
			if reasons[0] != "" {
				t.Errorf("typed page 1 would be OCRed (%s)", reasons[0])
			}
			if reasons[1] != tc.want {
				t.Errorf("page 2: reason %q, want %q (image cover %.3f)", reasons[1], tc.want, pages[1].imgTotal)
			}
			if (tc.want != "") != (len(need) == 1) {
				t.Errorf("pages to OCR %v", need)
			}
			if _, need := ocrPlan(pages, OCRForce); len(need) != 2 {
				t.Errorf("--ocr=force OCRs %v", need)
			}
			if _, need := ocrPlan(pages, OCROff); len(need) != 0 {
				t.Errorf("--ocr=off OCRs %v", need)
			}
		})
	}
}

// A typed document with a short last page comes out whole in auto mode and
// without any OCR, even where tesseract is installed.
func TestOCRAutoTypedShortLastPage(t *testing.T) {
	data := planPDF([]planPage{{text: planBody}, {text: "Noi nhan:\n- Nhu tren;"}})
	res, err := extractPDF(context.Background(), data, Options{OCR: OCRAuto})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.OCRPages(); len(got) != 0 {
		t.Errorf("OCR pages %v", got)
	}
	if !strings.Contains(res.Text, "33/CT-TTg") || !strings.Contains(res.Text, "Noi nhan") {
		t.Errorf("text %q", res.Text)
	}
	if strings.Contains(res.Extractor, "tesseract") {
		t.Errorf("extractor %q", res.Extractor)
	}
}
