"""Build the demo data of ``portal.demo.seed``: idempotent, all or nothing, marked demo.

Rows are looked up by natural keys (Agreement.slug, Sector.slug, Agency (unit, name),
Commitment (agreement, title), Indicator (commitment, name), ReportingPeriod (year,
half), ProgressReport (commitment, period, reporting_unit), ReviewMeeting (agreement,
held_on)); a row that matches the tables is left alone, so a second run creates and
updates nothing. Every row goes through ``full_clean()`` before ``save()``.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from agreements.models import (
    Agency,
    AgencySuccession,
    Agreement,
    AgreementParty,
    Commitment,
    Indicator,
    Sector,
)
from portal.demo import seed
from portal.lib.text import slugify_vi
from regions.models import AdministrativeUnit, UnitSuccession
from regions.services import DryRunRollback, LoadCounts
from reports.models import (
    IndicatorValue,
    ProgressReport,
    ReportingPeriod,
    ReportStatus,
    ReviewMeeting,
    default_window,
)
from reports.services import standing_store

# Reports after 01/07/2025 would come from the new units: the demo stops at 2025 H1.
LAST_REPORTED = (2025, 1)
# The demo's reports start with 2021-H1: the periods before are closed, with this note, so
# that the chase list (which keeps a report owed until it is sent or its period closed)
# does not ask for fifteen years of reports nobody kept in the portal (issue 21 item 7).
FIRST_REPORTED = (2021, 1)
CLOSED_BEFORE_NOTE = "Dữ liệu minh họa: kỳ trước khi theo dõi trên cổng (trước năm 2021)"
CURRENT_FROM = dt.date(2025, 7, 1)
# Departments merged from this day, before the units did (``demo_seed``).
REORGANISED_ON = dt.date.fromisoformat(
    "-".join(reversed(seed.DEPARTMENTS_REORGANISED_ON.split("/")))
)

# Printing order of the tables in the counts.
TABLES = [
    "sectors",
    "agencies",
    "agency successions",
    "agreements",
    "parties",
    "commitments",
    "indicators",
    "periods",
    "reports",
    "values",
    "meetings",
]

STAGES = {
    "pro": "proposed",
    "stu": "studying",
    "sta": "started",
    "imp": "implementing",
    "com": "completed",
    "sll": "stalled",
    "can": "cancelled",
}
STATUSES = {
    "": ReportStatus.APPROVED,
    "s": ReportStatus.SUBMITTED,
    "r": ReportStatus.RETURNED,
    "d": ReportStatus.DRAFT,
}
TOKEN = re.compile(r"^(?P<stage>[a-z]{3})(?P<percent>\d{1,3})?(?:!(?P<status>[srd]))?$")


class UnitsNotLoaded(Exception):
    """The administrative units the demo refers to are not in the database."""


def load_demo(*, dry_run: bool = False) -> LoadCounts:
    """Bring the demo rows in line with ``demo_seed``; a dry run counts and rolls back."""
    check_units()
    counts = LoadCounts()
    try:
        with transaction.atomic(), standing_store.batched():
            _Builder(counts).run()
            if dry_run:
                raise DryRunRollback
    except DryRunRollback:
        pass
    return counts


def needed_unit_keys() -> set[str]:
    keys = set()
    for spec in seed.AGREEMENTS:
        keys.update(party[0] for party in spec["parties"])
    return keys


def check_units() -> None:
    keys = needed_unit_keys()
    found = set(AdministrativeUnit.objects.filter(key__in=keys).values_list("key", flat=True))
    missing = sorted(keys - found)
    succeeded = set(
        UnitSuccession.objects.filter(predecessor__key__in=keys).values_list(
            "predecessor__key", flat=True
        )
    )
    if missing or succeeded != keys:
        detail = f" (missing: {', '.join(missing[:5])}…)" if missing else ""
        raise UnitsNotLoaded(
            "Administrative units and their 2025 succession are not loaded"
            f"{detail}. Run `manage.py load_units` first."
        )


def parse_track(track: str) -> list[tuple[str, Decimal | None, str]]:
    """``"sta20 imp45!s"`` -> [(stage, percent, status), ...]."""
    entries = []
    for token in track.split():
        match = TOKEN.match(token)
        if not match or match["stage"] not in STAGES:
            raise ValueError(f"bad track token {token!r}")
        percent = Decimal(match["percent"]) if match["percent"] else None
        entries.append((STAGES[match["stage"]], percent, STATUSES[match["status"] or ""]))
    return entries


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def locality(unit: AdministrativeUnit) -> str:
    """ "Tỉnh Hậu Giang" -> "tỉnh Hậu Giang"; "Thành phố Hồ Chí Minh" keeps its capital."""
    if "Hồ Chí Minh" in unit.name:
        return unit.name
    return unit.name[0].lower() + unit.name[1:]


def _parts(keys) -> str:
    return "; ".join(seed.ILLUSTRATIVE_PARTS[key] for key in dict.fromkeys(keys))


def _sources(ids, *, titles: bool) -> str:
    if titles:
        return "; ".join(f"bài {i} {seed.ARTICLES[i]}" for i in ids)
    return ", ".join(f"bài {i}" for i in ids)


def demo_note(sources, illustrative, *, titles: bool = False) -> str:
    """ "Nguồn: bài 002. Minh họa (bài không nêu): ngày ký; …." — shown with the row."""
    note = []
    if sources:
        note.append(f"Nguồn: {_sources(sources, titles=titles)}.")
    if illustrative:
        note.append(f"Minh họa (bài không nêu): {_parts(illustrative)}.")
    return " ".join(note)


def agreement_note(spec: dict) -> str:
    """The agreement's sources with their titles, its illustrative parts, its meetings'."""
    parts = list(spec.get("illustrative", []))
    if spec["reports"]:
        parts.append("reports")
    note = [demo_note(spec["source"], parts, titles=True)]
    for meeting in spec.get("meetings", []):
        day = _date(meeting["held_on"]).strftime("%d/%m/%Y")
        note.append(
            f"Hội nghị ngày {day} — "
            + demo_note(meeting["source"], meeting.get("illustrative", []))
        )
    return " ".join(note)


def commitment_illustrative(spec: dict, agreement_spec: dict) -> list[str]:
    """What the seed marks, and what is always invented (see ``demo_seed.ILLUSTRATIVE_PARTS``)."""
    parts = list(spec.get("illustrative", []))
    if spec.get("lead") or spec.get("support"):
        parts.append("agencies")
    if "term" in agreement_spec.get("illustrative", []) or spec.get("due") or spec.get("start"):
        parts.append("dates")
    if any(ind.get("target") is not None for ind in spec.get("ind", [])):
        parts.append("targets")
    if spec.get("track"):
        parts.append("reports")
    order = list(seed.ILLUSTRATIVE_PARTS)
    return sorted(set(parts), key=order.index)


def upsert(model, lookup: dict, values: dict, counts: LoadCounts, table: str, m2m=None):
    """Create or bring in line one row (and its many-to-many sets); count the outcome."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        outcome = "created"
    else:
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        outcome = "updated" if changed else "unchanged"
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.full_clean()
            obj.save()
    for name, targets in (m2m or {}).items():
        manager = getattr(obj, name)
        wanted = {target.pk for target in targets}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(targets)
            if outcome == "unchanged":
                outcome = "updated"
    counts.add(table, outcome)
    return obj


