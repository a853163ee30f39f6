# The municipality profile moved to its own app (procesbank.profiles). The table stays where
# it is (the model keeps db_table "catalogue_municipalityprofile"): only the state moves.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0005_event_params"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="MunicipalityProfile")],
            database_operations=[],
        ),
    ]
