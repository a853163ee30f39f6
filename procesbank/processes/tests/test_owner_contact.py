"""What another municipality sees of the owner person of a shared process (issue #14): the
owning municipality, the unit's name, the owner's name and job title; never the e-mail, the
user name or the person's other processes (organisations.selectors.work_contact)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from procesbank.organisations.models import OrganisationalUnit, Role
from procesbank.organisations.selectors import WorkContact, work_contact
from procesbank.organisations.services import api_token_create
from procesbank.processes import services
from procesbank.processes.tests.conftest import two_task_bpmn

pytestmark = pytest.mark.django_db

USERNAME = "hholm.helsingoer"
EMAIL = "hanne.holm@helsingor.dk"


@pytest.fixture
def owner(make_user):
    return make_user(
        Role.KONSULENT,
        username=USERNAME,
        email=EMAIL,
        first_name="Hanne",
        last_name="Holm",
        job_title="Afdelingschef",
    )


@pytest.fixture
def shared(konsulent, owner, own_municipality):
    unit = OrganisationalUnit.objects.create(
        municipality=own_municipality, name="Jobcenter Helsingør", kind="afdeling"
    )
    services.process_create(
        user=konsulent, name="Hjælpemidler", owner_user=owner, visibility="collaboration"
    )  # the owner's other shared process: another municipality is not led to it from here
    return services.process_create(
        user=konsulent,
        name="Enkeltydelse",
        bpmn_xml=two_task_bpmn(),
        owner_user=owner,
        unit=unit,
        visibility="collaboration",
        kle_code="32.18.08",
    )


def test_another_municipality_sees_name_and_title_never_login_or_email(owner, other_konsulent):
    assert work_contact(user=other_konsulent, person=owner) == WorkContact(
        "Hanne Holm", "Afdelingschef"
    )


def test_a_person_without_a_name_is_not_shown_by_user_name_to_another_municipality(
    make_user, konsulent, other_konsulent
):
    nameless = make_user(Role.KONSULENT, username="x123.helsingoer", job_title="Jurist")

    assert work_contact(user=konsulent, person=nameless) == WorkContact("x123.helsingoer", "Jurist")
    assert work_contact(user=other_konsulent, person=nameless) == WorkContact("", "Jurist")


def test_process_page_of_another_municipality_shows_name_title_and_unit(
    client, shared, other_konsulent
):
    client.force_login(other_konsulent)

    page = client.get(reverse("processes:process_detail", args=[shared.pk])).content.decode()

    assert "<dt>Procesejer (person)</dt><dd>Hanne Holm, Afdelingschef</dd>" in page
    assert "<dt>Enhed</dt><dd>Jobcenter Helsingør</dd>" in page
    assert USERNAME not in page
    assert EMAIL not in page
    assert "Hjælpemidler" not in page


def test_api_of_another_municipality_gives_name_and_title_but_no_id(
    client, shared, owner, konsulent, other_konsulent
):
    def get(user):
        headers = {"Authorization": f"Bearer {api_token_create(user=user, name='t')[1]}"}
        return client.get(f"/api/v1/processes/{shared.pk}", headers=headers)

    theirs, mine = get(other_konsulent), get(konsulent)

    fields = ("owner_user_id", "owner_name", "owner_job_title", "unit")
    assert [theirs.json()[f] for f in fields] == [
        None,
        "Hanne Holm",
        "Afdelingschef",
        "Jobcenter Helsingør",
    ]
    assert [mine.json()[f] for f in fields] == [
        owner.pk,
        "Hanne Holm",
        "Afdelingschef",
        "Jobcenter Helsingør",
    ]
    assert USERNAME not in theirs.content.decode()
    assert EMAIL not in theirs.content.decode()


def test_catalogue_comparison_and_search_never_show_login_or_email(client, shared, other_konsulent):
    client.force_login(other_konsulent)

    pages = [
        client.get(reverse("catalogue:catalogue")),
        client.get(reverse("catalogue:catalogue_export", args=["csv"])),
        client.get(reverse("catalogue:comparison"), {"kle": "32.18.08"}),
        client.get(reverse("search:search"), {"q": "Enkeltydelse"}),
    ]

    assert [p.status_code for p in pages] == [200, 200, 200, 200]
    # The process is listed in the catalogue, its export and the search.
    assert ["Enkeltydelse" in p.content.decode() for p in pages] == [True, True, False, True]
    for page in pages:
        assert USERNAME not in page.content.decode()
        assert EMAIL not in page.content.decode()


def test_report_of_another_municipality_names_the_owner_with_title_only(shared, other_konsulent):
    from procesbank.reports import selectors as report_selectors
    from procesbank.reports.pdf import report_pdf
    from procesbank.reports.tests.test_report import pdf_text

    version = shared.versions.get()

    # What the report job writes for the other municipality's consultant (the job itself is
    # tested in reports/tests/test_report_job.py).
    report = report_selectors.version_report(user=other_konsulent, version_id=version.pk)
    text = pdf_text(report_pdf(report))

    assert "Procesejer Hanne Holm, Afdelingschef" in text
    assert "Enhed Jobcenter Helsingør" in text
    assert USERNAME not in text
    assert EMAIL not in text
    # The revision history names the person who saved (konsulent.helsingoer, without a
    # name), never by the user name.
    assert "konsulent.helsingoer" not in text
