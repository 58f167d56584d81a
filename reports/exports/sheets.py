"""The table sheets both workbooks share: progress annex, reports, indicator results.

Each sheet is streamed: a writer is created (fixing the sheet's place and layout),
fed one row at a time, then finished. Labels are looked up with gettext when the
sheet is built, so a workbook comes out in the language of the request.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from agreements.models import Stage
from reports.models import ProgressReport, ReportStatus
from reports.queries.expectations import is_late
from reports.queries.workbook import (
    CommitmentRow,
    IndicatorLine,
    Scope,
    in_million_dong,
    indicator_value_rows,
    report_rows,
)
from reports.services.standing_rules import standing_text

from .numbering import AnnexGroups
from .styles import (
    CENTER,
    DAY,
    NUM,
    NUMBER,
    RATIO,
    WRAP,
    Column,
    Line,
    SheetWriter,
)
from .xlsx import Book

MAX_CELL = 32_000  # Excel keeps at most 32,767 characters in a cell


def grouped(number: int) -> str:
    """A count inside a sentence, grouped as the active language does: 50.000 / 50,000."""
    return formats.number_format(number, force_grouping=True)


def clip(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def staff_suffix(scope: Scope, title: str) -> str:
    """Sheet names of a staff file say so: "Phụ lục tiến độ (nội bộ)"."""
    return _("%(title)s (nội bộ)") % {"title": title} if scope.include_unapproved else title


def period_label(scope: Scope) -> str:
    if scope.half:
        first = _("6 THÁNG ĐẦU NĂM %(year)s") % {"year": scope.year}
        second = _("6 THÁNG CUỐI NĂM %(year)s") % {"year": scope.year}
        return first if scope.half == 1 else second
    return _("NĂM %(year)s") % {"year": scope.year}


def has_demo(scope: Scope) -> bool:
    return any(a.is_demo for a in scope.agreements)


def demo_lines(scope: Scope) -> list[Line]:
    """The demo mark in the title block of every sheet of a file with demo agreements."""
    demo = sum(1 for a in scope.agreements if a.is_demo)
    if not demo:
        return []
    text = _("DỮ LIỆU MINH HỌA — không phải số liệu chính thức.")
    if demo < len(scope.agreements):
        text += " " + _(
            "%(demo)s trong %(all)s thỏa thuận là dữ liệu minh họa; các dòng của chúng ghi "
            "“Dữ liệu minh họa”."
        ) % {"demo": demo, "all": len(scope.agreements)}
    else:
        text += " " + _(
            "Dựng từ các bài báo nguồn; mỗi dòng ghi bài nguồn và những gì chỉ là minh họa."
        )
    return [Line(text, "vn-warning")]


class DemoNotes:
    """The demo sources of a table, each written once under it: a demo row carries
    "Dữ liệu minh họa [2]" and note 2 says the source and what is only illustrative (the
    same long text on every row made each row several times taller than its content)."""

    def __init__(self):
        self.numbers: dict[str, int] = {}

    def mark(self, agreement, commitment) -> str:
        if not agreement.is_demo:
            return ""
        source = (commitment.demo_source or "").strip()
        if not source:
            return _("Dữ liệu minh họa.")
        number = self.numbers.setdefault(source, len(self.numbers) + 1)
        return _("Dữ liệu minh họa [%(n)s]") % {"n": number}

    def lines(self) -> list[str]:
        """The notes under the table: a heading, then "[n] source" each."""
        if not self.numbers:
            return []
        return [_("Dữ liệu minh họa — nguồn và phần minh họa của từng dòng:")] + [
            clip(f"[{number}] {source}") for source, number in self.numbers.items()
        ]


def annex_notes(
    row: CommitmentRow,
    scope: Scope,
    *,
    mark_pending: bool = False,
    demo: DemoNotes | None = None,
) -> list[str]:
    """The "Ghi chú" of a commitment's annex row (workbook and Word report): what the portal
    knows of it — formal only, not reported, under-specified, carried over, stopped, demo.
    ``mark_pending``: say so when a shown report is not approved (the Word draft has no
    colour for it); ``demo``: a demo row's mark refers to a note under the table."""
    s, c = row.standing, row.commitment
    notes = []
    if s.formal_only:
        notes.append(_("Chỉ mang tính hình thức"))
    if s.not_reported:
        notes.append(_("Chưa có báo cáo nào được duyệt"))
    elif not row.shown and scope.include_unapproved:
        notes.append(_("Chưa có báo cáo trong kỳ"))
    elif not row.shown:
        notes.append(_("Chưa có báo cáo được duyệt trong kỳ"))
    if mark_pending and any(r.status != ReportStatus.APPROVED for r in row.latest):
        notes.append(_("Có báo cáo chưa duyệt"))
    if s.under_specified:
        notes.append(_("Chưa đủ cụ thể: thiếu %(what)s") % {"what": missing_specifics(c)})
    if s.carried_over:
        notes.append(_("Tiếp nối giai đoạn %(term)s") % {"term": term(c.carried_over_from)})
    if c.stage == Stage.CANCELLED:
        notes.append(_("Đã dừng thực hiện"))
    mark = demo.mark(row.agreement, c) if demo is not None else demo_note(row.agreement, c)
    if mark:
        notes.append(mark)
    return notes


