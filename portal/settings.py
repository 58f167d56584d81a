"""Settings of the cooperation-agreement portal, read from the environment.

Every value a deployment changes comes from an environment variable; README.md
lists them. The defaults run the portal on one machine with SQLite.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from portal.lib.env import (
    ConfigurationError,
    envbool,
    envint,
    envlist,
    envstr,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"  # git-ignored: SQLite file, local secret key, uploads

# Development default; a deployment sets DEBUG=0 and SECRET_KEY (README).
DEBUG = envbool("DEBUG", True)
SECRET_KEY = secret_key(debug=DEBUG, keep_in=VAR_DIR / "secret_key")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "import_export",
    "simple_history",
    "rules",
    "portal.apps.LoginThrottleConfig",  # django-axes, named in Vietnamese
    "django_tasks_db",
    "portal.apps.PortalConfig",
    "regions",
    "agreements",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.VietnameseUnlessChosen",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Anonymous GETs of public pages answered from the cache, before auth (see below)
    "portal.page_cache.PageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.lib.audit.RefusedRequestLog",  # every 403 into the security log
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Who may do what: object permissions from portal/permissions.py (rules) --------
# Axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# --- Logins: throttling (django-axes) and sessions ----------------------------------
# After LOGIN_FAILURE_LIMIT wrong passwords for one user name from one address, that
# pair is refused for LOGIN_COOLOFF_MINUTES, and each further try restarts the wait.
# The pair rather than the address: a department often reaches the portal through one
# shared address, and one person's typos must not lock out the colleagues.
# `manage.py axes_reset` (or axes_reset_username NAME) unlocks before the wait is over.
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "portal.views.locked_out"  # Vietnamese page, status 429
AXES_CLIENT_IP_CALLABLE = "portal.lib.audit.client_ip"  # the proxy's X-Forwarded-For
# A login lasts a working day (SESSION_HOURS) and ends when the browser closes.
SESSION_COOKIE_AGE = envint("SESSION_HOURS", 8) * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# History is read-only: a revision is never saved back (it bypassed the write rules).
SIMPLE_HISTORY_REVERT_DISABLED = True
# Four eyes: a report is approved by someone other than who created or submitted it.
# REPORT_FOUR_EYES=0 relaxes this for a one-person department (shown on the report page).
REPORT_FOUR_EYES = envbool("REPORT_FOUR_EYES", True)

# --- Database: DATABASE_URL, or an SQLite file in var/ -------------------------
# PostgreSQL: each server thread keeps its connection DB_CONN_MAX_AGE seconds, checked
# before reuse (a restarted database costs one failed check, not an error page).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL;"}
    )
    DATABASES["default"]["TEST"] = {"NAME": None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Shared cache (issue 11): Redis at REDIS_URL, else this process's memory ------------
# Several server processes (gunicorn workers, several machines) must share one cache:
# the public page cache (portal/page_cache.py) is invalidated by a number kept there.
# Without REDIS_URL each process has its own memory cache, so the page cache is off
# unless PAGE_CACHE_SECONDS is set on purpose (a single process, tests).
REDIS_URL = envstr("REDIS_URL", "")  # e.g. redis://127.0.0.1:6379/0
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": envstr("CACHE_KEY_PREFIX", "portal"),  # one Redis, several sites
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Anonymous public pages are kept this long at most (invalidated on every data change).
PAGE_CACHE_SECONDS = envint("PAGE_CACHE_SECONDS", 600 if REDIS_URL else 0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language, time zone, formats ----------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Django's own "vi" formats read 05/06/2025 as 6 May; ours read dd/mm/yyyy.
FORMAT_MODULE_PATH = ["portal.formats"]
USE_THOUSAND_SEPARATOR = True

# --- Static files: everything from static/, served by whitenoise ----------------
STATIC_URL = "static/"
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))  # collectstatic
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
# Produced files (background workbooks) and uploaded documents. With several servers,
# MEDIA_ROOT is a folder they all mount (NFS or the like): a file one server's worker
# wrote is downloaded through another.
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    # at MEDIA_ROOT (no OPTIONS: it then follows MEDIA_ROOT, also when tests change it)
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if envbool("STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = envbool("WHITENOISE_USE_FINDERS", DEBUG)

# --- Security -------------------------------------------------------------------
# Every CSS, JS, font and image comes from this server (government networks are often
# closed): the browser is told to load nothing from anywhere else.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],  # the admin's widgets set style attributes
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Production runs behind an HTTPS proxy (nginx) that sets X-Forwarded-Proto and
# X-Forwarded-For; the cookies above are HTTPS-only when DEBUG is off.
BEHIND_HTTPS_PROXY = envbool("BEHIND_HTTPS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_HTTPS_PROXY else None
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", BEHIND_HTTPS_PROXY)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a load balancer probes it over plain HTTP
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31_536_000 if BEHIND_HTTPS_PROXY else 0)
# Off by default: the portal usually lives on one host of a provincial domain
# (hoptac.<tỉnh>.gov.vn) whose sibling hosts may still serve plain HTTP inside the
# network; a header covering subdomains, once sent from the parent, would cut them off
# for a year. Preloading needs subdomains and is the domain owner's decision.
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = False
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"  # Vietnamese page, logged
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),  # see above
    "security.W021",  # no HSTS preload, see above
    # The standing records' covering indexes INCLUDE columns on PostgreSQL; SQLite builds
    # them without (reports/models/standing.py), which is all this warning says.
    "models.W040",
]

# --- E-mail (reminders): SMTP when EMAIL_HOST is set --------------------------------
# Without EMAIL_HOST mail is printed (console) while developing. With DEBUG off that
# would lose every reminder silently, so a server must set EMAIL_HOST, or say
# REMINDERS_DISABLED=1 (mail is dropped on purpose), or name EMAIL_BACKEND itself.
_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_DUMMY = "django.core.mail.backends.dummy.EmailBackend"
REMINDERS_DISABLED = envbool("REMINDERS_DISABLED", False)
if envstr("EMAIL_BACKEND", ""):
    _MAIL_BACKEND = envstr("EMAIL_BACKEND", "")
elif envstr("EMAIL_HOST", ""):
    _MAIL_BACKEND = _SMTP
elif REMINDERS_DISABLED:
    _MAIL_BACKEND = _DUMMY
    SILENCED_SYSTEM_CHECKS.append("mail.E001")  # no mail, chosen explicitly
elif DEBUG:
    _MAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
else:
    raise ConfigurationError(
        "E-mail is not configured and DEBUG is off: set EMAIL_HOST (the SMTP server "
        "that sends reminders), or REMINDERS_DISABLED=1 to run without e-mail"
    )
MAILERS = {
    "default": {
        "BACKEND": _MAIL_BACKEND,
        "OPTIONS": (
            {
                "host": envstr("EMAIL_HOST", "localhost"),
                "port": envint("EMAIL_PORT", 25),
                "username": envstr("EMAIL_HOST_USER", ""),
                "password": envstr("EMAIL_HOST_PASSWORD", ""),
                "use_tls": envbool("EMAIL_USE_TLS", False),
            }
            if _MAIL_BACKEND == _SMTP
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "portal@localhost")

# --- Logs: the usual log on stderr; the security log as JSON lines ----------------
# portal.security (failed logins, lock-outs, refused requests, staff downloads, imports;
# portal/lib/audit.py) and Django's own django.security go, one JSON object a line,
# to SECURITY_LOG_FILE when set (a log collector tails it), else to stderr.
_SECURITY_LOG_FILE = envstr("SECURITY_LOG_FILE", "")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json_lines": {"()": "portal.lib.audit.JsonLinesFormatter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "security": (
            {
                "class": "logging.handlers.WatchedFileHandler",  # follows logrotate
                "filename": _SECURITY_LOG_FILE,
                "encoding": "utf-8",
                "formatter": "json_lines",
            }
            if _SECURITY_LOG_FILE
            else {"class": "logging.StreamHandler", "formatter": "json_lines"}
        ),
    },
    "loggers": {
        "portal.security": {"handlers": ["security"], "level": "INFO", "propagate": False},
        "django.security": {"handlers": ["security"], "level": "INFO", "propagate": False},
        # CSRF failures are logged once, by portal.views.csrf_failure, with the reason.
        "django.security.csrf": {"handlers": [], "propagate": False},
    },
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
}

# --- Reporting calendar (Decree 09/2019/NĐ-CP) ------------------------------------
# Data cut-off: the first half covers 15/12 of the previous year to 14/06, the
# second half 15/06 to 14/12 (Art. 12). Deadlines per level are each province's
# own decision (Art. 8(5), 13); these are the defaults a new period gets.
REPORTING_CALENDAR = {
    "cutoff_day": envint("REPORTING_CUTOFF_DAY", 14),
    "department_due_day": envint("REPORTING_DEPARTMENT_DUE_DAY", 16),
    "consolidated_due_day": envint("REPORTING_CONSOLIDATED_DUE_DAY", 20),
    # Periods exist from this year on without anyone opening them.
    "first_year": envint("REPORTING_FIRST_YEAR", 2016),
}

# --- Background work (issue 11): Django's tasks framework, tasks kept in the database ---
# `manage.py db_worker` (django-tasks-db) runs them; `make run` starts it beside the web
# server, so the embedded default needs no other service. A file estimated at more than
# EXPORTS_INLINE_MAX_ROWS rows (commitments + reports) is produced in the background and
# saved in the default storage (MEDIA_ROOT, shared by every server); smaller ones are sent
# at once. Produced files are deleted after EXPORTS_KEEP_DAYS days (reports/background.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EXPORTS_INLINE_MAX_ROWS = envint("EXPORTS_INLINE_MAX_ROWS", 3000)
EXPORTS_KEEP_DAYS = envint("EXPORTS_KEEP_DAYS", 7)

# --- Spreadsheet imports (portal/lib/upload_limits.py, portal/lib/import_uploads.py) ---
IMPORT_MAX_BYTES = envint("IMPORT_MAX_BYTES", 5 * 2**20)  # one uploaded file
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", 5000)  # data rows of one file
IMPORT_MAX_UNCOMPRESSED_BYTES = envint("IMPORT_MAX_UNCOMPRESSED_BYTES", 50 * 2**20)  # .xlsx
# uploads kept between preview and confirmation, under random names, for this long
IMPORT_UPLOAD_DIR = Path(envstr("IMPORT_UPLOAD_DIR", str(VAR_DIR / "imports")))
IMPORT_UPLOAD_MAX_AGE = envint("IMPORT_UPLOAD_MAX_AGE", 3600)  # seconds

# --- Agreement documents (agreements/document_files.py): PDF, DOCX, XLSX, checked by content
AGREEMENT_DOCUMENT_MAX_BYTES = envint("AGREEMENT_DOCUMENT_MAX_BYTES", 20 * 2**20)

# --- Workbook writer (reports/exports/xlsx.py): "rust" (rvgsrust-xlsxwriter, fast, young)
# or "xlsxwriter" (XlsxWriter, mature, about 3x slower); both stream rows to disk.
EXPORT_XLSX_WRITER = envstr("EXPORT_XLSX_WRITER", "rust")
