"""Training modules link to the handbook's sections, and improvement actions to a handbook page
that the reader sees only if the page is theirs to read."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.urls import reverse

from procesbank.competence import services
from procesbank.competence.models import ImprovementAction
from procesbank.handbook.tests.factories import make_page
from procesbank.organisations.models import AuditEntry, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user):
    return make_user(Role.SAMARBEJDSADMIN)


@pytest.fixture
def workshop(admin):
    return services.workshop_create(
        user=admin, title="Erfaringsworkshop", held_on=datetime.date(2026, 9, 1)
    )


def test_action_points_to_a_readable_page(admin, workshop, konsulent):
    page = make_page(konsulent, title="Tidsmåling", visibility="collaboration")

    action = services.action_create(
        user=admin, workshop=workshop, title="Ret tidsmålingssiden", owner=konsulent,
        deadline=datetime.date(2026, 10, 1), handbook_page_id=page.pk,
    )  # fmt: skip

    assert action.handbook_page == page


def test_action_cannot_point_to_a_page_the_admin_may_not_read(admin, workshop, other_konsulent):
    private = make_page(other_konsulent, title="Gribskovs egen", visibility="own")

    with pytest.raises(ValidationError):
        services.action_create(
            user=admin, workshop=workshop, title="X", owner=other_konsulent,
            deadline=datetime.date(2026, 10, 1), handbook_page_id=private.pk,
        )  # fmt: skip
    assert not ImprovementAction.objects.exists()


def test_page_link_is_shown_only_to_readers_of_the_page(
    admin, workshop, konsulent, other_konsulent
):
    page = make_page(konsulent, title="Helsingørs interne side", visibility="own")
    action = services.action_create(
        user=admin, workshop=workshop, title="Opdatér siden", owner=konsulent,
        deadline=datetime.date(2026, 10, 1), handbook_page_id=page.pk,
    )  # fmt: skip
    tag = Template("{% load handbook_links %}{% handbook_page_link page_id %}")

    own = tag.render(Context({"user": konsulent, "page_id": action.handbook_page_id}))
    other = tag.render(Context({"user": other_konsulent, "page_id": action.handbook_page_id}))

    assert own == (
        f'<a class="handbook-link" href="{reverse("handbook:page_detail", args=[page.pk])}">'
        "Helsingørs interne side</a>"
    )
    assert other == ""


def test_workshop_page_shows_the_action_link(client, admin, workshop, konsulent):
    page = make_page(konsulent, title="Gevinstrealisering i praksis")
    services.action_create(
        user=admin, workshop=workshop, title="Skabelon til gevinstdiagram", owner=konsulent,
        deadline=datetime.date(2026, 10, 1), handbook_page_id=page.pk,
    )  # fmt: skip
    client.force_login(konsulent)

    html = client.get(reverse("competence:workshop_detail", args=[workshop.pk])).content.decode()

    assert reverse("handbook:page_detail", args=[page.pk]) in html


def test_module_links_to_its_section(admin):
    programme = services.programme_create(
        user=admin, name="Procesuddannelse", supplier="Leverandør", modules=["Gevinster"]
    )
    module = programme.modules.get()

    services.module_handbook_section_set(user=admin, module=module, section="benefits")

    module.refresh_from_db()
    assert module.handbook_section == "benefits"
    assert AuditEntry.objects.filter(object_type="competence.Module").count() == 1
    rendered = Template("{% load handbook_links %}{% handbook_section_link section name %}").render(
        Context({"section": module.handbook_section, "name": module.name})
    )
    assert rendered == (
        f'<a href="{reverse("handbook:index")}#afsnit-benefits" title="Gevinstrealisering">'
        "Gevinster</a>"
    )
    with pytest.raises(ValidationError):
        services.module_handbook_section_set(user=admin, module=module, section="nonsense")


def test_access_module_is_the_collaborations_own(admin):
    from django.http import Http404

    from procesbank.competence import selectors
    from procesbank.competence.tests import factories

    programme = services.programme_create(
        user=admin, name="Eget forløb", supplier="Lev", modules=["Modul"]
    )
    foreign_admin = factories.collaboration_admin(factories.foreign_municipality())
    foreign = services.programme_create(
        user=foreign_admin, name="Fremmed forløb", supplier="Lev", modules=["Modul"]
    )

    assert selectors.access_module(user=admin, module_id=programme.modules.get().pk)
    with pytest.raises(Http404):
        selectors.access_module(user=admin, module_id=foreign.modules.get().pk)


def test_the_administrator_links_a_module_on_the_overview(client, admin):
    programme = services.programme_create(
        user=admin, name="Forløb", supplier="Lev", modules=["Procesoptimering"]
    )
    module = programme.modules.get()
    client.force_login(admin)

    response = client.post(
        reverse("competence:module_handbook_section", args=[module.pk]),
        {"handbook_section": "mapping"},
        follow=True,
    )

    module.refresh_from_db()
    assert module.handbook_section == "mapping"
    assert f"{reverse('handbook:index')}#afsnit-mapping" in response.content.decode()
