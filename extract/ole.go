package extract

import (
	"encoding/binary"
	"fmt"
	"strings"
	"unicode/utf16"
)

// oleFile is a minimal reader of the OLE2 compound file binary format
// ([MS-CFB]): enough to list the streams (to tell Word from Excel and
// PowerPoint, and to find an encrypted OOXML package) and to read the start
// of a stream. It checks every sector number it follows, so a damaged file
// gives KindCorrupt, never a panic or a loop.
type oleFile struct {
	data    []byte
	secSize int
	fat     []uint32
	entries []oleEntry
}

type oleEntry struct {
	name  string
	typ   byte // 1 storage, 2 stream, 5 root
	start uint32
	size  uint64
}

const (
	oleEndOfChain = 0xFFFFFFFE
	oleFree       = 0xFFFFFFFF
)

func openOLE(data []byte) (*oleFile, error) {
	if len(data) < 512 {
		return nil, Errorf(KindCorrupt, "ole2", "header truncated (%d bytes)", len(data))
	}
	shift := binary.LittleEndian.Uint16(data[30:])
	if shift != 9 && shift != 12 {
		return nil, Errorf(KindCorrupt, "ole2", "bad sector shift %d", shift)
	}
	f := &oleFile{data: data, secSize: 1 << shift}
	nFAT := binary.LittleEndian.Uint32(data[44:])
	dirStart := binary.LittleEndian.Uint32(data[48:])
	difatStart := binary.LittleEndian.Uint32(data[68:])
	nDIFAT := binary.LittleEndian.Uint32(data[72:])
	maxSec := uint32(len(data)/f.secSize + 1)
	if nFAT > maxSec || nDIFAT > maxSec {
		return nil, Errorf(KindCorrupt, "ole2", "FAT sector count %d over file size", nFAT)
	}
	var fatSecs []uint32
	for i := 0; i < 109 && uint32(len(fatSecs)) < nFAT; i++ {
		fatSecs = append(fatSecs, binary.LittleEndian.Uint32(data[76+4*i:]))
	}
	sec := difatStart
	for n := uint32(0); n < nDIFAT && uint32(len(fatSecs)) < nFAT && sec < oleEndOfChain-1; n++ {
		b, ok := f.sector(sec)
		if !ok {
			return nil, Errorf(KindCorrupt, "ole2", "DIFAT sector %d out of the file", sec)
		}
		per := f.secSize/4 - 1
		for i := 0; i < per && uint32(len(fatSecs)) < nFAT; i++ {
			fatSecs = append(fatSecs, binary.LittleEndian.Uint32(b[4*i:]))
		}
		sec = binary.LittleEndian.Uint32(b[4*per:])
	}
	for _, s := range fatSecs {
		b, ok := f.sector(s)
		if !ok {
			return nil, Errorf(KindCorrupt, "ole2", "FAT sector %d out of the file (truncated?)", s)
		}
		for i := 0; i+4 <= len(b); i += 4 {
			f.fat = append(f.fat, binary.LittleEndian.Uint32(b[i:]))
		}
	}
	dir, err := f.chain(dirStart, 1<<24)
	if err != nil {
		return nil, err
	}
	for i := 0; i+128 <= len(dir); i += 128 {
		e := dir[i : i+128]
		nl := int(binary.LittleEndian.Uint16(e[64:]))
		if nl < 2 || nl > 64 {
			continue
		}
		u := make([]uint16, 0, nl/2-1)
		for k := 0; k+1 < nl-2; k += 2 {
			u = append(u, binary.LittleEndian.Uint16(e[k:]))
		}
		f.entries = append(f.entries, oleEntry{
			name:  string(utf16.Decode(u)),
			typ:   e[66],
			start: binary.LittleEndian.Uint32(e[116:]),
			size:  binary.LittleEndian.Uint64(e[120:]) & 0xFFFFFFFF,
		})
	}
	if len(f.entries) == 0 {
		return nil, Errorf(KindCorrupt, "ole2", "no directory entries")
	}
	return f, nil
}

func (f *oleFile) sector(s uint32) ([]byte, bool) {
	off := (int64(s) + 1) * int64(f.secSize)
	if s >= oleEndOfChain-1 || off+int64(f.secSize) > int64(len(f.data)) {
		return nil, false
	}
	return f.data[off : off+int64(f.secSize)], true
}

