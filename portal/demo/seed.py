"""Demo data tables: the agreements of the source articles (shared/seeds/), as plain data.

Everything here is *illustrative* (``is_demo=True`` once loaded): facts, names and
figures come from the five news articles; dates the articles do not give are marked
as illustrative in each agreement's summary; progress reports are invented to show
the workflow, in our own words. No official document number is invented.
``portal.demo.data.load_demo`` turns these tables into rows.

Conventions
- Units are keys of ``regions.AdministrativeUnit`` (historical: ``…-truoc-2025``).
- An agency is ``(unit key, department code)``; its name is built from ``DEPARTMENTS``.
- A commitment's ``track`` has one token per reporting period of its agreement (from
  the first period overlapping the term up to 2025 H1): stage code + optional percent
  + optional status (``!s`` submitted, ``!r`` returned, ``!d`` draft; default approved).
  Example: ``"imp45!s"``. An empty track means nobody has reported on it.
- Indicator ``values`` align with the track; ``None`` means no value that period.
"""

from __future__ import annotations

CT = "can-tho-truoc-2025"
HG = "hau-giang-truoc-2025"
KG = "kien-giang-truoc-2025"
AG = "an-giang-truoc-2025"
CM = "ca-mau-truoc-2025"
HCM = "ho-chi-minh-truoc-2025"
MEKONG_13 = [
    "long-an-truoc-2025",
    "tien-giang-truoc-2025",
    "ben-tre-truoc-2025",
    "tra-vinh-truoc-2025",
    "vinh-long-truoc-2025",
    "dong-thap-truoc-2025",
    AG,
    KG,
    CT,
    HG,
    "soc-trang-truoc-2025",
    "bac-lieu-truoc-2025",
    CM,
]

# Department code -> (name without locality, short name). Codes of 2025 successors last.
DEPARTMENTS = {
    "khdt": ("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"),
    "gtvt": ("Sở Giao thông vận tải", "Sở GTVT"),
    "ct": ("Sở Công Thương", "Sở Công Thương"),
    "gddt": ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT"),
    "yt": ("Sở Y tế", "Sở Y tế"),
    "nnptnt": ("Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT"),
    "ldtbxh": ("Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH"),
    "khcn": ("Sở Khoa học và Công nghệ", "Sở KH&CN"),
    "tttt": ("Sở Thông tin và Truyền thông", "Sở TT&TT"),
    "tnmt": ("Sở Tài nguyên và Môi trường", "Sở TN&MT"),
    "vhttdl": ("Sở Văn hóa, Thể thao và Du lịch", "Sở VH-TT&DL"),
    "dl": ("Sở Du lịch", "Sở Du lịch"),
    "tc": ("Sở Tài chính", "Sở Tài chính"),
    "xd": ("Sở Xây dựng", "Sở Xây dựng"),
    "nnmt": ("Sở Nông nghiệp và Môi trường", "Sở NN&MT"),
    "nv": ("Sở Nội vụ", "Sở Nội vụ"),
}
# The 2025 reorganisation of departments, before the units merged: Decree 45/2025/NĐ-CP
# of 28/02/2025 set the departments every province keeps (hdnd.dongnai.gov.vn, "Quy định
# mới về cơ quan chuyên môn thuộc UBND"), each province's People's Council resolved its
# own in February 2025, and the merged departments worked from 01/03/2025. Planning and
# investment went into finance, transport into construction, agriculture with natural
# resources and environment, information into science and technology; labour, invalids
# and social affairs split: labour, employment and people with merit into home affairs,
# social protection, children and social-evils prevention into health (as the ministries
# split, vov.gov.vn, "Bộ trưởng Đào Ngọc Dung thông tin phương án hợp nhất Bộ LĐTBXH và
# Bộ Nội vụ"). A code listed here ended on 28/02/2025; codes not listed kept their
# department until the unit itself merged (30/06/2025).
DEPARTMENTS_REORGANISED_ON = "01/03/2025"
DEPARTMENTS_LEGAL_BASIS = "Nghị định số 45/2025/NĐ-CP ngày 28/02/2025 của Chính phủ"
# Code -> the successor that takes the rest of its work (a link with an empty share).
DEPARTMENT_SUCCESSOR = {
    "khdt": "tc",
    "gtvt": "xd",
    "nnptnt": "nnmt",
    "tnmt": "nnmt",
    "ldtbxh": "nv",
    "tttt": "khcn",
}
# Code -> [(successor code, share)]: the other successors of a split department, each
# with its share: ``commitments`` (titles of demo commitments) and/or ``sectors``
# (aliases of ``SECTORS``). The demo's heart-surgery commitments (children's protection)
# go to health.
DEPARTMENT_SHARES = {
    "ldtbxh": [
        (
            "yt",
            {
                "commitments": [
                    "Hỗ trợ phẫu thuật cho trẻ em bị bệnh tim bẩm sinh",
                    "Phối hợp đưa 20 trẻ em bị bệnh tim đi phẫu thuật (1,2 tỉ đồng)",
                ]
            },
        )
    ],
}
# Departments the reorganisation created (the others kept a name they already had).
NEW_DEPARTMENTS = {"nnmt"}

# Sector alias -> (name, English name); the order here is Sector.order. The first
# twelve are seed 004's sectors (Hậu Giang–Kiên Giang), the last six seed 003's
# fields (HCMC–Mekong Delta); other agreements reuse them.
SECTORS = {
    "cn": ("Công nghiệp", "Industry"),
    "tmdv": ("Thương mại - dịch vụ", "Trade and services"),
    "nn": ("Nông nghiệp và phát triển nông thôn", "Agriculture and rural development"),
    "htdt": (
        "Quản lý hạ tầng đô thị, giao thông, tài nguyên và môi trường",
        "Urban infrastructure, transport, natural resources and environment",
    ),
    "khcn": ("Khoa học và công nghệ", "Science and technology"),
    "tttt": ("Thông tin và truyền thông", "Information and communications"),
    "nl": ("Đào tạo phát triển nguồn nhân lực", "Human resource training and development"),
    "vhtt": ("Văn hóa - thể thao - du lịch", "Culture, sports and tourism"),
    "yt": ("Y tế", "Health"),
    "ldxh": ("Lao động - thương binh và xã hội", "Labour, war invalids and social affairs"),
    "xt": ("Xúc tiến đầu tư, thương mại", "Investment and trade promotion"),
    "qp": ("Quốc phòng - an ninh", "Defence and security"),
    "gt": ("Hạ tầng giao thông", "Transport infrastructure"),
    "dl": ("Du lịch", "Tourism"),
    "cc": (
        "Kết nối cung cầu - xúc tiến đầu tư, thương mại",
        "Supply-demand connection, investment and trade promotion",
    ),
    "bdkh": ("Thích ứng với biến đổi khí hậu", "Climate change adaptation"),
    "cds": (
        "Khoa học công nghệ, chuyển đổi số",
        "Science, technology and digital transformation",
    ),
    "gdyt": (
        "Giáo dục, y tế, đào tạo nguồn nhân lực",
        "Education, health and human resource training",
    ),
}
HG_KG_SECTORS = list(SECTORS)[:12]
HCM_SECTORS = list(SECTORS)[12:]

ILLUSTRATIVE = "Dữ liệu minh họa dựng từ bài báo nguồn, không phải số liệu chính thức."

