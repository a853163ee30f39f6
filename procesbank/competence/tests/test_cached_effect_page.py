"""Effekt's two tables of a row per municipality are kept rendered under the stamp of what they
read (competence/views/effect.py): every kind of write they show is on the next request, and
a table kept for one reader never answers another (municipality, role, language, year)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from procesbank.benefits.tests.test_selector_isolation import project_with_benefit
from procesbank.competence import services
from procesbank.competence.tests import factories
from procesbank.knowledge import services as knowledge_services
from procesbank.organisations.audit import audit_record
from procesbank.organisations.models import AuditEntry, Role
from procesbank.projects import services as project_services

pytestmark = pytest.mark.django_db

LESSON = {"title": "T", "worked": "a", "did_not_work": "b", "advice": "c"}


def _effect_row(client, name: str) -> list[str]:
    """The cells of ``name``'s row in the per-municipality table, as text."""
    html = client.get(reverse("competence:effect_dashboard")).content.decode()
    table = html.split('id="effect-municipality-table"', 1)[1].split("</table>", 1)[0]
    row = table.split(f'<th scope="row">{name}</th>', 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", cell).split()) for cell in cells]


def _trained_consultant(admin, municipality, name: str, login=None):
    """A consultant of ``municipality`` with a passed exam (grade 7)."""
    cohort = factories.make_cohort(admin, {municipality: 1}, name=f"Hold {name}")
    consultant = factories.consultant(municipality, name, login=login)
    enrolment = services.enrolment_create(
        user=factories.municipal_admin(municipality), cohort=cohort, consultant=consultant
    )
    services.enrolment_grade_set(user=admin, enrolment=enrolment, grade=7, external_examiner=True)
    return consultant


def test_effect_table_shows_another_municipalitys_newly_trained_consultant(
    client, konsulent, own_municipality, other_municipality
):
    admin = factories.collaboration_admin(own_municipality)
    client.force_login(konsulent)
    before = _effect_row(client, "Gribskov")

    _trained_consultant(admin, other_municipality, "Ane")
    after = _effect_row(client, "Gribskov")

    # Trained, of them active (Ane has no login: never active).
    assert (before[:2], after[:2]) == (["0", "0"], ["1", "0"])


def test_effect_table_shows_a_consultant_turning_active_from_the_audit_log_alone(
    client, konsulent, own_municipality, other_municipality, make_user
):
    admin = factories.collaboration_admin(own_municipality)
    login = make_user(Role.KONSULENT, other_municipality, username="bo.gribskov")
    consultant = _trained_consultant(admin, other_municipality, "Bo", login=login)
    client.force_login(konsulent)
    before = _effect_row(client, "Gribskov")

    # An audit row of a process change by Bo, and no other write: only the audit log moves.
    audit_record(
        user=login,
        action=AuditEntry.Action.UPDATE,
        instance=consultant,
        municipality=other_municipality,
        after={"name": "Proces"},
    )
    AuditEntry.objects.filter(user=login).update(object_type="processes.process")
    after = _effect_row(client, "Gribskov")

    assert (before[:2], after[:2]) == (["1", "0"], ["1", "1"])


def test_effect_table_shows_another_municipalitys_new_project_and_lesson(
    client, konsulent, other_konsulent
):
    client.force_login(konsulent)
    before = _effect_row(client, "Gribskov")

    project = project_services.project_create(user=other_konsulent, name="Deres projekt")
    with_project = _effect_row(client, "Gribskov")
    knowledge_services.lesson_create(user=other_konsulent, project=project, **LESSON)
    with_lesson = _effect_row(client, "Gribskov")

    # Mapped / business case / owned benefits / lessons "af" projects.
    assert [before[-1], with_project[-1], with_lesson[-1]] == [
        "0 / 0 / 0 / 0 af 0",
        "0 / 0 / 0 / 0 af 1",
        "0 / 0 / 0 / 1 af 1",
    ]


def test_effect_table_kept_for_one_municipality_never_answers_another(
    client, konsulent, other_konsulent
):
    project_services.project_create(user=konsulent, name="Vores projekt")
    client.force_login(konsulent)
    own = client.get(reverse("competence:effect_dashboard")).content.decode()

    client.force_login(other_konsulent)
    other = client.get(reverse("competence:effect_dashboard")).content.decode()

    # Each reader's own projects figure links to the project list, the other's does not.
    link = f'<a href="{reverse("projects:project_list")}">'
    assert f"{link}1</a>" in own
    assert f"{link}0</a>" in other
    assert f"{link}1</a>" not in other


def test_benefits_table_kept_for_a_konsulent_never_answers_the_collaboration_admin(
    client, konsulent, other_konsulent, own_municipality, other_municipality
):
    project_with_benefit(other_konsulent, "Gribskovs projekt", 80_000)
    admin = factories.collaboration_admin(own_municipality)
    drill = f"?vis=gevinster&amp;kommune={other_municipality.pk}"
    client.force_login(konsulent)
    own = client.get(reverse("competence:effect_dashboard")).content.decode()

    client.force_login(admin)
    administrator = client.get(reverse("competence:effect_dashboard")).content.decode()

    # The administrator may open every municipality's projects; the konsulent only its own.
    assert drill not in own
    assert drill in administrator


def test_benefits_table_shows_another_municipalitys_new_benefit(client, konsulent, other_konsulent):
    client.force_login(konsulent)
    before = client.get(reverse("competence:effect_dashboard")).content.decode()

    project_with_benefit(other_konsulent, "Gribskovs projekt", 80_000)
    after = client.get(reverse("competence:effect_dashboard")).content.decode()

    def gribskov(html: str) -> str:
        table = html.split('id="benefits-table"', 1)[1].split("</table>", 1)[0]
        row = table.split('<th scope="row">Gribskov</th>', 1)[1].split("</tr>", 1)[0]
        return " ".join(re.sub(r"<[^>]+>", "", row).split())

    # Planned, realised (nothing measured: 0), benefits (of them unmeasured).
    assert gribskov(before) == "0 0 0 (0)"
    assert gribskov(after).endswith("1 (1)")


def test_effect_tables_kept_in_danish_never_answer_in_english(client, konsulent):
    client.force_login(konsulent)
    danish = client.get(reverse("competence:effect_dashboard")).content.decode()

    client.cookies["django_language"] = "en"
    english = client.get(reverse("competence:effect_dashboard")).content.decode()

    assert '<th scope="col" class="num">Heraf aktive</th>' in danish
    assert '<th scope="col" class="num">Heraf aktive</th>' not in english
    assert 'lang="en"' in english
    assert '<th scope="col" class="num">Planlagt (kr. pr. år)</th>' not in english
