"""Time and peak memory of the workbooks, at demo size and at 100,000 reports.

Run it against a throwaway database, never the development one:

    rm -f /tmp/bench.sqlite3
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 .venv/bin/python bench/bench_workbook.py \\
        --results bench/RESULTS.md

It migrates that database, loads the units and the demo data and measures; then adds
synthetic agreements of Cần Thơ (bulk_create: 1,000 commitments each, reported on in
both halves of 2024, one in twenty reports still waiting for approval) up to 10,000 and
then 100,000 reports, measuring at each size. Every measurement runs in a fresh process
(with DEBUG off, as in production), twice: once for
the time and the peak resident memory (``ru_maxrss``), once under ``tracemalloc`` for
the peak of Python allocations (tracemalloc slows the code down, so its time is not
used). The subject is the biggest file there is: the review workbook of the unit
``can-tho`` (Cần Thơ and the units merged into it) for 2024, all reports included.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import resource
import subprocess
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

COMMITMENTS_PER_AGREEMENT = 1000  # x 2 periods of 2024 = 2,000 reports per agreement
# (label, synthetic agreements in the database after this step)
SIZES = [("demo", 0), ("10k", 5), ("100k", 50)]
KINDS = {
    "review.xlsx": "review workbook (xlsx)",
    "consolidated.xlsx": "consolidated report 2024 H1 (xlsx)",
    "reports.csv": "reports CSV",
}


def setup_django() -> None:
    from django_setup import setup_django_for_benchmark  # bench/, beside this script

    setup_django_for_benchmark()


# --- measuring (in a child process) ----------------------------------------------------------------


def measure(kind: str, out: Path, trace: bool) -> dict:
    from django.utils import translation

    from regions.models import AdministrativeUnit
    from reports import exports

    with translation.override("vi"):
        unit = AdministrativeUnit.objects.get(key="can-tho")
        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        half = 1 if kind == "consolidated.xlsx" else None
        scope = exports.scope_for_unit(unit=unit, year=2024, half=half, include_unapproved=True)
        with out.open("wb") as handle:
            if kind == "reports.csv":
                rows = exports.write_reports_csv(scope=scope, out=handle)
            elif half:
                exports.build_consolidated_workbook(scope=scope, out=handle)
                rows = None
            else:
                exports.build_review_workbook(scope=scope, out=handle)
                rows = None
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] if trace else None
    return {
        "seconds": seconds,
        "traced_peak_mb": peak / 2**20 if peak is not None else None,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "file_kb": out.stat().st_size / 1024,
        "rows": rows,
    }


def baseline() -> dict:
    """Resident memory of a process that has set up Django and read nothing."""
    from regions.models import AdministrativeUnit

    AdministrativeUnit.objects.count()
    return {"maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def child(*args: str) -> dict:
    command = [sys.executable, __file__, "--child", *args]
    done = subprocess.run(command, capture_output=True, text=True, env=os.environ)
    if done.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- data --------------------------------------------------------------------------------------------


def prepare_demo() -> None:
    from django.core.management import call_command

    quiet = io.StringIO()
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_units", verbosity=0, stdout=quiet)
    call_command("load_demo", verbosity=0, stdout=quiet)


def add_synthetic(first: int, last: int) -> int:
    """Agreements ``first``..``last - 1`` of Cần Thơ (as signed before 2025), each with
    1,000 commitments reported on in both halves of 2024."""
    from django.db import transaction
    from django.utils import timezone

    from agreements.models import Agency, Agreement, AgreementParty, Commitment, Indicator, Sector
    from regions.models import AdministrativeUnit
    from reports.models import IndicatorValue, ProgressReport, ReportingPeriod, ReportStatus

    can_tho = AdministrativeUnit.objects.get(key="can-tho-truoc-2025")
    others = list(AdministrativeUnit.objects.historical().exclude(pk=can_tho.pk).order_by("code"))
    partners = [others[n % len(others)] for n in range(first, last)]  # partners recur past 62
    lead, _ = Agency.objects.get_or_create(
        unit=can_tho, name="Sở Kế hoạch và Đầu tư thành phố Cần Thơ (bench)"
    )
    sectors = list(Sector.objects.all())
    periods = [ReportingPeriod.objects.get_or_open(year=2024, half=h)[0] for h in (1, 2)]
    stages = ["proposed", "studying", "started", "implementing", "completed", "stalled"]
    with transaction.atomic():
        agreements = Agreement.objects.bulk_create(
            Agreement(
                slug=f"bench-{n}",
                title=f"Chương trình hợp tác thử tải số {n} giữa thành phố Cần Thơ và {p.name}",
                kind="bilateral",
                signed_on=dt.date(2021, 2, 26),
                term_start=dt.date(2021, 1, 1),
                term_end=dt.date(2025, 12, 31),
            )
            for n, p in enumerate(partners, start=first)
        )
        AgreementParty.objects.bulk_create(
            AgreementParty(agreement=a, unit=u, order=o)
            for a, p in zip(agreements, partners, strict=True)
            for o, u in enumerate((can_tho, p))
        )
        commitments = Commitment.objects.bulk_create(
            (
                Commitment(
                    agreement=a,
                    sector=sectors[i % len(sectors)],
                    number=i + 1,
                    title=f"Nội dung hợp tác thử tải {i + 1}: phối hợp thực hiện dự án liên kết vùng",
                    lead_agency=lead,
                    start_on=dt.date(2021, 1, 1),
                    due_on=dt.date(2025, 12, 31),
                    stage=stages[i % len(stages)],
                )
                for a in agreements
                for i in range(COMMITMENTS_PER_AGREEMENT)
            ),
            batch_size=2000,
        )
        indicators = Indicator.objects.bulk_create(
            (
                Indicator(
                    commitment=c,
                    name="Vốn thực hiện",
                    unit_of_measure="tỷ đồng",
                    target=Decimal(120),
                )
                for c in commitments[::5]
            ),
            batch_size=2000,
        )
        text = (
            "Đã triển khai các hoạt động theo kế hoạch; phối hợp với các sở, ngành liên quan. " * 2
        )
        now = timezone.now()
        reports = ProgressReport.objects.bulk_create(
            (
                ProgressReport(
                    commitment=c,
                    period=p,
                    reporting_unit=can_tho,
                    stage=stages[(c.number + p.half) % len(stages)],
                    percent=Decimal((c.number * 7) % 100),
                    achievements=text,
                    difficulties="Thiếu vốn đối ứng." if c.number % 3 == 0 else "",
                    recommendations="Đề nghị bố trí vốn." if c.number % 4 == 0 else "",
                    status=ReportStatus.SUBMITTED if c.number % 20 == 0 else ReportStatus.APPROVED,
                    submitted_at=now,
                    reviewed_at=now,
                )
                for c in commitments
                for p in periods
            ),
            batch_size=2000,
        )
        by_commitment = {i.commitment_id: i for i in indicators}
        IndicatorValue.objects.bulk_create(
            (
                IndicatorValue(
                    report=r, indicator=by_commitment[r.commitment_id], value=Decimal("37.5")
                )
                for r in reports
                if r.commitment_id in by_commitment
            ),
            batch_size=2000,
        )
    return len(reports)


# --- the run ------------------------------------------------------------------------------------------


def run(results_path: Path | None) -> None:
    """Every step in a child process: this one stays small, so that each child's
    ``ru_maxrss`` (which a process inherits from the one that started it) is its own."""
    rows = []
    out_dir = Path(os.environ.get("BENCH_OUT", "/tmp"))
    print("preparing the demo data …", flush=True)
    child("prepare")
    rows.append(("baseline (Django set up, nothing built)", None, child("baseline")))
    done = 0
    for size, agreements in SIZES:
        if agreements > done:
            print(f"adding synthetic agreements {done}–{agreements - 1} …", flush=True)
            child("synthetic", str(done), str(agreements))
            done = agreements
        total = child("count")["reports"]
        for kind in KINDS:
            out = out_dir / f"bench-{size}-{kind}"
            timed = child("measure", kind, str(out))
            traced = child("measure", kind, str(out), "trace")
            timed["traced_peak_mb"] = traced["traced_peak_mb"]
            rows.append((f"{size}: {KINDS[kind]}", total, timed))
            print(format_row(rows[-1]), flush=True)
    table = render(rows)
    print(table)
    if results_path:
        write_results(results_path, table, child("versions"))


def format_row(row) -> str:
    label, total, m = row
    if total is None:
        return f"{label}: maxrss {m['maxrss_mb']:.0f} MB"
    return (
        f"{label}: {m['seconds']:.1f} s, tracemalloc peak {m['traced_peak_mb']:.1f} MB, "
        f"maxrss {m['maxrss_mb']:.0f} MB, {m['file_kb'] / 1024:.1f} MB file"
    )


def render(rows) -> str:
    lines = [
        "| what | reports in the database | time (s) | peak Python allocations (tracemalloc, MB) | peak resident memory (ru_maxrss, MB) | file (MB) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, total, m in rows:
        if total is None:
            lines.append(f"| {label} | | | | {m['maxrss_mb']:.0f} | |")
            continue
        lines.append(
            f"| {label} | {total:,} | {m['seconds']:.1f} | {m['traced_peak_mb']:.1f} | "
            f"{m['maxrss_mb']:.0f} | {m['file_kb'] / 1024:.1f} |"
        )
    return "\n".join(lines)


def versions() -> dict:
    import openpyxl
    from django import get_version

    return {"django": get_version(), "openpyxl": openpyxl.__version__}


def write_results(path: Path, table: str, found: dict) -> None:
    command = " ".join(
        ["DATABASE_URL=" + os.environ["DATABASE_URL"], ".venv/bin/python", *sys.argv]
    )
    path.write_text(
        "# Workbook benchmark\n\n"
        f"Measured on {dt.date.today():%d/%m/%Y}: Python {platform.python_version()}, "
        f"Django {found['django']}, openpyxl {found['openpyxl']}, SQLite, "
        f"{os.cpu_count()} CPUs ({platform.machine()}).\n\n"
        "```sh\nrm -f /tmp/bench.sqlite3\n" + command + "\n```\n\n"
        "Each line: the unit `can-tho` (Cần Thơ and the units merged into it), year 2024, "
        "staff version (every report included), written in a fresh process. Time and "
        "`ru_maxrss` from one run; the tracemalloc peak from a second run under tracemalloc. "
        "`ru_maxrss` includes Python, Django and the libraries (see the baseline line).\n\n"
        + table
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, help="also write the table to this Markdown file")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.child:
        url = os.environ.get("DATABASE_URL", "")
        if not url or url.endswith("var/portal.sqlite3"):
            sys.exit(
                "Set DATABASE_URL to a throwaway database (the development data stays untouched)."
            )
        run(args.results)
        return
    setup_django()
    what, *rest = args.child
    if what == "prepare":
        prepare_demo()
        result = {}
    elif what == "synthetic":
        result = {"reports": add_synthetic(int(rest[0]), int(rest[1]))}
    elif what == "count":
        from reports.models import ProgressReport

        result = {"reports": ProgressReport.objects.count()}
    elif what == "versions":
        result = versions()
    elif what == "baseline":
        result = baseline()
    else:
        kind, out, *flags = rest
        result = measure(kind, Path(out), trace="trace" in flags)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
