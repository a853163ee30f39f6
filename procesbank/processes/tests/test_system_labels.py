"""Names and comments the system writes are stored in Danish and shown in the reader's language;
what a user typed is shown as typed."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from procesbank.processes import services
from procesbank.processes.engine.bpmn import TaskMeasurements
from procesbank.processes.models import ProcessVersion, Revision


def _history(client, process, version, language):
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    return client.get(f"/processer/{process.pk}/?version={version.pk}").content.decode()


def test_a_new_process_stores_its_default_name_and_comment_in_danish_even_in_english(
    make_process, konsulent
):
    with translation.override("en"):
        process = make_process()

    version = process.versions.get()
    revision = version.revisions.get()
    assert (version.label, revision.comment, revision.comment_kind) == (
        "Som-er",
        "Oprettet",
        "created",
    )


def test_default_version_names_and_system_comments_follow_the_readers_language(
    make_process, konsulent
):
    process = make_process()
    as_is = process.versions.get()
    to_be = services.version_copy(user=konsulent, version=as_is, label="Skal-være")
    services.task_measurements_set(
        user=konsulent,
        version=to_be,
        task_id="T1",
        measurements=TaskMeasurements(minutes_min=1, minutes_likely=2, minutes_max=3),
    )
    restored = services.version_restore(user=konsulent, version=to_be, number=1, base_revision=2)
    comments = list(Revision.objects.filter(version=restored).order_by("number"))

    with translation.override("en"):
        english = [as_is.display_label, to_be.display_label] + [c.display_comment for c in comments]
    with translation.override("da"):
        danish = [as_is.display_label, to_be.display_label] + [c.display_comment for c in comments]

    assert english == [
        "As-is",
        "To-be",
        "Copied from As-is",
        "Measurements for Registrér ansøgning",
        "Restored from revision 1",
    ]
    assert danish == [
        "Som-er",
        "Skal-være",
        "Kopieret fra Som-er",
        "Målinger for Registrér ansøgning",
        "Gendannet fra udgave 1",
    ]


def test_a_name_and_a_comment_typed_by_a_user_are_shown_as_typed_in_english(
    make_process, konsulent
):
    process = make_process()
    as_is = process.versions.get()
    typed = services.version_copy(user=konsulent, version=as_is, label="Digital ansøgning 2027")
    services.version_save_bpmn(
        user=konsulent,
        version=typed,
        data=typed.bpmn_xml.encode(),
        base_revision=1,
        comment="Oprettet",  # typed, so not the system's comment even though the words match
    )
    revision = Revision.objects.get(version=typed, number=2)

    with translation.override("en"):
        shown = (ProcessVersion.objects.get(pk=typed.pk).display_label, revision.display_comment)

    assert shown == ("Digital ansøgning 2027", "Oprettet")


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [
        ("en", ["History · As-is", "<td>Created</td>"], ["Som-er", "Oprettet"]),
        ("da", ["Historik · Som-er", "<td>Oprettet</td>"], ["As-is", "Created"]),
    ],
)
def test_the_process_page_shows_default_names_and_comments_in_the_readers_language(
    client, make_process, konsulent, language, expected, absent
):
    process = make_process()
    client.force_login(konsulent)

    html = _history(client, process, process.versions.get(), language)

    for text in expected:
        assert text in html
    for text in absent:
        assert text not in html


def test_the_migration_gives_earlier_system_comments_their_kind(make_process, konsulent):
    migration = import_module("procesbank.processes.migrations.0002_revision_comment_kind")
    version = make_process().versions.get()
    texts = ["Oprettet", "Kopieret fra Som-er", "Gendannet fra udgave 3", "Målinger for Visitér"]
    rows = [
        Revision.objects.create(version=version, number=10 + i, bpmn_xml="", comment=text)
        for i, text in enumerate([*texts, "Rettet stavefejl"])
    ]

    migration.classify_system_comments(apps, None)

    classified = [
        (r.comment_kind, r.comment_params)
        for r in Revision.objects.filter(pk__in=[r.pk for r in rows]).order_by("number")
    ]
    assert classified == [
        ("created", {}),
        ("copied", {"label": "Som-er", "kind": "as_is"}),
        ("restored", {"number": 3}),
        ("measurements", {"task": "Visitér"}),
        ("", {}),
    ]
    with translation.override("en"):
        assert Revision.objects.get(number=11).display_comment == "Copied from As-is"


def test_the_proposed_to_be_name_kept_in_english_is_stored_as_the_default(make_process, konsulent):
    as_is = make_process().versions.get()

    with translation.override("en"):
        copy = services.version_copy(user=konsulent, version=as_is, label="To-be")
    with translation.override("da"):
        danish = copy.display_label

    assert (copy.label, danish) == ("Skal-være", "Skal-være")


def test_a_second_to_be_under_the_proposed_name_is_refused_in_english_too(make_process, konsulent):
    as_is = make_process().versions.get()
    services.version_copy(user=konsulent, version=as_is, label="Skal-være")

    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.version_copy(user=konsulent, version=as_is, label="To-be")

    assert error.value.message_dict == {
        "label": ["The process already has a version with that name."]
    }
