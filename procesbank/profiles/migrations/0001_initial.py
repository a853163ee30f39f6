# Takes over the catalogue's MunicipalityProfile table as it is (state only), and renames the
# audit rows' object type so the history of a profile stays one history.

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def rename_audit_rows(apps, schema_editor, old="catalogue.MunicipalityProfile", new="profiles.MunicipalityProfile"):
    AuditEntry = apps.get_model("organisations", "AuditEntry")
    AuditEntry.objects.filter(object_type=old).update(object_type=new)


def rename_audit_rows_back(apps, schema_editor):
    rename_audit_rows(apps, schema_editor, old="profiles.MunicipalityProfile", new="catalogue.MunicipalityProfile")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("catalogue", "0006_profile_moves_to_profiles"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="MunicipalityProfile",
                    fields=[
                        ("municipality", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name="profile", serialize=False, to="organisations.municipality", verbose_name="kommune")),
                        ("contact_person", models.CharField(blank=True, max_length=200, verbose_name="kontaktperson")),
                        ("contact_email", models.EmailField(blank=True, max_length=254, verbose_name="e-mail")),
                        ("contact_phone", models.CharField(blank=True, max_length=30, validators=[django.core.validators.RegexValidator("^\\+?[0-9 ]{8,20}$", "Skriv telefonnummeret med cifre, fx 48 20 48 20.")], verbose_name="telefon")),
                        ("website", models.URLField(blank=True, max_length=300, verbose_name="hjemmeside")),
                        ("technologies", models.JSONField(blank=True, default=list, verbose_name="teknologier")),
                        ("it_systems", models.JSONField(blank=True, default=list, verbose_name="it-systemer")),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("lock_version", models.PositiveIntegerField(default=1)),
                    ],
                    options={
                        "verbose_name": "kommuneprofil",
                        "verbose_name_plural": "kommuneprofiler",
                        "db_table": "catalogue_municipalityprofile",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_audit_rows, rename_audit_rows_back),
    ]
