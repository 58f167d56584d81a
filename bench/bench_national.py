"""Every public page and every admin changelist at national scale, each beside a floor.

Issue 9, point 7. For each page: p50 and p95 wall time of the whole request through
Django's test client (in process, DEBUG off, after one warm-up request), the number of
queries it asks, and its **floor**: the raw SQL of the page's main aggregate replayed
through ``connection.cursor()`` the same number of times (p50). The floor is what the
database alone needs for the page's one unavoidable read; the gap between it and the page
is Python, templates and the page's other queries. Beside the wall time, the CPU time of
the process serving the request, which tells the page's own work from waiting.

Targets (issue 9): on PostgreSQL the dashboard, the reporting page and the agreement page
answer in p50 ≤ 100 ms; every public page asks at most 15 queries whatever the size.
Admin changelists and the admin index are measured, with no target.

Run it against a throwaway database holding the synthetic national data, never the
development one:

    createdb -h 127.0.0.1 -U postgres portal_gen_full
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_gen_full
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_units
    .venv/bin/python manage.py generate_data --scale 1 --yes
    .venv/bin/python bench/bench_national.py --results bench/RESULTS_national.md

``--quick`` (3 runs, public pages only) is the CI mode, on ``generate_data --scale 0.01``.
``--strict`` makes a missed target fail the run (exit status 1). The script writes one
row to the database: a superuser ``bench.superuser`` (no password) for the admin pages.
On PostgreSQL it first VACUUMs and ANALYZEs the tables autovacuum would process now
(``--no-vacuum`` not to), and on any database it warns of indexes the models declare
that the database lacks. bench/README.md quotes and explains the results.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

PAGE_P50_TARGET_MS = 100.0  # dashboard, reporting page, agreement page (PostgreSQL)
PUBLIC_QUERY_TARGET = 15  # every public page, whatever the size
TIMED_KINDS = ("dashboard", "agreement", "reporting")
BENCH_USER = "bench.superuser"
CPU_NOTE = {
    False: "the CPU time of the process serving the request (Python, templates, the "
    "database driver; not the database server's work), less sensitive than wall time to "
    "other work on the machine.",
    True: "the CPU time of the process serving the request, SQLite's own work included "
    "(it runs in the same process).",
}
APP_FOLDERS = ("agreements", "regions", "reports", "portal", "templates")
TRANSACTION_WORDS = {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"}

# What each kind of page's floor is (the SQL comes from the pages' own querysets).
FLOORS = {
    "dashboard": "`summaries_as_of(seq)`, the page's own count per agreement of the combined "
    "rows answering for the period (the period's rows, then the last rows of commitments "
    "that ended earlier); with `?province=`, over the filter's agreements",
    "list": "`count()` of the filtered agreements and their first page of 20 (no prefetches)",
    "agreement": "every combined standing row of the agreement as of the period "
    "(`rows_as_of(seq).filter(agreement=…)`, no joins)",
    "units": "the units with their number of agreement parties (the page's one query)",
    "unit": "`summaries_by_agreement(rows_as_of(seq).filter(agreement_id__in=…))` over the "
    "unit's agreements, latest period (the agreement ids read beforehand)",
    "sector": "`summaries_as_of(seq, sector=…)`, the sector's counts, latest period",
    "reporting": "`owed_by_unit(owed(seq))`: expected, approved, missing and late per "
    "responsible unit for the period",
    "open-data": "the page's one data query (a sector with agreements)",
    "admin": "`count(*)` of the table and its first 100 rows by primary key",
}

Statement = tuple[str, object]  # SQL as Django sends it, and its parameters


@dataclass
class Page:
    label: str
    path: str
    kind: str  # dashboard, agreement, reporting, …; "admin" for admin pages
    floor: Callable[[], None] | None  # runs the floor's querysets once (they are captured)
    statements: list[Statement] = field(default_factory=list)

    @property
    def public(self) -> bool:
        return self.kind != "admin"


@dataclass
class Result:
    page: Page
    p50: float
    p95: float
    cpu_p50: float  # CPU time of this process (Django), the database server's not included
    queries: int  # SQL statements, not counting transaction control
    transaction: int  # BEGIN, COMMIT, … (ATOMIC_REQUESTS wraps every request)
    floor_p50: float | None
    misses: list[str]


def setup_django() -> None:
    from django_setup import setup_django_for_benchmark  # bench/, beside this script

    setup_django_for_benchmark()


# --- statistics -------------------------------------------------------------------------------


def p50(times: list[float]) -> float:
    return statistics.median(times)


def p95(times: list[float]) -> float:
    if len(times) < 2:
        return times[0]
    return statistics.quantiles(times, n=20, method="inclusive")[-1]


# --- floors: the page's main read, replayed as raw SQL ------------------------------------


def captured(run: Callable[[], None]) -> list[Statement]:
    """The statements ``run`` sends to the database, exactly as Django sends them."""
    from django.db import connection

    found: list[Statement] = []

    def record(execute, sql, params, many, context):
        found.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        run()
    return found


def time_floor(statements: list[Statement], runs: int) -> float:
    """p50 seconds of the statements run one after another through a raw cursor."""
    from django.db import connection

    times = []
    for _ in range(runs + 1):  # the first run warms the plan and the cache, not counted
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()
        times.append(time.perf_counter() - started)
    return p50(times[1:])


# --- the pages -----------------------------------------------------------------------------


@dataclass
class Subjects:
    """What the pages are about: chosen from the data as the heaviest of their kind."""

    latest_seq: int
    past_key: str  # a past period, ``2022-H2`` when the data reach back so far
    past_seq: int
    agreement: object  # the agreement with the most commitments
    current_unit: object  # the current unit whose page lists the most agreements
    historical_unit: object  # the pre-2025 unit with the most agreements
    sector: object  # the sector with the most commitments
    query: str


def choose_subjects(query: str, wanted_past: str) -> Subjects:
    from django.db.models import Count

    from agreements.access import unit_scope
    from agreements.models import Agreement, AgreementParty, Sector
    from regions.models import AdministrativeUnit
    from reports.models import CommitmentStanding, period_seq, seq_period
    from reports.queries import standing as records

    latest_seq = records.latest().seq
    seqs = sorted(
        set(CommitmentStanding.objects.filter(seq__lt=latest_seq).values_list("seq", flat=True))
    )
    if not seqs:
        sys.exit("No past period with standing records: run generate_data first.")
    year, _sep, half = wanted_past.partition("-H")
    past_seq = period_seq(int(year), int(half))
    if past_seq not in seqs:
        past_seq = seqs[len(seqs) // 2]
    agreement = Agreement.objects.annotate(n=Count("commitments")).order_by("-n", "pk").first()
    pairs = list(AgreementParty.objects.values_list("agreement_id", "unit_id"))

    def agreements_of(unit) -> int:
        scope = unit_scope(unit.pk) if unit.is_current else {unit.pk}
        return len({a for a, u in pairs if u in scope})

    current = max(AdministrativeUnit.objects.current(), key=lambda u: (agreements_of(u), -u.pk))
    historical = max(
        AdministrativeUnit.objects.historical(), key=lambda u: (agreements_of(u), -u.pk)
    )
    sector = Sector.objects.annotate(n=Count("commitments")).order_by("-n", "pk").first()
    return Subjects(
        latest_seq=latest_seq,
        past_key="{}-H{}".format(*seq_period(past_seq)),
        past_seq=past_seq,
        agreement=agreement,
        current_unit=current,
        historical_unit=historical,
        sector=sector,
        query=query,
    )


def dashboard_floor(seq: int, agreements=None) -> Callable[[], None]:
    """The counts per agreement of the combined rows answering for ``seq``: the page's own
    ``standing_queries.summaries_as_of`` (its SQL, replayed)."""
    from reports.queries import standing as records

    filters = {} if agreements is None else {"agreement__in": agreements.order_by().values("pk")}
    return lambda: records.summaries_as_of(seq, **filters)


def filtered_agreements(params: dict[str, str]):
    """The agreements a public page lists for these query parameters."""
    from django.http import QueryDict
    from django.utils.http import urlencode

    from agreements.filters import AgreementFilter
    from agreements.queries import agreements_for_listing

    data = QueryDict(urlencode(params)) if params else None
    return AgreementFilter(data, queryset=agreements_for_listing()).qs


def listing_floor(params: dict[str, str]) -> Callable[[], None]:
    """The agreement list's count and its first page of 20 (no prefetches)."""
    from agreements.views import PAGE_SIZE

    agreements = filtered_agreements(params)  # the filter's own reads are not the floor

    def run() -> None:
        agreements.count()
        list(agreements.prefetch_related(None)[:PAGE_SIZE])

    return run


