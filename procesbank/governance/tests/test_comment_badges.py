"""The count badges of commented diagram elements: counted from the comments the reader may
see, served to the process page's diagram for the own municipality only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from procesbank.governance import selectors, services
from procesbank.governance.tests.conftest import fresh
from procesbank.processes import services as process_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def commented(version, konsulent):
    """T1 twice, T2 once, the whole version once."""
    for text, element in [("a", "T1"), ("b", "T2"), ("c", ""), ("d", "T1")]:
        services.review_comment_add(
            user=konsulent, version=fresh(version), text=text, element_id=element
        )
    return version


def test_badges_count_each_elements_comments_in_order_of_the_first(konsulent, commented):
    comments = selectors.comment_list(user=konsulent, version=commented)

    badges = selectors.comment_badges(comments=comments)

    assert badges == [
        {"element": "T1", "name": "Registrér ansøgning", "count": 2},
        {"element": "T2", "name": "Træf afgørelse", "count": 1},
    ]


def test_another_municipality_counts_no_badges(other_konsulent, commented):
    comments = selectors.comment_list(user=other_konsulent, version=commented)

    assert selectors.comment_badges(comments=comments) == []


def test_badge_list_of_the_own_version(client, konsulent, commented):
    client.force_login(konsulent)

    response = client.get(reverse("governance:comment_badges", args=[commented.pk]))

    assert response.json() == {
        "review_url": reverse("governance:version_review", args=[commented.pk]),
        "badges": [
            {"element": "T1", "name": "Registrér ansøgning", "count": 2},
            {"element": "T2", "name": "Træf afgørelse", "count": 1},
        ],
    }


def test_badge_list_of_a_shared_version_of_another_municipality_is_404(
    client, konsulent, other_konsulent, process, commented
):
    process_services.process_update(
        user=konsulent, process=process, lock_version=process.lock_version, visibility="public"
    )
    client.force_login(other_konsulent)

    response = client.get(reverse("governance:comment_badges", args=[commented.pk]))

    assert response.status_code == 404


def test_review_page_marks_commented_comments_and_embeds_the_badges(client, konsulent, commented):
    client.force_login(konsulent)

    content = client.get(reverse("governance:version_review", args=[commented.pk])).content
    text = content.decode()

    assert text.count('data-element="T1" tabindex="-1"') == 2
    assert text.count('data-element="T2" tabindex="-1"') == 1
    assert '"element": "T1", "name": "Registr\\u00e9r ans\\u00f8gning", "count": 2' in text
