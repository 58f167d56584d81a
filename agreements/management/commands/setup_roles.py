from django.core.management.base import BaseCommand

from agreements.roles import ensure_roles


class Command(BaseCommand):
    help = "Create or correct the four role groups and their permissions (safe to repeat)."

    def handle(self, *args, **options):
        for name, count in ensure_roles().items():
            self.stdout.write(f"{name}: {count} permissions")
