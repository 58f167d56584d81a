"""Every URL pattern × every role × objects inside and outside the role's scope × GET/POST.

The patterns come from the URL resolver, so a new view without a row here fails
("new view with no row in the permission matrix") and cannot ship unchecked. Each
cell says which class of answer is expected:

- ``ok``: allowed: 200, or a redirect to a page other than the login page;
- ``no``: refused: 400/403/404/405, a redirect to the login page, or the admin's
  "does not exist or no permission" redirect to its index; a refused POST must leave
  every table unchanged (a checksum of all rows, history tables included);
- ``ns`` ("no save"): any answer but a 500, and every table unchanged (read-only pages
  answering a POST, bulk actions the user may not run, the disabled history revert);
- ``ro`` ("read-only fields"): any answer but a 500, and the text field the POST edited
  (title, name…) unchanged: the page may save what else is the user's.

Expected answers come from /work/notes/access-spec.md; where it is silent the row
says which assumption it makes (``# assume: …``). The world is
``portal/tests/matrix_world.py``: built once per module, every cell runs in a
savepoint that is rolled back, so allowed POSTs do not leak into the next cell.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from portal.tests.matrix_world import (
    CSRF_TOKEN,
    ROLES,
    SCOPE,
    STATUSES,
    changed_tables,
    client_for,
    database_checksum,
    form_data,
    matrix_world_fixture,  # noqa: F401  (the module's world: ``mworld``)
)

STAFF = [r for r in ROLES if r != "anonymous"]
PLANNING = ["planner", "partner", "unrelated", "admin"]
EDITED = {"title", "name", "achievements", "first_name", "place"}


def url_patterns() -> list[str]:
    """Every URL pattern of the site: its namespaced name, or its route when unnamed."""

    def walk(resolver, prefix: str, namespace: str | None):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or None
                ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                yield from walk(pattern, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if pattern.name:
                    yield f"{namespace}:{pattern.name}" if namespace else pattern.name
                else:
                    yield route

    return list(dict.fromkeys(walk(get_resolver(), "", None)))


# --- rows -----------------------------------------------------------------------------------


@dataclass
class Row:
    """How to fill one URL pattern's parameters and what each role gets."""

    targets: list[str]
    url: Callable  # (world, role, target) -> path
    get: dict[str, str]  # role -> one expectation per target ("ok no")
    post: dict[str, str]
    payload: Callable | None = None  # (world, role, target, url, admin_client) -> data
    index_ok: bool = False  # a redirect to the admin index is the allowed answer here
    optional: bool = False  # pattern exists only with DEBUG on
    obj: Callable | None = None  # (world, role, target) -> the object a "ro" cell protects

    def expected(self, method: str, role: str) -> list[str]:
        table = self.get if method == "get" else self.post
        cells = table.get(role, "no").split()
        return cells * len(self.targets) if len(cells) == 1 else cells


def fill(default: str, **roles: str) -> dict[str, str]:
    return {role: roles.get(role, default) for role in ROLES}


def staff(value: str, anonymous: str = "no", **roles: str) -> dict[str, str]:
    return fill(value, anonymous=anonymous, **roles)


def no_save(get: dict[str, str]) -> dict[str, str]:
    """The POST twin of a read-only page: where GET is allowed, POST must save nothing."""
    return {
        role: " ".join("ns" if e == "ok" else "no" for e in v.split()) for role, v in get.items()
    }


ROWS: dict[str, Row] = {}


def one(url: str) -> Callable:
    return lambda w, role, target: url


# --- the admin, model by model ------------------------------------------------------------------


