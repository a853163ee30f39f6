"""Store an event's kind and values instead of a text rendered in the actor's language.

Existing rows keep their text as ``fallback_text``; where the text matches one of the known
Danish or English forms its values are parsed back into ``params``, so those rows too are shown
in the reader's language. Rows that do not match keep ``params = None`` and show the old text.
"""

import re

from django.db import migrations, models

# (kind, pattern of the Danish text, pattern of the English text, the parameter captured)
KNOWN_TEXTS = [
    ("created", r"Oprettede kandidaten", r"Created the candidate", None),
    (
        "interest",
        r"(?P<v>.+) er også interesseret",
        r"(?P<v>.+) is also interested",
        "municipality",
    ),
    ("commented", r"Kommenterede: (?P<v>.*)", r"Commented: (?P<v>.*)", "text"),
    ("attachment", r"Tilføjede bilaget (?P<v>.+)", r"Added the attachment (?P<v>.+)", "name"),
]


def params_from_text(kind, text):
    """The parameters an old event text was rendered from, or None when it cannot be told.

    A change event named the changed fields by their translated labels, which cannot be mapped
    back safely, so it keeps its old text."""
    for known_kind, danish, english, key in KNOWN_TEXTS:
        if known_kind != kind:
            continue
        for pattern in (danish, english):
            match = re.fullmatch(pattern, text, flags=re.DOTALL)
            if match:
                return {key: match.group("v")} if key else {}
    return None


def parse_old_texts(apps, schema_editor):
    Event = apps.get_model("catalogue", "Event")
    for event in Event.objects.filter(params__isnull=True).only("kind", "fallback_text").iterator():
        params = params_from_text(event.kind, event.fallback_text)
        if params is not None:
            Event.objects.filter(pk=event.pk).update(params=params)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0004_profile_and_quick_share"),
    ]

    operations = [
        migrations.RenameField(model_name="event", old_name="text", new_name="fallback_text"),
        migrations.AddField(
            model_name="event",
            name="params",
            field=models.JSONField(blank=True, null=True),
        ),
        migrations.RunPython(parse_old_texts, migrations.RunPython.noop),
    ]
