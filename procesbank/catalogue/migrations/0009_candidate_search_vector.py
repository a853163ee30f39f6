"""One search over everything (issue #16): automation candidates get a stored Danish search
vector with a GIN index on PostgreSQL, as processes did in processes 0004, so a search does
not stem every visible candidate's text for each query (250 ms at 4,000 candidates, growing
with the country). Weights: title A, summary and KLE number B, description and IT systems C.

The model does not declare the column (Django never selects or writes it); the search provider
reads it by name (``catalogue.search.SEARCH_VECTOR``). SQLite keeps the stemmed substring
fallback of ``kit.search.text_match``.
"""

from django.db import migrations

VECTOR = """
ALTER TABLE catalogue_candidate ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('danish'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('danish'::regconfig,
                 coalesce(summary, '') || ' ' || coalesce(kle_code, '')), 'B')
    || setweight(to_tsvector('danish'::regconfig,
                 coalesce(description, '') || ' ' || coalesce(it_systems::text, '')), 'C')
) STORED;
CREATE INDEX candidate_search_vector_gin ON catalogue_candidate USING gin (search_vector);
"""

DROP = """
DROP INDEX IF EXISTS candidate_search_vector_gin;
ALTER TABLE catalogue_candidate DROP COLUMN IF EXISTS search_vector;
"""


def _postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0008_candidate_os2autoproces_time_fields")]

    operations = [migrations.RunPython(_postgresql(VECTOR), _postgresql(DROP), elidable=False)]
