"""National scale (issue #20): a stored, maintained search vector with a GIN index, and the
indexes that the list's sorts, filters and name search use.

On PostgreSQL the vector is a generated column (PostgreSQL keeps it current on every insert and
update, whoever writes the row), so searching no longer computes ``to_tsvector`` for every
visible row twice per request. The model does not declare it: Django never selects or writes
it, and the selector reads it by name (``processes.selectors.SEARCH_VECTOR``). SQLite, used in
development and tests, has no such column and keeps the word-by-word fallback.
"""

from django.db import migrations, models
from django.db.models.functions import Upper

VECTOR = """
ALTER TABLE processes_process ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('danish'::regconfig, coalesce(name, '')), 'A')
    || setweight(to_tsvector('danish'::regconfig,
                 coalesce(description, '') || ' ' || coalesce(purpose, '')), 'B')
    || setweight(to_tsvector('danish'::regconfig,
                 coalesce(search_text, '') || ' ' || coalesce(legal_basis, '')), 'C')
) STORED;
CREATE INDEX process_search_vector_gin ON processes_process USING gin (search_vector);
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX process_name_upper_trgm ON processes_process USING gin (upper(name) gin_trgm_ops);
CREATE INDEX process_kle_code_prefix ON processes_process (kle_code varchar_pattern_ops);
"""

DROP = """
DROP INDEX IF EXISTS process_kle_code_prefix;
DROP INDEX IF EXISTS process_name_upper_trgm;
DROP INDEX IF EXISTS process_search_vector_gin;
ALTER TABLE processes_process DROP COLUMN IF EXISTS search_vector;
"""


def _postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("processes", "0003_withdrawn_share")]

    operations = [
        migrations.RunPython(_postgresql(VECTOR), _postgresql(DROP), elidable=False),
        migrations.AddIndex(
            model_name="process",
            index=models.Index(fields=["name"], name="process_name"),
        ),
        migrations.AddIndex(
            model_name="process",
            index=models.Index(fields=["-updated_at"], name="process_updated_at"),
        ),
        migrations.AddIndex(
            model_name="process",
            index=models.Index(fields=["visibility", "name"], name="process_visibility_name"),
        ),
        migrations.AddIndex(
            model_name="processversion",
            index=models.Index(fields=["-updated_at"], name="version_updated_at"),
        ),
        migrations.AddIndex(
            model_name="taskmeasurement",
            index=models.Index(Upper("it_system"), name="task_it_system_upper"),
        ),
    ]
