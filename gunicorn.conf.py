"""gunicorn settings of the portal: ``gunicorn -c gunicorn.conf.py portal.wsgi``.

Sized from the machine's cores; every value can be overridden from the environment.
A request is mostly Python (templates, query results), which holds the interpreter
lock, so the cores are used by processes, and a few threads per process cover the
time spent waiting on PostgreSQL and Redis.

- ``WEB_CONCURRENCY``: worker processes (default: 2 per core + 1).
- ``GUNICORN_THREADS``: threads per worker (default 2). ``GUNICORN_WORKER_CLASS``:
  ``gthread`` (default: a slow request, a workbook, leaves the worker's other thread
  free) or ``sync``. Each thread keeps its own
  PostgreSQL connection (DB_CONN_MAX_AGE): workers x threads connections per server.
- ``BIND`` (default ``127.0.0.1:$PORT``, ``PORT`` default 8000): nginx in front.
- ``GUNICORN_TIMEOUT`` (60 s): a request still running after it is killed with its
  worker. Long workbooks are background jobs; the rest answer in well under a second.
- ``GUNICORN_GRACEFUL_TIMEOUT`` (30 s): on a restart or ``kill -HUP``, how long
  running requests may finish.
- ``GUNICORN_MAX_REQUESTS`` (10000, 0 = never): a worker is replaced (gracefully)
  after about that many requests, with a random jitter so that they do not all
  restart together: memory a long-lived process gathers is given back. Each
  replacement costs a Django start (about a second of CPU) and moves the replaced
  worker's connections: at 2000 the slowest 1 % of requests under load doubled
  (bench/RESULTS_load.md); hours apart at a portal's usual traffic.
- ``GUNICORN_ACCESS_LOG=1``: one line per request on stdout (nginx usually logs them).
- ``GUNICORN_PRELOAD=1``: load the application once before forking (less memory, faster
  start). Off by default so that ``kill -HUP`` (graceful restart) loads new code.
"""

from __future__ import annotations

import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise SystemExit(f"{name} must be a whole number, not {value!r}") from error


CORES = os.cpu_count() or 1

wsgi_app = "portal.wsgi:application"
bind = os.environ.get("BIND") or f"127.0.0.1:{_int('PORT', 8000)}"
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")  # or "sync"
workers = _int("WEB_CONCURRENCY", 2 * CORES + 1)
threads = _int("GUNICORN_THREADS", 2)
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)  # seconds an idle client connection stays open
max_requests = _int("GUNICORN_MAX_REQUESTS", 10000)
max_requests_jitter = max_requests // 10
preload_app = os.environ.get("GUNICORN_PRELOAD", "") == "1"
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "") == "1" else None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The proxy in front tells the client's address and scheme (settings.BEHIND_HTTPS_PROXY).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "portal"


def when_ready(server) -> None:
    """Before forking: a preloaded application shares no database connection with
    the workers (each opens its own)."""
    if preload_app:
        from django.db import connections

        connections.close_all()
