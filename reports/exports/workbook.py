"""The review workbook (bảng tính phục vụ hội nghị sơ kết) of an agreement or a unit, for a year.

Sheets, in order:

1. Tổng hợp — title block and the figures first looked at: reports on time, late and
   missing per period; commitments by standing ("formal only" first) and by sector;
   the agreements in scope.
2. Phụ lục tiến độ — the progress annex in the official layout.
3. Các báo cáo <năm> — every report of the year, one row each (the CSV has the same rows).
4. Kết quả chỉ tiêu — every indicator value reported in the year.
5. Hội nghị sơ kết — the host rotation, the year's meetings with their conclusions,
   and what became of the previous meeting's conclusions.
"""

from __future__ import annotations

from typing import IO

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from regions.models import AdministrativeUnit
from regions.queries import current_successors
from reports.queries.meetings import (
    ConclusionView,
    HostProposal,
    MeetingRecord,
    meeting_records,
    next_meeting_day,
    propose_next_host,
)
from reports.queries.workbook import (
    Expectations,
    Scope,
    commitment_rows,
    last_meetings,
    meetings_of_year,
)

from .cover import CoverSheet
from .rows import Totals
from .sheets import (
    AnnexSheet,
    demo_lines,
    period_label,
    staff_suffix,
    write_indicator_sheet,
    write_reports_sheet,
)
from .styles import CENTER, WRAP, Column, Line, SheetWriter, new_workbook
from .xlsx import Book


def build_review_workbook(*, scope: Scope, out: IO[bytes] | str) -> None:
    """Write the review workbook of ``scope`` to ``out`` (a path or a binary file)."""
    workbook = new_workbook()
    period = period_label(scope)
    cover = CoverSheet(
        workbook,
        scope,
        heading=_("BẢNG TỔNG HỢP PHỤC VỤ HỘI NGHỊ SƠ KẾT %(period)s") % {"period": period},
        sheets=[],
    )
    annex_title = _("TÌNH HÌNH THỰC HIỆN CÁC NỘI DUNG HỢP TÁC %(period)s") % {"period": period}
    totals = fill_annex(scope, AnnexSheet(workbook, scope, title=annex_title))
    write_reports_sheet(workbook, scope)
    write_indicator_sheet(workbook, scope)
    write_meetings_sheet(workbook, scope)
    finish(workbook, cover, totals, out)


def fill_annex(scope: Scope, annex: AnnexSheet, *, also: tuple = ()) -> Totals:
    """One pass over the commitments: the annex rows, the cover's counts, and any
    ``also`` sinks (objects with ``add(row, expected)``)."""
    totals, expectations = Totals(scope), Expectations(scope)
    for row in commitment_rows(scope):
        expected = {p.pk: expectations.of(row, p) for p in scope.periods}
        totals.add(row, expected)
        annex.add(row)
        for sink in also:
            sink.add(row, expected)
    annex.finish()
    return totals


def finish(workbook: Book, cover: CoverSheet, totals: Totals, out: IO[bytes] | str) -> None:
    """The cover last (its place is already first), then the file."""
    cover.sheets = workbook.sheet_titles[1:]
    cover.write(totals)
    workbook.save(out)


# --- review meetings ------------------------------------------------------------------------


def _meeting_columns() -> list[Column]:
    return [
        Column(_("STT"), 22, CENTER),
        Column(_("Nội dung"), 60, WRAP),
        Column(_("Loại kết luận"), 22, WRAP),
        Column(_("Nội dung hợp tác liên quan — tình trạng hiện nay"), 48, WRAP),
        Column(_("Tình hình thực hiện kết luận"), 34, WRAP),
    ]


def commitments_text(view: ConclusionView) -> str:
    lines = []
    for standing in view.commitments:
        text = f"{standing.commitment.title}: {standing.stage_label}"
        if standing.percent is not None:
            text += f" ({formats.number_format(standing.percent, decimal_pos=1)}%)"
        if standing.formal_only:
            text += " — " + _("chỉ mang tính hình thức")
        if standing.not_reported:
            text += " — " + _("chưa có báo cáo được duyệt")
        lines.append("• " + text)
    return "\n".join(lines)


def follow_up_text(view: ConclusionView) -> str:
    conclusion = view.conclusion
    status = conclusion.get_follow_up_status_display()
    return f"{status}\n{conclusion.follow_up_note}".strip()


def write_meetings_sheet(workbook: Book, scope: Scope) -> None:
    sheet = SheetWriter(workbook, staff_suffix(scope, _("Hội nghị sơ kết")), _meeting_columns())
    heading = _("HỘI NGHỊ SƠ KẾT %(period)s") % {"period": period_label(scope)}
    sheet.start([Line(heading, "vn-title"), Line(scope.name), *demo_lines(scope)], header=False)
    sheet.blank()
    _rotation_table(sheet, scope)
    meetings = meetings_of_year(scope)
    sheet.blank()
    if not meetings:
        sheet.append_styled(
            [
                (
                    _("Chưa có hội nghị sơ kết nào trong năm %(y)s được ghi nhận.")
                    % {"y": scope.year},
                    "vn-plain",
                )
            ]
        )
    for number, record in enumerate(meeting_records(meetings, today=scope.today), start=1):
        _meeting_block(sheet, number, record)
    sheet.finish(autofilter=False)


