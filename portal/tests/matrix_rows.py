"""The rows of the permission matrix: for every URL pattern, who gets what.

Kept apart from the runner (``test_permission_matrix.py``) so that each reads on its own:
here the expectations, the data each cell posts and what an allowed POST must have done;
there the classes of answers and the checks. The answer classes (``ok``, ``no``, ``ns``,
``ro``) are explained in the runner's docstring.

Expected answers come from /work/notes/access-spec.md; where it is silent the row
says which assumption it makes (``# assume: …``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.urls import reverse

from portal.tests.matrix_world import (
    PASSWORD,
    ROLES,
    SCOPE,
    STATUSES,
    client_for,
    form_data,
)

STAFF = [r for r in ROLES if r != "anonymous"]
PLANNING = ["planner", "partner", "unrelated", "admin"]
EDITED = {"title", "name", "achievements", "first_name", "place"}
NEW_PASSWORD = "Mật-khẩu-mới-2025!"


# --- one cell, and the forms it posts -------------------------------------------------------

FORMS: dict[tuple[str, str], dict[str, list[str]]] = {}  # (role, url) -> the page's form data


@dataclass
class Cell:
    """One pattern × role × method × target, as it runs."""

    world: Any
    role: str
    target: str
    url: str
    expected: str

    def page_form(self, role: str | None = None) -> dict[str, list[str]]:
        """The main form of this cell's page as ``role`` sees it (``{}`` if refused)."""
        key = (role or self.role, self.url)
        if key not in FORMS:
            response = client_for(self.world, key[0]).get(self.url)
            html = response.content.decode()
            FORMS[key] = form_data(html) if response.status_code == 200 else {}
        return {name: list(values) for name, values in FORMS[key].items()}

    @property
    def poster(self) -> str:
        """Whose page the POST starts from: the role's own when the save is allowed (what
        the user's browser sends), the administrator's when it is not (the richest forgery)."""
        return self.role if self.expected == "ok" else "admin"


def edited_form(cell: Cell, edit: bool = True) -> dict[str, list[str]]:
    """The page's form, posted unchanged but for the text fields in ``EDITED``."""
    data = cell.page_form(cell.poster)
    if edit:
        for name in EDITED & data.keys():
            data[name] = [(data[name][0] + " (sửa)").strip()]
    data["_save"] = ["Lưu"]
    return data


def edit_stuck(model) -> Callable:
    """After an allowed save: every text field the form edited holds the posted text."""

    def check(cell: Cell, data: dict, obj) -> str | None:
        now = model.objects.get(pk=obj.pk)
        for name in sorted(EDITED & data.keys()):
            if hasattr(now, name) and getattr(now, name) != data[name][0]:
                return f"{name} not saved: {getattr(now, name)!r} != {data[name][0]!r}"
        return None

    return check


def gone(model) -> Callable:
    def check(cell: Cell, data: dict, obj) -> str | None:
        return f"{model.__name__} {obj.pk} not deleted" if model.objects.filter(pk=obj.pk) else None

    return check


# --- rows -----------------------------------------------------------------------------------


@dataclass
class Row:
    """How to fill one URL pattern's parameters and what each role gets.

    ``ok_post`` says what an allowed POST answers: ``redirect`` (a form that redirects
    after success and re-renders itself with errors otherwise: the default), ``delete``
    (a redirect, or Django's 200 page naming the protected rows that block the delete),
    ``file`` (a 200 attachment) or ``page`` (a 200 page or a redirect: only where a POST is
    legitimately answered by a page, each such row says why). ``effect`` checks, after an allowed POST
    was answered as expected, that it did what it says (the edit stuck, the row exists…).
    """

    targets: list[str]
    url: Callable  # (world, role, target) -> path
    get: dict[str, str]  # role -> one expectation per target ("ok no")
    post: dict[str, str]
    payload: Callable | None = None  # (cell) -> data
    index_ok: bool = False  # a redirect to the admin index is the allowed answer here
    optional: bool = False  # pattern exists only with DEBUG on
    obj: Callable | None = None  # (world, role, target) -> the object the cell aims at
    ok_post: str = "redirect"
    effect: Callable | None = None  # (cell, data, obj) -> a message when it did not happen

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


def expand(table: dict[str, str], width: int) -> dict[str, str]:
    return {
        role: (v if len(v.split()) == width else " ".join([v] * width)) for role, v in table.items()
    }


