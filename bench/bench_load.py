"""Load on loopback (issue 11): the portal under gunicorn, driven by wrk.

Starts gunicorn (``gunicorn.conf.py``, DEBUG off, the static files collected into a
temporary folder, the shared cache in Redis) on 127.0.0.1 on a free port, warms each URL
up, then drives it with ``wrk`` (50 connections, 2 threads by default) for a bounded
time: the dashboard alone (the target: at least 300 requests/s, p99 at most 300 ms, no
error), then an agreement page, the agreement list with filters and a workbook. Prints
requests/s, p50/p95/p99 and errors (connection errors, timeouts and answers other than
2xx/3xx) per URL, and the load average of the machine beside them.

Everything it started (gunicorn and its workers) is stopped at the end, whatever
happens; its Redis entries (under a key prefix of its own) are deleted. It writes
nothing to the database. It only ever talks to 127.0.0.1: another host is refused.

    apt-get install wrk            # Debian's wrk; the script installs nothing
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_national \\
        .venv/bin/python bench/bench_load.py --results bench/RESULTS_load.md
    .venv/bin/python bench/bench_load.py --quick        # 5 s per URL, a smoke test

Options: ``--seconds`` (dashboard, default 120), ``--other-seconds`` (default 45),
``--connections``, ``--wrk-threads``, ``--redis-url`` (default database 15 of the
local Redis), ``--workers``/``--threads`` (else gunicorn.conf.py's defaults),
``--base-url http://127.0.0.1:PORT`` (measure a server already running instead).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VENV_BIN = Path(sys.executable).parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
TARGET = {"rps": 300, "p99_ms": 300, "errors": 0}

WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-JSON {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, ' ..
    '"p95_us": %d, "p99_us": %d, "max_us": %d, "connect": %d, "read": %d, ' ..
    '"write": %d, "timeout": %d, "status": %d}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(95), latency:percentile(99), latency.max, e.connect, e.read,
    e.write, e.timeout, e.status))
end
"""


@dataclass
class Run:
    name: str
    path: str
    seconds: int
    rps: float = 0.0
    p50: float = 0.0
    p95: float = 0.0
    p99: float = 0.0
    errors: int = 0
    requests: int = 0
    detail: str = ""
    load_before: str = ""
    load_after: str = ""


def loopback_only(url: str, what: str) -> None:
    host = urlsplit(url).hostname or ""
    if host not in LOOPBACK:
        sys.exit(f"{what} must be on this machine (127.0.0.1), not {host!r}: refused.")


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def choose_paths() -> dict[str, str]:
    """The URLs measured, chosen from the data (read only)."""
    import django
    from django.conf import settings

    django.setup()
    from django.db.models import Count
    from django.utils import timezone

    from agreements.models import Agreement, AgreementParty, Sector
    from regions.models import AdministrativeUnit

    if Path(str(settings.DATABASES["default"]["NAME"])).name == "portal.sqlite3":
        sys.exit("Set DATABASE_URL to a benchmark database (not the development one).")
    agreement = Agreement.objects.annotate(n=Count("commitments")).order_by("-n", "pk").first()
    if agreement is None:
        sys.exit("No agreement in the database: run generate_data first.")
    sector = Sector.objects.annotate(n=Count("commitments")).order_by("-n", "pk").first()
    signed = dict(
        AgreementParty.objects.values_list("unit").annotate(n=Count("pk")).values_list("unit", "n")
    )
    units = list(AdministrativeUnit.objects.current())
    province = max(units, key=lambda u: (signed.get(u.pk, 0), -u.pk))
    year = min(agreement.term_end.year, timezone.localdate().year)
    return {
        "dashboard": "/",
        "agreement page": f"/agreements/{agreement.slug}/",
        "agreement list, filtered": f"/agreements/?province={province.key}&sector={sector.slug}",
        "workbook": f"/agreements/{agreement.slug}/review-{year}.xlsx",
    }