def _rotation_table(sheet: SheetWriter, scope: Scope) -> None:
    sheet.section(_("Luân phiên đăng cai"))
    sheet.append_styled(
        [
            (_("Lần họp gần nhất"), "vn-header"),
            (pgettext("one agreement", "Thỏa thuận"), "vn-header"),
            (_("Đơn vị đăng cai gần nhất"), "vn-header"),
            (_("Đề xuất đăng cai kỳ tới"), "vn-header"),
            (_("Thứ tự luân phiên (đơn vị hiện nay)"), "vn-header"),
        ]
    )
    last = last_meetings(scope)
    units = [p.unit for a in scope.agreements for p in a.parties.all()]
    successors = current_successors(units + [m.host_unit for m in last.values()])
    for agreement in scope.agreements:
        meeting = last.get(agreement.pk)
        host = meeting.host_unit if meeting else None
        day = next_meeting_day(meeting.held_on if meeting else None, scope.today)
        proposal = propose_next_host(
            agreement=agreement, last_host=host, on=day, successors=successors
        )
        sheet.append(
            [
                meeting.held_on if meeting else _("chưa có"),
                agreement.title,
                _unit_text(host) if host else "",
                _proposal_text(proposal),
                " → ".join(u.short_name for u in proposal.order),
            ]
        )


def _proposal_text(proposal: HostProposal) -> str:
    if proposal.unit is None:
        return ""
    if proposal.single_unit:
        return _("%(u)s (các bên nay cùng thuộc một đơn vị)") % {"u": proposal.unit.short_name}
    return proposal.unit.short_name


def _unit_text(unit: AdministrativeUnit, now: list[AdministrativeUnit] | None = None) -> str:
    text = unit.short_name
    others = [u.short_name for u in (now or []) if u.short_name != unit.short_name]
    if others:
        text += " (" + _("nay: %(u)s") % {"u": ", ".join(others)} + ")"
    return text


def _conclusion_rows(sheet: SheetWriter, views: list[ConclusionView]) -> None:
    sheet.append_styled([(column.label, "vn-header") for column in _meeting_columns()])
    for view in views:
        conclusion = view.conclusion
        sheet.append(
            [
                conclusion.number,
                conclusion.text,
                conclusion.get_action_display(),
                commitments_text(view),
                follow_up_text(view),
            ]
        )


def _meeting_block(sheet: SheetWriter, number: int, record: MeetingRecord) -> None:
    meeting = record.meeting
    sheet.heading(str(number), meeting.title, wrap=True)
    facts = [
        (pgettext("one agreement", "Thỏa thuận"), meeting.agreement.title),
        (_("Ngày họp"), meeting.held_on),
        (_("Đơn vị đăng cai"), _unit_text(meeting.host_unit, record.host_now)),
        (_("Địa điểm"), meeting.place),
        (_("Thành phần"), meeting.attendees),
        (_("Nội dung, biên bản"), meeting.minutes),
    ]
    if meeting.decisions:
        facts.append((_("Kết luận (văn bản)"), meeting.decisions))
    if meeting.is_demo:
        facts.append((_("Dữ liệu minh họa"), meeting.agreement.demo_source or _("có")))
    for label, value in facts:
        style = "vn-plain-date" if hasattr(value, "isoformat") else "vn-wrap"
        sheet.append_styled([(label, "vn-label"), (value, style)])
    sheet.section(_("Kết luận của hội nghị"))
    if record.conclusions:
        _conclusion_rows(sheet, record.conclusions)
    else:
        sheet.append_styled([(_("Chưa nhập kết luận theo từng mục."), "vn-plain")])
    if record.previous is not None:
        previous = record.previous
        sheet.section(
            _("Kỳ trước (%(day)s) đã kết luận gì, kết quả đến nay")
            % {"day": f"{previous.held_on:%d/%m/%Y}"}
        )
        if record.previous_conclusions:
            _conclusion_rows(sheet, record.previous_conclusions)
        else:
            text = previous.decisions or _("Chưa nhập kết luận theo từng mục.")
            sheet.append_styled([("", "vn-plain"), (text, "vn-wrap")])
    if record.next_meeting is not None:
        upcoming = record.next_meeting
        text = _("Kỳ tiếp theo: %(day)s, đăng cai: %(host)s") % {
            "day": f"{upcoming.held_on:%d/%m/%Y}",
            "host": upcoming.host_unit.short_name,
        }
        sheet.append_styled([(text, "vn-label")])
    elif record.proposal and record.proposal.unit:
        text = _("Đề xuất đăng cai kỳ tới (luân phiên): %(host)s") % {
            "host": _proposal_text(record.proposal)
        }
        sheet.append_styled([(text, "vn-label")])
    sheet.blank()
