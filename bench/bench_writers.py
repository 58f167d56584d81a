"""Each workbook and CSV beside its floor: time, ratio and peak memory, per writer.

For every file (a unit's review workbook for a year, its consolidated report for the
first half, its reports CSV, and the review workbook of the biggest agreement), each in a
fresh process with DEBUG off:

- the portal's file, as a download builds it (database reads included), with each
  writer of ``reports/exports/xlsx.py``: time (median of ``--runs``) and peak resident
  memory (``ru_maxrss``);
- its floor (bench/xlsx_floor.py): the same cells, recorded while the file is built,
  written again as plain XML with ``str.format`` and zipped with zlib level 6 (for the
  CSV: the same formatted rows through ``csv.writer``); median of ``--runs``.

The ratio is the file's time over the floor's. Two subjects:

    # national data (see bench/README.md for generating it)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_national \\
        .venv/bin/python bench/bench_writers.py --results bench/RESULTS_writers.md
    # one unit with N synthetic reports in 2024 (a throwaway SQLite database)
    rm -f /tmp/writers.sqlite3
    DATABASE_URL=sqlite:////tmp/writers.sqlite3 .venv/bin/python bench/bench_writers.py \\
        --synthetic 400000 --results bench/RESULTS_writers_400k.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

WRITERS = ("rust", "xlsxwriter")
KINDS = {
    "review.xlsx": "review workbook of the unit, year",
    "consolidated.xlsx": "consolidated report of the unit, first half",
    "reports.csv": "reports CSV of the unit, year",
    "agreement.xlsx": "review workbook of the biggest agreement, year",
}


# --- in a child process ------------------------------------------------------------------------


def _scope(kind: str, subject: dict):
    from agreements.models import Agreement
    from regions.models import AdministrativeUnit
    from reports import exports

    year = subject["year"]
    if kind == "agreement.xlsx":
        agreement = Agreement.objects.get(slug=subject["agreement"])
        return exports.scope_for_agreement(agreement=agreement, year=year, include_unapproved=True)
    unit = AdministrativeUnit.objects.get(key=subject["unit"])
    half = 1 if kind == "consolidated.xlsx" else None
    return exports.scope_for_unit(unit=unit, year=year, half=half, include_unapproved=True)


def _build(kind: str, scope, handle) -> None:
    from reports import exports

    if kind == "reports.csv":
        exports.write_reports_csv(scope=scope, out=handle)
    elif kind == "consolidated.xlsx":
        exports.build_consolidated_workbook(scope=scope, out=handle)
    else:
        exports.build_review_workbook(scope=scope, out=handle)


def build(kind: str, subject: dict, writer: str, runs: int) -> dict:
    """The portal's file, as a download builds it (scope and reads included)."""
    from django.conf import settings
    from django.utils import translation

    settings.EXPORT_XLSX_WRITER = writer
    times, size = [], 0
    with translation.override("vi"), tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / kind
        for _ in range(runs):
            started = time.perf_counter()
            with out.open("wb") as handle:
                _build(kind, _scope(kind, subject), handle)
            times.append(time.perf_counter() - started)
            size = out.stat().st_size
    return {
        "seconds": statistics.median(times),
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "file_mb": size / 2**20,
    }


def floor(kind: str, subject: dict, runs: int) -> dict:
    """Record the cells while the file is built, then time writing them as the floor."""
    import xlsx_floor
    from django.utils import translation

    with translation.override("vi"), tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / kind
        recorder = xlsx_floor.recording_csv if kind == "reports.csv" else xlsx_floor.recording
        with recorder() as recorded, out.open("wb") as handle:
            _build(kind, _scope(kind, subject), handle)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            with out.open("wb") as handle:
                if kind == "reports.csv":
                    xlsx_floor.csv_floor(recorded, handle)
                else:
                    xlsx_floor.write_floor(recorded, handle)
            times.append(time.perf_counter() - started)
        replayed = {}
        for writer in () if kind == "reports.csv" else WRITERS:
            spent = []
            for _ in range(runs):
                started = time.perf_counter()
                xlsx_floor.replay(recorded, str(out), writer)
                spent.append(time.perf_counter() - started)
            replayed[writer] = statistics.median(spent)
    if kind == "reports.csv":
        cells = sum(len(row) for row in recorded)
        rows = len(recorded)
    else:
        cells = sum(sheet.cells for sheet in recorded)
        rows = sum(len(sheet.rows) for sheet in recorded)
    return {
        "seconds": statistics.median(times),
        "cells": cells,
        "rows": rows,
        "writer_alone": replayed,
    }


