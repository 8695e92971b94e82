package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/gif" // decoders for the retry of a low-confidence image
	_ "image/jpeg"
	_ "image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

func init() {
	Register(FormatImage, extractImage)
}

// imageInfo is what the header of an image says, read before anything
// decodes it: a 200-byte PNG can claim 100 000 × 100 000 pixels.
type imageInfo struct {
	format        string // file extension tesseract/leptonica understands
	width, height int64
	pages         int // TIFF: number of IFDs (pages), else 1
}

// maxImageSide is leptonica's limit per side (larger images fail anyway).
const maxImageSide = 1 << 16

var errImageHeader = errors.New("cannot read the image header")

// imageHeader reads the dimensions of a PNG, JPEG, TIFF, GIF, BMP or PNM.
func imageHeader(data []byte) (info imageInfo, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = fmt.Errorf("%w: %v", errImageHeader, x)
		}
	}()
	info.pages = 1
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		if len(data) < 24 || string(data[12:16]) != "IHDR" {
			return info, fmt.Errorf("%w: PNG without IHDR", errImageHeader)
		}
		info.format = "png"
		info.width = int64(binary.BigEndian.Uint32(data[16:20]))
		info.height = int64(binary.BigEndian.Uint32(data[20:24]))
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		info.format = "jpg"
		info.width, info.height, err = jpegSize(data)
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		info.format = "tif"
		info.width, info.height, info.pages, err = tiffSize(data)
	case bytes.HasPrefix(data, []byte("GIF8")):
		if len(data) < 10 {
			return info, fmt.Errorf("%w: short GIF", errImageHeader)
		}
		info.format = "gif"
		info.width = int64(binary.LittleEndian.Uint16(data[6:8]))
		info.height = int64(binary.LittleEndian.Uint16(data[8:10]))
	case bytes.HasPrefix(data, []byte("BM")):
		if len(data) < 26 {
			return info, fmt.Errorf("%w: short BMP", errImageHeader)
		}
		info.format = "bmp"
		info.width = int64(int32(binary.LittleEndian.Uint32(data[18:22])))
		h := int64(int32(binary.LittleEndian.Uint32(data[22:26])))
		if h < 0 {
			h = -h
		}
		info.height = h
	case bytes.HasPrefix(data, []byte("P5")), bytes.HasPrefix(data, []byte("P6")), bytes.HasPrefix(data, []byte("P4")):
		info.format = "pnm"
		info.width, info.height, err = pnmSize(data)
	default:
		return info, fmt.Errorf("%w: unknown image format", errImageHeader)
	}
	if err == nil && (info.width <= 0 || info.height <= 0) {
		err = fmt.Errorf("%w: %d×%d pixels", errImageHeader, info.width, info.height)
	}
	return info, err
}

func jpegSize(data []byte) (int64, int64, error) {
	i := 2
	for i+4 <= len(data) {
		if data[i] != 0xFF {
			i++ // tolerate fill bytes and junk between segments
			continue
		}
		m := data[i+1]
		if m == 0xFF || m == 0x01 || (m >= 0xD0 && m <= 0xD7) {
			i++
			continue
		}
		l := int(binary.BigEndian.Uint16(data[i+2 : i+4]))
		// SOF0–SOF15 except DHT (C4), JPG (C8), DAC (CC) carry the size.
		if m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC {
			if i+9 > len(data) {
				break
			}
			h := int64(binary.BigEndian.Uint16(data[i+5 : i+7]))
			w := int64(binary.BigEndian.Uint16(data[i+7 : i+9]))
			return w, h, nil
		}
		if l < 2 {
			break
		}
		i += 2 + l
	}
	return 0, 0, fmt.Errorf("%w: JPEG without a frame header", errImageHeader)
}

// tiffSize reads the first IFD's ImageWidth/ImageLength and counts the IFDs
// (pages); the largest page decides.
func tiffSize(data []byte) (w, h int64, pages int, err error) {
	var bo binary.ByteOrder = binary.LittleEndian
	if data[0] == 'M' {
		bo = binary.BigEndian
	}
	if len(data) < 8 {
		return 0, 0, 0, fmt.Errorf("%w: short TIFF", errImageHeader)
	}
	off := int64(bo.Uint32(data[4:8]))
	seen := map[int64]bool{}
	for off != 0 && pages < 10000 {
		if seen[off] || off+2 > int64(len(data)) || off < 8 {
			break // a loop or a pointer outside the file ends the chain
		}
		seen[off] = true
		n := int64(bo.Uint16(data[off : off+2]))
		var pw, ph int64
		for k := int64(0); k < n; k++ {
			e := off + 2 + 12*k
			if e+12 > int64(len(data)) {
				break
			}
			tag, typ := bo.Uint16(data[e:e+2]), bo.Uint16(data[e+2:e+4])
			var v int64
			switch typ {
			case 3: // SHORT
				v = int64(bo.Uint16(data[e+8 : e+10]))
			case 4: // LONG
				v = int64(bo.Uint32(data[e+8 : e+12]))
			}
			switch tag {
			case 256:
				pw = v
			case 257:
				ph = v
			}
		}
		pages++
		if pw*ph > w*h || w == 0 {
			w, h = pw, ph
		}
		next := off + 2 + 12*n
		if next+4 > int64(len(data)) {
			break
		}
		off = int64(bo.Uint32(data[next : next+4]))
	}
	if pages == 0 {
		return 0, 0, 0, fmt.Errorf("%w: TIFF without an image directory", errImageHeader)
	}
	return w, h, pages, nil
}

