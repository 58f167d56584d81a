"""Phrases the synthetic data generator (``portal.synthetic_data``) draws from.

Plain Vietnamese in the register of the source articles and of the progress sheet's
columns, so that pages, searches and workbooks built on synthetic data look and weigh
like real ones. Keys are the sector aliases of ``portal.demo.seed.SECTORS``; a sector
missing here (one staff added) falls back to ``GENERIC_*``.
"""

from __future__ import annotations

# Sector alias -> department code (``portal.demo.seed.DEPARTMENTS``) that leads it
# before 2025; ``DEPARTMENT_SUCCESSOR`` gives the department after the reorganisation.
SECTOR_DEPARTMENT = {
    "cn": "ct",
    "tmdv": "ct",
    "nn": "nnptnt",
    "htdt": "xd",
    "khcn": "khcn",
    "tttt": "tttt",
    "nl": "gddt",
    "vhtt": "vhttdl",
    "yt": "yt",
    "ldxh": "ldtbxh",
    "xt": "khdt",
    "qp": "khdt",
    "gt": "gtvt",
    "dl": "vhttdl",
    "cc": "ct",
    "bdkh": "tnmt",
    "cds": "tttt",
    "gdyt": "gddt",
}

COMMITMENT_TITLES = {
    "cn": [
        "Hợp tác phát triển cụm công nghiệp, tiểu thủ công nghiệp vùng giáp ranh",
        "Liên kết thu hút đầu tư vào các khu công nghiệp",
        "Phối hợp phát triển công nghiệp chế biến nông sản, thủy sản",
        "Chia sẻ kinh nghiệm quản lý khu, cụm công nghiệp",
    ],
    "tmdv": [
        "Tổ chức hội chợ, triển lãm thương mại luân phiên hằng năm",
        "Kết nối hệ thống phân phối, đưa hàng hóa vào siêu thị của hai bên",
        "Phối hợp chống buôn lậu, hàng giả, gian lận thương mại",
        "Phát triển dịch vụ logistics kết nối các địa phương",
    ],
    "nn": [
        "Liên kết sản xuất, tiêu thụ lúa gạo chất lượng cao",
        "Xây dựng vùng nguyên liệu cây ăn trái theo chuỗi giá trị",
        "Phối hợp phòng, chống dịch bệnh cây trồng, vật nuôi",
        "Chia sẻ kinh nghiệm xây dựng nông thôn mới",
        "Hợp tác tiêu thụ sản phẩm OCOP",
    ],
    "htdt": [
        "Phối hợp quản lý quy hoạch, hạ tầng đô thị vùng giáp ranh",
        "Phối hợp quản lý, bảo vệ tài nguyên nước trên các sông liên tỉnh",
        "Xử lý ô nhiễm môi trường trên các tuyến kênh giáp ranh",
        "Chia sẻ dữ liệu quan trắc môi trường",
    ],
    "khcn": [
        "Hợp tác nghiên cứu, chuyển giao tiến bộ khoa học kỹ thuật",
        "Phối hợp thực hiện nhiệm vụ khoa học và công nghệ cấp tỉnh",
        "Phát triển hệ sinh thái khởi nghiệp đổi mới sáng tạo",
    ],
    "tttt": [
        "Kết nối, chia sẻ cơ sở dữ liệu dùng chung",
        "Phối hợp tuyên truyền, quảng bá hình ảnh các địa phương",
        "Hợp tác xây dựng chính quyền số",
    ],
    "nl": [
        "Đào tạo nguồn nhân lực chất lượng cao",
        "Liên kết đào tạo nghề cho lao động nông thôn",
        "Trao đổi cán bộ, chia sẻ kinh nghiệm quản lý giáo dục",
        "Tiếp nhận sinh viên thực tập tại các cơ quan, doanh nghiệp",
    ],
    "vhtt": [
        "Tổ chức giao lưu văn hóa, nghệ thuật, thể thao",
        "Xây dựng tour, tuyến du lịch liên tỉnh",
        "Bảo tồn, phát huy giá trị di sản văn hóa",
    ],
    "yt": [
        "Chuyển giao kỹ thuật y tế chuyên sâu giữa các bệnh viện",
        "Phối hợp phòng, chống dịch bệnh vùng giáp ranh",
        "Hỗ trợ đào tạo bác sĩ, nhân viên y tế tuyến cơ sở",
    ],
    "ldxh": [
        "Trao đổi thông tin thị trường lao động, giới thiệu việc làm",
        "Phối hợp thực hiện chính sách đối với người có công",
        "Hỗ trợ giảm nghèo bền vững vùng giáp ranh",
    ],
    "xt": [
        "Tổ chức hội nghị xúc tiến đầu tư chung",
        "Giới thiệu danh mục dự án kêu gọi đầu tư của các địa phương",
        "Hỗ trợ doanh nghiệp mở rộng sản xuất, kinh doanh",
    ],
    "qp": [
        "Phối hợp bảo đảm an ninh trật tự vùng giáp ranh",
        "Phối hợp phòng, chống tội phạm, tệ nạn xã hội",
        "Phối hợp phòng, chống thiên tai, tìm kiếm cứu nạn",
    ],
    "gt": [
        "Đầu tư tuyến đường kết nối giữa các địa phương",
        "Kiến nghị Trung ương đầu tư tuyến cao tốc liên vùng",
        "Phối hợp duy tu, bảo dưỡng các tuyến đường tỉnh giáp ranh",
        "Phát triển vận tải hành khách công cộng liên tỉnh",
        "Nạo vét, duy trì luồng tuyến đường thủy nội địa",
    ],
    "dl": [
        "Xây dựng sản phẩm du lịch đặc trưng liên kết vùng",
        "Tổ chức famtrip giới thiệu điểm đến cho doanh nghiệp lữ hành",
        "Quảng bá chung thương hiệu du lịch vùng",
    ],
    "cc": [
        "Kết nối cung cầu hàng hóa, tiêu thụ nông sản chủ lực",
        "Tổ chức tuần hàng, phiên chợ sản phẩm địa phương",
        "Kết nối doanh nghiệp với hợp tác xã, vùng nguyên liệu",
    ],
    "bdkh": [
        "Phối hợp thích ứng với biến đổi khí hậu, chống sạt lở bờ sông, bờ biển",
        "Chia sẻ dữ liệu mặn xâm nhập, nguồn nước",
        "Xây dựng công trình thủy lợi liên tỉnh kiểm soát mặn",
    ],
    "cds": [
        "Xây dựng nền tảng số dùng chung của chương trình hợp tác",
        "Liên thông giải quyết thủ tục hành chính trên môi trường điện tử",
        "Hợp tác phát triển kinh tế số, thương mại điện tử",
    ],
    "gdyt": [
        "Hợp tác đào tạo nhân lực y tế, giáo dục",
        "Chuyển giao kỹ thuật, giảm tải cho bệnh viện tuyến trên",
        "Liên kết đào tạo sau đại học cho cán bộ, viên chức",
    ],
}
GENERIC_TITLE = "Hợp tác trong lĩnh vực {sector}"

