"""One search over everything (issue #16): the tasks of process versions are found by name with
Danish stemming. On PostgreSQL a GIN index on the task name's Danish vector, so the search
does not stem every task of the country (270,000 rows at 20 municipalities x 1,000
processes) for each query. The expression is exactly the one ``SearchVector("name",
config="danish")`` writes, so the planner uses it. SQLite keeps the substring fallback.
"""

from django.db import migrations

INDEX = """
CREATE INDEX IF NOT EXISTS task_name_search ON processes_taskmeasurement
USING gin (to_tsvector('danish'::regconfig, COALESCE(name, '')));
"""
DROP = "DROP INDEX IF EXISTS task_name_search;"


def _postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("processes", "0005_kle_facets")]

    operations = [migrations.RunPython(_postgresql(INDEX), _postgresql(DROP), elidable=False)]