def choose_subject(year: int) -> dict:
    """The current unit whose review workbook holds the most reports of the year, and
    the agreement with the most reports in it."""
    from django.db.models import Count

    from regions.models import AdministrativeUnit
    from reports import exports
    from reports.exports.rows import shown_reports

    best = (None, -1)
    for unit in AdministrativeUnit.objects.current():
        scope = exports.scope_for_unit(unit=unit, year=year, include_unapproved=True)
        count = shown_reports(scope).count()
        if count > best[1]:
            best = (unit, count)
    unit, reports = best
    scope = exports.scope_for_unit(unit=unit, year=year, include_unapproved=True)
    top = (
        shown_reports(scope)
        .values("commitment__agreement__slug")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return {
        "year": year,
        "unit": unit.key,
        "unit_reports": reports,
        "agreement": top["commitment__agreement__slug"],
        "agreement_reports": top["n"],
    }


def synthetic(reports: int) -> dict:
    """Demo data plus synthetic agreements of Cần Thơ up to ``reports`` reports in 2024."""
    import bench_workbook

    bench_workbook.prepare_demo()
    per_agreement = bench_workbook.COMMITMENTS_PER_AGREEMENT * 2
    agreements = max(1, reports // per_agreement)
    for first in range(0, agreements, 25):
        bench_workbook.add_synthetic(first, min(first + 25, agreements))
    return {}


# --- the run ------------------------------------------------------------------------------------


def child(*args: str) -> dict:
    command = [sys.executable, __file__, "--child", *args]
    done = subprocess.run(command, capture_output=True, text=True, env=os.environ)
    if done.returncode:
        sys.exit(f"{' '.join(args[:2])} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(args) -> str:
    if args.synthetic:
        print(f"preparing the demo data and {args.synthetic:,} synthetic reports …", flush=True)
        child("synthetic", str(args.synthetic))
    subject = child("subject", str(args.year))
    print(f"subject: {subject}", flush=True)
    encoded = json.dumps(subject)
    kinds = [k for k in KINDS if k in args.kinds]
    rows = []
    for kind in kinds:
        base = child("floor", kind, encoded, str(args.runs))
        writers = ["csv"] if kind == "reports.csv" else args.writers
        for writer in writers:
            made = child("build", kind, encoded, writer, str(args.runs))
            rows.append((kind, writer, base, made))
            print(
                f"{kind} [{writer}]: {made['seconds']:.2f} s, floor {base['seconds']:.2f} s, "
                f"ratio {made['seconds'] / base['seconds']:.2f}, {base['cells']:,} cells, "
                f"rss {made['maxrss_mb']:.0f} MB",
                flush=True,
            )
    return render(subject, rows)


def render(subject: dict, rows: list) -> str:
    lines = [
        f"Subject: unit `{subject['unit']}`, {subject['year']}, staff version "
        f"({subject['unit_reports']:,} reports); agreement `{subject['agreement']}` "
        f"({subject['agreement_reports']:,} reports).",
        "",
        "| file | writer | rows | cells | whole file (s) | floor (s) | whole file × floor "
        "| writer alone (s) | writer alone × floor | peak RSS (MB) | file (MB) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, writer, base, made in rows:
        ratio = made["seconds"] / base["seconds"]
        alone = base["writer_alone"].get(writer)
        alone_text = f"{alone:.2f} | {alone / base['seconds']:.2f}" if alone else "– | –"
        lines.append(
            f"| {KINDS[kind]} | {writer} | {base['rows']:,} | {base['cells']:,} | "
            f"{made['seconds']:.2f} | {base['seconds']:.2f} | {ratio:.2f} | {alone_text} | "
            f"{made['maxrss_mb']:.0f} | {made['file_mb']:.1f} |"
        )
    return "\n".join(lines)


def write_results(path: Path, table: str, args) -> None:
    import importlib.metadata as meta

    versions = ", ".join(
        f"{name} {meta.version(name)}" for name in ("Django", "rvgsrust-xlsxwriter", "XlsxWriter")
    )
    command = " ".join(
        ["DATABASE_URL=" + os.environ["DATABASE_URL"], ".venv/bin/python", *sys.argv]
    )
    load = os.getloadavg()
    path.write_text(
        "# Workbook writers beside the floor\n\n"
        f"Measured {time.strftime('%d/%m/%Y')}: Python {platform.python_version()}, {versions}; "
        f"{os.cpu_count()} CPUs ({platform.machine()}), load average at the end "
        f"{load[0]:.1f}. Median of {args.runs} runs each.\n\n"
        f"```sh\n{command}\n```\n\n{table}\n",
        encoding="utf-8",
    )
    print(f"wrote {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--writers", nargs="+", default=list(WRITERS), choices=WRITERS)
    parser.add_argument("--kinds", nargs="+", default=list(KINDS), choices=list(KINDS))
    parser.add_argument("--synthetic", type=int, default=0, help="reports to add (SQLite)")
    parser.add_argument("--results", type=Path)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        from django_setup import setup_django_for_benchmark

        setup_django_for_benchmark()
        what, *rest = args.child
        if what == "synthetic":
            result = synthetic(int(rest[0]))
        elif what == "subject":
            result = choose_subject(int(rest[0]))
        elif what == "floor":
            result = floor(rest[0], json.loads(rest[1]), int(rest[2]))
        else:
            result = build(rest[0], json.loads(rest[1]), rest[2], int(rest[3]))
        print(json.dumps(result))
        return
    url = os.environ.get("DATABASE_URL", "")
    if not url or url.endswith("var/portal.sqlite3"):
        sys.exit("Set DATABASE_URL to a throwaway database (the development data stays untouched).")
    table = run(args)
    print(table)
    if args.results:
        write_results(args.results, table, args)


if __name__ == "__main__":
    main()