# (name, unit of measure, low, high): a target is drawn between low and high.
INDICATORS = {
    "cn": [
        ("Vốn đầu tư thu hút vào khu, cụm công nghiệp", "tỷ đồng", 200, 5000),
        ("Số dự án công nghiệp được cấp phép", "dự án", 2, 30),
    ],
    "tmdv": [
        ("Số doanh nghiệp tham gia hội chợ", "doanh nghiệp", 20, 300),
        ("Giá trị hàng hóa được kết nối tiêu thụ", "tỷ đồng", 10, 500),
    ],
    "nn": [
        ("Diện tích liên kết sản xuất", "ha", 100, 20000),
        ("Sản lượng nông sản được bao tiêu", "tấn", 500, 100000),
        ("Số sản phẩm OCOP được kết nối tiêu thụ", "sản phẩm", 5, 120),
    ],
    "htdt": [
        ("Số tuyến kênh được xử lý ô nhiễm", "tuyến", 1, 12),
        ("Số điểm quan trắc được chia sẻ dữ liệu", "điểm", 5, 60),
    ],
    "khcn": [
        ("Số nhiệm vụ khoa học được phối hợp thực hiện", "nhiệm vụ", 1, 15),
        ("Số tiến bộ kỹ thuật được chuyển giao", "tiến bộ kỹ thuật", 2, 40),
    ],
    "tttt": [
        ("Số cơ sở dữ liệu được kết nối, chia sẻ", "cơ sở dữ liệu", 1, 10),
        ("Số tin, bài quảng bá", "tin, bài", 20, 400),
    ],
    "nl": [
        ("Số người được đào tạo", "người", 100, 5000),
        ("Số sinh viên được tiếp nhận thực tập", "sinh viên", 50, 800),
    ],
    "vhtt": [
        ("Số sự kiện giao lưu văn hóa, thể thao", "sự kiện", 2, 30),
        ("Số tour, tuyến du lịch liên tỉnh", "tour", 1, 15),
    ],
    "yt": [
        ("Số kỹ thuật y tế được chuyển giao", "kỹ thuật", 2, 40),
        ("Số lượt người bệnh được điều trị tại tuyến tỉnh", "lượt", 500, 50000),
    ],
    "ldxh": [
        ("Số lao động được giới thiệu việc làm", "người", 100, 8000),
        ("Số hộ thoát nghèo", "hộ", 50, 3000),
    ],
    "xt": [
        ("Số dự án được giới thiệu, kêu gọi đầu tư", "dự án", 5, 80),
        ("Vốn đăng ký đầu tư mới", "tỷ đồng", 100, 20000),
    ],
    "qp": [("Số vụ việc phối hợp xử lý", "vụ", 5, 200)],
    "gt": [
        ("Chiều dài tuyến đường được đầu tư", "km", 2, 120),
        ("Khối lượng thi công hoàn thành", "%", 100, 100),
        ("Số tuyến vận tải hành khách liên tỉnh", "tuyến", 1, 20),
    ],
    "dl": [
        ("Lượt khách du lịch liên vùng", "nghìn lượt", 50, 3000),
        ("Số sản phẩm du lịch liên kết", "sản phẩm", 2, 25),
    ],
    "cc": [
        ("Số hợp đồng tiêu thụ được ký kết", "hợp đồng", 5, 200),
        ("Giá trị nông sản được tiêu thụ", "tỷ đồng", 10, 2000),
    ],
    "bdkh": [
        ("Chiều dài bờ sông, bờ biển được kè chống sạt lở", "km", 1, 60),
        ("Số công trình kiểm soát mặn", "công trình", 1, 12),
    ],
    "cds": [
        ("Số thủ tục hành chính được liên thông", "thủ tục", 5, 150),
        ("Số doanh nghiệp tham gia sàn thương mại điện tử", "doanh nghiệp", 20, 1500),
    ],
    "gdyt": [
        ("Số cán bộ y tế, giáo dục được đào tạo", "người", 20, 2000),
        ("Số học viên sau đại học", "học viên", 10, 400),
    ],
}
GENERIC_INDICATORS = [
    ("Số hội nghị, hội thảo phối hợp", "cuộc", 2, 20),
    ("Số kế hoạch, văn bản được ban hành", "văn bản", 1, 10),
    ("Kinh phí thực hiện", "triệu đồng", 100, 20000),
]

