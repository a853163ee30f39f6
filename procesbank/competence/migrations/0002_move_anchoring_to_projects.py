"""Stakeholders and communication plans moved to the projects app; projects.0003 has copied
every row, so the old tables go."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("competence", "0001_initial"),
        ("projects", "0003_stakeholder_communicationitem"),
    ]

    operations = [
        migrations.DeleteModel(
            name="CommunicationItem",
        ),
        migrations.DeleteModel(
            name="Stakeholder",
        ),
    ]
