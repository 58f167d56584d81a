"""The progress annex of the six-monthly Word report (Phụ lục), on landscape pages.

The table officials know (design notes, "Annex table in use"): STT | Nội dung hợp tác |
Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện | Kết quả thực hiện | Tiến độ |
Khó khăn, vướng mắc | Kiến nghị, đề xuất | Ghi chú; sectors under Roman numerals (and
agreements under capital letters when there are several), tasks numbered continuously.
Rows are gathered during the report's one pass over the commitments and written last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from reports.models import ProgressReport, ReportStatus
from reports.queries.workbook import MILLION_DONG, CommitmentRow, Scope
from reports.services.standing_rules import standing_text

from . import docx_layout as page
from . import progress
from .numbering import AnnexGroups
from .sheets import DemoNotes, annex_notes, period_label


def columns() -> list[tuple[str, int]]:
    """(heading, width in mm): 252 mm, the landscape page between its margins. The notes
    ("Chỉ mang tính hình thức; chưa đủ cụ thể: thiếu chỉ tiêu; tiếp nối giai đoạn
    2006–2020; dữ liệu minh họa [5]") take about as many lines at 38 mm as the results
    beside them at 44. At 26 mm (the narrowest text column), with the predecessor named by
    its title, a note took 15 lines and its row was split across two pages."""
    return [
        (_("STT"), 10),
        (_("Nội dung hợp tác"), 32),
        (_("Cơ quan chủ trì"), 20),
        (_("Cơ quan phối hợp"), 20),
        (_("Thời gian thực hiện"), 20),
        (_("Kết quả thực hiện"), 44),
        (_("Tiến độ"), 20),
        (_("Khó khăn, vướng mắc"), 24),
        (_("Kiến nghị, đề xuất"), 24),
        (_("Ghi chú"), 38),
    ]


@dataclass
class AnnexLine:
    cells: list[str]
    heading: bool = False  # a group's line: its number, then its title across the row


def amount(value) -> str:
    return floatformat(value, "-2g") if value is not None else "…"


class AnnexTable:
    def __init__(self, scope: Scope):
        self.scope = scope
        self.lines: list[AnnexLine] = []
        self.groups = AnnexGroups(grouped=len(scope.agreements) > 1)
        self.demo = DemoNotes()
        self.money = False

    @property
    def tasks(self) -> int:
        return self.groups.number

    def add(self, row: CommitmentRow) -> None:
        commitment = row.commitment
        for number, title, _level in self.groups.headings(row.agreement, commitment.sector):
            self.lines.append(AnnexLine([number, title], heading=True))
        lead = commitment.lead_agency
        latest = row.latest
        self.lines.append(
            AnnexLine(
                [
                    str(self.groups.number),
                    commitment.title,
                    (lead.short_name or lead.name) if lead else _("(chưa giao)"),
                    "; ".join(row.supporting),
                    " –\n".join(
                        f"{day:%d/%m/%Y}" for day in (commitment.start_on, commitment.due_on) if day
                    ),
                    "\n".join(
                        filter(None, [joined(row.shown, "achievements"), self._indicators(row)])
                    ),
                    self._progress(row),
                    joined(latest, "difficulties"),
                    joined(latest, "recommendations"),
                    self._note(row),
                ]
            )
        )
        progress.tick()

    def _progress(self, row: CommitmentRow) -> str:
        text = standing_text(row.standing)
        latest = row.latest
        if len(latest) == 1 and latest[0].percent is not None:
            text += f" ({floatformat(latest[0].percent, -1)}%)"
        return text

    def _indicators(self, row: CommitmentRow) -> str:
        lines = []
        for line in row.indicator_lines():
            if line.actual is None and line.target is None:
                continue
            self.money |= line.unit_of_measure == MILLION_DONG
            name = f"{line.name} ({line.reported_by})" if line.reported_by else line.name
            lines.append(
                f"• {name}: {amount(line.actual)}/{amount(line.target)} {line.unit_of_measure}"
            )
        return "\n".join(lines)

    def _note(self, row: CommitmentRow) -> str:
        notes = annex_notes(row, self.scope, mark_pending=True, demo=self.demo)
        return "; ".join(notes[:1] + [n[:1].lower() + n[1:] for n in notes[1:]])

    # --- writing ----------------------------------------------------------------------------
    def write(self, document, *, issuer: str | None, mark: str) -> None:
        """The annex on its own landscape pages, after the report."""
        section = page.add_landscape_section(document)
        width = page.text_width(section)
        page.header_line(section.header, width=width, left=mark, number=True)
        title = _("TÌNH HÌNH THỰC HIỆN CÁC NỘI DUNG HỢP TÁC %(period)s") % {
            "period": period_label(self.scope)
        }
        page.paragraph(document, _("PHỤ LỤC"), bold=True, align=page.CENTER, keep_with_next=True)
        page.paragraph(document, title, bold=True, align=page.CENTER, keep_with_next=True)
        page.paragraph(
            document,
            _("(Kèm theo Báo cáo số %(dots)s/BC-%(dots)s ngày … tháng … năm 20… của %(who)s)")
            % {"dots": "……", "who": issuer or "……"},
            italic=True,
            align=page.CENTER,
            after=6,
            keep_with_next=True,
        )
        if self.money:
            page.paragraph(
                document,
                _("Đơn vị tính tiền: triệu đồng"),
                size=13,
                italic=True,
                align=page.RIGHT,
                keep_with_next=True,
            )
        heads = columns()
        widths = [page.mm(mm) for _title, mm in heads]
        assert abs(sum(widths) - width) < page.mm(1), "annex columns must fill the page"
        table = page.layout_table(document, widths, grid=True, padding=1)
        for cell, (heading, _mm) in zip(table.rows[0].cells, heads, strict=True):
            page.fill_cell(
                cell, heading, size=page.CELL_PT, bold=True, align=page.CENTER, middle=True
            )
        page.repeat_as_header(table)
        if not self.lines:
            self.lines.append(
                AnnexLine(["", _("Không có nội dung hợp tác nào trong phạm vi này.")], heading=True)
            )
        across = sum(widths[1:])
        spans = [1, len(widths) - 1]
        for line in self.lines:
            if line.heading:
                number, text = line.cells
                page.add_row(
                    table,
                    [
                        (widths[0], page.CELL_HEAD, [(number, "")]),
                        (across, page.CELL, [(text, "b")]),
                    ],
                    spans=spans,
                    keep=True,  # on the page of the row after it
                )
                continue
            page.add_row(
                table,
                [
                    (width, page.CELL_CENTRE if index in (0, 4) else page.CELL, [(text, "")])
                    for index, (width, text) in enumerate(zip(widths, line.cells, strict=True))
                ],
            )
        notes = self.demo.lines()
        for number, note in enumerate(notes):  # the notes on one page, under the table
            page.paragraph(
                document,
                note,
                size=page.CELL_PT,
                italic=number == 0,
                before=0 if number else 6,
                keep_with_next=number < len(notes) - 1,
            )


def joined(reports: Sequence[ProgressReport], attr: str) -> str:
    """One text from the reports of several parties, each labelled with its party; a
    report not yet approved (staff file only) says so."""
    several = len({r.reporting_unit_id for r in reports}) > 1
    parts = []
    for report in reports:
        text = getattr(report, attr).strip()
        if not text:
            continue
        if several:
            text = f"[{report.reporting_unit.short_name}] {text}"
        if report.status != ReportStatus.APPROVED:
            text += " [" + _("chưa duyệt") + "]"
        parts.append(text)
    return "\n".join(parts)
