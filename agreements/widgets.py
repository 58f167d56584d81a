"""Spreadsheet cells that name agreements, sectors, units and agencies.

Names are matched ignoring accents and case (``portal.lib.text.fold``). A unit is
named by its statistics code, its name or its key; because codes and names were
reused on 01/07/2025 (code 91 is Kiên Giang before, An Giang after), a unit is
resolved on the row's date: the unit valid that day. When a value still fits more
than one object, the cell is refused and the message says how to be precise.

Each widget loads its table once per import and keeps it: no query per row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from django.utils.translation import gettext as _
from import_export import widgets

from agreements.models import Agency, Agreement, Commitment, Sector
from portal.lib.importing import clean_text, name_key, shorten
from portal.lib.text import unit_key
from regions.models import AdministrativeUnit


def _day(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _units_named(units) -> str:
    return ", ".join(str(u) for u in units)


class LookupWidget(widgets.ForeignKeyWidget):
    """A foreign key named in a cell; ``resolve`` raises ``ValueError`` when unsure."""

    model = None

    def __init__(self, **kwargs):
        super().__init__(self.model, **kwargs)

    def clean(self, value, row=None, **kwargs):
        text = clean_text(value)
        if not text:
            return None
        return self.resolve(text, **kwargs)

    def resolve(self, text: str, **context):
        raise NotImplementedError

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else self.label(value)

    def label(self, obj) -> str:
        return str(obj)


class AgreementWidget(LookupWidget):
    """An agreement by its slug or its title."""

    model = Agreement

    def _tables(self):
        if not hasattr(self, "_by_slug"):
            self._by_slug, self._by_title = {}, defaultdict(list)
            for agreement in Agreement.objects.only("pk", "slug", "title", "signed_on"):
                self._by_slug[agreement.slug.lower()] = agreement
                self._by_title[name_key(agreement.title)].append(agreement)
        return self._by_slug, self._by_title

    def resolve(self, text, **context):
        by_slug, by_title = self._tables()
        if found := by_slug.get(text.lower()):
            return found
        matches = by_title.get(name_key(text), [])
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise ValueError(
                _("Có %(n)d thỏa thuận tên “%(value)s”; hãy ghi định danh (%(slugs)s).")
                % {
                    "n": len(matches),
                    "value": shorten(text),
                    "slugs": ", ".join(a.slug for a in matches),
                }
            )
        raise ValueError(
            _("Không tìm thấy thỏa thuận “%(value)s” (ghi định danh hoặc đúng tên văn bản).")
            % {"value": shorten(text)}
        )

    def label(self, obj):
        return obj.slug


class SectorWidget(LookupWidget):
    """A sector by its code (slug), its name or its English name."""

    model = Sector

    def resolve(self, text, **context):
        if not hasattr(self, "_table"):
            self._table = {}
            for sector in Sector.objects.all():
                for key in (sector.slug, sector.name, sector.name_en):
                    if key:
                        self._table.setdefault(name_key(key), sector)
        found = self._table.get(name_key(text))
        if found is None:
            raise ValueError(_("Không có lĩnh vực “%(value)s”.") % {"value": shorten(text)})
        return found

    def label(self, obj):
        return obj.name


def unit_name_key(text: str) -> str:
    """ "Tỉnh Hậu Giang", "TP. Cần Thơ", "HẬU GIANG" -> "hau giang", "can tho"."""
    key = unit_key(text)
    for prefix in ("tp. ", "tp.", "tp "):
        if key.startswith(prefix):
            return key[len(prefix) :].strip()
    return key


class UnitWidget(LookupWidget):
    """A province or city by code, name or key, as it was on the row's date (``on_date``)."""

    model = AdministrativeUnit

    def __init__(self, *, within: str | None = None, **kwargs):
        #: name of a context entry holding the ids the unit must be one of (parties)
        self.within = within
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row, **kwargs)
        allowed = kwargs.get(self.within) if self.within else None
        if found is not None and allowed is not None and found.pk not in allowed:
            raise ValueError(_("%(unit)s không phải là một bên của thỏa thuận.") % {"unit": found})
        return found

    def _index(self) -> tuple[dict, dict, dict]:
        """Units by key, by code and by folded name, built once per import."""
        if not hasattr(self, "_by_key"):
            self._by_key, self._by_code, self._by_name = {}, defaultdict(list), defaultdict(list)
            for unit in AdministrativeUnit.objects.all():
                self._by_key[unit.key] = unit
                self._by_code[unit.code].append(unit)
                for name in dict.fromkeys(
                    (unit_name_key(unit.short_name), unit_name_key(unit.name))
                ):
                    self._by_name[name].append(unit)
        return self._by_key, self._by_code, self._by_name

    def resolve(self, text, on_date: dt.date | None = None, **context):
        by_key, by_code, by_name = self._index()
        if found := by_key.get(text.lower()):  # a key names one unit whatever the date
            return found
        if text.isdigit():
            candidates = list(by_code.get(int(text), []))
        else:
            candidates = list(by_name.get(unit_name_key(text), []))
        if not candidates:
            raise ValueError(
                _(
                    "Không tìm thấy đơn vị hành chính “%(value)s” (ghi tên tỉnh, thành phố "
                    "hoặc mã thống kê)."
                )
                % {"value": shorten(text)}
            )
        if on_date is not None:
            valid = [u for u in candidates if u.was_valid_on(on_date)]
            if not valid:
                raise ValueError(
                    _("“%(value)s” là %(units)s: không còn tồn tại vào ngày %(day)s.")
                    % {"value": text, "units": _units_named(candidates), "day": _day(on_date)}
                )
            candidates = valid
        if len(candidates) > 1:
            raise ValueError(
                _("“%(value)s” có thể là %(units)s; hãy ghi khóa đơn vị (%(keys)s).")
                % {
                    "value": text,
                    "units": _units_named(candidates),
                    "keys": ", ".join(u.key for u in candidates),
                }
            )
        return candidates[0]

    def label(self, obj):
        return obj.short_name


