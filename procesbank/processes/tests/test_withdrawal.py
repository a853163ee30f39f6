"""Taking a share back (issue 12, finding 3).

Withdrawal means: another municipality that used the shared process (a project, a business
case, an event log, a reuse) keeps a frozen copy of what was shared, clearly marked; it no
longer sees the process's changes or its new name, and what it computed from the process (a
business case's time saving) is computed from the copy. The owner's process page is a 404.

The world: Gribskov shares "Boligstøtte" (1,200 cases a year; as-is T1 30 min + T2 15 min,
to-be T1 10 min + T2 15 min: 20 min x 1,200 / 60 = 400 hours saved a year). Helsingør builds a
project on it, a business case line at 300 kr. an hour (400 x 300 = 120,000 kr. a year), an
event log attached to it and a reuse copy. Gribskov then makes it private, renames it and
changes the to-be privately (T1 0 min: it would save 600 hours, 180,000 kr.).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from procesbank.catalogue import services as catalogue_services
from procesbank.economics import selectors as economics_selectors
from procesbank.economics import services as economics_services
from procesbank.economics.models import BusinessCase, DiscountRate
from procesbank.mining.models import EventLog
from procesbank.mining.tests.test_models import import_log
from procesbank.organisations.services import api_token_create
from procesbank.processes import selectors
from procesbank.processes import services as process_services
from procesbank.processes.models import Process, WithdrawnShare
from procesbank.projects import services as project_services
from procesbank.projects.tests.factories import _measure, process_pair

NEW_NAME = "Intern boligstøtte med nye satser"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world(konsulent, other_konsulent):
    process, as_is, to_be = process_pair(other_konsulent, "Boligstøtte", "collaboration")
    project = project_services.project_create(
        user=konsulent, name="Ny boligstøtte", owner=konsulent, as_is_version=as_is,
        to_be_version=to_be,
    )  # fmt: skip
    rate = DiscountRate.objects.create(valid_from=date(2024, 1, 1), rate=Decimal("0.035"))
    case = economics_services.business_case_save(
        user=konsulent, project=project, first_year=2027, horizon=3, risk_share=Decimal(0),
        discount_rate=rate,
    )  # fmt: skip
    economics_services.business_case_time_saving_add(
        user=konsulent,
        case=case,
        lock_version=BusinessCase.objects.get(pk=case.pk).lock_version,
        as_is_version=as_is,
        to_be_version=to_be,
        hourly_rate=Decimal(300),
    )
    eventlog = import_log(konsulent, name="Helsingørs boligstøttelog")
    EventLog.objects.filter(pk=eventlog.pk).update(process=process)
    reuse = catalogue_services.process_reuse(user=konsulent, source=process)
    return SimpleNamespace(
        process=process, as_is=as_is, to_be=to_be, project=project, case=case,
        eventlog=eventlog, reuse=reuse,
    )  # fmt: skip


def _withdraw_then_change(owner, world) -> None:
    process = Process.objects.get(pk=world.process.pk)
    process_services.process_update(
        user=owner, process=process, lock_version=process.lock_version, visibility="own"
    )
    process.refresh_from_db()
    process_services.process_update(
        user=owner, process=process, lock_version=process.lock_version, name=NEW_NAME
    )
    world.to_be.refresh_from_db()
    _measure(owner, world.to_be, "T1", 0)
    world.to_be.refresh_from_db()


def _hours_saved(case) -> Decimal:
    result = economics_selectors.business_case_result(case=BusinessCase.objects.get(pk=case.pk))
    (line,) = result.lines
    return line.hours_saved


def _page(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_while_shared_the_borrower_follows_the_owner_s_changes(other_konsulent, world):
    _measure(other_konsulent, world.to_be, "T1", 5)  # 25 min x 1,200 / 60 = 500 hours

    assert _hours_saved(world.case) == Decimal(500)


def test_withdrawal_freezes_what_was_shared(other_konsulent, world):
    _withdraw_then_change(other_konsulent, world)

    (frozen,) = WithdrawnShare.objects.filter(process=world.process)
    assert frozen.name == "Boligstøtte"
    assert frozen.visibility == "collaboration"
    assert frozen.yearly_volume == 1200
    assert set(frozen.versions) == {str(world.as_is.pk), str(world.to_be.pk)}


def test_business_case_line_is_computed_from_the_frozen_copy(other_konsulent, world):
    assert _hours_saved(world.case) == Decimal(400)

    _withdraw_then_change(other_konsulent, world)

    # Still 400 hours (120,000 kr. a year), not the private model's 600 hours.
    assert _hours_saved(world.case) == Decimal(400)
    # The owner's own view of its private model does move.
    assert selectors.version_comparison(
        before=world.as_is, after=world.to_be
    ).hours_saved_per_year == pytest.approx(600)


def test_business_case_api_amounts_stay_frozen(client, konsulent, other_konsulent, world):
    _withdraw_then_change(other_konsulent, world)
    _token, raw = api_token_create(user=konsulent, name="t")

    lines = client.get(
        f"/api/v1/projects/{world.project.pk}/business-case/lines",
        headers={"Authorization": f"Bearer {raw}"},
    ).json()

    (line,) = lines
    assert line["amounts"] == [120000.0, 120000.0, 120000.0]


@pytest.mark.parametrize(
    "page",
    ["project", "project_list", "business_case", "eventlog", "conformance", "reuse", "copy"],
)
def test_no_page_of_the_borrower_shows_the_new_name_or_links_the_process(
    client, konsulent, other_konsulent, world, page
):
    _withdraw_then_change(other_konsulent, world)
    url = {
        "project": reverse("projects:project_detail", args=[world.project.pk]),
        "project_list": reverse("projects:project_list"),
        "business_case": reverse("economics:business_case", args=[world.project.pk]),
        "eventlog": reverse("mining:eventlog_overview", args=[world.eventlog.pk]),
        "conformance": reverse("mining:eventlog_conformance", args=[world.eventlog.pk]),
        "reuse": reverse("catalogue:reuse_detail", args=[world.reuse.pk]),
        "copy": reverse("processes:process_detail", args=[world.reuse.copy_id]),
    }[page]

    html = _page(client, konsulent, url)

    assert NEW_NAME not in html
    assert reverse("processes:process_detail", args=[world.process.pk]) not in html


@pytest.mark.parametrize("page", ["project", "project_list", "business_case", "eventlog"])
def test_the_borrower_sees_the_frozen_copy_marked_as_withdrawn(
    client, konsulent, other_konsulent, world, page
):
    _withdraw_then_change(other_konsulent, world)
    url = {
        "project": reverse("projects:project_detail", args=[world.project.pk]),
        "project_list": reverse("projects:project_list"),
        "business_case": reverse("economics:business_case", args=[world.project.pk]),
        "eventlog": reverse("mining:eventlog_overview", args=[world.eventlog.pk]),
    }[page]

    html = _page(client, konsulent, url)

    assert "Boligstøtte (kopi fra Gribskov; delingen blev trukket tilbage" in html


def test_the_process_page_itself_is_gone_for_the_borrower(
    client, konsulent, other_konsulent, world
):
    _withdraw_then_change(other_konsulent, world)
    client.force_login(konsulent)

    response = client.get(reverse("processes:process_detail", args=[world.process.pk]))

    assert response.status_code == 404


def test_a_municipality_that_never_could_read_it_sees_no_copy(make_user, world, other_konsulent):
    """The frozen copy is for those who could read the share: a municipality of another
    collaboration sees only whose process it is."""
    from procesbank.organisations.tests.factories import CollaborationFactory, MunicipalityFactory

    outsider = make_user(
        municipality=MunicipalityFactory(collaboration=CollaborationFactory(name="Andet")),
        username="udenfor",
    )
    _withdraw_then_change(other_konsulent, world)

    link = selectors.process_link(user=outsider, process=world.process)

    assert link is not None
    assert link.state == "hidden"
    assert link.label == "en proces fra Gribskov (ikke delt)"


def test_a_share_narrowed_from_public_to_the_collaboration_is_a_withdrawal(other_konsulent):
    process = process_services.process_create(
        user=other_konsulent, name="Offentlig", visibility="public"
    )

    process_services.process_update(
        user=other_konsulent,
        process=process,
        lock_version=process.lock_version,
        visibility="collaboration",
    )

    assert WithdrawnShare.objects.filter(process=process, visibility="public").count() == 1


def test_every_link_to_a_process_goes_through_the_access_check():
    """The guard: every foreign key or many-to-many from another app's model to a process or a
    version is one the house routed through the reader's access check (CHECKED_LINKS)."""
    from django.apps import apps

    from procesbank.processes.models import ProcessVersion

    links = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label != "processes" and model.__module__.startswith("procesbank.")
        for field in model._meta.get_fields()
        if (field.many_to_one or field.many_to_many or field.one_to_one)
        and field.concrete
        and field.related_model in (Process, ProcessVersion)
    }

    assert links == set(selectors.CHECKED_LINKS)


