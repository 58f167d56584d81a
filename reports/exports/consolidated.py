"""The consolidated six-monthly report of a unit (báo cáo tổng hợp 6 tháng).

What the planning department sends to the Steering Committee and the People's
Committee, built from the period's approved reports (Decree 09/2019 data window).
Sheets, in order:

1. Tổng hợp — the cover, as in the review workbook, for the one period.
2. Báo cáo — the usual outline: I. results; II. limitations and their causes;
   III. difficulties; IV. tasks for the next period; V. recommendations; grouped by
   agreement and sector.
3. Phụ lục tiến độ — the annex table.
4. Báo cáo còn thiếu — every expected report without an approved one, with its deadline.
5. Các báo cáo <kỳ> — every report of the period, one row each (the CSV has the same rows).
"""

from __future__ import annotations

from typing import IO

from django.db.models import Count
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from agreements.models import Stage
from reports.models import ReportStatus
from reports.queries.expectations import ExpectedReport
from reports.queries.workbook import CommitmentRow, Scope, report_rows, shown_reports

from .cover import CoverSheet
from .rows import status_label
from .sheets import (
    AnnexSheet,
    clip,
    demo_lines,
    grouped,
    period_label,
    source_line,
    staff_suffix,
    write_reports_sheet,
)
from .styles import CENTER, DAY, NUM, NUMBER, TEXT, WRAP, Column, Line, SheetWriter, new_workbook
from .workbook import fill_annex, finish
from .xlsx import Book


def build_consolidated_workbook(*, scope: Scope, out: IO[bytes] | str) -> None:
    """Write the consolidated report of ``scope`` (a unit and one half year) to ``out``."""
    if not scope.half or scope.unit is None:
        raise ValueError("the consolidated report is about one unit and one period")
    workbook = new_workbook()
    period = period_label(scope)
    cover = CoverSheet(
        workbook,
        scope,
        heading=_("BÁO CÁO TỔNG HỢP TÌNH HÌNH THỰC HIỆN CÁC CHƯƠNG TRÌNH HỢP TÁC %(period)s")
        % {"period": period},
        sheets=[],
    )
    body = BodySheet(workbook, scope)
    annex = AnnexSheet(
        workbook,
        scope,
        title=_("TÌNH HÌNH THỰC HIỆN CÁC NỘI DUNG HỢP TÁC %(period)s") % {"period": period},
    )
    missing = MissingSheet(workbook, scope)
    body.results()
    body.open_limitations()
    totals = fill_annex(scope, annex, also=(body, missing))
    body.close_limitations(missing.count)
    body.texts("III", _("KHÓ KHĂN, VƯỚNG MẮC"), "difficulties")
    body.texts("IV", _("NHIỆM VỤ KỲ TỚI"), "next_tasks")
    body.texts("V", _("KIẾN NGHỊ, ĐỀ XUẤT"), "recommendations")
    body.sheet.finish(autofilter=False)
    missing.finish()
    write_reports_sheet(workbook, scope)
    finish(workbook, cover, totals, out)


def results_summary(scope: Scope) -> str:
    """The opening sentence of part I of the six-monthly report (workbook and Word):
    how many reports, commitments and agreements, and the reports per stage."""
    reports = shown_reports(scope)
    sizes = reports.aggregate(
        reports=Count("id"),
        commitments=Count("commitment", distinct=True),
        agreements=Count("commitment__agreement", distinct=True),
    )
    stages = dict(reports.order_by().values_list("stage").annotate(n=Count("id")))
    ladder = "; ".join(
        f"{Stage(key).label}: {grouped(stages[key])}" for key in Stage.values if stages.get(key)
    )
    summary = _("Trong kỳ có %(r)s báo cáo của %(c)s nội dung hợp tác thuộc %(a)s thỏa thuận.") % {
        "r": grouped(sizes["reports"]),
        "c": grouped(sizes["commitments"]),
        "a": grouped(sizes["agreements"]),
    }
    if ladder:
        summary += " " + _("Tiến độ theo báo cáo: %(l)s.") % {"l": ladder}
    return summary