def term(commitment) -> str:
    """The term of a commitment's agreement, "2006–2020": what tells an agreement apart from
    the others of its chain (the predecessor a commitment carries on from is one of them),
    in a few characters rather than its title of two lines."""
    agreement = commitment.agreement
    return f"{agreement.term_start:%Y}–{agreement.term_end:%Y}"


def demo_note(agreement, commitment) -> str:
    """A demo row's mark: "Dữ liệu minh họa. Nguồn: bài 002. Minh họa (bài không nêu): …"."""
    if not agreement.is_demo:
        return ""
    return clip(f"{_('Dữ liệu minh họa.')} {commitment.demo_source}".strip())


def source_line(scope: Scope) -> Line:
    start, end = scope.window
    window = _("Số liệu từ %(start)s đến %(end)s") % {
        "start": start.strftime("%d/%m/%Y"),
        "end": end.strftime("%d/%m/%Y"),
    }
    if scope.include_unapproved:
        text = _(
            "BẢN NỘI BỘ — gồm cả báo cáo chưa được duyệt (dòng tô vàng, cột “Trạng thái”). "
            "Không công bố."
        )
        return Line(f"{window}. {text}", "vn-warning")
    return Line(f"{window}. " + _("Chỉ gồm báo cáo đã được duyệt."), "vn-caption")


def short_period(report: ProgressReport) -> str:
    return (
        _("6 tháng đầu năm %(y)s") % {"y": report.period.year}
        if report.period.half == 1
        else (_("6 tháng cuối năm %(y)s") % {"y": report.period.year})
    )


def _joined(reports: Sequence[ProgressReport], attr: str, *, label_period: bool) -> str:
    """One text from several reports, each labelled by period and unit when needed."""
    filled = [r for r in reports if getattr(r, attr)]
    several_units = len({r.reporting_unit_id for r in reports}) > 1
    if len(filled) == 1 and not several_units and not label_period:
        return clip(getattr(filled[0], attr))
    parts = []
    for report in filled:
        labels = []
        if label_period:
            labels.append(short_period(report))
        if several_units:
            labels.append(report.reporting_unit.short_name)
        prefix = f"[{' – '.join(labels)}] " if labels else ""
        parts.append(prefix + getattr(report, attr))
    return clip("\n".join(parts))


def missing_specifics(commitment) -> str:
    """What makes a commitment under-specified, in words: "cơ quan chủ trì, mục tiêu"."""
    indicators = getattr(commitment, "indicator_list", None)  # read with the row
    if indicators is None:
        indicators = list(commitment.indicators.all())
    missing = []
    if commitment.lead_agency_id is None:
        missing.append(_("cơ quan chủ trì"))
    if not indicators:
        missing.append(_("chỉ tiêu"))
    elif any(i.target is None for i in indicators):
        missing.append(_("mục tiêu của chỉ tiêu"))
    return ", ".join(missing)


