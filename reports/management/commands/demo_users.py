from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

DEMO_PASSWORD = "hoptac-demo-2025"
DEMO_ADMIN = "quantri"


class Command(BaseCommand):
    help = "Create (or reset) the demo logins and print them. For demonstrations only."

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
        user_model = get_user_model()
        admin, _ = user_model.objects.get_or_create(username=DEMO_ADMIN)
        admin.is_staff = admin.is_superuser = True
        admin.first_name, admin.last_name = "Quản trị", "Minh họa"
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        self.stdout.write("Demo logins (http://127.0.0.1:8000/admin/):")
        self.stdout.write(f"  administrator: {DEMO_ADMIN} / password: {DEMO_PASSWORD}")
