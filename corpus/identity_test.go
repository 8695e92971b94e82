package corpus

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"vanban/rules"
)

// withSubject gives a fixture record its subject and issuer.
func withSubject(d rules.Document, subject, issuer string) rules.Document {
	d.Subject = rules.NString(subject)
	d.Issuer = rules.NString(issuer)
	return d
}

// documentKeys lists the keys of the rows in state document.
func documentKeys(t testing.TB, s *Store) []string {
	t.Helper()
	var out []string
	for k, st := range states(t, s) {
		if st == StateDocument {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func TestRenditions(t *testing.T) {
	plan := func(date, subject, issuer, body string) rules.Document {
		d := withSubject(doc("Kế hoạch", "58-KH/HU", date, "Bình Định"), subject, issuer)
		d.Text += body
		d.Source.SHA256 = fmt.Sprintf("%x", []byte(date+subject+issuer+body))
		return d
	}
	decision := func(date, subject, issuer, body string) rules.Document {
		d := withSubject(doc("Quyết định", "27/2024/QĐ-UBND", date, "Quảng Ngãi"), subject, issuer)
		d.Text += body
		d.Source.SHA256 = fmt.Sprintf("%x", []byte(date+subject+issuer+body))
		return d
	}
	decree := func(date, subject, body string) rules.Document {
		d := withSubject(doc("Nghị định", "49/2026/NĐ-CP", date, ""), subject, "Chính phủ")
		d.Text += body
		d.Source.SHA256 = fmt.Sprintf("%x", []byte(date+subject+body))
		return d
	}
	resolution := func(subject, issuer string) rules.Document {
		d := withSubject(doc("Nghị quyết", "13/NQ-CP", "2026-01-16", ""), subject, issuer)
		d.Source.SHA256 = fmt.Sprintf("%x", []byte(subject+issuer))
		return d
	}
	consolidated := func(subject, body string) rules.Document {
		// Dated only "Ngày ký xác thực": no date, no year in the identity.
		d := withSubject(doc("Văn bản hợp nhất", "05/VBHN-BTC", "", ""), subject, "Bộ Tài chính")
		d.Text += body
		d.Source.SHA256 = fmt.Sprintf("%x", []byte(subject+body))
		return d
	}
	tests := []struct {
		name     string
		docs     []rules.Document
		wantDocs int
		joined   []bool // per file: stored as a rendition
	}{
		{"two plans of one symbol and year, other dates and subjects", []rules.Document{
			plan("2022-03-01", "thực hiện Chỉ thị số 35-CT/TW về đại hội đảng bộ các cấp", "Huyện ủy Tây Sơn", ""),
			plan("2022-05-10", "tổ chức các hoạt động kỷ niệm ngày thành lập Đảng", "Huyện ủy Hoài Nhơn", ""),
		}, 2, []bool{false, false}},
		{"two plans of one symbol, year and date, other issuers", []rules.Document{
			plan("2022-03-01", "thực hiện Chỉ thị số 35-CT/TW", "Huyện ủy Tây Sơn", ""),
			plan("2022-03-01", "thực hiện Chỉ thị số 35-CT/TW", "Huyện ủy Hoài Nhơn", ""),
		}, 2, []bool{false, false}},
		{"one plan in two files", []rules.Document{
			plan("2022-03-01", "thực hiện Chỉ thị số 35-CT/TW về đại hội đảng bộ các cấp", "Huyện ủy Tây Sơn", "pdf"),
			plan("2022-03-01", "thực hiện Chỉ thị số 35-CT/TW về đại hội  Đảng bộ các cấp", "Huyện ủy Tây Sơn", "docx"),
		}, 1, []bool{false, true}},
		{"one file without its date: subject and issuer agree", []rules.Document{
			decision("2024-03-01", "ban hành quy định quản lý cụm công nghiệp", "Ủy ban nhân dân tỉnh Quảng Ngãi", "pdf"),
			decision("", "ban hành quy định quản lý cụm công nghiệp", "Ủy ban nhân dân tỉnh Quảng Ngãi", "scan"),
		}, 1, []bool{false, true}},
		{"one file without its date, another subject", []rules.Document{
			decision("2024-03-01", "ban hành quy định quản lý cụm công nghiệp", "Ủy ban nhân dân tỉnh Quảng Ngãi", "pdf"),
			decision("", "ban hành quy định về giá đất", "Ủy ban nhân dân tỉnh Quảng Ngãi", "scan"),
		}, 2, []bool{false, false}},
		{"one file without its date nor issuer", []rules.Document{
			decision("2024-03-01", "ban hành quy định quản lý cụm công nghiệp", "Ủy ban nhân dân tỉnh Quảng Ngãi", "pdf"),
			decision("", "ban hành quy định quản lý cụm công nghiệp", "", "scan"),
		}, 2, []bool{false, false}},
		{"a decree in two files of one day, summarised otherwise (its symbol is unique by law)", []rules.Document{
			decree("2026-01-31", "Quy định chi tiết và hướng dẫn một số điều của Nghị quyết số 254/2025/QH15", "txt"),
			decree("2026-01-31", "- Chi tiết và hướng dẫn NQ 254/2025/QH15 về Luật Đất đai", "md"),
		}, 1, []bool{false, true}},
		{"a resolution in two files of one day, one with its issuer misread", []rules.Document{
			resolution("công bố Nghị định của Chính phủ quy định chế độ quản lý ngân quỹ nhà nước", "Căn cứ Luật"),
			resolution("VỀ VIỆC CÔNG BỐ NGHỊ ĐỊNH CỦA CHÍNH PHỦ QUY ĐỊNH CHẾ ĐỘ QUẢN LÝ NGÂN QUỸ NHÀ NƯỚC CHÍNH PHỦ", "Chính phủ"),
		}, 1, []bool{false, true}},
		{"a decree dated otherwise and summarised otherwise", []rules.Document{
			decree("2026-01-31", "Quy định chi tiết và hướng dẫn một số điều của Nghị quyết số 254/2025/QH15", "txt"),
			decree("2010-04-16", "bãi bỏ Thông tư 55/2010/TT-BTC", "md"),
		}, 2, []bool{false, false}},
		{"a month is no date to agree on", []rules.Document{
			plan("2022-03-01", "thực hiện Chỉ thị số 35-CT/TW về đại hội đảng bộ các cấp", "Huyện ủy Tây Sơn", "pdf"),
			plan("2022-03", "tổ chức các hoạt động kỷ niệm ngày thành lập Đảng", "Huyện ủy Tây Sơn", "web"),
		}, 2, []bool{false, false}},
		{"two yearless consolidated texts with different content", []rules.Document{
			consolidated("Thông tư quy định về quản lý thuế", "a"),
			consolidated("Thông tư hướng dẫn chế độ kế toán", "b"),
		}, 2, []bool{false, false}},
		{"one yearless consolidated text in two files", []rules.Document{
			consolidated("Thông tư quy định về quản lý thuế", "a"),
			consolidated("Thông tư quy định về quản lý thuế", "b"),
		}, 1, []bool{false, true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openTest(t)
			var first string
			for i, d := range tc.docs {
				r := put(t, s, fmt.Sprintf("%d.txt", i), d)
				if i == 0 {
					first = r.Key
				}
				if r.Another != tc.joined[i] {
					t.Errorf("file %d: rendition %v, want %v", i, r.Another, tc.joined[i])
				}
				if r.Another && r.Joined != first {
					t.Errorf("file %d joined %q, want %q", i, r.Joined, first)
				}
			}
			keys := documentKeys(t, s)
			if len(keys) != tc.wantDocs {
				t.Errorf("documents %v, want %d", keys, tc.wantDocs)
			}
			// No record was overwritten: each stored record is its own file's.
			for _, k := range keys {
				d, err := s.Resolve(context.Background(), k)
				if err != nil {
					t.Fatal(err)
				}
				rec, err := s.Record(context.Background(), d, false)
				if err != nil {
					t.Fatal(err)
				}
				if rec.ID != k {
					t.Errorf("record of %s says id %q", k, rec.ID)
				}
			}
			if probs, err := s.CheckDatabase(context.Background()); err != nil || len(probs) > 0 {
				t.Errorf("database check: %v %v", probs, err)
			}
		})
	}
}

// A citation that fits two documents of one identity is ambiguous between
// them, in either order of ingestion.
func TestSameIdentityCitationIsAmbiguous(t *testing.T) {
	a := withSubject(doc("Kế hoạch", "58-KH/HU", "2022-03-01", "Bình Định"), "về đại hội", "Huyện ủy Tây Sơn")
	b := withSubject(doc("Kế hoạch", "58-KH/HU", "2022-05-10", "Bình Định"), "về kỷ niệm", "Huyện ủy Hoài Nhơn")
	c := doc("Báo cáo", "9-BC/TU", "2022-12-01", "Bình Định", ref("Kế hoạch", "58-KH/HU", 2022, rules.Cites))
	for _, order := range permutations(3) {
		s := openTest(t)
		all := []rules.Document{a, b, c}
		for _, i := range order {
			put(t, s, fmt.Sprintf("%d.txt", i), all[i])
		}
		got := edges(t, s)
		if !reflect.DeepEqual(got, []string{"9-BC/TU:2022:binh-dinh -> 58-KH/HU:?:binh-dinh cites"}) {
			t.Errorf("order %v: edges %v", order, got)
		}
		if keys := documentKeys(t, s); len(keys) != 3 {
			t.Errorf("order %v: documents %v", order, keys)
		}
		_, err := s.Resolve(context.Background(), "58-KH/HU năm 2022")
		if ae, ok := err.(*AmbiguousError); !ok || len(ae.Candidates) != 2 {
			t.Errorf("order %v: Resolve: %v", order, err)
		}
	}
}

// A yearless mention and a dated one of the same national document are one
// node as soon as the year is known anywhere.
func TestYearlessJoinsDated(t *testing.T) {
	yearless := doc("Kế hoạch", "3-KH/TU", "2016-02-01", "Lai Châu", ref("Kết luận", "114-KL/TW", 0, rules.Implements))
	dated := doc("Kế hoạch", "4-KH/TU", "2016-03-01", "Lai Châu", ref("Kết luận", "114-KL/TW", 2015, rules.Implements))
	kl := doc("Kết luận", "114-KL/TW", "2015-07-14", "")
	other := doc("Kết luận", "114-KL/TW", "2010-01-05", "")
	tests := []struct {
		name    string
		docs    []rules.Document
		want    []string
		citesKL []string // cites "kl 114 năm 2015"
	}{
		{"dated stub", []rules.Document{yearless, dated}, []string{
			"3-KH/TU:2016:lai-chau -> 114-KL/TW:2015:vn implements",
			"4-KH/TU:2016:lai-chau -> 114-KL/TW:2015:vn implements",
		}, []string{"3-KH/TU:2016:lai-chau", "4-KH/TU:2016:lai-chau"}},
		{"dated stub and the document", []rules.Document{yearless, dated, kl}, []string{
			"3-KH/TU:2016:lai-chau -> 114-KL/TW:2015:vn implements",
			"4-KH/TU:2016:lai-chau -> 114-KL/TW:2015:vn implements",
		}, []string{"3-KH/TU:2016:lai-chau", "4-KH/TU:2016:lai-chau"}},
		{"two years fit", []rules.Document{yearless, dated, other}, []string{
			"3-KH/TU:2016:lai-chau -> 114-KL/TW:?:vn implements",
			"4-KH/TU:2016:lai-chau -> 114-KL/TW:2015:vn implements",
		}, []string{"4-KH/TU:2016:lai-chau"}},
	}
	for _, tc := range tests {
		for _, order := range permutations(len(tc.docs)) {
			s := openTest(t)
			for _, i := range order {
				put(t, s, fmt.Sprintf("%d.txt", i), tc.docs[i])
			}
			if got := edges(t, s); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%s, order %v: edges\n%s", tc.name, order, strings.Join(got, "\n"))
			}
			if _, ok := states(t, s)["114-KL/TW::vn"]; ok {
				t.Errorf("%s, order %v: the yearless stub stayed", tc.name, order)
			}
			if got := citers(t, s, "kl 114 năm 2015", Filter{}); !reflect.DeepEqual(got, tc.citesKL) {
				t.Errorf("%s, order %v: cites kl 114 năm 2015 = %v", tc.name, order, got)
			}
		}
	}
}

func TestOwnYearAndNoSelfEdge(t *testing.T) {
	s := openTest(t)
	// The title quotes the date of a document it cites: the symbol's year wins.
	d := doc("Nghị định", "154/2026/NĐ-CP", "2016-05-10", "", ref("Nghị định", "154/2026/NĐ-CP", 2026, rules.Cites),
		ref("Luật", "80/2015/QH13", 2015, rules.Basis))
	r := put(t, s, "nd.txt", d)
	if r.Key != "154/2026/NĐ-CP:2026:vn" {
		t.Errorf("key %q", r.Key)
	}
	if got := edges(t, s); !reflect.DeepEqual(got, []string{"154/2026/NĐ-CP:2026:vn -> 80/2015/QH13:2015:vn basis"}) {
		t.Errorf("edges %v", got)
	}
	// A yearless mention of its own symbol is no edge either.
	put(t, s, "kh.txt", doc("Kế hoạch", "12-KH/TU", "2023-01-01", "Lai Châu", ref("Kế hoạch", "12-KH/TU", 0, rules.Cites)))
	for _, e := range edges(t, s) {
		if strings.HasPrefix(e, "12-KH/TU") {
			t.Errorf("self edge %s", e)
		}
	}
	if len(states(t, s)) != 3 {
		t.Errorf("nodes %v", states(t, s))
	}
}

// A store made by release 0.1.0 (schema version 1, testdata/store-v1, from
// the chain and parse fixtures) opens, migrates, and answers by its old ids.
func TestMigrateFromVersion1(t *testing.T) {
	dir := t.TempDir()
	src, err := os.Open(filepath.Join("testdata", "store-v1", DBName))
	if err != nil {
		t.Fatal(err)
	}
	dst, err := os.Create(filepath.Join(dir, DBName))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	src.Close()
	dst.Close()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var v int
	if err := s.db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil || v != len(migrations) {
		t.Fatalf("version %d, %v", v, err)
	}
	ctx := context.Background()
	if probs, err := s.CheckDatabase(ctx); err != nil || len(probs) > 0 {
		t.Errorf("database check: %v %v", probs, err)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Documents != 8 {
		t.Errorf("stats %+v %v", st, err)
	}
	for _, k := range []string{"15-KH/ĐU:2023:lai-chau", "512-KL/TU:2023:lai-chau", "27/2024/QĐ-UBND:2024:quang-ngai"} {
		if d, err := s.Resolve(ctx, k); err != nil || d.State != StateDocument {
			t.Errorf("%s: %+v %v", k, d, err)
		}
	}
	got := strings.Join(edges(t, s), "\n")
	for _, e := range []string{"15-KH/ĐU:2023:lai-chau -> 88-KH/HU:2023:lai-chau implements",
		"88-KH/HU:2023:lai-chau -> 512-KL/TU:2023:lai-chau implements"} {
		if !strings.Contains(got, e) {
			t.Errorf("edge %q lost:\n%s", e, got)
		}
	}
	// A document stored again under a new key keeps its old id as an alias.
	d, err := s.Resolve(ctx, "15-KH/ĐU:2023:lai-chau")
	if err != nil {
		t.Fatal(err)
	}
	rec, err := s.Record(ctx, d, true)
	if err != nil {
		t.Fatal(err)
	}
	var sha string
	if err := s.db.QueryRow(`SELECT sha256 FROM files WHERE document_id = ?`, d.Row).Scan(&sha); err != nil {
		t.Fatal(err)
	}
	rec.Source.SHA256 = sha
	rec.Date = "2024-01-20" // the parser now reads another year: a new key
	if _, err := s.Put(ctx, rec, FileStat{Path: d.Path, SHA256: sha}, 0); err != nil {
		t.Fatal(err)
	}
	now, err := s.Resolve(ctx, "15-KH/ĐU:2023:lai-chau")
	if err != nil || now.Row != d.Row || now.Key != "15-KH/ĐU:2024:lai-chau" {
		t.Errorf("old id: %+v %v", now, err)
	}
}

// A law cited by name and date is a stub keyed by its name and year until
// the law arrives; a number cited with its issuer, likewise.
func TestReferencesWithoutSymbol(t *testing.T) {
	byName := rules.Reference{Type: "Luật", Name: "Luật Giáo dục", Year: 2019, Date: "2019-06-14", Relation: rules.Basis,
		Count: 1, Text: "Luật Giáo dục ngày 14 tháng 6 năm 2019"}
	byNumber := rules.Reference{Type: "Nghị quyết", Number: "40", Issuer: "Quốc hội", IssuerCode: "QH", Scope: ScopeNational,
		Relation: rules.Basis, Count: 1, Text: "Nghị quyết 40 của Quốc hội"}
	citing := doc("Quyết định", "15/2020/QĐ-UBND", "2020-03-12", "Bình Định", byName, byNumber)
	law := withSubject(doc("Luật", "43/2019/QH14", "2019-06-14", ""), "GIÁO DỤC", "Quốc hội")
	otherLaw := withSubject(doc("Luật", "44/2019/QH14", "2019-06-14", ""), "THỂ DỤC, THỂ THAO", "Quốc hội")
	nq := withSubject(doc("Nghị quyết", "40/2019/QH14", "2019-06-10", ""), "về giáo dục", "Quốc hội")
	src := "15/2020/QĐ-UBND:2020:binh-dinh"
	stubs := []string{src + " -> luat:giao-duc:2019:vn basis", src + " -> nghi-quyet:40-qh::vn basis"}
	slices.Sort(stubs)
	joined := []string{src + " -> 40/2019/QH14:2019:vn basis", src + " -> 43/2019/QH14:2019:vn basis"}
	for _, order := range permutations(4) {
		s := openTest(t)
		all := []rules.Document{citing, otherLaw, law, nq}
		for n, i := range order {
			put(t, s, fmt.Sprintf("%d.txt", i), all[i])
			if n == 0 && i == 0 {
				got := edges(t, s)
				if !reflect.DeepEqual(got, stubs) {
					t.Errorf("order %v: edges to stubs %v, want %v", order, got, stubs)
				}
				if d, err := s.Resolve(context.Background(), "luat:giao-duc:2019:vn"); err != nil || d.State != StateStub {
					t.Errorf("stub by name: %+v %v", d, err)
				}
			}
		}
		var got []string
		for _, e := range edges(t, s) {
			if strings.HasPrefix(e, src) {
				got = append(got, e)
			}
		}
		if !reflect.DeepEqual(got, joined) {
			t.Errorf("order %v: edges %v, want %v", order, got, joined)
		}
		for k, st := range states(t, s) {
			if st != StateDocument {
				t.Errorf("order %v: %s stayed a %s", order, k, st)
			}
		}
	}
}
