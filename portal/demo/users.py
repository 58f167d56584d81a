"""One demo login per role, for demonstrations only (``manage.py demo_users``).

The passwords are known, so the command refuses to run with ``DEBUG`` off unless told
otherwise; a real server creates its users in the admin.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth import get_user_model

from agreements.models import Agency, Membership, Role
from agreements.roles import assign_role, ensure_roles
from regions.models import AdministrativeUnit

DEMO_PASSWORD = "hoptac-demo-2025"
# username, role, unit key, agency name, full name
DEMO_USERS = [
    ("quantri", Role.ADMINISTRATOR, None, None, "Quản trị Minh họa"),
    ("kehoach.cantho", Role.PLANNING, "can-tho", None, "Cán bộ kế hoạch Cần Thơ"),
    (
        "baocao.gtvt.haugiang",
        Role.REPORTER,
        "hau-giang-truoc-2025",
        "Sở Giao thông vận tải tỉnh Hậu Giang",
        "Cán bộ báo cáo Sở GTVT Hậu Giang",
    ),
    ("nguoixem", Role.VIEWER, None, None, "Người xem Minh họa"),
]


def ensure_demo_users() -> Iterator[Membership]:
    """Create or reset each demo login (password ``DEMO_PASSWORD``); yields each membership."""
    ensure_roles()
    user_model = get_user_model()
    for username, role, unit_key, agency_name, full_name in DEMO_USERS:
        unit = AdministrativeUnit.objects.get(key=unit_key) if unit_key else None
        agency = Agency.objects.get(unit=unit, name=agency_name) if agency_name else None
        user, _ = user_model.objects.get_or_create(username=username)
        user.first_name, _, user.last_name = full_name.rpartition(" ")
        user.email = f"{username}@example.invalid"
        user.is_superuser = role == Role.ADMINISTRATOR
        user.set_password(DEMO_PASSWORD)
        user.save()
        yield assign_role(user=user, role=role, unit=unit, agency=agency)
