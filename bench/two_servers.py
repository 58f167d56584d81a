"""Two web servers and one background worker on one PostgreSQL and one Redis.

Starts two gunicorn instances (``gunicorn.conf.py``) on two loopback ports and one
``manage.py db_worker``, all with the same database, Redis (``REDIS_URL``) and shared
folder for produced files (``MEDIA_ROOT``), then checks what several servers must agree on:

1. a workbook requested through server A (a background job, as every file is here:
   ``EXPORTS_INLINE_MAX_ROWS=0``) is followed and downloaded through server B;
2. a report approved through server A (the admin's workflow button, as planning staff)
   shows in the agreement's public standing read through server B, whose anonymous
   page cache (in Redis) held the page from before.

It stops everything it started, and exits 1 if a check fails. The database is created
fresh (demo data) and dropped at the end, unless ``--database-url`` names one to use.

    .venv/bin/python bench/two_servers.py            # about a minute
"""

from __future__ import annotations

import argparse
import http.cookiejar
import io
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import free_port, loopback_only  # noqa: E402 - bench/, beside this script

FIND = """
import json
from agreements.models import Membership, Role
from portal.lib.authz import allows
from reports.models import ProgressReport, ReportStatus
found = None
for report in (ProgressReport.objects.filter(status=ReportStatus.SUBMITTED)
               .select_related("commitment__agreement", "period").order_by("pk")[:50]):
    for m in Membership.objects.filter(role=Role.PLANNING).select_related("user"):
        if allows(m.user, "reports.review_progressreport", report):
            found = {"pk": report.pk, "version": report.version,
                     "agreement": report.commitment.agreement.slug,
                     "title": report.commitment.title, "year": report.period.year,
                     "user": m.user.username}
            break
    if found:
        break
print(json.dumps(found or {}))
"""


