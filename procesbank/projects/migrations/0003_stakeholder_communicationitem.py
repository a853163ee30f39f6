"""Stakeholders and communication plans move here from the competence app (change management
belongs to the project): create the tables, then copy every row with its id and creation time.
competence.0002 drops the old tables after this migration."""

import django.core.validators
import django.db.models.deletion
from django.core.management.color import no_style
from django.db import migrations, models

COLUMNS = {
    "Stakeholder": ("id", "project_id", "name", "interest", "influence", "attitude", "created_at"),
    "CommunicationItem": (
        "id",
        "project_id",
        "audience",
        "message",
        "channel",
        "sender",
        "planned_on",
        "status",
    ),
}


def _copy(apps, schema_editor, source_app, target_app):
    # INSERT ... SELECT keeps ids and creation times (a model save would stamp created_at anew).
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    targets = []
    for model_name, columns in COLUMNS.items():
        source = apps.get_model(source_app, model_name)
        target = apps.get_model(target_app, model_name)
        names = ", ".join(quote(column) for column in columns)
        schema_editor.execute(
            f"INSERT INTO {quote(target._meta.db_table)} ({names}) "
            f"SELECT {names} FROM {quote(source._meta.db_table)}"
        )
        targets.append(target)
    # PostgreSQL hands out ids from a sequence, which must start after the copied ids.
    for statement in connection.ops.sequence_reset_sql(no_style(), targets):
        schema_editor.execute(statement)


def copy_from_competence(apps, schema_editor):
    _copy(apps, schema_editor, "competence", "projects")


def copy_back_to_competence(apps, schema_editor):
    _copy(apps, schema_editor, "projects", "competence")


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0002_phasetransition"),
        ("competence", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="CommunicationItem",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("audience", models.CharField(max_length=200, verbose_name="målgruppe")),
                ("message", models.TextField(verbose_name="budskab")),
                ("channel", models.CharField(max_length=100, verbose_name="kanal")),
                ("sender", models.CharField(max_length=200, verbose_name="afsender")),
                ("planned_on", models.DateField(verbose_name="dato")),
                ("status", models.CharField(choices=[("planlagt", "Planlagt"), ("gennemfoert", "Gennemført"), ("aflyst", "Aflyst")], default="planlagt", max_length=12, verbose_name="status")),
                ("project", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="communication_items", to="projects.project")),
            ],
            options={
                "verbose_name": "kommunikationsaktivitet",
                "verbose_name_plural": "kommunikationsplan",
                "ordering": ["planned_on", "id"],
            },
        ),
        migrations.CreateModel(
            name="Stakeholder",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, verbose_name="interessent")),
                ("interest", models.CharField(blank=True, max_length=300, verbose_name="interesse")),
                ("influence", models.SmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name="indflydelse (1-5)")),
                ("attitude", models.SmallIntegerField(validators=[django.core.validators.MinValueValidator(-2), django.core.validators.MaxValueValidator(2)], verbose_name="holdning (-2 til +2)")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("project", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="stakeholders", to="projects.project")),
            ],
            options={
                "verbose_name": "interessent",
                "verbose_name_plural": "interessenter",
                "ordering": ["-influence", "name"],
                "constraints": [
                    models.UniqueConstraint(fields=("project", "name"), name="project_stakeholder_unique"),
                    models.CheckConstraint(condition=models.Q(("influence__gte", 1), ("influence__lte", 5), ("attitude__gte", -2), ("attitude__lte", 2)), name="project_stakeholder_on_grid"),
                ],
            },
        ),
        migrations.RunPython(copy_from_competence, copy_back_to_competence),
    ]