def one(url: str) -> Callable:
    return lambda w, role, target: url


ROWS: dict[str, Row] = {}


# --- the admin, model by model ------------------------------------------------------------------


def mine(w, role: str, kind: str):
    """The role's own object of ``kind`` (its slice)."""
    return w.of(kind, SCOPE[role][0])


def own_unit(w, role: str):
    """The unit (as signed) of the role's own slice: what its new objects belong to."""
    return mine(w, role, "commitment").committing_unit


# Kinds whose world holds one object per status: targets are (status) × (in, out).
STATUS_KINDS = ("report", "correction")


@dataclass
class Model:
    """A registered ModelAdmin and who may view / change / delete / add its objects.

    ``kind`` names a slice table of the world (in/out follow the role's ``SCOPE``);
    ``pair`` names two global objects instead. Roles left out of a table get "no".
    ``new`` gives the values a new object needs (laid over the add page's own form) and
    ``created`` the fields that find it afterwards.
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
    # further bulk actions on the same list: name -> who may run it on their "in" object
    more_actions: dict[str, dict[str, str]] = field(default_factory=dict)
    history: bool = True  # simple-history's revision page exists
    history_table: bool = True  # False: the model keeps no history (Sector, Agency)
    imports: dict[str, str] | None = None
    extra: dict[str, Row] = field(default_factory=dict)
    new: Callable | None = None  # (world, role) -> {field: value}
    created: tuple[str, ...] = ()

    def obj(self, w, role, target):
        inside = not target.endswith("out")
        if self.kind in STATUS_KINDS:
            status = target.split("_")[0]
            status = {"adraft": "approved", "afinal": "approved"}.get(status, status)
            return w.of(f"{self.kind}_{status}", SCOPE[role][0 if inside else 1])
        if self.pair:
            return w.objects[self.pair[0 if target == "in" else 1]]
        return w.of(self.kind, SCOPE[role][0 if target == "in" else 1])

    @property
    def targets(self) -> list[str]:
        if self.kind in STATUS_KINDS:
            return [f"{s}_{side}" for s in STATUSES for side in ("in", "out")]
        return ["in", "out"]

    def model_class(self):
        from django.apps import apps

        return apps.get_model(self.app, self.model)

    def new_form(self, cell: Cell) -> dict[str, list[str]]:
        data = edited_form(cell, edit=False)
        for name, value in (self.new(cell.world, cell.role) if self.new else {}).items():
            data[name] = [str(getattr(value, "pk", value))]
        return data

    def was_created(self, cell: Cell, data: dict, obj) -> str | None:
        model = self.model_class()
        lookup = {}
        for name in self.created:
            attname = model._meta.get_field(name).attname
            lookup[attname] = data[name][0]
        return None if model.objects.filter(**lookup).exists() else f"no new row {lookup}"


def model_rows(m: Model) -> None:
    prefix = f"admin:{m.app}_{m.model}"
    targets = m.targets
    width = len(targets)
    view, change, delete = (expand(fill("no", **t), width) for t in (m.view, m.change, m.delete))
    add = fill("no", **m.add)
    listing = {role: ("ok" if "ok" in view[role] else "no") for role in ROLES}
    model = m.model_class()

    def object_url(action):
        return lambda w, role, target: reverse(
            f"{prefix}_{action}", args=[m.obj(w, role, target).pk]
        )

    action_ok = (
        fill("no", **m.action_ok)
        if m.action_ok is not None
        else {r: delete[r].split()[0] for r in ROLES}
    )
    deleting = m.action == "delete_selected"
    may_run = [action_ok] + [fill("no", **who) for who in m.more_actions.values()]

    def run(r: str, allowed: dict[str, str]) -> str:
        return "no" if r == "anonymous" else ("ok" if allowed[r] == "ok" else "ns")

    def list_effect(cell: Cell, data: dict, obj) -> str | None:
        if cell.target != "list":
            return ACTION_EFFECTS.get(cell.target, lambda *_: None)(cell, data, obj)
        if deleting:
            return gone(model)(cell, data, obj)
        return ACTION_EFFECTS.get(m.action, lambda *_: None)(cell, data, obj)

    ROWS[f"{prefix}_changelist"] = Row(
        ["list", *m.more_actions],
        one(reverse(f"{prefix}_changelist")),
        get=listing,
        # assume: a bulk action the user may not run is refused or ignored, never run
        post={r: " ".join(run(r, allowed) for allowed in may_run) for r in ROLES},
        payload=lambda cell: {
            "action": m.action if cell.target == "list" else cell.target,
            "_selected_action": [m.obj(cell.world, cell.role, m.action_target).pk],
            "index": "0",
            "post": "yes",
            "close_reason": "Hết hạn",
        },
        obj=lambda w, role, target: m.obj(w, role, m.action_target),
        ok_post="delete" if deleting else "redirect",
        effect=list_effect,
    )
    ROWS[f"{prefix}_add"] = Row(
        ["new"],
        one(reverse(f"{prefix}_add")),
        get=add,
        post=add,
        payload=m.new_form,
        effect=m.was_created if m.created else None,
    )
    ROWS[f"{prefix}_change"] = Row(
        targets,
        object_url("change"),
        get=view,
        post=change,
        payload=edited_form,
        obj=m.obj,
        effect=edit_stuck(model),
    )
    ROWS[f"{prefix}_delete"] = Row(
        targets,
        object_url("delete"),
        get=delete,
        post=delete,
        payload=lambda cell: {"post": "yes"},
        obj=m.obj,
        ok_post="delete",
        effect=gone(model),
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
            payload=edited_form,
        )
    if m.imports is not None:
        import_rows(m, prefix, fill("no", **m.imports), listing)
    ROWS.update(m.extra)


def import_rows(m: Model, prefix: str, allowed: dict[str, str], listing: dict[str, str]) -> None:
    ROWS[f"{prefix}_import"] = Row(
        ["new"],
        one(reverse(f"{prefix}_import")),
        get=allowed,
        post=allowed,
        # page: the import answers an upload with its preview page (or the form with the
        # file's errors), 200 either way, and writes nothing before the confirmation. The
        # cell posts no file: it checks that the role is let in (others get 403).
        ok_post="page",
    )
    ROWS[f"{prefix}_process_import"] = Row(
        ["new"],
        one(reverse(f"{prefix}_process_import")),
        get=no_save(allowed),
        # a forged temp file name must be refused cleanly, never a 500
        post=no_save(allowed),
        payload=lambda cell: {
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
        payload=lambda cell: {"import_file_name": "../../etc/hostname"},
    )
    ROWS[f"{prefix}_export"] = Row(
        ["new"],
        one(reverse(f"{prefix}_export")),
        get=listing,
        post=listing,
        # the export page's own form, as CSV (the second format): a file comes back
        payload=lambda cell: {**cell.page_form(cell.poster), "format": ["1"]},
        ok_post="file",
    )


def fresh(obj):
    """The object as stored now (never refresh the world's own objects: cells share them)."""
    return type(obj).objects.get(pk=obj.pk)


def period_closed(closed: bool) -> Callable:
    def check(cell: Cell, data: dict, obj) -> str | None:
        period = fresh(obj)
        return None if period.is_closed == closed else f"{period} closed: {period.is_closed}"

    return check


ACTION_EFFECTS = {"close_periods": period_closed(True)}


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


def transition_report(w, role, target):
    name, status, side = target.split("_")
    return w.of(f"report_{status}", SCOPE[role][0 if side == "in" else 1])


def transition_url(w, role, target):
    name = target.split("_")[0]
    report = transition_report(w, role, target)
    return reverse("admin:reports_progressreport_transition", args=[report.pk, name])


def transition_done(cell: Cell, data: dict, report) -> str | None:
    moved_to = {"submit": "submitted", "approve": "approved", "return": "returned"}
    report = fresh(report)
    wanted = moved_to[cell.target.split("_")[0]]
    return None if report.status == wanted else f"report is {report.status}, not {wanted}"


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
    # the version the user saw travels with the button; without it every move is stale
    payload=lambda cell: {
        "return_reason_input": "Thiếu số liệu",
        "seen_version": str(fresh(transition_report(cell.world, cell.role, cell.target)).version),
    },
    obj=transition_report,
    effect=transition_done,
)


