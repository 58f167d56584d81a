import datetime as dt
import io

import pytest
from django.core.management import call_command

from regions.models import AdministrativeUnit, SocioEconomicRegion, UnitSuccession
from regions.queries import current_successors

pytestmark = pytest.mark.django_db


def test_it_loads_63_historical_and_34_current_units(units):
    assert AdministrativeUnit.objects.historical().count() == 63
    assert AdministrativeUnit.objects.current().count() == 34


def test_code_91_names_two_different_units(units):
    both = AdministrativeUnit.objects.filter(code=91)
    assert sorted((u.key, u.short_name) for u in both) == [
        ("an-giang", "An Giang"),
        ("kien-giang-truoc-2025", "Kiên Giang"),
    ]
    assert units["an-giang-truoc-2025"].code == 89


def test_seven_codes_change_meaning_on_1_july_2025(units):
    changed = sorted(
        code
        for code in AdministrativeUnit.objects.current().values_list("code", flat=True)
        if AdministrativeUnit.objects.filter(code=code).values("short_name").distinct().count() > 1
    )
    assert changed == [15, 24, 44, 52, 80, 82, 91]


def test_current_can_tho_succeeds_can_tho_hau_giang_and_soc_trang(units):
    predecessors = UnitSuccession.objects.filter(successor=units["can-tho"]).values_list(
        "predecessor__key", flat=True
    )
    assert sorted(predecessors) == [
        "can-tho-truoc-2025",
        "hau-giang-truoc-2025",
        "soc-trang-truoc-2025",
    ]


def test_tien_giang_merged_into_dong_thap_only(units):
    successors = current_successors([units["tien-giang-truoc-2025"]])
    assert [u.key for u in successors[units["tien-giang-truoc-2025"].pk]] == ["dong-thap"]


def test_every_historical_unit_has_exactly_one_current_successor(units):
    historical = list(AdministrativeUnit.objects.historical())
    successors = current_successors(historical)
    assert {len(successors[u.pk]) for u in historical} == {1}


def test_successions_carry_their_legal_basis_and_date(units):
    link = UnitSuccession.objects.get(predecessor=units["hau-giang-truoc-2025"])
    assert "202/2025/QH15" in link.legal_basis
    assert link.effective_on.isoformat() == "2025-07-01"


def test_historical_units_end_on_30_june_2025_and_current_start_on_1_july(units):
    assert set(AdministrativeUnit.objects.historical().values_list("valid_until", flat=True)) == {
        dt.date(2025, 6, 30)
    }
    assert set(AdministrativeUnit.objects.current().values_list("valid_from", flat=True)) == {
        dt.date(2025, 7, 1)
    }


def test_six_regions_with_13_mekong_delta_units_before_2025(units):
    assert SocioEconomicRegion.objects.count() == 6
    mekong = SocioEconomicRegion.objects.get(key="dong-bang-song-cuu-long")
    assert mekong.units.historical().count() == 13
    assert "81/2023/QH15" in mekong.source


def test_a_unit_formed_across_two_regions_gets_none(units):
    assert units["tay-ninh"].region is None  # Tây Ninh + Long An
    assert units["can-tho"].region.key == "dong-bang-song-cuu-long"


def test_reloading_changes_nothing(units):
    before = list(AdministrativeUnit.objects.order_by("pk").values())
    out = io.StringIO()
    call_command("load_units", stdout=out)
    assert "created" not in out.getvalue()
    assert "updated" not in out.getvalue()
    assert "unchanged: names: 98, regions: 6, successions: 63, units: 97" in out.getvalue()
    assert list(AdministrativeUnit.objects.order_by("pk").values()) == before


def test_reloading_repairs_a_unit_edited_by_hand(units):
    AdministrativeUnit.objects.filter(key="hau-giang-truoc-2025").update(short_name="Hau Giang")
    out = io.StringIO()
    call_command("load_units", stdout=out)
    assert "updated: units: 1" in out.getvalue()
    assert AdministrativeUnit.objects.get(key="hau-giang-truoc-2025").short_name == "Hậu Giang"


def test_dry_run_writes_nothing(db):
    out = io.StringIO()
    call_command("load_units", "--dry-run", stdout=out)
    assert "created: names: 98, regions: 6, successions: 63, units: 97" in out.getvalue()
    assert AdministrativeUnit.objects.count() == 0
