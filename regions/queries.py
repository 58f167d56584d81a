"""Reads over units and their succession, one query per table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import F, OuterRef, Q, Subquery

from regions.models import AdministrativeUnit, UnitName, UnitSuccession

MAX_HOPS = 5  # successions form a short chain; this bounds a malformed cycle

Successors = dict[int, list[AdministrativeUnit]]  # unit id → the current unit(s) it became


def current_successors(units: Iterable[AdministrativeUnit]) -> Successors:
    """For each unit id, the current unit(s) it lives on in (itself when current)."""
    units = list(units)
    result: dict[int, list[AdministrativeUnit]] = {}
    frontier = {u.pk: [u] for u in units}
    for _ in range(MAX_HOPS):
        pending_ids = {v.pk for vs in frontier.values() for v in vs if not v.is_current}
        if not pending_ids:
            break
        links = UnitSuccession.objects.filter(predecessor_id__in=pending_ids).select_related(
            "successor"
        )
        nexts: dict[int, list[AdministrativeUnit]] = {}
        for link in links:
            nexts.setdefault(link.predecessor_id, []).append(link.successor)
        frontier = {
            origin: _dedupe(
                [n for v in vs for n in (nexts.get(v.pk, []) if not v.is_current else [v])]
            )
            for origin, vs in frontier.items()
        }
    for origin, vs in frontier.items():
        result[origin] = sorted((v for v in vs if v.is_current), key=lambda v: v.short_name)
    return result


def _dedupe(units: list[AdministrativeUnit]) -> list[AdministrativeUnit]:
    seen: dict[int, AdministrativeUnit] = {}
    for unit in units:
        seen.setdefault(unit.pk, unit)
    return list(seen.values())


def name_records(units: Iterable[AdministrativeUnit] | None) -> dict[int, list[UnitName]]:
    """Every dated name of these units (None: of all units), oldest first (one query)."""
    records: dict[int, list[UnitName]] = {}
    found = UnitName.objects.order_by("unit_id", F("valid_from").asc(nulls_first=True))
    if units is not None:
        found = found.filter(unit_id__in=[u.pk for u in units])
    for record in found:
        records.setdefault(record.unit_id, []).append(record)
    return records


def names_on(
    units: Iterable[AdministrativeUnit],
    day: dt.date,
    records: dict[int, list[UnitName]] | None = None,
) -> dict[int, UnitName]:
    """For each unit id, the name and kind it bore on ``day`` (one query for all units;
    none when ``records`` from ``name_records`` are passed).

    The rule, also written in SQL by ``name_on_annotations``: the record valid that day;
    on a day no record covers (before the unit existed, after it ended, or a unit without
    records), the unit's own, latest name.
    """
    units = {u.pk: u for u in units}
    if records is None:
        records = name_records(units.values())
    return {pk: name_on(unit, records.get(pk, []), day) for pk, unit in units.items()}


def name_on(unit: AdministrativeUnit, records: list[UnitName], day: dt.date) -> UnitName:
    """``names_on`` for one unit whose records are already read."""
    for record in records:
        if record.was_valid_on(day):
            return record
    return latest_name(unit)


def latest_name(unit: AdministrativeUnit) -> UnitName:
    """The unit's own fields as a (unsaved) name record."""
    return UnitName(
        unit=unit,
        name=unit.name,
        short_name=unit.short_name,
        kind=unit.kind,
        valid_from=unit.valid_from,
        valid_until=unit.valid_until,
    )


NAME_FIELDS = ("name", "short_name", "kind")


def name_on_annotations(unit_ref: str, day_ref: str, prefix: str) -> dict[str, Subquery]:
    """``names_on`` as subqueries, so a list can read each row's dated name in its own
    query: ``{prefix}_name``, ``{prefix}_short_name``, ``{prefix}_kind`` of the unit at
    ``unit_ref`` on the day at ``day_ref`` (NULL when no record covers it; see
    ``annotated_name``)."""
    day = OuterRef(day_ref)
    covering = UnitName.objects.filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=day),
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        unit_id=OuterRef(unit_ref),
    ).order_by()
    return {f"{prefix}_{f}": Subquery(covering.values(f)[:1]) for f in NAME_FIELDS}


def annotated_name(unit: AdministrativeUnit, row: object, prefix: str) -> UnitName | None:
    """The name ``name_on_annotations`` read onto ``row`` (None: the row was not annotated)."""
    if not hasattr(row, f"{prefix}_name"):
        return None
    values = {f: getattr(row, f"{prefix}_{f}") for f in NAME_FIELDS}
    if values["name"] is None:
        return latest_name(unit)
    return UnitName(unit=unit, **values)


def unit_on(
    unit: AdministrativeUnit, day: dt.date, successors: Successors
) -> list[AdministrativeUnit]:
    """The unit as of ``day``: itself while it exists that day, else the unit(s) it
    became, from ``successors`` (``current_successors`` of many units, read once; no
    query here). The answer for reports, meetings and standing: who answers for a unit
    on a day.

    ``units_on`` below reads the succession links in force on ``day`` instead (a unit's
    partners on its last day)."""
    if unit.was_valid_on(day):
        return [unit]
    return successors.get(unit.pk) or [unit]


def units_on(
    units: Iterable[AdministrativeUnit], day: dt.date
) -> dict[int, list[AdministrativeUnit]]:
    """For each unit id, the unit(s) it was part of on ``day``: itself while it existed
    (or before it existed), else the successors that existed that day. No query unless a
    unit had ended before ``day``."""
    frontier = {u.pk: [u] for u in units}
    for _ in range(MAX_HOPS):
        ended = {v.pk for vs in frontier.values() for v in vs if _ended_before(v, day)}
        if not ended:
            break
        nexts: dict[int, list[AdministrativeUnit]] = {}
        links = UnitSuccession.objects.filter(
            predecessor_id__in=ended, effective_on__lte=day
        ).select_related("successor")
        for link in links:
            nexts.setdefault(link.predecessor_id, []).append(link.successor)
        if not nexts:
            break
        frontier = {
            origin: _dedupe(
                [n for v in vs for n in (nexts.get(v.pk, [v]) if v.pk in ended else [v])]
            )
            for origin, vs in frontier.items()
        }
    return {origin: sorted(vs, key=lambda v: v.short_name) for origin, vs in frontier.items()}


def _ended_before(unit: AdministrativeUnit, day: dt.date) -> bool:
    return unit.valid_until is not None and unit.valid_until < day
