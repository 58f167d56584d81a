"""Progress of a file being written, for whoever waits for it (a background task).

The writers call ``tick()`` once per table row they write; nothing happens unless a
caller is ``tracking``. The callback gets the number of rows written so far and
decides itself how often to record it (a database write per row would cost more
than the row).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_listener: ContextVar[Callable[[int], None] | None] = ContextVar("export_progress", default=None)
_rows: ContextVar[int] = ContextVar("export_rows", default=0)


@contextmanager
def tracking(callback: Callable[[int], None]) -> Iterator[None]:
    """Within the block, ``callback(rows_written)`` is called after every row."""
    listener_token = _listener.set(callback)
    rows_token = _rows.set(0)
    try:
        yield
    finally:
        _listener.reset(listener_token)
        _rows.reset(rows_token)


def tick(rows: int = 1) -> None:
    callback = _listener.get()
    if callback is None:
        return
    written = _rows.get() + rows
    _rows.set(written)
    callback(written)