def public_pages(s: Subjects) -> list[Page]:
    from django.db.models import Count, Q
    from django.utils.http import urlencode

    from agreements.access import unit_scope
    from agreements.models import AgreementParty, Sector
    from regions.models import AdministrativeUnit
    from reports.queries import standing as records

    a, cur, hist, sector = s.agreement, s.current_unit, s.historical_unit, s.sector

    def agreement_floor(seq: int) -> Callable[[], None]:
        # every standing row of the agreement for the period (combined rows, as of seq)
        return lambda: list(records.rows_as_of(seq).filter(agreement=a))

    def unit_floor(unit) -> Callable[[], None]:
        # the GROUP BY by agreement and category over the unit's agreements (their ids
        # read beforehand, as the page has them)
        scope = unit_scope(unit.pk) if unit.is_current else {unit.pk}
        ids = list(
            AgreementParty.objects.filter(unit_id__in=scope)
            .values_list("agreement_id", flat=True)
            .distinct()
        )

        def run() -> None:
            records.summaries_by_agreement(
                records.rows_as_of(s.latest_seq).filter(agreement_id__in=ids)
            )

        return run

    def sector_floor() -> None:
        # the sector's counts by agreement and category, latest period (the page's summary)
        records.summaries_as_of(s.latest_seq, sector=sector)

    def reporting_floor(seq: int) -> Callable[[], None]:
        # the per-unit aggregate of what was owed for the period (owed_by_unit)
        return lambda: list(records.owed_by_unit(records.owed(seq)))

    def units_floor() -> None:
        # the units with their number of agreements (the page's one query)
        list(AdministrativeUnit.objects.annotate(signed=Count("agreement_parties", distinct=True)))

    def commitments_floor(category: str) -> Callable[[], None]:
        # the first page of a card's commitments (the list's one large read)
        return lambda: list(
            records.rows_as_of(s.latest_seq).filter(category=category).order_by("pk")[:50]
        )

    def open_data_floor() -> None:
        # the page's one data query: a sector with agreements, as an example link
        Sector.objects.filter(~Q(agreements=None)).first()

    province = filtered_agreements({"province": cur.key})
    return [
        Page("dashboard", "/", "dashboard", dashboard_floor(s.latest_seq)),
        Page(
            f"dashboard as of {s.past_key}",
            f"/?as_of={s.past_key}",
            "dashboard",
            dashboard_floor(s.past_seq),
        ),
        Page(
            f"dashboard, province {cur.key}",
            f"/?province={cur.key}",
            "dashboard",
            dashboard_floor(s.latest_seq, province),
        ),
        Page("agreement list", "/agreements/", "list", listing_floor({})),
        Page(
            f"agreement list, search “{s.query}”",
            "/agreements/?" + urlencode({"q": s.query}),
            "list",
            listing_floor({"q": s.query}),
        ),
        Page(
            f"agreement ({a.commitments.count()} commitments)",
            a.get_absolute_url(),
            "agreement",
            agreement_floor(s.latest_seq),
        ),
        Page(
            f"agreement as of {s.past_key}",
            f"{a.get_absolute_url()}?as_of={s.past_key}",
            "agreement",
            agreement_floor(s.past_seq),
        ),
        Page("units", "/provinces/", "units", units_floor),
        Page(f"unit {cur.key}", f"/provinces/{cur.key}/", "unit", unit_floor(cur)),
        Page(f"unit {hist.key}", f"/provinces/{hist.key}/", "unit", unit_floor(hist)),
        Page(f"sector {sector.slug}", f"/sectors/{sector.slug}/", "sector", sector_floor),
        Page(
            "reporting",
            "/reports/",
            "reporting",
            reporting_floor(last_due_seq()),
        ),
        Page(
            f"reporting {s.past_key}",
            f"/reports/?period={s.past_key}",
            "reporting",
            reporting_floor(s.past_seq),
        ),
        Page("open data", "/open-data/", "open-data", open_data_floor),
        Page(
            "commitments formal only",
            "/commitments/?standing=formal_only",
            "list",
            commitments_floor("formal_only"),
        ),
        Page(
            f"commitments not reported, province {cur.key}",
            f"/commitments/?standing=not_reported&province={cur.key}",
            "list",
            commitments_floor("not_reported"),
        ),
    ]


