"""Time of a public search as the number of words grows, before and after issue 8.

The old search added one ``filter()`` per word on the parties, so the rows grew as
parties to the power of words: five words took a server thread for about 25 s and ten
never finished. The search now asks one ``Exists`` per word (at most 8 words). This
script shows both on the same data: 200 agreements with 13 parties each (Hồ Chí Minh
City and twelve Mekong provinces, as in the regional programme), every word found in
each title so that no row is filtered out early.

Run it against a throwaway database, never the development one:

    rm -f /tmp/bench_search.sqlite3
    DATABASE_URL=sqlite:////tmp/bench_search.sqlite3 .venv/bin/python \\
        bench/bench_public_search.py --results bench/RESULTS_search.md

"After" is the whole page ``/agreements/?q=…`` through Django's test client (DEBUG off,
median of several runs). "Before" is the old queryset's ``count()`` (the first query of
the old page), stopped after ``--cap`` seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

AGREEMENTS = 200
UNITS = [
    "ho-chi-minh-truoc-2025",
    "long-an-truoc-2025",
    "tien-giang-truoc-2025",
    "ben-tre-truoc-2025",
    "tra-vinh-truoc-2025",
    "vinh-long-truoc-2025",
    "dong-thap-truoc-2025",
    "an-giang-truoc-2025",
    "kien-giang-truoc-2025",
    "can-tho-truoc-2025",
    "hau-giang-truoc-2025",
    "soc-trang-truoc-2025",
    "bac-lieu-truoc-2025",
]
TITLE = "Chương trình hợp tác phát triển vùng đồng bằng sông Cửu Long số {n}"
WORDS = "chuong trinh hop tac phat trien vung dong bang song".split()


def setup_django() -> None:
    from django_setup import setup_django_for_benchmark  # bench/, beside this script

    setup_django_for_benchmark()


def build() -> None:
    from django.core.management import call_command

    from agreements.models import Agreement, AgreementParty
    from regions.models import AdministrativeUnit

    call_command("migrate", verbosity=0)
    if not AdministrativeUnit.objects.exists():
        call_command("load_units", verbosity=0)
    if Agreement.objects.filter(slug__startswith="bench-search-").count() == AGREEMENTS:
        return
    units = [AdministrativeUnit.objects.get(key=key) for key in UNITS]
    agreements = Agreement.objects.bulk_create(
        Agreement(
            slug=f"bench-search-{n}",
            title=TITLE.format(n=n),
            kind=Agreement.Kind.MULTILATERAL,
            signed_on=dt.date(2021, 3, 1),
            term_start=dt.date(2021, 1, 1),
            term_end=dt.date(2025, 12, 31),
        )
        for n in range(AGREEMENTS)
    )
    AgreementParty.objects.bulk_create(
        AgreementParty(agreement=a, unit=u, order=i)
        for a in agreements
        for i, u in enumerate(units, start=1)
    )


def old_search(words: list[str]):
    """The search as it was before issue 8 (agreements/filters.py at fd5ab00)."""
    from django.db.models import Q

    from agreements.queries import agreements_for_listing

    queryset = agreements_for_listing()
    for word in words:
        queryset = queryset.filter(
            Q(title__unaccent__icontains=word)
            | Q(summary__unaccent__icontains=word)
            | Q(document_number__icontains=word)
            | Q(parties__unit__short_name__unaccent__icontains=word)
        )
    return queryset.distinct()


def time_old(words: list[str], cap: float) -> float | None:
    """Seconds for the old count, or None when stopped after ``cap`` seconds."""
    from django.db import OperationalError, connection

    connection.ensure_connection()
    stop = threading.Timer(cap, connection.connection.interrupt)
    started = time.perf_counter()
    stop.start()
    try:
        old_search(words).count()
    except OperationalError:  # interrupted
        return None
    finally:
        stop.cancel()
    return time.perf_counter() - started


def time_new(client, path: str, words: list[str], runs: int) -> tuple[float, int]:
    """Median seconds of the page and its number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, {"q": " ".join(words)})
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return statistics.median(times), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=Path, help="write the table to this Markdown file")
    parser.add_argument(
        "--cap", type=float, default=30.0, help="seconds before the old search is stopped"
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        sys.exit("This benchmark stops the old query with SQLite's interrupt(): use SQLite.")
    setup_test_environment()  # the test client then records the template context
    build()
    client = Client(headers={"host": "localhost"})
    client.get("/agreements/")  # warm up: templates, units, translations

    lines = []
    stopped = False
    for count in (1, 2, 3, 4, 5, 10):
        words = WORDS[:count]
        after, queries = time_new(client, "/agreements/", words, args.runs)
        board, board_queries = time_new(client, "/", words, args.runs)
        before = None if stopped else time_old(words, args.cap)
        stopped = stopped or before is None
        shown = f"{before:.2f} s" if before is not None else f"> {args.cap:.0f} s (stopped)"
        line = (
            f"| {count} | {shown} | {after * 1000:.0f} ms ({queries} queries) "
            f"| {board * 1000:.0f} ms ({board_queries} queries) |"
        )
        print(line, flush=True)
        lines.append(line)

    header = [
        "| words | before: old search, count() | after: page /agreements/?q= | after: dashboard /?q= |",
        "|---:|---:|---:|---:|",
    ]
    table = "\n".join(header + lines)
    print(table)
    if args.results:
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        machine = (
            f"{platform.python_implementation()} {platform.python_version()}, "
            f"{os.cpu_count()} cores, load average {load} at the end"
        )
        args.results.write_text(
            "# Public search: time by number of words\n\n"
            f"`bench/bench_public_search.py` on SQLite, {AGREEMENTS} agreements × {len(UNITS)} "
            f"parties, every word in every title ({machine}, {dt.date.today():%d/%m/%Y}).\n"
            "After: median of "
            f"{args.runs} runs of the whole page, DEBUG off. Before: the search as it was, "
            "one join on the parties per word; stopped after "
            f"{args.cap:.0f} s; once stopped, longer searches are not tried.\n"
            "Each word the old search adds multiplies its rows by the 13 parties (its time "
            "by about 13). "
            "Every search finds the 200 agreements (the list shows 20 a page, the dashboard "
            "all of them). Ten words are searched as eight (the limit), with a message on "
            "the page.\n\n"
            f"{table}\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
