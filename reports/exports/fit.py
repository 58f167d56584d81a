"""How many lines a text takes in a column, so that each row is set tall enough.

Neither writer measures text, and a row without a height stays 15 points whatever its
wrapped text needs: Excel, LibreOffice and a printer then draw the lines over the next
rows or cut them. ``text_lines`` estimates the lines the way a spreadsheet wraps (at
spaces, a word longer than the line broken inside, explicit line breaks kept) with the
advance widths of Times New Roman per character; ``row_height`` turns lines into points.
The estimate leans generous by a few per cent only (``SLACK``): a row a little too tall
costs white space, one too low hides text, and one twice as tall as its text (what a
wholesale estimate by text length gave) doubles the printed pages.

Column widths are Excel's character units: a column of width ``w`` is ``7·w + 5``
pixels at 96 dpi (the digit of the default Calibri 11 is 7 pixels).
"""

from __future__ import annotations

import math
import unicodedata
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import accumulate

DEFAULT_ROW = 15.0  # points: the height of a row nobody set
LINE = 1.15  # a line's height per point of font size (Times New Roman: 1.107, Excel 1.15)
PADDING = 3.0  # points above and below the lines
DIGIT = 7  # pixels per character unit of column width
MARGIN = 5  # pixels of a column's width that text cannot use (2 of padding each side, grid line)
BOLD = 1.08  # bold Times New Roman is about this much wider
SLACK = 0.97  # keep this much of a line: renderers (and hinted pixel widths) differ a little

# Advance widths of Times New Roman in thousandths of an em (its metrics, rounded up).
_ASCII = {
    " ": 250, "!": 333, '"': 408, "#": 500, "$": 500, "%": 833, "&": 778, "'": 180,
    "(": 333, ")": 333, "*": 500, "+": 564, ",": 250, "-": 333, ".": 250, "/": 278,
    ":": 278, ";": 278, "<": 564, "=": 564, ">": 564, "?": 444, "@": 921, "[": 333,
    "\\": 278, "]": 333, "^": 469, "_": 500, "`": 333, "{": 480, "|": 200, "}": 480,
    "~": 541,
    "A": 722, "B": 667, "C": 667, "D": 722, "E": 611, "F": 556, "G": 722, "H": 722,
    "I": 333, "J": 389, "K": 722, "L": 611, "M": 889, "N": 722, "O": 722, "P": 556,
    "Q": 722, "R": 667, "S": 556, "T": 611, "U": 722, "V": 722, "W": 944, "X": 722,
    "Y": 722, "Z": 611,
    "a": 444, "b": 500, "c": 444, "d": 500, "e": 444, "f": 333, "g": 500, "h": 500,
    "i": 278, "j": 278, "k": 500, "l": 278, "m": 778, "n": 500, "o": 500, "p": 500,
    "q": 500, "r": 333, "s": 389, "t": 278, "u": 500, "v": 500, "w": 722, "x": 500,
    "y": 500, "z": 444,
}  # fmt: skip
_ASCII.update({str(digit): 500 for digit in range(10)})
_OTHER = {
    "đ": 500, "Đ": 722,
    "–": 500, "—": 1000, "…": 1000, "•": 350, "→": 1000, "“": 444, "”": 444, "‘": 333,
    "’": 333, "№": 1000, "×": 564, "°": 400,
}  # fmt: skip
WIDEST = 1000  # any character not known: as wide as an em
HORN = "\u031b"  # ơ, ư and their toned forms are a little wider than o, u


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """A character's advance in thousandths of an em: a Vietnamese letter takes its base
    letter's width (diacritics sit above or below it)."""
    known = _ASCII.get(char) or _OTHER.get(char)
    if known:
        return known
    parts = unicodedata.normalize("NFD", char)
    if parts[0] != char:
        return char_width(parts[0]) + (60 if HORN in parts else 0)
    if unicodedata.combining(char):
        return 0
    return WIDEST


_WORDS: dict[str, int] = {}  # word -> width; Vietnamese syllables repeat endlessly


