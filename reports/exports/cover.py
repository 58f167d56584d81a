"""The cover sheet: title block, then the figures a meeting looks at first.

It is the first sheet of both workbooks but is written last: in write-only mode a
sheet's place is fixed when it is created, and its rows can follow later, once the
pass over the commitments has counted everything.
"""

from __future__ import annotations

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from agreements.models import Agreement
from regions.queries import current_successors
from reports.models import ReportStatus
from reports.queries.expectations import MISSING
from reports.queries.workbook import Scope
from reports.services.standing_rules import BAR_ORDER, CATEGORY_LABELS

from .rows import Totals
from .sheets import demo_lines, source_line, staff_suffix
from .styles import NUM, WRAP, Column, Line, SheetWriter
from .xlsx import Book

WIDE, NARROW = 46, 13
COLUMNS = 1 + len(BAR_ORDER) + 1  # label, total, one per category


class CoverSheet:
    def __init__(self, workbook: Book, scope: Scope, *, heading: str, sheets: list[str]):
        self.scope = scope
        self.heading = heading
        self.sheets = sheets
        columns = [Column("", WIDE, WRAP)] + [Column("", NARROW, NUM)] * (COLUMNS - 1)
        self.sheet = SheetWriter(workbook, staff_suffix(scope, _("Tổng hợp")), columns)

    # --- helpers ---------------------------------------------------------------------------
    def _fact(self, label: str, value) -> None:
        """The label, then the value; a text across the other columns (it may wrap)."""
        if isinstance(value, str):
            self.sheet.merged(value, "vn-note", label=(label, "vn-label"))
        else:
            style = "vn-plain-date" if hasattr(value, "isoformat") else "vn-plain-left"
            self.sheet.append_styled([(label, "vn-label"), (value, style)])

    def _table_header(self, labels: list[str]) -> None:
        self.sheet.append_styled([(label, "vn-header") for label in labels])

    def _table_row(self, values: list, *, bold: bool = False) -> None:
        if bold:
            first = [(values[0], "vn-group")]
            rest = [(v, "vn-group") for v in values[1:]]
            self.sheet.append_styled(first + rest)
        else:
            self.sheet.append(values, pad=False)

    # --- the sheet ---------------------------------------------------------------------------
    def write(self, totals: Totals) -> None:
        scope, sheet = self.scope, self.sheet
        lines = [
            Line(self.heading, "vn-title"),
            Line(scope.name),
            source_line(scope),
            *demo_lines(scope),
        ]
        sheet.start(lines, header=False)
        sheet.blank()
        self._facts(totals)
        sheet.blank()
        self._reporting(totals)
        sheet.blank()
        self._categories(totals)
        sheet.blank()
        self._sectors(totals)
        if len(scope.agreements) > 1 or scope.unit is not None:
            sheet.blank()
            self._agreements(totals)
        sheet.blank()
        self._legend()

    def _facts(self, totals: Totals) -> None:
        scope = self.scope
        start, end = scope.window
        if scope.agreement is not None:
            self._fact(pgettext("one agreement", "Thỏa thuận"), scope.agreement.title)
            self._fact(_("Các bên (khi ký → nay)"), parties_text(scope.agreement))
            self._fact(
                _("Thời hạn"),
                f"{scope.agreement.term_start:%d/%m/%Y} – {scope.agreement.term_end:%d/%m/%Y}",
            )
            if scope.agreement.is_demo:
                self._fact(_("Dữ liệu minh họa"), scope.agreement.demo_source or _("có"))
        else:
            self._fact(_("Địa phương"), scope.name)
            self._fact(_("Số thỏa thuận trong phạm vi"), len(scope.agreements))
        self._fact(_("Năm"), str(scope.year))
        if scope.half:
            self._fact(
                _("Kỳ báo cáo"), _("6 tháng đầu năm") if scope.half == 1 else _("6 tháng cuối năm")
            )
        self._fact(_("Số liệu từ ngày"), start)
        self._fact(_("Số liệu đến ngày"), end)
        as_of = scope.data_as_of
        self._fact(_("Số liệu đã chốt đến"), as_of or _("chưa hết kỳ báo cáo nào"))
        self._fact(_("Ngày lập"), scope.today)
        self._fact(
            _("Nguồn"),
            _("Báo cáo tiến độ của các sở, ngành, kể cả báo cáo chưa duyệt")
            if scope.include_unapproved
            else _("Báo cáo tiến độ đã được cơ quan kế hoạch duyệt"),
        )

    def _reporting(self, totals: Totals) -> None:
        staff = self.scope.include_unapproved
        self.sheet.section(_("1. Tình hình nộp báo cáo"))
        labels = [
            _("Kỳ báo cáo"),
            _("Hạn nộp"),
            _("Phải báo cáo"),
            _("Đã duyệt"),
            _("Đúng hạn"),
            _("Trễ hạn"),
            _("Chưa có báo cáo được duyệt"),
        ]
        if staff:
            labels += [_("Chờ duyệt"), _("Bị trả lại"), _("Bản nháp"), _("Chưa lập")]
        self._table_header(labels)
        if not totals.periods:
            self.sheet.append_styled([(_("Năm này chưa có kỳ báo cáo nào."), "vn-plain")])
        for tally in totals.periods.values():
            period = tally.period
            values = [
                str(period),
                period.department_due,
                tally["expected"],
                tally[ReportStatus.APPROVED],
                tally["on_time"],
                tally["late"],
                tally.not_approved,
            ]
            if staff:
                values += [
                    tally[ReportStatus.SUBMITTED],
                    tally[ReportStatus.RETURNED],
                    tally[ReportStatus.DRAFT],
                    tally[MISSING],
                ]
            self._table_row(values)

    def _categories(self, totals: Totals) -> None:
        summary = totals.summary
        self.sheet.section(
            _("2. Nội dung hợp tác theo tình trạng (tính đến hết ngày %(d)s)")
            % {"d": self.scope.standing_as_of.strftime("%d/%m/%Y")}
        )
        self._table_header([_("Tình trạng"), _("Số nội dung"), _("Tỷ lệ (%)")])
        for segment in summary.bar():
            self._table_row([capfirst(segment.label), segment.count, round(segment.share, 1)])
        self._table_row(
            [_("Tổng số nội dung hợp tác"), summary.total, 100.0 if summary.total else None],
            bold=True,
        )
        self._table_row([_("Trong đó: chỉ mang tính hình thức"), summary.formal_only, None])
        self._table_row(
            [
                _("Chưa đủ cụ thể (thiếu cơ quan chủ trì, chỉ tiêu hoặc mục tiêu)"),
                summary.under_specified,
                None,
            ]
        )
        self._table_row([_("Tiếp nối nội dung của giai đoạn trước"), summary.carried_over, None])

    def _sectors(self, totals: Totals) -> None:
        self.sheet.section(_("3. Nội dung hợp tác theo lĩnh vực"))
        self._table_header(
            [_("Lĩnh vực"), _("Tổng số")] + [capfirst(CATEGORY_LABELS[k]) for k in BAR_ORDER]
        )
        sectors = sorted(totals.sectors.values(), key=lambda s: (s.order, s.name))
        grand = {k: 0 for k in BAR_ORDER}
        for sector in sectors:
            counts = totals.by_sector[sector.pk]
            for key in BAR_ORDER:
                grand[key] += counts.get(key, 0)
            self.sheet.append(
                [sector.name, sum(counts.values())] + [counts.get(k, 0) for k in BAR_ORDER]
            )
        self._table_row(
            [_("Tổng cộng"), sum(grand.values())] + [grand[k] for k in BAR_ORDER], bold=True
        )

    def _agreements(self, totals: Totals) -> None:
        self.sheet.section(_("4. Các thỏa thuận trong phạm vi"))
        self._table_header(
            [
                pgettext("one agreement", "Thỏa thuận"),
                _("Số nội dung"),
                _("Chỉ mang tính hình thức"),
                _("Chưa có báo cáo được duyệt"),
                _("Chưa đủ cụ thể"),
                _("Tiếp nối giai đoạn trước"),
                _("Báo cáo trong kỳ"),
            ]
        )
        for agreement in self.scope.agreements:
            counts = totals.by_agreement[agreement.pk]
            self._table_row(
                [
                    f"{agreement.title} ({agreement.term_start:%Y}–{agreement.term_end:%Y})",
                    counts["total"],
                    counts["formal_only"],
                    counts["not_reported"],
                    counts["under_specified"],
                    counts["carried_over"],
                    counts["reports"],
                ]
            )

    def _legend(self) -> None:
        self.sheet.section(_("Ghi chú"))
        notes = [
            _(
                "Tình trạng của mỗi nội dung là tình trạng vào cuối kỳ cuối cùng của phạm vi, "
                "chỉ theo báo cáo đã duyệt của kỳ đó và các kỳ trước; báo cáo của các kỳ sau "
                "không làm thay đổi bảng này. Nội dung nhiều bên tính theo bên chậm nhất."
            ),
            _(
                "Chỉ mang tính hình thức: đã qua từ hai kỳ báo cáo kể từ khi nội dung bắt đầu "
                "mà vẫn ở bước đề xuất, nghiên cứu hoặc khởi động."
            ),
            _(
                "Chưa có báo cáo: không có báo cáo được duyệt trong hai kỳ gần nhất "
                "(trừ nội dung đã hoàn thành hoặc dừng)."
            ),
            _("Trễ hạn: gửi sau hạn nộp, hoặc đến nay chưa gửi dù đã quá hạn."),
            _("Các sheet: %(names)s.") % {"names": "; ".join(self.sheets)},
        ]
        for note in notes:
            self.sheet.merged(note, "vn-note")
        self.sheet.finish(autofilter=False)


def parties_text(agreement: Agreement) -> str:
    """ "Hậu Giang → Cần Thơ; Cần Thơ" — each party as signed, and what it is now."""
    parties = list(agreement.parties.all())
    successors = current_successors([p.unit for p in parties])
    out = []
    for party in parties:
        now = successors.get(party.unit_id, [])
        signed = Scope.signed_as(party).short_name  # the name it signed under
        names = ", ".join(u.short_name for u in now if u.short_name != signed)
        out.append(f"{signed} → {names}" if names else signed)
    return "; ".join(out)