@dataclass
class Model:
    """A registered ModelAdmin and who may view / change / delete / add its objects.

    ``kind`` names a slice table of the world (in/out follow the role's ``SCOPE``);
    ``pair`` names two global objects instead. Roles left out of a table get "no".
    """

    app: str
    model: str
    view: dict[str, str]
    change: dict[str, str]
    delete: dict[str, str]
    add: dict[str, str]
    kind: str | None = None
    pair: tuple[str, str] | None = None
    action: str = "delete_selected"
    action_target: str = "in"
    action_ok: dict[str, str] | None = None  # who may run the action (default: delete "in")
    history: bool = True  # simple-history's revision page exists
    history_table: bool = True  # False: the model keeps no history (Sector, Agency)
    imports: dict[str, str] | None = None
    extra: dict[str, Row] = field(default_factory=dict)

    def obj(self, w, role, target):
        inside = not target.endswith("out")
        if self.kind == "report":
            status = target.split("_")[0]
            status = {"adraft": "approved", "afinal": "approved"}.get(status, status)
            return w.of(f"report_{status}", SCOPE[role][0 if inside else 1])
        if self.pair:
            return w.objects[self.pair[0 if target == "in" else 1]]
        return w.of(self.kind, SCOPE[role][0 if target == "in" else 1])

    @property
    def targets(self) -> list[str]:
        if self.kind == "report":
            return [f"{s}_{side}" for s in STATUSES for side in ("in", "out")]
        return ["in", "out"]


def expand(table: dict[str, str], width: int) -> dict[str, str]:
    return {
        role: (v if len(v.split()) == width else " ".join([v] * width)) for role, v in table.items()
    }


FORMS: dict[str, dict[str, list[str]]] = {}  # url -> the administrator's form data


def admin_form(w, role, target, url, admin_client, edit=True):
    """The form as the administrator sees it, posted unchanged but for one text field."""
    if url not in FORMS:
        response = admin_client.get(url)
        FORMS[url] = form_data(response.content.decode()) if response.status_code == 200 else {}
    data = {name: list(values) for name, values in FORMS[url].items()}
    if edit:
        for name in EDITED & data.keys():
            data[name] = [data[name][0] + " (sửa)"]
    data["_save"] = ["Lưu"]
    return data


def model_rows(m: Model) -> None:
    prefix = f"admin:{m.app}_{m.model}"
    targets = m.targets
    width = len(targets)
    view, change, delete = (expand(fill("no", **t), width) for t in (m.view, m.change, m.delete))
    add = fill("no", **m.add)
    listing = {role: ("ok" if "ok" in view[role] else "no") for role in ROLES}

    def object_url(action):
        return lambda w, role, target: reverse(
            f"{prefix}_{action}", args=[m.obj(w, role, target).pk]
        )

    action_ok = (
        fill("no", **m.action_ok)
        if m.action_ok is not None
        else {r: delete[r].split()[0] for r in ROLES}
    )
    ROWS[f"{prefix}_changelist"] = Row(
        ["list"],
        one(reverse(f"{prefix}_changelist")),
        get=listing,
        # assume: a bulk action the user may not run is refused or ignored, never run
        post={
            r: "no" if r == "anonymous" else ("ok" if action_ok[r] == "ok" else "ns") for r in ROLES
        },
        payload=lambda w, role, target, url, ac: {
            "action": m.action,
            "_selected_action": [m.obj(w, role, m.action_target).pk],
            "index": "0",
            "post": "yes",
            "close_reason": "Hết hạn",
        },
    )
    ROWS[f"{prefix}_add"] = Row(
        ["new"],
        one(reverse(f"{prefix}_add")),
        get=add,
        post=add,
        payload=lambda w, role, target, url, ac: admin_form(w, role, target, url, ac, edit=False),
    )
    ROWS[f"{prefix}_change"] = Row(
        targets, object_url("change"), get=view, post=change, payload=admin_form, obj=m.obj
    )
    ROWS[f"{prefix}_delete"] = Row(
        targets,
        object_url("delete"),
        get=delete,
        post=delete,
        payload=lambda *a: {"post": "yes"},
    )
    # Sector and Agency have no history table: their history page must still answer
    # (Django's own log, or a refusal), never a 500.
    history_list = view if m.history_table else no_save(view)
    ROWS[f"{prefix}_history"] = Row(
        targets, object_url("history"), get=history_list, post=no_save(view)
    )
    ROWS[f"admin/{m.app}/{m.model}/<path:object_id>/"] = Row(
        targets,
        lambda w, role, target: f"/admin/{m.app}/{m.model}/{m.obj(w, role, target).pk}/",
        # Django's redirect to the change page asks nothing; the change page decides.
        get=staff("ok"),
        post=staff("ok"),
    )
    if m.history and not m.history_table:
        # the revision page of a model without history: nothing to show, to anyone
        ROWS[f"{prefix}_simple_history"] = Row(
            targets,
            lambda w, role, target: reverse(
                f"{prefix}_simple_history", args=[m.obj(w, role, target).pk, 1]
            ),
            get={}, post={}, optional=True,  # the fix may remove the page altogether
        )  # fmt: skip
    elif m.history:
        history_targets = (
            ["adraft_in", "adraft_out", "afinal_in", "afinal_out"]
            if m.kind == "report"
            else targets
        )
        history_view = REPORT_REVISIONS if m.kind == "report" else view

        def revision_url(w, role, target):
            obj = m.obj(w, role, target)
            records = obj.history.order_by("history_date", "history_id")
            record = records.last() if "final" in target else records.first()
            return reverse(f"{prefix}_simple_history", args=[obj.pk, record.history_id])

        # The spec: revert disabled; the page shows what the user may see of the object.
        ROWS[f"{prefix}_simple_history"] = Row(
            history_targets,
            revision_url,
            get=history_view,
            post=no_save(history_view),
            payload=admin_form,
        )
    if m.imports is not None:
        allowed = fill("no", **m.imports)
        ROWS[f"{prefix}_import"] = Row(
            ["new"], one(reverse(f"{prefix}_import")), get=allowed, post=allowed
        )
        ROWS[f"{prefix}_process_import"] = Row(
            ["new"],
            one(reverse(f"{prefix}_process_import")),
            get=no_save(allowed),
            # a forged temp file name must be refused cleanly, never a 500
            post=no_save(allowed),
            payload=lambda *a: {
                "import_file_name": "../../etc/hostname",
                "original_file_name": "x.csv",
                "format": "1",
                "resource": "0",
            },
        )
        # POST only; a forged upload name cancels nothing of anybody's and writes nothing
        ROWS[f"{prefix}_cancel_import"] = Row(
            ["new"],
            one(reverse(f"{prefix}_cancel_import")),
            get={},
            post=no_save(allowed),
            payload=lambda *a: {"import_file_name": "../../etc/hostname"},
        )
        ROWS[f"{prefix}_export"] = Row(
            ["new"],
            one(reverse(f"{prefix}_export")),
            get=listing,
            post=listing,
            payload=lambda w, role, target, url, ac: admin_form(w, role, target, url, ac, False),
        )
    ROWS.update(m.extra)


