"""Text a spreadsheet would run as a formula: one definition, used by every file we write
and read.

A cell is formula-looking when its text starts with one of OWASP's characters for CSV
injection: ``=``, ``+``, ``-``, ``@``, a tab or a carriage return. Excel and LibreOffice
run such a cell when they open a CSV (``=HYPERLINK(…)``, ``-2+3``, ``@SUM(A1)``), so:

- **Files we write** keep it text. A CSV (the reports' CSV, open data, the admin's
  export) gets a leading apostrophe through ``neutralise``; a workbook stores a string
  with Excel's quote prefix (``reports/exports/styles.py``). Numbers and dates are not
  text and are left alone: ``-5`` as a number stays a number.
- **Imports** (``portal/lib/importing.py``) refuse a formula-looking text cell and ask
  for a leading apostrophe, which reading drops, so that a clerk confirms the text is
  meant. Two exceptions, both what the import accepted before this rule was shared:

  * a signed number (``-5``, ``-1.234,5``) in a number column is read as a number before
    any text rule is asked;
  * a dash followed by a space, or a dash alone (``- làm đường`` as a list item, ``-``
    for "nothing"), is what Vietnamese documents type, not a formula anyone meant; it is
    stored as typed (``test_a_dash_followed_by_a_space_is_ordinary_text``). It stays
    harmless because every file we write neutralises it on the way out, and reading that
    file back drops the apostrophe again.

  Tab and carriage return never reach the import's rule: a cell is stripped first.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

_DASH_AS_TEXT = re.compile(r"-(?:\s|$)")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would run ``text`` as a formula (OWASP's list)."""
    return text.startswith(FORMULA_STARTS)


def neutralise(value: object, *, reversible: bool = False) -> object:
    """Formula-looking text with a leading apostrophe; anything else (numbers, dates,
    ``None``, ordinary text) unchanged.

    ``reversible``: for files our import reads back (the admin's export), whose reading
    drops one leading apostrophe. Text that already starts with one then gets another,
    so that exporting and importing again returns exactly the stored text. Other files
    (open data, the reports' CSV) are read by people and other tools and keep such text
    as it is.
    """
    if not isinstance(value, str):
        return value
    if looks_like_formula(value) or (reversible and value.startswith("'")):
        return "'" + value
    return value


def refused_on_import(text: str) -> bool:
    """Whether an import refuses this (stripped) text cell as a formula: formula-looking,
    except a dash followed by a space or a dash alone (see the module's docstring)."""
    return looks_like_formula(text) and not _DASH_AS_TEXT.match(text)