# The source articles (shared/seeds/<id>_….txt), by the id a fact's ``source`` names.
ARTICLES = {
    "000": "«Nâng cao chất lượng hợp tác, liên kết vùng của Cần Thơ với các tỉnh đồng bằng "
    "sông Cửu Long», Ban Tuyên giáo Thành ủy Cần Thơ, 08/06/2018",
    "001": "«Cần Thơ: Thành tựu hợp tác trong 20 năm qua», baoquocte.vn",
    "002": "«Nâng tầm hợp tác Cần Thơ – Hậu Giang», baocantho.com.vn",
    "003": "«Thành phố Hồ Chí Minh và các tỉnh, thành vùng Đồng bằng sông Cửu Long sơ kết "
    "thỏa thuận hợp tác phát triển kinh tế - xã hội», cantho.gov.vn",
    "004": "«Hợp tác cùng phát triển» (Hữu Phước), 04/10/2022",
}
# Sources and illustrative parts. Every agreement, commitment and meeting names its
# article(s) in ``source``; what the articles do not say is listed in ``illustrative``
# (keys of ILLUSTRATIVE_PARTS). ``portal.demo.data`` adds the parts that are always
# invented: an agreement's and a commitment's progress reports and indicator values
# ("reports"), lead and supporting agencies ("agencies": no article says who leads),
# indicator targets ("targets"), and a commitment's dates when the agreement's term is
# illustrative ("dates"). "placement": the article tells of the work as done in the
# earlier phase, or without tying it to this agreement; the demo assumes it goes on
# here. Both end up in ``demo_source`` on the rows, shown wherever the row is shown.
ILLUSTRATIVE_PARTS = {
    "signed_on": "ngày ký",
    "term": "ngày bắt đầu và kết thúc thời hạn",
    "roles": "vai trò chủ trì, điều phối",
    "dates": "thời gian thực hiện",
    "agencies": "cơ quan chủ trì, phối hợp",
    "targets": "mục tiêu của chỉ tiêu",
    "stage": "tiến độ",
    "reports": "các báo cáo tiến độ và số liệu từng kỳ",
    "placement": "việc xếp nội dung vào thỏa thuận này",
    "host": "đơn vị đăng cai",
    "minutes": "biên bản, kết luận (tóm tắt)",
}

# Texts a report gets by stage, before the commitment's own result sentence.
STAGE_NOTE = {
    "proposed": "Nội dung mới ở mức đề xuất, chưa có kế hoạch thực hiện cụ thể.",
    "studying": "Các bên đang nghiên cứu, trao đổi thông tin.",
    "started": "Đã ban hành kế hoạch, bước đầu khởi động.",
    "implementing": "Đang triển khai theo kế hoạch.",
    "completed": "Đã hoàn thành.",
    "stalled": "Thực hiện chậm, còn vướng mắc chưa xử lý được.",
    "cancelled": "Đã dừng thực hiện.",
}
NEXT_WHEN_COMPLETED = "Theo dõi, duy trì hiệu quả sau hoàn thành."

# --- Cần Thơ – Hậu Giang ------------------------------------------------------------
# Seed 002 lists what the two have done since 2006 (roads, the Vàm Xáng bridge just
# started, training, trade) and what the 2021-2025 programme turns to; those results
# are commitments of the earlier phase, at the stage the article gives them.
CT_HG_2006 = {
    "slug": "can-tho-hau-giang-2006-2020",
    "title": "Chương trình hợp tác phát triển kinh tế - xã hội giữa thành phố Cần Thơ "
    "và tỉnh Hậu Giang (giai đoạn 2006-2020, tái dựng)",
    "kind": "bilateral",
    "signed_on": "2006-01-01",
    "term": ("2006-01-01", "2020-12-31"),
    "source": ["002"],
    "illustrative": ["signed_on", "term"],
    "summary": "Giai đoạn hợp tác đầu tiên giữa Cần Thơ và Hậu Giang. Nguồn chỉ cho biết "
    "hai địa phương ký chương trình hợp tác từ năm 2006; các giai đoạn trước năm 2021 được "
    "gộp ở đây thành một giai đoạn tái dựng 2006-2020, ngày ký và thời hạn là mốc minh "
    "họa. Kết quả được nêu: đường nối Vị Thanh – Cần Thơ, tuyến Bốn Tổng – Một Ngàn, "
    "đường tỉnh 926, 931B; Cần Thơ khởi công cầu Vàm Xáng; đào tạo sinh viên, học viên "
    "Hậu Giang; các sở, ngành trao đổi thông tin và kinh nghiệm quản lý. " + ILLUSTRATIVE,
    "parties": [(HG, "party", "", ""), (CT, "party", "", "")],
    "reports": False,
    "commitments": [
        {
            "key": "cthg06-vi-thanh",
            "sector": "gt",
            "title": "Đầu tư đường nối thành phố Vị Thanh với thành phố Cần Thơ",
            "desc": "Theo ông Mai Văn Tân, Giám đốc Sở GTVT tỉnh Hậu Giang, các dự án sau khi "
            "hoàn thành nhanh chóng phát huy hiệu quả. Việc mở rộng giai đoạn 2 được kiến "
            "nghị ở giai đoạn 2021-2025.",
            "source": ["002"],
            "lead": (HG, "gtvt"),
            "support": [(CT, "gtvt")],
            "stage": "completed",
        },
        {
            "key": "cthg06-roads",
            "sector": "gt",
            "title": "Đầu tư các đường tỉnh 926 và 931B kết nối hai địa phương",
            "desc": "Các tuyến đã đưa vào khai thác; việc duy tu, bảo dưỡng tiếp tục ở giai "
            "đoạn 2021-2025.",
            "source": ["002"],
            "lead": (HG, "gtvt"),
            "support": [(CT, "gtvt")],
            "stage": "completed",
        },
        {
            "key": "cthg06-bon-tong",
            "sector": "gt",
            "title": "Xây dựng tuyến đường Bốn Tổng – Một Ngàn",
            "desc": "Sau khi đưa vào sử dụng, tuyến trở thành trục hành lang kinh tế mới nối "
            "thị trấn Một Ngàn (Châu Thành A) với thị trấn Cờ Đỏ.",
            "source": ["002"],
            "lead": (CT, "gtvt"),
            "support": [(HG, "gtvt")],
            "stage": "completed",
        },
        {
            "sector": "gt",
            "title": "Xây dựng cầu Vàm Xáng nối Quốc lộ 61C với huyện Phong Điền",
            "desc": "Bài nêu “gần đây nhất, TP Cần Thơ khởi công xây dựng cầu Vàm Xáng” trong "
            "các kết quả hợp tác; bài không nêu hạn hoàn thành.",
            "source": ["002"],
            "unit": CT,
            "lead": (CT, "gtvt"),
            "stage": "started",
        },
        {
            "key": "cthg06-training",
            "sector": "nl",
            "title": "Đào tạo sinh viên, học viên Hậu Giang tại các trường của Cần Thơ",
            "desc": "Hằng năm các trường đại học, cao đẳng, trung cấp nghề của Cần Thơ đào tạo "
            "3.270 sinh viên, học viên của tỉnh Hậu Giang.",
            "source": ["002"],
            "unit": CT,
            "lead": (CT, "gddt"),
            "stage": "implementing",
        },
        {
            "key": "cthg06-interns",
            "sector": "nl",
            "title": "Phối hợp chấm thi, tiếp nhận và hướng dẫn sinh viên Cần Thơ thực tập "
            "tại Hậu Giang",
            "desc": "Hậu Giang tiếp nhận và hướng dẫn thực tập cho hơn 500 sinh viên của TP Cần "
            "Thơ.",
            "source": ["002"],
            "unit": HG,
            "lead": (HG, "gddt"),
            "stage": "implementing",
        },
        {
            "sector": "tmdv",
            "title": "Trao đổi tình hình cung cầu hàng hóa, giá cả thị trường; phối hợp xử lý "
            "khi thị trường biến động",
            "desc": "Theo ông Nguyễn Minh Toại, Giám đốc Sở Công Thương TP Cần Thơ; một số doanh "
            "nghiệp Cần Thơ đã đầu tư vào các khu công nghiệp của Hậu Giang.",
            "source": ["002"],
            "lead": (CT, "ct"),
            "support": [(HG, "ct")],
            "stage": "implementing",
        },
    ],
}

