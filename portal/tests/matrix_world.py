"""The world the permission matrix and the exploit tests run in, built once per module.

Four *slices* of data, each a unit's share of the cooperation work:

- ``hg``: Hậu Giang (as signed, merged into Cần Thơ in 2025) on the bilateral
  Cần Thơ – Hậu Giang agreement, whose road commitment Hậu Giang's transport
  department leads and reports on;
- ``ct``: Cần Thơ as coordinator of a multilateral agreement with An Giang and Cà Mau;
- ``ag``: An Giang, a partner party of that multilateral agreement;
- ``hn``: Hà Nội with its own Hà Nội – Hải Phòng agreement, an unrelated unit.

Every slice has a commitment, an indicator, a document, a meeting and one report in
each status (draft, submitted, returned, approved). The roles (``ROLES``) look at the
world from a slice of their own (``SCOPE``: the object inside their scope) and from
another (the object outside it).

Reports are written through their history as a reporter would (a draft text, a
return with a reason, then the approved text), so that the history pages hold the
draft text and the return reason an attacker might try to read.
Each slice also has one correction of an approved report in each status, made through
the corrections service (``_corrections``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone

ROLES = [
    "anonymous",
    "viewer",
    "reporter",  # Hậu Giang's transport department
    "reporter_other",  # An Giang's transport department
    "planner",  # Cần Thơ (scope: Cần Thơ, Hậu Giang, Sóc Trăng as signed)
    "partner",  # An Giang, a partner on Cần Thơ's multilateral agreement
    "unrelated",  # Hà Nội
    "admin",  # the administrator role (not a superuser)
]

# role -> (slice inside the user's scope, slice outside it)
SCOPE: dict[str, tuple[str, str]] = {
    "anonymous": ("ct", "hn"),
    "viewer": ("ct", "hn"),
    "reporter": ("hg", "ag"),
    "reporter_other": ("ag", "hg"),
    "planner": ("ct", "hn"),
    "partner": ("ag", "ct"),
    "unrelated": ("hn", "ct"),
    "admin": ("ct", "hn"),
}

STATUSES = ["draft", "submitted", "returned", "approved"]
PASSWORD = "Matrận-Quyền-2025!"  # every user's, so an allowed login can succeed
DRAFT_TEXT = "BẢN NHÁP CHƯA DUYỆT {slice}"
RETURN_REASON = "LÝ DO TRẢ LẠI NỘI BỘ {slice}"
APPROVED_TEXT = "Kết quả đã duyệt {slice}"
CORRECTION_REASON = "Lý do điều chỉnh {slice}"
CORRECTED_TEXT = "Kết quả đã điều chỉnh {slice}"


@dataclass
class World:
    """Named objects of the matrix world; ``slices[kind][slice]`` -> object."""

    units: dict[str, Any] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    slices: dict[str, dict[str, Any]] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)

    def of(self, kind: str, slice_: str):
        return self.slices[kind][slice_]


def build_world() -> World:
    """Create the world; call inside a transaction that the caller rolls back."""
    from agreements.models import AgreementDocument, AgreementParty
    from agreements.roles import assign_role
    from agreements.tests.factories import (
        AgencyFactory,
        AgreementFactory,
        CommitmentFactory,
        IndicatorFactory,
        PartyFactory,
        SectorFactory,
        bilateral,
    )
    from regions.models import AdministrativeUnit, SocioEconomicRegion
    from reports.models import ReminderLog, ReportingPeriod, UnitCalendar
    from reports.tests.factories import ReviewMeetingFactory

    call_command("load_units", verbosity=0)
    w = World()
    w.units = {u.key: u for u in AdministrativeUnit.objects.all()}
    u = w.units
    signed = {
        "hg": "hau-giang-truoc-2025",
        "ct": "can-tho-truoc-2025",
        "ag": "an-giang-truoc-2025",
        "hn": "ha-noi-truoc-2025",
    }
    today_unit = {"hg": "hau-giang-truoc-2025", "ct": "can-tho", "ag": "an-giang", "hn": "ha-noi"}

    road_sector = SectorFactory(slug="giao-thong", name="Giao thông vận tải")
    health_sector = SectorFactory(slug="y-te", name="Y tế")
    agencies = {
        "hg": AgencyFactory(unit=u[signed["hg"]], name="Sở Giao thông vận tải tỉnh Hậu Giang"),
        "ct": AgencyFactory(unit=u[signed["ct"]], name="Sở Giao thông vận tải TP Cần Thơ"),
        "ag": AgencyFactory(unit=u[signed["ag"]], name="Sở Giao thông vận tải tỉnh An Giang"),
        "hn": AgencyFactory(unit=u[signed["hn"]], name="Sở Giao thông vận tải TP Hà Nội"),
    }

    ours = bilateral(
        "can-tho-truoc-2025", "hau-giang-truoc-2025", title="Cần Thơ - Hậu Giang", slug="ct-hg"
    )
    multi = AgreementFactory(
        title="Chương trình hợp tác Cần Thơ - An Giang - Cà Mau",
        slug="ct-ag-cm",
        kind="multilateral",
    )
    PartyFactory(agreement=multi, unit=u["can-tho-truoc-2025"], order=1, role="coordinator")
    PartyFactory(agreement=multi, unit=u["an-giang-truoc-2025"], order=2)
    PartyFactory(agreement=multi, unit=u["ca-mau-truoc-2025"], order=3)
    hanoi = bilateral(
        "ha-noi-truoc-2025", "hai-phong-truoc-2025", title="Hà Nội - Hải Phòng", slug="hn-hp"
    )
    multi.sectors.add(road_sector)
    agreement_of = {"hg": ours, "ct": multi, "ag": multi, "hn": hanoi}

    commitments, indicators, documents, parties, meetings = {}, {}, {}, {}, {}
    for key, agreement in agreement_of.items():
        commitments[key] = CommitmentFactory(
            agreement=agreement,
            sector=road_sector,
            title=f"Nội dung {key}",
            committing_unit=u[signed[key]],
            lead_agency=agencies[key],
        )
        indicators[key] = IndicatorFactory(commitment=commitments[key], name=f"Chỉ tiêu {key}")
        documents[key] = AgreementDocument.objects.create(
            agreement=agreement,
            kind="implementing_plan",
            title=f"Kế hoạch {key}",
            number=f"{len(documents) + 1}/KH",
            issuing_unit=u[signed[key]],
        )
        parties[key] = AgreementParty.objects.get(agreement=agreement, unit=u[signed[key]])
        meetings[key] = ReviewMeetingFactory(
            agreement=agreement,
            host_unit=u[signed[key]],
            title=f"Hội nghị sơ kết {key}",
            held_on=dt.date(2024, 3, 1 + len(meetings)),
        )

    # Periods: 2023-H1 closed, the others open; 2025-H1 has no report yet (a new one goes there).
    periods = {}
    # 2021-H2 to 2022-H2 hold the approved reports that corrections are proposed for.
    for year, half in [
        (2021, 2), (2022, 1), (2022, 2), (2023, 1), (2023, 2), (2024, 1), (2024, 2), (2025, 1)
    ]:  # fmt: skip
        periods[(year, half)] = ReportingPeriod.objects.get_or_open(year=year, half=half)[0]

    def user(name: str, role: str, unit=None, agency=None) -> User:
        person = User.objects.create_user(name, f"{name}@example.vn", None)
        # a usable password (MD5: the tests' hasher), so that logins and password changes
        # can succeed; set before the sessions are made, whose hash depends on it
        person.password = MD5PasswordHasher().encode(PASSWORD, "matrixworld")
        person.save(update_fields=["password"])
        if role is not None:
            assign_role(user=person, role=role, unit=unit, agency=agency)
        return User.objects.get(pk=person.pk)

    w.users = {
        "viewer": user("nguoixem", "viewer"),
        "reporter": user("baocao.gtvt.haugiang", "reporter", u[signed["hg"]], agencies["hg"]),
        "reporter_other": user("baocao.gtvt.angiang", "reporter", u[signed["ag"]], agencies["ag"]),
        "planner": user("kehoach.cantho", "planning", u["can-tho"]),
        "partner": user("kehoach.angiang", "planning", u["an-giang"]),
        "unrelated": user("kehoach.hanoi", "planning", u["ha-noi"]),
        "admin": user("quantri", "administrator"),
    }
    # Reports of the other slices are written and sent by the agency's own reporter.
    clerks = {
        "hg": w.users["reporter"],
        "ag": w.users["reporter_other"],
        "ct": user("baocao.gtvt.cantho", "reporter", u[signed["ct"]], agencies["ct"]),
        "hn": user("baocao.gtvt.hanoi", "reporter", u[signed["hn"]], agencies["hn"]),
    }

    reports: dict[str, dict[str, Any]] = {status: {} for status in STATUSES}
    by_status_period = {
        "approved": periods[(2023, 1)],
        "returned": periods[(2023, 2)],
        "submitted": periods[(2024, 1)],
        "draft": periods[(2024, 2)],
    }
    for key in agreement_of:
        for status, period in by_status_period.items():
            reports[status][key] = _report(
                commitment=commitments[key],
                period=period,
                unit=u[signed[key]],
                clerk=clerks[key],
                reviewer=w.users["admin"],
                status=status,
                slice_=key,
            )
    corrections = _corrections(
        commitments=commitments,
        indicators=indicators,
        units={key: u[name] for key, name in signed.items()},
        clerks=clerks,
        reviewer=w.users["admin"],
        periods=periods,
    )
    closed = periods[(2023, 1)]
    closed.closed_at = timezone.now()
    closed.closed_by = w.users["admin"]
    closed.close_note = "Hết hạn báo cáo"
    closed.save()

    # Each unit's own calendar (open, a later deadline): Hậu Giang merged into Cần Thơ, so
    # its slice holds Cần Thơ's calendar of another period.
    calendar_of = {"ct": ("can-tho", (2024, 2)), "hg": ("can-tho", (2024, 1))}
    calendar_of |= {"ag": ("an-giang", (2024, 2)), "hn": ("ha-noi", (2024, 2))}
    calendars = {
        key: UnitCalendar.objects.create(
            period=periods[when],
            unit=u[name],
            department_due=periods[when].department_due + dt.timedelta(days=7),
        )
        for key, (name, when) in calendar_of.items()
    }

    w.slices = {
        "calendar": calendars,
        "agreement": agreement_of,
        "commitment": commitments,
        "indicator": indicators,
        "document": documents,
        "party": parties,
        "meeting": meetings,
        "agency": agencies,
        "unit": {key: u[name] for key, name in today_unit.items()},
        **{f"report_{status}": reports[status] for status in STATUSES},
        **{f"correction_{status}": corrections[status] for status in STATUSES},
        **_export_jobs(agreement_of),
        **_document_files(agreement_of, u, signed),
    }
    groups = list(Group.objects.order_by("name"))
    regions = list(SocioEconomicRegion.objects.order_by("order"))
    w.objects = {
        "sector_in": road_sector,
        "sector_out": health_sector,
        "period_open": periods[(2024, 2)],
        "period_closed": closed,
        "period_new": periods[(2025, 1)],
        "group_in": groups[0],
        "group_out": groups[1],
        "region_in": regions[0],
        "region_out": regions[-1],
        "user_in": w.users["viewer"],
        "user_out": w.users["unrelated"],
        "reminder_in": ReminderLog.objects.create(
            user=w.users["planner"], kind="report_due", sent_on=dt.date(2024, 6, 10), item_count=2
        ),
        "multi": multi,
        "clerk_ct": clerks["ct"],
    }
    _axes_rows(w)
    return w


def _report(*, commitment, period, unit, clerk, reviewer, status, slice_):
    """A report taken to ``status`` by successive saves, each leaving a history row."""
    from reports.models import ProgressReport

    report = ProgressReport(
        commitment=commitment,
        period=period,
        reporting_unit=unit,
        stage="started",
        achievements=DRAFT_TEXT.format(slice=slice_),
        created_by=clerk,
    )
    report._history_user = clerk
    report.save()
    if status == "draft":
        return report
    report.status, report.submitted_by, report.submitted_at = "submitted", clerk, timezone.now()
    report.version += 1
    report.save()
    if status == "submitted":
        return report
    report.status, report.return_reason = "returned", RETURN_REASON.format(slice=slice_)
    report.reviewed_by, report.reviewed_at = reviewer, timezone.now()
    report._history_user = reviewer
    report.version += 1
    report.save()
    if status == "returned":
        return report
    report.status, report.return_reason = "approved", ""
    report.achievements = APPROVED_TEXT.format(slice=slice_)
    report.version += 1
    report.save()
    return report


def _corrections(*, commitments, indicators, units, clerks, reviewer, periods):
    """Per slice, one correction of an approved report in each status, proposed and sent by
    the agency's reporter, reviewed by an administrator. An approved report has at most one
    open correction, so each open one corrects its own report (2021-H2, 2022-H1, 2022-H2);
    the approved one was applied to the 2022-H2 report, which has the draft one open now.
    The 2023-H1 approved report (``report_approved``) has none."""
    from agreements.access import actor_for
    from reports.models import IndicatorValue
    from reports.services import corrections as service

    found: dict[str, dict[str, Any]] = {status: {} for status in STATUSES}
    reviewing = actor_for(User.objects.get(pk=reviewer.pk))
    for key, commitment in commitments.items():
        clerk = User.objects.get(pk=clerks[key].pk)
        writing = actor_for(clerk)
        corrected = {}
        for status, period in [
            ("returned", (2021, 2)),
            ("submitted", (2022, 1)),
            ("draft", (2022, 2)),
        ]:
            report = _report(
                commitment=commitment, period=periods[period], unit=units[key], clerk=clerk,
                reviewer=reviewer, status="approved", slice_=key,
            )  # fmt: skip
            IndicatorValue.objects.create(report=report, indicator=indicators[key], value=10)
            corrected[status] = report

        def propose(report, writing=writing, key=key):
            return service.request_correction(
                report=report, actor=writing, reason=CORRECTION_REASON.format(slice=key)
            )

        applied = propose(corrected["draft"])
        applied.achievements = CORRECTED_TEXT.format(slice=key)
        applied.save()
        service.submit(correction=applied, actor=writing)
        found["approved"][key] = service.approve(correction=applied, actor=reviewing)
        found["draft"][key] = propose(corrected["draft"])
        found["submitted"][key] = service.submit(
            correction=propose(corrected["submitted"]), actor=writing
        )
        returned = service.submit(correction=propose(corrected["returned"]), actor=writing)
        found["returned"][key] = service.return_for_revision(
            correction=returned, actor=reviewing, reason=RETURN_REASON.format(slice=key)
        )
    return found


def _export_jobs(agreement_of: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per slice, a finished public and a finished staff file of the slice's agreement
    (``reports:job``), each with a small file in the storage (the fixture's own
    ``MEDIA_ROOT``)."""
    from django.core.files.base import ContentFile

    from reports.models import ExportJob, ExportKind, ExportState

    jobs: dict[str, dict[str, Any]] = {"job_public": {}, "job_staff": {}}
    for key, agreement in agreement_of.items():
        for staff in (False, True):
            name = f"hoi-nghi-{key}-2024{'-noi-bo' if staff else ''}.csv"
            job = ExportJob(
                kind=ExportKind.AGREEMENT_REVIEW, fmt="csv", agreement=agreement, year=2024,
                staff=staff, language="vi", stamp="matrix", state=ExportState.DONE,
                filename=name, finished_at=timezone.now(),
            )  # fmt: skip
            job.file.save(f"exports/matrix/{name}", ContentFile(f"Tệp {key}\n".encode()))
            jobs["job_staff" if staff else "job_public"][key] = job
    return jobs