# --- progress annex ----------------------------------------------------------------------------


def annex_columns(scope: Scope) -> list[Column]:
    when, target = _("Thời gian thực hiện"), _("Chỉ tiêu")
    # One page wide (A4 landscape) at a scale of 0.57: the widths add up to 242
    # characters; a date needs 11, a number 9. The notes, one a line, each fit on one
    # line of 29 ("Chưa đủ cụ thể: thiếu chỉ tiêu", "Tiếp nối giai đoạn 2006–2020"): at
    # 20 they took two each and made the rows of a half-year's file (short texts
    # beside them) a fifth taller.
    columns = [
        Column(_("STT"), 5, CENTER),
        Column(_("Nội dung hợp tác"), 24, WRAP),
        Column(_("Cơ quan chủ trì"), 13, WRAP),
        Column(_("Cơ quan phối hợp"), 13, WRAP),
        Column(_("Bắt đầu"), 11, DAY, group=when),
        Column(_("Hoàn thành"), 11, DAY, group=when),
        Column(_("Kết quả thực hiện"), 33, WRAP),
        Column(_("Tiến độ"), 12, WRAP),
        Column(_("Tỷ lệ hoàn thành (%)"), 8, NUM, fmt=NUMBER),
        Column(_("Khó khăn, vướng mắc"), 17, WRAP),
        Column(_("Kiến nghị, đề xuất"), 17, WRAP),
        Column(_("Ghi chú"), 29, WRAP),
        Column(_("Tên chỉ tiêu"), 15, WRAP, group=target),
        Column(_("Đơn vị tính"), 8, WRAP, group=target),
        Column(_("Mục tiêu"), 9, NUM, group=target),
        Column(_("Kết quả"), 9, NUM, group=target),
        Column(_("Đạt so với mục tiêu"), 8, NUM, group=target, fmt=RATIO),
    ]
    if scope.include_unapproved:
        columns.append(Column(_("Trạng thái báo cáo"), 10, WRAP))
    return columns


class AnnexSheet:
    """The progress annex as officials know it: sectors under Roman numerals, tasks numbered."""

    def __init__(self, workbook: Book, scope: Scope, *, title: str):
        self.scope = scope
        self.sheet = SheetWriter(
            workbook, staff_suffix(scope, _("Phụ lục tiến độ")), annex_columns(scope)
        )
        self.groups = AnnexGroups(grouped=len(scope.agreements) > 1)
        self.demo = DemoNotes()
        year = scope.year
        self.sheet.start(
            [
                Line(_("PHỤ LỤC"), "vn-title"),
                Line(title),
                Line(scope.name),
                Line(
                    _("(Kèm theo Báo cáo số ……/BC-…… ngày …/…/%(year)s)") % {"year": year},
                    "vn-caption",
                ),
                source_line(scope),
                *demo_lines(scope),
                Line(_("Đơn vị tính tiền: triệu đồng"), "vn-caption-right"),
            ],
            freeze_columns=2,
        )

    def add(self, row: CommitmentRow) -> None:
        commitment = row.commitment
        for number, title, level in self.groups.headings(row.agreement, commitment.sector):
            self.sheet.heading(number, title, level=level)
        latest, shown = row.latest, row.shown
        pending = any(r.status != ReportStatus.APPROVED for r in latest)
        label_period = len({r.period_id for r in shown}) > 1
        lines = row.indicator_lines() or [IndicatorLine("", "", None, None)]
        values = [
            self.groups.number,
            commitment.title,
            (commitment.lead_agency.short_name or commitment.lead_agency.name)
            if commitment.lead_agency
            else _("(chưa giao)"),
            "; ".join(row.supporting),
            commitment.start_on,
            commitment.due_on,
            _joined(shown, "achievements", label_period=label_period),
            self._stage(row),
            latest[0].percent if len(latest) == 1 else None,
            _joined(latest, "difficulties", label_period=False),
            _joined(latest, "recommendations", label_period=False),
            self._note(row),
            *self._indicator(lines[0]),
        ]
        if self.scope.include_unapproved:
            values.append("; ".join(sorted({self.scope.status_labels[r.status] for r in latest})))
        self.sheet.append(values, pending=pending)
        for line in lines[1:]:
            self.sheet.append([""] * 12 + self._indicator(line), pending=line.pending)

    def _stage(self, row: CommitmentRow) -> str:
        """The commitment's standing at the scope's end; each party's when they differ."""
        return standing_text(row.standing)

    def _note(self, row: CommitmentRow) -> str:
        return "\n".join(annex_notes(row, self.scope, demo=self.demo))

    def _indicator(self, line: IndicatorLine) -> list:
        name = line.name
        if line.reported_by:
            name = f"{name} ({line.reported_by})"
        return [name, line.unit_of_measure, line.target, line.actual, line.ratio]

    def finish(self) -> None:
        if self.groups.number == 0:
            self.sheet.append(["", _("Không có nội dung hợp tác nào trong phạm vi này.")])
        self.sheet.notes(self.demo.lines())
        self.sheet.finish()


