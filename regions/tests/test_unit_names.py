"""Names and kinds are dated: a page about a day shows what the unit was called that day."""

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from regions.models import AdministrativeUnit, UnitName
from regions.queries import names_on
from regions.unit_data_source import DATA_FILE

pytestmark = pytest.mark.django_db

JULY_2025 = dt.date(2025, 7, 1)
CITIES_2025 = ["Cần Thơ", "Hà Nội", "Hải Phòng", "Huế", "Hồ Chí Minh", "Đà Nẵng"]


def _kinds(names):
    return sorted(n.kind for n in names)


def test_on_1_july_2025_there_are_28_provinces_and_6_cities(units):
    valid = [u for u in AdministrativeUnit.objects.all() if u.was_valid_on(JULY_2025)]
    names = names_on(valid, JULY_2025).values()
    assert len(names) == 34
    assert [n.kind for n in names].count("province") == 28
    cities = sorted(n.short_name for n in names if n.kind == "city")
    assert cities == sorted(CITIES_2025)
    assert {n.name for n in names if n.kind == "city"} == {
        "Thành phố Hà Nội",
        "Thành phố Huế",
        "Thành phố Hải Phòng",
        "Thành phố Đà Nẵng",
        "Thành phố Hồ Chí Minh",
        "Thành phố Cần Thơ",
    }


def test_the_current_units_carry_the_same_28_and_6(units):
    current = AdministrativeUnit.objects.current()
    assert current.filter(kind="province").count() == 28
    assert current.filter(kind="city").count() == 6


def test_thua_thien_hue_was_a_province_until_the_end_of_2024(units):
    hue = units["hue-truoc-2025"]
    before = hue.name_on(dt.date(2024, 6, 30))
    assert (before.name, before.short_name, before.kind) == (
        "Tỉnh Thừa Thiên Huế",
        "Thừa Thiên Huế",
        "province",
    )
    assert hue.name_on(dt.date(2024, 12, 31)).name == "Tỉnh Thừa Thiên Huế"


def test_hue_is_a_centrally_run_city_from_1_january_2025_by_resolution_175(units):
    hue = units["hue-truoc-2025"]
    after = hue.name_on(dt.date(2025, 2, 1))
    assert (after.name, after.kind) == ("Thành phố Huế", "city")
    assert after.valid_from == dt.date(2025, 1, 1)
    assert "175/2024/QH15" in after.legal_basis
    assert hue.name_on(dt.date(2025, 1, 1)).name == "Thành phố Huế"
    # the unit keeps its latest name as its own
    assert (hue.name, hue.kind) == ("Thành phố Huế", "city")


def test_quang_ninh_is_a_province_in_2024_and_on_1_july_2025(units):
    assert units["quang-ninh-truoc-2025"].name_on(dt.date(2024, 6, 30)).name == "Tỉnh Quảng Ninh"
    now = units["quang-ninh"].name_on(JULY_2025)
    assert (now.name, now.kind) == ("Tỉnh Quảng Ninh", "province")
    assert "202/2025/QH15" in now.legal_basis


@pytest.mark.parametrize("key", ["quang-ninh", "bac-ninh", "dong-nai"])
def test_the_package_city_names_without_a_source_are_corrected_and_explained(units, key):
    unit = units[key]
    assert unit.kind == "province"
    assert unit.name.startswith("Tỉnh ")
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    renamed = [c for c in data["corrections"] if c.get("rename", {}).get("code") == unit.code]
    assert len(renamed) == 1
    assert "202/2025/QH15" in renamed[0]["why"]


def test_before_2025_there_were_58_provinces_and_5_cities(units):
    day = dt.date(2024, 6, 30)
    valid = [u for u in AdministrativeUnit.objects.all() if u.was_valid_on(day)]
    names = names_on(valid, day).values()
    assert [n.kind for n in names].count("province") == 58
    assert [n.kind for n in names].count("city") == 5


def test_a_day_outside_the_records_gets_the_units_latest_name(units):
    hue = units["hue-truoc-2025"]
    assert hue.name_on(dt.date(2026, 1, 1)).name == "Thành phố Huế"  # after its end
    assert units["hue"].name_on(dt.date(2024, 1, 1)).name == "Thành phố Huế"  # before its start


def test_a_unit_without_records_reads_its_own_fields(db):
    unit = AdministrativeUnit.objects.create(
        key="x", code=99, name="Tỉnh X", short_name="X", kind="province"
    )
    found = names_on([unit], dt.date(2020, 1, 1))[unit.pk]
    assert (found.name, found.kind, found.pk) == ("Tỉnh X", "province", None)


def test_names_of_many_units_are_read_in_one_query(units, django_assert_num_queries):
    every = list(AdministrativeUnit.objects.all())
    with django_assert_num_queries(1):  # the names of all units
        found = names_on(every, dt.date(2024, 1, 1))
    assert len(found) == 97


def test_two_names_of_a_unit_cannot_overlap(units):
    hue = units["hue-truoc-2025"]
    clash = UnitName(
        unit=hue,
        name="Thành phố Huế",
        short_name="Huế",
        kind="city",
        valid_from=dt.date(2024, 12, 1),
        valid_until=dt.date(2024, 12, 15),
    )
    with pytest.raises(ValidationError, match="trùng"):
        clash.full_clean()


def test_reloading_repairs_and_prunes_names(units):
    hue = units["hue-truoc-2025"]
    UnitName.objects.filter(unit=hue, valid_from__isnull=True).update(name="Huế (sai)")
    UnitName.objects.create(
        unit=units["can-tho"],
        name="Bogus",
        short_name="B",
        kind="city",
        valid_from=dt.date(2030, 1, 1),
    )
    out = io.StringIO()
    call_command("load_units", stdout=out)
    assert "updated: names: 1" in out.getvalue()
    assert "deleted: names: 1" in out.getvalue()
    assert hue.name_on(dt.date(2024, 1, 1)).name == "Tỉnh Thừa Thiên Huế"
    assert not UnitName.objects.filter(name="Bogus").exists()


def test_every_unit_latest_name_is_its_own(units):
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    latest = {}
    for record in data["names"]:
        latest[record["unit"]] = record  # the file lists each unit's names oldest first
    for unit in data["units"]:
        record = latest[unit["key"]]
        assert (record["name"], record["short_name"], record["kind"]) == (
            unit["name"],
            unit["short_name"],
            unit["kind"],
        )
        assert record["valid_until"] == unit["valid_until"]
