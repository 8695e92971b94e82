package rules

import (
	"encoding/json"
	"strconv"
)

// Document is the structured record of one administrative document: the JSON
// object of ../shared/docs/contract.md ("The document record"). Field names and
// JSON keys are part of the contract: extend, never rename.
type Document struct {
	ID       string  `json:"id"`
	Source   Source  `json:"source"`
	Type     NString `json:"type"`
	Symbol   NString `json:"symbol"`
	Number   NString `json:"number"`
	Date     NString `json:"date"` // ISO 8601 (YYYY-MM-DD)
	Place    NString `json:"place"`
	Issuer   NString `json:"issuer"`
	Province NString `json:"province"`
	// ProvinceSuccessor is the provincial unit that Province became part of in
	// the 2025 reorganisation, when the document is dated from 01/7/2025.
	ProvinceSuccessor NString `json:"province_successor,omitempty"`
	// District and Commune place the document below its province: the
	// gazetteer's names with their unit words ("Huyện Tây Sơn", "Thành phố
	// Lai Châu", "Xã Bình Thành"), or a name as written that the gazetteer no
	// longer holds. Null where the issuer's level has none or the text does not
	// tell; a document dated from 01/7/2025 has no district.
	District NString `json:"district"`
	Commune  NString `json:"commune"`
	Subject  NString `json:"subject"`
	// SymbolPart is what could be read of the document's own symbol when its
	// number could not be (handwritten into a typed form): "/CT-UBND".
	SymbolPart string `json:"symbol_partial,omitempty"`
	// Quoted is true when the record was read from a text that quotes the
	// document (a news article "Ngày 1-8-2022, … ban hành Kết luận số 862-KL/TU …").
	Quoted     bool        `json:"quoted,omitempty"`
	Signers    []Signer    `json:"signers"`
	Recipients []string    `json:"recipients"`
	Headings   []Heading   `json:"headings"`
	References []Reference `json:"references"`
	Named      []NamedRef  `json:"named_references"`
	Claims     []Claim     `json:"claims"`
	Footnotes  []Footnote  `json:"footnotes"`
	// Tasks are the duties the document gives (rules/tasks.go): each with
	// its lead and supporting bodies, deadline and reporting duty.
	Tasks []Task `json:"tasks"`
	// Status is the document's force as the stored graph gives it (set by
	// the store in show; rules/duty.go): omitted when nothing acts on it.
	Status *Status `json:"status,omitempty"`
	// Cleaned counts what normalization took out of the source text, by kind
	// ("markdown", "chrome", "duplicate", "initials", "page-join"): the
	// provenance of the text, for whoever checks it against the file.
	Cleaned map[string]int `json:"cleaned,omitempty"`
	Text    string         `json:"text,omitempty"`
	Error   *ErrorRecord   `json:"error,omitempty"`
}

// Source describes the file a record was made from (provenance).
type Source struct {
	Path          string   `json:"path"`
	SHA256        string   `json:"sha256,omitempty"`
	Size          int64    `json:"size,omitempty"`
	Format        string   `json:"format,omitempty"`
	Pages         int      `json:"pages,omitempty"`
	OCR           bool     `json:"ocr"`
	OCRPages      []int    `json:"ocr_pages,omitempty"`
	OCRConfidence float64  `json:"ocr_confidence,omitempty"`
	Encoding      string   `json:"encoding,omitempty"`
	Extractor     string   `json:"extractor,omitempty"`
	Warnings      []string `json:"warnings,omitempty"`

	// OCRRetried are the pages OCRed again because their first reading had
	// a low confidence (what was tried is in Warnings).
	OCRRetried []int `json:"ocr_retried,omitempty"`
}

// ErrorRecord is the "error" member of a record for a file that could not be
// processed: {"kind": …, "message": …}.
type ErrorRecord struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// Signer is one signature block of the footer.
type Signer struct {
	// Authority is the signing capacity line: "T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN",
	// "KT. CHỦ TỊCH" (ND 30/2020 Phụ lục I ô 7a; HD 36 1.7.1 for the Party slash forms).
	Authority string `json:"authority,omitempty"`
	Position  string `json:"position,omitempty"`
	Name      string `json:"name,omitempty"`
}

// Heading is one entry of the outline. Level comes from the numbering scheme
// (Phần > Chương > Mục > I. > 1. > 1.1. > a) > -), not from indentation.
type Heading struct {
	Level int    `json:"level"`
	Label string `json:"label"`
	Title string `json:"title"`
	Start int    `json:"start"` // code point offset into Text
}

// Relation says what a cited document is to the citing one.
type Relation string

