"""Fixtures shared by every app's tests."""

import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create many users; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def units(db):
    """The real reference data: 63 historical and 34 current units, with succession."""
    call_command("load_units", verbosity=0)
    from regions.models import AdministrativeUnit

    return {u.key: u for u in AdministrativeUnit.objects.all()}


class World:
    """Two agreements, one of Cần Thơ's (as it was signed) and one of Cà Mau's,
    with a commitment, a report and the named users of every role."""


@pytest.fixture
def world(units, django_user_model):
    import datetime as dt

    from agreements.tests.factories import AgencyFactory, CommitmentFactory, bilateral
    from reports.roles import assign_role
    from reports.tests.factories import ProgressReportFactory, period

    w = World()
    w.units = units
    w.ours = bilateral("can-tho-truoc-2025", "hau-giang-truoc-2025", title="Cần Thơ - Hậu Giang")
    w.theirs = bilateral("ca-mau-truoc-2025", "bac-lieu-truoc-2025", title="Cà Mau - Bạc Liêu")
    w.transport = AgencyFactory(
        unit=units["hau-giang-truoc-2025"], name="Sở Giao thông vận tải tỉnh Hậu Giang"
    )
    w.ca_mau_transport = AgencyFactory(
        unit=units["ca-mau-truoc-2025"], name="Sở Giao thông vận tải tỉnh Cà Mau"
    )
    w.road = CommitmentFactory(agreement=w.ours, title="Đường tỉnh 931B", lead_agency=w.transport)
    w.bridge = CommitmentFactory(
        agreement=w.theirs, title="Cầu Gành Hào", lead_agency=w.ca_mau_transport
    )
    w.period = period(2024, 1)
    w.our_report = ProgressReportFactory(
        commitment=w.road, period=w.period, reporting_unit=units["hau-giang-truoc-2025"]
    )
    w.their_report = ProgressReportFactory(
        commitment=w.bridge, period=w.period, reporting_unit=units["ca-mau-truoc-2025"]
    )

    def user(name, role, unit=None, agency=None):
        u = django_user_model.objects.create_user(name, f"{name}@example.vn", "pw-" + name)
        assign_role(user=u, role=role, unit=unit, agency=agency)
        return u

    w.admin = user("quantri", "administrator")
    w.planner = user("kehoach.cantho", "planning", units["can-tho"])
    w.reporter = user(
        "baocao.gtvt.haugiang", "reporter", units["hau-giang-truoc-2025"], w.transport
    )
    w.viewer = user("nguoixem", "viewer")
    w.outsider = user("kehoach.camau", "planning", units["ca-mau"])
    w.today = dt.date(2024, 6, 10)
    return w