# Corrections of approved reports: targets are (draft, submitted, returned, approved) × (in, out).
# Whoever sees the report's work sees its corrections (none is public as such: the public
# sees the corrected report); whoever could write the report proposes, edits and sends one;
# a draft is deleted by that side; the reporting unit's planning staff review.
#              d_in d_out s_in s_out r_in r_out a_in a_out
CORRECTION_VIEW = fill(
    "ok no ok no ok no ok no",
    anonymous="no no no no no no no no",
    viewer="no no no no no no no no",
    partner="ok ok ok ok ok ok ok ok",  # planning staff see every report of their agreements
    admin="ok ok ok ok ok ok ok ok",
)
CORRECTION_CHANGE = fill(
    "ok no no no ok no no no",
    anonymous="no no no no no no no no",
    viewer="no no no no no no no no",
    admin="ok ok no no ok ok no no",
)
CORRECTION_DELETE = fill(
    "ok no no no no no no no",
    anonymous="no no no no no no no no",
    viewer="no no no no no no no no",
    admin="ok ok no no no no no no",
)


def correction_of(w, role, target):
    name, status, side = target.split("_")
    return w.of(f"correction_{status}", SCOPE[role][0 if side == "in" else 1])


def correction_transition_url(w, role, target):
    name = target.split("_")[0]
    correction = correction_of(w, role, target)
    return reverse("admin:reports_reportcorrection_transition", args=[correction.pk, name])


