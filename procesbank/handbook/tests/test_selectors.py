"""Tenant isolation of every handbook selector: a user of another municipality sees what was
shared and nothing private; a municipality of another collaboration sees only public rows."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from procesbank.handbook import selectors
from procesbank.handbook.services import pages as page_services
from procesbank.handbook.tests.factories import make_page, make_template
from procesbank.organisations.models import Role
from procesbank.organisations.tests.factories import CollaborationFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(konsulent):
    return {
        "own": make_page(konsulent, title="Privat side", visibility="own"),
        "collaboration": make_page(konsulent, title="Delt side", visibility="collaboration"),
        "public": make_page(konsulent, title="Offentlig side", visibility="public"),
    }


@pytest.fixture
def stranger(make_user):
    """A consultant of a municipality in another collaboration."""
    elsewhere = MunicipalityFactory(
        name="Aarhus", collaboration=CollaborationFactory(name="Østjylland")
    )
    return make_user(Role.KONSULENT, elsewhere)


def test_page_list_by_municipality(pages, konsulent, other_konsulent, stranger):
    titles = lambda user: set(selectors.page_list(user=user).values_list("title", flat=True))  # noqa: E731

    assert titles(konsulent) == {"Privat side", "Delt side", "Offentlig side"}
    assert titles(other_konsulent) == {"Delt side", "Offentlig side"}
    assert titles(stranger) == {"Offentlig side"}


def test_access_page_is_404_for_private_page_of_another(pages, other_konsulent):
    with pytest.raises(Http404):
        selectors.access_page(user=other_konsulent, page_id=pages["own"].pk)
    assert selectors.access_page(user=other_konsulent, page_id=pages["collaboration"].pk)


def test_access_page_for_edit(pages, konsulent, other_konsulent, make_user):
    assert selectors.access_page_for_edit(user=konsulent, page_id=pages["own"].pk)
    with pytest.raises(Http404):
        selectors.access_page_for_edit(user=other_konsulent, page_id=pages["own"].pk)
    with pytest.raises(PermissionDenied):
        selectors.access_page_for_edit(user=other_konsulent, page_id=pages["collaboration"].pk)
    with pytest.raises(PermissionDenied):
        selectors.access_page_for_edit(user=make_user(Role.LAESER), page_id=pages["own"].pk)


def test_can_edit_page_and_can_create(pages, konsulent, other_konsulent, make_user):
    assert selectors.can_edit_page(user=konsulent, page=pages["collaboration"])
    assert not selectors.can_edit_page(user=other_konsulent, page=pages["collaboration"])
    assert selectors.can_create(user=other_konsulent)
    assert not selectors.can_create(user=make_user(Role.LAESER))


def test_versions_and_comparison_follow_the_page(pages, konsulent, other_konsulent):
    page = pages["own"]
    page_services.page_update(user=konsulent, page=page, lock_version=1, body="Ny tekst")

    _page, versions = selectors.version_list(user=konsulent, page_id=page.pk)
    assert [v.number for v in versions] == [2, 1]
    assert selectors.access_page_version(user=konsulent, page_id=page.pk, number=1).number == 1
    comparison = selectors.version_comparison(user=konsulent, page_id=page.pk, before=1, after=2)
    assert [(ln.kind, ln.left, ln.right) for ln in comparison.lines if ln.kind != "same"] == [
        ("changed", "# Navngivning", "Ny tekst"),
        ("removed", "", ""),
        ("removed", "Opgaver navngives med udsagnsord og navneord.", ""),
    ]
    for call in (
        lambda: selectors.version_list(user=other_konsulent, page_id=page.pk),
        lambda: selectors.access_page_version(user=other_konsulent, page_id=page.pk, number=1),
        lambda: selectors.version_comparison(
            user=other_konsulent, page_id=page.pk, before=1, after=2
        ),
    ):
        with pytest.raises(Http404):
            call()


def test_handbook_sections_hold_every_section_in_order(pages, other_konsulent):
    sections = selectors.handbook_sections(user=other_konsulent)

    assert [s.section.value for s in sections][:2] == ["mapping", "times"]
    assert len(sections) == 7
    assert [p.title for p in sections[0].pages] == ["Delt side", "Offentlig side"]


def test_reviews_due_lists_only_own_pages(pages, konsulent, other_konsulent):
    from datetime import timedelta

    from django.utils import timezone

    later = timezone.localdate() + timedelta(days=400)

    assert len(selectors.reviews_due(user=konsulent, today=later)) == 3
    assert selectors.reviews_due(user=other_konsulent, today=later) == []
    assert selectors.reviews_due(user=konsulent) == []


def test_page_choices_and_readable_page(pages, konsulent, other_konsulent):
    labels = [label for _pk, label in selectors.page_choices(user=other_konsulent)]
    assert "Privat side (Helsingør)" not in labels
    assert "Delt side (Helsingør)" in labels
    assert selectors.readable_page(user=other_konsulent, page_id=pages["own"].pk) is None
    assert selectors.readable_page(user=konsulent, page_id=pages["own"].pk) == pages["own"]
    assert selectors.readable_page(user=konsulent, page_id=None) is None


def test_templates_are_isolated(konsulent, other_konsulent, stranger):
    private = make_template(konsulent, name="Privat skabelon", visibility="own")
    shared = make_template(konsulent, name="Delt skabelon")

    names = set(selectors.template_list(user=other_konsulent).values_list("name", flat=True))
    assert names == {"Delt skabelon"}
    assert not selectors.template_list(user=stranger).exists()
    for call in (
        lambda: selectors.access_template(user=other_konsulent, template_id=private.pk),
        lambda: selectors.template_versions(user=other_konsulent, template_id=private.pk),
        lambda: selectors.access_template_version(
            user=other_konsulent, template_id=private.pk, number=1
        ),
        lambda: selectors.access_template_for_edit(user=other_konsulent, template_id=private.pk),
    ):
        with pytest.raises(Http404):
            call()
    assert (
        selectors.access_template_version(
            user=other_konsulent, template_id=shared.pk, number=1
        ).size
        > 0
    )
    with pytest.raises(PermissionDenied):
        selectors.access_template_for_edit(user=other_konsulent, template_id=shared.pk)
    assert selectors.can_edit_template(user=konsulent, template=shared)
    assert not selectors.can_edit_template(user=other_konsulent, template=shared)
