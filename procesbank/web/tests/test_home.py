"""The start page: panels from the registry, each with what the user works on, empty states that
say how a panel fills, role-fitting pages for readers and administrators, no other
municipality's private data in any panel, and a number of queries that does not grow with the
data."""

from __future__ import annotations

import datetime
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from procesbank.benefits import services as benefit_services
from procesbank.benefits.startpage import benefits_due_for
from procesbank.catalogue import services as catalogue_services
from procesbank.catalogue.models import UserMark
from procesbank.catalogue.startpage import followed_candidates
from procesbank.competence import services as competence_services
from procesbank.competence.models import ImprovementAction
from procesbank.competence.startpage import open_actions_for
from procesbank.competence.tests.factories import (
    collaboration_admin,
    foreign_municipality,
    make_workshop,
)
from procesbank.knowledge import services as knowledge_services
from procesbank.knowledge.startpage import followed_questions
from procesbank.knowledge.tests.factories import AnswerFactory, QuestionFactory
from procesbank.organisations.audit import audit_record
from procesbank.organisations.models import AuditEntry, Municipality, Role, User
from procesbank.organisations.tests.factories import PASSWORD
from procesbank.processes import services as process_services
from procesbank.processes.startpage import processes_edited_by, processes_recently_updated
from procesbank.processes.tests.conftest import two_task_bpmn
from procesbank.projects import services as project_services
from procesbank.projects.models import Project
from procesbank.web.models import Visit
from procesbank.web.visits import visit_record_login

pytestmark = pytest.mark.django_db

SECRET = "Hemmelig"  # in the name of every private row of Gribskov (the other municipality)


def _benefit(user: User, project: Project, name: str) -> object:
    # Quarterly from 1 January 2026 with no measurement: due 1 April 2026.
    return benefit_services.benefit_create(
        user=user, project=project, name=name, owner=user, kpi_name="Sagsbehandlingstid",
        kpi_unit="dage", baseline_value=Decimal(30), baseline_date=date(2026, 1, 1),
        target_value=Decimal(10), target_date=date(2027, 1, 1), schedule="quarterly",
    )  # fmt: skip


def _fill(konsulent: User, other: User, n: int = 1, tag: str = "") -> SimpleNamespace:
    """``n`` of each thing a panel shows for ``konsulent``, and Gribskov's private twins that
    point at ``konsulent`` too (owner, follower) so that only tenancy keeps them out."""
    admin = collaboration_admin(konsulent.municipality)
    workshop = make_workshop(admin, title=f"Opfølgning på holdet {tag}")
    knowledge_services.topic_follow_set(user=konsulent, topics=["tidsmaaling"])
    own = SimpleNamespace(processes=[], projects=[], candidates=[], questions=[], actions=[])
    for i in range(n):
        own.processes.append(
            process_services.process_create(
                user=konsulent, name=f"Helsingørs proces {tag}{i}", bpmn_xml=two_task_bpmn()
            )
        )
        project = project_services.project_create(
            user=konsulent, name=f"Helsingørs projekt {tag}{i}", owner=konsulent
        )
        own.projects.append(project)
        _benefit(konsulent, project, f"Helsingørs gevinst {tag}{i}")
        candidate = catalogue_services.candidate_create(
            user=other, title=f"Gribskovs delte kandidat {tag}{i}", visibility="collaboration"
        )
        catalogue_services.mark_toggle(
            user=konsulent, candidate=candidate, kind=UserMark.Kind.FOLLOW
        )
        own.candidates.append(candidate)
        own.questions.append(QuestionFactory(author=other, title=f"Delt spørgsmål {tag}{i}"))
        own.actions.append(
            competence_services.action_create(
                user=admin,
                workshop=workshop,
                title=f"Helsingørs handling {tag}{i}",
                owner=konsulent,
                deadline=date(2026, 1, 10 + i),
            )
        )
        # Gribskov's private rows, each tied to konsulent where the data allows it.
        process_services.process_create(
            user=other, name=f"{SECRET} proces {tag}{i}", bpmn_xml=two_task_bpmn(), visibility="own"
        )
        secret_project = project_services.project_create(
            user=other, name=f"{SECRET} projekt {tag}{i}"
        )
        Project.objects.filter(pk=secret_project.pk).update(owner=konsulent)
        secret_benefit = _benefit(other, secret_project, f"{SECRET} gevinst {tag}{i}")
        type(secret_benefit).objects.filter(pk=secret_benefit.pk).update(owner=konsulent)
        secret_candidate = catalogue_services.candidate_create(
            user=other, title=f"{SECRET} kandidat {tag}{i}", visibility="own"
        )
        UserMark.objects.create(
            user=konsulent, candidate=secret_candidate, kind=UserMark.Kind.FOLLOW
        )
        QuestionFactory(author=other, title=f"{SECRET} spørgsmål {tag}{i}", visibility="own")
    # An action of another collaboration's workshop naming konsulent (the service refuses an
    # owner from outside the collaboration; the row is made directly to prove the read).
    stranger = Municipality.objects.filter(slug="fremmedby").first() or foreign_municipality()
    stranger_admin = collaboration_admin(stranger)
    ImprovementAction.objects.create(
        workshop=make_workshop(stranger_admin, title=f"{SECRET} workshop {tag}"),
        title=f"{SECRET} handling {tag}",
        owner=konsulent,
        deadline=date(2026, 1, 1),
    )
    return own