def correction_moved(cell: Cell, data: dict, correction) -> str | None:
    moved_to = {"submit": "submitted", "approve": "approved", "return": "returned"}
    correction = fresh(correction)
    wanted = moved_to[cell.target.split("_")[0]]
    return None if correction.status == wanted else f"correction is {correction.status}"


def corrected_report(w, role, target):
    """approved_*: an approved report without a correction; draft_in: the role's draft
    report; open_in: an approved report that has an open correction already."""
    side = SCOPE[role][1 if target.endswith("out") else 0]
    if target.startswith("open"):
        return w.of("correction_draft", side).report
    return w.of(f"report_{target.split('_')[0]}", side)


def correction_requested(cell: Cell, data: dict, report) -> str | None:
    from reports.models import ReportCorrection

    found = ReportCorrection.objects.filter(report=report, status="draft").exists()
    return None if found else f"no draft correction of report {report.pk}"


CORRECTION_EXTRA = {
    "admin:reports_reportcorrection_transition": Row(
        TRANSITION_TARGETS,
        correction_transition_url,
        get={},  # POST only: every GET refused
        # A refused move may answer with a message on the correction page ("ns"), or 403/404
        post=fill(
            "ok ns ok ok ns ok ns",
            anonymous="no no no no no no no",
            viewer="ns ns ns ns ns ns ns",
            reporter="ok ns ok ns ns ns ns",
            reporter_other="ok ns ok ns ns ns ns",
            admin="ok ok ok ok ok ok ok",
        ),
        payload=lambda cell: {
            "return_reason_input": "Thiếu số liệu",
            "seen_version": str(fresh(correction_of(cell.world, cell.role, cell.target)).version),
        },
        obj=correction_of,
        effect=correction_moved,
    ),
    # "Đề nghị điều chỉnh" on an approved report's page: POST only. A report that is not
    # approved, or has an open correction already, is refused with a message ("ns").
    "admin:reports_reportcorrection_request": Row(
        ["approved_in", "approved_out", "draft_in", "open_in"],
        lambda w, role, target: reverse(
            "admin:reports_reportcorrection_request",
            args=[corrected_report(w, role, target).pk],
        ),
        get={},
        post=fill(
            "ok no ns ns",
            anonymous="no no no no",
            viewer="no no no no",
            admin="ok ok ns ns",
        ),
        payload=lambda cell: {"correction_reason_input": "Số liệu báo cáo nhầm"},
        obj=corrected_report,
        effect=correction_requested,
    ),
}  # fmt: skip


def lock_period(w, role, target):
    return w.objects["period_open" if target == "close" else "period_closed"]


def lock_done(cell: Cell, data: dict, period) -> str | None:
    return period_closed(cell.target == "close")(cell, data, period)


PERIOD_EXTRA = {
    # Closing or reopening a period for every unit at once: administrators only. Each unit's
    # own lock is its calendar row (the "unitcalendar" model below).
    "admin:reports_reportingperiod_lock": Row(
        ["close", "reopen"],
        lambda w, role, target: reverse(
            "admin:reports_reportingperiod_lock", args=[lock_period(w, role, target).pk, target]
        ),
        get={}, post={"admin": "ok ok"},
        payload=lambda cell: {"close_reason": "Hết hạn báo cáo"},
        obj=lock_period, effect=lock_done,
    ),
}  # fmt: skip