class BodySheet:
    """The report's outline, written top to bottom in one stream."""

    def __init__(self, workbook: Book, scope: Scope):
        self.scope = scope
        columns = [
            Column(_("STT"), 8, CENTER),
            Column(_("Nội dung hợp tác"), 40, WRAP),
            Column(_("Bên báo cáo / cơ quan chủ trì"), 20, WRAP),
            Column(_("Nội dung"), 72, WRAP),
            Column(_("Tiến độ"), 16, WRAP),
            Column(_("Tỷ lệ hoàn thành (%)"), 12, NUM, fmt=NUMBER),
        ]
        self.sheet = SheetWriter(workbook, staff_suffix(scope, _("Báo cáo")), columns)
        unit = scope.name
        self.sheet.start(
            [
                Line(_("BÁO CÁO"), "vn-title"),
                Line(
                    _("Tình hình thực hiện các chương trình, thỏa thuận hợp tác %(period)s")
                    % {"period": period_label(scope).lower()}
                ),
                Line(unit),
                Line(
                    _("Kính gửi: Ban Chỉ đạo các chương trình hợp tác; Ủy ban nhân dân %(u)s")
                    % {"u": unit},
                    "vn-caption",
                ),
                source_line(scope),
                *demo_lines(scope),
            ],
            freeze_columns=2,
        )
        self.limitations = 0
        self._agreement: int | None = None
        self._sector: int | None = None
        self._agreements_seen = 0
        self._sectors_seen = 0

    # --- grouping ------------------------------------------------------------------------
    def _reset_groups(self) -> None:
        self._agreement = self._sector = None
        self._agreements_seen = self._sectors_seen = 0

    def _group(self, agreement_id: int, sector_id: int, sector_name: str) -> None:
        if agreement_id != self._agreement:
            self._agreements_seen += 1
            self._sectors_seen = 0
            self._sector = None
            agreement = self.scope.by_id[agreement_id]
            title = agreement.title
            if agreement.is_demo:
                title += " — " + _("dữ liệu minh họa")
            self.sheet.heading(f"{self._agreements_seen}.", title, level=2)
            self._agreement = agreement_id
        if sector_id != self._sector:
            self._sectors_seen += 1
            self.sheet.append_styled(
                [
                    (f"{chr(96 + min(self._sectors_seen, 26))})", "vn-label"),
                    (sector_name, "vn-label"),
                ]
            )
            self._sector = sector_id

    # --- I. results ------------------------------------------------------------------------
    def results(self) -> None:
        self.sheet.heading("I", _("KẾT QUẢ THỰC HIỆN"))
        self.sheet.append(["", "", "", results_summary(self.scope)])
        self._report_rows("achievements")

    def _report_rows(self, field: str) -> None:
        self._reset_groups()
        number = 0
        for report in report_rows(self.scope, having=field):
            commitment = report.commitment
            self._group(commitment.agreement_id, commitment.sector_id, commitment.sector.name)
            number += 1
            self.sheet.append(
                [
                    number,
                    commitment.title,
                    self.scope.short_name_of(report.reporting_unit),
                    clip(getattr(report, field)),
                    self.scope.stage_labels[report.stage],
                    report.percent,
                ],
                pending=report.status != ReportStatus.APPROVED,
            )
        if number == 0:
            self.sheet.append(["", "", "", _("Không có nội dung nào được báo cáo.")])

    # --- II. limitations, from the commitments' standing --------------------------------------
    def open_limitations(self) -> None:
        self.sheet.heading("II", _("HẠN CHẾ VÀ NGUYÊN NHÂN"))
        self._reset_groups()

    def add(self, row: CommitmentRow, expected: dict[int, list[ExpectedReport]]) -> None:
        s, c = row.standing, row.commitment
        found = []
        if s.formal_only:
            found.append(
                _(
                    "Chỉ mang tính hình thức: đã qua %(n)s kỳ báo cáo kể từ khi bắt đầu, nội dung mới ở bước %(stage)s."
                )
                % {"n": s.periods_in_force, "stage": s.stage_label}
            )
        if s.stage == Stage.STALLED:
            found.append(_("Chậm, vướng mắc."))
        if s.under_specified:
            found.append(_("Chưa đủ cụ thể: thiếu cơ quan chủ trì, chỉ tiêu hoặc mục tiêu."))
        owed = [e for items in expected.values() for e in items if e.state != ReportStatus.APPROVED]
        if owed:
            found.append(_("Chưa có báo cáo được duyệt trong kỳ."))
        if not found:
            return
        causes = "\n".join(r.difficulties for r in row.latest if r.difficulties)
        text = "\n".join(found)
        if causes:
            text += "\n" + _("Nguyên nhân (khó khăn đã báo cáo): %(c)s") % {"c": causes}
        self._group(row.agreement.pk, c.sector_id, c.sector.name)
        self.limitations += 1
        lead = c.lead_agency
        self.sheet.append(
            [
                self.limitations,
                c.title,
                (lead.short_name or lead.name) if lead else _("(chưa giao)"),
                clip(text),
                capfirst(s.stage_label),
                s.percent,
            ]
        )

    def close_limitations(self, missing: int) -> None:
        if self.limitations == 0:
            self.sheet.append(["", "", "", _("Không có nội dung nào cần lưu ý.")])
        text = _(
            "Báo cáo phải nộp mà chưa có bản được duyệt: %(n)s (danh sách ở sheet “Báo cáo còn thiếu”)."
        ) % {"n": grouped(missing)}
        self.sheet.append(["", "", "", text])

    # --- III–V: texts from the reports -----------------------------------------------------
    def texts(self, number: str, title: str, field: str) -> None:
        self.sheet.heading(number, title)
        self._report_rows(field)