def word_width(word: str) -> int:
    found = _WORDS.get(word)
    if found is None:
        found = sum(map(char_width, word))
        if len(_WORDS) < 100_000:
            _WORDS[word] = found
    return found


@lru_cache(maxsize=1024)
def capacity(width: float, size: float = 12, bold: bool = False) -> tuple[float, int]:
    """What a line of a column ``width`` units wide holds: its width in thousandths of an
    em of the font, and how many characters fit whatever they are."""
    pixels = width * DIGIT + 5 - MARGIN
    em = size * 96 / 72 * (BOLD if bold else 1)
    room = max(pixels, DIGIT) / em * 1000 * SLACK
    return room, int(room // WIDEST)


def text_lines(text: str, width: float, *, size: float = 12, bold: bool = False) -> int:
    """The lines ``text`` takes wrapped in a column (or merged columns) ``width``
    character units wide, in Times New Roman of ``size`` points."""
    return lines_in(text, *capacity(width, size, bold))


def lines_in(text: str, room: float, sure: int) -> int:
    """``text_lines`` for a column's ``capacity``, worked out once per column."""
    if len(text) <= sure and "\n" not in text:
        return 1
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)  # one letter, one width
    if "\n" not in text:
        return _paragraph_lines(text, room)
    return sum(_paragraph_lines(line, room) for line in text.split("\n"))


# A very long paragraph is measured by its length: over many words Vietnamese prose
# averages 413 thousandths of an em per character (the demo's paragraphs: 387 to 467), and
# a line loses about half a word at its end. Anything shorter (every text of the demo) is
# wrapped word by word, as the spreadsheet does: counting by length at 480 and 1,200, as
# this module first did for every paragraph over two lines, made the demo's rows about a
# third taller than their text.
AVERAGE, CAPITALS, WORD, SPACE = 450, 760, 700, 250
LONG = 2_000  # characters: past this a paragraph is measured by its length


def _paragraph_lines(text: str, room: float) -> int:
    if len(text) > LONG:
        average = CAPITALS if text.isupper() else AVERAGE
        return max(1, math.ceil(len(text) * average / max(room - WORD, room / 2)))
    words = text.split(" ")
    widths = list(map(_WORDS.get, words))  # known words without a Python call each
    if None in widths:
        widths = [found or word_width(word) for found, word in zip(widths, words, strict=True)]
    total = sum(widths) + SPACE * (len(words) - 1)
    if total <= room:
        return 1
    return _wrapped(widths, room)


def _wrapped(widths: list[int], room: float) -> int:
    """Word by word, as a spreadsheet wraps (a word longer than a line broken inside):
    each line's last word found by bisection of the words' running ends, so a paragraph
    costs one pass in C and a few steps per line, not a Python step per word."""
    last = len(widths) - 1
    while last > 0 and not widths[last]:
        last -= 1  # spaces at the end hang past the line
    ends = list(accumulate([width + SPACE for width in widths]))  # past each word's space
    lines, first, base = 1, 0, 0.0  # base: where the current line starts
    while True:
        end = bisect_right(ends, base + room + SPACE, first) - 1  # the last word that fits
        if end >= last:
            return lines
        if end >= first:  # words first..end on this line, the next begins another
            first, base = end + 1, ends[end]
            lines += 1
            continue
        fresh = ends[first - 1] if first else 0.0
        if base != fresh:  # the line began with a broken word's end: a new line
            base = fresh
            lines += 1
            continue
        width = widths[first]  # wider than a line: broken inside, its end begins a line
        extra = math.ceil(width / room) - 1
        lines += extra
        base = ends[first] - SPACE - (width - extra * room)
        first += 1
        if first > last:
            return lines


def row_points(cells) -> float:
    """The height a row needs for its (value, style, width) cells: the most lines of
    its wrapped text, or a font bigger than 12 points; ``DEFAULT_ROW`` when neither."""
    needed = DEFAULT_ROW
    for value, style, width in cells:
        lines = 1
        if style.wrap and value is not None and value != "":
            lines = text_lines(str(value), width, size=style.size, bold=style.bold)
        if lines > 1 or style.size > 12:
            needed = max(needed, row_height(lines, style.size))
    return needed


