"""Build the administrative-unit data file from the ``vietnam-provinces`` package.

The package (GPL-3.0-or-later) carries the statistics office's lists: the 34 units
in force since 2025-07-01, the 63 before (``vietnam_provinces.legacy``) and an
old -> new table. It is a development dependency only: this module turns it into
``regions/data/administrative_units.json``, which the portal ships and
``manage.py load_units`` loads. ``tests/test_unit_data_file.py`` checks that the
file still matches the package.

Regenerate with:  python -m regions.unit_data_source  (needs requirements-dev.txt)
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from portal.lib.text import slugify_vi, unit_key

DATA_FILE = Path(__file__).parent / "data" / "administrative_units.json"
EFFECTIVE_ON = "2025-07-01"
LAST_DAY_BEFORE = "2025-06-30"
LEGAL_BASIS = (
    "Nghị quyết 202/2025/QH15 của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh "
    "(hiệu lực 12/06/2025; chính quyền mới hoạt động từ 01/07/2025)"
)

# The six socio-economic regions and the 63 pre-2025 units in each, by statistics
# code. Source: Resolution 81/2023/QH15 on the national master plan 2021-2030.
REGION_SOURCE = "Nghị quyết 81/2023/QH15 về Quy hoạch tổng thể quốc gia 2021-2030"
REGIONS: list[dict[str, Any]] = [
    {
        "key": "trung-du-mien-nui-phia-bac",
        "name": "Trung du và miền núi phía Bắc",
        "name_en": "Northern Midlands and Mountains",
        "codes": [2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 24, 25],
    },
    {
        "key": "dong-bang-song-hong",
        "name": "Đồng bằng sông Hồng",
        "name_en": "Red River Delta",
        "codes": [1, 22, 26, 27, 30, 31, 33, 34, 35, 36, 37],
    },
    {
        "key": "bac-trung-bo-duyen-hai-mien-trung",
        "name": "Bắc Trung Bộ và duyên hải miền Trung",
        "name_en": "North Central and Central Coast",
        "codes": [38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60],
    },
    {
        "key": "tay-nguyen",
        "name": "Tây Nguyên",
        "name_en": "Central Highlands",
        "codes": [62, 64, 66, 67, 68],
    },
    {
        "key": "dong-nam-bo",
        "name": "Đông Nam Bộ",
        "name_en": "South East",
        "codes": [70, 72, 74, 75, 77, 79],
    },
    {
        "key": "dong-bang-song-cuu-long",
        "name": "Đồng bằng sông Cửu Long",
        "name_en": "Mekong Delta",
        "codes": [80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96],
    },
]

# Corrections to the package, each with its reason: a succession link it misfiles, and
# names or kinds it gives without a date or a legal basis we could find.
NOT_A_CITY_WHY = (
    "The package (2026.9.0) names %s a centrally-run city ('Thành phố') with no date. "
    "Resolution 202/2025/QH15 formed 34 units from 01/07/2025: 28 provinces and 6 "
    "centrally-run cities (Hà Nội, Huế, Hải Phòng, Đà Nẵng, Thành phố Hồ Chí Minh, Cần "
    "Thơ), so it was a province then; we found no later act making it a city (for Đồng Nai, "
    "vneconomy.vn, 12/03/2026: only a team drafting a proposal aimed at 2030). The portal "
    "records it as a province from 01/07/2025 until such an act is found."
)
CORRECTIONS: list[dict[str, Any]] = [
    {
        "drop": {"predecessor_code": 82, "successor_code": 80},
        "why": (
            "The package maps Tiền Giang (82) to both Tây Ninh (80) and Đồng Tháp (82) "
            "because one ward row is misfiled in its ward table. Resolution "
            "202/2025/QH15 merged Tiền Giang into Đồng Tháp only."
        ),
    },
    *(
        {
            "rename": {"code": code, "era": "current", "name": f"Tỉnh {short}", "kind": "province"},
            "why": NOT_A_CITY_WHY % short,
        }
        for code, short in ((22, "Quảng Ninh"), (24, "Bắc Ninh"), (75, "Đồng Nai"))
    ),
]

# Names and kinds a unit bore before its latest one, each change with its legal basis.
# The package lists a unit under its latest name only (code 46 before 2025-07-01 is
# "Thành phố Huế" with no date); the earlier names are recorded here.
HUE_175 = (
    "Nghị quyết 175/2024/QH15 của Quốc hội về thành lập thành phố Huế trực thuộc Trung "
    "ương trên cơ sở toàn bộ tỉnh Thừa Thiên Huế (thông qua 30/11/2024, hiệu lực 01/01/2025)"
)
EARLIER_NAMES: list[dict[str, Any]] = [
    {
        "code": 46,
        "era": "historical",
        "name": "Tỉnh Thừa Thiên Huế",
        "kind": "province",
        "valid_until": "2024-12-31",
        "renamed_by": HUE_175,  # the act that ended this name (and began the next)
    },
]

KIND_BY_DIVISION_TYPE = {"tỉnh": "province", "thành phố trung ương": "city"}


def _short_name(full_name: str) -> str:
    for prefix in ("Thành phố ", "Tỉnh "):
        if full_name.startswith(prefix):
            return full_name[len(prefix) :]
    return full_name


def _unit(province: Any, *, key: str, valid_from: str | None, valid_until: str | None) -> dict:
    return {
        "key": key,
        "code": int(province.code),
        "name": province.name,
        "short_name": _short_name(province.name),
        "kind": KIND_BY_DIVISION_TYPE[str(province.division_type)],
        "valid_from": valid_from,
        "valid_until": valid_until,
        "codename": province.codename,
    }


def build() -> dict[str, Any]:
    """The data file's content, built from the installed package and CORRECTIONS."""
    import vietnam_provinces
    from vietnam_provinces import Province
    from vietnam_provinces import _province_conversion_2025 as conversion
    from vietnam_provinces.legacy import Province as LegacyProvince

    region_of_code = {code: r["key"] for r in REGIONS for code in r["codes"]}

    historical = [
        _unit(
            p,
            key=f"{slugify_vi(_short_name(p.name))}-truoc-2025",
            valid_from=None,
            valid_until=LAST_DAY_BEFORE,
        )
        for p in sorted(LegacyProvince.iter_all(), key=lambda p: int(p.code))
    ]
    for unit in historical:
        unit["region"] = region_of_code[unit["code"]]
    current = [
        _unit(p, key=slugify_vi(_short_name(p.name)), valid_from=EFFECTIVE_ON, valid_until=None)
        for p in sorted(Province.iter_all(), key=lambda p: int(p.code))
    ]
    for correction in CORRECTIONS:
        if rename := correction.get("rename"):
            era = historical if rename["era"] == "historical" else current
            unit = next(u for u in era if u["code"] == rename["code"])
            unit |= {
                "name": rename["name"],
                "short_name": _short_name(rename["name"]),
                "kind": rename["kind"],
            }

    dropped = {
        (c["drop"]["predecessor_code"], c["drop"]["successor_code"])
        for c in CORRECTIONS
        if "drop" in c
    }
    old_key = {u["code"]: u["key"] for u in historical}
    new_key = {u["code"]: u["key"] for u in current}
    successions = []
    for old_code, entry in sorted(conversion.OLD_TO_NEW.items()):
        for new_ref in entry.new_provinces:
            if (old_code, new_ref.code) in dropped:
                continue
            successions.append(
                {"predecessor": old_key[old_code], "successor": new_key[new_ref.code]}
            )

    # A current unit lies in a region when all the units it succeeds lay there;
    # a unit formed across two regions is left without one rather than guessed.
    region_of_old_key = {u["key"]: u["region"] for u in historical}
    for unit in current:
        regions = {
            region_of_old_key[s["predecessor"]]
            for s in successions
            if s["successor"] == unit["key"]
        }
        unit["region"] = regions.pop() if len(regions) == 1 else None
        unit["spans_regions"] = sorted(regions) if len(regions) > 1 else []

    return {
        "source": {
            "package": "vietnam-provinces",
            "version": vietnam_provinces.__version__,
            "data_version": vietnam_provinces.__data_version__,
            "licence_note": "Generated from the package's data; the package is not shipped.",
        },
        "succession": {"effective_on": EFFECTIVE_ON, "legal_basis": LEGAL_BASIS},
        "regions": [
            {k: r[k] for k in ("key", "name", "name_en")}
            | {"order": i + 1, "source": REGION_SOURCE}
            for i, r in enumerate(REGIONS)
        ],
        "corrections": CORRECTIONS,
        "units": historical + current,
        "successions": successions,
        "names": _names(historical, current),
    }


