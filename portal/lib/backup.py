"""Backing up and restoring the whole database, history included.

An approved report is an official statement, and its history is the record of who
changed what: a backup that forgets either is no backup. So both commands work on the
database as a whole, with its own tools, rather than on a model-by-model export:

- PostgreSQL: ``pg_dump -Fc`` and ``pg_restore --clean --if-exists --no-owner`` in one
  transaction (all or nothing). The connection comes from ``settings.DATABASES``; the
  password travels in ``PGPASSWORD``, never on a command line that ``ps`` would show.
- SQLite: the online backup API (``sqlite3.Connection.backup``), which copies a
  consistent snapshot while the portal keeps running; restoring copies the other way.

A backup is written beside its target and renamed into place, so a failed run never
leaves half a file under the real name.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """Something an operator must fix; the message says what."""


@dataclass(frozen=True)
class TableCount:
    table: str
    rows: int


def vendor(using: str = DEFAULT_DB_ALIAS) -> str:
    vendor = connections[using].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"backing up a {vendor} database is not supported")
    return vendor


def file_kind(path: Path) -> str:
    """'postgresql' or 'sqlite' from the file's first bytes, so a wrong file is refused."""
    with open(path, "rb") as handle:
        head = handle.read(16)
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    if head == SQLITE_MAGIC:
        return "sqlite"
    raise BackupError(f"{path} is neither a pg_dump custom-format file nor an SQLite database")


# --- counting what is there --------------------------------------------------------------


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_counts(cursor, tables: Iterable[str]) -> list[TableCount]:
    """Rows per table, through any DB-API cursor."""
    counts = []
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - names from the catalogue
        counts.append(TableCount(table, cursor.fetchone()[0]))
    return counts


def table_checksums(cursor, tables: Iterable[str]) -> dict[str, tuple[int, str]]:
    """Row count and a checksum of every row of each table, whatever order they come in.

    Meant for tests and checks on data the size of a portal, not for huge tables: it
    reads every row.
    """
    result = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT * FROM {_quote(table)}")  # noqa: S608 - names from the catalogue
        digests = sorted(hashlib.sha256(repr(tuple(row)).encode()).hexdigest() for row in cursor)
        total = hashlib.sha256("".join(digests).encode()).hexdigest()
        result[table] = (len(digests), total)
    return result


def current_counts(using: str = DEFAULT_DB_ALIAS) -> list[TableCount]:
    connection = connections[using]
    with connection.cursor() as cursor:
        return table_counts(cursor, connection.introspection.table_names(cursor))


# --- PostgreSQL -----------------------------------------------------------------------


def pg_tool(name: str) -> str:
    """The newest installed pg_dump/pg_restore: it must not be older than the server."""
    candidates = glob.glob(f"/usr/lib/postgresql/*/bin/{name}")
    if candidates:

        def version(path: str) -> int:
            found = re.search(r"/postgresql/(\d+)/", path)
            return int(found.group(1)) if found else 0

        return max(candidates, key=version)
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed (apt-get install postgresql-client)")
    return found


def pg_environment(settings_dict: dict, database: str | None = None) -> dict[str, str]:
    """libpq variables for the configured database; the password only ever here."""
    env = dict(os.environ)
    options = settings_dict.get("OPTIONS") or {}
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": database or settings_dict.get("NAME"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
        "PGSERVICE": options.get("service"),
        "PGPASSFILE": options.get("passfile"),
    }
    env.update({key: str(value) for key, value in values.items() if value})
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{Path(command[0]).name} failed:\n{result.stderr.strip()}")


def pg_dump(path: Path, settings_dict: dict, database: str | None = None) -> None:
    _run([pg_tool("pg_dump"), "--format=custom", "--file", str(path)],
         pg_environment(settings_dict, database))  # fmt: skip


def pg_restore(path: Path, settings_dict: dict, database: str | None = None) -> None:
    env = pg_environment(settings_dict, database)
    command = [pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-acl",
               "--single-transaction", "--dbname", env["PGDATABASE"], str(path)]  # fmt: skip
    _run(command, env)


def pg_listing(path: Path) -> list[str]:
    """Tables whose rows the dump holds (``pg_restore --list``)."""
    result = subprocess.run([pg_tool("pg_restore"), "--list", str(path)],
                            capture_output=True, text=True)  # fmt: skip
    if result.returncode:
        raise BackupError(f"pg_restore --list failed:\n{result.stderr.strip()}")
    tables = []
    for line in result.stdout.splitlines():
        found = re.search(r"TABLE DATA \S+ (\S+) ", line)
        if found and not line.startswith(";"):
            tables.append(found.group(1))
    return sorted(tables)


# --- SQLite ---------------------------------------------------------------------------


def _sqlite_raw(using: str) -> sqlite3.Connection:
    connection = connections[using]
    connection.ensure_connection()
    return connection.connection


def sqlite_listing(path: Path) -> list[TableCount]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as source:
        cursor = source.cursor()
        names = [
            row[0]
            for row in cursor.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = table_counts(cursor, names)
    source.close()
    return counts


# --- the two operations -----------------------------------------------------------------


def backup(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Write a consistent copy of the whole database to ``path`` (replaced if it exists)."""
    kind = vendor(using)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        if kind == "postgresql":
            pg_dump(partial, connections[using].settings_dict)
        else:
            target = sqlite3.connect(partial)
            try:
                _sqlite_raw(using).backup(target)
            finally:
                target.close()
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def restore(path: Path, *, using: str = DEFAULT_DB_ALIAS, database: str | None = None) -> None:
    """Replace the whole database with the backup in ``path``.

    ``database`` restores into another PostgreSQL database of the same server (a scratch
    copy to check a backup) instead of the configured one.
    """
    kind = vendor(using)
    if file_kind(path) != kind:
        raise BackupError(f"{path} is a {file_kind(path)} backup; this portal runs on {kind}")
    connection = connections[using]
    if kind == "postgresql":
        connection.close()  # our own session must not hold locks on what is dropped
        pg_restore(Path(path), connection.settings_dict, database)
        return
    if connection.in_atomic_block:
        raise BackupError("cannot restore an SQLite database inside a transaction")
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        source.backup(_sqlite_raw(using))
    finally:
        source.close()
