from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """PostgreSQL's unaccent for accent-insensitive search; a no-op on SQLite,
    where portal.lib.db registers an UNACCENT function on each connection."""

    dependencies = [("regions", "0001_initial")]

    operations = [UnaccentExtension()]
