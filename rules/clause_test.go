package rules

import (
	"strings"
	"testing"
)

// TestClauseRelations checks the relation each construction states, on
// sentences written after real ones (vbpl, Markdown corpus).
func TestClauseRelations(t *testing.T) {
	head := "QUYẾT ĐỊNH\nVề việc thử\n"
	cases := []struct {
		name, text string
		want       map[string]Relation // symbol (or name) → relation
	}{
		{"a portal page: summary first, the document's own header below", "| Số hiệu | 49/2026/NĐ-CP |\n| Loại văn bản | Nghị định |\n\n## Tóm tắt\n\n1. **Chương I - Quy định chung** (Điều 1-2): Phạm vi.\n2. **Chương II - Chuyển tiếp** (Điều 3-4): Hiệu lực.\n\n## Nội dung chi tiết\n\nCHÍNH PHỦ CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 49/2026/NĐ-CP Hà Nội, ngày 31 tháng 01 năm 2026\nNGHỊ ĐỊNH\nQuy định thử\nCăn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\nCăn cứ Nghị quyết số 190/2025/QH15 của Quốc hội quy định về việc xử\nlý một số vấn đề;\nChính phủ ban hành Nghị định.\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Thực hiện theo Thông tư số 12/2024/TT-BTC.\n",
			map[string]Relation{"63/2025/QH15": Basis, "190/2025/QH15": Basis, "12/2024/TT-BTC": Cites}},
		{"a chapter amending a decree, its amending decrees in parentheses", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nChương VII\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 78/2016/NĐ-CP NGÀY 01 THÁNG 7 NĂM 2016 CỦA CHÍNH PHỦ QUY ĐỊNH ĐIỀU KIỆN KINH DOANH (ĐƯỢC SỬA ĐỔI, BỔ SUNG BỞI NGHỊ ĐỊNH SỐ 128/2018/NĐ-CP NGÀY 24 THÁNG 9 NĂM 2018; NGHỊ ĐỊNH SỐ 54/2022/NĐ-CP NGÀY 22 THÁNG 8 NĂM 2022 CỦA CHÍNH PHỦ)\nĐiều 59. Sửa đổi, bổ sung Điều 10\n",
			map[string]Relation{"78/2016/NĐ-CP": Amends, "128/2018/NĐ-CP": Cites, "54/2022/NĐ-CP": Cites}},
		{"a chapter amending a circular that guides a decree", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nChương III\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA THÔNG TƯ SỐ 22/2014/TT-NHNN HƯỚNG DẪN THỰC HIỆN CHÍNH SÁCH TÍN DỤNG THEO NGHỊ ĐỊNH SỐ 67/2014/NĐ-CP VỀ MỘT SỐ CHÍNH SÁCH PHÁT TRIỂN THỦY SẢN\nĐiều 9. Sửa đổi, bổ sung Điều 10\n",
			map[string]Relation{"22/2014/TT-NHNN": Amends, "67/2014/NĐ-CP": Cites}},
		{"a repealing lead without its colon, items lettered by OCR", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 32. Hiệu lực thi hành\n1. Nghị định này có hiệu lực thì hành từ ngày 01 tháng 7 năm 2026.\n\n2. Các văn bản quy phạm pháp luật sau đây hết hiệu lực kể từ ngày Nghị\nđịnh này có hiệu lực thi hành\n\n4) Nghị định số 37/2015/NĐ-CP ngày 22 tháng 4 năm 2015 của Chính phủ\nquy định chi tiết về hợp đồng xây dựng; Nghị định số 50/2021/NĐ-CP ngày 01\ntháng 4 năm 2021 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định\nsố 37/2015/NĐ-CP ngày 22 tháng 4 năm 2015 của Chính phủ;\n\nb) Điều 9 Nghị định số 35/2023/NĐ-CP ngày 20 tháng 6 năm 2023 của\nChính phủ sửa đổi, bổ sung một số điều của các Nghị định thuộc lĩnh vực quản\nlý nhà nước của Bộ Xây dựng.\n",
			map[string]Relation{"37/2015/NĐ-CP": Repeals, "50/2021/NĐ-CP": Repeals, "35/2023/NĐ-CP": Repeals}},
		{"repealed circulars across a page break", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 20. Hiệu lực thi hành\n2. Thông tư số 55/2023/TT-BTC ngày 15 tháng 8 năm 2023 của Bộ Tài\nchính quy định quản lý kinh phí thực hiện các Chương trình mục tiêu quốc gia giai đoạn 2021-\n\n2025, Thông tư số 175/2024/TT-BTC ngày 31 tháng 10 năm 2024 của Bộ Tài\nchính sửa đổi, bổ sung một số điều của Thông tư số 55/2023/TT-BTC và Thông\n16\n\ntư số 112/2025/TT-BTC ngày 28 tháng 11 năm 2025 của Bộ Tài chính sửa đổi,\nbổ sung một số điều của Thông tư số 55/2023/TT-BTC (sau đây gọi chung là\nThông tư số 55/2023/TT-BTC) hết hiệu lực thi hành kể từ ngày Thông tư này có\nhiệu lực thi hành.\n",
			// 112/2025 is read as a second object of 175/2024's "sửa đổi,
			// bổ sung … của Thông tư số 55/2023 và Thông tư số 112/2025"
			// (cites): its own date and issuer after it would tell it apart.
			map[string]Relation{"55/2023/TT-BTC": Repeals, "175/2024/TT-BTC": Repeals}},
		{"a basis clause hard-wrapped after a comma, the next line OCR-damaged", head + "Căn cứ Luật Xử lý vi phạm hành chính số 15/2012/QH13 được sửa đổi,\nbổ Sung, bởi Luật số 54/2014/QH13, Luật số 67/2020/QH14,\n+tuật sô 09/2022/QH15, Luật số 11/2022/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n",
			map[string]Relation{"15/2012/QH13": Basis, "67/2020/QH14": Basis, "09/2022/QH15": Basis, "11/2022/QH15": Basis}},
		{"items of a repealing list hard-wrapped before a year", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n4. Thông tư nảy bãi bỏ nội dung tại các Thông tư sau:\na) Điều 4 Thông tư liên tịch số 12/2010/TTLT-BKHĐT-BTC ngày 28 ngày\n5 năm 2010 của Bộ Kế hoạch và Đầu tư và Bộ Tài chính kèm theo Quyết định số 119/2009/QĐ-TTg ngày 01 tháng 10 năm\n2009 của Thủ tướng Chính phủ;\nb) Điều 7 Thông tư số 43/2023/TT-BTC ngày 27 tháng 6 năm 2023 của Bộ trưởng Bộ Tài chính;\n",
			map[string]Relation{"12/2010/TTLT-BKHĐT-BTC": Repeals, "43/2023/TT-BTC": Repeals}},
		{"a repealed circular's description lists what it amended", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Bãi bỏ toàn bộ các văn bản sau:\n12. Thông tư số 13/2017/TT-BCT ngày 03 tháng 8 năm 2017 của Bộ trưởng Bộ Công Thương sửa đổi, bổ sung một số điều của Thông tư số 56/2014/TT-BCT quy định phương pháp xác định giá phát điện; Thông tư số 30/2014/TT-BCT quy định vận hành thị trường phát điện cạnh tranh và Thông tư số 57/2014/TT-BCT quy định khung giá phát điện.\n13. Thông tư số 21/2020/TT-BCT ngày 09 tháng 9 năm 2020 của Bộ trưởng Bộ Công Thương.\n",
			map[string]Relation{"13/2017/TT-BCT": Repeals, "56/2014/TT-BCT": Cites, "30/2014/TT-BCT": Cites, "57/2014/TT-BCT": Cites, "21/2020/TT-BCT": Repeals}},
		{"a list of repeals goes on after an item that names no other document", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 3. Bãi bỏ Thông tư số 41/2025/TT-BTC ngày 10 tháng 6 năm 2025 của Bộ Tài chính; Thông tư số 18/2020/TT-BTC ngày 31 tháng 3 năm 2020 của Bộ Tài chính.\n",
			map[string]Relation{"41/2025/TT-BTC": Repeals, "18/2020/TT-BTC": Repeals}},
		{"a procedure amended in a title, issued with a decision in parentheses", "Quyết định số 337/1998/QĐ-BGTVT về việc sửa đổi khoản 16.3 của Quy trình thực hiện trình tự đầu tư và xây dựng trong ngành giao thông vận tải (ban hành kèm theo Quyết định số 1781/CGĐ-KHĐT-TCKT ngày 17/7/1997)\nSố hiệu337/1998/QĐ-BGTVT\n",
			map[string]Relation{"1781/CGĐ-KHĐT-TCKT": Amends}},
		{"a regulation issued with a decision, carried out", head + "Thực hiện Quy định ban hành kèm theo Quyết định số 89-QĐ/TW ngày 04/8/2017 của Ban Chấp hành Trung ương;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n",
			map[string]Relation{"89-QĐ/TW": Implements}},
		{"a part's number does not end the clause", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Sửa đổi khoản 16.3 của Quy trình thực hiện đầu tư ban hành kèm theo Quyết định số 1781/CGĐ-KHĐT-TCKT như sau:\n",
			map[string]Relation{"1781/CGĐ-KHĐT-TCKT": Amends}},
		{"list in a basis clause", head + "Căn cứ Luật số 63/2025/QH15, Luật số 72/2025/QH15 và Luật số 64/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n",
			map[string]Relation{"63/2025/QH15": Basis, "72/2025/QH15": Basis, "64/2025/QH15": Basis}},
		{"amended by, inside a basis clause", head + "Căn cứ Nghị định số 115/2024/NĐ-CP ngày 16 tháng 9 năm 2024 của Chính phủ quy định chi tiết một số điều về lựa chọn nhà đầu tư được sửa đổi, bổ sung tại Nghị định số 225/2025/NĐ-CP ngày 15 tháng 8 năm 2025 của Chính phủ;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n",
			map[string]Relation{"115/2024/NĐ-CP": Basis, "225/2025/NĐ-CP": Basis}},
		{"the laws that follow a basis lead", head + "Căn cứ các Luật sau:\n- Luật Doanh nghiệp số 59/2020/QH14;\n- Luật Đầu tư số 61/2020/QH14.\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n",
			map[string]Relation{"59/2020/QH14": Basis, "61/2020/QH14": Basis}},
		{"a basis section", "KẾ HOẠCH\nThử\nI. MỤC ĐÍCH\n1. Thử.\nII. CĂN CỨ PHÁP LÝ\n- Luật Tổ chức Chính phủ số 63/2025/QH15;\n- Nghị định số 29/2025/NĐ-CP được sửa đổi, bổ sung bởi Nghị định số 166/2025/NĐ-CP.\nIII. NỘI DUNG\n1. Thực hiện theo Thông tư số 12/2024/TT-BTC.\n",
			map[string]Relation{"63/2025/QH15": Basis, "29/2025/NĐ-CP": Basis, "166/2025/NĐ-CP": Basis, "12/2024/TT-BTC": Cites}},
		{"pursuant to", "DECREE\nOn testing\nPursuant to the Law on Organization of the Government No. 32/2001/QH10;\nPursuant to the Government's Decree No. 86/2002/ND-CP;\nThe Government decrees:\nArticle 1. Test.\n",
			map[string]Relation{"32/2001/QH10": Basis, "86/2002/NĐ-CP": Basis}},
		{"an article that repeals", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 2. Bãi bỏ quy định tại Điều 2 Nghị định số 100/2016/NĐ-CP ngày 01 tháng 7 năm 2016 của Chính phủ.\n",
			map[string]Relation{"100/2016/NĐ-CP": Repeals}},
		{"lettered list after hết hiệu lực", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 2. Hiệu lực\n2. Các Thông tư sau hết hiệu lực kể từ ngày Thông tư này có hiệu lực:\na) Thông tư số 17/2021/TT-BGDĐT ngày 22 tháng 6 năm 2021 của Bộ trưởng Bộ Giáo dục và Đào tạo;\nb) Thông tư số 02/2022/TT-BGDĐT ngày 18 tháng 01 năm 2022.\n",
			map[string]Relation{"17/2021/TT-BGDĐT": Repeals, "02/2022/TT-BGDĐT": Repeals}},
		{"amended as follows", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n1. Khoản 2 Điều 5 Thông tư số 135/2018/TT-BTC được sửa đổi, bổ sung như sau:\n“2. Thử.”\n",
			map[string]Relation{"135/2018/TT-BTC": Amends}},
		{"the promulgation sentence names what the document amends (audit 31a8c60 #49)", "THÔNG TƯ\nHướng dẫn chức năng\nCăn cứ Luật Giáo dục số 43/2019/QH14;\nTheo đề nghị của Vụ trưởng Vụ Tổ chức cán bộ, Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Thông tư sửa đổi, bổ sung một số điều của Thông tư số 15/2025/TT-BGDĐT ngày 24/7/2025.\nĐiều 1. Thử.\n",
			map[string]Relation{"43/2019/QH14": Basis, "15/2025/TT-BGDĐT": Amends}},
		{"a type after ban hành with its number is another document", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Bộ Tài chính đã ban hành Thông tư số 12/2024/TT-BTC sửa đổi, bổ sung Thông tư số 10/2020/TT-BTC.\n",
			map[string]Relation{"12/2024/TT-BTC": Cites, "10/2020/TT-BTC": Cites}},
		{"a numbered provision carried on a joined line repeals (audit 9e026a6 #79)", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 31. Sửa đổi các nghị định\n4. Thay thế cụm từ “quyết toán vốn đầu tư dự án hoàn thành” tại điểm d khoản 3 Điều 9 Nghị định số 358/2025/NĐ-CP thành “quyết toán vốn đầu tư dự án”. 5. Bãi bỏ một số nội dung quy định tại Nghị định số 254/2025/NĐ-CP, như sau: a) Khoản 3 Điều 1.\n",
			map[string]Relation{"358/2025/NĐ-CP": Amends, "254/2025/NĐ-CP": Repeals}},
		{"guidance on filling a form guides no document it cites (audit 9e026a6 #85)", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nHướng dẫn lập Mẫu số 01A:\n- Đối tượng báo cáo: Tên cơ quan, đơn vị quản lý tài sản quy định tại khoản 3 Điều 2 Nghị định số 44/2024/NĐ-CP ngày 24 tháng 4 năm 2024 của Chính phủ.\n",
			map[string]Relation{"44/2024/NĐ-CP": Cites}},
		{"amending heading", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Sửa đổi, bổ sung một số điều của Nghị định số 83/2020/NĐ-CP\n1. Thử.\n",
			map[string]Relation{"83/2020/NĐ-CP": Amends}},
		{"a relation between two cited documents is a claim", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n2. Thực hiện theo Quy định số 09-QĐ/TW sửa đổi Quy định số 128-QĐ/TW của Ban Bí thư.\n",
			map[string]Relation{"09-QĐ/TW": Cites, "128-QĐ/TW": Cites}},
		{"lettered list of parts under a repealing lead", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 25. Hiệu lực thi hành\n2. Bãi bỏ các quy định sau đây:\na) Khoản 9, 10 Điều 2 của Nghị định số 11/2013/NĐ-CP ngày 14 tháng 01 năm 2013 của Chính phủ;\nb) Điểm d khoản 7 Điều 2 của Nghị định số 33/2025/NĐ-CP ngày 25 tháng 02 năm 2025 của Chính phủ;\nc) Khoản 1 Điều 18 của Nghị định số 140/2025/NĐ-CP ngày 12 tháng 6 năm 2025.\n3. Thực hiện theo Thông tư số 12/2024/TT-BTC.\n",
			map[string]Relation{"11/2013/NĐ-CP": Repeals, "33/2025/NĐ-CP": Repeals, "140/2025/NĐ-CP": Repeals, "12/2024/TT-BTC": Cites}},
		{"amending and repealing heading", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 31. Sửa đổi, bổ sung, bãi bỏ một số điều của Nghị định số 105/2025/NĐ-CP ngày 15 tháng 5 năm 2025 của Chính phủ\n1. Thử.\n",
			map[string]Relation{"105/2025/NĐ-CP": Amends}},
		{"a second replaced document", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 2. Nghị định này thay thế Nghị định số 95/1998/NĐ-CP ngày 17 tháng 11 năm 1998 của Chính phủ và Nghị định số 56/2000/NĐ-CP ngày 12 tháng 10 năm 2000 của Chính phủ.\n",
			map[string]Relation{"95/1998/NĐ-CP": Replaces, "56/2000/NĐ-CP": Replaces}},
		{"provisions that cease to have effect", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 5. Hiệu lực\n2. Các quy định về quản lý tại Nghị định số 62/2020/NĐ-CP ngày 01 tháng 6 năm 2020 của Chính phủ về vị trí việc làm và biên chế công chức hết hiệu lực thi hành kể từ ngày Nghị định này có hiệu lực.\n",
			map[string]Relation{"62/2020/NĐ-CP": Repeals}},
		{"a guiding resolution that ceases to have effect", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 3. Hiệu lực thi hành\nNghị quyết số 560/NQ-UBTVQH15 ngày 20 tháng 8 năm 2022 của Ủy ban Thường vụ Quốc hội hướng dẫn một số nội dung về tổ chức hội nghị cử tri hết hiệu lực kể từ ngày Nghị quyết này có hiệu lực thi hành.\n",
			map[string]Relation{"560/NQ-UBTVQH15": Repeals}},
		{"an amended law that ceases to have effect", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 40. Hiệu lực thi hành\n2. Luật Chất lượng sản phẩm, hàng hóa số 05/2007/QH12 đã được sửa đổi, bổ sung một số điều theo Luật số 35/2018/QH14 và Luật số 81/2025/QH15 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.\n",
			map[string]Relation{"05/2007/QH12": Repeals, "35/2018/QH14": Repeals, "81/2025/QH15": Repeals}},
		{"repealing a phrase amends", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 2. Bãi bỏ cụm từ “và cấp huyện” tại khoản 3 Điều 10 của Luật Thủ đô số 18/2023/QH15.\n",
			map[string]Relation{"18/2023/QH15": Amends}},
		{"replacing a phrase amends", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 2. Thay thế cụm từ “Bộ Tài chính” bằng cụm từ “Bộ Công Thương” tại khoản 2 Điều 4 của Thông tư số 45/2024/TT-BTC.\n",
			map[string]Relation{"45/2024/TT-BTC": Amends}},
		{"the act named in the title of the amended one", "THÔNG TƯ\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA THÔNG TƯ SỐ 10/2020/TT-BKHCN NGÀY 30 THÁNG 12 NĂM 2020 CỦA BỘ TRƯỞNG BỘ KHOA HỌC VÀ CÔNG NGHỆ QUY ĐỊNH CHI TIẾT VÀ BIỆN PHÁP THI HÀNH MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 132/2008/NĐ-CP\nCăn cứ Luật số 63/2025/QH15;\nBộ trưởng ban hành Thông tư.\nĐiều 1. Thử.\n",
			map[string]Relation{"10/2020/TT-BKHCN": Amends, "132/2008/NĐ-CP": Cites}},
		{"an amending law named in a basis", head + "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Ngân sách nhà nước số 90/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n",
			map[string]Relation{"90/2025/QH15": Basis}},
		{"repealing a part of an amended law", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 2. Bãi bỏ Điều 3 của Luật Đất đai số 31/2024/QH15 đã được sửa đổi, bổ sung theo Luật số 43/2024/QH15.\n",
			map[string]Relation{"31/2024/QH15": Repeals, "43/2024/QH15": Cites}},
		{"two documents that cease to have effect", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 2. Hiệu lực\nThông tư số 17/2021/TT-BGDĐT và Thông tư số 02/2022/TT-BGDĐT hết hiệu lực kể từ ngày Thông tư này có hiệu lực thi hành.\n",
			map[string]Relation{"17/2021/TT-BGDĐT": Repeals, "02/2022/TT-BGDĐT": Repeals}},
		{"a document named in a repealed one's subject", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 2. Thông tư số 17/2021/TT-BGDĐT hướng dẫn thi hành Nghị định số 86/2018/NĐ-CP hết hiệu lực kể từ ngày Thông tư này có hiệu lực.\n",
			map[string]Relation{"17/2021/TT-BGDĐT": Repeals, "86/2018/NĐ-CP": Cites}},
		{"an opening cue inside the name of a part", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nBổ sung Điều 370a vào trước Điều 371 tại Chương XXIII Điều khoản thi hành của Luật Tố tụng hành chính số 93/2015/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số 55/2019/QH14 như sau:\n",
			map[string]Relation{"93/2015/QH13": Amends, "55/2019/QH14": Cites}},
		{"replacing and repealing provisions", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 36. Thay thế, bãi bỏ một số quy định của Nghị định số 08/2022/NĐ-CP ngày 10 tháng 01 năm 2022 của Chính phủ\n1. Thay thế, bãi bỏ một số cụm từ của Luật Viễn thông số 24/2023/QH15 như sau:\n",
			map[string]Relation{"08/2022/NĐ-CP": Replaces, "24/2023/QH15": Amends}},
		{"a document named in what the object of the act is", "THÔNG TƯ\nTHAY THẾ, BÃI BỎ MỘT SỐ BIỂU MẪU KÈM THEO THÔNG TƯ SỐ 14/2023/TT-BKHCN NGÀY 30 THÁNG 6 NĂM 2023 CỦA BỘ TRƯỞNG BỘ KHOA HỌC VÀ CÔNG NGHỆ BAN HÀNH BIỂU MẪU HỒ SƠ THỰC HIỆN THỦ TỤC HÀNH CHÍNH QUY ĐỊNH TẠI MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 76/2018/NĐ-CP NGÀY 15 THÁNG 5 NĂM 2018\nCăn cứ Luật số 63/2025/QH15;\nBộ trưởng ban hành Thông tư.\nĐiều 1. Thử.\n",
			map[string]Relation{"14/2023/TT-BKHCN": Replaces, "76/2018/NĐ-CP": Cites}},
		{"two repealed documents in one provision", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 2. Bãi bỏ Điều 3 Thông tư số 12/2020/TT-BTC và khoản 2 Điều 5 của Thông tư số 14/2021/TT-BTC.\n",
			map[string]Relation{"12/2020/TT-BTC": Repeals, "14/2021/TT-BTC": Repeals}},
		{"a wrapped item line that opens with a type name", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n3. Thông tư này bãi bỏ:\na) Thông tư số 92/2015/TT-BTC ngày 15 tháng 6 năm 2015 hướng dẫn thuế và sửa đổi một số điều của các\nNghị định về thuế;\nb) Thông tư số 96/2016/TT-BTC ngày 28 tháng 6 năm 2016 của Bộ trưởng\nBộ Tài chính hướng dẫn hồ sơ;\nc) Thông tư số 84/2016/TT-BTC ngày 17 tháng 6 năm 2016.\n",
			map[string]Relation{"92/2015/TT-BTC": Repeals, "96/2016/TT-BTC": Repeals, "84/2016/TT-BTC": Repeals}},
		{"ceasing to have effect in a sentence about this document", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n2. Kể từ ngày Nghị định này có hiệu lực thi hành, Nghị định số 35/2021/NĐ-CP ngày 29 tháng 3 năm 2021 của Chính phủ quy định chi tiết và hướng dẫn thi hành Luật Đầu tư theo phương thức đối tác công tư hết hiệu lực thi hành, trừ quy định tại Điều 90.\n",
			map[string]Relation{"35/2021/NĐ-CP": Repeals}},
		{"submissions reviewed are not a basis", head + "Căn cứ Luật số 63/2025/QH15;\nTrên cơ sở xem xét Tờ trình số 724/TTr-CP ngày 26/8/2025 của Chính phủ, Văn bản số 702/UBQPANĐN15 ngày 01/8/2025 của Ủy ban Quốc phòng, An ninh và Đối ngoại;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n",
			map[string]Relation{"63/2025/QH15": Basis, "724/TTr-CP": Cites, "702/UBQPANĐN15": Cites}},
		{"documents that cease to be effective, in English", "CIRCULAR\nOn testing\nPursuant to the Law No. 46/2010/QH12;\nThe Governor promulgates this Circular.\nArticle 23. Effect\n2. From the effective date of this Circular, the following documents and provisions cease to be effective:\na/ The Governor's Decision No. 1096/2004/QD-NHNN of September 6, 2004;\nb/ The Governor's Decision No. 30/2008/QD-NHNN of October 16, 2008.\n",
			map[string]Relation{"1096/2004/QĐ-NHNN": Repeals, "30/2008/QĐ-NHNN": Repeals}},
		{"a decree named in the description of the amended circular", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n3. Bãi bỏ các cụm từ “Tổ chức được” và “giao nhiệm vụ theo thẩm quyền” tại khoản 2 Điều 4; các cụm từ “tổ chức được”, “giao nhiệm vụ” và “Ủy ban nhân dân cấp tỉnh và” tại khoản 3 Điều 4; cụm từ “ĐƯỢC UBND TỈNH GIAO” tại Phụ lục IV Thông tư số 40/2025/TT-BCT ngày 22 tháng 6 năm 2025 của Bộ trưởng Bộ Công Thương quy định về cấp Giấy chứng nhận xuất xứ hàng hóa theo khoản 6 Điều 28 Nghị định số 146/2025/NĐ-CP ngày 12 tháng 6 năm 2025 của Chính phủ.\n",
			map[string]Relation{"40/2025/TT-BCT": Amends, "146/2025/NĐ-CP": Cites}},
		{"a regulation issued with the amended circular", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 2. Sửa đổi, bổ sung điểm b mục 3.4.2 Quy chuẩn kỹ thuật quốc gia QCVN 19:2019/BKHCN về sản phẩm chiếu sáng bằng công nghệ LED ban hành kèm theo Thông tư số 08/2019/TT-BKHCN ngày 25 tháng 9 năm 2019 của Bộ trưởng Bộ Khoa học và Công nghệ như sau:\n",
			map[string]Relation{"08/2019/TT-BKHCN": Amends}},
		// audit 12fc190 #99: the second item of a list is later than the
		// first, so it is not in what the first is, and the end of force
		// reaches both
		{"a later document after the first one's description", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n2. Nghị định số 120/2016/NĐ-CP ngày 23 tháng 8 năm 2016 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Phí và lệ phí và Nghị định số 82/2023/NĐ-CP ngày 28 tháng 11 năm 2023 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 120/2016/NĐ-CP hết hiệu lực thi hành kể từ Nghị định này có hiệu lực thi hành.\n",
			map[string]Relation{"120/2016/NĐ-CP": Repeals, "82/2023/NĐ-CP": Repeals}},
		// audit 12fc190 #49: parts of two documents joined by ";" end together
		{"parts of two documents cease to have effect", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n3. Điều 25 Nghị định số 55/2024/NĐ-CP ngày 16 tháng 5 năm 2024 của Chính phủ quy định chi tiết một số điều của Luật Bảo vệ quyền lợi người tiêu dùng; Điều 48 và Phụ lục XIV ban hành kèm theo Nghị định số 146/2025/NĐ-CP ngày 12 tháng 6 năm 2025 quy định về phân quyền chấm dứt hiệu lực kể từ ngày Nghị định này có hiệu lực thi hành.\n",
			map[string]Relation{"55/2024/NĐ-CP": Repeals, "146/2025/NĐ-CP": Repeals}},
		// but a ";" list does not carry an amendment said of the next item
		{"an amendment after a semicolon is the next item's", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 2. Nghị định số 10/2020/NĐ-CP quy định về thử; Nghị định số 11/2021/NĐ-CP được sửa đổi như sau:\n",
			map[string]Relation{"10/2020/NĐ-CP": Cites, "11/2021/NĐ-CP": Amends}},
		// audit 12fc190 #41: "No." is no end of sentence
		{"an English replacement of two decrees", "DECREE\nON DATA\nTHE GOVERNMENT\nPursuant to the Law on Organization of the Government;\nDECREES:\nArticle 23. Effect\n2. This Decree replaces the Government's Decree No. 162/2003/ND-CP of December 19, 2003, promulgating the Regulation on water data, and the Government's Decree No. 101/2007/ND-CP of June 13, 2007, on marine data.\n3. Circular No. 14/2016/TT-NHNN of June 30, 2016, amending and supplementing a number of articles of Circular No. 30/2014/TT-NHNN of November 6, 2014, ceases to be effective from the effective date of this Circular.\n",
			map[string]Relation{"162/2003/NĐ-CP": Replaces, "101/2007/NĐ-CP": Replaces, "14/2016/TT-NHNN": Repeals, "30/2014/TT-NHNN": Cites}},
		// audit 12fc190 #54
		{"a text detailing a decree is guided by it", "BỘ TÀI CHÍNH\nSố: 118/2025/TT-BTC\nHà Nội, ngày 20 tháng 11 năm 2025\nTHÔNG TƯ\nQuy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng và Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ đối với ngành Tài chính\nBộ trưởng Bộ Tài chính ban hành Thông tư.\nĐiều 1. Phạm vi\n",
			map[string]Relation{"152/2025/NĐ-CP": Guides}},
		// a replacement list going on after an item's description, with a
		// later document that description cannot hold (vbpl doc_000191)
		{"a replaced document after another's description", head + "Căn cứ Luật số 63/2025/QH15;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\nĐiều 2. Thông tư này thay thế cho các Thông tư số 200/2014/TT-BTC ngày 22/12/2014 của Bộ Tài chính hướng dẫn chế độ kế toán doanh nghiệp, Thông tư số 75/2015/TT-BTC ngày 18/5/2015 của Bộ Tài chính về sửa đổi, bổ sung Điều 128 Thông tư số 200/2014/TT-BTC ngày 22/12/2014 của Bộ Tài chính, Thông tư số 53/2016/TT-BTC ngày 21/3/2016 về sửa đổi, bổ sung một số Điều của Thông tư số 200/2014/TT-BTC.\n",
			map[string]Relation{"200/2014/TT-BTC": Replaces, "75/2015/TT-BTC": Replaces, "53/2016/TT-BTC": Replaces}},
		// audit ec55b24 #62: the "sửa đổi, bổ sung" of an amending law's name is no act
		{"an amending law by its long name in a basis", head + "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đấu thầu, Luật Đầu tư theo phương thức đối tác công tư, Luật Hải quan, Luật Thuế giá trị gia tăng, Luật Thuế xuất khẩu, thuế nhập khẩu, Luật Đầu tư, Luật Đầu tư công, Luật Quản lý, sử dụng tài sản công ngày 25 tháng 6 năm 2025;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n",
			map[string]Relation{"90/2025/QH15": Basis}},
		// audit ec55b24 #82: a date mistyped ten years off, the symbol's year
		// confirmed by another mention, is one document
		{"a mistyped date of a document dated right elsewhere", head + "Căn cứ Luật số 63/2025/QH15;\nBộ trưởng ban hành Thông tư sửa đổi, bổ sung một số điều của Thông tư số 02/2015/TT-BNNPTNT ngày 27 tháng 01 năm 2025 của Bộ trưởng.\nĐiều 1. Sửa đổi, bổ sung một số điều của Thông tư số 02/2015/TT-BNNPTNT ngày 27 tháng 01 năm 2015 của Bộ trưởng như sau:\n",
			map[string]Relation{"02/2015/TT-BNNPTNT": Amends}},
		{"a proposer is not a basis", head + "Căn cứ Luật số 63/2025/QH15; theo đề nghị của Bộ trưởng tại Tờ trình số 12/TTr-BTC;\nQUYẾT ĐỊNH:\nĐiều 1. Thử.\n",
			map[string]Relation{"63/2025/QH15": Basis, "12/TTr-BTC": Cites}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := ParseText(c.text)
			got := map[string]Relation{}
			for _, r := range d.References {
				got[string(r.Symbol)] = r.Relation
			}
			for sym, want := range c.want {
				if got[sym] != want {
					t.Errorf("%s: relation %q, want %q (all: %v)", sym, got[sym], want, got)
				}
			}
		})
	}
	// The claim of the case named so.
	var claimText string
	for _, tc := range cases {
		if tc.name == "a relation between two cited documents is a claim" {
			claimText = tc.text
		}
	}
	d := ParseText(claimText)
	if len(d.Claims) != 1 || d.Claims[0].From != "09-QĐ/TW" || d.Claims[0].To != "128-QĐ/TW" || d.Claims[0].Relation != Amends {
		t.Errorf("claims %+v, want 09-QĐ/TW amends 128-QĐ/TW", d.Claims)
	}
}

