package corpus

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// longRef is a REF of n bytes as a person or an attacker might paste it: a
// real reference followed by words, places and numbers, repeated.
func longRef(n int) string {
	const unit = "Chỉ thị số 33/CT-TTg ngày 26/11/2021 của huyện Tây Sơn tỉnh Bình Định về 12 việc "
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(unit)
	}
	s := b.String()
	for len(s) > n { // cut on a rune boundary
		s = s[:len(s)-1]
		for len(s) > 0 && s[len(s)-1]&0xC0 == 0x80 {
			s = s[:len(s)-1]
		}
		if s != "" && s[len(s)-1] >= 0xC0 {
			s = s[:len(s)-1]
		}
	}
	return s
}

var refSizes = []int{10, 100, 1000, 10_000, 100_000, 1_000_000}

// BenchmarkParseRef: time against the length of a REF, 10 B to 1 MB, for
// the parser without the length limit (`go test -run '^$' -bench ParseRef ./corpus`).
func BenchmarkParseRef(b *testing.B) {
	ParseRef(longRef(100)) // the tables load once
	for _, n := range refSizes {
		s := longRef(n)
		b.Run(fmt.Sprintf("%dB", n), func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for i := 0; i < b.N; i++ {
				ParseRef(s)
			}
		})
	}
}

// BenchmarkResolveLong: the whole resolution of a long REF that names
// nothing, with the closest stored symbols, past the length limit.
func BenchmarkResolveLong(b *testing.B) {
	s := openTest(b)
	ctx := context.Background()
	for _, n := range refSizes {
		ref := longRef(n)
		b.Run(fmt.Sprintf("%dB", n), func(b *testing.B) {
			b.SetBytes(int64(len(ref)))
			for i := 0; i < b.N; i++ {
				s.Resolve(ctx, ref)
				s.ClosestSymbols(ctx, ref, 5)
			}
		})
	}
}
