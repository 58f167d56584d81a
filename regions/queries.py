"""Reads over units and their succession, one query per table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from regions.models import AdministrativeUnit, UnitName, UnitSuccession

MAX_HOPS = 5  # successions form a short chain; this bounds a malformed cycle


def current_successors(units: Iterable[AdministrativeUnit]) -> dict[int, list[AdministrativeUnit]]:
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


def names_on(units: Iterable[AdministrativeUnit], day: dt.date) -> dict[int, UnitName]:
    """For each unit id, the name and kind it bore on ``day`` (one query for all units).

    A day outside a unit's recorded names gets the nearest one: its first name before
    them, its last after. A unit without records gets its own (latest) fields.
    """
    units = {u.pk: u for u in units}
    records: dict[int, list[UnitName]] = {}
    for record in UnitName.objects.filter(unit_id__in=list(units)):
        records.setdefault(record.unit_id, []).append(record)
    return {pk: _name_on(unit, records.get(pk, []), day) for pk, unit in units.items()}


def _name_on(unit: AdministrativeUnit, records: list[UnitName], day: dt.date) -> UnitName:
    if not records:
        return UnitName(
            unit=unit,
            name=unit.name,
            short_name=unit.short_name,
            kind=unit.kind,
            valid_from=unit.valid_from,
            valid_until=unit.valid_until,
        )
    records = sorted(records, key=lambda r: r.valid_from or dt.date.min)
    for record in records:
        if record.was_valid_on(day):
            return record
    first = records[0]
    if first.valid_from is not None and day < first.valid_from:
        return first
    before = [r for r in records if r.valid_until is not None and r.valid_until < day]
    return before[-1] if before else records[-1]