def last_due_seq() -> int:
    """The period the reporting page shows by default, asked of the page's own rule
    (``owing_period``: the latest due period that still owes reports), else the latest
    due, else the current one."""
    from reports.queries.public import owing_period
    from reports.services.calendar import Periods

    periods = Periods()
    due = owing_period(periods)
    if due is None:
        due = periods.last_due()
    return periods.current if due is None else due


def admin_pages() -> list[Page]:
    from django.contrib import admin
    from django.urls import reverse

    pages = [Page("admin index", reverse("admin:index"), "admin", None)]
    for model in sorted(admin.site._registry, key=lambda m: m._meta.label):
        opts = model._meta

        def floor(model=model) -> None:
            # count(*) and the first 100 rows of the table, newest first
            model._default_manager.count()
            list(model._default_manager.order_by("-pk")[:100])

        pages.append(
            Page(
                f"admin {opts.label}",
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
                "admin",
                floor,
            )
        )
    return pages


# --- measuring -----------------------------------------------------------------------------


def time_page(client, page: Page, runs: int, vendor: str) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(page.path)  # warm up: templates, translations, caches
    assert response.status_code == 200, (page.path, response.status_code)
    with CaptureQueriesContext(connection) as captured_queries:
        response = client.get(page.path)
    # now: the next request empties the query log
    statements = [q["sql"] for q in captured_queries.captured_queries]
    transaction = sum(1 for sql in statements if is_transaction_control(sql))
    queries = len(statements) - transaction
    assert response.status_code == 200, (page.path, response.status_code)
    times, cpu = [], []
    for _ in range(runs):  # timed without capturing: the capture costs time too
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(page.path)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        assert response.status_code == 200, (page.path, response.status_code)
    floor = None
    if page.floor is not None:
        page.statements = captured(page.floor)
        floor = time_floor(page.statements, runs)
    result = Result(page, p50(times), p95(times), p50(cpu), queries, transaction, floor, [])
    if page.public and result.queries > PUBLIC_QUERY_TARGET:
        result.misses.append(f"{result.queries} queries > {PUBLIC_QUERY_TARGET}")
    if (
        vendor == "postgresql"
        and page.kind in TIMED_KINDS
        and result.p50 * 1000 > PAGE_P50_TARGET_MS
    ):
        result.misses.append(f"p50 > {PAGE_P50_TARGET_MS:.0f} ms")
    return result


