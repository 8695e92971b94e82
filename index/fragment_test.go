package index

import "testing"

func TestPlainFragment(t *testing.T) {
	frag := "Kế hoạch về công tác <mark>dân</mark> <mark>vận</mark>\n\n khéo &lt;b&gt; a\x1b[31mred\u202e"
	for _, tc := range []struct {
		width int
		ansi  bool
		want  string
	}{
		{240, false, "Kế hoạch về công tác dân vận khéo <b> a\\x1b[31mred\\u202e"},
		{240, true, "Kế hoạch về công tác \x1b[43mdân\x1b[0m \x1b[43mvận\x1b[0m khéo <b> a\\x1b[31mred\\u202e"},
		{23, true, "Kế hoạch về công tác \x1b[43mdâ\x1b[0m…"},
		{8, false, "Kế hoạch…"},
	} {
		if got := PlainFragment(frag, tc.width, tc.ansi); got != tc.want {
			t.Errorf("PlainFragment(width %d, ansi %v) = %q, want %q", tc.width, tc.ansi, got, tc.want)
		}
	}
}
