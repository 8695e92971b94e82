// Command mkscans prints plain texts as office scans: each text is typeset as
// a typed page layout by LibreOffice, rasterised at 200 dpi by poppler, then
// degraded like a cheap scanner or photocopier (a slight skew, blur, a loss of
// contrast, speckle), and wrapped as an image-only PDF, one JPEG per page.
//
//	go run ./extract/internal/mkscans -out DIR [TEXT...]
//
// Without TEXT arguments it prints the five seeds of the shared corpus
// (../shared/corpus/seeds/*.txt); those scans are made on demand and never
// committed. Each output keeps the base name of its text with ".pdf"
// ("000_8e574bec47acc631.pdf"). With -gold GOLD.json it also writes
// DIR/gold.json, the gold file with its keys renamed the same way, for
// ../shared/tools/score-refs (which matches by base name).
//
// The committed fixture testdata/extract/scan/office.pdf, a plan of our own
// (office.txt), is made by
//
//	go run ./extract/internal/mkscans -out testdata/extract/scan -quality 35 testdata/extract/scan/office.txt
//
// The noise of a page comes from -seed, the text's name and the page number,
// so a rerun makes the same images (LibreOffice and poppler versions may
// still change the bytes). It needs soffice, pdftoppm and the DejaVu fonts.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"hash/fnv"
	"html"
	"image"
	"image/color"
	"image/jpeg"
	"log"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// Version changes whenever the output of a given input changes: callers
// cache scans by the input's content and this.
const Version = "mkscans-1"

func main() {
	out := flag.String("out", "", "output directory (required)")
	seed := flag.Int64("seed", 7, "noise seed")
	dpi := flag.Int("dpi", 200, "scan resolution")
	quality := flag.Int("quality", 70, "JPEG quality of the pages")
	gold := flag.String("gold", "", "gold JSON to rename for the scans (keys NAME.txt → NAME.pdf)")
	flag.Parse()
	if *out == "" {
		log.Fatal("usage: mkscans -out DIR [-seed N] [-gold GOLD.json] [TEXT...]")
	}
	texts := flag.Args()
	if len(texts) == 0 {
		var err error
		texts, err = filepath.Glob(filepath.Join("..", "shared", "corpus", "seeds", "*.txt"))
		if err != nil || len(texts) == 0 {
			log.Fatal("no TEXT given and no ../shared/corpus/seeds/*.txt (run from the repository root)")
		}
	}
	sort.Strings(texts)
	must(os.MkdirAll(*out, 0o755))
	tmp, err := os.MkdirTemp("", "mkscans-")
	must(err)
	defer os.RemoveAll(tmp)
	for _, t := range texts {
		data, err := os.ReadFile(t)
		must(err)
		name := strings.TrimSuffix(filepath.Base(t), filepath.Ext(t))
		pdf := Scan(name, string(data), *dpi, *quality, *seed, tmp)
		write(filepath.Join(*out, name+".pdf"), pdf)
		log.Printf("%s.pdf: %d bytes", name, len(pdf))
	}
	if *gold != "" {
		must(renameGold(*gold, filepath.Join(*out, "gold.json")))
	}
}

