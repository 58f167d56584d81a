"""Database glue: an UNACCENT function on SQLite to match PostgreSQL's extension."""

from __future__ import annotations

from portal.lib.text import fold


def _unaccent(value: object) -> object:
    return fold(value) if isinstance(value, str) else value


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """Give each new SQLite connection UNACCENT(text), so ``__unaccent__icontains``
    ignores Vietnamese accents and case on SQLite as it does on PostgreSQL."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, _unaccent, deterministic=True)
