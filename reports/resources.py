"""Six-monthly progress reports as a spreadsheet, known by (commitment, period, unit).

The headers are Vietnamese and fixed (the file's contract). The columns read a row
into a ``ReportRow``; what an import may write (report content only, drafts and
returned reports only, who may write which) is ``reports.services.report_imports``.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.models import Commitment, Stage
from agreements.widgets import AgreementWidget, LookupWidget, UnitWidget, commitments_by_title
from portal.lib.importing import ChoiceWidget, NumberWidget, TextWidget, name_key, shorten
from portal.lib.sheet_resource import SheetField, SheetResource
from reports.models import ProgressReport, ReportingPeriod
from reports.services.report_imports import ReportRow, import_reports


class CommitmentWidget(LookupWidget):
    """A commitment by its title within the row's agreement (``agreement``)."""

    model = Commitment

    def resolve(self, text, agreement=None, **context):
        if agreement is None:
            raise ValueError(_("Cần ghi thỏa thuận để tìm nội dung hợp tác."))
        table = commitments_by_title(agreement, self.__dict__.setdefault("_titles", {}))
        matches = table.get(name_key(text), [])
        if not matches:
            raise ValueError(
                _("Thỏa thuận “%(agreement)s” không có nội dung “%(value)s”.")
                % {"agreement": agreement.slug, "value": shorten(text)}
            )
        if len(matches) > 1:
            raise ValueError(
                _("Thỏa thuận có %(n)d nội dung cùng tên “%(value)s”.")
                % {"n": len(matches), "value": shorten(text)}
            )
        return matches[0]

    def label(self, obj):
        return obj.title


_PERIOD_FORMS = [
    re.compile(r"^(?P<year>\d{4})\s*[-/ ]?\s*h\s*(?P<half>[12])$"),
    re.compile(r"^h\s*(?P<half>[12])\s*[-/ ]\s*(?P<year>\d{4})$"),
    re.compile(r"^6 thang (?P<which>dau|cuoi)(?: nam)? (?P<year>\d{4})$"),
]


def parse_period(text: str) -> tuple[int, int] | None:
    """ "2024-H1", "H2/2024", "6 tháng đầu năm 2024" -> (year, half)."""
    key = name_key(text)
    for form in _PERIOD_FORMS:
        if match := form.match(key):
            parts = match.groupdict()
            half = (
                int(parts["half"]) if parts.get("half") else (1 if parts["which"] == "dau" else 2)
            )
            return int(parts["year"]), half
    return None


class PeriodWidget(LookupWidget):
    """A reporting period that exists: an import never opens one."""

    model = ReportingPeriod

    def resolve(self, text, **context):
        parsed = parse_period(text)
        if parsed is None:
            raise ValueError(
                _("Không hiểu kỳ “%(value)s”; hãy ghi ví dụ 2024-H1 hoặc 6 tháng đầu năm 2024.")
                % {"value": shorten(text)}
            )
        cache = self.__dict__.setdefault("_periods", {})
        if parsed not in cache:
            year, half = parsed
            first = settings.REPORTING_CALENDAR["first_year"]
            # Periods exist by the Decree's rule, up to next year: nobody opens them.
            known = first <= year <= timezone.localdate().year + 1
            found = ReportingPeriod.objects.get_or_open(year=year, half=half)[0] if known else None
            cache[parsed] = found
        if cache[parsed] is None:
            raise ValueError(
                _(
                    "Không có kỳ báo cáo %(year)d-H%(half)d: các kỳ tính từ năm %(first)d đến năm sau."
                )
                % {
                    "year": parsed[0],
                    "half": parsed[1],
                    "first": settings.REPORTING_CALENDAR["first_year"],
                }
            )
        return cache[parsed]

    def label(self, obj):
        return obj.short_label


class ProgressReportResource(SheetResource):
    agreement = SheetField(
        attribute="commitment__agreement",
        column_name="Thỏa thuận",
        widget=AgreementWidget(),
        context_only=True,
    )
    commitment = SheetField(
        attribute="commitment",
        column_name="Nội dung hợp tác",
        widget=CommitmentWidget(),
        depends_on=("agreement",),
    )
    period = SheetField(attribute="period", column_name="Kỳ", widget=PeriodWidget())
    reporting_unit = SheetField(
        attribute="reporting_unit",
        column_name="Bên báo cáo",
        widget=UnitWidget(),
        depends_on=("period",),
    )
    stage = SheetField(attribute="stage", column_name="Tiến độ", widget=ChoiceWidget(Stage))
    percent = SheetField(
        attribute="percent", column_name="Tỷ lệ (%)", widget=NumberWidget(bounds=(0, 100))
    )
    achievements = SheetField(
        attribute="achievements", column_name="Kết quả thực hiện", widget=TextWidget()
    )
    difficulties = SheetField(
        attribute="difficulties", column_name="Khó khăn, vướng mắc", widget=TextWidget()
    )
    recommendations = SheetField(
        attribute="recommendations", column_name="Kiến nghị, đề xuất", widget=TextWidget()
    )
    next_tasks = SheetField(
        attribute="next_tasks", column_name="Nhiệm vụ kỳ tới", widget=TextWidget()
    )

    natural_key = ("commitment", "period", "reporting_unit")
    row_class = ReportRow
    service = staticmethod(import_reports)
    export_select_related = ("commitment__agreement", "period", "reporting_unit")

    class Meta:
        model = ProgressReport
        name = gettext_lazy("Báo cáo tiến độ")
        fields = (
            "agreement",
            "commitment",
            "period",
            "reporting_unit",
            "stage",
            "percent",
            "achievements",
            "difficulties",
            "recommendations",
            "next_tasks",
        )
        import_order = export_order = fields

    # --- import ------------------------------------------------------------------------
    def context_for(self, name, value):
        if value is None:
            return {}
        if name == "agreement":
            return {"agreement": value}
        if name == "period":
            # the reporting unit is the unit that existed at the end of the period
            return {"on_date": value.data_to}
        return {}

    # --- export ------------------------------------------------------------------------
    def dehydrate_reporting_unit(self, report: ProgressReport) -> str:
        """By name when the name means that unit at the end of the period, else by key."""
        unit = report.reporting_unit
        return unit.short_name if unit.was_valid_on(report.period.data_to) else unit.key
