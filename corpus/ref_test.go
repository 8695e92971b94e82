package corpus

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestParseRef(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Ref
		err  error
	}{
		{"type and symbol", "Chỉ thị 33/CT-TTg", Ref{Type: "chi thi", Symbol: "33/CT-TTg"}, nil},
		{"symbol lower case", "33/ct-ttg", Ref{Symbol: "33/ct-ttg"}, nil},
		{"folded type and number", "chi thi 33", Ref{Type: "chi thi", Number: "33"}, nil},
		{"with year", "Nghị quyết 25-NQ/TW năm 2013", Ref{Type: "nghi quyet", Symbol: "25-NQ/TW", Year: 2013}, nil},
		{"so", "Kế hoạch số 109-KH/ThU", Ref{Type: "ke hoach", Symbol: "109-KH/ThU"}, nil},
		{"date", "Chỉ thị số 33/CT-TTg ngày 26/11/2021", Ref{Type: "chi thi", Symbol: "33/CT-TTg", Year: 2021}, nil},
		{"bare year", "25-NQ/TW 2008", Ref{Symbol: "25-NQ/TW", Year: 2008}, nil},
		{"province", "Chỉ thị 18-CT/TU tỉnh Lâm Đồng", Ref{Type: "chi thi", Symbol: "18-CT/TU", Place: "lam-dong"}, nil},
		{"province folded", "18-CT/TU lam dong", Ref{Symbol: "18-CT/TU", Place: "lam-dong"}, nil},
		{"district", "Kế hoạch 58-KH/HU huyện Tây Sơn", Ref{Type: "ke hoach", Symbol: "58-KH/HU", Place: "binh-dinh/tay-son"}, nil},
		{"commune", "12-KH/ĐU xã Bình Thành, Tây Sơn", Ref{Symbol: "12-KH/ĐU", Place: "binh-dinh/tay-son/binh-thanh"}, nil},
		{"district key", "58-KH/HU:2019:binh-dinh/tay-son", Ref{Key: "58-KH/HU:2019:binh-dinh/tay-son"}, nil},
		{"second document key", "58-KH/HU:2022:binh-dinh~2022-05-03", Ref{Key: "58-KH/HU:2022:binh-dinh~2022-05-03"}, nil},
		{"spaced symbol", "Kết luận số 01 - KL/TW", Ref{Type: "ket luan", Symbol: "01-KL/TW"}, nil},
		{"leading zero number", "ket luan 01", Ref{Type: "ket luan", Number: "1"}, nil},
		{"longest type", "Chương trình hành động 09", Ref{Type: "chuong trinh hanh dong", Number: "9"}, nil},
		{"key", "109-KH/ThU:2023:lai-chau", Ref{Key: "109-KH/ThU:2023:lai-chau"}, nil},
		{"national key", "33/CT-TTg:2021:vn", Ref{Key: "33/CT-TTg:2021:vn"}, nil},
		{"nothing", "Chỉ thị về dân vận", Ref{}, ErrNoRef},
		{"empty", "", Ref{}, ErrNoRef},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseRef(tc.in)
			if !errors.Is(err, tc.err) {
				t.Fatalf("ParseRef(%q) error %v, want %v", tc.in, err, tc.err)
			}
			if got != tc.want {
				t.Errorf("ParseRef(%q) = %+v, want %+v", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzParseRef: the parser never panics, and what it returns is usable: a
// reference always has a number or a symbol or a key, and a symbol it
// found reads back as itself.
func FuzzParseRef(f *testing.F) {
	for _, s := range []string{"Chỉ thị 33/CT-TTg", "chi thi 33", "Nghị quyết 25-NQ/TW năm 2013", "18-CT/TU Lâm Đồng",
		"109-KH/ThU:2023:lai-chau", "01 - KL/TW ngày 1-8-2022", "năm", "ngày 1/1/2020", "\xff\xfe", "0-0/0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRef(s)
		if err != nil {
			if !errors.Is(err, ErrNoRef) {
				t.Fatalf("ParseRef(%q) gave an unexpected error %v", s, err)
			}
			return
		}
		if r.Key == "" && r.Symbol == "" && r.Number == "" {
			t.Fatalf("ParseRef(%q) = %+v: no key, symbol or number", s, r)
		}
		if !utf8.ValidString(r.Symbol) || !utf8.ValidString(r.Type) {
			t.Fatalf("ParseRef(%q) = %+v: invalid UTF-8", s, r)
		}
		if r.Symbol != "" {
			again, err := ParseRef(r.Symbol)
			if err != nil || FoldSymbol(again.Symbol) != FoldSymbol(r.Symbol) {
				t.Fatalf("symbol %q of %q reads back as %+v, %v", r.Symbol, s, again, err)
			}
		}
		if r.Year != 0 && (r.Year < 1900 || r.Year > 2099) {
			t.Fatalf("ParseRef(%q) year %d", s, r.Year)
		}
	})
}

func TestParsePlace(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		several bool
		unknown bool
	}{
		{"", nil, false, false},
		{"Bình Định", []string{"binh-dinh"}, false, false},
		{"tỉnh Lâm Đồng", []string{"lam-dong"}, false, false},
		{"huyện Tây Sơn", []string{"binh-dinh/tay-son"}, false, false},
		{"tay son", []string{"binh-dinh/tay-son"}, false, false},
		{"xã Bình Thành, Tây Sơn", []string{"binh-dinh/tay-son/binh-thanh"}, false, false},
		{"Bình Thành", nil, true, false},
		// the jurisdictions the search page's place facet links to
		{"binh-dinh/tay-son", []string{"binh-dinh/tay-son"}, false, false},
		{"binh-dinh/tay-son/binh-thanh", []string{"binh-dinh/tay-son/binh-thanh"}, false, false},
		{"khong-co/xyz-qq", nil, false, true},
		{"Tây Sơnn Bìnhh", nil, false, true},
	}
	for _, tc := range tests {
		got, err := ParsePlace(tc.in)
		var pe *PlaceError
		switch {
		case tc.several || tc.unknown:
			if !errors.As(err, &pe) || pe.Several != tc.several || len(pe.Closest) == 0 {
				t.Errorf("ParsePlace(%q) = %v, %v; want a place error (several %v)", tc.in, got, err, tc.several)
			}
		case err != nil || !reflect.DeepEqual(got, tc.want):
			t.Errorf("ParsePlace(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

// TestParseRefLinear: a REF of 1 MB is read in about the time of a thousand
// of 1 KB (once cubic: 4.4 KB took 13 s), and the library refuses one over
// MaxQueryLen before reading it.
func TestParseRefLinear(t *testing.T) {
	ParseRef(longRef(100)) // the tables load once
	start := time.Now()
	r, err := ParseRef(longRef(1 << 20))
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("ParseRef of 1 MB took %v", took)
	}
	if err != nil || r.Symbol != "33/CT-TTg" || r.Year != 2021 {
		t.Errorf("ParseRef of 1 MB = %+v, %v", r, err)
	}
	s := openTest(t)
	for _, n := range []int{4 * MaxQueryLen, 1 << 20} { // bytes: over MaxQueryLen characters
		start := time.Now()
		_, err := s.Resolve(context.Background(), longRef(n))
		var tl *TooLongError
		if !errors.As(err, &tl) || !errors.Is(err, ErrTooLong) || tl.Len <= MaxQueryLen {
			t.Errorf("Resolve of %d bytes: %v, want a TooLongError", n, err)
		}
		if took := time.Since(start); took > time.Second {
			t.Errorf("Resolve of %d bytes refused in %v", n, took)
		}
	}
	if _, err := s.Resolve(context.Background(), longRef(MaxQueryLen)); errors.Is(err, ErrTooLong) {
		t.Errorf("a REF of %d bytes is refused: %v", MaxQueryLen, err)
	}
	if _, err := ParsePlace(strings.Repeat("Tây Sơn ", 200)); !errors.Is(err, ErrTooLong) {
		t.Errorf("ParsePlace of 1600 characters: %v", err)
	}
}

// TestRefArgs: the words of one REF given as several arguments are joined;
// arguments naming more than one document are refused.
func TestRefArgs(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string // "" for an *ExtraArgsError
	}{
		{[]string{"Chỉ thị 33/CT-TTg"}, "Chỉ thị 33/CT-TTg"},
		{[]string{"chi", "thi", "33"}, "chi thi 33"},
		{[]string{"Nghị", "quyết", "25-NQ/TW", "năm", "2013"}, "Nghị quyết 25-NQ/TW năm 2013"},
		{[]string{"25-NQ/TW", "2013"}, "25-NQ/TW 2013"},
		{[]string{"25-NQ/TW", "ngày", "25/10/2013"}, "25-NQ/TW ngày 25/10/2013"},
		{[]string{"Chỉ thị 18-CT/TU", "tỉnh", "Lâm", "Đồng"}, "Chỉ thị 18-CT/TU tỉnh Lâm Đồng"},
		{[]string{"33/CT-TTg", "33/ct-ttg"}, "33/CT-TTg 33/ct-ttg"},
		{[]string{"33", "/", "CT-TTg"}, "33 / CT-TTg"},
		{[]string{"15-KH/ĐU", "47-CT/TW"}, ""},
		{[]string{"Kế hoạch 15-KH/ĐU", "Chỉ thị 47-CT/TW"}, ""},
		{[]string{"kl", "862", "120"}, ""},
		{[]string{"33/CT-TTg:2021:vn", "extra"}, ""},
		{[]string{file, "extra"}, ""},
		{[]string{"extra", file}, ""},
	} {
		got, err := RefArgs(tc.args)
		var extra *ExtraArgsError
		switch {
		case tc.want == "" && !errors.As(err, &extra):
			t.Errorf("RefArgs(%q) = %q, %v; want an ExtraArgsError", tc.args, got, err)
		case tc.want != "" && (err != nil || got != tc.want):
			t.Errorf("RefArgs(%q) = %q, %v; want %q", tc.args, got, err, tc.want)
		}
	}
}
