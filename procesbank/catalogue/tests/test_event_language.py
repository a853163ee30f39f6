"""The timeline and the start-page feed speak the reader's language, not the actor's: an event
stores its kind and values, and its text is rendered when it is shown."""

from __future__ import annotations

import importlib

import pytest
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from procesbank.catalogue import services
from procesbank.catalogue.models import Event, UserMark

migration = importlib.import_module("procesbank.catalogue.migrations.0005_event_params")


def _timeline(client, candidate, language: str) -> str:
    client.cookies["django_language"] = language
    return client.get(reverse("catalogue:candidate_detail", args=[candidate.pk])).content.decode()


def test_a_change_made_in_english_is_shown_in_danish_to_a_danish_reader(
    client, konsulent, make_candidate
):
    candidate = make_candidate()
    with translation.override("en"):
        services.candidate_update(
            user=konsulent, candidate=candidate, lock_version=1, phase="pre_analysis"
        )
    client.force_login(konsulent)

    page = _timeline(client, candidate, "da")

    assert "Ændrede fase" in page
    assert "Changed phase" not in page


def test_a_change_made_in_danish_is_shown_in_english_to_an_english_reader(
    client, konsulent, make_candidate
):
    candidate = make_candidate()
    with translation.override("da"):
        services.candidate_update(
            user=konsulent, candidate=candidate, lock_version=1, phase="pre_analysis"
        )
    client.force_login(konsulent)

    page = _timeline(client, candidate, "en")

    assert "Changed phase" in page
    assert "Created the candidate" in page
    assert "Ændrede fase" not in page


def test_the_start_page_feed_is_in_the_readers_language(
    client, konsulent, other_konsulent, make_candidate
):
    candidate = make_candidate()
    services.mark_toggle(user=other_konsulent, candidate=candidate, kind=UserMark.Kind.FOLLOW)
    with translation.override("da"):
        services.comment_add(user=konsulent, candidate=candidate, text="Fint forslag")
    client.force_login(other_konsulent)
    client.cookies["django_language"] = "en"

    page = client.get(reverse("web:home")).content.decode()

    assert "Commented: Fint forslag" in page
    assert "Kommenterede" not in page


def test_event_stores_kind_and_values_with_a_danish_fallback(other_konsulent, make_candidate):
    candidate = make_candidate()

    with translation.override("en"):
        services.interest_toggle(user=other_konsulent, candidate=candidate)

    event = candidate.events.get(kind=Event.Kind.INTEREST)
    assert event.params == {"municipality": other_konsulent.municipality.name}
    assert event.fallback_text == f"{other_konsulent.municipality.name} er også interesseret"


def test_an_event_without_values_shows_its_stored_text(konsulent, make_candidate):
    candidate = make_candidate()
    old = Event.objects.create(
        candidate=candidate, user=konsulent, kind="changed", fallback_text="Ændrede titel, fase"
    )

    with translation.override("en"):
        assert old.text == "Ændrede titel, fase"


def test_an_event_with_an_unknown_field_falls_back_to_its_stored_text(konsulent, make_candidate):
    candidate = make_candidate()
    event = Event.objects.create(
        candidate=candidate,
        user=konsulent,
        kind="changed",
        params={"fields": ["no_such_field"]},
        fallback_text="Ændrede noget",
    )

    assert event.text == "Ændrede noget"


@pytest.mark.django_db(transaction=True)
def test_mail_to_followers_is_danish_even_when_the_actor_browses_in_english(
    konsulent, other_konsulent, make_candidate
):
    other_konsulent.email = "gribskov@example.dk"
    other_konsulent.save()
    candidate = make_candidate()
    services.mark_toggle(user=other_konsulent, candidate=candidate, kind=UserMark.Kind.FOLLOW)

    with translation.override("en"):
        services.candidate_update(
            user=konsulent, candidate=candidate, lock_version=1, status="rejected"
        )

    assert mail.outbox[0].body.splitlines()[0] == "Ændrede status"


@pytest.mark.parametrize(
    ("kind", "text", "params"),
    [
        ("created", "Oprettede kandidaten", {}),
        ("created", "Created the candidate", {}),
        ("interest", "Gribskov Kommune er også interesseret", {"municipality": "Gribskov Kommune"}),
        ("interest", "Gribskov Kommune is also interested", {"municipality": "Gribskov Kommune"}),
        ("commented", "Kommenterede: Godt: gør det", {"text": "Godt: gør det"}),
        ("commented", "Commented: Good", {"text": "Good"}),
        ("attachment", "Tilføjede bilaget plan.pdf", {"name": "plan.pdf"}),
        ("attachment", "Added the attachment plan.pdf", {"name": "plan.pdf"}),
        ("changed", "Ændrede fase", None),
        ("commented", "Noget helt andet", None),
    ],
)
def test_the_data_migration_parses_old_danish_and_english_texts(kind, text, params):
    assert migration.params_from_text(kind, text) == params


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_old_rows_values_and_keeps_their_text(konsulent):
    before = [("catalogue", "0004_profile_and_quick_share")]
    after = [("catalogue", "0005_event_params")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    OldCandidate = old_apps.get_model("catalogue", "Candidate")
    OldEvent = old_apps.get_model("catalogue", "Event")
    candidate = OldCandidate.objects.create(
        municipality_id=konsulent.municipality_id, title="Gammel", created_by_id=konsulent.pk
    )
    for kind, text in [("commented", "Commented: Fint"), ("changed", "Ændrede fase")]:
        OldEvent.objects.create(candidate=candidate, user_id=konsulent.pk, kind=kind, text=text)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    # On to the latest migrations, so the models below (and later tests) meet their tables.
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    rows = Event.objects.order_by("pk").values_list("kind", "params", "fallback_text")
    assert list(rows) == [
        ("commented", {"text": "Fint"}, "Commented: Fint"),
        ("changed", None, "Ændrede fase"),
    ]
    with translation.override("da"):
        assert [e.text for e in Event.objects.order_by("pk")] == [
            "Kommenterede: Fint",
            "Ændrede fase",
        ]
