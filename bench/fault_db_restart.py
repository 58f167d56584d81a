"""Fault test: PostgreSQL stops and starts again under a running portal.

A department reporter keeps writing and sending progress reports through the admin,
as a browser would (login, CSRF tokens, the add form, the "Gửi" button), while a second
thread stops PostgreSQL for a few seconds and starts it again, several times. The portal
(gunicorn, never restarted) must tell the reporter plainly when it could not save, must
never say "saved" for a report that is not in the database, and /healthz must answer 503
while the database is down and 200 once it is back.

Everything runs in a private cluster this script creates (initdb in a temporary folder,
its own port on 127.0.0.1) and removes at the end, even on Ctrl-C; the shared server is
never touched.

    .venv/bin/python bench/fault_db_restart.py --seconds 60 [--results bench/RESULTS_faults.md]

Exits non-zero if a report was lost, if /healthz never answered 503 during an outage, or
never 200 after the last restart.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import psycopg2
from fault_client import MARK, Browser, Tally, write_and_send

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent

# Free (commitment, period, unit) slots the reporter may write, printed as JSON. Periods
# are opened over each agreement's term so that a long run does not run out of slots.
SLOTS_SNIPPET = """
import json
from agreements.models import Agency, Commitment
from django.db.models import Q
from reports.models import ProgressReport, ReportingPeriod
agency = Agency.objects.get(unit__key="hau-giang-truoc-2025",
                            name="Sở Giao thông vận tải tỉnh Hậu Giang")
mine = Commitment.objects.filter(Q(lead_agency=agency) | Q(supporting_agencies=agency))
taken = set(ProgressReport.objects.values_list("commitment_id", "period_id", "reporting_unit_id"))
slots = []
for c in mine.distinct().select_related("agreement"):
    a = c.agreement
    if agency.unit_id not in a.reporting_unit_ids():
        continue
    for year in range(a.term_start.year, a.term_end.year + 1):
        for half in (1, 2):
            p, _ = ReportingPeriod.objects.get_or_open(year=year, half=half)
            if p.is_closed or not p.overlaps(a.term_start, a.term_end):
                continue
            if (c.pk, p.pk, agency.unit_id) not in taken:
                slots.append([c.pk, p.pk, agency.unit_id])
print("SLOTS=" + json.dumps(slots))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version_key)
    path = found[-1] if found else shutil.which(name)
    if not path:
        sys.exit(f"{name} not found (apt-get install postgresql)")
    return path


def _version_key(path: str) -> int:
    match = re.search(r"/postgresql/(\d+)/", path)
    return int(match.group(1)) if match else 0