CT_HG_2021 = {
    "slug": "can-tho-hau-giang-2021-2025",
    "title": "Chương trình hợp tác phát triển giữa tỉnh Hậu Giang với thành phố Cần Thơ "
    "giai đoạn 2021-2025",
    "kind": "bilateral",
    "signed_on": "2021-02-26",
    "term": ("2021-02-26", "2025-12-31"),
    "predecessor": "can-tho-hau-giang-2006-2020",
    "source": ["002"],
    "illustrative": ["signed_on", "term"],
    "summary": "UBND TP Cần Thơ và UBND tỉnh Hậu Giang ký tại hội nghị sơ kết hợp tác giữa "
    "hai địa phương, kế thừa chương trình từ năm 2006. Trọng tâm: xúc tiến đầu tư ở các "
    "tỉnh, vùng lân cận; tạo thuận lợi để doanh nghiệp mở rộng sản xuất, kinh doanh ở hai "
    "nơi; nâng cao hiệu quả quản lý nhà nước liên tỉnh; hạ tầng giao thông kết nối và môi "
    "trường. Bài báo nguồn không nêu ngày ký, người ký, số nội dung: ngày 26/02/2021 là "
    "minh họa; ông Trương Cảnh Tuyên, Phó Chủ tịch Thường trực UBND tỉnh Hậu Giang, được "
    "bài trích lời về định hướng giai đoạn mới, không được nêu là người ký. Ở đây chỉ ghi "
    "các nội dung bài nêu cụ thể. " + ILLUSTRATIVE,
    "merger_note": "Từ 01/07/2025 thành phố Cần Thơ, tỉnh Hậu Giang và tỉnh Sóc Trăng "
    "hợp nhất thành thành phố Cần Thơ mới (Nghị quyết 202/2025/QH15). Hai bên của "
    "chương trình nay cùng nằm trong một đơn vị hành chính nên chương trình không còn là "
    "hợp tác giữa hai địa phương; nội dung còn dở dang trở thành nhiệm vụ nội bộ của "
    "thành phố Cần Thơ, do các sở của thành phố tiếp nhận.",
    "parties": [
        (HG, "party", "", ""),
        (CT, "party", "", ""),
    ],
    "reports": True,
    "commitments": [
        {
            "source": ["002"],
            "sector": "gt",
            "title": "Quản lý, duy tu bảo dưỡng các đường tỉnh 926, 931B và 932",
            "desc": "Theo ông Mai Văn Tân, Giám đốc Sở GTVT tỉnh Hậu Giang, hai bên giữ "
            "khả năng khai thác của các tuyến kết nối.",
            "lead": (HG, "gtvt"),
            "support": [(CT, "gtvt")],
            "from": "cthg06-roads",
            "ind": [
                {
                    "name": "Số đường tỉnh kết nối được duy tu, bảo dưỡng",
                    "uom": "tuyến",
                    "target": 3,
                    "values": [1, 2, 2, 3, 3, 3, 3, 3, 3],
                }
            ],
            "track": "sta20 imp35 imp45 imp55 imp60 imp70 imp75 imp85 imp90!s",
            "done": "Hai bên kiểm tra, vá sửa mặt đường và cầu trên các đoạn giáp ranh.",
            "issue": "Kinh phí duy tu hằng năm của mỗi bên còn hạn chế; xe tải trọng lớn "
            "làm một số đoạn xuống cấp.",
            "ask": "Thống nhất kế hoạch duy tu chung và kiểm soát tải trọng trên các đoạn "
            "giáp ranh.",
            "next": "Rà soát hiện trạng, lập danh mục duy tu năm tới.",
        },
        {
            "source": ["002"],
            "sector": "gt",
            "title": "Duy tu, duy trì khai thác tuyến Bốn Tổng – Một Ngàn",
            "from": "cthg06-bon-tong",
            "lead": (CT, "gtvt"),
            "support": [(HG, "gtvt")],
            "track": "imp imp imp imp imp imp imp imp imp",
            "done": "Tuyến được khai thác ổn định; sửa chữa nhỏ theo kế hoạch năm.",
            "issue": "Chưa có chỉ tiêu đo chất lượng khai thác.",
            "next": "Tiếp tục duy tu thường xuyên.",
        },
        {
            "source": ["002"],
            "sector": "gt",
            "title": "Kiến nghị Trung ương đầu tư mở rộng giai đoạn 2 đường nối thành phố "
            "Vị Thanh với thành phố Cần Thơ",
            "unit": HG,
            "lead": (HG, "gtvt"),
            "support": [(CT, "gtvt")],
            "from": "cthg06-vi-thanh",
            "track": "pro pro stu stu stu stu stu stu stu",
            "done": "Hai địa phương thống nhất nội dung kiến nghị gửi Bộ Giao thông vận tải.",
            "issue": "Dự án cần vốn ngân sách Trung ương; địa phương chỉ kiến nghị được.",
            "ask": "Đề nghị Trung ương đưa dự án vào kế hoạch đầu tư công trung hạn.",
            "next": "Tiếp tục làm việc với Bộ Giao thông vận tải.",
        },
        {
            "source": ["002"],
            "sector": "gt",
            "title": "Phối hợp thúc đẩy các cao tốc Cần Thơ – Cà Mau và Châu Đốc – Cần Thơ – "
            "Sóc Trăng",
            "lead": (CT, "gtvt"),
            "support": [(HG, "gtvt")],
            "ind": [
                {
                    "name": "Số dự án cao tốc liên vùng được khởi công",
                    "uom": "dự án",
                    "base": 0,
                    "target": 2,
                    "values": [0, 0, 0, 0, 1, 2, 2, 2, 2],
                }
            ],
            "track": "pro stu stu sta20 imp30 imp40 imp50 imp60 imp70",
            "done": "Hai bên cùng kiến nghị và phối hợp giải phóng mặt bằng các dự án cao tốc.",
            "issue": "Tiến độ phụ thuộc vốn và chỉ đạo của Trung ương.",
            "ask": "Đề nghị bố trí đủ vốn để các dự án hoàn thành đúng hạn.",
        },
        {
            "source": ["002"],
            "sector": "nl",
            "title": "Đào tạo hằng năm 3.270 sinh viên, học viên Hậu Giang tại các trường "
            "của Cần Thơ",
            "unit": CT,
            "lead": (CT, "gddt"),
            "support": [(HG, "gddt")],
            "from": "cthg06-training",
            "illustrative": ["placement"],
            "ind": [
                {
                    "name": "Sinh viên, học viên Hậu Giang được đào tạo tại Cần Thơ",
                    "uom": "người/năm",
                    "base": 3270,
                    "target": 3270,
                    "dir": "maintain",
                    "values": [None, 3270, None, 3285, None, 3302, None, 3315, None],
                    "note": "Số liệu cả năm",
                }
            ],
            "track": "imp imp imp imp imp imp imp imp imp!d",
            "done": "Các trường đại học, cao đẳng, trung cấp của Cần Thơ tiếp tục tuyển sinh "
            "và đào tạo người học Hậu Giang.",
            "next": "Tổng hợp số liệu tuyển sinh năm học mới.",
        },
        {
            "source": ["002"],
            "sector": "nl",
            "title": "Tiếp nhận, hướng dẫn thực tập cho hơn 500 sinh viên Cần Thơ mỗi năm",
            "from": "cthg06-interns",
            "illustrative": ["placement"],
            "unit": HG,
            "lead": (HG, "gddt"),
            "support": [(CT, "gddt")],
            "ind": [
                {
                    "name": "Sinh viên Cần Thơ được Hậu Giang tiếp nhận thực tập",
                    "uom": "người/năm",
                    "base": 500,
                    "target": 500,
                    "values": [None, 512, None, 505, None, 530, None, 541, None],
                    "note": "Số liệu cả năm",
                }
            ],
            "track": "imp imp imp imp imp imp imp imp imp",
            "done": "Hậu Giang phối hợp chấm thi, nhận và hướng dẫn sinh viên thực tập.",
        },
        {
            "source": ["002"],
            "sector": "khcn",
            "title": "Hợp tác nghiên cứu, chuyển giao công nghệ cao: làm lạnh bằng sóng siêu "
            "âm, đốt rác phát điện",
            "desc": "Định hướng do ông Nguyễn Minh Toại, Giám đốc Sở Công Thương TP Cần Thơ, nêu.",
            "lead": (CT, "ct"),
            "support": [(HG, "khcn")],
            "track": "pro stu stu stu stu stu stu stu stu!r",
            "return_reason": "Báo cáo lặp lại nội dung kỳ trước, chưa nêu kết quả nghiên cứu "
            "và kinh phí dự kiến; đề nghị bổ sung rồi gửi lại.",
            "done": "Đã trao đổi thông tin về hai công nghệ; chưa chọn được dự án thí điểm.",
            "issue": "Chưa có doanh nghiệp nhận đầu tư thí điểm; chi phí công nghệ cao.",
            "ask": "Đưa nội dung vào danh mục nhiệm vụ khoa học công nghệ của hai địa phương.",
        },
        {
            "source": ["002"],
            "sector": "tmdv",
            "title": "Giao lưu, kết nối cung cầu hàng hóa; phối hợp hội chợ, triển lãm",
            "desc": "Theo ông Nguyễn Minh Toại, ngành Công Thương hai địa phương tổ chức giao "
            "lưu, kết nối cung cầu hàng hóa, phối hợp triển lãm sản phẩm.",
            "lead": (CT, "ct"),
            "support": [(HG, "ct")],
            "ind": [
                {
                    "name": "Phiên kết nối cung cầu, hội chợ phối hợp tổ chức",
                    "uom": "phiên",
                    "values": [1, 0, 1, 2, 2, 1, 2, 2, 1],
                }
            ],
            "track": "sta sta imp imp imp imp imp imp imp!s",
            "done": "Doanh nghiệp hai bên tham gia gian hàng, giới thiệu sản phẩm.",
            "issue": "Năm 2021 phải hoãn nhiều sự kiện do dịch COVID-19.",
        },
        {
            "source": ["002"],
            "sector": "cn",
            "title": "Kêu gọi đầu tư vào các khu công nghiệp, cụm tiểu thủ công nghiệp",
            "lead": (HG, "khdt"),
            "support": [(CT, "khdt")],
            "track": "pro pro stu stu sta sta sta sta sta!s",
            "done": "Đã trao đổi danh mục dự án kêu gọi đầu tư; chưa có hội nghị xúc tiến chung.",
            "issue": "Mỗi địa phương ưu tiên thu hút đầu tư cho mình.",
            "ask": "Thống nhất chiến lược mời gọi đầu tư chung cho hai địa phương.",
        },
        {
            "source": ["002"],
            "sector": "htdt",
            "title": "Phối hợp bảo vệ môi trường nước và quản lý chất thải vùng giáp ranh",
            "desc": "Một trong các lĩnh vực ông Lê Tiến Châu, Bí thư Tỉnh ủy Hậu Giang, mong "
            "hai địa phương tập trung chỉ đạo.",
            "lead": (HG, "tnmt"),
            "support": [(CT, "tnmt")],
            "track": "pro pro pro pro pro pro pro pro pro!d",
            "issue": "Chưa phân công cụ thể cơ quan quan trắc các kênh giáp ranh.",
        },
    ],
}