@pytest.fixture
def world(konsulent, other_konsulent):
    return _fill(konsulent, other_konsulent)


def _home(client, user: User) -> str:
    client.force_login(user)
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    return response.content.decode()


# --- the panels with data --------------------------------------------------------------------
def test_a_consultant_sees_each_panel_with_their_work(client, konsulent, world):
    page = _home(client, konsulent)

    for heading in [
        "Hurtige handlinger",
        "Mine processer",
        "Mine projekter og deres næste fase",
        "Gevinster, der skal måles",
        "Dine handlinger",
        "Kandidater, du følger",
        "Spørgsmål, du følger",
        "Nyt i din kommune siden dit sidste besøg",
    ]:
        assert f">{heading}</h2>" in page, heading
    assert "Helsingørs proces 0" in page
    # A project in the idea phase goes to analysis once both process maps are linked.
    assert "Til Analyse: 0 af 1 kriterier opfyldt" in page
    assert "Helsingørs gevinst 0" in page
    assert "skulle måles 1.4.2026" in page
    assert "Helsingørs handling 0" in page
    assert "Gribskovs delte kandidat 0" in page
    assert "Delt spørgsmål 0" in page
    assert f'href="{reverse("processes:process_create")}"' in page
    assert f'href="{reverse("mining:eventlog_upload")}"' in page
    assert f'href="{reverse("catalogue:candidate_create")}"' in page


def test_no_panel_shows_another_municipality_s_private_rows(client, konsulent, world):
    page = _home(client, konsulent)

    assert SECRET not in page


def test_each_panel_explains_how_it_fills_when_empty(client, konsulent):
    page = _home(client, konsulent)

    assert "Du har ikke redigeret nogen processer endnu." in page
    assert "Du er ikke projektejer på nogen projekter." in page
    assert "Ingen af dine gevinster skal måles nu." in page
    assert "Du har ingen åbne forbedringshandlinger." in page
    assert "Du følger ingen automatiseringskandidater." in page
    assert "Du følger ingen spørgsmål endnu." in page
    assert "Det er dit første besøg" in page


def test_the_municipalities_have_their_own_page_linked_from_the_start(client, konsulent):
    page = _home(client, konsulent)

    assert "<table" not in page
    assert f'href="{reverse("organisations:municipality_list")}"' in page
    assert "1 kommune med 64.210 indbyggere" in page