def merged_width(widths) -> float:
    """The width, in character units, of neighbouring columns merged into one cell."""
    return sum(widths) + (len(widths) - 1) * 5 / DIGIT if widths else 0.0


MAX_ROW = 409.0  # points: the tallest row Excel allows


def row_height(lines: int, size: float = 12) -> float:
    """Points a row needs for ``lines`` lines of ``size``-point text, rounded up to a
    whole pixel (0.75 point) as Excel and XlsxWriter store it."""
    pixels = math.ceil((lines * size * LINE + PADDING) / 0.75)
    return min(pixels * 0.75, MAX_ROW)


# --- pages -------------------------------------------------------------------------------
PRINTABLE = 770.0  # points across A4 landscape inside half-inch margins
PRINTABLE_DOWN = 508.0  # points down A4 landscape inside 0.6-inch margins (footer inside)
READABLE = 0.5  # the smallest print scale: 12-point text prints at 6 points
FULL = 0.94  # of a page's height filled at most: Excel, LibreOffice and printers differ
MAX_BREAKS = 1023  # manual page breaks Excel keeps in a sheet


def column_points(width: float) -> float:
    return (width * DIGIT + 5) * 0.75


def print_scale(widths: Sequence[float]) -> float:
    """The scale a sheet fitted to one page's width prints at, as Excel works it out:
    whole per cent, rounded down."""
    total = sum(map(column_points, widths))
    return min(1.0, math.floor(100 * PRINTABLE / total) / 100) if total else 1.0


def page_breaks(
    heights: Sequence[float],
    *,
    scale: float,
    header: tuple[int, int] | None = None,
    keep: Mapping[int, int] | None = None,
) -> list[int]:
    """The rows (from 0) that begin a printed page, pages filled to ``FULL``: a page never
    ends inside a ``keep`` block (its first row to its last, e.g. an agreement's heading
    and its first task) unless the block is taller than a page. ``header`` (first, last)
    are the table's header rows, printed again at the top of every page.

    Set as manual breaks, every page ends where this says in Excel and in LibreOffice
    alike (each of them, left to itself, breaks a little differently)."""
    keep = keep or {}
    room = PRINTABLE_DOWN * FULL / scale
    start = header[1] + 1 if header else 0
    again = sum(heights[header[0] : header[1] + 1]) if header else 0.0
    used = sum(heights[:start])
    breaks: list[int] = []
    row = start
    while row < len(heights) and len(breaks) < MAX_BREAKS:
        height = heights[row]
        end = keep.get(row)
        block = sum(heights[row : end + 1]) if end is not None else height
        fresh = used <= again + 0.01  # nothing but the repeated header on this page yet
        if not fresh and (used + block > room) and (again + block <= room or used + height > room):
            breaks.append(row)
            used = again
        used += height
        row += 1
    return breaks


def pages_across(widths: Sequence[float], *, repeated: int = 0) -> int:
    """How many pages across a table needs so that it prints at ``READABLE`` scale or
    more, its first ``repeated`` columns printed again at the left of each page."""
    total = sum(map(column_points, widths))
    again = sum(map(column_points, widths[:repeated]))
    pages = 1
    while (total + (pages - 1) * again) * READABLE > pages * PRINTABLE and pages < 6:
        pages += 1
    return pages


def first_page_columns(widths: Sequence[float], pages: int, *, repeated: int = 0) -> int:
    """How many columns print on the first of ``pages`` pages across (a title merged
    over them stays on that page)."""
    if pages <= 1:
        return len(widths)
    total = sum(map(column_points, widths))
    again = sum(map(column_points, widths[:repeated]))
    room = (total + (pages - 1) * again) / pages * 0.95
    used, count = 0.0, 0
    for width in widths:
        used += column_points(width)
        if used > room:
            break
        count += 1
    return max(count, 1)
