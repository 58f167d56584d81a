"""Reading the standing records: as of the end of a period, whatever the size.

Every reader of "where does it stand" goes through here: the public pages, open data,
the workbooks, the staff grid and the reminders. A record answers for period P when it
is P's row, or the commitment's last row when its agreement ended before P; a
commitment whose first period is after P did not exist yet and is left out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import SimpleNamespace

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from agreements.models import Commitment, Indicator
from regions.models import AdministrativeUnit
from reports.models import CommitmentStanding, ReportStatus
from reports.services.calendar import Periods, PeriodWindow
from reports.services.standing_rules import (
    CATEGORY_LABELS,
    FORMAL_ONLY,
    NOT_REPORTED,
    Standing,
    Summary,
)

MISSING = "missing"


@dataclass(frozen=True)
class AsOf:
    """What every figure of a page means: the standing at the end of ``window``."""

    window: PeriodWindow
    latest: bool  # the period under way: everything approved so far

    @property
    def seq(self) -> int:
        return self.window.seq

    @property
    def key(self) -> str:
        return self.window.short_label

    @property
    def label(self) -> str:
        if self.latest:
            return _("Mới nhất (đến nay)")
        return _("Hết %(p)s (%(d)s)") % {
            "p": self.window,
            "d": self.window.data_to.strftime("%d/%m/%Y"),
        }


def latest(today: dt.date | None = None, periods: Periods | None = None) -> AsOf:
    periods = periods or Periods(today)
    return AsOf(periods.window(periods.current), True)


def as_of_choices(periods: Periods) -> list[AsOf]:
    """Latest first, then the end of every past period back to the first opened one."""
    return [latest(periods=periods)] + [AsOf(w, False) for w in periods.past()]


def parse_as_of(value: str | None, periods: Periods | None = None) -> AsOf | None:
    """``2022-H2`` → the end of that (past) period; empty → latest; anything else → None."""
    periods = periods or Periods()
    if not value:
        return latest(periods=periods)
    seq = periods.parse(value)
    if seq is None:
        return None
    return AsOf(periods.window(seq), seq >= periods.current)


def rows_as_of(seq: int, *, combined: bool = True) -> QuerySet[CommitmentStanding]:
    """One row per commitment (or per commitment × party) answering for period ``seq``."""
    rows = CommitmentStanding.objects.filter(Q(seq=seq) | Q(is_last=True, seq__lt=seq))
    return rows.filter(unit__isnull=combined)


def summaries_by_agreement(rows: QuerySet[CommitmentStanding]) -> dict[int, Summary]:
    """Rows counted per agreement and category in the database (a few rows: one query)."""
    return _summaries([rows])


def summaries_as_of(seq: int, **filters) -> dict[int, Summary]:
    """The combined rows answering for ``seq`` counted per agreement, at any size.

    Two queries, the period's rows and the last rows of commitments that ended earlier,
    so that each is counted from its covering index alone (PostgreSQL index-only scans).
    """
    rows = CommitmentStanding.objects.filter(unit__isnull=True, **filters)
    return _summaries([rows.filter(seq=seq), rows.filter(is_last=True, seq__lt=seq)])


def _summaries(querysets) -> dict[int, Summary]:
    by_agreement: dict[int, Summary] = {}
    for rows in querysets:
        _count_into(by_agreement, rows)
    for summary in by_agreement.values():
        summary.formal_only = summary.by_category.get(FORMAL_ONLY, 0)
        summary.not_reported = summary.by_category.get(NOT_REPORTED, 0)
    return by_agreement


# COUNT(seq): a column of every covering index (COUNT(id) would read the table). One row
# per agreement, a column per category: a quarter of the rows of GROUP BY category.
def _count_into(by_agreement: dict[int, Summary], rows: QuerySet[CommitmentStanding]) -> None:
    columns = {f"c_{key}": Count("seq", filter=Q(category=key)) for key in CATEGORY_LABELS}
    counted = (
        rows.order_by()
        .values("agreement_id")
        .annotate(
            under=Count("seq", filter=Q(under_specified=True)),
            carried=Count("seq", filter=Q(carried_over=True)),
            **columns,
        )
    )
    keys = [(f"c_{key}", str(key)) for key in CATEGORY_LABELS]
    for line in counted:
        summary = by_agreement.get(line["agreement_id"])
        if summary is None:
            summary = by_agreement[line["agreement_id"]] = Summary.empty()
        counts = summary.by_category
        for column, key in keys:
            if n := line[column]:
                counts[key] += n
                summary.total += n
        summary.under_specified += line["under"]
        summary.carried_over += line["carried"]


def total(summaries) -> Summary:
    result = Summary.empty()
    for summary in summaries:
        result.add(summary)
    return result


def commitment_select() -> tuple[tuple[str, ...], Prefetch]:
    related = (
        "commitment__agreement",
        "commitment__sector",
        "commitment__lead_agency",
        "commitment__committing_unit",
        "commitment__carried_over_from__agreement",
        "source_report__period",
        "source_report__reporting_unit",
    )
    indicators = Prefetch(
        "commitment__indicators", queryset=Indicator.objects.order_by("order", "id")
    )
    return related, indicators


def standings(rows: QuerySet[CommitmentStanding], *, with_parties: bool = False) -> list[Standing]:
    """Combined rows as ``Standing``s, in the rows' order; each party's line attached."""
    related, indicators = commitment_select()
    found = list(rows.select_related(*related).prefetch_related(indicators))
    items = [Standing.of(row) for row in found]
    if with_parties and items:
        by_commitment = {s.commitment.pk: s for s in items}
        seqs = {row.seq for row in found}
        agreements = {s.commitment.agreement_id for s in items}
        party_rows = (
            CommitmentStanding.objects.filter(
                agreement_id__in=agreements,
                commitment_id__in=list(by_commitment),
                seq__in=seqs,
                unit__isnull=False,
            )
            .select_related("unit", "source_report__period", "source_report__reporting_unit")
            .order_by("commitment_id", "unit__short_name")
        )
        attach_parties(by_commitment, party_rows)
    return items


def attach_parties(owners: dict[int, Standing], rows: Iterable) -> None:
    """Each party's line (a party's standing record) under its commitment's standing,
    in the order of ``rows``."""
    for row in rows:
        owner = owners[row.commitment_id]
        owner.parties.append(Standing.of(row, owner.commitment))


ANNEX_ORDER = ("commitment__sector__order", "commitment__number", "commitment_id")


def standings_of(
    commitments: QuerySet[Commitment],
    as_of: AsOf,
    *,
    order: tuple[str, ...] = ANNEX_ORDER,
    with_parties: bool = False,
) -> list[Standing]:
    rows = rows_as_of(as_of.seq).filter(commitment__in=commitments.values("pk"))
    return standings(rows.order_by(*order), with_parties=with_parties)


def standings_of_agreement(agreement, as_of: AsOf) -> list[Standing]:
    """Every commitment of one agreement, in annex order, each party's line attached."""
    rows = rows_as_of(as_of.seq).filter(agreement=agreement).order_by(*ANNEX_ORDER)
    return standings(rows, with_parties=True)


