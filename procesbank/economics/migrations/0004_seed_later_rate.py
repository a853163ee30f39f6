"""Finansministeriet's split rate of 7 January 2021: 2.5 % for years 36-70 beside the seeded 3.5 %."""

from datetime import date
from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    DiscountRate = apps.get_model("economics", "DiscountRate")
    DiscountRate.objects.filter(valid_from=date(2021, 1, 1), later_rate__isnull=True).update(
        later_rate=Decimal("0.025"),
        note="Finansministeriet, 3,5 % for år 0-35 og 2,5 % for år 36-70 (7. januar 2021)",
    )


class Migration(migrations.Migration):
    dependencies = [("economics", "0003_state_model")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
