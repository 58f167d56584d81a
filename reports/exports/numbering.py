"""How headings are numbered in Vietnamese reports: sectors I, II, III; agreements A, B, C."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _


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


@dataclass
class AnnexGroups:
    """The group headings of a progress annex (workbook and Word report): agreements A, B, …
    when there are several, sectors I, II, … within each; tasks numbered through the whole
    table. ``headings(row)`` gives the headings a commitment row opens, as (number, title,
    level) with level 1 the outer one."""

    grouped: bool  # several agreements: each opens a lettered group
    number: int = 0  # the last task's number
    agreements_seen: int = 0
    sectors_seen: int = 0
    current: tuple = field(default=(None, None))

    def headings(self, agreement, sector) -> list[tuple[str, str, int]]:
        opened = []
        if self.grouped and self.current[0] != agreement.pk:
            self.agreements_seen += 1
            self.sectors_seen = 0
            title = agreement.title
            if agreement.is_demo:
                title += " — " + _("dữ liệu minh họa")
            opened.append((letter(self.agreements_seen), title, 1))
        if self.current != (agreement.pk, sector.pk):
            self.sectors_seen += 1
            opened.append((roman(self.sectors_seen), sector.name, 2 if self.grouped else 1))
        self.current = (agreement.pk, sector.pk)
        self.number += 1
        return opened