# --- reports (one row each; the CSV has the same columns) ------------------------------------


def report_columns(scope: Scope) -> list[Column]:
    # One page wide (A4 landscape): 18 columns in 248 characters (258 in a staff file).
    columns = [
        Column(_("STT"), 5, CENTER),
        Column(pgettext("one agreement", "Thỏa thuận"), 24, WRAP),
        Column(_("Lĩnh vực"), 12, WRAP),
        Column(_("Nội dung hợp tác"), 20, WRAP),
        Column(_("Kỳ báo cáo"), 11, WRAP),
        Column(_("Bên báo cáo"), 11, WRAP),
        Column(_("Tiến độ"), 12, WRAP),
        Column(_("Tỷ lệ hoàn thành (%)"), 8, NUM, fmt=NUMBER),
        Column(_("Kết quả thực hiện"), 28, WRAP),
        Column(_("Khó khăn, vướng mắc"), 18, WRAP),
        Column(_("Kiến nghị, đề xuất"), 18, WRAP),
        Column(_("Nhiệm vụ kỳ tới"), 18, WRAP),
        Column(_("Ngày gửi"), 11, DAY),
        Column(_("Ngày duyệt"), 11, DAY),
        Column(_("Đúng hạn / trễ hạn"), 9, WRAP),
        Column(_("Mã báo cáo"), 7, CENTER),
        Column(_("Ghi chú"), 12, WRAP),
    ]
    if has_demo(scope):
        columns.append(Column(_("Dữ liệu minh họa"), 12, WRAP))
    if scope.include_unapproved:
        columns.append(Column(_("Trạng thái"), 10, WRAP))
    return columns


def correction_note(report: ProgressReport) -> str:
    """The note of a report corrected after its approval: Đã điều chỉnh ngày dd/mm/yyyy: lý do."""
    if not report.corrected_at:
        return ""
    day = timezone.localdate(report.corrected_at)
    return clip(
        _("Đã điều chỉnh ngày %(day)s: %(why)s")
        % {"day": f"{day:%d/%m/%Y}", "why": report.correction_reason}
    )


def report_values(
    scope: Scope, number: int, report: ProgressReport, demo: DemoNotes | None = None
) -> list:
    """A report's row; with ``demo`` its demo mark refers to a note under the sheet's
    table (the CSV, without notes, says the whole note on each row)."""
    commitment = report.commitment
    timeliness = _("trễ hạn"), _("đúng hạn")
    late = is_late(report, report.period, scope.today)
    values = [
        number,
        scope.by_id[commitment.agreement_id].title,
        commitment.sector.name,
        commitment.title,
        report.period.short_label,
        scope.short_name_of(report.reporting_unit),
        scope.stage_labels[report.stage],
        report.percent,
        clip(report.achievements),
        clip(report.difficulties),
        clip(report.recommendations),
        clip(report.next_tasks),
        report.submitted_at,
        report.reviewed_at if report.status == ReportStatus.APPROVED else None,
        timeliness[0] if late else (timeliness[1] if report.submitted_at else ""),
        report.pk,
        correction_note(report),
    ]
    if has_demo(scope):
        agreement = scope.by_id[commitment.agreement_id]
        values.append(
            demo.mark(agreement, commitment) if demo else demo_note(agreement, commitment)
        )
    if scope.include_unapproved:
        values.append(scope.status_labels[report.status])
    return values