# --- readers and administrators --------------------------------------------------------------
def test_a_reader_sees_the_library_s_latest_changes_and_no_editing(client, make_user, world):
    reader = make_user(Role.LAESER, username="laeser.helsingoer")

    page = _home(client, reader)

    assert ">Senest ændrede processer</h2>" in page
    assert "Helsingørs proces 0" in page
    assert ">Mine processer</h2>" not in page
    assert ">Mine projekter og deres næste fase</h2>" not in page
    assert reverse("processes:process_create") not in page
    assert f'href="{reverse("processes:process_list")}"' in page
    assert ">Administration</h2>" not in page
    assert SECRET not in page


def test_a_municipal_admin_gets_the_administration_panel_and_the_log(client, make_user, world):
    admin = make_user(Role.KOMMUNEADMIN, username="admin.helsingoer")

    page = _home(client, admin)

    assert ">Administration</h2>" in page
    assert f'href="{reverse("organisations:user_list")}"' in page
    assert f'href="{reverse("organisations:audit_log")}"' in page


# --- what changed since the last visit -------------------------------------------------------
def test_changes_are_those_after_the_previous_login(client, konsulent, other_konsulent):
    earlier = timezone.now() - datetime.timedelta(days=2)
    visit_record_login(user=konsulent, at=earlier - datetime.timedelta(days=1))
    visit_record_login(user=konsulent, at=timezone.now())  # this session; previous: day before
    AuditEntry.objects.filter(municipality=konsulent.municipality).delete()
    old = _audit(konsulent, "Gammel ændring")
    AuditEntry.objects.filter(pk=old.pk).update(at=earlier - datetime.timedelta(days=2))
    _audit(konsulent, "Ny ændring")
    _audit(other_konsulent, f"{SECRET} ændring")

    page = _home(client, konsulent)

    assert "Ny ændring" in page
    assert "Gammel ændring" not in page
    assert SECRET not in page
    assert "Siden du sidst loggede ind" in page


def _audit(user: User, name: str) -> AuditEntry:
    project = Project.objects.create(municipality=user.municipality, name=name)
    return audit_record(
        user=user, action="create", instance=project, municipality=user.municipality
    )


def test_a_consultant_does_not_see_the_administration_s_entries(client, konsulent, make_user):
    admin = make_user(Role.KOMMUNEADMIN, username="admin.helsingoer")
    audit_record(
        user=admin, action="update", instance=konsulent, municipality=konsulent.municipality
    )

    consultant_page = _home(client, konsulent)
    admin_page = _home(client, admin)

    assert "Ændret: konsulent.helsingoer" not in consultant_page
    assert "Ændret: konsulent.helsingoer" in admin_page


def test_logging_in_twice_keeps_the_first_login_as_the_previous_one(client, konsulent):
    credentials = {"username": konsulent.username, "password": PASSWORD}
    client.post(reverse("organisations:login"), credentials)
    first = Visit.objects.get(user=konsulent).current_login
    client.post(reverse("organisations:logout"))

    client.post(reverse("organisations:login"), credentials)

    visit = Visit.objects.get(user=konsulent)
    assert visit.previous_login == first
    assert visit.current_login > first