class _Builder:
    def __init__(self, counts: LoadCounts):
        self.counts = counts
        self.units = {unit.key: unit for unit in AdministrativeUnit.objects.all()}
        self.successor_key = {
            old: (new, basis)
            for old, new, basis in UnitSuccession.objects.values_list(
                "predecessor__key", "successor__key", "legal_basis"
            )
        }
        self.shares: list[tuple[AgencySuccession, list[str]]] = []
        self.sectors: dict[str, Sector] = {}
        self.agencies: dict[tuple[str, str], Agency] = {}
        self.agreements: dict[str, Agreement] = {}
        self.commitments: dict[str, Commitment] = {}
        self.periods: dict[tuple[int, int], ReportingPeriod] = {}

    def run(self) -> None:
        self.build_sectors()
        for spec in seed.AGREEMENTS:
            self.build_agreement(spec)
        self.build_shares()
        self.close_periods_before()

    def close_periods_before(self) -> None:
        """Close the periods before ``FIRST_REPORTED`` (an administrator's act in real use)."""
        year, half = FIRST_REPORTED
        earlier = ReportingPeriod.objects.filter(
            Q(year__lt=year) | Q(year=year, half__lt=half), closed_at__isnull=True
        )
        closed = earlier.update(
            closed_at=_at(dt.date(year, 1, 4), 8), close_note=CLOSED_BEFORE_NOTE
        )
        for _closed in range(closed):
            self.counts.add("periods", "updated")

    # --- catalogues -----------------------------------------------------------------
    def build_sectors(self) -> None:
        for order, (alias, (name, name_en)) in enumerate(seed.SECTORS.items(), start=1):
            self.sectors[alias] = upsert(
                Sector,
                {"slug": slugify_vi(name)},
                {"name": name, "name_en": name_en, "order": order},
                self.counts,
                "sectors",
            )

    def agency(self, unit_key: str, dept: str) -> Agency:
        """The agency ``dept`` of ``unit_key``, over its real span, with its successors.

        A department of a historical unit that the 2025 reorganisation merged ends on
        28/02/2025 and hands its work to the unit's new departments from 01/03/2025
        (several, with shares, when it split); the unit's departments in force on
        30/06/2025 hand theirs to the merged unit's from 01/07/2025.
        """
        if (unit_key, dept) in self.agencies:
            return self.agencies[(unit_key, dept)]
        unit = self.units[unit_key]
        name, short = seed.DEPARTMENTS[dept]
        historical = unit.valid_until is not None
        reorganised = historical and dept in seed.DEPARTMENT_SUCCESSOR
        valid_from = unit.valid_from or (None if historical else CURRENT_FROM)
        if historical and dept in seed.NEW_DEPARTMENTS:
            valid_from = REORGANISED_ON
        values = {
            "short_name": f"{short} {unit.short_name}",
            "valid_from": valid_from,
            "valid_until": REORGANISED_ON - dt.timedelta(days=1)
            if reorganised
            else unit.valid_until,
        }
        agency = upsert(
            Agency,
            {"unit": unit, "name": f"{name} {locality(unit)}"},
            values,
            self.counts,
            "agencies",
        )
        self.agencies[(unit_key, dept)] = agency
        if reorganised:
            shares = [(seed.DEPARTMENT_SUCCESSOR[dept], {}), *seed.DEPARTMENT_SHARES.get(dept, [])]
            for code, share in shares:
                self.link(
                    agency,
                    self.agency(unit_key, code),
                    REORGANISED_ON,
                    seed.DEPARTMENTS_LEGAL_BASIS,
                    share,
                )
        elif historical and unit_key in self.successor_key:
            new_unit, basis = self.successor_key[unit_key]
            self.link(agency, self.agency(new_unit, dept), CURRENT_FROM, basis, {})
        return agency

    def link(self, old: Agency, new: Agency, day: dt.date, basis: str, share: dict) -> None:
        """One succession link; a share naming commitments is filled once they exist."""
        link = upsert(
            AgencySuccession,
            {"predecessor": old, "successor": new},
            {"effective_on": day, "legal_basis": basis},
            self.counts,
            "agency successions",
            m2m={"sectors": [self.sectors[alias] for alias in share.get("sectors", [])]},
        )
        if share.get("commitments"):
            self.shares.append((link, share["commitments"]))

    def build_shares(self) -> None:
        """The commitments each split's share names (by title, among the predecessor's)."""
        for link, titles in self.shares:
            old = link.predecessor
            named = Commitment.objects.filter(
                Q(lead_agency=old) | Q(supporting_agencies=old), title__in=titles
            ).distinct()
            upsert(
                AgencySuccession,
                {"pk": link.pk},
                {},
                self.counts,
                "agency successions",
                m2m={"commitments": list(named)},
            )

    def period(self, year: int, half: int) -> ReportingPeriod:
        if (year, half) not in self.periods:
            period, created = ReportingPeriod.objects.get_or_open(year=year, half=half)
            self.counts.add("periods", "created" if created else "unchanged")
            self.periods[(year, half)] = period
        return self.periods[(year, half)]

    def periods_for(self, agreement: Agreement) -> list[ReportingPeriod]:
        """Periods overlapping the term, up to ``LAST_REPORTED``; opened as needed."""
        start, end = agreement.term_start, agreement.term_end
        found = []
        for year in range(start.year, min(end.year + 1, LAST_REPORTED[0]) + 1):
            for half in (1, 2):
                if (year, half) > LAST_REPORTED:
                    continue
                window = default_window(year, half)
                if window["data_from"] > end or window["data_to"] < start:
                    continue
                period = self.period(year, half)
                if period.overlaps(start, end):
                    found.append(period)
        return found

    # --- agreements -------------------------------------------------------------------
    def build_agreement(self, spec: dict) -> None:
        term_start, term_end = (_date(day) for day in spec["term"])
        predecessor = self.agreements[spec["predecessor"]] if "predecessor" in spec else None
        sector_aliases = spec.get("sectors") or list(
            dict.fromkeys(c["sector"] for c in spec["commitments"])
        )
        agreement = upsert(
            Agreement,
            {"slug": spec["slug"]},
            {
                "title": spec["title"],
                "kind": spec["kind"],
                "summary": spec["summary"],
                "signed_on": _date(spec["signed_on"]),
                "term_start": term_start,
                "term_end": term_end,
                "predecessor": predecessor,
                "steering_committee": spec.get("steering_committee", ""),
                "merger_note": spec.get("merger_note", ""),
                "is_demo": True,
                "demo_source": agreement_note(spec),
            },
            self.counts,
            "agreements",
            m2m={"sectors": [self.sectors[alias] for alias in sector_aliases]},
        )
        self.agreements[spec["slug"]] = agreement
        for order, (unit_key, role, signatory, title) in enumerate(spec["parties"]):
            unit = self.units[unit_key]
            upsert(
                AgreementParty,
                {"agreement": agreement, "unit": unit},
                {
                    "role": role,
                    "issuing_body": f"UBND {locality(unit)}",
                    "signatory_name": signatory,
                    "signatory_title": title,
                    "order": order,
                },
                self.counts,
                "parties",
            )
            self.agency(unit_key, "khdt")  # every party's planning department
        periods = self.periods_for(agreement) if spec["reports"] else []
        first_party = self.units[spec["parties"][0][0]]
        for number, c_spec in enumerate(spec["commitments"], start=1):
            note = demo_note(c_spec["source"], commitment_illustrative(c_spec, spec))
            commitment = self.build_commitment(agreement, number, c_spec, note)
            if c_spec.get("track"):
                unit = commitment.committing_unit or (
                    commitment.lead_agency.unit if commitment.lead_agency else first_party
                )
                self.build_reports(commitment, c_spec, periods, unit)
        for m_spec in spec.get("meetings", []):
            self.build_meeting(agreement, m_spec)

    def build_commitment(
        self, agreement: Agreement, number: int, spec: dict, note: str
    ) -> Commitment:
        track = parse_track(spec.get("track", ""))
        approved = [stage for stage, _, status in track if status == ReportStatus.APPROVED]
        stage = spec.get("stage") or (approved or [track[-1][0]])[-1]
        lead = self.agency(*spec["lead"]) if spec.get("lead") else None
        supporting = [self.agency(*key) for key in spec.get("support", [])]
        carried = self.commitments[spec["from"]] if "from" in spec else None
        commitment = upsert(
            Commitment,
            {"agreement": agreement, "title": spec["title"]},
            {
                "sector": self.sectors[spec["sector"]],
                "number": number,
                "description": spec.get("desc", ""),
                "committing_unit": self.units[spec["unit"]] if spec.get("unit") else None,
                "lead_agency": lead,
                "start_on": _date(spec.get("start")) or agreement.term_start,
                "due_on": _date(spec.get("due")) or agreement.term_end,
                "stage": stage,
                "carried_over_from": carried,
                "demo_source": note,
            },
            self.counts,
            "commitments",
            m2m={"supporting_agencies": supporting},
        )
        if "key" in spec:
            self.commitments[spec["key"]] = commitment
        for order, ind in enumerate(spec.get("ind", []), start=1):
            upsert(
                Indicator,
                {"commitment": commitment, "name": ind["name"]},
                {
                    "unit_of_measure": ind["uom"],
                    "baseline": _dec(ind.get("base")),
                    "target": _dec(ind.get("target")),
                    "direction": ind.get("dir", Indicator.Direction.INCREASE),
                    "order": order,
                },
                self.counts,
                "indicators",
            )
        return commitment

    # --- reports ----------------------------------------------------------------------
    def build_reports(self, commitment, spec, periods, unit) -> None:
        track = parse_track(spec["track"])
        if len(track) != len(periods):
            raise ValueError(
                f"{commitment.title!r}: track has {len(track)} entries "
                f"for {len(periods)} reporting periods"
            )
        indicators = {i.name: i for i in commitment.indicators.all()}
        for index, (period, (stage, percent, status)) in enumerate(
            zip(periods, track, strict=True)
        ):
            report = upsert(
                ProgressReport,
                {"commitment": commitment, "period": period, "reporting_unit": unit},
                self.report_values(commitment, spec, period, stage, percent, status),
                self.counts,
                "reports",
            )
            for ind in spec.get("ind", []):
                value = ind["values"][index]
                if value is None:
                    continue
                upsert(
                    IndicatorValue,
                    {"report": report, "indicator": indicators[ind["name"]]},
                    {"value": _dec(value), "note": ind.get("note", "")},
                    self.counts,
                    "values",
                )

    @staticmethod
    def report_values(commitment, spec, period, stage, percent, status) -> dict:
        hour = 8 + commitment.number % 8  # spread the demo submissions over the day
        sent = status != ReportStatus.DRAFT
        reviewed = status in (ReportStatus.APPROVED, ReportStatus.RETURNED)
        completed = stage == "completed"
        return {
            "stage": stage,
            "percent": percent,
            "achievements": f"{seed.STAGE_NOTE[stage]} {spec.get('done', '')}".strip(),
            "difficulties": "" if completed else spec.get("issue", ""),
            "recommendations": "" if completed else spec.get("ask", ""),
            "next_tasks": seed.NEXT_WHEN_COMPLETED if completed else spec.get("next", ""),
            "status": status,
            "return_reason": spec["return_reason"] if status == ReportStatus.RETURNED else "",
            "submitted_at": _at(period.department_due, hour, 30) if sent else None,
            "reviewed_at": _at(period.consolidated_due, 15) if reviewed else None,
            "is_demo": True,
        }

    def build_meeting(self, agreement: Agreement, spec: dict) -> None:
        upsert(
            ReviewMeeting,
            {"agreement": agreement, "held_on": _date(spec["held_on"])},
            {
                "host_unit": self.units[spec["host"]],
                "place": spec["place"],
                "title": spec["title"],
                "attendees": spec["attendees"],
                "minutes": spec["minutes"],
                "decisions": spec["decisions"],
                "is_demo": True,
            },
            self.counts,
            "meetings",
        )
