package normalize

import (
	_ "embed"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"
)

// lgTablesTxt holds the legacy code tables (TCVN3, VNI-Windows, VISCII) as
// text, taken from /work/shared/docs/encoding-tables.txt (domain.md §6.2–6.3)
// and glibc's VISCII charmap; tables_test.go checks them.
//
//go:embed tables.txt
var lgTablesTxt string

// lgByteTable maps one byte to one rune; 0 means "not remapped": the byte keeps
// its Latin-1 meaning.
type lgByteTable [256]rune

var (
	lgTcvn3Table  lgByteTable
	lgVisciiTable lgByteTable
	// lgVniPairs maps a VNI base byte + mark byte to a letter, lgVniSingle maps
	// the one-byte VNI letters (đ, ơ, ư, í, ì, ỉ, ĩ, ị, ỵ and capitals).
	lgVniPairs  map[[2]byte]rune
	lgVniSingle lgByteTable
)

func init() {
	if err := lgLoadTables(lgTablesTxt); err != nil {
		// The tables are compiled in: a bad table is a programming error that
		// the tests catch before any release.
		panic(err)
	}
}

// lgTcvn3Skip are TCVN 5712 VN1 positions that ABC (TCVN3) fonts do not use as
// letters: glibc maps 0xB0–0xB4 to combining tone marks, but in real ABC text
// these bytes are symbols (°, ±, ², ³, ´) and a stray combining mark would
// attach to the previous letter (domain.md §6.1: "treat as suspicious").
var lgTcvn3Skip = map[byte]bool{0xB0: true, 0xB1: true, 0xB2: true, 0xB3: true, 0xB4: true}

func lgLoadTables(txt string) error {
	lgVniPairs = map[[2]byte]rune{}
	section := ""
	for n, line := range strings.Split(txt, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[]")
			continue
		}
		hx, ch, ok := strings.Cut(line, "\t")
		if !ok {
			return fmt.Errorf("tables.txt:%d: no tab", n+1)
		}
		b, err := hex.DecodeString(hx)
		if err != nil || len(b) == 0 || len(b) > 2 {
			return fmt.Errorf("tables.txt:%d: bad bytes %q", n+1, hx)
		}
		r, size := utf8.DecodeRuneInString(ch)
		if r == utf8.RuneError || size != len(ch) {
			return fmt.Errorf("tables.txt:%d: want one letter, got %q", n+1, ch)
		}
		switch section {
		case "tcvn3":
			if len(b) != 1 {
				return fmt.Errorf("tables.txt:%d: tcvn3 is one byte a letter", n+1)
			}
			if !lgTcvn3Skip[b[0]] {
				lgTcvn3Table[b[0]] = r
			}
		case "viscii":
			if len(b) != 1 {
				return fmt.Errorf("tables.txt:%d: viscii is one byte a letter", n+1)
			}
			lgVisciiTable[b[0]] = r
		case "vni":
			if len(b) == 1 {
				lgVniSingle[b[0]] = r
			} else {
				lgVniPairs[[2]byte{b[0], b[1]}] = r
			}
		default:
			return fmt.Errorf("tables.txt:%d: unknown section %q", n+1, section)
		}
	}
	return nil
}
