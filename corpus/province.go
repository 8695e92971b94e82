package corpus

// mergedFrom lists, for the provincial units formed on 1 July 2025
// (Nghị quyết 60-NQ/TW; domain.md §7.2), the slugs of the provinces merged
// into them. A Lâm Đồng document dated after the merger may cite "18-CT/TU"
// of 2022 issued by the old Đắk Nông or Bình Thuận: resolution looks in the
// predecessors too (domain.md §7.3, rule 1), and stays a stub when more than
// one of them fits.
var mergedFrom = map[string][]string{
	"tuyen-quang": {"tuyen-quang", "ha-giang"},
	"lao-cai":     {"lao-cai", "yen-bai"},
	"thai-nguyen": {"thai-nguyen", "bac-kan"},
	"phu-tho":     {"phu-tho", "vinh-phuc", "hoa-binh"},
	"bac-ninh":    {"bac-ninh", "bac-giang"},
	"hung-yen":    {"hung-yen", "thai-binh"},
	"hai-phong":   {"hai-phong", "hai-duong"},
	"ninh-binh":   {"ninh-binh", "ha-nam", "nam-dinh"},
	"quang-tri":   {"quang-tri", "quang-binh"},
	"da-nang":     {"da-nang", "quang-nam"},
	"quang-ngai":  {"quang-ngai", "kon-tum"},
	"gia-lai":     {"gia-lai", "binh-dinh"},
	"khanh-hoa":   {"khanh-hoa", "ninh-thuan"},
	"lam-dong":    {"lam-dong", "dak-nong", "binh-thuan"},
	"dak-lak":     {"dak-lak", "phu-yen"},
	"ho-chi-minh": {"ho-chi-minh", "binh-duong", "ba-ria-vung-tau"},
	"dong-nai":    {"dong-nai", "binh-phuoc"},
	"tay-ninh":    {"tay-ninh", "long-an"},
	"can-tho":     {"can-tho", "soc-trang", "hau-giang"},
	"vinh-long":   {"vinh-long", "ben-tre", "tra-vinh"},
	"dong-thap":   {"dong-thap", "tien-giang"},
	"ca-mau":      {"ca-mau", "bac-lieu"},
	"an-giang":    {"an-giang", "kien-giang"},
	// Huế became a centrally-run city; its documents up to 2024 say "Thừa Thiên Huế".
	"hue": {"hue", "thua-thien-hue"},
}

// mergerDate is the day the two-level local government took effect.
const mergerDate = "2025-07-01"

// jurisdictions lists where a local reference made by a document of
// jurisdiction juris, dated date, may point: the place itself, and after the
// merger its predecessors too (first entry is where a stub is filed).
func jurisdictions(juris, date string, refYear int) []string {
	if juris == "" || juris == JurisUnknown || juris == JurisNational {
		return []string{juris}
	}
	if date == "" || date < mergerDate || refYear >= 2026 {
		return []string{juris}
	}
	if pre, ok := mergedFrom[juris]; ok {
		return pre
	}
	return []string{juris}
}
