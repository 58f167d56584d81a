"""Every URL pattern × every role × objects inside and outside the role's scope × GET/POST.

The patterns come from the URL resolver, so a new view without a row here fails
("new view with no row in the permission matrix") and cannot ship unchecked. The rows
(``portal/tests/matrix_rows.py``) say, per cell, which class of answer is expected:

- ``ok``: allowed. A GET answers 200 or a redirect to a page other than the login page.
  A POST must have *worked*, not merely been let in: a form view must redirect (a form
  re-rendered with errors, such as a refused inline row or an edit conflict, answers 200
  and fails the cell), a file download must send a file, and the row's ``effect`` must
  hold (the edited text stuck, the new row exists, the deleted row is gone, the report
  moved). Only rows marked ``ok_post="page"`` accept a 200 page, each saying why;
- ``no``: refused: 400/403/404/405, a redirect to the login page, or the admin's
  "does not exist or no permission" redirect to its index; a refused POST must leave
  every table unchanged (a checksum of all rows, history tables included);
- ``ns`` ("no save"): any answer but a 500, and every table unchanged (read-only pages
  answering a POST, bulk actions the user may not run, the disabled history revert);
- ``ro`` ("read-only fields"): the page is the user's to save (a redirect, as for an
  allowed form: a form re-rendered with errors fails the cell), and the target object is
  unchanged: every concrete field and many-to-many of it and of the rows of its inlines
  (an agreement's parties, commitments, documents), but the bookkeeping every save moves
  (``version``, ``updated_at``). The page may save what else is the user's.

The world is ``portal/tests/matrix_world.py``: built once per module, every cell runs in
a savepoint that is rolled back, so allowed POSTs do not leak into the next cell.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter

import pytest
from django.db import connection, transaction
from django.urls import URLPattern, URLResolver, get_resolver

from portal.tests.matrix_rows import ROWS, Cell, Row
from portal.tests.matrix_world import (
    CSRF_TOKEN,
    ROLES,
    UNCHECKED_TABLES,
    changed_tables,
    client_for,
    database_checksum,
    matrix_world_fixture,  # noqa: F401  (the module's world: ``mworld``)
    object_state,
    state_changes,
)


def url_patterns() -> list[str]:
    """Every URL pattern of the site: its namespaced name, or its route when unnamed."""

    def walk(resolver, prefix: str, namespace: str | None):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or None
                ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                yield from walk(pattern, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if pattern.name:
                    yield f"{namespace}:{pattern.name}" if namespace else pattern.name
                else:
                    yield route

    return list(dict.fromkeys(walk(get_resolver(), "", None)))


PATTERNS = url_patterns()
CHECKED: list[tuple[str, str, str, str]] = []  # (pattern, role, method, target)
FAILED: list[dict] = []
ALLOWED_POSTS: Counter[str] = Counter()  # how each allowed POST was judged
REDIRECTS = (301, 302, 303, 307, 308)


def answer(response, row: Row) -> str:
    """The class of an answer: ok, refused, or error."""
    status = response.status_code
    if status >= 500:
        return "error"
    if status in REDIRECTS:
        location = response["Location"].split("?")[0]
        if location.endswith("/login/"):
            return "refused"
        if location.rstrip("/").endswith("/admin") and not row.index_ok:
            return "refused"  # the admin's "does not exist, or no permission" redirect
        return "ok"
    if status in (400, 403, 404, 405):
        return "refused"
    return "ok"


def post_worked(response, row: Row) -> tuple[bool, bool]:
    """(whether an allowed POST answered as its row says, whether it claims a save)."""
    status = response.status_code
    if row.ok_post == "page":
        ALLOWED_POSTS["page (lenient)"] += 1
        return status == 200 or status in REDIRECTS, False
    if row.ok_post == "file":
        ALLOWED_POSTS["file"] += 1
        return status == 200 and "attachment" in response.get("Content-Disposition", ""), False
    if row.ok_post == "delete" and status == 200:
        # Django's page naming the protected rows that block the delete: allowed, not done
        ALLOWED_POSTS["delete blocked by protected rows"] += 1
        return bool((getattr(response, "context_data", None) or {}).get("protected")), False
    ALLOWED_POSTS["redirect" + (" + effect" if row.effect else "")] += 1
    return status in REDIRECTS, status in REDIRECTS


def form_errors(response) -> list[str]:
    """The error lists of a page that re-rendered its form (for the failure message)."""
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    lists = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in lists][:5]


WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)
WRITE_VERB = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE|TRUNCATE)\b", re.I)


def post_leaving_tables(client, url, data):
    """POST, then the tables it changed (a checksum of every row, history included).

    Only the tables the request wrote to can have changed: the statements are recorded,
    and those tables alone are compared as the request left them and as they were before
    it (its savepoint rolled back). A request that wrote nothing changed nothing.
    """
    written: set[str | None] = set()

    def record(execute, sql, params, many, context):
        if WRITE_VERB.match(sql):
            found = WRITE.match(sql)
            written.add(found.group(1) if found else None)  # None: compare every table
        return execute(sql, params, many, context)

    savepoint = transaction.savepoint_create()
    with connection.execute_wrapper(record):
        response = client.post(url, data)
    tables = None if None in written else written
    if tables is not None:
        tables = {t for t in tables if t not in UNCHECKED_TABLES}
        if not tables:
            transaction.savepoint_rollback(savepoint)
            return response, []
    after = database_checksum(tables)
    transaction.savepoint_rollback(savepoint)
    return response, changed_tables(database_checksum(tables), after)


def run_cell(world, pattern, row, role, method, target, expected) -> str | None:
    """One cell inside a savepoint that is always rolled back; a message when it fails."""
    problems: list[str] = []
    with transaction.atomic():
        url = row.url(world, role, target)
        cell = Cell(world, role, target, url, expected)
        client = client_for(world, role)
        if method == "get":
            response = client.get(url)
        else:
            data = row.payload(cell) if row.payload else {}
            data["csrfmiddlewaretoken"] = CSRF_TOKEN
            obj = row.obj(world, role, target) if row.obj else None
            kept = object_state(obj) if expected == "ro" else None
            if expected in ("no", "ns"):
                response, changed = post_leaving_tables(client, url, data)
                problems += changed
            else:
                response = client.post(url, data)
            if kept is not None:
                problems += state_changes(kept, object_state(obj))
            if expected == "ok" and answer(response, row) == "ok":
                worked, saved = post_worked(response, row)
                if not worked:
                    problems.append(f"an allowed POST did not work ({row.ok_post})")
                elif saved and row.effect and (missing := row.effect(cell, data, obj)):
                    problems.append(missing)
        transaction.set_rollback(True)
    got = answer(response, row)
    saved_form = got == "ok" and response.status_code in REDIRECTS
    ok = (
        not problems
        and {
            "ok": got == "ok",
            "no": got == "refused",
            "ns": got != "error",
            "ro": saved_form,
        }[expected]
    )
    if ok:
        return None
    record = {
        "pattern": pattern, "role": role, "method": method.upper(), "target": target,
        "url": url, "expected": expected, "status": response.status_code,
        "location": response.get("Location", ""), "problems": problems,
        "form_errors": form_errors(response),
    }  # fmt: skip
    FAILED.append(record)
    return json.dumps(record, ensure_ascii=False)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_url_answers_each_role_as_the_matrix_says(mworld, db, pattern, role, method):
    row = ROWS.get(pattern)
    if row is None:
        pytest.fail(f"new view with no row in the permission matrix: {pattern}")
    failures = []
    for target, expected in zip(row.targets, row.expected(method, role), strict=True):
        CHECKED.append((pattern, role, method, target))
        message = run_cell(mworld, pattern, row, role, method, target, expected)
        if message:
            failures.append(message)
    assert not failures, "\n".join(failures)


def test_every_row_names_a_url_pattern_that_exists():
    stale = [key for key, row in ROWS.items() if key not in PATTERNS and not row.optional]
    assert stale == []


def test_the_matrix_reports_how_much_it_checked():
    patterns = {c[0] for c in CHECKED}
    summary = {
        "url_patterns": len(PATTERNS),
        "patterns_checked": len(patterns),
        "roles": len(ROLES),
        "methods": 2,
        "cells": len(CHECKED),
        "failed_cells": len(FAILED),
        "allowed_posts": dict(ALLOWED_POSTS),
    }
    print(f"\npermission matrix: {summary}")
    if os.environ.get("MATRIX_REPORT"):
        with open(os.environ["MATRIX_REPORT"], "w", encoding="utf-8") as out:
            json.dump({"summary": summary, "failed": FAILED}, out, ensure_ascii=False, indent=1)
    assert patterns <= set(PATTERNS)
    assert all(p in ROWS for p in PATTERNS)