def user_password_url(w, role, target):
    return f"/admin/auth/user/{w.objects['user_' + target].pk}/password/"


def password_is(new: str, whose: Callable) -> Callable:
    def check(cell: Cell, data: dict, obj) -> str | None:
        person = User.objects.get(pk=whose(cell).pk)
        return None if person.check_password(new) else f"{person} keeps the old password"

    return check


USER_EXTRA = {
    "admin:auth_user_password_change": Row(
        ["in", "out"],
        user_password_url,
        get={"admin": "ok ok"},
        post={"admin": "ok ok"},
        payload=lambda cell: {
            **cell.page_form(cell.poster),
            "password1": [NEW_PASSWORD],
            "password2": [NEW_PASSWORD],
        },
        effect=password_is(NEW_PASSWORD, lambda cell: cell.world.objects["user_" + cell.target]),
    )
}


# What a new object of each model needs, laid over the add page's own form.
def new_agreement(w, role):
    other = w.units["ca-mau-truoc-2025"]
    return {
        "title": f"Thỏa thuận mới của {role}", "slug": f"moi-{role}", "kind": "bilateral",
        "signed_on": "01/03/2025", "term_start": "01/03/2025", "term_end": "31/12/2030",
        "parties-TOTAL_FORMS": 2,
        "parties-0-unit": own_unit(w, role), "parties-0-order": 1, "parties-0-role": "party",
        "parties-1-unit": other, "parties-1-order": 2, "parties-1-role": "party",
    }  # fmt: skip


def new_commitment(w, role):
    return {
        "agreement": mine(w, role, "agreement"), "sector": w.objects["sector_in"],
        "number": 9, "title": f"Nội dung mới của {role}", "stage": "proposed",
        "committing_unit": own_unit(w, role), "lead_agency": mine(w, role, "agency"),
    }  # fmt: skip


def new_report(w, role):
    return {
        "commitment": mine(w, role, "commitment"), "period": w.objects["period_new"],
        "reporting_unit": own_unit(w, role), "stage": "implementing", "percent": 10,
        "achievements": f"Báo cáo mới của {role}",
    }  # fmt: skip


def new_meeting(w, role):
    return {
        "agreement": mine(w, role, "agreement"), "host_unit": own_unit(w, role),
        "title": f"Hội nghị mới của {role}", "held_on": "15/04/2025", "place": "Hội trường",
    }  # fmt: skip


def new_user(w, role):
    return {
        "username": "nguoi.dung.moi", "usable_password": "true",
        "password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
    }  # fmt: skip


def new_unit(w, role):
    return {
        "key": "tinh-moi", "code": 99, "name": "Tỉnh Mới", "short_name": "Tỉnh Mới",
        "kind": "province", "valid_from": "01/07/2025",
    }  # fmt: skip


def new_calendar(w, role):
    return {"period": w.objects["period_new"], "unit": mine(w, role, "calendar").unit}


def new_period(w, role):
    return {
        "year": 2032, "half": 1, "data_from": "01/12/2031", "data_to": "31/05/2032",
        "department_due": "05/06/2032", "consolidated_due": "15/06/2032",
    }  # fmt: skip