_QUALIFIED = re.compile(r"^(?P<name>.*\S)\s*\((?P<unit>[^()]+)\)$")


def agency_label(agency: Agency, *, home_unit_id: int | None, on_date: dt.date | None) -> str:
    """An agency as exported: its name, with its unit when that is not the home unit.

    The unit is written by name when the name fits the row's date, else by key, so
    reading the cell back finds the same agency.
    """
    if agency.unit_id == home_unit_id:
        return agency.name
    unit = agency.unit
    written = unit.short_name if on_date is None or unit.was_valid_on(on_date) else unit.key
    return f"{agency.name} ({written})"


def _agency_valid_on(agency: Agency, day: dt.date) -> bool:
    return (agency.valid_from is None or agency.valid_from <= day) and (
        agency.valid_until is None or day <= agency.valid_until
    )


class AgencyWidget(LookupWidget):
    """An agency by name (or short name) among the allowed units (``unit_ids``).

    "Sở Giao thông vận tải (Hậu Giang)" says which unit's; without it the home unit
    (``prefer_unit_id``) wins, then the agency that existed on ``on_date``.
    """

    model = Agency

    def _pool(self, unit_ids) -> tuple[list[Agency], dict[str, list[Agency]]]:
        """The agencies of these units, and the same by folded name and short name."""
        cache = self.__dict__.setdefault("_pools", {})
        key = frozenset(unit_ids) if unit_ids is not None else None
        if key not in cache:
            agencies = Agency.objects.select_related("unit")
            if key is not None:
                agencies = agencies.filter(unit_id__in=key)
            pool, by_name = list(agencies), defaultdict(list)
            for agency in pool:
                names = [agency.name, agency.short_name] if agency.short_name else [agency.name]
                for name in dict.fromkeys(name_key(n) for n in names):
                    by_name[name].append(agency)
            cache[key] = (pool, by_name)
        return cache[key]

    def resolve(self, text, unit_ids=None, prefer_unit_id=None, on_date=None, **context):
        pool, by_name = self._pool(unit_ids)
        matches = list(by_name.get(name_key(text), []))
        if not matches and (qualified := _QUALIFIED.match(text)):
            wanted = qualified["unit"].strip()
            matches = [
                a
                for a in by_name.get(name_key(qualified["name"]), [])
                if wanted.lower() == a.unit.key
                or unit_name_key(wanted)
                in (unit_name_key(a.unit.short_name), unit_name_key(a.unit.name))
            ]
            if len(matches) > 1 and on_date is not None:
                matches = [a for a in matches if a.unit.was_valid_on(on_date)] or matches
        if len(matches) > 1 and prefer_unit_id is not None:
            matches = [a for a in matches if a.unit_id == prefer_unit_id] or matches
        if len(matches) > 1 and on_date is not None:
            matches = [a for a in matches if _agency_valid_on(a, on_date)] or matches
        if not matches:
            units = ", ".join(sorted({a.unit.short_name for a in pool})) or "—"
            raise ValueError(
                _("Không tìm thấy cơ quan “%(value)s” thuộc %(units)s.")
                % {"value": shorten(text), "units": units}
            )
        if len(matches) > 1:
            example = f"{matches[0].name} ({matches[0].unit.short_name})"
            raise ValueError(
                _(
                    "Có %(n)d cơ quan tên “%(value)s” (%(units)s); hãy ghi rõ đơn vị, ví dụ “%(example)s”."
                )
                % {
                    "n": len(matches),
                    "value": shorten(text),
                    "units": _units_named(a.unit for a in matches),
                    "example": example,
                }
            )
        return matches[0]

    def label(self, obj):
        return obj.name


class AgencyListWidget(widgets.ManyToManyWidget):
    """Agencies separated by ";" (or line breaks), each read as ``AgencyWidget`` does."""

    def __init__(self, **kwargs):
        super().__init__(Agency, separator=";", field="name", **kwargs)
        self.one = AgencyWidget()

    def clean(self, value, row=None, **kwargs):
        text = clean_text(value)
        found, problems = [], []
        for part in re.split(r"[;\n]+", text):
            if not part.strip():
                continue
            try:
                agency = self.one.resolve(clean_text(part), **kwargs)
            except ValueError as error:
                problems.append(str(error))
                continue
            if agency not in found:
                found.append(agency)
        if problems:
            raise ValueError(" ".join(problems))
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "; ".join(sorted(a.name for a in value.all()))


def commitments_by_title(agreement: Agreement, cache: dict) -> dict[str, list[Commitment]]:
    """An agreement's commitments by folded title, loaded once per agreement."""
    if agreement.pk not in cache:
        table = defaultdict(list)
        for commitment in agreement.commitments.all():  # each knows its agreement: no query
            table[name_key(commitment.title)].append(commitment)
        cache[agreement.pk] = table
    return cache[agreement.pk]
