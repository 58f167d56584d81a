"""The shipped data file still says what the vietnam-provinces package says."""

import json

from regions.unit_data_source import DATA_FILE, build, render


def test_the_data_file_matches_the_package():
    assert DATA_FILE.read_text(encoding="utf-8") == render(build()), (
        "regions/data/administrative_units.json is out of date: "
        "run `python -m regions.unit_data_source` and review the diff"
    )


def test_the_tien_giang_correction_is_applied_and_documented():
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    links = {(s["predecessor"], s["successor"]) for s in data["successions"]}
    assert ("tien-giang-truoc-2025", "dong-thap") in links
    assert ("tien-giang-truoc-2025", "tay-ninh") not in links
    assert any("Tiền Giang" in c["why"] for c in data["corrections"])


def test_without_the_correction_the_package_would_map_tien_giang_twice():
    from vietnam_provinces import _province_conversion_2025 as conversion

    assert {ref.code for ref in conversion.OLD_TO_NEW[82].new_provinces} == {80, 82}