def _document_files(agreement_of: dict[str, Any], u, signed) -> dict[str, dict[str, Any]]:
    """Per slice, a public and an internal document of the slice's agreement, each with a
    small PDF in the storage (``agreement-document``: who may download which)."""
    from django.core.files.base import ContentFile

    from agreements.models import AgreementDocument

    files: dict[str, dict[str, Any]] = {"file_public": {}, "file_internal": {}}
    for key, agreement in agreement_of.items():
        for public in (True, False):
            document = AgreementDocument(
                agreement=agreement, kind="review_minutes", title=f"Biên bản {key}",
                number=f"{key}-{'cong-khai' if public else 'noi-bo'}/BB", is_public=public,
                issuing_unit=u[signed[key]],
            )  # fmt: skip
            document.file.save("bien-ban.pdf", ContentFile(b"%PDF-1.4\n%matrix\n"))
            files["file_public" if public else "file_internal"][key] = document
    return files


def _axes_rows(w: World) -> None:
    """One row in each of django-axes' tables, so their admin pages have objects."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    common = {"user_agent": "pytest", "ip_address": "10.0.0.1", "http_accept": "*/*"}
    w.objects["accessattempt_in"] = AccessAttempt.objects.create(
        username="ke.la", path_info="/admin/login/", failures_since_start=3, **common
    )
    w.objects["accesslog_in"] = AccessLog.objects.create(
        username="ke.la", path_info="/admin/login/", **common
    )
    w.objects["accessfailurelog_in"] = AccessFailureLog.objects.create(
        username="ke.la", path_info="/admin/login/", locked_out=False, **common
    )


@pytest.fixture(scope="module", name="mworld")
def matrix_world_fixture(django_db_setup, django_db_blocker):
    """The world, built once per module; each test's own transaction rolls back its changes
    (tests also ask for ``db``), and the module's transaction rolls back the world. Its
    files (``_export_jobs``) go to a temporary ``MEDIA_ROOT``, removed afterwards."""
    with (
        tempfile.TemporaryDirectory(prefix="matrix-media-") as media,
        override_settings(MEDIA_ROOT=media),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        world = build_world()
        log_in_everyone(world)
        yield world
        transaction.set_rollback(True)


def log_in_everyone(w: World) -> None:
    """One session per role, kept as its cookie value (clients are made per test)."""
    for role, person in w.users.items():
        client = Client()
        client.force_login(person)
        w.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value


CSRF_TOKEN = "matrixmatrixmatrixmatrixmatrix32"  # 32 characters of the allowed alphabet


def client_for(w: World, role: str) -> Client:
    """A client of ``role`` that passes the CSRF check as a browser form would."""
    # MATRIX_RAISE=1 shows the traceback of a 500 instead of counting it as an answer
    raise_500 = os.environ.get("MATRIX_RAISE") == "1"
    client = Client(enforce_csrf_checks=True, raise_request_exception=raise_500)
    client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_TOKEN
    if role != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = w.sessions[role]
    return client


# --- "nothing changed": a checksum of every table ---------------------------------------

# The session table changes with every login and logout; it holds no portal data.
UNCHECKED_TABLES = {"django_session"}


def database_checksum(tables: set[str] | None = None) -> dict[str, tuple[int, str]]:
    """Per table (all, or ``tables``): row count and a hash of all rows (history tables
    included)."""
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in UNCHECKED_TABLES or (tables is not None and table not in tables):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            result[table] = (len(rows), digest)
    return result


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))


# --- "this object unchanged": its whole row and the rows of its inlines -----------------

# Every save moves these, whatever it was allowed to change.
BOOKKEEPING = frozenset({"version", "updated_at"})


def object_state(obj, allowed: frozenset[str] = BOOKKEEPING) -> dict[str, list[dict]]:
    """Every concrete field and many-to-many of ``obj`` as stored now, and the same for the
    rows of its admin inlines (an agreement's parties, commitments and documents), but the
    fields in ``allowed``."""
    from django.contrib import admin

    model = type(obj)
    state = {model._meta.label: _rows(model, {"pk": obj.pk}, allowed)}
    try:
        inlines = admin.site.get_model_admin(model).inlines
    except admin.exceptions.NotRegistered:
        inlines = []
    for inline in inlines:
        fks = [
            f
            for f in inline.model._meta.concrete_fields
            if f.is_relation
            and f.related_model is model
            and getattr(inline, "fk_name", None) in (None, f.name)
        ]
        state[inline.model._meta.label] = _rows(inline.model, {fks[0].name: obj.pk}, allowed)
    return state


def _rows(model, lookup: dict, allowed: frozenset[str]) -> list[dict]:
    names = [f.attname for f in model._meta.concrete_fields if f.name not in allowed]
    rows = []
    for item in model._default_manager.filter(**lookup).order_by("pk"):
        row = {name: getattr(item, name) for name in names}
        for m2m in model._meta.many_to_many:
            row[m2m.name] = sorted(getattr(item, m2m.name).values_list("pk", flat=True))
        rows.append(row)
    return rows


def state_changes(before: dict, after: dict) -> list[str]:
    """``model.field`` (or ``model`` for rows added or removed) that differ."""
    changes = []
    for label in before:
        old, new = before[label], after[label]
        if len(old) != len(new) or [r.get("id") for r in old] != [r.get("id") for r in new]:
            changes.append(f"{label}: rows {len(old)} -> {len(new)}")
            continue
        for was, now in zip(old, new, strict=True):
            changes += [f"{label}.{k}: {was[k]!r} -> {now[k]!r}" for k in was if was[k] != now[k]]
    return changes


# --- a form's own data, read from the page as a browser would send it -------------------


class _FormReader(HTMLParser):
    """Collects the fields of the form that has a ``csrfmiddlewaretoken`` (the main one)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._form: list[tuple[str, str]] | None = None
        self._select: str | None = None
        self._select_multiple = False
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._form = []
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._form.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self._select, self._select_multiple, self._options = a["name"], "multiple" in a, []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._form is None:
            return
        if tag == "select" and self._select is not None:
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not self._select_multiple and self._options:
                chosen = [self._options[0][0]]
            self._form.extend((self._select, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self._form.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "form":
            self.forms.append(self._form)
            self._form = None


def form_data(html: str) -> dict[str, list[str]]:
    """The data the page's main form would post, unchanged (multi-valued fields kept)."""
    reader = _FormReader()
    reader.feed(html)
    main = [f for f in reader.forms if any(name == "csrfmiddlewaretoken" for name, _ in f)]
    data: dict[str, list[str]] = {}
    for name, value in main[-1] if main else []:
        if name != "csrfmiddlewaretoken":
            data.setdefault(name, []).append(value)
    return data