class Client:
    """A browser of one server: cookies kept, redirects not followed."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), self._NoRedirect
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, dict, bytes]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if data is not None:
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=60) as answer:
                return answer.status, dict(answer.headers), answer.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def login(self, username: str, password: str) -> None:
        status, _, body = self.request("/admin/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        status, headers, _ = self.request(
            "/admin/login/?next=/admin/",
            {"csrfmiddlewaretoken": token.decode(), "username": username, "password": password},
        )
        if status != 302:
            sys.exit(f"login of {username} failed ({status})")


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    handle = log.open("wb")
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_up(base: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"a server stopped while starting:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    sys.exit(f"{base} did not answer within 60 s")


def standing_of(client: Client, slug: str, title: str) -> dict:
    status, _, body = client.request(f"/agreements/{slug}/?format=json")
    if status != 200:
        sys.exit(f"{client.base}: the agreement's JSON answered {status}")
    row = next(r for r in json.loads(body)["results"] if r["title"] == title)
    return {k: row[k] for k in ("category", "stage", "percent", "approved_reports")}


def check_workbook(a: Client, b: Client, facts: dict) -> list[str]:
    path = f"/agreements/{facts['agreement']}/review-{facts['year']}.xlsx"
    started = time.monotonic()
    status, headers, _ = a.request(path)
    if status != 302 or "/files/" not in headers.get("Location", ""):
        return [f"FAIL: {path} through A answered {status}, not a job page"]
    job = urllib.parse.urlparse(headers["Location"]).path
    while time.monotonic() - started < 120:
        status, headers, body = b.request(job.rstrip("/") + "/download")
        if status == 200:
            break
        time.sleep(0.5)
    else:
        return [f"FAIL: the job {job} was not done through B within 120 s"]
    seconds = time.monotonic() - started
    if not zipfile.is_zipfile(io.BytesIO(body)):
        return ["FAIL: what B sent is not an .xlsx file"]
    return [
        f"ok: workbook requested through A ({job}), produced by the worker, downloaded "
        f"through B after {seconds:.1f} s ({len(body) / 1024:.0f} KB)"
    ]


def check_approval(a: Client, b: Client, facts: dict) -> list[str]:
    before = standing_of(b, facts["agreement"], facts["title"])  # B's page cache holds it
    a.login(facts["user"], facts["password"])
    a.request("/admin/")  # the csrftoken cookie
    status, _, _ = a.request(
        f"/admin/reports/progressreport/{facts['pk']}/transition/approve/",
        {"csrfmiddlewaretoken": a.csrf(), "seen_version": str(facts["version"])},
    )
    if status != 302:
        return [f"FAIL: approving report {facts['pk']} through A answered {status}"]
    after = standing_of(b, facts["agreement"], facts["title"])
    lines = [f"standing through B before: {before}", f"standing through B after:  {after}"]
    if after == before:
        return [*lines, "FAIL: B still shows the standing from before the approval"]
    return [*lines, f"ok: report {facts['pk']} approved through A, new standing read through B"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="use this database (default: a fresh one)")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/3")
    args = parser.parse_args()
    loopback_only(args.redis_url, "--redis-url")
    fresh = not args.database_url
    name = f"portal_two_servers_{os.getpid()}"
    url = args.database_url or f"postgres://postgres@127.0.0.1:5432/{name}"
    loopback_only(url, "--database-url")
    if fresh:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    work = Path(tempfile.mkdtemp(prefix="two-servers-"))
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        REDIS_URL=args.redis_url,
        CACHE_KEY_PREFIX=f"two-servers-{secrets.token_hex(4)}",
        MEDIA_ROOT=str(work / "shared-files"),
        STATIC_ROOT=str(work / "static"),
        SECRET_KEY=secrets.token_urlsafe(50),  # the same on every server
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_COOKIES="0",
        REMINDERS_DISABLED="1",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        EXPORTS_INLINE_MAX_ROWS="0",  # every file through the worker
        WEB_CONCURRENCY="2",
        PYTHONUNBUFFERED="1",
    )
    processes: list[subprocess.Popen] = []
    try:
        if fresh:
            print("preparing a fresh database with the demo data …", flush=True)
            setup = dict(env, DEBUG="1")
            for step in ("migrate", "load_units", "load_demo", "demo_users"):
                manage(setup, step, "-v0")
            password = "two-servers-" + secrets.token_hex(8)
            facts = json.loads(manage(setup, "shell", "-c", FIND).strip().splitlines()[-1])
            manage(
                setup,
                "shell",
                "-c",
                "from django.contrib.auth import get_user_model as g; "
                f"u = g().objects.get(username={facts['user']!r}); "
                f"u.set_password({password!r}); u.is_active = True; u.save()",
            )
        else:
            setup = dict(env, DEBUG="1")
            facts = json.loads(manage(setup, "shell", "-c", FIND).strip().splitlines()[-1])
            password = os.environ.get("TWO_SERVERS_PASSWORD", "")
        if not facts.get("user"):
            sys.exit("no submitted report with planning staff to approve it in this database")
        facts["password"] = password
        env["DEBUG"] = "0"
        manage(env, "collectstatic", "--no-input", "-v0")
        ports = [free_port(), free_port()]
        for port in ports:
            log = work / f"gunicorn-{port}.log"
            server = start(
                [GUNICORN, "-c", "gunicorn.conf.py"], dict(env, BIND=f"127.0.0.1:{port}"), log
            )
            processes.append(server)
            wait_up(f"http://127.0.0.1:{port}", server, log)
        processes.append(start([PY, "manage.py", "db_worker"], env, work / "worker.log"))
        a, b = (Client(f"http://127.0.0.1:{port}") for port in ports)
        print(f"server A :{ports[0]}, server B :{ports[1]}, one worker; Redis {args.redis_url}")
        lines = check_workbook(a, b, facts) + check_approval(a, b, facts)
    finally:
        for process in processes:
            stop(process)
        if fresh:
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=False
            )
    print("\n".join(lines))
    failed = [line for line in lines if line.startswith("FAIL")]
    print("two servers: " + ("FAILED" if failed else "all checks passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
