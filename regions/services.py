"""Loading reference data into the regions tables."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.dispatch import Signal

from regions.models import AdministrativeUnit, SocioEconomicRegion, UnitName, UnitSuccession


@dataclass
class LoadCounts:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, outcome: str) -> None:
        bucket = getattr(self, outcome)
        bucket[table] = bucket.get(table, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


# Sent inside the loading transaction when units or successions changed: what depends on
# who succeeded whom (reports' standing records) refreshes itself in the same transaction.
units_changed = Signal()


class DryRunRollback(Exception):
    """Raised to roll a dry run back once its counts are known."""


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _upsert(model, lookup: dict, values: dict, counts: LoadCounts, table: str):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        counts.add(table, "created")
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save()
        counts.add(table, "updated")
    else:
        counts.add(table, "unchanged")
    return obj


def load_unit_data(path: Path, *, dry_run: bool = False) -> LoadCounts:
    """Bring the tables in line with the data file; all or nothing, safe to repeat."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    counts = LoadCounts()
    try:
        with transaction.atomic():
            _load(data, counts)
            if counts.changed:
                units_changed.send(sender=load_unit_data, counts=counts)
            if dry_run:
                raise DryRunRollback
    except DryRunRollback:
        pass
    return counts


def _load(data: dict[str, Any], counts: LoadCounts) -> None:
    regions = {}
    for row in data["regions"]:
        values = {k: row[k] for k in ("name", "name_en", "order", "source")}
        regions[row["key"]] = _upsert(
            SocioEconomicRegion, {"key": row["key"]}, values, counts, "regions"
        )
    units = {}
    for row in data["units"]:
        values = {
            "code": row["code"],
            "name": row["name"],
            "short_name": row["short_name"],
            "kind": row["kind"],
            "valid_from": _date(row["valid_from"]),
            "valid_until": _date(row["valid_until"]),
            "region": regions[row["region"]] if row["region"] else None,
            "codename": row["codename"],
        }
        units[row["key"]] = _upsert(
            AdministrativeUnit, {"key": row["key"]}, values, counts, "units"
        )
    basis = data["succession"]
    for row in data["successions"]:
        _upsert(
            UnitSuccession,
            {"predecessor": units[row["predecessor"]], "successor": units[row["successor"]]},
            {
                "effective_on": _date(basis["effective_on"]),
                "legal_basis": basis["legal_basis"],
            },
            counts,
            "successions",
        )
    _load_names(data.get("names", []), units, counts)


def _load_names(rows: list[dict], units: dict[str, AdministrativeUnit], counts: LoadCounts) -> None:
    """Each unit's dated names, keyed by (unit, start); a record the file no longer has
    is removed first, so a moved start never overlaps its old self."""
    wanted = {(units[row["unit"]].pk, _date(row["valid_from"])) for row in rows}
    stale = [
        record.pk
        for record in UnitName.objects.filter(unit__in=units.values())
        if (record.unit_id, record.valid_from) not in wanted
    ]
    if stale:
        UnitName.objects.filter(pk__in=stale).delete()
        counts.deleted["names"] = len(stale)
    for row in rows:
        _upsert(
            UnitName,
            {"unit": units[row["unit"]], "valid_from": _date(row["valid_from"])},
            {
                "name": row["name"],
                "short_name": row["short_name"],
                "kind": row["kind"],
                "valid_until": _date(row["valid_until"]),
                "legal_basis": row["legal_basis"],
            },
            counts,
            "names",
        )
