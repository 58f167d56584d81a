"""Reads over units and their succession, one query per table."""

from __future__ import annotations

from collections.abc import Iterable

from regions.models import AdministrativeUnit, UnitSuccession

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
