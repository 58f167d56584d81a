"""The workbook writer pinned by a golden file: the cells, formats, merges, panes,
filters, row heights and print settings of a reference sheet, written by each writer that
``reports/exports/xlsx.py`` can use, must read back (with openpyxl) exactly as the
reference ``golden/reference_workbook.json`` says. Swapping or upgrading the writer
fails here first. After an intended change of the look: ``GOLDEN_UPDATE=1 pytest
reports/tests/test_xlsx_golden.py`` rewrites the file; review its diff.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from reports.exports.styles import CENTER, DAY, NUM, STYLES, WRAP, Column, Line, SheetWriter
from reports.exports.xlsx import WRITERS, Book

GOLDEN = Path(__file__).parent / "golden" / "reference_workbook.json"


def reference_workbook(writer: str) -> bytes:
    book = Book(STYLES, writer=writer)
    columns = [
        Column("STT", 6, CENTER),
        Column("Nội dung hợp tác", 40, WRAP),
        Column("Bắt đầu", 12, DAY, group="Thời gian thực hiện"),
        Column("Hoàn thành", 12, DAY, group="Thời gian thực hiện"),
        Column("Tỷ lệ (%)", 10, NUM),
        Column("Vốn (triệu đồng)", 14, NUM, fmt="#,##0.0"),
    ]
    sheet = SheetWriter(book, "Phụ lục: tiến độ/2024", columns)
    sheet.start(
        [Line("PHỤ LỤC", "vn-title"), Line("Kèm theo Báo cáo số …", "vn-caption")],
        freeze_columns=2,
    )
    sheet.heading("I", "Giao thông")
    road = (
        "Đường tỉnh 931B: nâng cấp, mở rộng đoạn qua huyện Vị Thủy và thành phố Vị Thanh, "
        "nối với Quốc lộ 61C\nĐã thông xe kỹ thuật"
    )  # three lines and a fourth after the line break, in a column 40 wide
    sheet.append([1, road, dt.date(2024, 1, 15), dt.date(2025, 12, 31), 45.5, 12000])
    sheet.append(
        [2, '=HYPERLINK("http://x")', None, "", Decimal("7.25"), Decimal("3500.5")], pending=True
    )
    sheet.append([3, "-5 km\x01 đường", dt.datetime(2024, 6, 17, 9, 30), None, 0, None], pad=True)
    sheet.heading("1.1", "Cầu", level=2)
    sheet.append([4, "@ghi chú", None, None, 100])
    sheet.finish()
    cover = SheetWriter(book, "Tổng hợp", [Column("Mục", 30), Column("Giá trị", 20, NUM)])
    cover.start([Line("BẢNG TỔNG HỢP", "vn-title")], header=False)
    cover.append_styled([("Ngày lập", "vn-label"), (dt.date(2025, 1, 10), "vn-plain-date")])
    cover.section("Số báo cáo")
    cover.finish()
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _number(value):
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def describe(data: bytes) -> dict:
    """What a reader sees: every cell's value and look, and each sheet's settings."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheets = {}
    for ws in workbook.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                value = c.value
                if isinstance(value, dt.datetime):
                    value = value.isoformat()
                border = c.border
                cells[c.coordinate] = {
                    "value": _number(value),
                    "type": c.data_type,
                    "format": c.number_format,
                    "font": [c.font.name, float(c.font.sz or 0), bool(c.font.b), bool(c.font.i)],
                    "fill": c.fill.fgColor.rgb[-6:] if c.fill.fill_type == "solid" else None,
                    "align": [
                        c.alignment.horizontal,
                        c.alignment.vertical,
                        bool(c.alignment.wrap_text),
                    ],
                    "border": [
                        bool(side and side.style)
                        for side in (border.left, border.right, border.top, border.bottom)
                    ],
                    "quote": bool(c.quotePrefix),
                }
        setup = ws.page_setup
        sheets[ws.title] = {
            "cells": cells,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "freeze": ws.freeze_panes,
            "autofilter": ws.auto_filter.ref,
            "print_titles": ws.print_title_rows,
            "orientation": setup.orientation,
            "paper": int(setup.paperSize or 0),
            "fit": [
                bool(ws.sheet_properties.pageSetUpPr.fitToPage),
                int(setup.fitToWidth or 1),  # left out means 1 (ECMA-376)
                int(setup.fitToHeight),
            ],
            "margins": [ws.page_margins.left, ws.page_margins.right, ws.page_margins.top],
            "footer": ws.oddFooter.center.text,
            "centered": bool(ws.print_options.horizontalCentered),
            "widths": {k: round(d.width) for k, d in sorted(ws.column_dimensions.items())},
            "heights": {
                str(r): d.height
                for r, d in sorted(ws.row_dimensions.items())
                if d.customHeight and d.height is not None
            },
            "print_title_cols": ws.print_title_cols,
            "page_order": setup.pageOrder,
        }
    return {"sheets": list(sheets), "detail": sheets}


@pytest.mark.parametrize("writer", WRITERS)
def test_each_writer_writes_the_reference_workbook_as_pinned(writer):
    found = describe(reference_workbook(writer))
    if os.environ.get("GOLDEN_UPDATE") and writer == WRITERS[0]:
        GOLDEN.write_text(json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert found["sheets"] == expected["sheets"]
    for title, sheet in expected["detail"].items():
        got = found["detail"][title]
        for key in sheet:
            assert got[key] == sheet[key], f"{writer}: {title}: {key}"


def test_the_reference_pins_what_matters():
    """The golden file itself says what the portal's sheets promise (so that an update
    of it cannot drop a feature unnoticed)."""
    annex = json.loads(GOLDEN.read_text(encoding="utf-8"))["detail"]["Phụ lục  tiến độ 2024"]
    cells = annex["cells"]
    assert cells["A1"]["value"] == "PHỤ LỤC" and "A1:F1" in annex["merged"]
    assert "C4:D4" in annex["merged"]  # the group over its columns
    assert cells["C5"]["value"] == "Bắt đầu" and cells["A4"]["value"] == "STT"
    assert cells["B8"] == cells["B8"] | {"value": '=HYPERLINK("http://x")', "type": "s"}
    assert cells["B8"]["quote"] and cells["B11"]["quote"] and cells["B10"]["quote"] is False
    assert cells["B9"]["quote"] and cells["B9"]["value"] == "-5 km đường"  # control character gone
    assert cells["C7"]["format"] == "dd/mm/yyyy" and cells["E7"]["format"] == "#,##0.0#"
    assert cells["F7"]["format"] == "#,##0.0" and cells["F7"]["value"] == 12000
    assert cells["A8"]["fill"] == "FFF2CC"  # a report not yet approved
    assert annex["freeze"] == "C6" and annex["autofilter"] == "A5:F11"
    assert annex["print_titles"] == "$4:$5"
    assert annex["orientation"] == "landscape" and annex["paper"] == 9
    assert annex["fit"] == [True, 1, 0] and annex["footer"] == "&P / &N"
    # rows as tall as their text: the 14-point title, the two-line group header, the
    # road's four wrapped lines; one-line rows keep the default height
    heights = annex["heights"]
    assert heights["1"] > 15 and heights["4"] >= 2 * 12 and heights["7"] >= 4 * 12
    assert "6" not in heights and "8" not in heights
    assert annex["page_order"] == "overThenDown" and annex["print_title_cols"] is None
