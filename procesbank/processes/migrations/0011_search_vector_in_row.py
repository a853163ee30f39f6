"""National scale (issue #20): the search vector is kept in the process's row, not in the TOAST
table.

A ranked search reads the vector of every hit (9,000 processes match "byggetilladelse"
nationally). A process row with its vector is about 2.2 kB, over PostgreSQL's 2 kB TOAST
threshold, so the vector (the row's largest value, about 1 kB, which does not compress) was
moved out of line: ranking then looked each one up through the TOAST index, three extra pages
per hit, and that cost more than the match itself (63 ms of 123 ms for "byggetilladelse").
Storage MAIN keeps it in the row and moves the description, purpose and task names out first.

SET STORAGE only applies to rows written afterwards, so the table is rewritten once (VACUUM FULL
re-toasts every row; it locks the table while it runs, seconds at national scale, and cannot run
inside a transaction, hence ``atomic = False``). SQLite has no such column.
"""

from django.db import migrations

IN_ROW = """
ALTER TABLE processes_process ALTER COLUMN search_vector SET STORAGE MAIN;
VACUUM FULL processes_process;
ANALYZE processes_process;
"""

OUT_OF_LINE = """
ALTER TABLE processes_process ALTER COLUMN search_vector SET STORAGE EXTENDED;
"""


def _postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in sql.strip().splitlines():
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("processes", "0010_revision_author_newest")]

    operations = [
        migrations.RunPython(_postgresql(IN_ROW), _postgresql(OUT_OF_LINE), elidable=False),
    ]
