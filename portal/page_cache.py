"""Rendered public pages kept in the shared cache, for visitors who are not logged in.

The public pages (dashboard, agreements, units, sectors, reporting) are pure reads of
public data and cost 100-900 ms at national scale; the same page is asked for again and
again between two approvals. So an anonymous GET of one of them is answered from the
cache (``CACHES``: Redis when ``REDIS_URL`` is set, shared by every server process).

The rule, all in this module:

- **Who**: a request without a session cookie (no login) only. Logged-in users always
  get a fresh page, it is never stored, and it is marked ``private, no-store``.
- **Key**: the host and scheme, the language the request would be shown in
  (``request.LANGUAGE_CODE``, chosen by LocaleMiddleware before us), today's date
  (lateness and the period under way follow the calendar), and the full path with its
  query string (every filter, page and as-of is its own entry).
- **Invalidation**: one generation number in the cache; each entry holds the one it was
  rendered in and is served only while that is still current (both are read in one
  round trip). Any save or delete of a model of ``regions``, ``agreements`` or
  ``reports`` (a report approved or corrected, a period or unit calendar edited, an
  agreement, commitment, sector, agency or unit changed) raises it, at once and again
  when the transaction commits (so a page rendered meanwhile from the data before the
  change is dropped too). An old entry is replaced by the next rendering, or expires
  after ``PAGE_CACHE_SECONDS``. Bulk writes that send no signals (``generate_data``,
  ``rebuild_standing``) should call ``invalidate()``; the expiry bounds what a
  forgotten call costs.
- **What is stored**: a 200 HTML answer that set no cookie, with its headers, the CSRF
  token of the language-switch form replaced by a placeholder. Each visitor gets his own
  token (``get_token``) when the page is served, and CsrfViewMiddleware sets his cookie
  exactly as for a rendered page. A page that used the token some other way is not kept.

Placed after CsrfViewMiddleware and before AuthenticationMiddleware: a cached answer
skips authentication, messages, history, axes and the view.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control

# URL names of the public pages whose HTML may be stored (portal/urls.py and includes).
PUBLIC_PAGES = frozenset(
    {
        "dashboard",
        "agreement-list",
        "agreement-detail",
        "unit-list",
        "unit-detail",
        "sector-detail",
        "reporting",
        "commitment-list",
        "open-data",
    }
)
# Apps whose data the public pages show: a save or delete of one of their models
# invalidates every stored page, except these models, which no public page shows
# (the standing records are rewritten in bulk, always after a save that bumps).
WATCHED_APPS = ("regions", "agreements", "reports")
IGNORED_MODELS = frozenset(
    {"reports.commitmentstanding", "reports.exportjob", "reports.reminderlog"}
)
MAX_BYTES = 4 * 2**20  # a bigger page is served fresh each time rather than stored
GENERATION_KEY = "page-cache:generation"
CSRF_PLACEHOLDER = b"\x00csrf-token\x00"  # NUL never occurs in our HTML
_CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
_KEPT_HEADERS = ("Content-Type", "Vary", "X-Frame-Options", "Cache-Control")
log = logging.getLogger(__name__)


def seconds() -> int:
    """How long a stored page lives; 0 turns the page cache off."""
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


# --- the generation --------------------------------------------------------------------


def generation() -> int:
    found = cache.get(GENERATION_KEY)
    if found is None:
        # A fresh start (or an evicted key) must not reuse a number old pages carry.
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        found = cache.get(GENERATION_KEY)
    return found


def invalidate() -> None:
    """Every stored page is out of date from now on.

    A cache that cannot be reached does not stop the save that called this (an approval
    must not fail for it); it is logged, and pages stored before live at most
    PAGE_CACHE_SECONDS.
    """
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet: any new one differs from the pages' ones
        generation()
    except Exception:
        log.exception("page cache: the generation could not be raised")


def _data_changed(sender, using=None, **kwargs) -> None:
    invalidate()
    # Again at commit: a page rendered meanwhile from the data before this change
    # was stored under the new generation. Outside a transaction this runs at once.
    transaction.on_commit(invalidate, using=using)


def _m2m_changed(sender, action, using=None, **kwargs) -> None:
    if action.startswith("post_"):
        _data_changed(sender, using=using)


def connect_signals() -> None:
    """Called once from PortalConfig.ready(): one receiver per watched model."""
    for label in WATCHED_APPS:
        for model in apps.get_app_config(label).get_models():
            name = model._meta.label_lower
            if name in IGNORED_MODELS or model._meta.model_name.startswith("historical"):
                continue
            for signal in (post_save, post_delete):
                signal.connect(_data_changed, sender=model, dispatch_uid=f"page-cache.{name}")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    _m2m_changed,
                    sender=field.remote_field.through,
                    dispatch_uid=f"page-cache.{name}.{field.name}",
                )
    from regions.services import units_changed

    units_changed.connect(lambda **kwargs: invalidate(), weak=False, dispatch_uid="page-cache")


# --- the middleware --------------------------------------------------------------------


def is_anonymous(request: HttpRequest) -> bool:
    """No session cookie: nobody is logged in (a session is only made by a login)."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def key_for(request: HttpRequest) -> str:
    """Where the page is kept; the entry holds the generation it was rendered in."""
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    scheme = "https" if request.is_secure() else "http"
    return ":".join(
        [
            "page-cache:page",
            scheme,
            request.get_host(),
            request.LANGUAGE_CODE,
            timezone.localdate().isoformat(),
            path,
        ]
    )


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    match = request.resolver_match
    return (
        match is not None
        and match.view_name in PUBLIC_PAGES
        and response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
        and len(response.content) <= MAX_BYTES
        and not request.user.is_authenticated
    )


