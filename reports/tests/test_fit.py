"""``reports.exports.fit``: lines a text wraps to in a column, and where printed pages end.
(test_workbooks_print.py checks the same on paper, through LibreOffice.)"""

from __future__ import annotations

import random

from reports.exports import fit


def greedy_lines(widths: list[int], room: float) -> int:
    """The plain word-by-word wrap the bisecting one must agree with: a word goes on the
    line if it fits after a space, else it begins the next line; a word wider than a
    line is broken inside; spaces at the end of the text hang."""
    while len(widths) > 1 and not widths[-1]:
        widths = widths[:-1]
    lines, used, started = 1, 0.0, False
    for width in widths:
        if started and used + fit.SPACE + width <= room:
            used += fit.SPACE + width
            continue
        if started:
            lines += 1
        while width > room:
            lines += 1
            width -= room
        used, started = width, True
    return lines


def test_the_wrap_agrees_with_a_word_by_word_one():
    chance = random.Random(21)
    for _ in range(5000):
        widths = [
            chance.choice([3000, 9000, 25000])
            if chance.random() < 0.1
            else chance.randint(300, 4000)
            for _ in range(chance.randint(1, 40))
        ]
        room = chance.choice([3000.0, 8500.0, 12000.0, 20000.0])
        assert fit._wrapped(widths, room) == greedy_lines(widths, room), (widths, room)


def test_a_line_that_fits_in_excels_text_area_is_one_line():
    # a 20-character column is 145 px, 140 of them for text: 8.5 em of 12-point type
    assert fit.text_lines("Dữ liệu minh họa [4]", 20) == 1
    assert fit.text_lines("Chỉ mang tính hình thức", 20) == 2
    assert fit.text_lines("một\nhai\nba", 20) == 3


def test_a_paragraph_takes_the_lines_a_spreadsheet_wraps_it_to():
    text = (
        "Tiếp nối từ: Chương trình hợp tác phát triển kinh tế - xã hội giữa tỉnh Hậu "
        "Giang và tỉnh Kiên Giang (giai đoạn 2006-2020, tái dựng)"
    )
    # LibreOffice (Carlito for Calibri, as Excel measures) prints it on 6 lines in a
    # 20-character column: one more is the most the estimate may add
    assert 6 <= fit.text_lines(text, 20) <= 7
    assert fit.row_height(6) < 6 * 15  # lines 1.15 apart, not 1.25


def test_a_heading_is_printed_on_the_page_of_its_first_row():
    scale = 1.0
    room = fit.PRINTABLE_DOWN * fit.FULL / scale  # points of the sheet a page holds
    heights = [20.0, 30.0] + [100.0] * 8  # title, header, then rows
    heights[6] = 15.0  # a heading (row 6) kept with row 7
    breaks = fit.page_breaks(heights, scale=scale, header=(1, 1), keep={6: 7})
    used = sum(heights[:6])
    assert used + 15 <= room < used + 115  # the heading fits, its row does not
    assert breaks[0] == 6  # so the page ends before the heading, not after it
    alone = fit.page_breaks(heights, scale=scale, header=(1, 1))
    assert alone[0] == 7  # without the rule it would have ended the page


def test_every_page_after_the_first_begins_below_the_repeated_header():
    heights = [15.0] * 400
    breaks = fit.page_breaks(heights, scale=1.0, header=(0, 1))
    room = fit.PRINTABLE_DOWN * fit.FULL
    pages = [0, *breaks, len(heights)]
    for start, end in zip(pages, pages[1:], strict=False):
        printed = sum(heights[start:end]) + (30 if start else 0)
        assert printed <= room
        if end < len(heights):
            assert printed + 15 > room  # full: the next row would not have fitted
    assert fit.page_breaks(heights, scale=1.0, keep={0: 399}) == fit.page_breaks(
        heights, scale=1.0
    )  # a block taller than a page breaks where it must


def test_excels_scale_for_one_page_wide_is_whole_per_cent():
    assert fit.print_scale([20] * 4) == 1.0
    assert fit.print_scale([40] * 4) == 0.9  # 855 points in 770
    widths = [5, 24, 13, 13, 11, 11, 33, 12, 8, 17, 17, 29, 15, 8, 9, 9, 8]  # the annex
    assert fit.print_scale(widths) == 0.57 >= fit.READABLE