// The relations of the contract, strongest first.
const (
	Implements Relation = "implements" // "Thực hiện …", "Triển khai …", "Cụ thể hóa …"
	Basis      Relation = "basis"      // "Căn cứ …"
	Guides     Relation = "guides"     // "hướng dẫn thi hành …", "quy định chi tiết …"
	Amends     Relation = "amends"     // "sửa đổi, bổ sung …"
	Replaces   Relation = "replaces"   // "thay thế …"
	Repeals    Relation = "repeals"    // "bãi bỏ …"
	Cites      Relation = "cites"      // any other mention
)

// Reference is one cited document (deduplicated: Count says how often).
type Reference struct {
	Type    NString `json:"type"`
	Symbol  NString `json:"symbol"`
	Number  NString `json:"number"`
	Year    NInt    `json:"year"`
	Date    NString `json:"date"`
	Issuer  NString `json:"issuer"`
	Term    NString `json:"term,omitempty"` // khóa, e.g. "XI"
	Subject NString `json:"subject"`
	// IssuerCode is the issuer part of the symbol as written ("TU", "TTg", "UBTVQH11");
	// Scope is "national" when the code names a central body, else "local"
	// (resolved against the citing document's province).
	IssuerCode string   `json:"issuer_code,omitempty"`
	Scope      string   `json:"scope,omitempty"`
	Relation   Relation `json:"relation"`
	Count      int      `json:"count"`
	Text       string   `json:"text"`
	Start      int      `json:"start"`
	End        int      `json:"end"`
	// Level, Province, District and Commune are what the citing text says of
	// the cited issuer's place: the level its code and phrase imply ("của Ban
	// Thường vụ Huyện ủy" → district, "Tỉnh ủy" → province) and the units it
	// names ("Huyện ủy Tây Sơn", "UBND huyện Hoài Nhơn", "Tỉnh ủy Lâm Đồng").
	Level    string  `json:"level,omitempty"`
	Province NString `json:"province,omitempty"`
	District NString `json:"district,omitempty"`
	Commune  NString `json:"commune,omitempty"`
	// Aliases are the short forms that were resolved to this reference
	// ("Kết luận số 114", "Chỉ thị 05").
	Aliases []string `json:"aliases,omitempty"`
	// Name is the whole name of a law cited by name and date rather than by
	// number ("Luật Giáo dục ngày 14 tháng 6 năm 2019": "Luật Giáo dục"):
	// with Type, Year and Date it identifies the law when the laws table does
	// not give its symbol (then Symbol is null).
	Name string `json:"name,omitempty"`
	// Repaired notes the OCR damage read through in the symbol, date or year
	// ("code QHI5 read as QH15", "year 2621 read as 2021 (khóa XIII)"); Text
	// keeps what was written.
	Repaired []string `json:"repaired,omitempty"`
}

// NamedRef is a document named without a number: "Luật Tiếp công dân",
// "Nghị quyết Đại hội lần thứ XIII".
type NamedRef struct {
	Type  string `json:"type"`
	Name  string `json:"name"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Count int    `json:"count"`
}

// Claim is an edge between two cited documents stated by the citing text:
// "Kết luận số 01-KL/TW … về tiếp tục thực hiện Chỉ thị số 05-CT/TW" says that
// 01-KL/TW implements 05-CT/TW.
type Claim struct {
	From     string   `json:"from"` // symbol of the cited document making the claim
	Relation Relation `json:"relation"`
	To       string   `json:"to"`
	Start    int      `json:"start"`
}

// Footnote is a note moved out of the body (its marker and text).
type Footnote struct {
	Mark  string `json:"mark"`
	Text  string `json:"text"`
	Start int    `json:"start"` // offset of the note text in Document.Text
}

// NString is a string that marshals as JSON null when empty: the contract says a
// field the document does not give is null, never guessed.
type NString string

// MarshalJSON implements json.Marshaler.
func (s NString) MarshalJSON() ([]byte, error) {
	if s == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(s))
}

// UnmarshalJSON implements json.Unmarshaler.
func (s *NString) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*s = ""
		return nil
	}
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = NString(v)
	return nil
}

// NInt is an int that marshals as JSON null when zero (a year that is not given).
type NInt int

// MarshalJSON implements json.Marshaler.
func (n NInt) MarshalJSON() ([]byte, error) {
	if n == 0 {
		return []byte("null"), nil
	}
	return []byte(strconv.Itoa(int(n))), nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (n *NInt) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*n = 0
		return nil
	}
	var v int
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*n = NInt(v)
	return nil
}