func pnmSize(data []byte) (int64, int64, error) {
	var nums []int64
	i := 2
	for len(nums) < 2 && i < len(data) && i < 4096 {
		c := data[i]
		switch {
		case c == '#':
			for i < len(data) && data[i] != '\n' {
				i++
			}
		case c >= '0' && c <= '9':
			j := i
			for j < len(data) && data[j] >= '0' && data[j] <= '9' && j-i < 10 {
				j++
			}
			v, _ := strconv.ParseInt(string(data[i:j]), 10, 64)
			nums = append(nums, v)
			i = j
			continue
		}
		i++
	}
	if len(nums) < 2 {
		return 0, 0, fmt.Errorf("%w: PNM header", errImageHeader)
	}
	return nums[0], nums[1], nil
}

// checkPixels refuses images too large to OCR.
func checkPixels(info imageInfo, maxPixels int64) error {
	if info.width > maxImageSide || info.height > maxImageSide || info.width*info.height > maxPixels {
		return Errorf(KindTooLarge, "image", "the image is %d×%d pixels (%.0f megapixels), over the OCR limit of %.0f megapixels or %d pixels per side",
			info.width, info.height, float64(info.width)*float64(info.height)/1e6, float64(maxPixels)/1e6, maxImageSide)
	}
	return nil
}

// extractImage OCRs a PNG, JPEG, TIFF (all pages), GIF, BMP or PNM.
func extractImage(ctx context.Context, data []byte, opt Options) (*Result, error) {
	opt = withDefaults(opt)
	info, err := imageHeader(data)
	if err != nil {
		return nil, &Error{Op: "image", Kind: KindCorrupt, Err: err}
	}
	if err := checkPixels(info, opt.MaxPixels); err != nil {
		return nil, err
	}
	if opt.OCR == OCROff {
		return nil, Errorf(KindEmpty, "image", "an image has no text layer and OCR is off")
	}
	tools := findOCR(ctx, opt.Lang)
	if tools.err != nil {
		return nil, &Error{Op: "ocr", Kind: KindOCRFailed, Err: fmt.Errorf("cannot OCR the image: %v", tools.err)}
	}
	dir, err := os.MkdirTemp("", "vanban-img-")
	if err != nil {
		return nil, &Error{Op: "ocr", Kind: KindIO, Err: fmt.Errorf("cannot make temp dir: %w", err)}
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "image."+info.format)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return nil, &Error{Op: "ocr", Kind: KindIO, Err: fmt.Errorf("cannot write temp file: %w", err)}
	}
	// One process reads every page of a TIFF, so its deadline grows with them.
	timeout := opt.PageTimeout * time.Duration(min(info.pages, 1000))
	pctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	pgs, err := runTesseract(pctx, opt.ocrPool(), tools.tesseract, path, opt.Lang)
	if err != nil {
		return nil, err
	}
	if len(pgs) == 1 && pgs[0].words > 0 && pgs[0].conf < ocrRetryBelow {
		// What remains of the deadline of the first reading and one more.
		rctx, cancel := context.WithTimeout(ctx, opt.PageTimeout)
		defer cancel()
		pgs[0] = *retryImage(rctx, tools, data, opt, dir, &pgs[0])
	}
	res := &Result{Format: FormatImage, Encoding: "ocr", Extractor: "vanban/image + tesseract"}
	w := &pageWriter{}
	for i, p := range pgs {
		if i > 0 {
			w.write(string(PageBreak), "")
		}
		start := w.b.Len()
		w.lines(p.lines)
		res.Pages = append(res.Pages, Page{N: i + 1, OCR: true, Reason: "image",
			Confidence: math.Round(p.conf*10) / 10, Chars: nonSpaceRunes(w.b.String()[start:]), Retry: p.retry})
		if p.retry != "" {
			res.Warnings = append(res.Warnings, fmt.Sprintf("page %d: low OCR confidence, read again (%s)", i+1, p.retry))
		}
	}
	res.Text = w.b.String()
	if len([]rune(res.Text)) == 0 || nonSpaceRunes(res.Text) == 0 {
		return nil, Errorf(KindEmpty, "ocr", "OCR found no text in the image")
	}
	return res, nil
}

// retryImage reads a one-page image whose first OCR had a low confidence
// again, cleaned by a 3×3 median filter (as retryLowConfidence does for PDF
// pages), and keeps the better reading. PNG, JPEG, GIF and 8-bit PGM are
// decoded; other formats keep the first reading.
func retryImage(ctx context.Context, tools *ocrTools, data []byte, opt Options, dir string, first *ocrPage) *ocrPage {
	start := time.Now()
	var w, h int
	var pix []byte
	if pw, ph, off, err := pgmHeader(data); err == nil {
		w, h, pix = pw, ph, data[off:off+pw*ph]
	} else {
		img, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			return first
		}
		b := img.Bounds()
		w, h = b.Dx(), b.Dy()
		g := image.NewGray(image.Rect(0, 0, w, h))
		draw.Draw(g, g.Bounds(), img, b.Min, draw.Src)
		pix = g.Pix
	}
	clean := filepath.Join(dir, "clean.pgm")
	out := append([]byte(fmt.Sprintf("P5\n%d %d\n255\n", w, h)), medianFilter(pix, w, h)...)
	best := first
	tried := "despeckled failed"
	if err := os.WriteFile(clean, out, 0o600); err == nil {
		if pg, err := ocrImageFile(ctx, tools, clean, opt, 1); err == nil {
			tried = fmt.Sprintf("despeckled %.1f", pg.conf)
			if pg.conf > first.conf && 2*pg.words >= first.words {
				best = pg
			}
		}
	}
	kept := "first kept"
	if best != first {
		kept = "kept the best"
	}
	best.retry = fmt.Sprintf("first %.1f; %s; %s; %.1f s", first.conf, tried, kept, time.Since(start).Seconds())
	return best
}