// TestCueInsideALawsName: the words of a law's name are no cue; the act
// of the sentence reaches every law it lists.
func TestCueInsideALawsName(t *testing.T) {
	d := ParseText("LUẬT\nThuế tiêu thụ đặc biệt\nĐiều 1. Thử.\nĐiều 30. Luật này thay thế Luật thuế tiêu thụ đặc biệt ngày 30 tháng 6 năm 1990, Luật sửa đổi, bổ sung một số điều của Luật thuế tiêu thụ đặc biệt ngày 05 tháng 7 năm 1993 và Luật sửa đổi, bổ sung một số điều của Luật thuế tiêu thụ đặc biệt ngày 28 tháng 10 năm 1995.\n")
	years := map[int]bool{}
	for _, r := range d.References {
		years[int(r.Year)] = true
		if r.Relation != Replaces {
			t.Errorf("%s %s (%d): %s, want replaces", r.Symbol, r.Name, r.Year, r.Relation)
		}
	}
	if !years[1990] || !years[1993] || !years[1995] {
		t.Errorf("laws found for years %v, want 1990, 1993 and 1995", years)
	}
}

// TestReferenceShapes checks references written without the usual shape.
func TestReferenceShapes(t *testing.T) {
	text := "QUYẾT ĐỊNH\nVề việc thử\nCăn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;\nCăn cứ Luật Thủ đô năm 2024;\nCăn cứ Thông tư số 52/2020/TT-\nBGDĐT ngày 31/12/2020 của Bộ Giáo dục và Đào tạo;\nQUYẾT ĐỊNH:\n" +
		"Điều 1. Theo các Nghị định 87, 88, 31/CP của Chính phủ, Quyết định số 1855QĐ-KHKT-PCVT, Quyết định 2472QĐ/GTVT và Nghị quyết 40 của Quốc hội.\n" +
		"Điều 2. Khai theo Mẫu số 04/SS-CTĐT, mẫu 01-1/GTGT, 02/GTGT, Phụ lục IA; đạt QCVN 16-1:2025/BYT và TCVN 5574:2018; tài khoản số 3741/0/1054321; Quy trình kiểm định kỹ thuật an toàn đối với hệ thống cốp pha trượt, ký hiệu QTKĐ: 04-2017/BXD.\n" +
		"Số đăng công báo | 479/2026/TB-LĐTBXH\nĐiều 4. Người bán thông báo theo Mẫu số 04/SS-HĐĐT Phụ lục III; lập danh sách theo các Mẫu số 03, 04, 05 và 06/BHYT-QĐ.\n04/SS-HĐĐT\nThông báo hóa đơn điện tử đã lập sai\n" +
		"Điều 3. Áp dụng Luật Tiêu chuẩn và Quy chuẩn kỹ thuật và Luật Khoa học, công nghệ và đổi mới sáng tạo năm 2025.\n" +
		"Điều 5. Khẩn trương bổ sung chỉnh sửa Luật Thanh niên trình Quốc hội vào năm 2026.\n"
	d := ParseText(text)
	type want struct{ typ, name, number, code string }
	wants := map[string]want{
		"43/2019/QH14":      {"Luật", "Luật Giáo dục", "43", "QH14"},
		"52/2020/TT-BGDĐT":  {"Thông tư", "", "52", "BGDĐT"},
		"87/CP":             {"Nghị định", "", "87", "CP"},
		"88/CP":             {"Nghị định", "", "88", "CP"},
		"31/CP":             {"Nghị định", "", "31", "CP"},
		"1855/QĐ-KHKT-PCVT": {"Quyết định", "", "1855", "KHKT-PCVT"},
		"2472-QĐ/GTVT":      {"Quyết định", "", "2472", "GTVT"},
		"93/2025/QH15":      {"Luật", "Luật Khoa học, công nghệ và đổi mới sáng tạo", "93", "QH15"},
	}
	got := map[string]Reference{}
	for _, r := range d.References {
		k := string(r.Symbol)
		if k == "" {
			k = r.Name + "|" + string(r.Number)
		}
		got[k] = r
	}
	for sym, w := range wants {
		r, ok := got[sym]
		if !ok {
			t.Errorf("%s: missing (have %v)", sym, keys(got))
			continue
		}
		if string(r.Type) != w.typ || r.Name != w.name || string(r.Number) != w.number || r.IssuerCode != w.code {
			t.Errorf("%s: %q %q %q %q, want %+v", sym, r.Type, r.Name, r.Number, r.IssuerCode, w)
		}
	}
	// A law by name not in the table: no symbol, its name, year and type.
	if r, ok := got["Luật Thủ đô|"]; !ok || r.Year != 2024 || r.Type != "Luật" || r.Relation != Basis {
		t.Errorf("Luật Thủ đô năm 2024: %+v", r)
	}
	// A name ends before what is done with the law: "Luật Thanh niên trình
	// Quốc hội vào năm 2026" names the Luật Thanh niên, with no year of its
	// own (2026 is when it is to be submitted).
	for k, r := range got {
		if strings.Contains(r.Name, "trình") || strings.Contains(k, "trinh") || r.Name == "Luật Thanh niên" && r.Year == 2026 {
			t.Errorf("%s: the name ran on into what is done with it: %+v", k, r)
		}
	}
	// A number with its issuer: no symbol, the issuer's code and scope.
	if r, ok := got["|40"]; !ok || r.IssuerCode != "QH" || r.Scope != "national" || r.Issuer != "Quốc hội" {
		t.Errorf("Nghị quyết 40 của Quốc hội: %+v", r)
	}
	// Forms, annexes, standards and accounts are not documents.
	for k, r := range got {
		for _, bad := range []string{"SS-CTĐT", "GTGT", "BYT", "2018", "1054321", "BXD", "LĐTBXH", "HĐĐT", "BHYT"} {
			if strings.Contains(string(r.Symbol), bad) {
				t.Errorf("%s: a form or standard taken for a document", k)
			}
		}
	}
	// Named references keep their whole name.
	found := false
	for _, n := range d.Named {
		if n.Text == "Luật Tiêu chuẩn và Quy chuẩn kỹ thuật" {
			found = true
		}
	}
	if !found {
		t.Errorf("named references %+v: want the whole name Luật Tiêu chuẩn và Quy chuẩn kỹ thuật", d.Named)
	}
}