ALL_STAFF = staff("ok ok", anonymous="no no")
ADMIN_ONLY = {"admin": "ok ok"}

# Reports: targets are (draft, submitted, returned, approved) × (in, out).
#          d_in d_out s_in s_out r_in r_out a_in a_out
REPORT_VIEW = fill(
    "ok no ok no ok no ok ok",
    anonymous="no no no no no no no no",
    viewer="no no no no no no ok ok",
    partner="ok ok ok ok ok ok ok ok",  # planning staff see every report of their agreements
    admin="ok ok ok ok ok ok ok ok",
)
REPORT_CHANGE = fill(
    "ok no no no ok no no no",
    anonymous="no no no no no no no no",
    viewer="no no no no no no no no",
    admin="ok ok no no ok ok no no",
)
# assume: administrators delete drafts and returned reports only; a submitted report waits
# for review and an approved one is an official statement.
REPORT_DELETE = {"admin": "ok ok no no ok ok no no"}
# Revisions of an approved report: its first (draft) revision, its last (approved) one.
#                  adraft_in adraft_out afinal_in afinal_out
REPORT_REVISIONS = fill(
    "ok no ok ok",
    anonymous="no no no no",
    viewer="no no ok ok",
    partner="ok ok ok ok",
    admin="ok ok ok ok",
)


def transition_url(w, role, target):
    name, status, side = target.split("_")
    report = w.of(f"report_{status}", SCOPE[role][0 if side == "in" else 1])
    return reverse("admin:reports_progressreport_transition", args=[report.pk, name])