def write_reports_sheet(workbook: Book, scope: Scope) -> int:
    """Every shown report of the scope, one row each; returns how many."""
    title = _("Các báo cáo %(period)s") % {
        "period": scope.year if not scope.half else f"{scope.year}-H{scope.half}"
    }
    sheet = SheetWriter(workbook, staff_suffix(scope, title), report_columns(scope))
    heading = _("DANH SÁCH BÁO CÁO TIẾN ĐỘ %(period)s") % {"period": period_label(scope)}
    sheet.start(
        [Line(heading, "vn-title"), Line(scope.name), source_line(scope), *demo_lines(scope)],
        freeze_columns=1,
    )
    count, demo = 0, DemoNotes()
    for count, report in enumerate(report_rows(scope), start=1):
        sheet.append(
            report_values(scope, count, report, demo),
            pending=report.status != ReportStatus.APPROVED,
        )
    sheet.notes(demo.lines())
    sheet.finish()
    return count


def write_indicator_sheet(workbook: Book, scope: Scope) -> None:
    columns = [  # one page wide (A4 landscape)
        Column(_("STT"), 5, CENTER),
        Column(pgettext("one agreement", "Thỏa thuận"), 26, WRAP),
        Column(_("Nội dung hợp tác"), 28, WRAP),
        Column(_("Chỉ tiêu"), 26, WRAP),
        Column(_("Đơn vị tính"), 10, WRAP),
        Column(_("Giá trị gốc"), 10, NUM),
        Column(_("Mục tiêu"), 10, NUM),
        Column(_("Kỳ báo cáo"), 11, WRAP),
        Column(_("Bên báo cáo"), 12, WRAP),
        Column(_("Kết quả"), 10, NUM),
        Column(_("Đạt so với mục tiêu"), 9, NUM, fmt=RATIO),
        Column(_("Ghi chú"), 22, WRAP),
    ]
    demo, notes = has_demo(scope), DemoNotes()
    if demo:
        columns.append(Column(_("Dữ liệu minh họa"), 14, WRAP))
    if scope.include_unapproved:
        columns.append(Column(_("Trạng thái"), 10, WRAP))
    sheet = SheetWriter(workbook, staff_suffix(scope, _("Kết quả chỉ tiêu")), columns)
    heading = _("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU %(period)s") % {"period": period_label(scope)}
    sheet.start(
        [Line(heading, "vn-title"), Line(scope.name), source_line(scope), *demo_lines(scope)],
        freeze_columns=1,
    )
    for number, value in enumerate(indicator_value_rows(scope), start=1):
        report, indicator = value.report, value.indicator
        baseline, uom = in_million_dong(indicator.baseline, indicator.unit_of_measure)
        target, _uom = in_million_dong(indicator.target, indicator.unit_of_measure)
        actual, _uom = in_million_dong(value.value, indicator.unit_of_measure)
        row = [
            number,
            scope.by_id[report.commitment.agreement_id].title,
            report.commitment.title,
            indicator.name,
            uom,
            baseline,
            target,
            report.period.short_label,
            scope.short_name_of(report.reporting_unit),
            actual,
            float(actual / target) if target else None,
            value.note,
        ]
        if demo:
            agreement = scope.by_id[report.commitment.agreement_id]
            row.append(notes.mark(agreement, report.commitment))
        if scope.include_unapproved:
            row.append(scope.status_labels[report.status])
        sheet.append(row, pending=report.status != ReportStatus.APPROVED)
    sheet.notes(notes.lines())
    sheet.finish()
