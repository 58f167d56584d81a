"""``Agency.successor`` is replaced by ``AgencySuccession`` (copied over in 0004)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0004_agency_succession"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="agency",
            name="agency_not_its_own_successor",
        ),
        migrations.RemoveField(
            model_name="agency",
            name="successor",
        ),
    ]