// chain reads a FAT sector chain, up to max bytes.
func (f *oleFile) chain(start uint32, max int) ([]byte, error) {
	var out []byte
	s := start
	for steps := 0; s != oleEndOfChain && s != oleFree && len(out) < max; steps++ {
		if steps > len(f.fat) {
			return nil, Errorf(KindCorrupt, "ole2", "sector chain loops")
		}
		b, ok := f.sector(s)
		if !ok || int(s) >= len(f.fat) {
			return nil, Errorf(KindCorrupt, "ole2", "sector %d out of the file (truncated?)", s)
		}
		out = append(out, b...)
		s = f.fat[s]
	}
	return out, nil
}

func (f *oleFile) find(name string) *oleEntry {
	for i := range f.entries {
		if strings.EqualFold(f.entries[i].name, name) {
			return &f.entries[i]
		}
	}
	return nil
}

// streamHead reads the first n bytes of a stream: from regular sectors, or
// for streams under the 4096-byte cutoff from the mini stream (64-byte
// sectors inside the root entry's stream, chained by the mini FAT).
func (f *oleFile) streamHead(e *oleEntry, n int) ([]byte, error) {
	if e == nil {
		return nil, fmt.Errorf("no such stream")
	}
	n = min(n, int(e.size))
	if e.size >= 4096 {
		b, err := f.chain(e.start, n)
		if err != nil {
			return nil, err
		}
		return b[:min(n, len(b))], nil
	}
	offs, err := f.miniOffsets(e, n)
	if err != nil {
		return nil, err
	}
	var out []byte
	for _, o := range offs {
		out = append(out, f.data[o:o+64]...)
	}
	return out[:min(n, len(out))], nil
}

// miniOffsets gives the file offsets of the first mini sectors of a small
// stream, enough to hold n bytes.
func (f *oleFile) miniOffsets(e *oleEntry, n int) ([]int, error) {
	if len(f.entries) == 0 || len(f.data) < 512 {
		return nil, Errorf(KindCorrupt, "ole2", "no root entry")
	}
	root := f.entries[0]
	miniFAT, err := f.chain(binary.LittleEndian.Uint32(f.data[60:]), 1<<22)
	if err != nil {
		return nil, err
	}
	// The sectors of the mini stream container, in order.
	var secs []uint32
	s := root.start
	for steps := 0; s != oleEndOfChain && s != oleFree; steps++ {
		if steps > len(f.fat) || int(s) >= len(f.fat) {
			return nil, Errorf(KindCorrupt, "ole2", "mini stream chain broken")
		}
		secs = append(secs, s)
		s = f.fat[s]
	}
	var out []int
	m := e.start
	for steps := 0; m != oleEndOfChain && m != oleFree && len(out)*64 < n; steps++ {
		if steps > len(miniFAT)/4 {
			return nil, Errorf(KindCorrupt, "ole2", "mini chain loops")
		}
		per := f.secSize / 64
		idx := int(m) / per
		if idx >= len(secs) {
			return nil, Errorf(KindCorrupt, "ole2", "mini sector %d out of the mini stream", m)
		}
		off := (int(secs[idx])+1)*f.secSize + (int(m)%per)*64
		if off+64 > len(f.data) {
			return nil, Errorf(KindCorrupt, "ole2", "mini sector %d out of the file", m)
		}
		out = append(out, off)
		if int(m)*4+4 > len(miniFAT) {
			break
		}
		m = binary.LittleEndian.Uint32(miniFAT[int(m)*4:])
	}
	return out, nil
}

// streamOffset is the file offset of the first byte of a stream.
func (f *oleFile) streamOffset(e *oleEntry) (int, error) {
	if e.size >= 4096 {
		if _, ok := f.sector(e.start); !ok {
			return 0, Errorf(KindCorrupt, "ole2", "stream start out of the file")
		}
		return (int(e.start) + 1) * f.secSize, nil
	}
	offs, err := f.miniOffsets(e, 1)
	if err != nil || len(offs) == 0 {
		return 0, Errorf(KindCorrupt, "ole2", "stream start out of the file")
	}
	return offs[0], nil
}

// oleKind names what an OLE2 file holds: "encrypted-ooxml" (an Office 2007+
// file protected by a password is an OLE2 with EncryptedPackage, [MS-OFFCRYPTO]
// §2.3.4.4), "doc", "xls", "ppt", "msg" or "".
func (f *oleFile) kind() string {
	switch {
	case f.find("EncryptedPackage") != nil:
		return "encrypted-ooxml"
	case f.find("WordDocument") != nil:
		return "doc"
	case f.find("Workbook") != nil || f.find("Book") != nil:
		return "xls"
	case f.find("PowerPoint Document") != nil:
		return "ppt"
	case f.find("__substg1.0_0037001F") != nil || f.find("__substg1.0_0037001E") != nil:
		return "msg"
	}
	return ""
}