def is_transaction_control(sql: str) -> bool:
    words = sql.split(None, 1)
    return bool(words) and words[0].upper() in TRANSACTION_WORDS


def verdict(result: Result, vendor: str) -> str:
    if not result.page.public:
        return "—"
    if result.misses:
        return "**no**: " + ", ".join(result.misses)
    if vendor == "postgresql" and result.page.kind in TIMED_KINDS:
        return "yes"
    return "yes (queries)"


def table(results: list[Result], vendor: str) -> str:
    lines = [
        "| page | p50 ms | p95 ms | Django CPU p50 ms | queries (+ transaction) "
        "| floor p50 ms | target met? |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in results:
        floor = f"{r.floor_p50 * 1000:.1f}" if r.floor_p50 is not None else "—"
        lines.append(
            f"| {r.page.label} `{r.page.path}` | {r.p50 * 1000:.0f} | {r.p95 * 1000:.0f} "
            f"| {r.cpu_p50 * 1000:.0f} "
            f"| {r.queries} (+{r.transaction}) | {floor} | {verdict(r, vendor)} |"
        )
    return "\n".join(lines)


def row_counts() -> list[tuple[str, int]]:
    from agreements.models import Agreement, AgreementParty, Commitment
    from reports.models import CommitmentStanding, ProgressReport

    return [
        ("agreements", Agreement.objects.count()),
        ("parties", AgreementParty.objects.count()),
        ("commitments", Commitment.objects.count()),
        ("progress reports", ProgressReport.objects.count()),
        ("standing records", CommitmentStanding.objects.count()),
    ]


def maintain_like_autovacuum(vendor: str) -> tuple[list[str], list[str], str]:
    """VACUUM and ANALYZE the PostgreSQL tables that autovacuum would process now.

    After a bulk load or rewrite (``generate_data``, ``rebuild_standing``) the planner has
    missing or stale statistics (it guessed 117 standing rows where there were 10,827)
    and the visibility map is empty, so that an index-only count visits the table: the
    dashboard's counts took 330 ms instead of 30 on a million rewritten standing rows.
    Autovacuum, on by default, vacuums a table once 50 rows + 20 % of it are dead (or
    1,000 + 20 % were inserted) and analyzes it once 50 + 10 % changed, within a minute;
    this does the same at once, so that pages are measured as a running server serves
    them, whether or not autovacuum runs here (``--no-vacuum`` to measure them as they
    are). Returns the tables vacuumed, those analyzed only, and the autovacuum setting."""
    from django.db import connection

    if vendor != "postgresql":
        return [], [], ""
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        (setting,) = cursor.fetchone()
        cursor.execute(
            "SELECT relname, ("
            "  (last_vacuum IS NULL AND last_autovacuum IS NULL)"
            "  OR n_dead_tup > 50 + 0.2 * n_live_tup"
            "  OR n_ins_since_vacuum > 1000 + 0.2 * n_live_tup"
            "), ("
            "  (last_analyze IS NULL AND last_autoanalyze IS NULL)"
            "  OR n_mod_since_analyze > 50 + 0.1 * n_live_tup"
            ") FROM pg_stat_user_tables WHERE n_live_tup > 0 ORDER BY relname"
        )
        due = cursor.fetchall()
        vacuumed = [name for name, vacuum, _analyze in due if vacuum]
        analyzed = [name for name, vacuum, analyze in due if analyze and not vacuum]
        for name in vacuumed:
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(name)}")
        for name in analyzed:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(name)}")
    if vacuumed or analyzed:
        print(
            f"autovacuum {setting}; VACUUM ANALYZE {len(vacuumed)}, ANALYZE {len(analyzed)} tables",
            file=sys.stderr,
        )
    return vacuumed, analyzed, setting


