// Package synth generates synthetic corpora of Vietnamese administrative
// documents for tests and benchmarks: real document types, real issuer codes
// and the real symbol grammars (Party "109-KH/ThU", state "33/CT-TTg",
// "34/2007/PL-UBTVQH11"), real province names, headers, place-and-date lines,
// "Thực hiện …" openings and citing sentences in the style of the seeds, with
// a body drawn from real administrative phrases. Documents implement
// earlier documents of a higher level of the same province, cite others, and
// cite documents that are not in the corpus (stubs), some without a year.
// Everything is a pure function of the seed.
package synth

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Doc is one generated document.
type Doc struct {
	Name     string // relative path: province/NNNNNN.txt
	Symbol   string
	Year     int
	Province string // "" for central documents
	Text     string
}

type level int

const (
	central level = iota
	provincial
	district
	commune
)

type issuer struct {
	level   level
	code    string // issuer code in the symbol
	name    string // as cited: "Ban Bí thư", "Ban Thường vụ Tỉnh ủy"
	header  string // the issuing body line
	party   bool   // Party symbol grammar (hyphen before the type)
	types   []string
	govType bool
}

var issuers = []issuer{
	{central, "TW", "Ban Bí thư", "BAN CHẤP HÀNH TRUNG ƯƠNG", true, []string{"CT", "KL", "NQ", "QĐ", "HD"}, false},
	{central, "TTg", "Thủ tướng Chính phủ", "THỦ TƯỚNG CHÍNH PHỦ", false, []string{"CT", "QĐ"}, true},
	{central, "CP", "Chính phủ", "CHÍNH PHỦ", false, []string{"NQ", "NĐ"}, true},
	{provincial, "TU", "Ban Thường vụ Tỉnh ủy", "TỈNH ỦY %s", true, []string{"KL", "CT", "KH", "CTr", "NQ", "HD", "QĐ"}, false},
	{provincial, "UBND", "Ủy ban nhân dân tỉnh", "ỦY BAN NHÂN DÂN TỈNH %s", false, []string{"KH", "QĐ", "CT"}, true},
	{provincial, "BDVTU", "Ban Dân vận Tỉnh ủy", "BAN DÂN VẬN TỈNH ỦY %s", true, []string{"HD", "KH"}, false},
	{district, "HU", "Ban Thường vụ Huyện ủy", "HUYỆN ỦY %s", true, []string{"KH", "CTr", "KL"}, false},
	{district, "ThU", "Ban Thường vụ Thành ủy", "THÀNH ỦY %s", true, []string{"KH", "CTr"}, false},
	{commune, "ĐU", "Đảng ủy xã", "ĐẢNG ỦY XÃ %s", true, []string{"KH", "NQ"}, false},
}

var typeNames = map[string]string{
	"CT": "Chỉ thị", "KL": "Kết luận", "NQ": "Nghị quyết", "QĐ": "Quyết định", "HD": "Hướng dẫn", "KH": "Kế hoạch",
	"CTr": "Chương trình", "NĐ": "Nghị định",
}

// Provinces are the 34 provincial units of 2025 (domain.md §7.2).
var Provinces = []string{"Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
	"Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên",
	"Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk",
	"Thành phố Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang"}

var places = []string{"Tam Đường", "Tây Sơn", "Bản Giang", "Mường Tè", "Phong Thổ", "Sìn Hồ", "Than Uyên", "Tân Uyên",
	"Nậm Nhùn", "Đông Sơn", "Quảng Xương", "Bảo Lộc", "Di Linh", "Đức Trọng", "Lâm Hà"}

var subjects = []string{
	"tăng cường công tác dân vận ở cơ sở trong tình hình mới",
	"thực hiện “Năm dân vận chính quyền”",
	"nâng cao chất lượng, hiệu quả hoạt động của Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội",
	"đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
	"thực hiện quy chế dân chủ ở cơ sở",
	"phát huy vai trò của Nhân dân trong đấu tranh, ngăn chặn, đẩy lùi sự suy thoái",
	"đẩy mạnh cải cách hành chính, trọng tâm là cải cách thủ tục hành chính",
	"công tác tôn giáo trên địa bàn",
	"xây dựng nông thôn mới, đô thị văn minh",
	"phòng, chống tham nhũng, lãng phí",
	"công tác giám sát, phản biện xã hội của Mặt trận Tổ quốc",
	"chuyển đổi số trong các cơ quan đảng, chính quyền",
}