func keys(m map[string]Reference) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestPassiveAndHeadings checks the constructions of the second round: a
// basis heading standing alone (a Markdown "## CĂN CỨ PHÁP LUẬT"), amending
// documents named after a passive verb (a claim between the two cited
// documents; to this document they are what the amended one is in its
// clause), the English implementing cues, and an active relation between
// two cited documents outside a subject.
func TestPassiveAndHeadings(t *testing.T) {
	head := "THÔNG TƯ\nQuy định thử\n"
	type claim struct{ from, rel, to string }
	cases := []struct {
		name, text string
		want       map[string]Relation
		claims     []claim
	}{
		{"a basis heading alone, items with their amending laws",
			head + "CĂN CỨ PHÁP LUẬT\n\n- Luật Quản lý tài sản công số 15/2017/QH14; được sửa đổi, bổ sung bởi Luật số 64/2020/QH14, Luật số 07/2022/QH15.\n- Nghị định số 01/2022/NĐ-CP của Chính phủ quy định chức năng của Bộ Quốc phòng; được sửa đổi, bổ sung bởi Nghị định số 03/2025/NĐ-CP của Chính phủ.\n\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Thực hiện theo Thông tư số 12/2024/TT-BQP.\n",
			map[string]Relation{"15/2017/QH14": Basis, "64/2020/QH14": Basis, "07/2022/QH15": Basis, "01/2022/NĐ-CP": Basis, "03/2025/NĐ-CP": Basis, "12/2024/TT-BQP": Cites},
			[]claim{{"64/2020/QH14", "amends", "15/2017/QH14"}, {"07/2022/QH15", "amends", "15/2017/QH14"}, {"03/2025/NĐ-CP", "amends", "01/2022/NĐ-CP"}}},
		{"a lower-case basis heading",
			head + "Căn cứ pháp lý\n- Luật Đầu tư số 61/2020/QH14;\n- Nghị định số 31/2021/NĐ-CP.\nNội dung\nTheo Nghị định số 10/2022/NĐ-CP.\n",
			map[string]Relation{"61/2020/QH14": Basis, "31/2021/NĐ-CP": Basis, "10/2022/NĐ-CP": Cites}, nil},
		{"a basis cue in a sentence is not a heading",
			head + "Căn cứ vào tình hình thực tế của địa phương\nTheo Nghị định số 10/2022/NĐ-CP.\n",
			map[string]Relation{"10/2022/NĐ-CP": Cites}, nil},
		{"amending laws where a phrase is repealed",
			head + "Căn cứ Luật số 63/2025/QH15;\nBộ trưởng ban hành Thông tư.\nĐiều 1. Thử.\n12. Bãi bỏ cụm từ “mạng,” tại khoản 6 Điều 16 của Luật Công an nhân dân số 37/2018/QH14 đã được sửa đổi, bổ sung một số điều theo Luật số 21/2023/QH15 và Luật số 86/2025/QH15; tại khoản 1 Điều 66 của Luật Bầu cử số 85/2015/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số 83/2025/QH15.\n",
			map[string]Relation{"37/2018/QH14": Amends, "21/2023/QH15": Cites, "86/2025/QH15": Cites, "85/2015/QH13": Amends, "83/2025/QH15": Cites},
			[]claim{{"21/2023/QH15", "amends", "37/2018/QH14"}, {"86/2025/QH15", "amends", "37/2018/QH14"}, {"83/2025/QH15", "amends", "85/2015/QH13"}}},
		{"amending laws in an amending provision",
			head + "Căn cứ Luật số 63/2025/QH15;\nBộ trưởng ban hành Thông tư.\nĐiều 1. Thử.\n1. Bổ sung tiểu mục 4.9 Phụ lục số 01 của Luật Phí và lệ phí số 97/2015/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số 09/2017/QH14, Luật số 72/2020/QH14 như sau:\n",
			map[string]Relation{"97/2015/QH13": Amends, "09/2017/QH14": Cites, "72/2020/QH14": Cites},
			[]claim{{"09/2017/QH14", "amends", "97/2015/QH13"}, {"72/2020/QH14", "amends", "97/2015/QH13"}}},
		{"an amending title naming the earlier amending decrees",
			"NGHỊ ĐỊNH\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 204/2004/NĐ-CP CỦA CHÍNH PHỦ VỀ CHẾ ĐỘ TIỀN LƯƠNG ĐỐI VỚI CÁN BỘ, CÔNG CHỨC ĐƯỢC SỬA ĐỔI, BỔ SUNG BỞI NGHỊ ĐỊNH SỐ 76/2009/NĐ-CP VÀ NGHỊ ĐỊNH SỐ 117/2016/NĐ-CP\nCăn cứ Luật số 63/2025/QH15;\nChính phủ ban hành Nghị định.\n",
			map[string]Relation{"204/2004/NĐ-CP": Amends, "76/2009/NĐ-CP": Cites, "117/2016/NĐ-CP": Cites},
			[]claim{{"76/2009/NĐ-CP", "amends", "204/2004/NĐ-CP"}, {"117/2016/NĐ-CP", "amends", "204/2004/NĐ-CP"}}},
		{"replaced by, in the body",
			head + "Căn cứ Luật số 63/2025/QH15;\nBộ trưởng ban hành Thông tư.\nĐiều 1. Mức thu theo Thông tư số 40/2000/TT-BTC đã được thay thế bởi Thông tư số 41/2005/TT-BTC.\n",
			map[string]Relation{"40/2000/TT-BTC": Cites, "41/2005/TT-BTC": Cites},
			[]claim{{"41/2005/TT-BTC", "replaces", "40/2000/TT-BTC"}}},
		{"this document amended by is no claim",
			head + "Căn cứ Luật số 63/2025/QH15;\nBộ trưởng ban hành Thông tư.\nĐiều 1. Thông tư này được thực hiện theo Nghị định số 10/2022/NĐ-CP.\n",
			map[string]Relation{"10/2022/NĐ-CP": Cites}, nil},
		{"an active relation between two cited documents",
			head + "Căn cứ Luật số 63/2025/QH15;\nBộ trưởng ban hành Thông tư.\nĐiều 1. Theo Quy định số 09-QĐ/TW đã sửa đổi Quy định số 128-QĐ/TW của Ban Bí thư.\n",
			map[string]Relation{"09-QĐ/TW": Cites, "128-QĐ/TW": Cites},
			[]claim{{"09-QĐ/TW", "amends", "128-QĐ/TW"}}},
		{"an amending text named without the text it amended",
			head + "Căn cứ Luật số 63/2025/QH15;\nBộ trưởng ban hành Thông tư.\nĐiều 1. Sửa đổi, bổ sung một số điều của Thông tư số 13/2015/TT-BTC\n1. Sửa đổi, bổ sung Điều 3 đã được sửa đổi, bổ sung theo quy định tại khoản 1 Điều 1 Thông tư số 13/2020/TT-BTC như sau:\n“Điều 3. Thử.”\n",
			map[string]Relation{"13/2015/TT-BTC": Amends, "13/2020/TT-BTC": Cites}, nil},
		{"chấm dứt hiệu lực",
			head + "Căn cứ Luật số 63/2025/QH15;\nBộ trưởng ban hành Thông tư.\nĐiều 5. Hiệu lực\n2. Nghị định số 146/2025/NĐ-CP ngày 12 tháng 6 năm 2025 quy định về phân cấp chấm dứt hiệu lực kể từ ngày Nghị định này có hiệu lực thi hành.\n",
			map[string]Relation{"146/2025/NĐ-CP": Repeals}, nil},
		{"hard-wrapped items of a repealing list",
			head + "Căn cứ Luật số 63/2025/QH15;\nBộ trưởng ban hành Thông tư.\nĐiều 5. Hiệu lực\n4. Thông tư này bãi bỏ nội dung tại các Thông tư sau:\na) Điều 4 Thông tư liên tịch số 12/2010/TTLT-BKHĐT-BTC ngày 28 tháng 7 năm 2010 của\nBộ Kế hoạch và Đầu tư;\nb) Điều 7 Thông tư số 43/2023/TT-BTC ngày 27 tháng 6 năm 2023 của Bộ\ntrưởng Bộ Tài chính sửa đổi, bổ sung một số điều của các Thông tư có quy định\nliên quan đến việc nộp hồ sơ;\nc) Điều 4 Thông tư số 158/2025/TT-BTC ngày 31 tháng 12 năm 2025 của\nBộ trưởng Bộ Tài chính.\n",
			map[string]Relation{"12/2010/TTLT-BKHĐT-BTC": Repeals, "43/2023/TT-BTC": Repeals, "158/2025/TT-BTC": Repeals}, nil},
		{"a chapter on what tax is computed on is no basis section",
			"NGHỊ ĐỊNH\nQuy định thử\nCăn cứ Luật số 67/2025/QH15;\nChính phủ ban hành Nghị định.\nChương II\nCĂN CỨ TÍNH THUẾ\nĐiều 5. Chi phí\nViệc xác định công trình công cộng được thực hiện theo Phụ lục I ban hành kèm theo Nghị định số 06/2021/NĐ-CP.\n",
			map[string]Relation{"67/2025/QH15": Basis, "06/2021/NĐ-CP": Cites}, nil},
		{"an article heading leads its items without a colon",
			head + "Căn cứ Luật số 63/2025/QH15;\nBộ trưởng ban hành Thông tư.\nĐiều 1. Bãi bỏ toàn bộ 02 văn bản quy phạm pháp luật\n1. Thông tư số 08/2000/TT-BVHTT ngày 28 tháng 4 năm 2000 của Bộ trưởng Bộ Văn hóa - Thông tin.\n2. Thông tư số 01/2010/TT-BVHTTDL ngày 26 tháng 02 năm 2010 của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch.\nĐiều 2. Hiệu lực\n",
			map[string]Relation{"08/2000/TT-BVHTT": Repeals, "01/2010/TT-BVHTTDL": Repeals}, nil},
		{"a lead ending in 'có hiệu lực thi hành:'",
			head + "Căn cứ Luật số 63/2025/QH15;\nBộ trưởng ban hành Thông tư.\nĐiều 5. Hiệu lực\n2. Các văn bản, quy định sau đây hết hiệu lực thi hành kể từ ngày Thông tư này có hiệu lực thi hành:\na) Thông tư số 09/2018/TT-BGTVT ngày 02 tháng 3 năm 2018 của Bộ trưởng Bộ Giao thông vận tải;\n",
			map[string]Relation{"09/2018/TT-BGTVT": Repeals}, nil},
		{"an article number with a colon",
			head + "Căn cứ Luật số 63/2025/QH15;\nBộ trưởng ban hành Quyết định.\nĐiều 1: Sửa đổi mức thuế suất quy định tại Biểu thuế ban hành kèm theo Quyết định số 1803/1998/QĐ-BTC ngày 11/12/1998.\n",
			map[string]Relation{"1803/1998/QĐ-BTC": Amends}, nil},
		{"the new wording of a replaced phrase",
			head + "Căn cứ Luật số 63/2025/QH15;\nBộ trưởng ban hành Thông tư.\nĐiều 1. Thử.\n2. Thay thế cụm từ “Nghị định số 29/2018/NĐ-CP ngày 05 tháng 3 năm 2018” bằng cụm từ “Nghị định số 77/2025/NĐ-CP ngày 01 tháng 4 năm 2025”.\n",
			map[string]Relation{"29/2018/NĐ-CP": Cites, "77/2025/NĐ-CP": Cites}, nil},
		{"a phrase replaced in a cited document",
			head + "Căn cứ Luật số 63/2025/QH15;\nBộ trưởng ban hành Thông tư.\nĐiều 1. Thử.\n1b. Thay thế cụm từ “phòng giáo dục và đào tạo” bằng cụm từ “Ủy ban nhân dân cấp xã” tại khoản 2 Điều 4 Thông tư số 27/2017/TT-BGDĐT ngày 08 tháng 11 năm 2017.\n",
			map[string]Relation{"27/2017/TT-BGDĐT": Amends}, nil},
		{"items of quoted amending text under an amending article",
			head + "Căn cứ Luật số 63/2025/QH15;\nBộ trưởng ban hành Thông tư.\nĐiều 14. Sửa đổi, bổ sung Điều 25\n“Điều 25. Thẩm quyền xử phạt\n1. Chủ tịch Ủy ban nhân dân các cấp.\n2. Giám đốc Sở theo điểm c khoản 2 Điều 52 Nghị định số 122/2021/NĐ-CP ngày 28 tháng 12 năm 2021.”\n",
			map[string]Relation{"122/2021/NĐ-CP": Cites}, nil},
		{"to implement, in furtherance of",
			"DECREE\nOn testing\nPursuant to the Law on Organization of the Government No. 32/2001/QH10;\nTo implement the National Assembly Standing Committee's Official Letter No. 257/UBTVQH13-TCNS;\nIn furtherance of the Prime Minister's Decision No. 12/2010/QD-TTg;\nThe Government decrees:\nChapter I\nGENERAL PROVISIONS\nArticle 1. Test.\n",
			map[string]Relation{"32/2001/QH10": Basis, "257/UBTVQH13-TCNS": Implements, "12/2010/QĐ-TTg": Implements}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := ParseText(c.text)
			got := map[string]Relation{}
			for _, r := range d.References {
				got[string(r.Symbol)] = r.Relation
			}
			for sym, want := range c.want {
				if got[sym] != want {
					t.Errorf("%s: relation %q, want %q (all: %v)", sym, got[sym], want, got)
				}
			}
			var gc []claim
			for _, x := range d.Claims {
				gc = append(gc, claim{x.From, string(x.Relation), x.To})
			}
			if len(gc) != len(c.claims) {
				t.Errorf("claims %v, want %v", gc, c.claims)
				return
			}
			for i := range gc {
				if gc[i] != c.claims[i] {
					t.Errorf("claim %d: %v, want %v", i, gc[i], c.claims[i])
				}
			}
		})
	}
}