# --- many commitments at once, as plain rows ---------------------------------------------------

# Columns of the standing records the files use; read as plain rows (``StandingRecord``),
# not model instances: a unit's workbook reads tens of thousands of them.
RECORD_COLUMNS = (
    "commitment_id",
    "unit_id",
    "seq",
    "stage",
    "category",
    "percent",
    "approved_reports",
    "under_specified",
    "carried_over",
    "periods_since_report",
    "periods_in_force",
    "source_report_id",
    "actuals",
    "report_id",
    "report_status",
    "first_submitted_on",
    "due_on",
)


class StandingRecord(SimpleNamespace):
    """A standing record's columns as attributes, with its unit attached (no query).
    The deciding report is not loaded: no file shows it."""

    source_report = None


def records_by_commitment(
    rows: QuerySet[CommitmentStanding], units: dict[int, AdministrativeUnit]
) -> dict[int, list[StandingRecord]]:
    """``rows`` as ``StandingRecord``s per commitment (one query), units from ``units``."""
    by_commitment: dict[int, list[StandingRecord]] = {}
    for values in rows.values(*RECORD_COLUMNS):
        record = StandingRecord(**values)
        record.unit = units.get(record.unit_id)
        by_commitment.setdefault(record.commitment_id, []).append(record)
    return by_commitment


def standings_by_commitment(
    commitments: dict[int, Commitment], seq: int, units: dict[int, AdministrativeUnit]
) -> dict[int, Standing]:
    """The standing of each of ``commitments`` (already read) as of period ``seq``, each
    party's line attached in the order of its unit's short name: two queries, any size."""
    ids = list(commitments)
    combined = records_by_commitment(rows_as_of(seq).filter(commitment_id__in=ids), units)
    by_party = records_by_commitment(
        rows_as_of(seq, combined=False).filter(commitment_id__in=ids), units
    )
    found = {}
    for pk, commitment in commitments.items():
        (row,) = combined[pk]
        found[pk] = Standing.of(row, commitment)
    parties = (line for lines in by_party.values() for line in lines)
    attach_parties(found, sorted(parties, key=lambda line: line.unit.short_name))
    return found


# --- what was owed -------------------------------------------------------------------------


def late_q(today: dt.date) -> Q:
    """Late by the first submission; unsent after the deadline."""
    return Q(first_submitted_on__gt=F("due_on")) | Q(
        first_submitted_on__isnull=True, due_on__lt=today
    )


def owed(seq: int) -> QuerySet[CommitmentStanding]:
    """Each commitment × responsible party that owed a report for period ``seq``: once."""
    return _owed().filter(seq=seq)


def owed_in(seqs: Sequence[int]) -> QuerySet[CommitmentStanding]:
    """``owed`` for several periods at once (a year's two halves)."""
    return _owed().filter(seq__in=seqs)


def _owed() -> QuerySet[CommitmentStanding]:
    return CommitmentStanding.objects.filter(unit__isnull=False, expected=True)


def owed_counts(rows: QuerySet[CommitmentStanding], today: dt.date | None = None) -> Counter:
    today = today or timezone.localdate()
    found = rows.order_by().aggregate(
        expected=Count("seq"),
        approved=Count("seq", filter=Q(report_status=ReportStatus.APPROVED)),
        missing=Count("seq", filter=Q(report_status="")),
        late=Count("seq", filter=late_q(today)),
    )
    return Counter({k: v or 0 for k, v in found.items()})


def owed_by_unit(rows: QuerySet[CommitmentStanding], today: dt.date | None = None):
    """Per responsible unit: expected, approved, missing, late — one query."""
    today = today or timezone.localdate()
    return (
        rows.order_by()
        .values("unit_id")
        .annotate(
            expected=Count("seq"),
            approved=Count("seq", filter=Q(report_status=ReportStatus.APPROVED)),
            missing=Count("seq", filter=Q(report_status="")),
            late=Count("seq", filter=late_q(today)),
        )
    )


def is_late(row: CommitmentStanding, today: dt.date) -> bool:
    if row.first_submitted_on is not None:
        return row.first_submitted_on > row.due_on
    return row.due_on < today