TRANSITION_TARGETS = [
    "submit_draft_in", "submit_draft_out", "submit_returned_in",
    "approve_submitted_in", "approve_submitted_out", "return_submitted_in", "return_submitted_out",
]  # fmt: skip
ROWS["admin:reports_progressreport_transition"] = Row(
    TRANSITION_TARGETS,
    transition_url,
    get={},  # POST only: every GET refused
    # A refused move may answer with a message on the report page ("ns"): it must not move.
    post=fill(
        "ok ns ok ok ns ok ns",
        anonymous="no no no no no no no",
        viewer="ns ns ns ns ns ns ns",
        reporter="ok ns ok ns ns ns ns",
        reporter_other="ok ns ok ns ns ns ns",
        admin="ok ok ok ok ok ok ok",
    ),
    payload=lambda *a: {"return_reason_input": "Thiếu số liệu"},
)


def lock_url(w, role, target):
    period = w.objects["period_open" if target == "close" else "period_closed"]
    return reverse("admin:reports_reportingperiod_lock", args=[period.pk, target])


PERIOD_EXTRA = {
    # Periods are national until per-unit calendars: only administrators open, close, reopen.
    "admin:reports_reportingperiod_open_year": Row(
        ["new"], one("/admin/reports/reportingperiod/open-year/"),
        get={"admin": "ok"}, post={"admin": "ok"},
        payload=lambda *a: {"year": "2031"},
    ),
    "admin:reports_reportingperiod_lock": Row(
        ["close", "reopen"], lock_url, get={}, post={"admin": "ok ok"},
        payload=lambda *a: {"close_reason": "Hết hạn báo cáo"},
    ),
}  # fmt: skip

PLANNERS_OWN = {"planner": "ok no", "partner": "ok no", "unrelated": "ok no", "admin": "ok ok"}
MODELS = [
    # Agreement-wide fields: the coordinator (Cần Thơ on the multilateral), every party of a
    # bilateral without coordinator (Hà Nội), administrators. An Giang, a mere party of the
    # multilateral, may not change it ("in" and "out" are both that agreement for them).
    Model(
        "agreements", "agreement", kind="agreement", view=ALL_STAFF,
        # An Giang may save the page (its own party row and commitments are inline there),
        # but the title it posts must not stick ("ro").
        change={"planner": "ok no", "partner": "ro ro", "unrelated": "ok no", "admin": "ok ok"},
        delete={"planner": "ok no", "unrelated": "ok no", "admin": "ok ok"},
        add={r: "ok" for r in PLANNING},
    ),
    Model(
        "agreements", "commitment", kind="commitment", view=ALL_STAFF,
        change=PLANNERS_OWN, delete=PLANNERS_OWN, add={r: "ok" for r in PLANNING},
        imports={r: "ok" for r in PLANNING},
    ),
    Model(
        "agreements", "sector", pair=("sector_in", "sector_out"), view=ALL_STAFF,
        change=ADMIN_ONLY, delete=ADMIN_ONLY, add={"admin": "ok"}, history_table=False,
    ),
    # assume: deleting an agency is for administrators (planning staff hold no delete_agency).
    Model(
        "agreements", "agency", kind="agency", view=ALL_STAFF,
        change=PLANNERS_OWN, delete=ADMIN_ONLY, add={r: "ok" for r in PLANNING},
        history_table=False,
    ),
    Model(
        "reports", "reportingperiod", pair=("period_open", "period_closed"), view=ALL_STAFF,
        change=ADMIN_ONLY, delete=ADMIN_ONLY, add={"admin": "ok"}, action="close_periods",
        action_target="in", action_ok={"admin": "ok"}, extra=PERIOD_EXTRA,
    ),
    Model(
        "reports", "progressreport", kind="report", view=REPORT_VIEW, change=REPORT_CHANGE,
        delete=REPORT_DELETE, add={r: "ok" for r in PLANNING + ["reporter", "reporter_other"]},
        # no bulk approval any more (a list cannot carry the version read): a forged
        # "approve_reports" must change nothing for anyone
        action="approve_reports", action_target="submitted_in",
        action_ok={}, imports={r: "ok" for r in PLANNING + ["reporter", "reporter_other"]},
    ),
    # assume: every staff role sees meetings (their pages are public anyway);
    # meeting changes: administrators, coordinators of its agreement, planning staff of its host.
    Model(
        "reports", "reviewmeeting", kind="meeting", view=ALL_STAFF,
        change=PLANNERS_OWN, delete=PLANNERS_OWN, add={r: "ok" for r in PLANNING},
    ),
    Model(
        "auth", "user", pair=("user_in", "user_out"), view=ADMIN_ONLY,
        change=ADMIN_ONLY, delete=ADMIN_ONLY, add={"admin": "ok"}, history=False,
        extra={"admin:auth_user_password_change": Row(
            ["in", "out"],
            lambda w, role, t: f"/admin/auth/user/{w.objects['user_' + t].pk}/password/",
            get={"admin": "ok ok"}, post={"admin": "ok ok"},
            payload=lambda *a: {"password1": "", "password2": ""},
        )},
    ),
    Model(
        "auth", "group", pair=("group_in", "group_out"), view=ADMIN_ONLY,
        change=ADMIN_ONLY, delete=ADMIN_ONLY, add={"admin": "ok"}, history=False,
    ),
    Model(
        "regions", "administrativeunit", kind="unit", view=ALL_STAFF,
        change=ADMIN_ONLY, delete=ADMIN_ONLY, add={"admin": "ok"}, history=False,
    ),
    Model(
        "regions", "socioeconomicregion", pair=("region_in", "region_out"), view=ALL_STAFF,
        change=ADMIN_ONLY, delete=ADMIN_ONLY, add={"admin": "ok"}, history=False,
    ),
    # The reminder log is read-only, for administrators.
    Model(
        "reports", "reminderlog", pair=("reminder_in", "reminder_in"), view=ADMIN_ONLY,
        change={}, delete={}, add={}, history=False,
    ),
    # assume: django-axes' lock-out records stay out of the administrator role (its group
    # holds no axes permissions; unlocking is `manage.py axes_reset`): refused to all.
    *(
        Model("axes", name, pair=(f"{name}_in", f"{name}_in"), view={}, change={}, delete={},
              add={}, history=False)
        for name in ("accessattempt", "accesslog", "accessfailurelog")
    ),
]  # fmt: skip
for _model in MODELS:
    model_rows(_model)