// TestNotSymbols checks text that looks like a symbol and is not a document.
func TestNotSymbols(t *testing.T) {
	cases := []struct{ name, text, not string }{
		{"a form code with a letter prefix", "Tổ chức làm mất hoá đơn phải báo cáo theo hoá đơn mẫu BC-21/HĐ (theo mẫu đính kèm).", "21/HĐ"},
		{"a symbol whose number OCR lost", "Căn cứ Thông tư số đý /2026/TT-BGDĐT của Bộ Giáo dục và Đào tạo;", "2026/TT-BGDĐT"},
		{"a table cell with a year in the code", "tính\t2005\tT1/2004\tT1/2005\tT1-2005/ ƯT1-2004\t1T-2005/ KH2005", "1-2005/ƯT1-2004"},
		{"a year written against a code", "tính\t2005\tƯ1T-2005/ KH2005", "2005/KH2005"},
		{"a form's letter code against the number", "Ký hiệu: C1-02/NS", "1-02/NS"},
		{"a record book's code", "cấp cho đơn vị 1 sổ ST-22/HĐ (theo mẫu đính kèm)", "22/HĐ"},
		{"a form's code on the line after its heading (audit 31a8c60 #68)", "Mẫu số 32\nKý hiệu: 06-ĐCSDTK/KBNN\nBẢNG XÁC NHẬN SỐ DƯ TÀI KHOẢN", "06-ĐCSDTK/KBNN"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := ParseText("QUYẾT ĐỊNH\nVề việc thử\n" + c.text + "\n")
			for _, r := range d.References {
				if string(r.Symbol) == c.not || strings.Contains(r.Text, c.not) {
					t.Errorf("%q read as a reference %q", c.not, r.Symbol)
				}
			}
		})
	}
	// The symbol's own year over a mistyped date.
	d0 := ParseText("QUYẾT ĐỊNH\nVề việc thử\nNĐ 04/2008/NĐ-CP NGÀY 07/1/2007 CỦA CP VỀ SỬA ĐỔI BỔ SUNG NĐ 92/2006/NĐ-CP\n")
	for _, r := range d0.References {
		if r.Symbol == "04/2008/NĐ-CP" && r.Year != 2008 {
			t.Errorf("04/2008/NĐ-CP: year %d, want 2008", r.Year)
		}
	}
	// The shapes these rules must leave alone.
	d := ParseText("QUYẾT ĐỊNH\nVề việc thử\nCăn cứ Luật số 34/2007/PL-UBTVQH11 và Quyết định số 58-KH/HU, Nghị quyết số 09/2022/NQ-HĐND.\n")
	if len(d.References) != 3 {
		t.Errorf("references %d, want 3: %+v", len(d.References), d.References)
	}
}

