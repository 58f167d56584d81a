"""Agency succession becomes dated and many-to-many (``AgencySuccession``).

Each ``Agency.successor`` becomes one link with an empty share (the successor takes all
the work), effective the day after the predecessor's last day, else the successor's
first day, else 01/03/2025 (the day the provinces' departments were reorganised under
Decree 45/2025/NĐ-CP). The field itself goes in 0005, in its own transaction.
"""

import datetime

import django.db.models.deletion
from django.db import migrations, models

REORGANISED_ON = datetime.date(2025, 3, 1)


def links_from_successors(apps, schema_editor):
    Agency = apps.get_model("agreements", "Agency")
    AgencySuccession = apps.get_model("agreements", "AgencySuccession")
    rows = []
    for agency in Agency.objects.filter(successor__isnull=False).select_related("successor"):
        if agency.valid_until:
            effective = agency.valid_until + datetime.timedelta(days=1)
        else:
            effective = agency.successor.valid_from or REORGANISED_ON
        rows.append(
            AgencySuccession(
                predecessor_id=agency.pk, successor_id=agency.successor_id, effective_on=effective
            )
        )
    AgencySuccession.objects.bulk_create(rows, batch_size=500)


def successors_from_links(apps, schema_editor):
    """Back to one successor each: the remainder link (empty share), else the earliest."""
    Agency = apps.get_model("agreements", "Agency")
    AgencySuccession = apps.get_model("agreements", "AgencySuccession")
    chosen: dict[int, int] = {}
    links = AgencySuccession.objects.order_by("effective_on", "pk")
    for link in links.filter(sectors__isnull=True, commitments__isnull=True):
        chosen.setdefault(link.predecessor_id, link.successor_id)
    for link in links:
        chosen.setdefault(link.predecessor_id, link.successor_id)
    for agency_id, successor_id in chosen.items():
        Agency.objects.filter(pk=agency_id).update(successor_id=successor_id)


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0003_edit_versions"),
    ]

    operations = [
        migrations.CreateModel(
            name="AgencySuccession",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("effective_on", models.DateField(verbose_name="ngày hiệu lực")),
                (
                    "legal_basis",
                    models.CharField(blank=True, max_length=255, verbose_name="căn cứ pháp lý"),
                ),
                ("note", models.TextField(blank=True, verbose_name="ghi chú")),
                (
                    "commitments",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Các nội dung chỉ định cho cơ quan này (ưu tiên hơn lĩnh vực). Để trống cả lĩnh vực và nội dung: cơ quan này nhận phần còn lại.",
                        related_name="agency_successions",
                        to="agreements.commitment",
                        verbose_name="nội dung được giao",
                    ),
                ),
                (
                    "predecessor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="successions_out",
                        to="agreements.agency",
                        verbose_name="cơ quan trước",
                    ),
                ),
                (
                    "sectors",
                    models.ManyToManyField(
                        blank=True,
                        help_text="Nội dung thuộc các lĩnh vực này chuyển cho cơ quan kế thừa này.",
                        related_name="agency_successions",
                        to="agreements.sector",
                        verbose_name="lĩnh vực được giao",
                    ),
                ),
                (
                    "successor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="successions_in",
                        to="agreements.agency",
                        verbose_name="cơ quan kế thừa",
                    ),
                ),
            ],
            options={
                "verbose_name": "kế thừa cơ quan",
                "verbose_name_plural": "kế thừa cơ quan",
                "ordering": ["predecessor__name", "effective_on", "id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("predecessor", "successor"),
                        name="agency_succession_unique_pair",
                        violation_error_message="Quan hệ kế thừa giữa hai cơ quan này đã có.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("predecessor", models.F("successor")), _negated=True),
                        name="agency_succession_not_to_itself",
                        violation_error_message="Một cơ quan không thể kế thừa chính nó.",
                    ),
                ],
            },
        ),
        migrations.RunPython(links_from_successors, successors_from_links),
    ]