class Cluster:
    """A throw-away PostgreSQL cluster, run as the postgres user when we are root."""

    def __init__(self, folder: Path, port: int) -> None:
        self.folder, self.port = folder, port
        self.data = folder / "data"
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *args: str) -> None:
        subprocess.run(self.as_postgres + list(args), check=True, capture_output=True, text=True)

    def create(self) -> None:
        if self.as_postgres:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust")

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        log = str(self.folder / "postgres.log")
        self._run(pg_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run(pg_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def running(self) -> bool:
        pid_file = self.data / "postmaster.pid"
        return pid_file.exists()


# --- the run ---------------------------------------------------------------------------


def manage(env: dict[str, str], *args: str) -> str:
    command = [str(VENV_BIN / "python"), "manage.py", *args]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer 200 within {seconds} s")


def healthz_status(base: str) -> int:
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError):
        return 0


def poll_healthz(base: str, stop: threading.Event, seen: list[tuple[float, int]]) -> None:
    """Ask /healthz every 0.5 s; each answer is filed under the moment it was asked."""
    while not stop.is_set():
        asked = time.monotonic()
        seen.append((asked, healthz_status(base)))
        stop.wait(0.5)


def restart_database(cluster: Cluster, seconds: float, outages: list[tuple[float, float]],
                     stop: threading.Event, down_for: float = 4.0) -> None:  # fmt: skip
    """Stop PostgreSQL (fast: sessions are cut) at evenly spaced times, start it again.

    The last outage ends well before the run does, so the recovery is seen in the run.
    """
    count = max(2, int(seconds // 20))
    start = time.monotonic()
    for k in range(1, count + 1):
        at = start + seconds * k / (count + 1) - down_for
        if stop.wait(max(0.0, at - time.monotonic())):
            return
        began = time.monotonic()
        cluster.stop("fast")
        time.sleep(down_for)
        cluster.start()
        outages.append((began, time.monotonic()))


def count_in_database(dsn: str) -> tuple[dict[str, tuple[int, str]], int]:
    with psycopg2.connect(dsn) as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT achievements, id, status FROM reports_progressreport WHERE achievements LIKE %s",
            [MARK + " %"],
        )
        rows = {text.split(" ", 1)[1]: (pk, status) for text, pk, status in cursor.fetchall()}
        cursor.execute(
            "SELECT count(*) FROM reports_historicalprogressreport WHERE achievements LIKE %s",
            [MARK + " %"],
        )
        history = cursor.fetchone()[0]
    return rows, history


def run(seconds: float, workers: int) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="portal-fault-"))
    os.chmod(folder, 0o755)
    cluster = Cluster(folder, free_port())
    gunicorn = None
    stop = threading.Event()
    try:
        cluster.create()
        cluster.start()
        subprocess.run([pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(cluster.port),
                        "-U", "postgres", "portal"], check=True)  # fmt: skip
        dsn = f"postgres://postgres@127.0.0.1:{cluster.port}/portal"
        env = dict(os.environ, DATABASE_URL=dsn, DEBUG="0", SECRET_KEY="fault-test-" + "x" * 50,
                   ALLOWED_HOSTS="127.0.0.1", STATIC_MANIFEST="0", SECURE_COOKIES="0",
                   LOG_LEVEL="WARNING", REMINDERS_DISABLED="1")  # fmt: skip
        print(f"cluster in {folder} on port {cluster.port}; migrating and loading demo data…")
        manage(env, "migrate", "--no-input")
        manage(env, "load_units")
        manage(env, "load_demo")
        manage(env, "demo_users", "--allow-without-debug")
        slots = json.loads(manage(env, "shell", "-c", SLOTS_SNIPPET).split("SLOTS=", 1)[1])
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = open(folder / "gunicorn.log", "w")  # noqa: SIM115 - closed with the folder
        command = [str(VENV_BIN / "gunicorn"), "portal.wsgi", f"--bind=127.0.0.1:{port}",
                   f"--workers={workers}", "--timeout=30"]  # fmt: skip
        gunicorn = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log,
                                    stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
        wait_for(base + "/healthz", 30)
        print(f"gunicorn pid {gunicorn.pid} on {base}, {workers} workers; "
              f"{len(slots)} free report slots; running {seconds:.0f} s")  # fmt: skip
        browser = Browser(base)
        browser.login()
        health: list[tuple[float, int]] = []
        outages: list[tuple[float, float]] = []
        threads = [
            threading.Thread(target=poll_healthz, args=(base, stop, health), daemon=True),
            threading.Thread(
                target=restart_database, args=(cluster, seconds, outages, stop), daemon=True
            ),
        ]
        for thread in threads:
            thread.start()
        tally = Tally()
        started = time.monotonic()
        attempts = 0
        # Paced so that the free slots last the whole run; after an error page a person
        # takes a moment before trying again.
        least = 1.1 * seconds / max(1, len(slots))
        while time.monotonic() - started < seconds and attempts < len(slots):
            began = time.monotonic()
            done = write_and_send(browser, slots[attempts], f"{attempts:05d}", tally)
            attempts += 1
            pause = least - (time.monotonic() - began)
            time.sleep(max(pause, 0 if done else 0.5))
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        if not cluster.running():
            cluster.start()
        wait_for(base + "/healthz", 10)
        # One more question after everything, so that a slow restart is still judged.
        health.append((time.monotonic(), healthz_status(base)))
        gunicorn_alive = gunicorn.poll() is None
        rows, history = count_in_database(dsn)
        return summarise(attempts, tally, rows, history, health, outages, gunicorn_alive, workers)
    finally:
        stop.set()
        if gunicorn is not None and gunicorn.poll() is None:
            os.killpg(gunicorn.pid, signal.SIGTERM)
            try:
                gunicorn.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(gunicorn.pid, signal.SIGKILL)
        if cluster.running():
            try:
                cluster.stop("immediate")
            except subprocess.CalledProcessError:
                pass
        if os.environ.get("FAULT_KEEP"):
            print(f"kept {folder} (FAULT_KEEP is set)")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def summarise(attempts, tally, rows, history, health, outages, gunicorn_alive, workers) -> dict:
    in_db = {marker for marker in rows}
    submitted_in_db = {pk for pk, status in rows.values() if status != "draft"}
    during = Counter()
    after_last = Counter()
    last_up = outages[-1][1] if outages else float("inf")
    for moment, status in health:
        if any(began + 0.5 <= moment <= ended - 0.5 for began, ended in outages):
            during[status] += 1
        if moment > last_up:
            after_last[status] += 1
    return {
        "workers": workers,
        "outages": len(outages),
        "outage_seconds": [round(ended - began, 1) for began, ended in outages],
        "reports attempted": attempts,
        "drafts saved (client saw success)": len(tally.created),
        "drafts failed (client saw failure)": len(tally.create_failed),
        "submissions attempted": len(tally.created),
        "submissions succeeded": len(tally.submitted),
        "submissions failed": len(tally.submit_failed),
        "failures seen": dict(
            Counter(tally.create_failed.values()) + Counter(tally.submit_failed.values())
        ),
        "LOST drafts": sum(1 for m in tally.created if m not in in_db),
        "LOST submissions": len(tally.submitted - submitted_in_db),
        "duplicated drafts (failure seen, row exists)": sum(
            1 for m in tally.create_failed if m in in_db
        ),
        "duplicated submissions (failure seen, submitted)": len(
            set(tally.submit_failed) & submitted_in_db
        ),
        "history rows of the test reports": history,
        "healthz during outages": dict(during),
        "healthz after the last restart": dict(after_last),
        "gunicorn still the same process": gunicorn_alive,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--results", type=Path, help="also write the results as Markdown here")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # runs the finally blocks
    try:
        result = run(args.seconds, args.workers)
    except KeyboardInterrupt:
        print("interrupted: gunicorn, the cluster and its folder are removed")
        return 130
    for key, value in result.items():
        print(f"{key:<50} {value}")
    problems = []
    if result["LOST drafts"] or result["LOST submissions"]:
        problems.append("reports were LOST")
    if result["healthz during outages"].get(200):
        problems.append("/healthz answered 200 while the database was down")
    if not result["healthz during outages"].get(503):
        problems.append("/healthz never answered 503 while the database was down")
    if not result["healthz after the last restart"].get(200):
        problems.append("/healthz never answered 200 after the last restart")
    if result["outages"] < 2:
        problems.append("fewer than two outages happened")
    if not result["gunicorn still the same process"]:
        problems.append("gunicorn died")
    if args.results:
        write_results(args.results, args.seconds, result, problems)
    for problem in problems:
        print("FAIL:", problem)
    return 1 if problems else 0


def write_results(path: Path, seconds: float, result: dict, verdict: list[str]) -> None:
    version = subprocess.run([pg_bin("postgres"), "--version"], capture_output=True, text=True)
    lines = [
        "# Fault test: PostgreSQL stopped and started under a running portal",
        "",
        f"Measured on {time.strftime('%d/%m/%Y')}: Python {sys.version.split()[0]}, "
        f"{version.stdout.strip()}, gunicorn ({result['workers']} sync workers), "
        f"{os.cpu_count()} CPUs, in a private cluster (initdb in a temporary folder).",
        "",
        "```sh",
        f".venv/bin/python bench/fault_db_restart.py --seconds {seconds:.0f} --results {path}",
        "```",
        "",
        "One round is what the reporter `baocao.gtvt.haugiang` does in a browser: open the",
        "admin's add form of a progress report, save the draft, press *Gửi báo cáo để duyệt*.",
        f"Meanwhile PostgreSQL is stopped (`pg_ctl stop -m fast`, sessions cut) {result['outages']}",
        "times, evenly spaced, and started again 4 s later; /healthz is asked every 0.5 s",
        "(answers asked from 0.5 s after a stop began to 0.5 s before it was up again count",
        "as *during outages*). At the end the",
        "client's ledger is compared with the database: LOST = the reporter was told",
        '"saved" or "sent" but the row (or its submitted state) is not there; duplicated =',
        "the reporter saw an error page but the write had been committed (the redirect",
        "after the save failed). gunicorn is never restarted.",
        "",
        "| measure | value |",
        "|---|---|",
        *(f"| {key} | {value} |" for key, value in result.items()),
        "",
        "Verdict: "
        + ("; ".join(verdict) if verdict else "passed (no loss, 503 while down, 200 after)."),
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
