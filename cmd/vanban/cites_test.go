package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"vanban/corpus"
)

const citingA = `TỈNH ỦY THANH HÓA
*
Số 21-KH/TU

ĐẢNG CỘNG SẢN VIỆT NAM

Thanh Hóa, ngày 10 tháng 3 năm 2022

KẾ HOẠCH
thực hiện công tác dân vận năm 2022

Thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; Nghị quyết số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương, Ban Thường vụ Tỉnh ủy ban hành kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

Nâng cao chất lượng công tác dân vận.
`

const citingB = `TỈNH ỦY THANH HÓA
*
Số 22-KH/TU

ĐẢNG CỘNG SẢN VIỆT NAM

Thanh Hóa, ngày 12 tháng 3 năm 2022

KẾ HOẠCH
thực hiện Nghị quyết số 25-NQ/TW năm 2008

Thực hiện Nghị quyết số 25-NQ/TW, ngày 25/7/2008 của Ban Chấp hành Trung ương về công tác thanh niên; tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị, Ban Thường vụ Tỉnh ủy ban hành kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU

Nâng cao chất lượng công tác thanh niên.
`

func TestCitesWithAndWithoutYear(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	os.WriteFile(filepath.Join(in, "a.txt"), []byte(citingA), 0o644)
	os.WriteFile(filepath.Join(in, "b.txt"), []byte(citingB), 0o644)
	if !parserReady(t, filepath.Join(in, "b.txt")) {
		t.Fatal("rules.ParseText does not give symbol and references for Party plans")
	}
	store := filepath.Join(dir, "store")
	if out, errs, code := vanban(t, "ingest", "--store", store, "--no-index", in); code != exitOK {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	// 05-CT/TW cited with its date in a, without in b: one document written
	// two ways, one node as soon as its year is known (issue 7).
	out, errs, code := vanban(t, "cites", "--store", store, "--json", "chi thi 05")
	if code != exitOK {
		t.Fatalf("cites chi thi 05: exit %d: %s", code, errs)
	}
	got := map[string]string{}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var c corpus.Citation
		if err := json.Unmarshal([]byte(l), &c); err != nil {
			t.Fatal(err)
		}
		got[c.Citing.Key] = c.Cited
	}
	want := map[string]string{"21-KH/TU:2022:thanh-hoa": "05-CT/TW:2016:vn", "22-KH/TU:2022:thanh-hoa": "05-CT/TW:2016:vn"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cites chi thi 05 = %v, want %v", got, want)
	}
	// 25-NQ/TW of 2008 and of 2013 are two documents: the REF is ambiguous.
	out, _, code = vanban(t, "cites", "--store", store, "25-NQ/TW")
	if code != exitUsage || !strings.Contains(out, "25-NQ/TW:2008:vn") || !strings.Contains(out, "25-NQ/TW:2013:vn") {
		t.Errorf("cites 25-NQ/TW: exit %d, want %d with both candidates:\n%s", code, exitUsage, out)
	}
	out, _, code = vanban(t, "cites", "--store", store, "Nghị quyết 25-NQ/TW năm 2013")
	if code != exitOK || !strings.Contains(out, "21-KH/TU") || strings.Contains(out, "22-KH/TU") {
		t.Errorf("cites 25-NQ/TW năm 2013: exit %d\n%s", code, out)
	}
}
