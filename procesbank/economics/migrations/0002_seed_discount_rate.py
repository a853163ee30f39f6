"""Finansministeriet's real discount rate of 3.5 %, in force since 1 January 2021."""

from datetime import date
from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    DiscountRate = apps.get_model("economics", "DiscountRate")
    DiscountRate.objects.get_or_create(
        valid_from=date(2021, 1, 1),
        defaults={
            "rate": Decimal("0.035"),
            "note": "Finansministeriet, diskonteringsrente for år 0-35 fra 1. januar 2021",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("economics", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