# --- Hậu Giang – Kiên Giang ---------------------------------------------------------
# Seed 004 (04/10/2022) lists the results of the cooperation since 2006 — bridges,
# roads, farm produce, the heart surgeries — and what was not done; of the 2021-2025
# programme it gives only the 12 sectors, the focus and the reporting flow. So the
# results are commitments of the earlier phase, at the stage the article gives them;
# the 2021-2025 programme holds its stated focus, the shortcomings the two provinces
# agreed to overcome, and (marked "placement") the running exchanges it is assumed to
# continue. None of its commitments is completed: the article reports no result of it.
HG_KG_2006 = {
    "slug": "hau-giang-kien-giang-2006-2020",
    "title": "Chương trình hợp tác phát triển kinh tế - xã hội giữa tỉnh Hậu Giang và "
    "tỉnh Kiên Giang (giai đoạn 2006-2020, tái dựng)",
    "kind": "bilateral",
    "signed_on": "2006-01-01",
    "term": ("2006-01-01", "2020-12-31"),
    "source": ["004"],
    "illustrative": ["signed_on", "term"],
    "summary": "Người đứng đầu UBND hai tỉnh ký chương trình hợp tác từ năm 2006. Nguồn chỉ "
    "nêu năm bắt đầu; giai đoạn 2006-2020 là giai đoạn tái dựng, ngày ký và thời hạn "
    "là mốc minh họa. Kết quả được nêu: cầu Cái Tư trên Quốc lộ 61, các tuyến lộ nối "
    "huyện giáp ranh, đường tỉnh 962, 963 và tuyến Vĩnh Tuy – Lương Tâm, cầu Ba Voi, "
    "Hai Phi; bao tiêu nông sản; phẫu thuật tim cho 20 em; trao đổi lao động, giáo dục, y "
    "tế. Chưa làm được: kế hoạch cụ thể về công nghiệp và cụm công nghiệp; đầu tư, nâng "
    "cấp các tuyến đường quan trọng và hỗ trợ vận tải hành khách chưa hiệu quả; hợp tác "
    "văn hóa - xã hội còn tự phát. " + ILLUSTRATIVE,
    "parties": [(HG, "party", "", ""), (KG, "party", "", "")],
    "reports": False,
    "commitments": [
        {
            "sector": "htdt",
            "title": "Nâng cấp Quốc lộ 61, hoàn thành cầu Cái Tư nối huyện Gò Quao với tỉnh "
            "Hậu Giang",
            "desc": "Bộ Giao thông vận tải đầu tư; theo ông Lê Việt Bắc, Giám đốc Sở GTVT "
            "tỉnh Kiên Giang, cầu xóa điểm vượt sông bằng phà cho người dân.",
            "source": ["004"],
            "lead": (KG, "gtvt"),
            "support": [(HG, "gtvt")],
            "stage": "completed",
        },
        {
            "sector": "htdt",
            "title": "Vận động Nhân dân cùng Nhà nước đầu tư các tuyến lộ nối huyện giáp ranh "
            "(Gò Quao – Cầu Đúc – Vị Thanh; Tân Hiệp – Giồng Riềng – Vị Thanh)",
            "source": ["004"],
            "lead": (KG, "gtvt"),
            "support": [(HG, "gtvt")],
            "stage": "completed",
        },
        {
            "sector": "htdt",
            "title": "Đầu tư hoàn chỉnh đường tỉnh 962, 963; nâng cấp, mở rộng tuyến liên "
            "huyện Vĩnh Tuy (Gò Quao) – Lương Tâm (Long Mỹ)",
            "desc": "Kiên Giang đầu tư để kết nối với các đường tỉnh của Hậu Giang.",
            "source": ["004"],
            "unit": KG,
            "lead": (KG, "gtvt"),
            "support": [(HG, "gtvt")],
            "stage": "completed",
        },
        {
            "sector": "htdt",
            "title": "Xây dựng cầu Ba Voi và cầu Hai Phi (huyện Gò Quao)",
            "desc": "Giải quyết điểm nghẽn về tải trọng không đồng bộ trên các tuyến đường "
            "giữa hai tỉnh.",
            "source": ["004"],
            "unit": KG,
            "lead": (KG, "gtvt"),
            "stage": "completed",
        },
        {
            "key": "hgkg06-main-roads",
            "sector": "htdt",
            "title": "Đầu tư, nâng cấp mở rộng các tuyến đường giao thông quan trọng giữa hai tỉnh",
            "desc": "Lãnh đạo hai tỉnh đánh giá thực hiện chưa đạt hiệu quả.",
            "source": ["004"],
            "lead": (KG, "gtvt"),
            "support": [(HG, "gtvt")],
            "stage": "stalled",
        },
        {
            "key": "hgkg06-passenger",
            "sector": "htdt",
            "title": "Hỗ trợ nhau trong vận tải hành khách",
            "desc": "Lãnh đạo hai tỉnh đánh giá thực hiện chưa đạt hiệu quả.",
            "source": ["004"],
            "lead": (HG, "gtvt"),
            "support": [(KG, "gtvt")],
            "stage": "stalled",
        },
        {
            "key": "hgkg06-agri",
            "sector": "nn",
            "title": "Làm đầu mối cho doanh nghiệp bao tiêu nông sản (thủy sản, khóm, mía, "
            "nấm rơm)",
            "source": ["004"],
            "lead": (HG, "nnptnt"),
            "support": [(KG, "nnptnt")],
            "stage": "implementing",
        },
        {
            "sector": "nn",
            "title": "Chuyển giao kỹ thuật nuôi cá thát lát, nuôi bò (dự án HEIFER), lúa giống; "
            "phối hợp phòng, chống dịch bệnh và kiểm dịch vận chuyển gia súc, gia cầm",
            "source": ["004"],
            "lead": (HG, "nnptnt"),
            "support": [(KG, "nnptnt")],
            "stage": "implementing",
        },
        {
            "key": "hgkg06-industry",
            "sector": "cn",
            "title": "Hợp tác quản lý, phát triển công nghiệp, cụm công nghiệp và tiểu thủ "
            "công nghiệp",
            "desc": "Hai tỉnh chưa có kế hoạch cụ thể để triển khai.",
            "source": ["004"],
            "stage": "proposed",
        },
        {
            "key": "hgkg06-trade",
            "sector": "tmdv",
            "title": "Chống hàng gian, hàng giả, gian lận thương mại; trưng bày, giới thiệu "
            "sản phẩm tại hội chợ, triển lãm",
            "source": ["004"],
            "lead": (KG, "ct"),
            "support": [(HG, "ct")],
            "stage": "implementing",
        },
        {
            "key": "hgkg06-education",
            "sector": "nl",
            "title": "Hợp tác phát triển giáo dục vùng sâu, vùng xa, vùng giáp ranh; ứng dụng "
            "công nghệ thông tin trong giảng dạy",
            "desc": "Hơn 400 học sinh tham gia mỗi năm học.",
            "source": ["004"],
            "lead": (HG, "gddt"),
            "support": [(KG, "gddt")],
            "stage": "implementing",
        },
        {
            "key": "hgkg06-labour",
            "sector": "ldxh",
            "title": "Cung cấp thông tin nhu cầu tuyển dụng lao động hằng năm",
            "desc": "Theo bà Võ Thị Mỹ Trang, Giám đốc Sở LĐ-TB&XH tỉnh Hậu Giang.",
            "source": ["004"],
            "lead": (HG, "ldtbxh"),
            "support": [(KG, "ldtbxh")],
            "stage": "implementing",
        },
        {
            "key": "hgkg06-children",
            "sector": "ldxh",
            "title": "Phối hợp đưa 20 trẻ em bị bệnh tim đi phẫu thuật (1,2 tỉ đồng)",
            "desc": "Theo bà Võ Thị Mỹ Trang, Giám đốc Sở LĐ-TB&XH tỉnh Hậu Giang: hai đơn vị "
            "phối hợp hỗ trợ phẫu thuật cho 20 em bị bệnh tim bẩm sinh, với số tiền 1,2 tỉ "
            "đồng; cùng hợp tác xóa đói, giảm nghèo, giúp đỡ trẻ em có hoàn cảnh khó khăn, "
            "nạn nhân chất độc da cam - dioxin.",
            "source": ["004"],
            "lead": (HG, "ldtbxh"),
            "support": [(KG, "ldtbxh")],
            "stage": "completed",
        },
        {
            "key": "hgkg06-health",
            "sector": "yt",
            "title": "Chuyển giao khoa học công nghệ, kỹ thuật hiện đại trong lĩnh vực y tế",
            "source": ["004"],
            "lead": (KG, "yt"),
            "support": [(HG, "yt")],
            "stage": "implementing",
        },
        {
            "key": "hgkg06-culture",
            "sector": "vhtt",
            "title": "Tổ chức hoạt động, giải thể thao; giới thiệu tour, tuyến du lịch giữa hai "
            "tỉnh",
            "desc": "Lãnh đạo hai tỉnh đánh giá hợp tác văn hóa - xã hội chưa đồng bộ, còn tự "
            "phát theo nhu cầu.",
            "source": ["004"],
            "lead": (KG, "vhttdl"),
            "support": [(HG, "vhttdl")],
            "stage": "implementing",
        },
    ],
}