class MissingSheet:
    """Every report owed in the period that has no approved version, with its deadline."""

    def __init__(self, workbook: Book, scope: Scope):
        self.scope = scope
        columns = [
            Column(_("STT"), 7, CENTER),
            Column(pgettext("one agreement", "Thỏa thuận"), 32, WRAP),
            Column(_("Nội dung hợp tác"), 40, WRAP),
            Column(_("Bên phải báo cáo"), 16, TEXT),
            Column(_("Cơ quan chủ trì"), 26, WRAP),
            Column(_("Hạn nộp"), 12, DAY),
            Column(_("Tình trạng"), 22, WRAP),
            Column(_("Quá hạn"), 10, CENTER),
        ]
        self.sheet = SheetWriter(workbook, staff_suffix(scope, _("Báo cáo còn thiếu")), columns)
        heading = _("BÁO CÁO CÒN THIẾU %(period)s") % {"period": period_label(scope)}
        self.sheet.start(
            [Line(heading, "vn-title"), Line(scope.name), source_line(scope), *demo_lines(scope)],
            freeze_columns=1,
        )
        self.count = 0

    def add(self, row: CommitmentRow, expected: dict[int, list[ExpectedReport]]) -> None:
        lead = row.commitment.lead_agency
        for period in self.scope.periods:
            for item in expected.get(period.pk, []):
                if item.state == ReportStatus.APPROVED:
                    continue
                self.count += 1
                state = (
                    status_label(item.report)
                    if self.scope.include_unapproved
                    else _("chưa có báo cáo được duyệt")
                )
                self.sheet.append(
                    [
                        self.count,
                        row.agreement.title
                        + (" — " + _("dữ liệu minh họa") if row.agreement.is_demo else ""),
                        row.commitment.title,
                        self.scope.name_of(item.unit).short_name,
                        (lead.short_name or lead.name) if lead else "",
                        item.due_on or period.department_due,
                        state,
                        _("có") if item.late else _("không"),
                    ],
                    pending=self.scope.include_unapproved and item.report is not None,
                )

    def finish(self) -> None:
        if self.count == 0:
            self.sheet.append(["", _("Đã có đủ báo cáo được duyệt.")])
        self.sheet.finish()