# --- the admin site's own pages, the staff pages, the public site ---------------------------


def by_key(kind, key_attr="key", template=""):
    def url(w, role, target):
        obj = w.of(kind, SCOPE[role][0 if target == "in" else 1])
        return template.format(getattr(obj, key_attr))

    return url


def meeting_url(w, role, target):
    m = w.of("meeting", SCOPE[role][0 if target == "in" else 1])
    return f"/agreements/{m.agreement.slug}/meetings/{m.pk}/"


def view_on_site(w, role, target):
    from django.contrib.contenttypes.models import ContentType

    obj = w.of("agreement" if target == "in" else "meeting", SCOPE[role][0])
    return f"/admin/r/{ContentType.objects.get_for_model(obj).pk}/{obj.pk}/"


EVERYONE = fill("ok")
PUBLIC = {"get": EVERYONE, "post": fill("no")}  # require_safe: a POST answers 405
STAFF_FILES = fill("no", planner="ok no", partner="ok ok", unrelated="ok no", admin="ok ok")
STAFF_UNIT_FILES = fill("no", planner="ok no", partner="ok no", unrelated="ok no", admin="ok ok")

ROWS.update(
    {
        "healthz": Row(["-"], one("/healthz"), **PUBLIC),
        "set_language": Row(
            ["-"], one("/i18n/setlang/"), get=EVERYONE, post=EVERYONE,
            payload=lambda *a: {"language": "en", "next": "/"},
        ),
        "admin:index": Row(["-"], one("/admin/"), get=staff("ok"), post=staff("ok")),
        "admin:login": Row(["-"], one("/admin/login/"), get=EVERYONE, post=EVERYONE, index_ok=True),
        # GET does not log out (405); an anonymous visitor is sent to the admin index
        "admin:logout": Row(
            ["-"], one("/admin/logout/"), get={"anonymous": "ok"}, post=EVERYONE, index_ok=True
        ),
        "admin:password_change": Row(
            ["-"], one("/admin/password_change/"), get=staff("ok"), post=staff("ok")
        ),
        "admin:password_change_done": Row(
            ["-"], one("/admin/password_change/done/"), get=staff("ok"), post={}
        ),
        "admin:autocomplete": Row(
            ["-"],
            one("/admin/autocomplete/?app_label=reports&model_name=progressreport"
                "&field_name=commitment&term=N"),
            get=staff("ok"), post={},
        ),
        "admin:jsi18n": Row(["-"], one("/admin/jsi18n/"), get=staff("ok"), post={}),
        # The shortcut redirects to the object's public page; nothing private is reached.
        "admin:view_on_site": Row(["in", "out"], view_on_site, get=ALL_STAFF, post=ALL_STAFF),
        "admin:app_list": Row(
            ["in", "out"],
            lambda w, role, t: "/admin/agreements/" if t == "in" else "/admin/auth/",
            get=staff("ok no", anonymous="no no", admin="ok ok"),
            post=staff("ok no", anonymous="no no", admin="ok ok"),
        ),
        "admin/(?P<url>.*)$": Row(["-"], one("/admin/no-such-page/"), get={}, post={}),
        "^media/(?P<path>.*)$": Row(
            ["-"], one("/media/documents/none.pdf"), get={}, post={}, optional=True
        ),
        "dashboard": Row(["-"], one("/"), **PUBLIC),
        "agreement-list": Row(["-"], one("/agreements/"), **PUBLIC),
        "unit-list": Row(["-"], one("/provinces/"), **PUBLIC),
        "reporting": Row(["-"], one("/reports/"), **PUBLIC),
        "open-data": Row(["-"], one("/open-data/"), **PUBLIC),
        "unit-detail": Row(["in", "out"], by_key("unit", template="/provinces/{}/"), **PUBLIC),
        "agreement-detail": Row(
            ["in", "out"], by_key("agreement", "slug", "/agreements/{}/"), **PUBLIC
        ),
        "sector-detail": Row(
            ["in", "out"],
            lambda w, role, t: f"/sectors/{w.objects['sector_' + t].slug}/",
            **PUBLIC,
        ),
        "exports:meeting": Row(["in", "out"], meeting_url, get=EVERYONE, post=no_save(EVERYONE)),
        "reports:completeness": Row(
            ["open", "closed"],
            lambda w, role, t: f"/staff/periods/{w.objects['period_' + t].pk}/completeness/",
            get={r: "ok ok" for r in PLANNING}, post=no_save({r: "ok ok" for r in PLANNING}),
        ),
        "exports:staff-downloads": Row(
            ["-"], one("/staff/workbooks/"), get={r: "ok" for r in PLANNING},
            post=no_save({r: "ok" for r in PLANNING}),
        ),
    }
)  # fmt: skip
for fmt in ("xlsx", "csv"):
    public_file = {"get": fill("ok ok"), "post": no_save(fill("ok ok"))}
    ROWS[f"exports:agreement-review-{fmt}"] = Row(
        ["in", "out"],
        by_key("agreement", "slug", f"/agreements/{{}}/review-2024.{fmt}"),
        **public_file,
    )
    ROWS[f"exports:unit-review-{fmt}"] = Row(
        ["in", "out"], by_key("unit", template=f"/provinces/{{}}/review-2024.{fmt}"), **public_file
    )
    ROWS[f"exports:unit-consolidated-{fmt}"] = Row(
        ["in", "out"],
        by_key("unit", template=f"/provinces/{{}}/consolidated-2024-h1.{fmt}"),
        **public_file,
    )
    ROWS[f"exports:staff-agreement-review-{fmt}"] = Row(
        ["in", "out"],
        by_key("agreement", "slug", f"/staff/agreements/{{}}/review-2024.{fmt}"),
        get=STAFF_FILES, post=no_save(STAFF_FILES),
    )  # fmt: skip
    ROWS[f"exports:staff-unit-review-{fmt}"] = Row(
        ["in", "out"],
        by_key("unit", template=f"/staff/provinces/{{}}/review-2024.{fmt}"),
        get=STAFF_UNIT_FILES, post=no_save(STAFF_UNIT_FILES),
    )  # fmt: skip
    ROWS[f"exports:staff-unit-consolidated-{fmt}"] = Row(
        ["in", "out"],
        by_key("unit", template=f"/staff/provinces/{{}}/consolidated-2024-h1.{fmt}"),
        get=STAFF_UNIT_FILES, post=no_save(STAFF_UNIT_FILES),
    )  # fmt: skip


