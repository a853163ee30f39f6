"""The catalogue's lists put rows of equal names in id order (a name repeats across 98
municipalities; without the tiebreak their order changed between requests), and the API's
candidate list shows what the caller may read and nothing else."""

from __future__ import annotations

import pytest

from procesbank.catalogue import selectors, services
from procesbank.catalogue.selectors import CatalogueFilters
from procesbank.processes import services as process_services

pytestmark = pytest.mark.django_db


def test_candidates_of_equal_title_come_in_id_order_in_every_sort(konsulent, other_konsulent):
    # Gribskov's is created first: the older id comes first whichever municipality owns it.
    theirs = services.candidate_create(user=other_konsulent, title="Journalisering")
    ours = services.candidate_create(user=konsulent, title="Journalisering")

    for sort in ("name", "-updated", "kle", "-potential", "-saving", "-interest"):
        rows = selectors.catalogue_candidates(user=konsulent, filters=CatalogueFilters(sort=sort))
        api_rows = selectors.catalogue_candidate_rows(
            user=konsulent, filters=CatalogueFilters(sort=sort)
        )
        if sort == "-updated":  # the newer change first, then by title and id
            assert [c.pk for c in rows] == [ours.pk, theirs.pk]
        else:
            assert [c.pk for c in rows] == [theirs.pk, ours.pk], sort
        assert [c.pk for c in api_rows] == [c.pk for c in rows], sort


def test_shared_processes_of_equal_name_come_in_id_order(konsulent, other_konsulent):
    theirs = process_services.process_create(
        user=other_konsulent, name="Bevilling", visibility="collaboration"
    )
    ours = process_services.process_create(user=konsulent, name="Bevilling", visibility="public")

    rows = selectors.catalogue_processes(user=konsulent, filters=CatalogueFilters())

    assert [p.pk for p in rows] == [theirs.pk, ours.pk]


def test_api_candidate_rows_hide_another_municipalitys_own_candidate(konsulent, other_konsulent):
    services.candidate_create(user=konsulent, title="Egen", visibility="own")
    services.candidate_create(user=other_konsulent, title="Deres private", visibility="own")
    services.candidate_create(user=other_konsulent, title="Deres delte")

    own = selectors.catalogue_candidate_rows(user=konsulent, filters=CatalogueFilters())
    theirs = selectors.catalogue_candidate_rows(user=other_konsulent, filters=CatalogueFilters())

    assert [c.title for c in own] == ["Deres delte", "Egen"]
    assert [c.title for c in theirs] == ["Deres delte", "Deres private"]


def test_api_candidate_list_sends_the_list_columns_without_a_query_per_row(
    client, konsulent, other_konsulent, django_assert_max_num_queries
):
    services.candidate_create(user=other_konsulent, title="Deres delte", summary="Kort")
    client.force_login(konsulent)
    with django_assert_max_num_queries(20) as few:
        client.get("/api/v1/catalogue/candidates")
    for number in range(5):
        services.candidate_create(user=other_konsulent, title=f"Flere {number}")

    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get("/api/v1/catalogue/candidates").json()

    assert body["count"] == 6
    first = body["items"][0]
    assert (first["title"], first["summary"], first["municipality"]) == (
        "Deres delte",
        "Kort",
        "Gribskov",
    )
