"""Forgotten password: Django's flow by e-mail, in Danish, throttled, and the same answer for
an address with and without an account."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from procesbank.organisations.models import Role

RESET = "/konto/glemt-adgangskode/"
DONE = "/konto/glemt-adgangskode/sendt/"


def _page(response) -> str:
    # The same page but for the per-response CSP nonce and CSRF token.
    text = re.sub(r'(nonce|value|content)="[^"]*"', "", response.content.decode())
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", text)


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def anne(make_user):
    return make_user(Role.KONSULENT, username="anne", email="anne@helsingor.dk")


def test_login_page_offers_a_forgotten_password_link(client, db):
    page = client.get(reverse("organisations:login")).content.decode()

    assert f'<a href="{RESET}">Glemt adgangskode?</a>' in page


def test_a_local_account_gets_a_danish_mail_whose_link_sets_a_new_password(client, anne):
    response = client.post(RESET, {"email": "Anne@Helsingor.dk"})

    assert response.status_code == 302
    assert response["Location"] == DONE
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anne@helsingor.dk"]
    assert message.subject == "Ny adgangskode til Procesbank"
    assert message.body.startswith("Hej anne\n")
    link = re.search(r"http://testserver(/konto/nulstil/\S+/)", message.body)
    assert link is not None

    form_page = client.get(link[1], follow=True)
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "Kaffe-og-kage-2026", "new_password2": "Kaffe-og-kage-2026"}
    )
    again = client.get(link[1], follow=True).content.decode()

    assert done["Location"] == reverse("organisations:password_reset_complete")
    anne.refresh_from_db()
    assert anne.check_password("Kaffe-og-kage-2026")
    assert "Linket er brugt eller udløbet. Bed om et nyt." in again


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, anne):
    known = client.post(RESET, {"email": "anne@helsingor.dk"}, follow=True)
    unknown = client.post(RESET, {"email": "ingen@eksempel.dk"}, follow=True)

    assert known.redirect_chain == unknown.redirect_chain == [(DONE, 302)]
    assert _page(known) == _page(unknown)
    assert [m.to for m in mail.outbox] == [["anne@helsingor.dk"]]


def test_an_account_without_a_local_password_gets_no_mail(client, anne):
    anne.set_unusable_password()
    anne.save()

    response = client.post(RESET, {"email": "anne@helsingor.dk"})

    assert response["Location"] == DONE
    assert mail.outbox == []


def test_an_address_gets_at_most_three_mails_an_hour_with_the_same_answer(client, anne):
    answers = [client.post(RESET, {"email": "anne@helsingor.dk"}) for _ in range(4)]

    assert [a["Location"] for a in answers] == [DONE] * 4
    assert len(mail.outbox) == 3


def test_a_client_over_its_limit_is_told_to_wait(client, settings, anne):
    settings.PASSWORD_RESET_PER_CLIENT = 2
    for number in range(2):
        client.post(RESET, {"email": f"person{number}@eksempel.dk"})

    refused = client.post(RESET, {"email": "anne@helsingor.dk"})

    assert refused.status_code == 200
    assert "For mange forsøg fra din forbindelse. Prøv igen om en time." in refused.content.decode()
    assert mail.outbox == []
