from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from agreements.models import Agency, Role
from regions.models import AdministrativeUnit
from reports.roles import assign_role, ensure_roles

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


class Command(BaseCommand):
    help = "Create (or reset) one demo login per role and print them. For demonstrations only."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="create demo logins even though DEBUG is off (never on a real server)",
        )

    def handle(self, *args, allow_without_debug, **options):
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "Refusing to create demo logins with DEBUG off: a real server must not "
                "have known passwords. Use `manage.py createsuperuser` instead."
            )
        ensure_roles()
        user_model = get_user_model()
        self.stdout.write(
            f"Demo logins for http://127.0.0.1:8000/admin/ (password for all: {DEMO_PASSWORD}):"
        )
        for username, role, unit_key, agency_name, full_name in DEMO_USERS:
            unit = AdministrativeUnit.objects.get(key=unit_key) if unit_key else None
            agency = Agency.objects.get(unit=unit, name=agency_name) if agency_name else None
            user, _ = user_model.objects.get_or_create(username=username)
            user.first_name, _, user.last_name = full_name.rpartition(" ")
            user.email = f"{username}@example.invalid"
            user.is_superuser = role == Role.ADMINISTRATOR
            user.set_password(DEMO_PASSWORD)
            user.save()
            assign_role(user=user, role=role, unit=unit, agency=agency)
            where = agency or unit or ""
            self.stdout.write(f"  {username:<22} {Role(role).label} {where}")