def _names(historical: list[dict], current: list[dict]) -> list[dict[str, Any]]:
    """Each unit's names over its life: the latest as the unit carries it, the earlier
    ones from EARLIER_NAMES; each record that starts with a change cites its act."""
    names = []
    for era, units in (("historical", historical), ("current", current)):
        for unit in units:
            earlier = sorted(
                (e for e in EARLIER_NAMES if e["era"] == era and e["code"] == unit["code"]),
                key=lambda e: e["valid_until"],
            )
            starts, basis = unit["valid_from"], LEGAL_BASIS if era == "current" else ""
            for record in earlier:
                names.append(_name(unit, record, starts, record["valid_until"], basis))
                day_after = dt.date.fromisoformat(record["valid_until"]) + dt.timedelta(days=1)
                starts, basis = day_after.isoformat(), record["renamed_by"]
            names.append(_name(unit, unit, starts, unit["valid_until"], basis))
    return names


def _name(unit: dict, named: dict, valid_from, valid_until, legal_basis: str) -> dict:
    return {
        "unit": unit["key"],
        "name": named["name"],
        "short_name": _short_name(named["name"]),
        "kind": named["kind"],
        "valid_from": valid_from,
        "valid_until": valid_until,
        "legal_basis": legal_basis,
    }


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _check_keys_unique(data: dict[str, Any]) -> None:
    keys = [u["key"] for u in data["units"]]
    duplicated = {k for k in keys if keys.count(k) > 1}
    if duplicated:
        raise SystemExit(f"duplicate unit keys: {sorted(duplicated)}")
    names = {unit_key(u["name"]) for u in data["units"]}
    assert names, "no units built"


if __name__ == "__main__":
    built = build()
    _check_keys_unique(built)
    DATA_FILE.write_text(render(built), encoding="utf-8")
    print(f"wrote {DATA_FILE} ({len(built['units'])} units, {len(built['successions'])} links)")
