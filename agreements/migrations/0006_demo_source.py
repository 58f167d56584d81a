# Demo honesty (issue 10, point 5): where each demo fact comes from, and what is illustrative.

from django.db import migrations, models

AGREEMENT_HELP = "Bài báo nguồn của từng dữ kiện, và những gì chỉ là minh họa."
COMMITMENT_HELP = "Bài báo nguồn của nội dung, và những gì chỉ là minh họa."
LABEL = "nguồn của dữ liệu minh họa"


def field(help_text):
    return models.TextField(blank=True, editable=False, help_text=help_text, verbose_name=LABEL)


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0005_remove_agency_successor"),
    ]

    operations = [
        migrations.AddField("agreement", "demo_source", field(AGREEMENT_HELP)),
        migrations.AddField("commitment", "demo_source", field(COMMITMENT_HELP)),
        migrations.AddField("historicalagreement", "demo_source", field(AGREEMENT_HELP)),
        migrations.AddField("historicalcommitment", "demo_source", field(COMMITMENT_HELP)),
    ]
