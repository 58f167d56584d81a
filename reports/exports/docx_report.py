"""The six-monthly report of a unit as a Word document (báo cáo 6 tháng), ready to sign.

The consolidated workbook (``consolidated``) is what the review meeting reads; this is
the document the planning department signs and sends to the Steering Committee and the
People's Committee, in the administrative layout of Decree 30/2020/NĐ-CP
(``docx_layout``): the issuing body beside the national name and motto, the number and
symbol left blank for the clerk (văn thư) to fill in on issue, place and date, title,
"Kính gửi", the body in the outline of a periodic report (Decree 09/2019/NĐ-CP) —
I. results, II. limitations and causes, III. difficulties, IV. tasks for the next
period, V. recommendations —, "Nơi nhận" and the signature block; then the progress
annex in a landscape section.

It reads what the workbook reads (``rows``): the same period, agreements and reports,
one pass over the commitments for section II and the annex. A public file holds
approved reports only; the staff file (``scope.include_unapproved``) includes the
others, marks each one "chưa duyệt", and says DỰ THẢO at the top of every page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO

from django.template.defaultfilters import floatformat
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from agreements import access
from agreements.models import Stage
from portal.lib.text import fold
from reports.models import ProgressReport, ReportStatus
from reports.queries.expectations import ExpectedReport
from reports.queries.workbook import (
    CommitmentRow,
    Expectations,
    Scope,
    agencies_of,
    commitment_rows,
    report_rows,
)

from . import docx_layout as page
from . import progress
from .consolidated import results_summary
from .docx_annex import AnnexTable
from .sheets import demo_lines, grouped, missing_specifics, period_label

# A planning department's name, folded, as it starts: the older name first (before
# 01/03/2025), then the department that took its work (Decree 45/2025/NĐ-CP).
PLANNING_DEPARTMENTS = ("so ke hoach va dau tu", "so tai chinh")
DOTS = "……"


def build_six_monthly_docx(*, scope: Scope, out: IO[bytes] | str) -> None:
    """Write the six-monthly report of ``scope`` (a unit and one half year) to ``out``."""
    if not scope.half or scope.unit is None:
        raise ValueError("the six-monthly report is about one unit and one period")
    SixMonthlyReport(scope).write(out)


def issuing_department(scope: Scope, units: frozenset[int]) -> str | None:
    """The planning department of the unit (or of a unit merged into it, ``units``) on
    the day the file is made, else at the data cut-off; without the unit's name the
    header already gives: "Sở Tài chính"."""
    unit_words = fold(scope.name).split()
    agencies = sorted(agencies_of(units), key=lambda a: (a.unit_id != scope.unit.pk, a.pk))
    for day in (scope.today, scope.standing_as_of):
        for prefix in PLANNING_DEPARTMENTS:
            for agency in agencies:
                if agency.valid_from and agency.valid_from > day:
                    continue
                if agency.valid_until and agency.valid_until < day:
                    continue
                if fold(agency.name).startswith(prefix):
                    words = agency.name.split()
                    if [fold(w) for w in words[-len(unit_words) :]] == unit_words:
                        words = words[: -len(unit_words)]
                    return " ".join(words)
    return None


def limitation_findings(row: CommitmentRow, expected: dict[int, list[ExpectedReport]]) -> str:
    """What section II says of a commitment (as the workbook's section II): empty when
    nothing is wrong."""
    s = row.standing
    found = []
    if s.formal_only:
        found.append(
            _("chỉ mang tính hình thức: đã qua %(n)s kỳ báo cáo, nội dung mới ở bước %(stage)s")
            % {"n": s.periods_in_force, "stage": s.stage_label}
        )
    if s.stage == Stage.STALLED:
        found.append(_("chậm, vướng mắc"))
    if s.under_specified:
        found.append(
            _("chưa đủ cụ thể: thiếu %(what)s") % {"what": missing_specifics(row.commitment)}
        )
    owed = [e for items in expected.values() for e in items if e.state != ReportStatus.APPROVED]
    if owed:
        found.append(_("chưa có báo cáo được duyệt trong kỳ"))
    return "; ".join(found)


def sentence(text: str) -> str:
    """``text`` ended by one full stop: "căn cơ." stays, "căn cơ" gets one (never "căn cơ..")."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?…" else text + "."


def clause(text: str) -> str:
    """A report's sentence inside a longer one: its final full stop and spaces left out."""
    text = text.strip()
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("..") else text


@dataclass
class Group:
    """Where the last item was written: headings come when the agreement or sector changes."""

    agreement: int | None = None
    sector: int | None = None
    agreements: int = 0
    sectors: int = 0


class SixMonthlyReport:
    def __init__(self, scope: Scope):
        self.scope = scope
        self.document = page.new_document()
        self.section = self.document.sections[0]
        self.width = page.text_width(self.section)
        self.ours = access.unit_scope(scope.unit.pk)  # the unit and those merged into it
        self.issuer = issuing_department(scope, self.ours)
        self.period = period_label(scope).lower()  # "6 tháng đầu năm 2024"
        self.annex = AnnexTable(scope)
        self.draft = scope.include_unapproved
        self.unit = lower_kind(scope.name)  # "thành phố Cần Thơ", inside a sentence

    def write(self, out: IO[bytes] | str) -> None:
        self.page_headers()
        self.header_table()
        self.title()
        self.results()
        self.limitations()
        self.texts("III", _("KHÓ KHĂN, VƯỚNG MẮC"), "difficulties")
        self.texts("IV", _("NHIỆM VỤ KỲ TỚI"), "next_tasks")
        self.texts("V", _("KIẾN NGHỊ, ĐỀ XUẤT"), "recommendations")
        self.closing()
        self.signature()
        self.annex.write(self.document, issuer=self.issuer, mark=self.mark)
        self.document.save(out)

    # --- the page ------------------------------------------------------------------------
    def page_headers(self) -> None:
        """Page numbers from page two; on a staff file, DỰ THẢO on every page."""
        self.section.different_first_page_header_footer = True
        page.header_line(
            self.section.first_page_header, width=self.width, left=self.mark, number=False
        )
        page.header_line(self.section.header, width=self.width, left=self.mark, number=True)

    @property
    def mark(self) -> str:
        return _("DỰ THẢO – BẢN NỘI BỘ") if self.draft else ""

    def header_table(self) -> None:
        """Issuing body | national name and motto; number and symbol | place and date."""
        left, right = page.mm(68), self.width - page.mm(68)
        table = page.layout_table(self.document, [left, right], rows=2)
        body, nation = table.rows[0].cells
        unit = self.scope.name
        page.paragraph(body, _("ỦY BAN NHÂN DÂN"), size=12, align=page.CENTER)
        page.paragraph(body, unit.upper(), size=12, align=page.CENTER)
        issuer = (self.issuer or _("SỞ %(dots)s") % {"dots": DOTS * 3}).upper()
        page.paragraph(body, issuer, size=13, bold=True, align=page.CENTER)
        written = min(page.estimated_width(issuer, 13, bold=True), left)
        page.rule(body, length=int(written * 0.4), within=left)
        page.drop_empty_start(body)
        motto = "Độc lập - Tự do - Hạnh phúc"
        page.paragraph(
            nation, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, align=page.CENTER
        )
        page.paragraph(nation, motto, size=13, bold=True, align=page.CENTER)
        page.rule(nation, length=page.estimated_width(motto, 13, bold=True), within=right)
        page.drop_empty_start(nation)
        number, place = table.rows[1].cells
        page.fill_cell(number, _("Số: %(dots)s/BC-%(dots)s") % {"dots": DOTS}, size=13)
        number.paragraphs[0].paragraph_format.alignment = page.CENTER
        number.paragraphs[0].paragraph_format.space_before = page.pt(6)
        where = self.scope.name_of(self.scope.unit).short_name
        page.fill_cell(
            place,
            _("%(place)s, ngày … tháng … năm 20…") % {"place": where},
            size=14,
            italic=True,
            align=page.CENTER,
        )
        place.paragraphs[0].paragraph_format.space_before = page.pt(6)

    def title(self) -> None:
        page.paragraph(
            self.document,
            _("BÁO CÁO"),
            bold=True,
            align=page.CENTER,
            before=18,
            keep_with_next=True,
        )
        summary = _("Tình hình thực hiện các chương trình, thỏa thuận hợp tác") + "\n" + self.period
        page.paragraph(self.document, summary, bold=True, align=page.CENTER, keep_with_next=True)
        longest = max(summary.splitlines(), key=len)
        written = min(page.estimated_width(longest, page.BODY_PT, bold=True), self.width)
        page.rule(self.document, length=written // 3, within=self.width)
        to = _("Kính gửi: Ban Chỉ đạo các chương trình hợp tác; Ủy ban nhân dân %(u)s.") % {
            "u": self.unit
        }
        page.paragraph(self.document, to, align=page.CENTER, before=12, after=12)
        start, end = self.scope.window
        window = {"start": f"{start:%d/%m/%Y}", "end": f"{end:%d/%m/%Y}"}
        if self.draft:
            source = _(
                "Tổng hợp từ các báo cáo của các sở, ban, ngành, kể cả báo cáo chưa được duyệt "
                "(ghi “chưa duyệt”), số liệu từ %(start)s đến %(end)s"
            )
        else:
            source = _(
                "Tổng hợp từ các báo cáo đã được duyệt của các sở, ban, ngành, số liệu từ "
                "%(start)s đến %(end)s"
            )
        self.body(
            source % window
            + ", "
            + _("tình hình thực hiện các chương trình, thỏa thuận hợp tác của %(u)s %(p)s như sau:")
            % {"u": self.unit, "p": self.period}
        )
        for line in demo_lines(self.scope):
            self.body(line.text, "i")

    # --- body helpers ----------------------------------------------------------------------
    def body(self, text: str, look: str = "") -> None:
        page.add_styled(self.document, page.BODY, [(text, look)])

    def heading(self, number: str, title: str) -> None:
        page.add_styled(self.document, page.HEADING, [(f"{number}. {title}", "")])

    def _group(self, group: Group, agreement_id: int, sector_id: int, sector: str) -> None:
        if agreement_id != group.agreement:
            group.agreements += 1
            group.sectors, group.sector = 0, None
            agreement = self.scope.by_id[agreement_id]
            title = agreement.title
            if agreement.is_demo:
                title += " — " + _("dữ liệu minh họa")
            page.add_styled(self.document, page.HEADING, [(f"{group.agreements}. {title}", "")])
            group.agreement = agreement_id
        if sector_id != group.sector:
            group.sectors += 1
            letter = chr(96 + min(group.sectors, 26))
            page.add_styled(self.document, page.SUBHEADING, [(f"{letter}) {sector}", "i")])
            group.sector = sector_id

    def item(self, title: str, who: str, text: str, *, pending: bool) -> None:
        """ "- <commitment> (<who>): <text>", the commitment in italics."""
        parts = [("- ", ""), (title, "i"), (f" ({who}): " if who else ": ", ""), (text, "")]
        if pending:
            parts.append((" [" + _("chưa duyệt") + "]", "b"))
        page.add_styled(self.document, page.BODY, parts)

    # --- I. results -----------------------------------------------------------------------
    def results(self) -> None:
        self.heading("I", _("KẾT QUẢ THỰC HIỆN"))
        self.body(results_summary(self.scope))
        self._report_items("achievements", with_progress=True)

    def _report_items(self, field: str, *, with_progress: bool = False) -> None:
        group, written = Group(), 0
        for report in report_rows(self.scope, having=field):
            commitment = report.commitment
            self._group(
                group, commitment.agreement_id, commitment.sector_id, commitment.sector.name
            )
            who = self.scope.short_name_of(report.reporting_unit)
            if with_progress:  # section I: one row of the estimate per report
                who += "; " + self._progress(report)
                progress.tick()
            pending = report.status != ReportStatus.APPROVED
            self.item(commitment.title, who, getattr(report, field).strip(), pending=pending)
            written += 1
        if not written:
            self.body(_("Không có nội dung nào được báo cáo."))

    def _progress(self, report: ProgressReport) -> str:
        stage = self.scope.stage_labels[report.stage].lower()
        if report.percent is None:
            return stage
        return f"{stage}, {floatformat(report.percent, -1)}%"

    # --- II. limitations, and the annex, from one pass over the commitments ----------------
    def limitations(self) -> None:
        self.heading("II", _("HẠN CHẾ VÀ NGUYÊN NHÂN"))
        group, found, missing = Group(), 0, 0
        expectations = Expectations(self.scope)
        for row in commitment_rows(self.scope):
            expected = {p.pk: expectations.of(row, p) for p in self.scope.periods}
            self.annex.add(row)
            missing += sum(
                1 for items in expected.values() for e in items if e.state != ReportStatus.APPROVED
            )
            text = limitation_findings(row, expected)
            if not text:
                continue
            causes = "; ".join(clause(r.difficulties) for r in row.latest if r.difficulties)
            if causes:
                text += ". " + _("Nguyên nhân (khó khăn đã báo cáo): %(c)s") % {"c": causes}
            c = row.commitment
            self._group(group, row.agreement.pk, c.sector_id, c.sector.name)
            lead = c.lead_agency
            who = _("chủ trì: %(lead)s") % {"lead": lead.short_name or lead.name} if lead else ""
            self.item(c.title, who, sentence(capfirst(text)), pending=False)
            found += 1
        if not found:
            self.body(_("Không có nội dung nào cần lưu ý."))
        self.body(
            _("Số báo cáo phải nộp trong kỳ mà chưa có bản được duyệt: %(n)s (ghi chú ở Phụ lục).")
            % {"n": grouped(missing)}
        )

    # --- III–V -----------------------------------------------------------------------------
    def texts(self, number: str, title: str, field: str) -> None:
        self.heading(number, title)
        self._report_items(field)

    # --- the end ---------------------------------------------------------------------------
    def closing(self) -> None:
        """The closing sentence, kept on the page of the text before it and of the
        signature block after it: "Nơi nhận" never starts a page of its own."""
        page.keep_last_with_next(self.document)
        self.body(
            _(
                "Trên đây là báo cáo tình hình thực hiện các chương trình, thỏa thuận hợp tác "
                "%(p)s của %(u)s./."
            )
            % {"p": self.period, "u": self.unit}
        )
        page.keep_last_with_next(self.document)

    def partners(self) -> list[str]:
        """The other parties of the agreements in scope, as they signed, once each."""
        ours = self.ours
        names: dict[int, str] = {}
        for agreement in self.scope.agreements:
            for party in agreement.parties.all():
                if party.unit_id not in ours:
                    names.setdefault(party.unit_id, self.scope.signed_as(party).name)
        return sorted(names.values(), key=fold)

    def signature(self) -> None:
        """ "Nơi nhận" at the bottom left; the signer's title, room to sign, the name."""
        left = page.mm(85)
        table = page.layout_table(self.document, [left, self.width - left])
        recipients, signer = table.rows[0].cells
        page.paragraph(recipients, _("Nơi nhận:"), size=12, bold=True, italic=True, align=page.LEFT)
        lines = [_("Ban Chỉ đạo các chương trình hợp tác"), _("UBND %(u)s") % {"u": self.unit}]
        lines += [_("UBND %(u)s") % {"u": lower_kind(name)} for name in self.partners()]
        lines += [_("Các sở, ban, ngành có liên quan")]
        for line in lines:
            page.paragraph(recipients, f"- {line};", size=11, align=page.LEFT)
        page.paragraph(recipients, f"- {_('Lưu: VT')}, {DOTS}.", size=11, align=page.LEFT)
        page.drop_empty_start(recipients)
        page.paragraph(signer, _("GIÁM ĐỐC"), bold=True, align=page.CENTER)
        for _blank in range(4):  # room for the signature and the seal
            page.paragraph(signer, align=page.CENTER)
        page.paragraph(signer, DOTS * 4, bold=True, align=page.CENTER)
        page.drop_empty_start(signer)
        table.rows[0].cells[0].paragraphs[0].paragraph_format.space_before = page.pt(12)
        table.rows[0].cells[1].paragraphs[0].paragraph_format.space_before = page.pt(12)
        page.keep_together(table)


def lower_kind(name: str) -> str:
    """ "Thành phố Cần Thơ" -> "thành phố Cần Thơ": a unit's kind inside a sentence."""
    return name[:1].lower() + name[1:]