# --- the panels' reads, directly -------------------------------------------------------------
def test_panel_reads_of_the_other_municipality_see_nothing_private(
    konsulent, other_konsulent, world
):
    other_reads = [
        [p.name for p in processes_edited_by(user=other_konsulent)],
        [b.benefit.name for b in benefits_due_for(user=other_konsulent)],
        [c.title for c in followed_candidates(user=other_konsulent)],
        [a.title for a in open_actions_for(user=other_konsulent)],
    ]
    own_reads = [
        [p.name for p in processes_edited_by(user=konsulent)],
        [b.benefit.name for b in benefits_due_for(user=konsulent)],
        [c.title for c in followed_candidates(user=konsulent)],
        [a.title for a in open_actions_for(user=konsulent)],
        [q.title for q in followed_questions(user=konsulent)],
        [p.name for p in processes_recently_updated(user=konsulent)],
    ]

    # Gribskov's consultant edited only Gribskov's process, and owns, follows nothing.
    assert other_reads == [[f"{SECRET} proces 0"], [], [], []]
    assert own_reads[:5] == [
        ["Helsingørs proces 0"],
        ["Helsingørs gevinst 0"],
        ["Gribskovs delte kandidat 0"],
        ["Helsingørs handling 0"],
        ["Delt spørgsmål 0"],
    ]
    assert own_reads[5] == ["Helsingørs proces 0"]


def test_questions_i_answered_count_as_followed(konsulent, other_konsulent):
    question = QuestionFactory(author=other_konsulent, title="Hvem har styr på KPI?", topic="andet")
    AnswerFactory(question=question, author=konsulent)

    assert [q.title for q in followed_questions(user=konsulent)] == ["Hvem har styr på KPI?"]
    assert followed_questions(user=konsulent)[0].answer_count == 1


def test_a_measured_benefit_is_not_due_until_its_schedule_comes_round(konsulent):
    project = project_services.project_create(user=konsulent, name="Måling", owner=konsulent)
    benefit = _benefit(konsulent, project, "Målt gevinst")
    benefit_services.benefit_measurement_add(
        user=konsulent, benefit=benefit, value=Decimal(15), measured_on=date(2026, 10, 1)
    )

    # Quarterly: the next measurement is due 1 January 2027.
    assert benefits_due_for(user=konsulent, today=date(2026, 12, 31)) == []
    [due] = benefits_due_for(user=konsulent, today=date(2027, 1, 1))
    assert due.due_on == date(2027, 1, 1)
    assert due.last_measured == date(2026, 10, 1)


# --- bounded queries -------------------------------------------------------------------------
def _queries(client, user: User) -> int:
    client.force_login(user)
    client.get(reverse("web:home"))  # warm what a running server keeps between requests
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("web:home")).status_code == 200
    return len(context.captured_queries)


def test_the_start_page_runs_the_same_queries_on_three_times_the_data(
    client, konsulent, other_konsulent
):
    _fill(konsulent, other_konsulent, n=1)
    small = _queries(client, konsulent)
    _fill(konsulent, other_konsulent, n=3, tag="b")
    large = _queries(client, konsulent)

    assert large == small


def test_processes_i_edited_skip_those_i_may_no_longer_read_and_keep_the_latest_first(
    konsulent, other_konsulent
):
    from procesbank.processes.models import ProcessVersion, Revision

    own = [
        process_services.process_create(user=konsulent, name=f"Egen {i}", bpmn_xml=two_task_bpmn())
        for i in range(10)
    ]
    # Three of Gribskov's private processes whose revisions name the Helsingør consultant (as
    # if they had worked there), the newest edits of all: the panel must walk past them.
    foreign = [
        process_services.process_create(
            user=other_konsulent, name=f"{SECRET} {i}", bpmn_xml=two_task_bpmn()
        )
        for i in range(3)
    ]
    Revision.objects.filter(version__process__in=foreign).update(author=konsulent)
    base = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    # The versions' last change (also an edit of the consultant's) lies before every revision.
    ProcessVersion.objects.filter(process__in=own).update(
        updated_at=base - datetime.timedelta(days=1)
    )
    for minutes, process in enumerate(own + foreign):
        Revision.objects.filter(version__process=process).update(
            created_at=base + datetime.timedelta(minutes=minutes)
        )

    shown = processes_edited_by(user=konsulent, limit=8)

    assert [p.name for p in shown] == [f"Egen {i}" for i in range(9, 1, -1)]
    assert shown[0].my_last_edit == base + datetime.timedelta(minutes=9)
