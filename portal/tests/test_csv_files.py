"""The one CSV writer (portal/lib/csv_files.py) and the open-data tables built on it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from portal.lib import opendata
from portal.lib.csv_files import csv_bytes, csv_value


def test_the_file_is_utf8_with_a_bom_and_crlf_rows():
    raw = csv_bytes([["Tên", "Số"], ["Cần Thơ, Hậu Giang", 3]])
    assert raw == '\ufeffTên,Số\r\n"Cần Thơ, Hậu Giang",3\r\n'.encode()


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (None, ""),
        (Decimal("45.50"), "45.5"),
        (Decimal("1E+2"), "100"),
        (Decimal("-1234.5"), "-1234.5"),
        (45.0, "45.0"),
        (3, "3"),
        (True, "True"),
        (dt.date(2024, 6, 16), "2024-06-16"),
        (dt.datetime(2024, 6, 16, 23, 30, tzinfo=ZoneInfo("UTC")), "2024-06-17"),
        ("=1+1", "'=1+1"),
        ("Đường tỉnh 931B", "Đường tỉnh 931B"),
    ],
)
def test_each_value_is_written_the_same_way_in_any_locale(value, written, settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    assert csv_value(value) == written


TABLE = opendata.Table(
    title=lambda row: row["title"],
    percent=lambda row: row["percent"],
    due_on=lambda row: row["due_on"],
    demo_data=lambda row: False,
)
ROWS = [{"title": "=HYPERLINK(1)", "percent": Decimal("100"), "due_on": dt.date(2025, 6, 30)}]


def test_the_csv_and_the_json_of_a_table_have_the_same_columns_and_values():
    as_csv = opendata.download("csv", "x", TABLE, ROWS)
    as_json = opendata.download("json", "x", TABLE, ROWS)
    assert as_csv["Content-Disposition"] == 'attachment; filename="x.csv"'
    header, row = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert header == TABLE.names == ["title", "percent", "due_on", "demo_data"]
    assert row == ["'=HYPERLINK(1)", "100.0", "2025-06-30", "False"]
    assert json.loads(as_json.content) == {
        "count": 1,
        "results": [
            {"title": "=HYPERLINK(1)", "percent": 100.0, "due_on": "2025-06-30", "demo_data": False}
        ],
    }


def test_a_column_declared_twice_is_refused():
    with pytest.raises(TypeError):
        opendata.Table(title=lambda row: 1, **{"title": lambda row: 2})


@pytest.mark.django_db
def test_every_public_list_has_the_same_columns_in_its_csv_and_its_json(client, world):
    for path in [
        "/",
        "/?as_of=2024-H1",
        "/agreements/",
        f"/agreements/{world.ours.slug}/",
        f"/sectors/{world.road.sector.slug}/",
        "/provinces/can-tho/",
        f"/reports/?period={world.period.pk}",
    ]:
        sep = "&" if "?" in path else "?"
        as_csv = client.get(f"{path}{sep}format=csv").content.decode("utf-8-sig")
        header, *rows = list(csv.reader(io.StringIO(as_csv)))
        results = client.get(f"{path}{sep}format=json").json()["results"]
        assert results, path
        assert [list(r) for r in results] == [header] * len(results), path
        assert len(rows) == len(results), path