HG_KG_2021 = {
    "slug": "hau-giang-kien-giang-2021-2025",
    "title": "Chương trình hợp tác phát triển kinh tế - xã hội giữa tỉnh Hậu Giang và "
    "tỉnh Kiên Giang giai đoạn 2021-2025",
    "kind": "bilateral",
    "signed_on": "2022-09-28",
    "term": ("2022-09-28", "2025-12-31"),
    "predecessor": "hau-giang-kien-giang-2006-2020",
    "source": ["004"],
    "illustrative": ["signed_on", "term"],
    "summary": "Chủ tịch UBND hai tỉnh ký chương trình với 12 lĩnh vực chuyên ngành. "
    "Trọng tâm: xúc tiến đầu tư ở vùng lân cận, tạo thuận lợi để doanh nghiệp mở rộng "
    "sản xuất, tổ chức sự kiện xúc tiến đầu tư liên tỉnh, liên vùng, nâng cao hiệu quả "
    "quản lý nhà nước liên tỉnh; sớm khắc phục những mặt chưa làm được của giai đoạn "
    "trước. Bài báo nguồn (04/10/2022) đưa tin việc ký nhưng không nêu ngày: ngày ký "
    "28/09/2022 là minh họa. Bài không nêu kết quả nào của giai đoạn này: các kết quả "
    "nêu trong bài thuộc giai đoạn trước. " + ILLUSTRATIVE,
    "steering_committee": "Ban Chỉ đạo Chương trình hợp tác của hai tỉnh phổ biến nội "
    "dung đã ký tới các sở, ban, ngành, hiệp hội và doanh nghiệp. Các sở, ngành lập kế "
    "hoạch hợp tác cụ thể, 6 tháng một lần báo cáo Sở Kế hoạch và Đầu tư; Sở tổng hợp "
    "trình Ban Chỉ đạo và UBND hai tỉnh. Sở Kế hoạch và Đầu tư hai tỉnh luân phiên tổ "
    "chức sơ kết hằng năm để đánh giá, điều chỉnh, bổ sung và khen thưởng.",
    "merger_note": "Từ 01/07/2025 tỉnh Hậu Giang thuộc thành phố Cần Thơ mới, tỉnh Kiên "
    "Giang thuộc tỉnh An Giang mới (tỉnh An Giang mới mang mã 91 của Kiên Giang cũ). "
    "Chương trình nay nối thành phố Cần Thơ và tỉnh An Giang; việc kế thừa, điều chỉnh "
    "nội dung do hai địa phương mới quyết định.",
    "parties": [
        (HG, "party", "Đồng Văn Thanh", "Chủ tịch UBND tỉnh Hậu Giang"),
        (KG, "party", "Lâm Minh Thành", "Chủ tịch UBND tỉnh Kiên Giang"),
    ],
    "sectors": HG_KG_SECTORS,
    "reports": True,
    "commitments": [
        {
            "sector": "xt",
            "title": "Tăng cường hợp tác, xúc tiến đầu tư ở các vùng lân cận",
            "source": ["004"],
            "lead": (HG, "khdt"),
            "support": [(KG, "khdt")],
            "track": "pro stu stu sta sta sta!s",
            "done": "Hai tỉnh trao đổi danh mục dự án kêu gọi đầu tư.",
            "issue": "Chưa có kế hoạch xúc tiến chung.",
            "next": "Xây dựng kế hoạch xúc tiến đầu tư chung năm tới.",
        },
        {
            "sector": "xt",
            "title": "Tổ chức sự kiện xúc tiến đầu tư liên tỉnh, liên vùng",
            "source": ["004"],
            "lead": (HG, "khdt"),
            "support": [(KG, "khdt")],
            "track": "stu stu sta sta imp30 imp40",
            "done": "Phối hợp giới thiệu dự án kêu gọi đầu tư tại sự kiện của mỗi tỉnh.",
        },
        {
            "sector": "tmdv",
            "title": "Tạo điều kiện thuận lợi cho tổ chức, doanh nghiệp mở rộng đầu tư phát "
            "triển sản xuất, kinh doanh ở hai tỉnh",
            "source": ["004"],
            "lead": (KG, "khdt"),
            "support": [(HG, "khdt")],
            "track": "pro pro stu stu stu stu!d",
            "issue": "Chưa có danh mục thủ tục, chính sách ưu đãi dùng chung.",
        },
        {
            "sector": "cn",
            "title": "Hợp tác phát triển cụm công nghiệp, tiểu thủ công nghiệp",
            "desc": "Giai đoạn trước hai tỉnh chưa có kế hoạch cụ thể cho nội dung này; lãnh "
            "đạo hai tỉnh thống nhất sớm khắc phục những mặt chưa làm được.",
            "source": ["004"],
            "from": "hgkg06-industry",
            "track": "pro pro pro pro pro pro!d",
            "issue": "Chưa giao cơ quan chủ trì, chưa có kế hoạch và chỉ tiêu.",
            "ask": "Giao một sở chủ trì xây dựng kế hoạch cụ thể.",
        },
        {
            "sector": "htdt",
            "title": "Đầu tư, nâng cấp mở rộng các tuyến giao thông quan trọng nối hai tỉnh",
            "desc": "Tiếp nối nội dung giai đoạn trước thực hiện chưa đạt hiệu quả.",
            "source": ["004"],
            "from": "hgkg06-main-roads",
            "lead": (KG, "gtvt"),
            "support": [(HG, "gtvt")],
            "track": "stu stu stu sta sta sta",
            "done": "Hai sở rà soát danh mục tuyến cần nâng cấp.",
            "issue": "Cần vốn lớn; mỗi tỉnh ưu tiên tuyến trên địa bàn mình.",
        },
        {
            "sector": "htdt",
            "title": "Hỗ trợ nhau trong vận tải hành khách liên tỉnh",
            "desc": "Tiếp nối nội dung giai đoạn trước thực hiện chưa đạt hiệu quả.",
            "source": ["004"],
            "illustrative": ["stage"],
            "from": "hgkg06-passenger",
            "lead": (HG, "gtvt"),
            "support": [(KG, "gtvt")],
            "stage": "proposed",
        },
        {
            "sector": "vhtt",
            "title": "Giới thiệu tour, tuyến du lịch và giao lưu thể thao giữa hai tỉnh",
            "desc": "Tiếp nối nội dung giai đoạn trước còn tự phát, chưa đồng bộ.",
            "source": ["004"],
            "from": "hgkg06-culture",
            "lead": (KG, "vhttdl"),
            "support": [(HG, "vhttdl")],
            "track": "sta sta sta sta sta sta!s",
            "done": "Tổ chức một số giải thể thao giao lưu; tour liên tỉnh mới ở mức giới thiệu.",
            "issue": "Hợp tác văn hóa - xã hội còn tự phát, chưa đồng bộ.",
        },
        {
            "sector": "nn",
            "title": "Làm đầu mối bao tiêu nông sản, trong đó có khóm Cầu Đúc của Hậu Giang",
            "source": ["004"],
            "illustrative": ["placement"],
            "from": "hgkg06-agri",
            "lead": (HG, "nnptnt"),
            "support": [(KG, "nnptnt")],
            "track": "imp imp imp imp imp imp",
            "done": "Kết nối doanh nghiệp ký hợp đồng thu mua khóm, mía, thủy sản, nấm rơm.",
            "issue": "Giá nông sản biến động, một số hợp đồng bao tiêu không ổn định.",
        },
        {
            "sector": "nl",
            "title": "Hợp tác phát triển giáo dục vùng sâu, vùng xa, vùng giáp ranh (hơn 400 "
            "học sinh mỗi năm học)",
            "source": ["004"],
            "illustrative": ["placement"],
            "from": "hgkg06-education",
            "lead": (HG, "gddt"),
            "support": [(KG, "gddt")],
            "ind": [
                {
                    "name": "Học sinh vùng giáp ranh tham gia chương trình",
                    "uom": "học sinh/năm học",
                    "base": 400,
                    "target": 400,
                    "values": [None, 412, None, 425, None, 431],
                    "note": "Số liệu năm học",
                }
            ],
            "track": "imp imp imp imp imp imp!s",
            "done": "Trao đổi kinh nghiệm quản lý, ứng dụng công nghệ thông tin trong giảng dạy.",
        },
        {
            "sector": "ldxh",
            "title": "Trao đổi thông tin thị trường lao động, nhu cầu tuyển dụng hằng năm",
            "source": ["004"],
            "illustrative": ["placement"],
            "from": "hgkg06-labour",
            "lead": (HG, "ldtbxh"),
            "support": [(KG, "ldtbxh")],
            "track": "imp imp imp imp imp imp",
            "done": "Hai bên gửi nhau nhu cầu tuyển dụng và ngành nghề đang thu hút lao động.",
        },
        {
            "sector": "ldxh",
            "title": "Hỗ trợ phẫu thuật cho trẻ em bị bệnh tim bẩm sinh",
            "desc": "Giai đoạn trước hai sở đã hỗ trợ phẫu thuật cho 20 em (1,2 tỉ đồng) và "
            "giúp đỡ trẻ em có hoàn cảnh khó khăn.",
            "source": ["004"],
            "illustrative": ["placement"],
            "from": "hgkg06-children",
            "lead": (HG, "ldtbxh"),
            "support": [(KG, "ldtbxh")],
            "track": "sta sta imp imp imp imp!s",
            "done": "Hai sở trao đổi danh sách trẻ em cần hỗ trợ và vận động kinh phí.",
        },
        {
            "sector": "yt",
            "title": "Chuyển giao kỹ thuật y tế hiện đại giữa bệnh viện hai tỉnh",
            "source": ["004"],
            "illustrative": ["placement"],
            "from": "hgkg06-health",
            "lead": (KG, "yt"),
            "support": [(HG, "yt")],
            "track": "stu stu sta sta sta sta",
            "done": "Đã khảo sát nhu cầu chuyển giao; chưa ký kế hoạch chuyển giao cụ thể.",
        },
        {
            "sector": "tmdv",
            "title": "Chống hàng giả, gian lận thương mại; trưng bày sản phẩm tại hội chợ",
            "source": ["004"],
            "illustrative": ["placement"],
            "from": "hgkg06-trade",
            "lead": (KG, "ct"),
            "support": [(HG, "ct")],
            "track": "imp imp imp imp imp imp",
            "done": "Trao đổi thông tin kiểm tra thị trường; doanh nghiệp tham gia hội chợ.",
        },
    ],
}