def server_env(args, static_root: Path, port: int, prefix: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_COOKIES="0",
        REMINDERS_DISABLED="1",
        STATIC_ROOT=str(static_root),
        REDIS_URL=args.redis_url,
        CACHE_KEY_PREFIX=prefix,
        BIND=f"127.0.0.1:{port}",
        PYTHONUNBUFFERED="1",
    )
    if args.workers:
        env["WEB_CONCURRENCY"] = str(args.workers)
    if args.threads:
        env["GUNICORN_THREADS"] = str(args.threads)
    return env


def gunicorn_sizes(env: dict[str, str]) -> str:
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        conf: dict = {}
        exec((ROOT / "gunicorn.conf.py").read_text(), conf)  # noqa: S102 - our own file
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return f"{conf['workers']} workers x {conf['threads']} threads ({conf['worker_class']})"


def wait_until_up(base: str, server: subprocess.Popen, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn stopped while starting: see its log above")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    sys.exit(f"gunicorn did not answer {base}/healthz within {seconds} s")


def warm_up(base: str, path: str, times: int = 3) -> str:
    """A few plain requests (the first renders and stores the page); the last status."""
    status = ""
    for _ in range(times):
        try:
            with urllib.request.urlopen(f"{base}{path}", timeout=120) as answer:
                answer.read()
                status = f"{answer.status} {answer.headers.get('X-Page-Cache', '')}".strip()
        except urllib.error.HTTPError as error:
            status = str(error.code)
    return status


def drive(base: str, run: Run, args, lua: Path) -> Run:
    command = [
        "wrk",
        f"-t{args.wrk_threads}",
        f"-c{args.connections}",
        f"-d{run.seconds}s",
        "--timeout",
        "60s" if run.path.endswith((".xlsx", ".csv")) else "10s",
        "-s",
        str(lua),
        f"{base}{run.path}",
    ]
    run.load_before = load_average()
    done = subprocess.run(command, capture_output=True, text=True, timeout=run.seconds + 120)
    run.load_after = load_average()
    line = next((x for x in done.stdout.splitlines() if x.startswith("WRK-JSON ")), None)
    if line is None:
        sys.exit(f"wrk gave no report:\n{done.stdout}\n{done.stderr}")
    r = json.loads(line.removeprefix("WRK-JSON "))
    run.requests = r["requests"]
    run.rps = r["requests"] / (r["duration_us"] / 1e6)
    run.p50, run.p95, run.p99 = (r[k] / 1000 for k in ("p50_us", "p95_us", "p99_us"))
    kinds = ("connect", "read", "write", "timeout", "status")
    run.errors = sum(r[k] for k in kinds)
    run.detail = ", ".join(f"{k} {r[k]}" for k in kinds if r[k])
    return run


def table(runs: list[Run]) -> list[str]:
    lines = [
        "| URL | seconds | requests | requests/s | p50 ms | p95 ms | p99 ms | errors "
        "| load avg before → after |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in runs:
        errors = f"{r.errors} ({r.detail})" if r.errors else "0"
        lines.append(
            f"| {r.name} `{r.path}` | {r.seconds} | {r.requests:,} | {r.rps:,.0f} | "
            f"{r.p50:,.1f} | {r.p95:,.1f} | {r.p99:,.1f} | {errors} "
            f"| {r.load_before} → {r.load_after} |"
        )
    return lines


def verdict(run: Run) -> str:
    met = (
        run.rps >= TARGET["rps"] and run.p99 <= TARGET["p99_ms"] and run.errors == TARGET["errors"]
    )
    return (
        f"Dashboard target (≥ {TARGET['rps']} requests/s, p99 ≤ {TARGET['p99_ms']} ms, "
        f"no error): {'met' if met else 'NOT met'} "
        f"({run.rps:,.0f} requests/s, p99 {run.p99:,.1f} ms, {run.errors} errors)."
    )


def stop(server: subprocess.Popen | None) -> None:
    if server is None or server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)  # gunicorn and its workers: its own group
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def forget_cache_entries(redis_url: str, prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        client.delete(key)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=120, help="dashboard run")
    parser.add_argument("--other-seconds", type=int, default=45, help="each other URL")
    parser.add_argument("--quick", action="store_true", help="5 s per URL")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--base-url", default="", help="a server already running")
    parser.add_argument("--only", default="", help="measure only the URLs named so")
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()
    if args.quick:
        args.seconds = args.other_seconds = 5
    for limit in (args.seconds, args.other_seconds):
        if not 1 <= limit <= 600:
            sys.exit("--seconds and --other-seconds: between 1 and 600")
    if not 1 <= args.connections <= 500:
        sys.exit("--connections: between 1 and 500")
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    if "DATABASE_URL" not in os.environ:
        sys.exit("Set DATABASE_URL to the benchmark database (e.g. portal_national).")
    loopback_only(os.environ["DATABASE_URL"], "DATABASE_URL")
    loopback_only(args.redis_url, "--redis-url")
    if args.base_url:
        loopback_only(args.base_url, "--base-url")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("REMINDERS_DISABLED", "1")
    paths = choose_paths()
    if args.only:
        paths = {name: path for name, path in paths.items() if args.only in name}

    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    prefix = f"bench-load-{os.getpid()}"
    server = None
    runs: list[Run] = []
    try:
        lua = folder / "report.lua"
        lua.write_text(WRK_REPORT)
        if args.base_url:
            base, sizes = args.base_url.rstrip("/"), "(a server already running)"
        else:
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            env = server_env(args, folder / "static", port, prefix)
            subprocess.run(
                [str(VENV_BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=ROOT,
                env=env,
                check=True,
            )
            sizes = gunicorn_sizes(env)
            command = [str(VENV_BIN / "gunicorn"), "-c", "gunicorn.conf.py", "portal.wsgi"]
            log = (folder / "gunicorn.log").open("w")
            server = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
            )
            wait_until_up(base, server)
        print(
            f"gunicorn on {base}: {sizes}; wrk {args.connections} connections, "
            f"{args.wrk_threads} threads; load average {load_average()}"
        )
        for name, path in paths.items():
            status = warm_up(base, path)
            seconds = args.seconds if name == "dashboard" else args.other_seconds
            print(f"{name}: {path} (warm-up answered {status}); {seconds} s ...", flush=True)
            runs.append(drive(base, Run(name, path, seconds), args, lua))
            print("  " + table(runs[-1:])[-1], flush=True)
    finally:
        stop(server)
        if server is not None:
            print((folder / "gunicorn.log").read_text()[-2000:], file=sys.stderr)
            forget_cache_entries(args.redis_url, prefix)
        shutil.rmtree(folder, ignore_errors=True)

    lines = table(runs)
    print("\n".join(lines))
    dashboard = next((r for r in runs if r.name == "dashboard"), None)
    if dashboard:
        print(verdict(dashboard))
    if args.results:
        write_results(args.results, lines, dashboard, sizes)
    return 0


def write_results(path: Path, lines: list[str], dashboard: Run | None, sizes: str) -> None:
    import platform

    head = [
        "# Load on loopback (issue 11)",
        "",
        f"`bench/bench_load.py`, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; gunicorn {sizes}; "
        "wrk on the same machine. Errors: connection errors, timeouts and answers other "
        "than 2xx/3xx. Load average: `/proc/loadavg` (1, 5, 15 min) before and after each "
        "run (other work may run beside it).",
        "",
    ]
    tail = ["", verdict(dashboard)] if dashboard else []
    path.write_text("\n".join([*head, *lines, *tail]) + "\n")
    print(f"written: {path}")


if __name__ == "__main__":
    sys.exit(main())
