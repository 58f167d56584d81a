"""Create (or reset) one demo login per role: ``portal.demo.users``."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from agreements.models import Role
from portal.demo.users import DEMO_PASSWORD, ensure_demo_users


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
        self.stdout.write(
            f"Demo logins for http://127.0.0.1:8000/admin/ (password for all: {DEMO_PASSWORD}):"
        )
        for membership in ensure_demo_users():
            where = membership.agency or membership.unit or ""
            self.stdout.write(
                f"  {membership.user.username:<22} {Role(membership.role).label} {where}"
            )