# --- Cần Thơ with An Giang, Kiên Giang, Cà Mau (2016-2020) -------------------------------
CT_KEY_REGION_2016 = {
    "slug": "can-tho-an-giang-kien-giang-ca-mau-2016-2020",
    "title": "Thỏa thuận phát triển kinh tế - xã hội các tỉnh, thành phố vùng kinh tế trọng "
    "điểm đồng bằng sông Cửu Long giai đoạn 2016-2020",
    "kind": "multilateral",
    "signed_on": "2016-01-01",
    "term": ("2016-01-01", "2020-12-31"),
    "source": ["000"],
    "illustrative": ["signed_on", "term"],
    "summary": "Thỏa thuận đa phương của thành phố Cần Thơ với các tỉnh An Giang, Kiên "
    "Giang và Cà Mau. Đánh giá năm 2018 (bài 000): hợp tác còn hình thức, chủ yếu dừng ở ban hành "
    "kế hoạch, hội thảo, hội nghị; nội dung dàn trải; công trình mang tính vùng phụ "
    "thuộc vốn Trung ương. Ngày ký chưa rõ: 01/01/2016 là mốc minh họa; thời hạn theo "
    "tên thỏa thuận (giai đoạn 2016-2020). " + ILLUSTRATIVE,
    "merger_note": "Sau 01/07/2025: Cần Thơ thuộc thành phố Cần Thơ mới; An Giang và Kiên "
    "Giang hợp thành tỉnh An Giang mới; Cà Mau hợp với Bạc Liêu thành tỉnh Cà Mau mới. "
    "Thỏa thuận đã hết hạn từ cuối năm 2020.",
    "parties": [
        (CT, "party", "", ""),
        (AG, "party", "", ""),
        (KG, "party", "", ""),
        (CM, "party", "", ""),
    ],
    "reports": False,
    "commitments": [
        {
            "sector": "tttt",
            "title": "Xây dựng hệ thống cơ sở dữ liệu vùng kinh tế trọng điểm đồng bằng "
            "sông Cửu Long",
            "desc": "Bài 001 kể việc này trong 20 năm liên kết vùng của Cần Thơ, không gắn với "
            "thỏa thuận nào.",
            "source": ["001"],
            "illustrative": ["placement", "stage"],
            "lead": (CT, "khdt"),
            "stage": "started",
        },
        {
            "sector": "gt",
            "title": "Kiến nghị Trung ương đầu tư các công trình giao thông, thủy lợi mang "
            "tính vùng",
            "desc": "Công trình mang tính vùng do ngân sách Trung ương đầu tư; các địa phương "
            "chỉ có thể kiến nghị nên rất bị động.",
            "source": ["000"],
            "lead": (CT, "khdt"),
            "stage": "proposed",
        },
        {
            "sector": "xt",
            "title": "Phối hợp tổ chức hội nghị, hội thảo xúc tiến đầu tư vùng",
            "desc": "Việc triển khai chỉ mới ở mức ban hành kế hoạch, tổ chức hội thảo, hội "
            "nghị, ít triển khai trong thực tiễn.",
            "source": ["000"],
            "lead": (CT, "khdt"),
            "stage": "started",
        },
    ],
}