ACHIEVEMENTS = [
    "Hai bên đã trao đổi thông tin, thống nhất đầu mối phối hợp.",
    "Đã tổ chức hội nghị triển khai với sự tham gia của các sở, ngành liên quan.",
    "Các cơ quan chủ trì đã xây dựng kế hoạch chi tiết và phân công nhiệm vụ.",
    "Đã khảo sát thực địa, tổng hợp nhu cầu của các địa phương.",
    "Kết quả bước đầu được doanh nghiệp và người dân ghi nhận.",
    "Khối lượng thực hiện đạt theo kế hoạch năm.",
]
DIFFICULTIES = [
    "Thiếu vốn đối ứng của địa phương.",
    "Chưa có cơ chế phối hợp, chia sẻ thông tin thường xuyên.",
    "Dự án phụ thuộc nguồn vốn Trung ương, chưa được bố trí.",
    "Giải phóng mặt bằng kéo dài.",
    "Nội dung hợp tác còn chung chung, chưa có chỉ tiêu cụ thể.",
    "Cơ quan đầu mối thay đổi sau sắp xếp tổ chức bộ máy.",
    "Doanh nghiệp chưa mặn mà tham gia.",
]
RECOMMENDATIONS = [
    "Đề nghị Trung ương bố trí vốn cho dự án.",
    "Đề nghị giao cơ quan chủ trì xây dựng kế hoạch cụ thể.",
    "Đề nghị các bên cử đầu mối và họp định kỳ.",
    "Đề nghị bổ sung chỉ tiêu đo được kết quả.",
    "Đề nghị đưa nội dung vào chương trình hội nghị sơ kết.",
]
NEXT_TASKS = [
    "Tiếp tục triển khai theo kế hoạch.",
    "Rà soát, điều chỉnh kế hoạch thực hiện năm tới.",
    "Tổng hợp số liệu, chuẩn bị báo cáo sơ kết.",
    "Làm việc với các bộ, ngành Trung ương.",
]
RETURN_REASONS = [
    "Chưa nêu số liệu cụ thể, đề nghị bổ sung.",
    "Tỷ lệ hoàn thành không khớp với kết quả thực hiện.",
    "Thiếu nội dung khó khăn, vướng mắc và kiến nghị.",
    "Đề nghị bổ sung kết quả của cơ quan phối hợp.",
]