var sentences = []string{
	"Các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc và các tổ chức chính trị - xã hội tổ chức quán triệt, triển khai kế hoạch này đến toàn thể cán bộ, đảng viên, công chức, viên chức, đoàn viên, hội viên và Nhân dân.",
	"Tăng cường, đổi mới sự lãnh đạo của các cấp ủy, tổ chức đảng đối với công tác dân vận của hệ thống chính trị; đẩy mạnh công tác dân vận của các cấp chính quyền, cơ quan nhà nước.",
	"Phát huy vai trò của Mặt trận Tổ quốc, các đoàn thể chính trị - xã hội trong tập hợp, vận động Nhân dân thực hiện các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước.",
	"Triển khai thực hiện hiệu quả các phong trào thi đua yêu nước, thi đua “Dân vận khéo” trên các lĩnh vực gắn với đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
	"Thường xuyên nắm chắc, phản ánh kịp thời tình hình nhân dân; tăng cường phối hợp tham mưu chỉ đạo giải quyết các vấn đề phát sinh ngay từ cơ sở.",
	"Thực hiện tốt công tác tiếp công dân, đối thoại, kịp thời giải quyết đơn thư khiếu nại, tố cáo, phản ánh, kiến nghị những bức xúc dư luận quan tâm, nguyện vọng chính đáng của Nhân dân.",
	"Nâng cao tinh thần, trách nhiệm, đạo đức, kỷ luật công vụ của đội ngũ cán bộ, công chức, viên chức trong phục vụ Nhân dân theo phong cách “trọng dân, gần dân, hiểu dân, học dân và có trách nhiệm với dân”.",
	"Đẩy mạnh cải cách hành chính, trọng tâm là cải cách thủ tục hành chính, lấy người dân và doanh nghiệp làm trung tâm phục vụ; thực hiện hiệu quả chuyển đổi số.",
	"Vận động Nhân dân đẩy mạnh sản xuất, chuyển đổi cơ cấu cây trồng, vật nuôi, phát triển kinh tế, giảm nghèo bền vững, bảo vệ và phát triển rừng.",
	"Giữ gìn và phát huy bản sắc văn hóa truyền thống tốt đẹp của các dân tộc, xóa bỏ hủ tục lạc hậu; đảm bảo quốc phòng, an ninh trên địa bàn.",
	"Ban Dân vận chủ trì, phối hợp với các cơ quan liên quan tham mưu kiểm tra, đôn đốc, theo dõi việc tổ chức thực hiện; định kỳ sáu tháng, một năm báo cáo kết quả.",
	"Mặt trận Tổ quốc, các đoàn thể tiếp tục đổi mới nội dung, phương thức hoạt động, hướng về cơ sở; đa dạng các hình thức tập hợp, vận động đoàn kết Nhân dân các dân tộc.",
}

