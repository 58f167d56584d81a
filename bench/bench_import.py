"""Time and memory of a spreadsheet import through the admin: preview, then confirm.

A planner's upload must be checked (dry run) and then written within gunicorn's 30 s
timeout; the target is 2,000 rows in under 10 s each way (at least 1,000 rows/s with
every validation). This builds a throwaway SQLite database (or uses ``DATABASE_URL``,
which must not be the development database), a 2,000-row file of commitments and one
of progress reports, and posts them to the admin exactly as a browser does (upload,
then confirm), with the Django test client:

    .venv/bin/python bench/bench_import.py --results bench/RESULTS_import.md
    .venv/bin/python bench/bench_import.py --rows 200 --limit 10   # quick, for CI

Each kind is measured twice: once for the time, then (after removing what the first run
wrote) once under ``tracemalloc`` for the peak of Python allocations, which slows the code
down, so its time is not used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import re
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

_THROWAWAY = None
if "DATABASE_URL" not in os.environ:
    _THROWAWAY = tempfile.mkdtemp(prefix="bench-import-")
    os.environ["DATABASE_URL"] = f"sqlite:///{_THROWAWAY}/bench.sqlite3"

PASSWORD = "bench-import-pw"


def setup_django() -> None:
    from django_setup import setup_django_for_benchmark  # bench/, beside this script

    setup_django_for_benchmark()  # DATABASE_URL is the throwaway set above unless given
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def build_world() -> dict:
    """Units, one agreement of Cần Thơ and Hậu Giang, agencies, a sector, a period, a planner."""
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from agreements.models import Agency, Agreement, AgreementParty, Role, Sector
    from agreements.roles import assign_role
    from regions.models import AdministrativeUnit
    from reports.models import ReportingPeriod

    call_command("migrate", verbosity=0)
    call_command("load_units", verbosity=0)
    units = {u.key: u for u in AdministrativeUnit.objects.all()}
    can_tho, hau_giang = units["can-tho-truoc-2025"], units["hau-giang-truoc-2025"]
    agreement = Agreement.objects.create(
        slug="bench-ct-hg",
        title="Chương trình hợp tác Cần Thơ - Hậu Giang (đo tải)",
        kind=Agreement.Kind.BILATERAL,
        signed_on=dt.date(2021, 2, 26),
        term_start=dt.date(2021, 1, 1),
        term_end=dt.date(2025, 12, 31),
    )
    for unit in (can_tho, hau_giang):
        AgreementParty.objects.create(agreement=agreement, unit=unit)
    for unit in (can_tho, hau_giang):
        for name in ("Sở Giao thông vận tải", "Sở Kế hoạch và Đầu tư", "Sở Y tế"):
            Agency.objects.create(unit=unit, name=name)
    Sector.objects.get_or_create(slug="giao-thong", defaults={"name": "Giao thông vận tải"})
    ReportingPeriod.objects.get_or_open(year=2024, half=1)
    planner = User.objects.create_user("bench-ke-hoach", password=PASSWORD)
    assign_role(user=planner, role=Role.PLANNING, unit=units["can-tho"])
    return {"agreement": agreement, "planner": planner}


def xlsx(headers: list[str], rows) -> bytes:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def commitments_file(rows: int) -> bytes:
    from agreements.resources import CommitmentResource

    headers = [
        str(CommitmentResource.fields[n].column_name) for n in CommitmentResource.Meta.fields
    ]
    sides = ["Hậu Giang", "Cần Thơ"]

    def row(n: int) -> list:
        return [
            "bench-ct-hg",
            "Giao thông vận tải",
            n + 1,
            f"Nội dung hợp tác số {n + 1}: nâng cấp tuyến đường liên tỉnh",
            "Mô tả chi tiết của nội dung, đủ dài như một văn bản thật " * 3,
            sides[n % 2],
            "Sở Giao thông vận tải",
            "Sở Kế hoạch và Đầu tư; Sở Y tế",
            "01/03/2021",
            dt.datetime(2025, 12, 31),
            "đang triển khai",
        ]

    return xlsx(headers, (row(n) for n in range(rows)))


def reports_file(rows: int) -> bytes:
    from reports.resources import ProgressReportResource

    headers = [
        str(ProgressReportResource.fields[n].column_name)
        for n in ProgressReportResource.Meta.fields
    ]
    sides = ["Hậu Giang", "Cần Thơ"]

    def row(n: int) -> list:
        return [
            "bench-ct-hg",
            f"Nội dung hợp tác số {n + 1}: nâng cấp tuyến đường liên tỉnh",
            "2024-H1",
            sides[n % 2],
            "đang triển khai",
            "45,5",
            "Đã hoàn thành phần nền đường, đang thi công mặt đường " * 2,
            "Thiếu vốn đối ứng của địa phương",
            "Đề nghị bổ sung vốn trung hạn",
            "Hoàn thành mặt đường và nghiệm thu",
        ]

    return xlsx(headers, (row(n) for n in range(rows)))


_HIDDEN = re.compile(r'<input type="hidden" name="(?P<name>[^"]+)" value="(?P<value>[^"]*)"')


def run_import(client, model: str, content: bytes, name: str, *, memory: bool) -> dict:
    """Upload (preview) then confirm, timed separately; raises when either step fails."""
    from html import unescape

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    if memory:
        tracemalloc.start()
    started = time.perf_counter()
    preview = client.post(
        reverse(f"admin:{model}_import"),
        {"import_file": SimpleUploadedFile(name, content), "format": "0", "resource": "0"},
    )
    previewed = time.perf_counter()
    body = preview.content.decode()
    fields = {m["name"]: unescape(m["value"]) for m in _HIDDEN.finditer(body)}
    if preview.status_code != 200 or "import_file_name" not in fields:
        errors = re.findall(r"<li>([^<]{0,300})</li>", body)[:10]
        raise SystemExit(f"preview of {name} failed ({preview.status_code}): {errors}")
    fields.pop("csrfmiddlewaretoken", None)
    confirm_started = time.perf_counter()
    confirm = client.post(reverse(f"admin:{model}_process_import"), fields)
    confirmed = time.perf_counter()
    peak = None
    if memory:
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    if confirm.status_code != 302 or "import" in confirm["Location"]:
        raise SystemExit(f"confirm of {name} failed ({confirm.status_code})")
    return {
        "preview": previewed - started,
        "confirm": confirmed - confirm_started,
        "peak": peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000, help="rows per file (default 2,000)")
    parser.add_argument("--results", type=Path, help="append the results to this Markdown file")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument(
        "--limit", type=float, help="exit with status 1 when a preview or confirm takes longer"
    )
    args = parser.parse_args()

    setup_django()
    from django.test import Client
    from django.utils import translation

    from agreements.models import Commitment
    from reports.models import ProgressReport

    world = build_world()
    load = os.getloadavg()[0]
    client = Client()
    client.force_login(world["planner"])
    files = {
        "commitments": ("agreements_commitment", commitments_file(args.rows), "noi-dung.xlsx"),
        "reports": ("reports_progressreport", reports_file(args.rows), "bao-cao.xlsx"),
    }
    results = {}
    with translation.override("vi"):
        for kind, (model, content, name) in files.items():
            results[kind] = run_import(client, model, content, name, memory=False)
        assert Commitment.objects.count() == args.rows
        assert ProgressReport.objects.count() == args.rows
        if not args.no_memory:
            ProgressReport.objects.all().delete()
            Commitment.objects.all().delete()
            for kind, (model, content, name) in files.items():
                results[kind]["peak"] = run_import(client, model, content, name, memory=True)[
                    "peak"
                ]

    lines = []
    for kind, (_, content, _) in files.items():
        r = results[kind]
        peak = f"{r['peak']:.1f}" if r["peak"] is not None else "–"
        lines.append(
            f"| {kind} | {args.rows:,} | {len(content) / 1024:.0f} | {r['preview']:.2f} | "
            f"{args.rows / r['preview']:,.0f} | {r['confirm']:.2f} | "
            f"{args.rows / r['confirm']:,.0f} | {peak} |"
        )
    header = (
        "| file | rows | size (KB) | preview (s) | preview rows/s | confirm (s) | "
        "confirm rows/s | peak Python allocations (tracemalloc, MB) |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|"
    )
    from django.conf import settings

    vendor = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    stamp = (
        f"{dt.date.today():%d/%m/%Y}: Python {platform.python_version()}, {vendor}, "
        f"{os.cpu_count()} CPUs ({platform.machine()}), load average {load:.1f} at the start"
    )
    table = "\n".join([header, *lines])
    print(stamp)
    print(table)
    if args.results:
        with args.results.open("a", encoding="utf-8") as out:
            out.write(f"\n### {stamp}, `--rows {args.rows}`\n\n{table}\n")
    slow = [
        f"{kind} {step} {r[step]:.1f} s"
        for kind, r in results.items()
        for step in ("preview", "confirm")
        if args.limit is not None and r[step] > args.limit
    ]
    if slow:
        sys.exit(f"slower than {args.limit} s: {', '.join(slow)}")


if __name__ == "__main__":
    main()