// Scan typesets text, renders it at dpi, degrades every page and returns the
// image-only PDF.
func Scan(name, text string, dpi, quality int, seed int64, tmp string) []byte {
	dir := filepath.Join(tmp, name)
	must(os.MkdirAll(dir, 0o755))
	src := filepath.Join(dir, "doc.fodt")
	write(src, []byte(fodt(text)))
	run("soffice", "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(tmp, "lo"), "--convert-to", "pdf", "--outdir", dir, src)
	run("pdftoppm", "-r", fmt.Sprint(dpi), "-gray", filepath.Join(dir, "doc.pdf"), filepath.Join(dir, "p"))
	pages, err := filepath.Glob(filepath.Join(dir, "p-*.pgm"))
	must(err)
	sort.Strings(pages) // pdftoppm pads the page numbers to one width
	var jpgs [][]byte
	var w, h int
	for i, p := range pages {
		b, err := os.ReadFile(p)
		must(err)
		img := readPGM(b)
		h64 := fnv.New64a()
		fmt.Fprintf(h64, "%d/%s/%d", seed, name, i+1)
		noised := degrade(img, int64(h64.Sum64()>>1))
		var buf bytes.Buffer
		must(jpeg.Encode(&buf, noised, &jpeg.Options{Quality: quality}))
		jpgs = append(jpgs, buf.Bytes())
		w, h = noised.Bounds().Dx(), noised.Bounds().Dy()
	}
	return imagePDF(jpgs, w, h, dpi)
}

// fodt lays the text out as a typed administrative page: one paragraph per
// line, justified body text, centred lines in capitals (headings, titles),
// Markdown emphasis marks dropped.
func fodt(text string) string {
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(strings.ReplaceAll(l, "**", ""))
		if l == "" {
			continue
		}
		style := "Body"
		if l == strings.ToUpper(l) && len([]rune(l)) < 80 {
			style = "Centre"
		}
		fmt.Fprintf(&b, `<text:p text:style-name="%s">%s</text:p>`, style, html.EscapeString(l))
	}
	return fodtHead + b.String() + fodtTail
}