var headings = []string{"I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "III. NHIỆM VỤ, GIẢI PHÁP", "IV. TỔ CHỨC THỰC HIỆN"}

// Options size a corpus.
type Options struct {
	N         int    // documents
	Seed      uint64 // same seed, same corpus
	BodyBytes int    // approximate body size (default 6000)
}

type meta struct {
	iss      issuer
	typ      string
	symbol   string
	year     int
	month    int
	day      int
	province string
	place    string
}

func (m meta) citation(withDate bool) string {
	s := typeNames[m.typ] + " số " + m.symbol
	if withDate {
		s += fmt.Sprintf(", ngày %d/%d/%d", m.day, m.month, m.year)
	}
	name := m.iss.name
	if m.iss.level == provincial && m.province != "" {
		name += " " + m.province
	}
	return s + " của " + name
}

// Generate makes a corpus.
func Generate(o Options) []Doc {
	if o.BodyBytes <= 0 {
		o.BodyBytes = 6000
	}
	r := rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))
	numbers := map[string]int{}
	var metas []meta
	byLevel := map[string][]int{} // "level/province" → indexes
	docs := make([]Doc, 0, o.N)
	for i := 0; i < o.N; i++ {
		// A pyramid: few central documents, many local ones.
		var iss issuer
		switch x := r.IntN(100); {
		case x < 4:
			iss = issuers[r.IntN(3)]
		case x < 30:
			iss = issuers[3+r.IntN(3)]
		case x < 70:
			iss = issuers[6+r.IntN(2)]
		default:
			iss = issuers[8]
		}
		m := meta{iss: iss, typ: iss.types[r.IntN(len(iss.types))], year: 2015 + i*10/max(o.N, 1), month: 1 + r.IntN(12),
			day: 1 + r.IntN(28)}
		if iss.level != central {
			m.province = Provinces[r.IntN(len(Provinces))]
			m.place = places[r.IntN(len(places))]
		}
		key := fmt.Sprintf("%s/%s/%s/%d", iss.code, m.typ, m.province, m.year)
		numbers[key]++
		n := numbers[key]
		// Numbers restart each year (ND 30/2020) or term (HD 36): give them
		// an offset per key so that symbols recur across years and places.
		switch {
		case iss.party:
			m.symbol = fmt.Sprintf("%02d-%s/%s", n, m.typ, iss.code)
		case m.typ == "NĐ" || (m.typ == "QĐ" && r.IntN(2) == 0):
			m.symbol = fmt.Sprintf("%d/%d/%s-%s", n, m.year, m.typ, iss.code)
		default:
			m.symbol = fmt.Sprintf("%d/%s-%s", n, m.typ, iss.code)
		}
		metas = append(metas, m)
		lk := fmt.Sprintf("%d/%s", iss.level, m.province)
		byLevel[lk] = append(byLevel[lk], i)

		var b strings.Builder
		header := iss.header
		if strings.Contains(header, "%s") {
			arg := strings.ToUpper(m.province)
			if iss.level == district || iss.level == commune {
				arg = strings.ToUpper(m.place)
			}
			header = fmt.Sprintf(header, arg)
		}
		if iss.level != central {
			fmt.Fprintf(&b, "ĐẢNG BỘ TỈNH %s\n", strings.ToUpper(m.province))
		}
		b.WriteString(header + "\n")
		if iss.party {
			fmt.Fprintf(&b, "*\nSố %s\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n", m.symbol)
		} else {
			fmt.Fprintf(&b, "Số: %s\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n", m.symbol)
		}
		place := "Hà Nội"
		if m.place != "" {
			place = m.place
		} else if m.province != "" {
			place = m.province
		}
		fmt.Fprintf(&b, "%s, ngày %02d tháng %02d năm %d\n\n", place, m.day, m.month, m.year)
		subject := subjects[r.IntN(len(subjects))]
		fmt.Fprintf(&b, "%s\n%s\n\n", strings.ToUpper(typeNames[m.typ]), subject)

		// The parent: an earlier document one level up, same province.
		if iss.level != central {
			up := fmt.Sprintf("%d/%s", iss.level-1, m.province)
			if iss.level == provincial {
				up = fmt.Sprintf("%d/", central)
			}
			if c := byLevel[up]; len(c) > 0 {
				p := metas[c[r.IntN(len(c))]]
				fmt.Fprintf(&b, "Thực hiện %s về %s, %s xây dựng %s thực hiện như sau:\n\n",
					p.citation(true), subject, iss.name, strings.ToLower(typeNames[m.typ]))
			}
		}
		size := 0
		for h := 0; size < o.BodyBytes; h++ {
			if h < len(headings) {
				b.WriteString(headings[h] + "\n\n")
			}
			for k := 0; k < 3 && size < o.BodyBytes; k++ {
				s := sentences[r.IntN(len(sentences))]
				switch x := r.IntN(10); {
				case x < 2 && i > 0:
					// Cite an earlier document of the corpus (same province for local ones).
					j := r.IntN(i)
					p := metas[j]
					if p.iss.level == central || p.province == m.province {
						s = "Tiếp tục thực hiện " + p.citation(r.IntN(3) > 0) + "; " + s
					}
				case x < 4:
					// Cite a document outside the corpus: a stub.
					y := 2005 + r.IntN(15)
					s = fmt.Sprintf("Tiếp tục quán triệt Nghị quyết số %d-NQ/TW, ngày %d/%d/%d của Ban Chấp hành Trung ương; %s",
						1+r.IntN(60), 1+r.IntN(28), 1+r.IntN(12), y, s)
				case x < 5:
					s = fmt.Sprintf("Thực hiện Chỉ thị số %02d-CT/TW của Bộ Chính trị; %s", 1+r.IntN(40), s)
				}
				b.WriteString(s + "\n\n")
				size += len(s)
			}
		}
		b.WriteString("Nơi nhận:\n- Như trên,\n- Lưu VP.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\nNguyễn Văn An\n")
		dir := "trung-uong"
		if m.province != "" {
			dir = folderName(m.province)
		}
		docs = append(docs, Doc{Name: filepath.Join(dir, fmt.Sprintf("%06d.txt", i)), Symbol: m.symbol, Year: m.year,
			Province: m.province, Text: b.String()})
	}
	return docs
}

func folderName(p string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(p) {
		if r == ' ' {
			r = '-'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Write generates a corpus into dir.
func Write(dir string, o Options) ([]Doc, error) {
	docs := Generate(o)
	for _, d := range docs {
		p := filepath.Join(dir, d.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, fmt.Errorf("cannot create %s: %w", filepath.Dir(p), err)
		}
		if err := os.WriteFile(p, []byte(d.Text), 0o644); err != nil {
			return nil, fmt.Errorf("cannot write %s: %w", p, err)
		}
	}
	return docs, nil
}