def missing_indexes() -> list[str]:
    """Indexes the models declare that the database lacks (say, a database migrated
    before a migration was edited): pages measured without them mislead."""
    from django.apps import apps
    from django.db import connection

    missing = []
    with connection.cursor() as cursor:
        for app in ("agreements", "regions", "reports"):
            for model in apps.get_app_config(app).get_models():
                found = connection.introspection.get_constraints(cursor, model._meta.db_table)
                missing += [
                    f"{model._meta.label}.{index.name}"
                    for index in model._meta.indexes
                    if index.name not in found
                ]
    return missing


def maintenance_note(vacuumed: list[str], analyzed: list[str], setting: str) -> str:
    if not setting:
        return ""
    done = []
    if vacuumed:
        done.append(f"VACUUM ANALYZE on {len(vacuumed)} tables")
    if analyzed:
        done.append(f"ANALYZE on {len(analyzed)} more")
    if not done:
        return f" Autovacuum {setting}; no table was due for it."
    return (
        f" Autovacuum {setting} on this server; the script first did what it would do "
        f"({', '.join(done)}: statistics and visibility map after the bulk load)."
    )


def code_version() -> str:
    """The commit measured, and whether the application's files differ from it."""
    import subprocess

    def git(*args: str) -> str:
        found = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return found.stdout

    commit = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    status = git("status", "--porcelain", "--", *APP_FOLDERS)
    changed = [
        path
        for path in (line[3:] for line in status.splitlines())
        if path.endswith((".py", ".html")) and "/tests/" not in path
    ]
    if not changed:
        return f"commit {commit}"
    return f"commit {commit} (uncommitted changes in {', '.join(changed)})"