const fodtHead = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="DejaVu Serif" fo:font-size="12pt" fo:language="vi" fo:country="VN"/></style:default-style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:text-indent="1cm" fo:margin-bottom="0.15cm" fo:line-height="120%"/></style:style>
<style:style style:name="Centre" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.15cm"/><style:text-properties fo:font-weight="bold"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="2cm"/></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/></office:master-styles>
<office:body><office:text>`

const fodtTail = `</office:text></office:body></office:document>
`

func readPGM(b []byte) *image.Gray {
	var w, h, maxv int
	_, err := fmt.Sscanf(string(b[:min(64, len(b))]), "P5\n%d %d\n%d\n", &w, &h, &maxv)
	must(err)
	n := 0
	for i, lines := 0, 0; i < len(b); i++ {
		if b[i] == '\n' {
			if lines++; lines == 3 {
				n = i + 1
				break
			}
		}
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	copy(img.Pix, b[n:])
	return img
}

// degrade makes a clean render look like an office scan of a photocopy: the
// sheet is skewed by 0.5–1.5° either way, toner spread blurs the strokes,
// contrast is lost (grey paper, dark-grey ink, uneven from top to bottom),
// and dust leaves speckle: isolated dark dots, small blots and faint grey
// specks on the paper.
func degrade(src *image.Gray, seed int64) *image.Gray {
	rng := rand.New(rand.NewSource(seed))
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	angle := (0.5 + rng.Float64()) * math.Pi / 180
	if rng.Intn(2) == 0 {
		angle = -angle
	}
	sin, cos := math.Sin(angle), math.Cos(angle)
	cx, cy := float64(w)/2, float64(h)/2
	at := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 255
		}
		return float64(src.Pix[y*src.Stride+x])
	}
	// Bilinear sample of the rotated page.
	sample := func(fx, fy float64) float64 {
		x0, y0 := math.Floor(fx), math.Floor(fy)
		ax, ay := fx-x0, fy-y0
		ix, iy := int(x0), int(y0)
		return (1-ay)*((1-ax)*at(ix, iy)+ax*at(ix+1, iy)) + ay*((1-ax)*at(ix, iy+1)+ax*at(ix+1, iy+1))
	}
	rot := make([]float64, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			fx := cos*(float64(x)-cx) - sin*(float64(y)-cy) + cx
			fy := sin*(float64(x)-cx) + cos*(float64(y)-cy) + cy
			rot[y*w+x] = sample(fx, fy)
		}
	}
	// Toner spread: a 3×3 blur weighted to the centre.
	get := func(x, y int) float64 {
		x, y = max(0, min(w-1, x)), max(0, min(h-1, y))
		return rot[y*w+x]
	}
	out := image.NewGray(b)
	ink := 45 + 25*rng.Float64()    // darkest ink
	paper := 215 + 20*rng.Float64() // paper at the top
	fade := 15 * rng.Float64()      // paper darkens towards the bottom
	for y := 0; y < h; y++ {
		pp := paper - fade*float64(y)/float64(h)
		for x := 0; x < w; x++ {
			s := 4 * get(x, y)
			s += 2 * (get(x-1, y) + get(x+1, y) + get(x, y-1) + get(x, y+1))
			s += get(x-1, y-1) + get(x+1, y-1) + get(x-1, y+1) + get(x+1, y+1)
			v := s / 16
			v = ink + (pp-ink)*v/255 // contrast loss
			v += 6 * rng.NormFloat64()
			if rng.Float64() < 0.0008 {
				v = ink + 20*rng.Float64() // pepper
			}
			if v > 180 && rng.Float64() < 0.01 {
				v -= 50 * rng.Float64() // faint speck on the paper
			}
			out.Pix[y*out.Stride+x] = uint8(max(0, min(255, v)))
		}
	}
	// Blots: small dark dust specks of 2–4 pixels.
	for k := 0; k < w*h/20000; k++ {
		x0, y0 := rng.Intn(w), rng.Intn(h)
		r := 1 + rng.Intn(2)
		for dy := -r; dy <= r; dy++ {
			for dx := -r; dx <= r; dx++ {
				if x, y := x0+dx, y0+dy; x >= 0 && y >= 0 && x < w && y < h && dx*dx+dy*dy <= r*r {
					out.SetGray(x, y, color.Gray{Y: uint8(ink + 30*rng.Float64())})
				}
			}
		}
	}
	return out
}

// imagePDF writes the JPEG pages (w×h pixels at dpi) as an image-only PDF.
func imagePDF(jpgs [][]byte, w, h, dpi int) []byte {
	pw, ph := float64(w)*72/float64(dpi), float64(h)*72/float64(dpi)
	var buf bytes.Buffer
	var offs []int
	obj := func(body string, stream []byte) {
		offs = append(offs, buf.Len())
		fmt.Fprintf(&buf, "%d 0 obj\n%s", len(offs), body)
		if stream != nil {
			buf.WriteString("\nstream\n")
			buf.Write(stream)
			buf.WriteString("\nendstream")
		}
		buf.WriteString("\nendobj\n")
	}
	buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	var kids []string
	for i := range jpgs {
		kids = append(kids, fmt.Sprintf("%d 0 R", 3+3*i))
	}
	obj("<</Type /Catalog /Pages 2 0 R>>", nil)
	obj(fmt.Sprintf("<</Type /Pages /Kids [%s] /Count %d>>", strings.Join(kids, " "), len(jpgs)), nil)
	for i, j := range jpgs {
		page := 3 + 3*i
		obj(fmt.Sprintf("<</Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources <</XObject <</Im0 %d 0 R>>>> /Contents %d 0 R>>", pw, ph, page+1, page+2), nil)
		obj(fmt.Sprintf("<</Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d>>", w, h, len(j)), j)
		content := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q\n", pw, ph)
		obj(fmt.Sprintf("<</Length %d>>", len(content)), []byte(content))
	}
	x := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&buf, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&buf, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, x)
	return buf.Bytes()
}

// renameGold copies a score-refs gold file with each key NAME.txt renamed
// NAME.pdf.
func renameGold(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	var g map[string]json.RawMessage
	if err := json.Unmarshal(b, &g); err != nil {
		return err
	}
	var docs map[string]json.RawMessage
	if err := json.Unmarshal(g["docs"], &docs); err != nil {
		return err
	}
	renamed := map[string]json.RawMessage{}
	for k, v := range docs {
		renamed[strings.TrimSuffix(k, filepath.Ext(k))+".pdf"] = v
	}
	if g["docs"], err = json.Marshal(renamed); err != nil {
		return err
	}
	out, err := json.MarshalIndent(g, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(to, out, 0o644)
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

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