def without_csrf_token(request: HttpRequest, content: bytes) -> bytes | None:
    """The page with its CSRF token replaced by the placeholder (None: keep it out)."""
    if not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return content  # the page asked for no token
    tokens = set(_CSRF_INPUT.findall(content))
    if len(tokens) != 1:
        return None  # a token used somewhere else than a form's hidden input
    return content.replace(tokens.pop(), CSRF_PLACEHOLDER)


def lookup(key: str) -> tuple[int, tuple | None]:
    """The current generation and the page stored under ``key`` if it is of that
    generation: one round trip to the cache (MGET)."""
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY)
    if current is None:
        return generation(), None
    entry = found.get(key)
    return current, (entry if entry is not None and entry[0] == current else None)


def stored(generation: int, response: HttpResponse, content: bytes) -> tuple:
    headers = tuple((h, response[h]) for h in _KEPT_HEADERS if h in response)
    return (generation, content, headers)


def served(request: HttpRequest, entry: tuple) -> HttpResponse:
    _generation, content, headers = entry
    if CSRF_PLACEHOLDER in content:
        # this visitor's own token; CsrfViewMiddleware then sets (or renews) his cookie
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content)
    for header, value in headers:
        response[header] = value
    response["X-Page-Cache"] = "hit"
    return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = entry = None
        if request.method == "GET" and is_anonymous(request) and seconds() > 0:
            try:
                key = key_for(request)
                rendered_in, entry = lookup(key)  # the generation before rendering
            except Exception:  # the cache is down: render, as without a cache
                log.exception("page cache: the cache could not be read")
                key = None
            if entry is not None:
                return served(request, entry)
        response = self.get_response(request)
        match = request.resolver_match
        if match is None or match.view_name not in PUBLIC_PAGES:
            return response
        if not is_anonymous(request):
            add_never_cache_headers(response)  # private: what staff see stays theirs
        elif key is not None and storable(request, response):
            content = without_csrf_token(request, response.content)
            if content is not None:
                patch_cache_control(response, private=True, no_cache=True)
                try:
                    cache.set(key, stored(rendered_in, response, content), seconds())
                except Exception:
                    log.exception("page cache: the page could not be stored")
                response["X-Page-Cache"] = "miss"
        return response