def machine(vendor: str) -> str:
    import django
    from django.db import connection

    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{database}, {platform.python_implementation()} {platform.python_version()}, "
        f"Django {django.get_version()}, {cores} cores (nproc), "
        f"load average {load} at the end"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per page (20)")
    parser.add_argument("--quick", action="store_true", help="CI mode: 3 runs, public pages only")
    parser.add_argument("--results", type=Path, help="write the table to this Markdown file")
    parser.add_argument("--database-url", help="the database to measure (else DATABASE_URL)")
    parser.add_argument(
        "--as-of", default="2022-H2", help="the past period of the as-of pages (2022-H2)"
    )
    parser.add_argument("--q", default="phát triển vùng", help="the searched words")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--no-vacuum",
        action="store_true",
        help="on PostgreSQL, do not VACUUM/ANALYZE the tables autovacuum would process now",
    )
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    runs = 3 if args.quick else args.runs
    # whitenoise warns once that collectstatic has not run: pages are measured without it
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    setup_django()
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    from reports.models import CommitmentStanding

    if not CommitmentStanding.objects.exists():
        sys.exit("No standing records: run generate_data (it runs rebuild_standing) first.")
    vendor = connection.vendor
    vacuumed, analyzed, autovacuum = (
        ([], [], "") if args.no_vacuum else maintain_like_autovacuum(vendor)
    )
    missing = missing_indexes()
    if missing:
        print(f"WARNING: indexes declared but not in the database: {missing}", file=sys.stderr)
    started = time.perf_counter()
    subjects = choose_subjects(args.q, args.as_of)
    pages = public_pages(subjects)
    client = Client(headers={"host": "localhost"})
    if not args.quick:
        pages += admin_pages()
        admin_client = Client(headers={"host": "localhost"})
        user, _created = User.objects.get_or_create(
            username=BENCH_USER, defaults={"is_staff": True, "is_superuser": True}
        )
        admin_client.force_login(user)

    results = []
    for page in pages:
        result = time_page(admin_client if page.kind == "admin" else client, page, runs, vendor)
        print(
            f"{page.path}: p50 {result.p50 * 1000:.0f} ms, {result.queries} queries",
            file=sys.stderr,
            flush=True,
        )
        results.append(result)
    elapsed = time.perf_counter() - started

    text = table(results, vendor)
    print(text)
    missed = [r for r in results if r.misses]
    print(
        f"{len(results)} pages, {runs} runs each, {elapsed:.0f} s; {len(missed)} missed a target.",
        file=sys.stderr,
    )
    if args.results:
        counts = ", ".join(f"{name} {n:,}" for name, n in row_counts())
        kinds = list(dict.fromkeys(r.page.kind for r in results if r.page.floor))
        notes = "\n".join(f"- {kind}: {FLOORS[kind]}." for kind in kinds)
        command = " ".join(["bench/bench_national.py", *sys.argv[1:]])
        args.results.write_text(
            f"# Public pages and admin changelists at national scale ({vendor})\n\n"
            f"`bench/bench_national.py` on {vendor}, {dt.date.today():%d/%m/%Y}, "
            f"{code_version()}: {counts}. {machine(vendor)}."
            f"{maintenance_note(vacuumed, analyzed, autovacuum)}"
            + (
                f" **Indexes declared by the models but missing from the database:** "
                f"{', '.join(missing)} (the figures below are not representative)."
                if missing
                else ""
            )
            + "\n\n"
            f"Each page: one warm-up request, one request counting queries, then {runs} "
            "timed requests through Django's test client in process (DEBUG off); the "
            "floor is the page's main read replayed as raw SQL through `connection.cursor()` "
            f"{runs} times (p50). Targets: at most {PUBLIC_QUERY_TARGET} queries on every "
            f"public page; on PostgreSQL p50 ≤ {PAGE_P50_TARGET_MS:.0f} ms for the "
            "dashboard, the agreement page and the reporting page. Admin pages have no "
            "target.\n\n"
            f"Django CPU: {CPU_NOTE[vendor == 'sqlite']} "
            "Queries: the SQL statements of one request, then in brackets the BEGIN and "
            "COMMIT that ATOMIC_REQUESTS adds.\n\n"
            f"{text}\n\n"
            f"Command: `{command}`. Floors, by page:\n\n"
            f"{notes}\n",
            encoding="utf-8",
        )
    if args.strict and missed:
        sys.exit(1)


if __name__ == "__main__":
    main()