# --- running the cells -------------------------------------------------------------------------

PATTERNS = url_patterns()
CHECKED: list[tuple[str, str, str, str]] = []  # (pattern, role, method, target)
FAILED: list[dict] = []
POST200: list = []


def answer(response, row: Row) -> str:
    """The class of an answer: ok, refused, or error."""
    status = response.status_code
    if status >= 500:
        return "error"
    if status in (301, 302, 303, 307, 308):
        location = response["Location"].split("?")[0]
        if location.endswith("/login/"):
            return "refused"
        if location.rstrip("/").endswith("/admin") and not row.index_ok:
            return "refused"  # the admin's "does not exist, or no permission" redirect
        return "ok"
    if status in (400, 403, 404, 405):
        return "refused"
    return "ok"


def protected_text(row: Row, world, role: str, target: str) -> dict:
    """The text fields a POST edits ("title", "name"…), as stored now."""
    obj = row.obj(world, role, target)
    fresh = type(obj).objects.get(pk=obj.pk)
    return {name: getattr(fresh, name) for name in EDITED if hasattr(fresh, name)}


def run_cell(world, pattern, row, role, method, target, expected) -> str | None:
    """One cell inside a savepoint that is always rolled back; a message when it fails."""
    with transaction.atomic():
        url = row.url(world, role, target)
        client = client_for(world, role)
        if method == "get":
            response = client.get(url)
            changed: list[str] = []
        else:
            data = (
                row.payload(world, role, target, url, client_for(world, "admin"))
                if row.payload
                else {}
            )
            data["csrfmiddlewaretoken"] = CSRF_TOKEN
            before = database_checksum() if expected in ("no", "ns") else None
            kept = protected_text(row, world, role, target) if expected == "ro" else None
            response = client.post(url, data)
            changed = changed_tables(before, database_checksum()) if before is not None else []
            if kept is not None and protected_text(row, world, role, target) != kept:
                changed = ["the edited text field"]
        transaction.set_rollback(True)
    got = answer(response, row)
    if method == "post" and expected == "ok" and response.status_code == 200:
        import re
        errs = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(errors="ignore"), re.S)
        POST200.append((pattern, role, target, [re.sub("<[^>]+>", " ", e).strip()[:200] for e in errs][:3]))
    ok = {
        "ok": got == "ok",
        "no": got == "refused" and not changed,
        "ns": got != "error" and not changed,
        "ro": got != "error" and not changed,
    }[expected]
    if ok:
        return None
    record = {
        "pattern": pattern, "role": role, "method": method.upper(), "target": target,
        "url": url, "expected": expected, "status": response.status_code,
        "location": response.get("Location", ""), "changed": changed,
    }  # fmt: skip
    FAILED.append(record)
    return json.dumps(record, ensure_ascii=False)


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("pattern", PATTERNS)
def test_every_url_answers_each_role_as_the_matrix_says(mworld, db, pattern, role, method):
    row = ROWS.get(pattern)
    if row is None:
        pytest.fail(f"new view with no row in the permission matrix: {pattern}")
    failures = []
    for target, expected in zip(row.targets, row.expected(method, role), strict=True):
        CHECKED.append((pattern, role, method, target))
        message = run_cell(mworld, pattern, row, role, method, target, expected)
        if message:
            failures.append(message)
    assert not failures, "\n".join(failures)


def test_every_row_names_a_url_pattern_that_exists():
    stale = [key for key, row in ROWS.items() if key not in PATTERNS and not row.optional]
    assert stale == []


def test_the_matrix_reports_how_much_it_checked():
    patterns = {c[0] for c in CHECKED}
    summary = {
        "url_patterns": len(PATTERNS),
        "patterns_checked": len(patterns),
        "roles": len(ROLES),
        "methods": 2,
        "cells": len(CHECKED),
        "failed_cells": len(FAILED),
    }
    print(f"\npermission matrix: {summary}")
    if os.environ.get("MATRIX_REPORT"):
        with open(os.environ["MATRIX_REPORT"], "w", encoding="utf-8") as out:
            json.dump({"summary": summary, "failed": FAILED, "post200": POST200}, out, ensure_ascii=False, indent=1)
    assert patterns <= set(PATTERNS)
    assert all(p in ROWS for p in PATTERNS)
