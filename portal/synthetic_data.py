"""Deterministic synthetic data at national scale, for benchmarks (``manage.py generate_data``).

Why: the demo (``load_demo``) holds six agreements. Pages, exports and the standing
table must be measured against what a national portal holds after ten years: about
2,000 cooperation agreements among the provinces, 40,000 commitments and 400,000
six-monthly progress reports. ``scale`` shrinks all of it (0.01: ~20 agreements).

What the data looks like, in the seeds' words:
- agreements signed 2016–2026; signed before 01/07/2025 between the 63 historical units,
  from then on between the 34 current ones; mostly bilateral, some regional programmes
  of 3–6 parties, some memoranda; terms of 5 years mostly (some 3, some 10); renewals
  (``predecessor``) carry unfinished commitments over (``carried_over_from``); a few
  agreements terminated, or superseded by a renewal signed before their term ended;
- commitments in the catalogue's sectors, half of them by one party, the rest joint;
  most with a lead agency of the right department of a party (created here when the
  unit has none of that name), some without a lead agency or without an indicator
  with a target (*under-specified*);
- at most one report per owing party and period, as the standing records count what
  is owed (``reports.services.standing_store``): the committing unit, else the lead agency's
  unit, else every party, as the unit that existed at the period's cut-off (after the
  2025 merger, its successor); from the term's first period to the last whose cut-off
  falls before the agreement ends; nothing after a party's approved "completed".
  Many commitments never get past "started" (*formal only*), some stall or are
  cancelled, some owed reports are missing; past periods are approved, the last two
  hold drafts, submissions waiting and returned reports; about one report in four was
  first submitted after the department deadline.

Marks: agreements have slugs ``synthetic-…`` and ``is_demo=True``, reports
``is_demo=True``, agencies created here an e-mail ``…@synthetic.invalid``.
``delete_synthetic`` removes exactly those and every row hanging off the agreements.
Sectors and reporting periods are the shared catalogue: created when missing (with the
values ``load_demo`` and ``ReportingPeriod.objects.get_or_open`` give them), never deleted.

Determinism: one ``random.Random(seed)`` is drawn in a fixed order, and the data's
"today" is the fixed ``AS_OF``, not the clock: one seed gives the same content on any
day. Primary keys and the ``created_at``/``updated_at`` stamps differ between runs.

Shortcuts, on purpose: rows are written with ``bulk_create`` in chunks (memory stays
bounded), so ``save()``, signals and django-simple-history are skipped: synthetic rows
have no history records, which is acceptable for data nobody edited, and the derived
standing table must be rebuilt afterwards (the command calls ``rebuild_standing``).
Rows are valid by construction rather than ``full_clean()``-ed one by one (400,000
validations would take longer than the generation); the tests validate a sample.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models.fields.reverse_related import ForeignObjectRel
from tqdm import tqdm

from agreements.models import (
    Agency,
    AgencySuccession,
    Agreement,
    AgreementParty,
    Commitment,
    Indicator,
    Sector,
    Stage,
)
from portal import synthetic_texts as texts
from portal.demo import seed
from portal.demo.data import locality
from portal.lib.text import slugify_vi
from regions.models import AdministrativeUnit, UnitSuccession
from regions.queries import current_successors, unit_on
from reports.models import (
    IndicatorValue,
    ProgressReport,
    ReportingPeriod,
    ReportStatus,
    period_seq,
)
from reports.services import calendar
from reports.services.standing_rules import FINAL_STAGES

SLUG_PREFIX = "synthetic-"
AGENCY_EMAIL_DOMAIN = "synthetic.invalid"
AS_OF = dt.date(2026, 11, 30)  # the data's "today"
FIRST_DAY = dt.date(2016, 1, 1)
YEARS = range(2016, 2027)  # reporting periods opened: every half-year of these
MERGER_DAY = dt.date(2025, 7, 1)
FULL_SCALE_AGREEMENTS = 2000
BATCH_SIZE = 2000
CHUNK_COMMITMENTS = 2000  # commitments built (with their reports) before writing
SUMMARY = (
    "Dữ liệu tổng hợp sinh tự động (generate_data) để đo hiệu năng; "
    "không phải văn bản, số liệu thật."
)
LADDER = [Stage.PROPOSED, Stage.STUDYING, Stage.STARTED, Stage.IMPLEMENTING, Stage.COMPLETED]
IMPLEMENTING, COMPLETED = 3, 4  # ladder levels
# Report statuses by the period's age (0: the period still open on AS_OF, 1: the one
# before, …): (statuses, cumulative weights). Past periods are approved; the last two
# hold drafts, reports waiting for review and returned ones.
STATUS_MIX = [
    (["draft", "submitted", "returned", "approved"], [0.55, 0.90, 0.95, 1.0]),
    (["approved", "submitted", "returned", "draft"], [0.75, 0.88, 0.94, 1.0]),
    (["approved", "submitted", "returned"], [0.96, 0.99, 1.0]),
    (["approved", "submitted", "returned"], [0.997, 0.999, 1.0]),
]
UNFINISHED = {Stage.PROPOSED, Stage.STUDYING, Stage.STARTED, Stage.IMPLEMENTING, Stage.STALLED}


class UnitsNotLoaded(Exception):
    """The reference units (and their 2025 succession) are not in the database."""


class SyntheticDataExists(Exception):
    """Synthetic rows are already there and the caller did not ask to replace them."""


def synthetic_agreements() -> models.QuerySet[Agreement]:
    return Agreement.objects.filter(slug__startswith=SLUG_PREFIX)


def real_agreements() -> models.QuerySet[Agreement]:
    """Agreements that are neither synthetic nor demo: a database people work in."""
    return Agreement.objects.exclude(slug__startswith=SLUG_PREFIX).filter(is_demo=False)


def check_units() -> None:
    historical = AdministrativeUnit.objects.historical().count()
    current = AdministrativeUnit.objects.current().count()
    linked = UnitSuccession.objects.values("predecessor").distinct().count()
    if historical < 2 or current < 2 or linked < historical:
        raise UnitsNotLoaded(
            f"Administrative units are not loaded ({historical} historical and {current} "
            f"current units, {linked} with a successor). Run `manage.py load_units` first."
        )


@dataclass
class Outcome:
    counts: Counter = field(default_factory=Counter)  # rows created, per table
    deleted: Counter = field(default_factory=Counter)  # rows deleted by --replace
    timings: dict[str, float] = field(default_factory=dict)  # seconds, per phase

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started


@contextmanager
def without_query_log() -> Iterator[None]:
    """Run with Django's query log off, as a server does: with DEBUG on, Django keeps the
    SQL of every query (megabytes per INSERT of 2,000 rows, and on SQLite it quotes
    every parameter again to show it), a quarter of the time of a generation."""
    debug = settings.DEBUG
    settings.DEBUG = False
    try:
        yield
    finally:
        settings.DEBUG = debug


def generate(
    *,
    seed: int = 1,
    scale: float = 1.0,
    replace: bool = False,
    dry_run: bool = False,
    show_progress: bool = False,
) -> Outcome:
    """Write the synthetic data set of ``seed`` at ``scale``, all or nothing."""
    if not 0 < scale <= 10:
        raise ValueError("scale must be greater than 0 and at most 10")
    check_units()
    outcome = Outcome()
    with without_query_log(), transaction.atomic():
        if synthetic_agreements().exists():
            if not replace:
                raise SyntheticDataExists(
                    f"The database already holds {synthetic_agreements().count()} synthetic "
                    "agreements; add --replace to delete them (and everything they hold) first."
                )
            with outcome.phase("delete previous synthetic data"):
                outcome.deleted = delete_synthetic()
        _Builder(random.Random(seed), scale, outcome, show_progress).run()
        if dry_run:
            transaction.set_rollback(True)
    return outcome


# --- deleting ------------------------------------------------------------------------------


def delete_synthetic() -> Counter:
    """Delete the synthetic agreements, every row that hangs off them, and the synthetic
    agencies nothing else uses.

    The ORM's ``delete()`` would load every row into memory and write a history record
    for each (simple-history listens to deletions): hours at 400,000 reports. This walks
    the reverse relations from ``Agreement`` instead (so a table added later, such as the
    standing table, is covered) and deletes each table with one SQL statement, children
    first. Relations that set null (and self-references, e.g. ``predecessor``) are
    cleared afterwards wherever they point at a deleted row. Foreign keys are checked
    at commit (Django creates them deferred on PostgreSQL and SQLite).
    """
    deleted: Counter = Counter()
    nulls: list[tuple[type[models.Model], str, type[models.Model]]] = []
    where = f"{_q(Agreement._meta.get_field('slug').column)} LIKE %s"
    with connection.cursor() as cursor:
        _delete_tree(cursor, Agreement, where, [SLUG_PREFIX + "%"], deleted, nulls)
        for child, column, parent in dict.fromkeys(nulls):
            cursor.execute(
                f"UPDATE {_q(child._meta.db_table)} SET {_q(column)} = NULL "
                f"WHERE {_q(column)} IS NOT NULL AND {_q(column)} NOT IN "
                f"(SELECT {_q(parent._meta.pk.column)} FROM {_q(parent._meta.db_table)})"
            )
    agencies = (
        Agency.objects.filter(email__endswith="@" + AGENCY_EMAIL_DOMAIN)
        .exclude(led_commitments__isnull=False)
        .exclude(supported_commitments__isnull=False)
        .exclude(memberships__isnull=False)
    )
    deleted.update(agencies.delete()[1])
    return +deleted


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _delete_tree(cursor, model, where: str, params: list, deleted: Counter, nulls: list) -> None:
    table = _q(model._meta.db_table)
    for rel in model._meta.get_fields(include_hidden=True):
        if not isinstance(rel, ForeignObjectRel) or rel.many_to_many:
            continue
        child, column = rel.related_model, rel.field.column
        on_delete = rel.on_delete
        if on_delete is models.DO_NOTHING or not child._meta.managed or child._meta.proxy:
            continue
        if child is model or on_delete in (models.SET_NULL, models.SET_DEFAULT):
            nulls.append((child, column, model))
            continue
        ids = f"SELECT {_q(model._meta.pk.column)} FROM {table} WHERE {where}"
        _delete_tree(cursor, child, f"{_q(column)} IN ({ids})", params, deleted, nulls)
    cursor.execute(f"DELETE FROM {table} WHERE {where}", params)
    deleted[model._meta.label] += cursor.rowcount


# --- generating ------------------------------------------------------------------------------


@dataclass(eq=False)
class _Plan:
    """An agreement before it is written."""

    kind: str
    parties: list[AdministrativeUnit]
    coordinated: bool
    signed_on: dt.date
    term_start: dt.date
    term_end: dt.date
    first_year: int
    last_year: int
    draw: int  # drawing order, to break ties in the signing order
    predecessor: _Plan | None = None
    override: str = ""
    changed_on: dt.date | None = None
    renewed: bool = False
    pk: int | None = None
    agreement: Agreement | None = None
    # Unfinished commitments handed to the renewal: (commitment, sector, title,
    # committing unit, level reached).
    carry: list[tuple] = field(default_factory=list)
    reliability: dict[int, float] = field(default_factory=dict)


class _Rows:
    """Unsaved rows of ``model`` built from positional values in field order: half the
    cost of keyword construction, which dominates at half a million rows."""

    def __init__(self, model: type[models.Model]):
        fields = model._meta.concrete_fields
        self.model = model
        self.names = [f.attname for f in fields]
        self.defaults = {f.attname: f.get_default() for f in fields}
        self.fresh = [f for f in fields if callable(f.default)]  # a new default each row

    def __call__(self, **values) -> models.Model:
        if not values.keys() <= self.defaults.keys():
            raise TypeError(f"{self.model.__name__}: unknown {values.keys() - self.defaults}")
        row = self.defaults | values
        for fresh in self.fresh:
            if fresh.attname not in values:
                row[fresh.attname] = fresh.get_default()
        return self.model(*[row[name] for name in self.names])


class _Builder:
    def __init__(self, rng: random.Random, scale: float, outcome: Outcome, show_progress: bool):
        self.rng = rng
        self.scale = scale
        self.outcome = outcome
        self.show_progress = show_progress
        self.tz = ZoneInfo(settings.TIME_ZONE)
        units = list(AdministrativeUnit.objects.order_by("key"))
        self.successors = current_successors(units)
        self.successor = {pk: found[0] for pk, found in self.successors.items() if found}
        self.units = {u.pk: u for u in units}
        self.historical = [u for u in units if not u.is_current]
        self.current = [u for u in units if u.is_current]
        self.new_report = _Rows(ProgressReport)
        self.new_value = _Rows(IndicatorValue)

    def run(self) -> None:
        with self.outcome.phase("catalogues (sectors, agencies, periods)"):
            self.load_catalogues()
        with self.outcome.phase("planning agreements"):
            plans = self.plan_agreements(max(1, round(FULL_SCALE_AGREEMENTS * self.scale)))
        with self.outcome.phase("agreements and parties"):
            self.write_agreements(plans)
        self.write_contents(plans)

    # --- catalogues ------------------------------------------------------------------------
    def load_catalogues(self) -> None:
        if not Sector.objects.exists():
            Sector.objects.bulk_create(
                Sector(slug=slugify_vi(name), name=name, name_en=name_en, order=order)
                for order, (name, name_en) in enumerate(seed.SECTORS.values(), start=1)
            )
            self.outcome.counts["sectors"] += len(seed.SECTORS)
        alias_of = {slugify_vi(name): alias for alias, (name, _) in seed.SECTORS.items()}
        self.sectors = list(Sector.objects.order_by("order", "slug"))
        self.alias = {s.pk: alias_of.get(s.slug, "") for s in self.sectors}
        self.sector_order = {s.pk: i for i, s in enumerate(self.sectors)}
        self.load_agencies()
        self.periods = [
            ReportingPeriod.objects.get_or_open(year=year, half=half)[0]
            for year in YEARS
            for half in (1, 2)
        ]

    def load_agencies(self) -> None:
        """An agency per unit and department: the existing one of that name (the demo's,
        say), else a synthetic one; historical ones point at their 2025 successor."""
        old = sorted(set(texts.SECTOR_DEPARTMENT.values()))
        new = sorted({seed.DEPARTMENT_SUCCESSOR.get(code, code) for code in old})
        existing = {
            (unit_id, name): pk
            for pk, unit_id, name in Agency.objects.values_list("pk", "unit", "name")
        }
        self.agency: dict[tuple[int, str], int] = {}
        self.agency_unit: dict[int, int] = {}
        successors: dict[tuple[int, str], int] = {}
        for units, codes in ((self.current, new), (self.historical, old)):
            wanted = []
            for unit in units:
                for code in codes:
                    name, short = seed.DEPARTMENTS[code]
                    full = f"{name} {locality(unit)}"
                    if (unit.pk, full) in existing:
                        self.agency[(unit.pk, code)] = existing[(unit.pk, full)]
                        continue
                    if not unit.is_current:
                        target = self.successor[unit.pk].pk
                        code_now = seed.DEPARTMENT_SUCCESSOR.get(code, code)
                        successors[(unit.pk, code)] = self.agency[(target, code_now)]
                    wanted.append(
                        (
                            (unit.pk, code),
                            Agency(
                                unit=unit,
                                name=full,
                                short_name=f"{short} {unit.short_name}",
                                valid_from=unit.valid_from,
                                valid_until=unit.valid_until,
                                email=f"{code}.{unit.key}@{AGENCY_EMAIL_DOMAIN}",
                            ),
                        )
                    )
            Agency.objects.bulk_create([a for _, a in wanted], batch_size=BATCH_SIZE)
            self.outcome.counts["agencies"] += len(wanted)
            for key, agency in wanted:
                self.agency[key] = agency.pk
            # a historical department's work goes whole to its successor the day after it ends
            AgencySuccession.objects.bulk_create(
                [
                    AgencySuccession(
                        predecessor=agency,
                        successor_id=successors[key],
                        effective_on=agency.valid_until + dt.timedelta(days=1),
                    )
                    for key, agency in wanted
                    if key in successors and agency.valid_until
                ],
                batch_size=BATCH_SIZE,
            )
        self.agency_unit = {pk: unit_pk for (unit_pk, _), pk in self.agency.items()}

    def department(self, sector_id: int, unit: AdministrativeUnit) -> str:
        code = texts.SECTOR_DEPARTMENT.get(self.alias[sector_id], "khdt")
        return seed.DEPARTMENT_SUCCESSOR.get(code, code) if unit.is_current else code

    # --- agreements ------------------------------------------------------------------------
    def plan_agreements(self, wanted: int) -> list[_Plan]:
        rng, plans = self.rng, []
        span = (AS_OF - FIRST_DAY).days
        while len(plans) < wanted:
            if rng.random() < 0.7:  # signed as a five-year plan period starts
                year = rng.choice([2016, 2016, 2016, 2021, 2021])
                signed = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 150))
            else:
                signed = FIRST_DAY + dt.timedelta(days=rng.randint(0, span))
            roll = rng.random()
            kind = "bilateral" if roll < 0.8 else "multilateral" if roll < 0.92 else "memorandum"
            plan = self.plan_term(kind, self.draw_parties(kind, signed), signed, len(plans))
            plans.append(plan)
            while len(plans) < wanted and rng.random() < 0.45:
                renewal = self.plan_renewal(plan, len(plans))
                if renewal is None:
                    break
                plans.append(renewal)
                plan = renewal
        for plan in plans:
            if plan.renewed or plan.override or rng.random() >= 0.03:
                continue
            span = (min(plan.term_end, AS_OF) - plan.term_start).days
            if span > 200:
                plan.override = Agreement.StatusOverride.TERMINATED
                plan.changed_on = plan.term_start + dt.timedelta(days=rng.randint(180, span))
        return sorted(plans, key=lambda p: (p.signed_on, p.draw))

    def draw_parties(self, kind: str, day: dt.date) -> list[AdministrativeUnit]:
        rng = self.rng
        pool = self.historical if day < MERGER_DAY else self.current
        weights = [3 if u.kind == AdministrativeUnit.Kind.CITY else 1 for u in pool]
        first = rng.choices(pool, weights)[0]
        others = [u for u in pool if u.pk != first.pk]
        near = [u for u in others if first.region_id and u.region_id == first.region_id]
        if kind == "multilateral":
            size = rng.randint(3, 6)
            source = near if len(near) >= size - 1 and rng.random() < 0.8 else others
            return [first, *rng.sample(source, size - 1)]
        source = near if near and rng.random() < 0.7 else others
        return [first, rng.choice(source)]

    def plan_term(
        self,
        kind: str,
        parties: list,
        signed: dt.date,
        draw: int,
        first_year: int | None = None,
    ) -> _Plan:
        rng = self.rng
        years = rng.choices([5, 3, 10], [0.7, 0.1, 0.2])[0]
        if first_year is None:
            first_year = signed.year + 1 if signed.month >= 10 else signed.year
        start = max(signed, dt.date(first_year, 1, 1))
        last_year = first_year + years - 1
        coordinated = kind == "multilateral" and rng.random() < 0.6
        return _Plan(
            kind,
            parties,
            coordinated,
            signed,
            start,
            dt.date(last_year, 12, 31),
            first_year,
            last_year,
            draw,
        )

    def plan_renewal(self, plan: _Plan, draw: int) -> _Plan | None:
        rng = self.rng
        early = rng.random() < 0.2
        if early:
            signed = plan.term_end - dt.timedelta(days=rng.randint(15, 180))
        else:
            signed = plan.term_end + dt.timedelta(days=rng.randint(10, 120))
        if signed > AS_OF:
            return None
        parties = plan.parties
        if signed >= MERGER_DAY:
            parties = list(
                {self.successor[u.pk].pk: self.successor[u.pk] for u in parties}.values()
            )
        if len(parties) < 2:
            return None  # the parties merged: the programme became one unit's own business
        if len(parties) > 2:
            kind = "multilateral"
        else:
            kind = "bilateral" if plan.kind == "multilateral" else plan.kind
        renewal = self.plan_term(kind, parties, signed, draw, first_year=plan.last_year + 1)
        renewal.predecessor = plan
        plan.renewed = True
        if early:
            plan.override = Agreement.StatusOverride.SUPERSEDED
            plan.changed_on = signed
        return renewal

    def write_agreements(self, plans: list[_Plan]) -> None:
        objs = []
        for number, plan in enumerate(plans, start=1):
            names = [locality(u) for u in plan.parties]
            joined = " và ".join([", ".join(names[:-1]), names[-1]])
            years = f"giai đoạn {plan.first_year}-{plan.last_year}"
            title = {
                "bilateral": f"Chương trình hợp tác phát triển kinh tế - xã hội giữa {joined} {years}",
                "multilateral": f"Thỏa thuận hợp tác phát triển vùng giữa {joined} {years}",
                "memorandum": f"Bản ghi nhớ hợp tác giữa {joined} {years}",
            }[plan.kind]
            slug = f"{SLUG_PREFIX}{number:05d}-" + slugify_vi(
                "-".join(u.short_name for u in plan.parties)
            )
            objs.append(
                Agreement(
                    slug=slug[:120].rstrip("-"),
                    title=title[:300],
                    kind=plan.kind,
                    summary=SUMMARY,
                    signed_on=plan.signed_on,
                    signed_at=plan.parties[0].name,
                    term_start=plan.term_start,
                    term_end=plan.term_end,
                    status_override=plan.override,
                    status_changed_on=plan.changed_on,
                    merger_note=self.merger_note(plan),
                    is_demo=True,
                )
            )
        Agreement.objects.bulk_create(objs, batch_size=BATCH_SIZE)
        for plan, obj in zip(plans, objs, strict=True):
            plan.pk, plan.agreement = obj.pk, obj
        Agreement.objects.bulk_update(
            [Agreement(pk=p.pk, predecessor_id=p.predecessor.pk) for p in plans if p.predecessor],
            ["predecessor"],
            batch_size=BATCH_SIZE,
        )
        parties = [
            AgreementParty(
                agreement_id=plan.pk,
                unit=unit,
                role="coordinator" if plan.coordinated and order == 0 else "party",
                issuing_body=f"UBND {locality(unit)}",
                order=order,
            )
            for plan in plans
            for order, unit in enumerate(plan.parties)
        ]
        AgreementParty.objects.bulk_create(parties, batch_size=BATCH_SIZE)
        self.outcome.counts["agreements"] += len(objs)
        self.outcome.counts["parties"] += len(parties)

    def merger_note(self, plan: _Plan) -> str:
        if plan.parties[0].is_current or plan.term_end < MERGER_DAY:
            return ""
        successors = {u.pk: self.successor[u.pk] for u in plan.parties}
        if len({s.pk for s in successors.values()}) == 1:
            only = next(iter(successors.values()))
            return (
                f"Từ 01/07/2025 các bên cùng thuộc {locality(only)}: nội dung còn dở dang "
                "trở thành nhiệm vụ nội bộ của địa phương."
            )
        parts = [f"{u.short_name} thuộc {locality(successors[u.pk])}" for u in plan.parties]
        return "Từ 01/07/2025: " + "; ".join(parts) + "."

    # --- commitments, indicators, reports ---------------------------------------------------
    def write_contents(self, plans: list[_Plan]) -> None:
        bar = tqdm(
            total=len(plans),
            unit=" agreements",
            desc="generating",
            disable=not self.show_progress or None,
            mininterval=0.5,
        )
        chunk: list[tuple[_Plan, list]] = []
        with bar:
            for plan in plans:
                if plan.predecessor is not None and any(p is plan.predecessor for p, _ in chunk):
                    chunk = self.flush(chunk, bar)  # carried commitments need their keys
                with self.outcome.phase("planning commitments and reports"):
                    chunk.append((plan, self.draft_commitments(plan)))
                if sum(len(drafted) for _, drafted in chunk) >= CHUNK_COMMITMENTS:
                    chunk = self.flush(chunk, bar)
            self.flush(chunk, bar)

    def flush(self, chunk: list[tuple[_Plan, list]], bar) -> list:
        """Write a chunk of drafted agreements' contents; returns the next (empty) chunk."""
        counts = self.outcome.counts
        with self.outcome.phase("commitments and indicators"):
            through = Agreement.sectors.through
            links = [
                through(agreement_id=plan.pk, sector_id=sector_id)
                for plan, drafted in chunk
                for sector_id in sorted({d["commitment"].sector_id for d in drafted})
            ]
            through.objects.bulk_create(links, batch_size=BATCH_SIZE)
            commitments = [d["commitment"] for _, drafted in chunk for d in drafted]
            Commitment.objects.bulk_create(commitments, batch_size=BATCH_SIZE)
            support = Commitment.supporting_agencies.through
            supports = [
                support(commitment_id=d["commitment"].pk, agency_id=agency_id)
                for _, drafted in chunk
                for d in drafted
                for agency_id in d["support"]
            ]
            support.objects.bulk_create(supports, batch_size=BATCH_SIZE)
            indicators = [i for _, drafted in chunk for d in drafted for i in d["indicators"]]
            Indicator.objects.bulk_create(indicators, batch_size=BATCH_SIZE)
            for plan, drafted in chunk:
                if plan.renewed:
                    plan.carry = [d["carry"] for d in drafted if d["carry"]]
        with self.outcome.phase("reports and indicator values"):
            reports = []
            for _, drafted in chunk:
                for d in drafted:
                    for report, _ in d["reports"]:
                        report.commitment_id = d["commitment"].pk
                        reports.append(report)
            ProgressReport.objects.bulk_create(reports, batch_size=BATCH_SIZE)
            values = []
            for _, drafted in chunk:
                for d in drafted:
                    for report, pairs in d["reports"]:
                        for value, indicator in pairs:
                            value.report_id, value.indicator_id = report.pk, indicator.pk
                            values.append(value)
            IndicatorValue.objects.bulk_create(values, batch_size=BATCH_SIZE)
        counts["agreement sectors"] += len(links)
        counts["commitments"] += len(commitments)
        counts["supporting agencies"] += len(supports)
        counts["indicators"] += len(indicators)
        counts["reports"] += len(reports)
        counts["indicator values"] += len(values)
        bar.update(len(chunk))
        bar.set_postfix(reports=counts["reports"], refresh=False)
        return []

    def draft_commitments(self, plan: _Plan) -> list[dict]:
        """The plan's commitments with their indicators and reports, as unsaved rows."""
        rng = self.rng
        n = {
            "bilateral": rng.randint(14, 30),
            "multilateral": rng.randint(15, 35),
            "memorandum": rng.randint(5, 10),
        }[plan.kind]
        chosen = rng.sample(self.sectors, min(len(self.sectors), rng.randint(4, 10)))
        carried = []
        if plan.predecessor is not None:
            for item in plan.predecessor.carry:
                if len(carried) < n // 2 and rng.random() < 0.6:
                    carried.append(item)
            plan.predecessor.carry = []  # one renewal takes them over
        drafts = []
        for item in carried:
            commitment, sector_id, title, unit, level = item
            if unit is not None and not unit.is_current and plan.parties[0].is_current:
                unit = self.successor[unit.pk]
            if unit is not None and unit not in plan.parties:
                unit = None
            drafts.append((sector_id, title, unit, commitment, level))
        for _ in range(n - len(carried)):
            sector = rng.choice(chosen)
            pool = texts.COMMITMENT_TITLES.get(self.alias[sector.pk]) or [
                texts.GENERIC_TITLE.format(sector=sector.name.lower())
            ]
            unit = rng.choice(plan.parties) if rng.random() < 0.5 else None
            drafts.append((sector.pk, rng.choice(pool), unit, None, rng.choice([0, 0, 1])))
        drafts.sort(key=lambda d: self.sector_order[d[0]])  # stable: numbered by sector
        periods = self.periods_of(plan)
        return [
            self.draft_commitment(plan, number, periods, *draft)
            for number, draft in enumerate(drafts, start=1)
        ]

    def periods_of(self, plan: _Plan) -> list[tuple[int, ReportingPeriod]]:
        """(age, period) for the periods that owe reports, as the standing records count
        them (``reports.services.standing_store.commitment_rows``): from the period of the
        commitment's start (the term's) to the last whose cut-off falls before the
        agreement ends (its term, or its termination); age 0 is the last period."""
        first = calendar.seq_of_day(plan.term_start)
        last = max(first, calendar.last_cutoff_seq(plan.agreement.ends_on))
        newest = len(self.periods) - 1
        return [
            (newest - i, p)
            for i, p in enumerate(self.periods)
            if first <= period_seq(p.year, p.half) <= last
        ]

    def draft_commitment(
        self, plan, number, periods, sector_id, title, unit, carried_from, start_level
    ) -> dict:
        rng = self.rng
        owner = unit or rng.choice(plan.parties)
        lead = None
        support = []
        if rng.random() < 0.82:
            code = self.department(sector_id, owner)
            lead = self.agency[(owner.pk, code)]
            partners = [u for u in plan.parties if u.pk != owner.pk]
            if partners and rng.random() < 0.4:
                support.append(self.agency[(rng.choice(partners).pk, code)])
        due = plan.term_end
        if rng.random() < 0.2:
            due = dt.date(rng.randint(plan.first_year, plan.last_year), 12, 31)
        commitment = Commitment(
            agreement_id=plan.pk,
            sector_id=sector_id,
            number=number,
            title=title,
            committing_unit=unit,
            lead_agency_id=lead,
            start_on=plan.term_start,
            due_on=due,
            carried_over_from=carried_from,
        )
        indicators = self.draft_indicators(commitment, sector_id)
        if unit is not None:
            owing = [unit]
        elif lead is not None:
            owing = [self.units[self.agency_unit[lead]]]
        else:
            owing = plan.parties
        reports, final = self.draft_reports(
            plan, commitment, indicators, periods, owing, start_level
        )
        commitment.stage = final
        level = LADDER.index(final) if final in LADDER else start_level
        carry = (commitment, sector_id, title, unit, level) if final in UNFINISHED else None
        return {
            "commitment": commitment,
            "support": support,
            "indicators": indicators,
            "reports": reports,
            "carry": carry,
        }

    def draft_indicators(self, commitment: Commitment, sector_id: int) -> list[Indicator]:
        rng = self.rng
        count = rng.choices([0, 1, 2, 3], [0.35, 0.35, 0.2, 0.1])[0]
        pool = texts.INDICATORS.get(self.alias[sector_id], []) + texts.GENERIC_INDICATORS
        indicators = []
        for order, (name, uom, low, high) in enumerate(rng.sample(pool, min(count, len(pool))), 1):
            target = Decimal(rng.randint(low, high)) if rng.random() < 0.85 else None
            indicators.append(
                Indicator(
                    commitment=commitment,
                    name=name,
                    unit_of_measure=uom,
                    baseline=Decimal(0) if rng.random() < 0.4 else None,
                    target=target,
                    direction="increase" if rng.random() < 0.95 else "maintain",
                    order=order,
                )
            )
            indicators[-1].scale = (low, high)  # for the values, not a field
        return indicators

    def draw_track(self, length: int, start_level: int) -> list[tuple[str, int]]:
        """(stage, percent) per period: up the ladder at the commitment's own pace, up to
        a ceiling; most stop below "implementing"; some stall, a few are cancelled
        (the track then ends)."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.45:
            ceiling = rng.choices([0, 1, 2], [0.25, 0.35, 0.4])[0]  # formal only
        elif roll < 0.73:
            ceiling = IMPLEMENTING
        elif roll < 0.88:
            ceiling = COMPLETED
        else:
            ceiling = rng.choice([1, 2, 3])  # stalls or is cancelled on the way
        stop = rng.randint(1, max(1, length - 1)) if roll >= 0.88 else None
        cancelled = roll >= 0.97
        pace = rng.randint(1, 3)
        level, percent, track = min(start_level, ceiling), 0, []
        for i in range(length):
            if i and i % pace == 0 and level < ceiling:
                level += 1
            floor = (0, 0, 5, 25, 100)[level]
            if level == IMPLEMENTING:
                percent = min(95, max(percent, floor) + rng.randint(3, 15))
            else:
                percent = max(percent, floor + rng.randint(0, 10) * (0 < level < 3))
            if stop is not None and i >= stop:
                track.append((Stage.CANCELLED if cancelled else Stage.STALLED, percent))
                if cancelled:
                    break
                continue
            track.append((LADDER[level], 100 if level == COMPLETED else percent))
        return track

    def draft_reports(self, plan, commitment, indicators, periods, owing, start_level):
        rng = self.rng
        track = self.draw_track(len(periods), start_level)
        with_percent = rng.random() < 0.45
        reports, approved, last = [], None, None
        done: set[int] = set()  # parties whose approved report said completed or cancelled
        for (age, period), (stage, percent) in zip(periods, track, strict=False):
            reporters = {}
            for unit in owing:
                reporters.setdefault(self.as_of(unit, period).pk, self.as_of(unit, period))
            done = {self.as_of(self.units[pk], period).pk for pk in done}
            for reporter in reporters.values():
                if reporter.pk in done:
                    continue  # owes nothing more
                if reporter.pk not in plan.reliability:
                    plan.reliability[reporter.pk] = rng.choices(
                        [0.99, 0.93, 0.7], [0.8, 0.17, 0.03]
                    )[0]
                written = plan.reliability[reporter.pk] * (0.55 if age == 0 else 1)
                if rng.random() >= written:
                    continue  # not reported
                report = self.draft_report(
                    commitment, period, age, reporter, stage, percent, with_percent
                )
                values = []
                if indicators and rng.random() < 0.5:
                    values = self.draft_values(indicators, stage, percent)
                reports.append((report, values))
                last = stage
                if report.status == ReportStatus.APPROVED:
                    approved = stage
                    if stage in FINAL_STAGES:
                        done.add(reporter.pk)
        final = approved or last or LADDER[start_level]
        return reports, final

    def as_of(self, unit: AdministrativeUnit, period: ReportingPeriod) -> AdministrativeUnit:
        """The unit that answers for ``unit`` at the period's cut-off: itself or its successor."""
        return unit_on(unit, period.data_to, self.successors)[0]

    def draft_report(self, commitment, period, age, unit, stage, percent, with_percent):
        rng = self.rng
        statuses, cumulative = STATUS_MIX[min(age, len(STATUS_MIX) - 1)]
        status = rng.choices(statuses, cum_weights=cumulative)[0]
        submitted = reviewed = None
        if status != ReportStatus.DRAFT:
            if age == 0:
                day = AS_OF - dt.timedelta(days=rng.randint(1, 30))
            elif rng.random() < 0.75:
                day = period.department_due - dt.timedelta(days=rng.randint(0, 14))
            else:
                day = period.department_due + dt.timedelta(days=rng.randint(1, 45))
            day = min(day, AS_OF - dt.timedelta(days=1))
            submitted = dt.datetime(
                day.year, day.month, day.day, rng.randint(7, 16), rng.randint(0, 59), tzinfo=self.tz
            )
        first = submitted
        if status != ReportStatus.DRAFT and age > 0 and rng.random() < 0.06:
            first = submitted - dt.timedelta(days=rng.randint(5, 20))  # returned once, resent
        if status in (ReportStatus.APPROVED, ReportStatus.RETURNED):
            reviewed = submitted + dt.timedelta(days=rng.randint(1, 21), hours=rng.randint(0, 5))
            if reviewed.date() > AS_OF:
                status, reviewed = ReportStatus.SUBMITTED, None  # not reviewed yet
        below = stage in (Stage.PROPOSED, Stage.STUDYING, Stage.STARTED, Stage.STALLED)
        achievements = seed.STAGE_NOTE[stage]
        if stage != Stage.PROPOSED and rng.random() < 0.6:
            achievements += " " + rng.choice(texts.ACHIEVEMENTS)
        difficulties = rng.choice(texts.DIFFICULTIES) if below and rng.random() < 0.6 else ""
        recommendations = (
            rng.choice(texts.RECOMMENDATIONS) if difficulties and rng.random() < 0.6 else ""
        )
        if stage == Stage.COMPLETED:
            next_tasks = seed.NEXT_WHEN_COMPLETED
        else:
            next_tasks = rng.choice(texts.NEXT_TASKS) if rng.random() < 0.5 else ""
        return self.new_report(
            commitment_id=None,  # set once the commitment is written
            period_id=period.pk,
            reporting_unit_id=unit.pk,
            stage=stage,
            percent=Decimal(percent) if with_percent else None,
            achievements=achievements,
            difficulties=difficulties,
            recommendations=recommendations,
            next_tasks=next_tasks,
            status=status,
            return_reason=rng.choice(texts.RETURN_REASONS)
            if status == ReportStatus.RETURNED
            else "",
            submitted_at=submitted,
            first_submitted_at=first,
            reviewed_at=reviewed,
            is_demo=True,
        )

    def draft_values(self, indicators, stage, percent) -> list[tuple[IndicatorValue, Indicator]]:
        """Values, each with its indicator; their keys are set once both are written."""
        rng = self.rng
        done = 1.0 if stage == Stage.COMPLETED else percent / 100
        values = []
        for indicator in indicators:
            if rng.random() >= 0.85:
                continue
            low, high = indicator.scale
            target = float(indicator.target) if indicator.target is not None else (low + high) / 2
            base = float(indicator.baseline or 0)
            value = base + (target - base) * done * rng.uniform(0.8, 1.1)
            values.append((self.new_value(value=Decimal(f"{value:.2f}")), indicator))
        return values