def test_readable_process_annotates_rows_per_reader(konsulent, other_konsulent):
    """Two municipalities: Helsingør's candidate on its private process reads as readable for
    Helsingør and not for Gribskov (the annotation behind the catalogue's derived figures)."""
    from procesbank.catalogue.models import Candidate

    process = process_services.process_create(user=konsulent, name="Privat", visibility="own")
    candidate = catalogue_services.candidate_create(
        user=konsulent, title="Delt", visibility="collaboration", process=process
    )

    def readable(user) -> bool:
        rows = Candidate.objects.annotate(ok=selectors.readable_process(user))
        return rows.get(pk=candidate.pk).ok

    assert readable(konsulent) is True
    assert readable(other_konsulent) is False


def test_an_umbrella_keeps_the_frozen_copy_marked(client, konsulent, other_konsulent, world):
    umbrella = catalogue_services.umbrella_create(
        user=konsulent, name="Ydelser", processes=[world.process]
    )
    url = reverse("catalogue:umbrella_detail", args=[umbrella.pk])
    _withdraw_then_change(other_konsulent, world)

    page = _page(client, konsulent, url)

    assert NEW_NAME not in page
    assert "Boligstøtte (kopi fra Gribskov; delingen blev trukket tilbage" in page
    assert reverse("processes:process_detail", args=[world.process.pk]) not in page
    assert "1.200" in page  # the yearly volume as shared
