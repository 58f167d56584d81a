"""Demo data tables: the agreements of the source articles (shared/seeds/), as plain data.

Everything here is *illustrative* (``is_demo=True`` once loaded): facts, names and
figures come from the five news articles; dates the articles do not give are marked
as illustrative in each agreement's summary; progress reports are invented to show
the workflow, in our own words. No official document number is invented.
``reports.demo_data.load_demo`` turns these tables into rows.

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
# The 2025 reorganisation of departments: planning and investment into finance,
# transport into construction, agriculture with natural resources and environment,
# labour into home affairs (social-protection tasks went to health), information
# into science and technology. Codes not listed kept their department.
DEPARTMENT_SUCCESSOR = {
    "khdt": "tc",
    "gtvt": "xd",
    "nnptnt": "nnmt",
    "tnmt": "nnmt",
    "ldtbxh": "nv",
    "tttt": "khcn",
}

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
CT_HG_2006 = {
    "slug": "can-tho-hau-giang-2006-2020",
    "title": "Chương trình hợp tác phát triển kinh tế - xã hội giữa thành phố Cần Thơ "
    "và tỉnh Hậu Giang (giai đoạn 2006-2020, tái dựng)",
    "kind": "bilateral",
    "signed_on": "2006-01-01",
    "term": ("2006-01-01", "2020-12-31"),
    "summary": "Giai đoạn hợp tác đầu tiên giữa Cần Thơ và Hậu Giang. Nguồn chỉ cho biết "
    "hai địa phương hợp tác từ năm 2006; các giai đoạn trước năm 2021 được gộp ở đây "
    "thành một giai đoạn tái dựng 2006-2020, ngày ký và thời hạn là mốc minh họa. "
    "Kết quả được nhắc lại: đường nối Vị Thanh – Cần Thơ, tuyến Bốn Tổng – Một Ngàn, "
    "đường tỉnh 926, 931B; các sở, ngành trao đổi thông tin và kinh nghiệm quản lý. "
    + ILLUSTRATIVE,
    "parties": [(HG, "party", "", ""), (CT, "party", "", "")],
    "reports": False,
    "commitments": [
        {
            "key": "cthg06-vi-thanh",
            "sector": "gt",
            "title": "Đầu tư đường nối thành phố Vị Thanh với thành phố Cần Thơ",
            "desc": "Giai đoạn 1 đã đưa vào sử dụng; phần mở rộng giai đoạn 2 chưa có vốn.",
            "lead": (HG, "gtvt"),
            "support": [(CT, "gtvt")],
            "stage": "implementing",
        },
        {
            "key": "cthg06-roads",
            "sector": "gt",
            "title": "Đầu tư, kết nối các đường tỉnh 926 và 931B giữa hai địa phương",
            "desc": "Các tuyến đã khai thác; việc duy tu và kết nối đồng bộ còn tiếp tục.",
            "lead": (HG, "gtvt"),
            "support": [(CT, "gtvt")],
            "stage": "implementing",
        },
        {
            "key": "cthg06-bon-tong",
            "sector": "gt",
            "title": "Xây dựng tuyến đường Bốn Tổng – Một Ngàn",
            "desc": "Tuyến nối Một Ngàn (Châu Thành A) với Cờ Đỏ, thành trục kinh tế mới.",
            "lead": (CT, "gtvt"),
            "support": [(HG, "gtvt")],
            "stage": "completed",
        },
        {
            "key": "cthg06-training",
            "sector": "nl",
            "title": "Đào tạo sinh viên, học viên Hậu Giang tại các trường của Cần Thơ",
            "unit": CT,
            "lead": (CT, "gddt"),
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
    "summary": "Ký ngày 26/02/2021 tại hội nghị sơ kết hợp tác giữa hai địa phương, kế "
    "thừa chương trình từ năm 2006, với 12 nội dung định hướng. Trọng tâm: xúc tiến "
    "đầu tư ở các tỉnh, vùng lân cận; tạo thuận lợi để doanh nghiệp mở rộng sản xuất, "
    "kinh doanh ở hai nơi; nâng cao hiệu quả quản lý nhà nước liên tỉnh; hạ tầng giao "
    "thông kết nối và môi trường. Nguồn không liệt kê đủ 12 nội dung: ở đây chỉ ghi "
    "các nội dung được nêu cụ thể. " + ILLUSTRATIVE,
    "merger_note": "Từ 01/07/2025 thành phố Cần Thơ, tỉnh Hậu Giang và tỉnh Sóc Trăng "
    "hợp nhất thành thành phố Cần Thơ mới (Nghị quyết 202/2025/QH15). Hai bên của "
    "chương trình nay cùng nằm trong một đơn vị hành chính nên chương trình không còn là "
    "hợp tác giữa hai địa phương; nội dung còn dở dang trở thành nhiệm vụ nội bộ của "
    "thành phố Cần Thơ, do các sở của thành phố tiếp nhận.",
    "parties": [
        (HG, "party", "Trương Cảnh Tuyên", "Phó Chủ tịch Thường trực UBND tỉnh Hậu Giang"),
        (CT, "party", "", ""),
    ],
    "reports": True,
    "commitments": [
        {
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
            "sector": "gt",
            "title": "Duy tu, duy trì khai thác tuyến Bốn Tổng – Một Ngàn",
            "lead": (CT, "gtvt"),
            "support": [(HG, "gtvt")],
            "track": "imp imp imp imp imp imp imp imp imp",
            "done": "Tuyến được khai thác ổn định; sửa chữa nhỏ theo kế hoạch năm.",
            "issue": "Chưa có chỉ tiêu đo chất lượng khai thác.",
            "next": "Tiếp tục duy tu thường xuyên.",
        },
        {
            "sector": "gt",
            "title": "Xây dựng cầu Vàm Xáng nối Quốc lộ 61C với huyện Phong Điền",
            "unit": CT,
            "lead": (CT, "gtvt"),
            "due": "2023-06-30",
            "ind": [
                {
                    "name": "Khối lượng thi công cầu Vàm Xáng",
                    "uom": "%",
                    "base": 0,
                    "target": 100,
                    "values": [10, 30, 50, 75, 100, 100, 100, 100, 100],
                }
            ],
            "track": "sta10 imp30 imp50 imp75 com100 com100 com100 com100 com100",
            "done": "Cần Thơ khởi công cầu và thi công theo tiến độ.",
            "issue": "Giá vật liệu tăng, giải phóng mặt bằng đầu cầu kéo dài.",
            "next": "Đẩy nhanh thi công, hoàn thiện đường dẫn.",
        },
        {
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
            "sector": "nl",
            "title": "Đào tạo hằng năm 3.270 sinh viên, học viên Hậu Giang tại các trường "
            "của Cần Thơ",
            "unit": CT,
            "lead": (CT, "gddt"),
            "support": [(HG, "gddt")],
            "from": "cthg06-training",
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
            "sector": "nl",
            "title": "Tiếp nhận, hướng dẫn thực tập cho hơn 500 sinh viên Cần Thơ mỗi năm",
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
            "sector": "tmdv",
            "title": "Giao lưu, kết nối cung cầu hàng hóa; phối hợp hội chợ, triển lãm",
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
            "sector": "htdt",
            "title": "Phối hợp bảo vệ môi trường nước và quản lý chất thải vùng giáp ranh",
            "lead": (HG, "tnmt"),
            "support": [(CT, "tnmt")],
            "track": "pro pro pro pro pro pro pro pro pro!d",
            "issue": "Chưa phân công cụ thể cơ quan quan trắc các kênh giáp ranh.",
        },
    ],
}

# --- Hậu Giang – Kiên Giang ---------------------------------------------------------
HG_KG_2006 = {
    "slug": "hau-giang-kien-giang-2006-2020",
    "title": "Chương trình hợp tác phát triển kinh tế - xã hội giữa tỉnh Hậu Giang và "
    "tỉnh Kiên Giang (giai đoạn 2006-2020, tái dựng)",
    "kind": "bilateral",
    "signed_on": "2006-01-01",
    "term": ("2006-01-01", "2020-12-31"),
    "summary": "Người đứng đầu UBND hai tỉnh ký chương trình hợp tác từ năm 2006. Nguồn chỉ "
    "nêu năm bắt đầu; giai đoạn 2006-2020 là giai đoạn tái dựng, ngày ký và thời hạn "
    "là mốc minh họa. Kết quả được nhắc lại: các tuyến lộ nối huyện giáp ranh, bao tiêu "
    "nông sản; còn thiếu kế hoạch cụ thể về công nghiệp và cụm công nghiệp. " + ILLUSTRATIVE,
    "parties": [(HG, "party", "", ""), (KG, "party", "", "")],
    "reports": False,
    "commitments": [
        {
            "key": "hgkg06-ql61",
            "sector": "htdt",
            "title": "Kiến nghị nâng cấp Quốc lộ 61, thay bến phà Cái Tư bằng cầu",
            "lead": (KG, "gtvt"),
            "support": [(HG, "gtvt")],
            "stage": "implementing",
        },
        {
            "sector": "htdt",
            "title": "Vận động đầu tư các tuyến lộ nối huyện giáp ranh (Gò Quao – Cầu Đúc – "
            "Vị Thanh; Tân Hiệp – Giồng Riềng – Vị Thanh)",
            "lead": (KG, "gtvt"),
            "support": [(HG, "gtvt")],
            "stage": "completed",
        },
        {
            "key": "hgkg06-agri",
            "sector": "nn",
            "title": "Làm đầu mối cho doanh nghiệp bao tiêu nông sản (thủy sản, khóm, mía, "
            "nấm rơm)",
            "lead": (HG, "nnptnt"),
            "support": [(KG, "nnptnt")],
            "stage": "implementing",
        },
        {
            "key": "hgkg06-industry",
            "sector": "cn",
            "title": "Hợp tác quản lý, phát triển công nghiệp và cụm công nghiệp",
            "stage": "proposed",
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
    "summary": "Chủ tịch UBND hai tỉnh ký chương trình với 12 lĩnh vực chuyên ngành. "
    "Trọng tâm: xúc tiến đầu tư ở vùng lân cận, tạo thuận lợi để doanh nghiệp mở rộng "
    "sản xuất, tổ chức sự kiện xúc tiến đầu tư liên tỉnh, liên vùng, nâng cao hiệu quả "
    "quản lý nhà nước liên tỉnh. Bài báo nguồn (04/10/2022) đưa tin việc ký nhưng không "
    "nêu ngày: ngày ký 28/09/2022 là minh họa. " + ILLUSTRATIVE,
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
            "sector": "htdt",
            "title": "Hoàn thành cầu Cái Tư trên Quốc lộ 61 nối huyện Gò Quao với Hậu Giang",
            "desc": "Bộ Giao thông vận tải đầu tư; theo ông Lê Việt Bắc, Giám đốc Sở GTVT "
            "tỉnh Kiên Giang, cầu xóa điểm qua sông bằng phà.",
            "lead": (KG, "gtvt"),
            "support": [(HG, "gtvt")],
            "from": "hgkg06-ql61",
            "track": "com100 com100 com100 com100 com100 com100",
            "done": "Cầu đã thông xe, người dân không còn qua sông bằng phà.",
        },
        {
            "sector": "htdt",
            "title": "Xây dựng cầu Ba Voi và cầu Hai Phi (huyện Gò Quao)",
            "unit": KG,
            "lead": (KG, "gtvt"),
            "ind": [
                {
                    "name": "Số cầu hoàn thành",
                    "uom": "cầu",
                    "base": 0,
                    "target": 2,
                    "values": [1, 2, 2, 2, 2, 2],
                }
            ],
            "track": "imp60 com100 com100 com100 com100 com100",
            "done": "Hai cầu đồng bộ tải trọng với các tuyến đường nối hai tỉnh.",
        },
        {
            "sector": "htdt",
            "title": "Nâng cấp, mở rộng tuyến liên huyện Vĩnh Tuy (Gò Quao) – Lương Tâm (Long Mỹ)",
            "lead": (KG, "gtvt"),
            "support": [(HG, "gtvt")],
            "track": "imp70 imp80 imp90 com100 com100 com100",
            "done": "Tuyến được mở rộng, nối với đường tỉnh 962, 963 của Kiên Giang.",
            "issue": "Một số hộ dân chậm bàn giao mặt bằng.",
        },
        {
            "sector": "htdt",
            "title": "Hỗ trợ nhau trong vận tải hành khách liên tỉnh",
            "lead": (HG, "gtvt"),
            "support": [(KG, "gtvt")],
            "stage": "proposed",
        },
        {
            "sector": "nl",
            "title": "Hợp tác phát triển giáo dục vùng sâu, vùng xa, vùng giáp ranh (hơn 400 "
            "học sinh mỗi năm học)",
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
            "title": "Hỗ trợ phẫu thuật cho trẻ em bị bệnh tim bẩm sinh",
            "desc": "Theo bà Võ Thị Mỹ Trang, Giám đốc Sở LĐ-TB&XH tỉnh Hậu Giang.",
            "lead": (HG, "ldtbxh"),
            "support": [(KG, "ldtbxh")],
            "ind": [
                {
                    "name": "Trẻ em được hỗ trợ phẫu thuật tim",
                    "uom": "ca",
                    "base": 0,
                    "target": 20,
                    "values": [20, 20, 20, 20, 20, 20],
                    "note": "Lũy kế",
                },
                {
                    "name": "Kinh phí hỗ trợ phẫu thuật",
                    "uom": "triệu đồng",
                    "base": 0,
                    "target": 1200,
                    "values": [1200, 1200, 1200, 1200, 1200, 1200],
                    "note": "Lũy kế",
                },
            ],
            "track": "com100 com100 com100 com100 com100 com100",
            "done": "Hai sở phối hợp vận động kinh phí và đưa các em đi phẫu thuật.",
        },
        {
            "sector": "ldxh",
            "title": "Trao đổi thông tin thị trường lao động, nhu cầu tuyển dụng hằng năm",
            "lead": (HG, "ldtbxh"),
            "support": [(KG, "ldtbxh")],
            "track": "imp imp imp imp imp imp",
            "done": "Hai bên gửi nhau nhu cầu tuyển dụng và ngành nghề đang thu hút lao động.",
        },
        {
            "sector": "cn",
            "title": "Hợp tác phát triển cụm công nghiệp, tiểu thủ công nghiệp",
            "desc": "Hai tỉnh tự đánh giá chưa có kế hoạch cụ thể cho nội dung này.",
            "from": "hgkg06-industry",
            "track": "pro pro pro pro pro pro!d",
            "issue": "Chưa giao cơ quan chủ trì, chưa có kế hoạch và chỉ tiêu.",
            "ask": "Giao một sở chủ trì xây dựng kế hoạch cụ thể.",
        },
        {
            "sector": "nn",
            "title": "Làm đầu mối bao tiêu nông sản, trong đó có khóm Cầu Đúc của Hậu Giang",
            "lead": (HG, "nnptnt"),
            "support": [(KG, "nnptnt")],
            "from": "hgkg06-agri",
            "track": "imp imp imp imp imp imp",
            "done": "Kết nối doanh nghiệp ký hợp đồng thu mua khóm, mía, thủy sản, nấm rơm.",
            "issue": "Giá nông sản biến động, một số hợp đồng bao tiêu không ổn định.",
        },
        {
            "sector": "yt",
            "title": "Chuyển giao kỹ thuật y tế hiện đại giữa bệnh viện hai tỉnh",
            "lead": (KG, "yt"),
            "support": [(HG, "yt")],
            "track": "stu stu sta sta sta sta",
            "done": "Đã khảo sát nhu cầu chuyển giao; chưa ký kế hoạch chuyển giao cụ thể.",
        },
        {
            "sector": "vhtt",
            "title": "Giới thiệu tour, tuyến du lịch và giao lưu thể thao giữa hai tỉnh",
            "lead": (KG, "vhttdl"),
            "support": [(HG, "vhttdl")],
            "track": "sta sta sta sta sta sta!s",
            "done": "Tổ chức một số giải thể thao giao lưu; tour liên tỉnh mới ở mức giới thiệu.",
            "issue": "Hợp tác văn hóa - xã hội còn tự phát, chưa đồng bộ.",
        },
        {
            "sector": "xt",
            "title": "Tổ chức sự kiện xúc tiến đầu tư liên tỉnh, liên vùng",
            "lead": (HG, "khdt"),
            "support": [(KG, "khdt")],
            "track": "stu stu sta sta imp30 imp40",
            "done": "Phối hợp giới thiệu dự án kêu gọi đầu tư tại sự kiện của mỗi tỉnh.",
        },
        {
            "sector": "tmdv",
            "title": "Chống hàng giả, gian lận thương mại; trưng bày sản phẩm tại hội chợ",
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
    "summary": "Thỏa thuận đa phương của thành phố Cần Thơ với các tỉnh An Giang, Kiên "
    "Giang và Cà Mau. Đánh giá năm 2018: hợp tác còn hình thức, chủ yếu dừng ở ban hành "
    "kế hoạch, hội thảo, hội nghị; nội dung dàn trải; công trình mang tính vùng phụ "
    "thuộc vốn Trung ương. Ngày ký chưa rõ: 01/01/2016 là mốc minh họa. " + ILLUSTRATIVE,
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
            "lead": (CT, "khdt"),
            "stage": "started",
        },
        {
            "sector": "gt",
            "title": "Kiến nghị Trung ương đầu tư các công trình giao thông, thủy lợi mang "
            "tính vùng",
            "lead": (CT, "khdt"),
            "stage": "proposed",
        },
        {
            "sector": "xt",
            "title": "Phối hợp tổ chức hội nghị, hội thảo xúc tiến đầu tư vùng",
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
    "summary": "TP. Hồ Chí Minh và 13 tỉnh, thành phố vùng ĐBSCL ký tháng 3/2023 trên 6 "
    "lĩnh vực: hạ tầng giao thông; du lịch; kết nối cung cầu - xúc tiến đầu tư, thương "
    "mại; thích ứng với biến đổi khí hậu; khoa học công nghệ, chuyển đổi số; giáo dục, y "
    "tế, đào tạo nguồn nhân lực. TP.HCM chủ trì, điều phối. Ngày trong tháng (01/03) "
    "và thời hạn đến hết năm 2025 là minh họa. " + ILLUSTRATIVE,
    "merger_note": "Sau 01/07/2025 các bên thuộc 7 đơn vị mới: TP. Hồ Chí Minh; Tây Ninh "
    "(Long An); Đồng Tháp (Tiền Giang, Đồng Tháp); Vĩnh Long (Bến Tre, Trà Vinh, Vĩnh "
    "Long); An Giang (An Giang, Kiên Giang); Cần Thơ (Cần Thơ, Hậu Giang, Sóc Trăng); "
    "Cà Mau (Bạc Liêu, Cà Mau).",
    "parties": [(HCM, "coordinator", "", "")] + [(u, "party", "", "") for u in MEKONG_13],
    "sectors": HCM_SECTORS,
    "reports": True,
    "commitments": [
        {
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
            "sector": "dl",
            "title": "Xây dựng sản phẩm, tour, tuyến du lịch liên kết TP.HCM – ĐBSCL",
            "lead": (HCM, "dl"),
            "support": [(CT, "vhttdl")],
            "track": "stu sta20 sta25 imp35 imp45",
            "done": "Giới thiệu một số tour liên tỉnh tại các sự kiện du lịch.",
        },
        {
            "sector": "cc",
            "title": "Kết nối cung cầu hàng hóa, kết nối doanh nghiệp, tiêu thụ nông sản chủ lực",
            "lead": (HCM, "ct"),
            "support": [(CT, "ct")],
            "track": "sta20 imp40 imp55 imp65 imp70",
            "done": "Tổ chức chương trình kết nối cung cầu, xúc tiến đầu tư - thương mại cấp "
            "vùng; hợp tác song phương tiêu thụ nông sản.",
        },
        {
            "sector": "bdkh",
            "title": "Chia sẻ dữ liệu, phối hợp thích ứng với biến đổi khí hậu",
            "lead": (HCM, "tnmt"),
            "track": "pro pro pro stu stu!d",
            "issue": "Chưa thống nhất cơ chế chia sẻ dữ liệu giữa các địa phương.",
        },
        {
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
            "sector": "cds",
            "title": "Hợp tác khoa học công nghệ, đổi mới sáng tạo, công nghệ cao trong nông "
            "nghiệp",
            "lead": (HCM, "khcn"),
            "support": [(CT, "khcn")],
            "track": "stu stu stu sta sta",
            "done": "Trao đổi danh mục nhiệm vụ khoa học có thể hợp tác.",
        },
        {
            "sector": "gdyt",
            "title": "Hợp tác y tế chuyên sâu, chuyển giao kỹ thuật, giảm tải cho bệnh viện TP.HCM",
            "lead": (HCM, "yt"),
            "support": [(CT, "yt")],
            "track": "sta30 imp45 imp55 imp65 imp75!s",
            "done": "Bệnh viện TP.HCM chuyển giao kỹ thuật cho tuyến tỉnh; người bệnh được "
            "điều trị gần nhà hơn, giảm chuyển lên TP.HCM.",
        },
        {
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
            "host": CT,
            "place": "Thành phố Cần Thơ",
            "title": "Hội nghị sơ kết thỏa thuận hợp tác phát triển kinh tế - xã hội giữa "
            "TP. HCM với các tỉnh, thành vùng ĐBSCL giai đoạn 2023-2024 và Kế hoạch triển "
            "khai giai đoạn 2024 - 2025",
            "attendees": "Ông Phan Văn Mãi, Chủ tịch UBND TP.HCM; ông Nguyễn Văn Hiếu, Bí thư "
            "Thành ủy Cần Thơ; bà Nguyễn Thị Bích Ngọc, Thứ trưởng Bộ Kế hoạch và Đầu tư; "
            "ông Trần Việt Trường, Chủ tịch UBND thành phố Cần Thơ; lãnh đạo các tỉnh, "
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
