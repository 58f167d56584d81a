"""How headings are numbered in Vietnamese reports: sectors I, II, III; agreements A, B, C."""

from __future__ import annotations


def roman(number: int) -> str:
    """1 -> I, 4 -> IV, 14 -> XIV: the numbering of sector headings."""
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = []
    for value, letters in numerals:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def letter(number: int) -> str:
    """1 -> A, 27 -> AA: the numbering of agreement headings."""
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