// TestMistypedDateOneDocument: a date ten years off its symbol's year,
// where another mention dates the symbol right, does not make a second
// document of the other year (audit ec55b24 #82).
func TestMistypedDateOneDocument(t *testing.T) {
	d := ParseText("THÔNG TƯ\nSửa đổi thử\nCăn cứ Luật số 63/2025/QH15;\nBộ trưởng ban hành Thông tư sửa đổi, bổ sung một số điều của Thông tư số 02/2015/TT-BNNPTNT ngày 27 tháng 01 năm 2025 của Bộ trưởng.\nĐiều 1. Sửa đổi, bổ sung một số điều của Thông tư số 02/2015/TT-BNNPTNT ngày 27 tháng 01 năm 2015 của Bộ trưởng như sau:\n")
	var years []int
	for _, r := range d.References {
		if r.Symbol == "02/2015/TT-BNNPTNT" {
			years = append(years, int(r.Year))
		}
	}
	if len(years) != 1 || years[0] != 2015 {
		t.Errorf("02/2015/TT-BNNPTNT read as documents of years %v, want one of 2015", years)
	}
}

// TestMetaRowGivesWay checks that a relation read on a web page's metadata
// row ("Thay thế | Thông tư …") gives way to the act the text itself states
// for the same document, and stands when the text states none.
func TestMetaRowGivesWay(t *testing.T) {
	head := "Số hiệu | 66/2026/TT-BTC\nThay thế | Thông tư số 62/2024/TT-BTC\n\nBỘ TÀI CHÍNH\nSố: 66/2026/TT-BTC\nTHÔNG TƯ\nHướng dẫn thử\n"
	for _, tc := range []struct {
		name, body string
		want       Relation
	}{
		{"repealed in the text", "Điều 3. Thông tư số 62/2024/TT-BTC ngày 22/7/2024 của Bộ Tài chính hết hiệu lực kể từ ngày Thông tư này có hiệu lực thi hành.\n", Repeals},
		{"replaced in the text", "Điều 3. Thông tư này thay thế Thông tư số 62/2024/TT-BTC ngày 22/7/2024 của Bộ Tài chính.\n", Replaces},
		{"only the metadata row", "Điều 3. Thông tư này có hiệu lực kể từ ngày ký.\n", Replaces},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := ParseText(head + tc.body)
			for _, r := range d.References {
				if r.Symbol == "62/2024/TT-BTC" {
					if r.Relation != tc.want {
						t.Errorf("relation %s, want %s", r.Relation, tc.want)
					}
					return
				}
			}
			t.Errorf("62/2024/TT-BTC not found in %+v", d.References)
		})
	}
}