PLANNERS_OWN = {"planner": "ok no", "partner": "ok no", "unrelated": "ok no", "admin": "ok ok"}
MODELS = [
    # Agreement-wide fields: the coordinator (Cần Thơ on the multilateral), every party of a
    # bilateral without coordinator (Hà Nội), administrators. An Giang, a mere party of the
    # multilateral, may not change it ("in" and "out" are both that agreement for them).
    Model(
        "agreements", "agreement", kind="agreement", view=ALL_STAFF,
        # An Giang may save the page (its own party row and commitments are inline there),
        # but nothing of the agreement or of another party's rows may change ("ro").
        change={"planner": "ok no", "partner": "ro ro", "unrelated": "ok no", "admin": "ok ok"},
        delete={"planner": "ok no", "unrelated": "ok no", "admin": "ok ok"},
        add={r: "ok" for r in PLANNING}, new=new_agreement, created=("slug",),
    ),
    Model(
        "agreements", "commitment", kind="commitment", view=ALL_STAFF,
        change=PLANNERS_OWN, delete=PLANNERS_OWN, add={r: "ok" for r in PLANNING},
        imports={r: "ok" for r in PLANNING}, new=new_commitment, created=("title",),
    ),
    Model(
        "agreements", "sector", pair=("sector_in", "sector_out"), view=ALL_STAFF,
        change=ADMIN_ONLY, delete=ADMIN_ONLY, add={"admin": "ok"}, history_table=False,
        new=lambda w, role: {"slug": "linh-vuc-moi", "name": "Lĩnh vực mới"}, created=("slug",),
    ),
    # assume: deleting an agency is for administrators (planning staff hold no delete_agency).
    # The handover to successors: administrators and the planning staff of the agency's
    # unit (each role's own agency; another unit's is refused in test_agency_succession).
    Model(
        "agreements", "agency", kind="agency", view=ALL_STAFF,
        change=PLANNERS_OWN, delete=ADMIN_ONLY, add={r: "ok" for r in PLANNING},
        more_actions={"hand_over_to_successors": {r: "ok" for r in PLANNING}},
        history_table=False, created=("name",),
        new=lambda w, role: {"unit": mine(w, role, "agency").unit, "name": f"Sở mới của {role}"},
    ),
    Model(
        "reports", "reportingperiod", pair=("period_open", "period_closed"), view=ALL_STAFF,
        change=ADMIN_ONLY, delete=ADMIN_ONLY, add={"admin": "ok"}, action="close_periods",
        action_target="in", action_ok={"admin": "ok"}, extra=PERIOD_EXTRA,
        new=new_period, created=("year", "half"),
    ),
    # A unit's own deadlines and lock: its planning staff and administrators.
    Model(
        "reports", "unitcalendar", kind="calendar", view=ALL_STAFF,
        change=PLANNERS_OWN, delete=PLANNERS_OWN, add={r: "ok" for r in PLANNING},
        new=new_calendar, created=("period", "unit"),
    ),
    Model(
        "reports", "progressreport", kind="report", view=REPORT_VIEW, change=REPORT_CHANGE,
        delete=REPORT_DELETE, add={r: "ok" for r in PLANNING + ["reporter", "reporter_other"]},
        # no bulk approval any more (a list cannot carry the version read): a forged
        # "approve_reports" must change nothing for anyone
        action="approve_reports", action_target="submitted_in",
        action_ok={}, imports={r: "ok" for r in PLANNING + ["reporter", "reporter_other"]},
        new=new_report, created=("commitment", "period", "reporting_unit"),
    ),
    # Corrections are made from the approved report's page (as a copy of it), never added.
    Model(
        "reports", "reportcorrection", kind="correction", view=CORRECTION_VIEW,
        change=CORRECTION_CHANGE, delete=CORRECTION_DELETE, add={},
        action_target="draft_in", extra=CORRECTION_EXTRA,
    ),
    # assume: every staff role sees meetings (their pages are public anyway);
    # meeting changes: administrators, coordinators of its agreement, planning staff of its host.
    Model(
        "reports", "reviewmeeting", kind="meeting", view=ALL_STAFF,
        change=PLANNERS_OWN, delete=PLANNERS_OWN, add={r: "ok" for r in PLANNING},
        new=new_meeting, created=("title",),
    ),
    Model(
        "auth", "user", pair=("user_in", "user_out"), view=ADMIN_ONLY,
        change=ADMIN_ONLY, delete=ADMIN_ONLY, add={"admin": "ok"}, history=False,
        extra=USER_EXTRA, new=new_user, created=("username",),
    ),
    Model(
        "auth", "group", pair=("group_in", "group_out"), view=ADMIN_ONLY,
        change=ADMIN_ONLY, delete=ADMIN_ONLY, add={"admin": "ok"}, history=False,
        new=lambda w, role: {"name": "Nhóm mới"}, created=("name",),
    ),
    Model(
        "regions", "administrativeunit", kind="unit", view=ALL_STAFF,
        change=ADMIN_ONLY, delete=ADMIN_ONLY, add={"admin": "ok"}, history=False,
        new=new_unit, created=("key",),
    ),
    Model(
        "regions", "socioeconomicregion", pair=("region_in", "region_out"), view=ALL_STAFF,
        change=ADMIN_ONLY, delete=ADMIN_ONLY, add={"admin": "ok"}, history=False,
        new=lambda w, role: {
            "key": "vung-moi", "name": "Vùng mới", "name_en": "New region", "source": "Nghị quyết",
        },
        created=("key",),
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


def login_as(cell: Cell) -> dict:
    """The role's own credentials (anonymous: the viewer's), as the login form posts them."""
    person = cell.world.users[cell.role if cell.role != "anonymous" else "viewer"]
    return {"username": person.username, "password": PASSWORD, "next": "/admin/"}


def own_user(cell: Cell):
    return cell.world.users[cell.role]


EVERYONE = fill("ok")
PUBLIC = {"get": EVERYONE, "post": fill("no")}  # require_safe: a POST answers 405
STAFF_FILES = fill("no", planner="ok no", partner="ok ok", unrelated="ok no", admin="ok ok")
STAFF_UNIT_FILES = fill("no", planner="ok no", partner="ok no", unrelated="ok no", admin="ok ok")

ROWS.update(
    {
        "healthz": Row(["-"], one("/healthz"), **PUBLIC),
        "set_language": Row(
            ["-"], one("/i18n/setlang/"), get=EVERYONE, post=EVERYONE,
            payload=lambda cell: {"language": "en", "next": "/"},
        ),
        # page: the index (like each app's index) ignores the method and shows itself
        "admin:index": Row(
            ["-"], one("/admin/"), get=staff("ok"), post=staff("ok"), ok_post="page"
        ),
        # an allowed login redirects to the admin index (as the role, the viewer for anonymous)
        "admin:login": Row(
            ["-"], one("/admin/login/"), get=EVERYONE, post=EVERYONE, index_ok=True,
            payload=login_as,
        ),
        # GET does not log out (405); an anonymous visitor is sent to the admin index;
        # page: a logout answers with Django's "logged out" page, 200
        "admin:logout": Row(
            ["-"], one("/admin/logout/"), get={"anonymous": "ok"}, post=EVERYONE, index_ok=True,
            ok_post="page",
        ),
        "admin:password_change": Row(
            ["-"], one("/admin/password_change/"), get=staff("ok"), post=staff("ok"),
            payload=lambda cell: {
                "old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
            effect=password_is(NEW_PASSWORD, own_user),
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
        # page: an app's index ignores the method and shows itself
        "admin:app_list": Row(
            ["in", "out"],
            lambda w, role, t: "/admin/agreements/" if t == "in" else "/admin/auth/",
            get=staff("ok no", anonymous="no no", admin="ok ok"),
            post=staff("ok no", anonymous="no no", admin="ok ok"),
            ok_post="page",
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
        "commitment-list": Row(["-"], one("/commitments/"), **PUBLIC),
        "unit-detail": Row(["in", "out"], by_key("unit", template="/provinces/{}/"), **PUBLIC),
        "agreement-detail": Row(
            ["in", "out"], by_key("agreement", "slug", "/agreements/{}/"), **PUBLIC
        ),
        "sector-detail": Row(
            ["in", "out"],
            lambda w, role, t: f"/sectors/{w.objects['sector_' + t].slug}/",
            **PUBLIC,
        ),
        "reports:meeting": Row(["in", "out"], meeting_url, get=EVERYONE, post=no_save(EVERYONE)),
        "reports:completeness": Row(
            ["open", "closed"],
            lambda w, role, t: f"/staff/periods/{w.objects['period_' + t].pk}/completeness/",
            get={r: "ok ok" for r in PLANNING}, post=no_save({r: "ok ok" for r in PLANNING}),
        ),
        "reports:staff-downloads": Row(
            ["-"], one("/staff/workbooks/"), get={r: "ok" for r in PLANNING},
            post=no_save({r: "ok" for r in PLANNING}),
        ),
    }
)  # fmt: skip
for fmt in ("xlsx", "csv", "docx"):  # the six-monthly report also as a Word document
    public_file = {"get": fill("ok ok"), "post": no_save(fill("ok ok"))}
    ROWS[f"reports:unit-consolidated-{fmt}"] = Row(
        ["in", "out"],
        by_key("unit", template=f"/provinces/{{}}/consolidated-2024-h1.{fmt}"),
        **public_file,
    )
    ROWS[f"reports:staff-unit-consolidated-{fmt}"] = Row(
        ["in", "out"],
        by_key("unit", template=f"/staff/provinces/{{}}/consolidated-2024-h1.{fmt}"),
        get=STAFF_UNIT_FILES, post=no_save(STAFF_UNIT_FILES),
    )  # fmt: skip
for fmt in ("xlsx", "csv"):
    public_file = {"get": fill("ok ok"), "post": no_save(fill("ok ok"))}
    ROWS[f"reports:agreement-review-{fmt}"] = Row(
        ["in", "out"],
        by_key("agreement", "slug", f"/agreements/{{}}/review-2024.{fmt}"),
        **public_file,
    )
    ROWS[f"reports:unit-review-{fmt}"] = Row(
        ["in", "out"], by_key("unit", template=f"/provinces/{{}}/review-2024.{fmt}"), **public_file
    )
    ROWS[f"reports:staff-agreement-review-{fmt}"] = Row(
        ["in", "out"],
        by_key("agreement", "slug", f"/staff/agreements/{{}}/review-2024.{fmt}"),
        get=STAFF_FILES, post=no_save(STAFF_FILES),
    )  # fmt: skip
    ROWS[f"reports:staff-unit-review-{fmt}"] = Row(
        ["in", "out"],
        by_key("unit", template=f"/staff/provinces/{{}}/review-2024.{fmt}"),
        get=STAFF_UNIT_FILES, post=no_save(STAFF_UNIT_FILES),
    )  # fmt: skip

# A file produced in the background: its page and its download (both answer GET only: a
# POST is refused with 405). Targets: a finished public job and a finished staff job of the
# slice's agreement, in and out of the role's scope. A public file is anyone's who has the
# link; a staff file asks again the staff download's checks (``staff-agreement-review``).
JOB_TARGETS = ["public-in", "public-out", "staff-in", "staff-out"]
JOB_GET = {role: "ok ok " + files for role, files in expand(STAFF_FILES, 2).items()}


def job_url(suffix: str) -> Callable:
    def url(w, role, target):
        kind, side = target.split("-")
        return f"/files/{w.of('job_' + kind, SCOPE[role][0 if side == 'in' else 1]).pk}/{suffix}"

    return url


ROWS["reports:job"] = Row(JOB_TARGETS, job_url(""), get=JOB_GET, post=fill("no"))
ROWS["reports:job-download"] = Row(JOB_TARGETS, job_url("download"), get=JOB_GET, post=fill("no"))


# An agreement's document file (agreements/documents.py): a public one is anyone's; an
# internal one only the administrators' and the planning staff's of a party unit (as the
# staff workbooks of the agreement, ``STAFF_FILES``); to anyone else it does not exist (404).
# GET only: a POST is refused with 405.
DOCUMENT_TARGETS = ["public-in", "public-out", "internal-in", "internal-out"]
DOCUMENT_GET = {role: "ok ok " + files for role, files in expand(STAFF_FILES, 2).items()}


def document_url(w, role, target):
    kind, side = target.split("-")
    return w.of("file_" + kind, SCOPE[role][0 if side == "in" else 1]).get_download_url()


ROWS["agreement-document"] = Row(DOCUMENT_TARGETS, document_url, get=DOCUMENT_GET, post=fill("no"))


# The chase list (reports/home_views.py): every staff role with work in it (reporters see
# their department's rows, planning staff their unit's, administrators all); viewers have
# none. A reminder sent from it by hand: administrators, and planning staff for their own
# unit only ("in": the unit of the role's slice, "out": another's). GET of the POST-only
# URL and POST to the list are refused (405).
def chase_payload(cell: Cell) -> dict[str, str]:
    slice_ = SCOPE[cell.role][0 if cell.target == "in" else 1]
    unit, agency = cell.world.of("unit", slice_), cell.world.of("agency", slice_)
    return {"unit": str(unit.pk), "agency": str(agency.pk), "period": "2024-H2", "back": "list"}


ROWS["reports:chase-list"] = Row(
    ["-"], one("/staff/chase/"), get=staff("ok", viewer="no"), post=fill("no")
)
ROWS["reports:chase-remind"] = Row(
    ["in", "out"],
    one("/staff/chase/remind/"),
    get=fill("no"),
    post=fill("no", planner="ok no", partner="ok no", unrelated="ok no", admin="ok ok"),
    payload=chase_payload,
)
