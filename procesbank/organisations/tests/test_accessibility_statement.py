"""The footer links the accessibility statement: the municipality's own (set by its admin),
else the installation's setting, else Procesbank's own page (issue 19, finding 10)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from procesbank.organisations.models import AuditEntry, Role
from procesbank.organisations.services import municipality_accessibility_statement_update

pytestmark = pytest.mark.django_db

WAS = "https://www.was.digst.dk/helsingoer-dk-procesbank"


def _footer_link(client) -> str:
    html = client.get(reverse("web:home")).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    return footer.split('">Tilgængelighedserklæring</a>')[0].rsplit('<a href="', 1)[1]


def test_without_any_statement_the_footer_links_procesbanks_own_page(client, konsulent):
    client.force_login(konsulent)

    assert _footer_link(client) == reverse("web:accessibility")
    assert client.get(reverse("web:accessibility")).status_code == 200


def test_the_installations_statement_is_linked_when_set(client, konsulent, settings):
    settings.PROCESBANK_ACCESSIBILITY_STATEMENT_URL = "https://www.was.digst.dk/procesbank"
    client.force_login(konsulent)

    assert _footer_link(client) == "https://www.was.digst.dk/procesbank"


def test_the_municipalitys_own_statement_wins(client, make_user, konsulent, settings):
    settings.PROCESBANK_ACCESSIBILITY_STATEMENT_URL = "https://www.was.digst.dk/procesbank"
    admin = make_user(Role.KOMMUNEADMIN)
    client.force_login(admin)

    response = client.post(reverse("organisations:accessibility_statement_edit"), {"url": WAS})

    assert response.status_code == 302
    client.force_login(konsulent)
    assert _footer_link(client) == WAS
    entry = AuditEntry.objects.filter(object_type__icontains="municipality").latest("pk")
    assert entry.after["accessibility_statement_url"] == WAS


def test_another_municipalitys_statement_is_not_shown(client, make_user, other_konsulent):
    municipality_accessibility_statement_update(user=make_user(Role.KOMMUNEADMIN), url=WAS)
    client.force_login(other_konsulent)

    assert _footer_link(client) == reverse("web:accessibility")


def test_a_consultant_may_not_set_the_statement(konsulent):
    with pytest.raises(PermissionDenied):
        municipality_accessibility_statement_update(user=konsulent, url=WAS)


def test_a_link_that_is_no_address_is_refused_in_danish(client, make_user):
    client.force_login(make_user(Role.KOMMUNEADMIN))

    response = client.post(
        reverse("organisations:accessibility_statement_edit"), {"url": "ikke en adresse"}
    )

    assert response.status_code == 200
    assert "Indtast en gyldig URL." in response.content.decode()