# --- Ho Chi Minh City with the 13 Mekong Delta provinces ------------------------------
HCM_MEKONG_2023 = {
    "slug": "tphcm-dbscl-2023-2025",
    "title": "Thỏa thuận hợp tác phát triển kinh tế - xã hội giữa Thành phố Hồ Chí Minh "
    "với các tỉnh, thành phố vùng đồng bằng sông Cửu Long",
    "kind": "multilateral",
    "signed_on": "2023-03-01",
    "term": ("2023-03-01", "2025-12-31"),
    "source": ["003"],
    "illustrative": ["signed_on", "term", "roles"],
    "summary": "TP. Hồ Chí Minh và 13 tỉnh, thành phố vùng ĐBSCL ký tháng 3/2023 trên 6 "
    "lĩnh vực: hạ tầng giao thông; du lịch; kết nối cung cầu - xúc tiến đầu tư, thương "
    "mại; thích ứng với biến đổi khí hậu; khoa học công nghệ, chuyển đổi số; giáo dục, y "
    "tế, đào tạo nguồn nhân lực. Ngày trong tháng (01/03), thời hạn đến hết năm 2025 và "
    "vai trò chủ trì, điều phối của TP.HCM là minh họa. " + ILLUSTRATIVE,
    "merger_note": "Sau 01/07/2025 các bên thuộc 7 đơn vị mới: TP. Hồ Chí Minh; Tây Ninh "
    "(Long An); Đồng Tháp (Tiền Giang, Đồng Tháp); Vĩnh Long (Bến Tre, Trà Vinh, Vĩnh "
    "Long); An Giang (An Giang, Kiên Giang); Cần Thơ (Cần Thơ, Hậu Giang, Sóc Trăng); "
    "Cà Mau (Bạc Liêu, Cà Mau).",
    "parties": [(HCM, "coordinator", "", "")] + [(u, "party", "", "") for u in MEKONG_13],
    "sectors": HCM_SECTORS,
    "reports": True,
    "commitments": [
        {
            "source": ["003"],
            "sector": "gt",
            "title": "Phối hợp giảm ùn tắc trên các trục giao thông TP.HCM – miền Tây dịp lễ, tết",
            "lead": (HCM, "gtvt"),
            "support": [("long-an-truoc-2025", "gtvt"), ("tien-giang-truoc-2025", "gtvt")],
            "track": "sta10 sta15 sll15 sll15 sll15!s",
            "done": "Đã phân luồng, tăng cường điều tiết vào giờ cao điểm lễ, tết.",
            "issue": "Lưu lượng xe rất lớn; ùn tắc lặp lại mỗi dịp lễ, tết, chưa có giải "
            "pháp căn cơ.",
            "ask": "Đề nghị Trung ương đẩy nhanh mở rộng, xây mới các trục kết nối; thống "
            "nhất phương án phân luồng chung.",
        },
        {
            "source": ["003"],
            "sector": "dl",
            "title": "Xây dựng sản phẩm, tour, tuyến du lịch liên kết TP.HCM – ĐBSCL",
            "lead": (HCM, "dl"),
            "support": [(CT, "vhttdl")],
            "track": "stu sta20 sta25 imp35 imp45",
            "done": "Giới thiệu một số tour liên tỉnh tại các sự kiện du lịch.",
        },
        {
            "source": ["003"],
            "sector": "cc",
            "title": "Kết nối cung cầu hàng hóa, kết nối doanh nghiệp, tiêu thụ nông sản chủ lực",
            "lead": (HCM, "ct"),
            "support": [(CT, "ct")],
            "track": "sta20 imp40 imp55 imp65 imp70",
            "done": "Tổ chức chương trình kết nối cung cầu, xúc tiến đầu tư - thương mại cấp "
            "vùng; hợp tác song phương tiêu thụ nông sản.",
        },
        {
            "source": ["003"],
            "sector": "bdkh",
            "title": "Chia sẻ dữ liệu, phối hợp thích ứng với biến đổi khí hậu",
            "lead": (HCM, "tnmt"),
            "track": "pro pro pro stu stu!d",
            "issue": "Chưa thống nhất cơ chế chia sẻ dữ liệu giữa các địa phương.",
        },
        {
            "source": ["003"],
            "sector": "cds",
            "title": "Xây dựng nền tảng số (trang web) của chương trình hợp tác TP.HCM – ĐBSCL",
            "lead": (HCM, "tttt"),
            "ind": [
                {
                    "name": "Trang web của chương trình được vận hành",
                    "uom": "trang web",
                    "base": 0,
                    "target": 1,
                    "values": [0, 0, 1, 1, 1],
                }
            ],
            "track": "pro stu sta20 sta25 sta25!s",
            "done": "Mới có khung nền tảng dưới dạng trang web; chưa có dữ liệu dùng chung.",
            "ask": "Các địa phương cử đầu mối cập nhật dữ liệu lên nền tảng.",
        },
        {
            "source": ["003"],
            "sector": "cds",
            "title": "Hợp tác khoa học công nghệ, đổi mới sáng tạo, công nghệ cao trong nông "
            "nghiệp",
            "lead": (HCM, "khcn"),
            "support": [(CT, "khcn")],
            "track": "stu stu stu sta sta",
            "done": "Trao đổi danh mục nhiệm vụ khoa học có thể hợp tác.",
        },
        {
            "source": ["003"],
            "sector": "gdyt",
            "title": "Hợp tác y tế chuyên sâu, chuyển giao kỹ thuật, giảm tải cho bệnh viện TP.HCM",
            "lead": (HCM, "yt"),
            "support": [(CT, "yt")],
            "track": "sta30 imp45 imp55 imp65 imp75!s",
            "done": "Bệnh viện TP.HCM chuyển giao kỹ thuật cho tuyến tỉnh; người bệnh được "
            "điều trị gần nhà hơn, giảm chuyển lên TP.HCM.",
        },
        {
            "source": ["003"],
            "sector": "gdyt",
            "title": "Đào tạo nguồn nhân lực chất lượng cao cho vùng",
            "lead": (HCM, "gddt"),
            "track": "pro stu stu stu sta!d",
            "done": "Khảo sát nhu cầu đào tạo của các tỉnh.",
        },
    ],
    "meetings": [
        {
            "held_on": "2024-11-29",
            "source": ["003"],
            "illustrative": ["host", "minutes"],
            "host": CT,
            "place": "Thành phố Cần Thơ",
            "title": "Hội nghị sơ kết thỏa thuận hợp tác phát triển kinh tế - xã hội giữa "
            "TP. HCM với các tỉnh, thành vùng ĐBSCL giai đoạn 2023-2024 và Kế hoạch triển "
            "khai giai đoạn 2024 - 2025",
            "attendees": "Ông Phan Văn Mãi, Chủ tịch UBND TP.HCM; ông Nguyễn Văn Hiếu, Bí thư "
            "Thành ủy Cần Thơ; bà Nguyễn Thị Bích Ngọc, Thứ trưởng Bộ Kế hoạch và Đầu tư; "
            "ông Trần Việt Trường, Chủ tịch UBND thành phố Cần Thơ; lãnh đạo 12 tỉnh, "
            "thành vùng ĐBSCL; đại diện doanh nghiệp.",
            "minutes": "Hội nghị điểm lại gần hai năm thực hiện thỏa thuận ký tháng 3/2023. "
            "Đã có các chương trình cấp vùng về kết nối doanh nghiệp và cung cầu hàng hóa, "
            "xúc tiến đầu tư - thương mại, tiêu thụ nông sản chủ lực, nông nghiệp công nghệ "
            "cao, giao thông, khoa học công nghệ và đổi mới sáng tạo; hợp tác y tế quy mô "
            "vùng giúp giảm tải cho hệ thống y tế TP.HCM. Chủ tịch UBND TP.HCM nhận xét kết "
            "quả chưa đạt kỳ vọng. Nhiều nội dung mới ở bước khởi động, nghiên cứu hoặc đề "
            "xuất: chuyển đổi số mới có khung nền tảng dạng trang web; ùn tắc trên các trục "
            "TP.HCM – miền Tây dịp lễ, tết chưa được giải quyết căn cơ. Cần Thơ nhấn mạnh "
            "vai trò trung tâm vùng và liên kết hạ tầng vùng. (Tóm tắt minh họa.)",
            "decisions": "1. Thống nhất Kế hoạch triển khai giai đoạn 2024-2025. 2. Ưu tiên "
            "giải pháp cho các nội dung còn ở bước khởi động, nghiên cứu, đề xuất (hạ tầng "
            "giao thông kết nối; khoa học công nghệ, chuyển đổi số). 3. Mỗi địa phương đề "
            "xuất giải pháp liên kết thiết thực, đo được kết quả cho từng lĩnh vực. "
            "(Tóm tắt minh họa.)",
        }
    ],
}

# Order matters: a predecessor before its renewal.
AGREEMENTS = [CT_HG_2006, CT_HG_2021, HG_KG_2006, HG_KG_2021, CT_KEY_REGION_2016, HCM_MEKONG_2023]
