"""The one CSV writer: the reports' CSV and every open-data list go through it.

UTF-8 with a byte-order mark, so that Excel shows Vietnamese letters; comma separated,
rows ending in CRLF (the csv module's default). Each value is written so that any
program reads it the same way, whatever its locale:

- text as it is, formula-looking text with a leading apostrophe (``portal.lib.formulas``);
- a date as ISO 8601 (2024-06-16), a date and time as the local day;
- a ``Decimal`` exactly, without exponent or trailing zeros (45.5, 100); a float as
  Python writes it (45.5, 100.0), an integer and a boolean likewise (3, True);
- nothing (``None``) as an empty cell.

Open data hands its numbers over as floats, the same values as its JSON
(``portal/lib/opendata.py``), so its CSV writes 100.0 where the JSON has 100.0; the
reports' CSV hands over the stored ``Decimal``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO

from django.utils import timezone
from django.utils.functional import Promise

from portal.lib.formulas import neutralise


def csv_value(value: object) -> str:
    """One cell's text (see the module's docstring)."""
    if value is None:
        return ""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def write_csv(out: IO[bytes], rows: Iterable[Sequence[object]]) -> None:
    """Write ``rows`` (the header first) to the binary file ``out``."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    for row in rows:
        writer.writerow([csv_value(value) for value in row])
    text.flush()
    text.detach()


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """The file ``write_csv`` writes, in memory."""
    out = io.BytesIO()
    write_csv(out, rows)
    return out.getvalue()
