"""Admin list cells that keep a list within a 1366 px screen (issue 12).

A long name is cut at a word and the whole of it goes into the cell's tooltip (the
``title`` attribute); the change page still shows it in full. Agreement titles keep
their end, which says between whom and for which term ("… Kiên Giang giai đoạn
2021-2025"): two renewals of one programme differ only there.
"""

from __future__ import annotations

from django.utils.html import format_html

ELLIPSIS = "…"


def _head(text: str, limit: int) -> str:
    """The words of ``text`` from its start that fit in ``limit`` characters."""
    cut = text[: limit + 1].rsplit(" ", 1)[0] if len(text) > limit else text
    return (cut if len(cut) <= limit else text[:limit]).rstrip(" ,;:-–")


def _tail(text: str, limit: int) -> str:
    """The words of ``text`` up to its end that fit in ``limit`` characters."""
    cut = text[-limit - 1 :].split(" ", 1)[-1] if len(text) > limit else text
    return (cut if len(cut) <= limit else text[-limit:]).lstrip(" ,;:-–")


def shortened(text: object, limit: int, *, keep_end: bool = False) -> str:
    """``text`` in at most about ``limit`` characters, cut between words, with the whole
    text on hover; ``keep_end`` cuts the middle instead of the end. Short text is
    returned as it is (escaped)."""
    full = str(text)
    if len(full) <= limit:
        return format_html("{}", full)
    if keep_end:
        head = limit // 3  # the kind of document; the rest for the parties and the term
        short = f"{_head(full, head)} {ELLIPSIS} {_tail(full, limit - head)}"
    else:
        short = f"{_head(full, limit)}{ELLIPSIS}"
    return format_html('<span title="{}">{}</span>', full, short)
