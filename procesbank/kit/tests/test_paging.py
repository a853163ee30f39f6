"""Page-limited counting (kit/paging.py): exact up to the cap, "over N" beyond it, and the
database never counts more than cap + 1 rows, however many there are."""

from __future__ import annotations

from django.db.models.functions import Length, Upper
from django.urls import reverse

from procesbank.kit.paging import (
    CappedPaginator,
    RankedRows,
    capped_count,
    page_and_count,
    with_total_rows,
)
from procesbank.organisations.models import AuditEntry, Municipality, Role, User
from procesbank.organisations.tests.factories import MunicipalityFactory
from procesbank.processes import services as process_services
from procesbank.processes.tests.conftest import two_task_bpmn


def _processes(user, count: int) -> None:
    for number in range(count):
        process_services.process_create(
            user=user, name=f"Proces {number}", bpmn_xml=two_task_bpmn()
        )


def test_capped_count_is_exact_up_to_the_cap(make_user):
    for number in range(3):
        make_user(username=f"bruger{number}")

    assert capped_count(User.objects.filter(username__startswith="bruger"), cap=3) == (3, False)
    assert capped_count(User.objects.filter(username__startswith="bruger"), cap=2) == (2, True)
    assert capped_count([1, 2, 3], cap=5) == (3, False)


def test_capped_count_asks_the_database_for_at_most_cap_plus_one_rows(
    make_user, django_assert_num_queries
):
    for number in range(4):
        make_user(username=f"bruger{number}")

    with django_assert_num_queries(1) as counted:
        count, capped = capped_count(
            User.objects.order_by("username").annotate(shouted=Upper("username")), cap=2
        )

    assert (count, capped) == (2, True)
    [query] = counted.captured_queries
    assert "LIMIT 3" in query["sql"]
    assert "ORDER BY" not in query["sql"]
    assert "UPPER" not in query["sql"]  # an annotation the count does not need is not computed


def test_capped_paginator_offers_the_pages_within_the_cap(make_user):
    for number in range(7):
        make_user(username=f"bruger{number}")
    users = User.objects.filter(username__startswith="bruger").order_by("username")

    capped = CappedPaginator(users, 2, cap=5)
    exact = CappedPaginator(users, 2, cap=10)

    # Cap 5 at 2 a page: 5 counted, pages 1-3 offered, the third holding one user (the 5th).
    assert (capped.count, capped.capped, capped.num_pages) == (5, True, 3)
    assert [u.username for u in capped.page(3)] == ["bruger4"]
    assert (exact.count, exact.capped, exact.num_pages) == (7, False, 4)


def test_process_list_says_over_the_cap(client, konsulent, settings):
    settings.PROCESBANK_COUNT_CAP = 3
    _processes(konsulent, 4)
    client.force_login(konsulent)

    page = client.get(reverse("processes:process_list")).content.decode()

    assert "Over 3 processer" in page
    assert "4 processer" not in page


def test_process_list_counts_exactly_under_the_cap(client, konsulent, settings):
    settings.PROCESBANK_COUNT_CAP = 4
    _processes(konsulent, 4)
    client.force_login(konsulent)

    page = client.get(reverse("processes:process_list")).content.decode()

    assert "4 processer" in page
    assert "Over " not in page


def test_process_search_count_is_capped(client, konsulent, settings):
    settings.PROCESBANK_COUNT_CAP = 2
    _processes(konsulent, 3)
    client.force_login(konsulent)

    page = client.get(reverse("processes:process_list"), {"q": "Proces"}).content.decode()

    assert "Over 2 processer" in page


def test_catalogue_count_is_capped(client, konsulent, other_konsulent, settings):
    settings.PROCESBANK_COUNT_CAP = 2
    for number in range(3):
        process_services.process_create(
            user=konsulent,
            name=f"Delt {number}",
            bpmn_xml=two_task_bpmn(),
            visibility="collaboration",
        )
    client.force_login(other_konsulent)

    page = client.get(reverse("catalogue:catalogue")).content.decode()

    assert "Over 2 delte processer" in page


def test_audit_log_pages_within_the_cap(client, make_user, settings):
    settings.PROCESBANK_COUNT_CAP = 60
    admin = make_user(Role.KOMMUNEADMIN, username="admin.helsingoer")
    AuditEntry.objects.bulk_create(
        AuditEntry(
            municipality=admin.municipality,
            user=admin,
            username=admin.username,
            action=AuditEntry.Action.UPDATE,
            object_type="Proces",
            object_id=str(number),
            object_repr=f"Proces {number}",
        )
        for number in range(61)
    )
    client.force_login(admin)

    response = client.get(reverse("organisations:audit_log"))

    paginator = response.context["page"].paginator
    assert (paginator.count, paginator.capped, paginator.num_pages) == (60, True, 2)
    assert "Side 1 af over 2" in response.content.decode()


def test_api_list_count_stops_at_the_cap(client, konsulent, settings):
    settings.PROCESBANK_COUNT_CAP = 2
    _processes(konsulent, 3)
    client.force_login(konsulent)

    body = client.get("/api/v1/processes").json()

    # Three processes, the count stops at the cap of 2, and every row of the page is there.
    assert (body["count"], body["count_capped"], len(body["items"])) == (2, True, 3)


def test_api_list_count_is_exact_under_the_cap(client, konsulent, settings):
    settings.PROCESBANK_COUNT_CAP = 3
    _processes(konsulent, 3)
    client.force_login(konsulent)

    body = client.get("/api/v1/processes", {"page_size": 2, "page": 2}).json()

    assert (body["count"], body["count_capped"]) == (3, False)
    assert [p["name"] for p in body["items"]] == ["Proces 2"]


def test_page_and_count_reads_the_number_from_the_page_query(make_user, django_assert_num_queries):
    for number in range(5):
        make_user(username=f"bruger{number}")
    users = with_total_rows(User.objects.filter(username__startswith="bruger")).order_by("username")

    with django_assert_num_queries(1):
        page, count, capped = page_and_count(users, slice(2, 4), cap=4)

    # Five users, the cap 4: the count stops at 4; the page holds the 3rd and 4th by name.
    assert ([u.username for u in page], count, capped) == (["bruger2", "bruger3"], 4, True)


def test_page_and_count_counts_a_page_past_the_end_apart(make_user):
    for number in range(3):
        make_user(username=f"bruger{number}")
    users = with_total_rows(User.objects.filter(username__startswith="bruger")).order_by("username")

    page, count, capped = page_and_count(users, slice(50, 100), cap=10)

    assert (list(page), count, capped) == ([], 3, False)


def _ranked_users() -> RankedRows:
    # Ranked by the length of the name, longest first; equal lengths by name.
    users = User.objects.filter(username__startswith="bruger")
    return RankedRows(users, Length("username"), then=("username", "pk"))


def test_ranked_rows_page_in_rank_order_with_the_count_from_the_ranking_query(
    make_user, django_assert_num_queries
):
    for name in ["bruger1", "bruger22", "bruger3", "bruger444", "bruger5"]:
        make_user(username=name)

    with django_assert_num_queries(2):  # the ranking (and count), then the page's rows
        page, count, capped = page_and_count(_ranked_users(), slice(1, 3), cap=4)

    # Lengths 9, 8, 7, 7, 7: bruger444, bruger22, then bruger1, bruger3, bruger5 by name.
    assert [(u.username, u.rank, u.total_rows) for u in page] == [
        ("bruger22", 8, 5),
        ("bruger1", 7, 5),
    ]
    assert (count, capped) == (4, True)


def test_ranked_rows_are_counted_without_being_ranked(make_user, django_assert_num_queries):
    for number in range(3):
        make_user(username=f"bruger{number}")

    with django_assert_num_queries(1) as counted:
        assert capped_count(_ranked_users(), cap=10) == (3, False)

    assert "LENGTH" not in counted.captured_queries[0]["sql"]


def test_a_paginator_pages_ranked_rows(make_user):
    for name in ["bruger1", "bruger22", "bruger3"]:
        make_user(username=name)

    paginator = CappedPaginator(_ranked_users(), 2, cap=10)

    assert (paginator.count, paginator.num_pages) == (3, 2)
    assert [u.username for u in paginator.page(1)] == ["bruger22", "bruger1"]
    assert [u.username for u in paginator.page(2)] == ["bruger3"]
    assert list(_ranked_users()[5:7]) == []


def test_a_paginator_counts_ranked_rows_in_the_query_that_ranks_the_page(
    make_user, django_assert_num_queries
):
    for name in ["bruger1", "bruger22", "bruger3", "bruger444", "bruger5"]:
        make_user(username=name)

    with django_assert_num_queries(2):  # the ranking (and count), then the page's rows
        page = CappedPaginator(_ranked_users(), 2, cap=10).get_page("2")
    past_the_end = CappedPaginator(_ranked_users(), 2, cap=10).get_page(9)
    not_a_number = CappedPaginator(_ranked_users(), 2, cap=10).get_page("x")

    # Lengths 9, 8, 7, 7, 7: page 2 of 2 a page holds the 3rd and 4th, of 3 pages.
    assert [u.username for u in page] == ["bruger1", "bruger3"]
    assert (page.paginator.count, page.paginator.num_pages, page.number) == (5, 3, 2)
    assert ([u.username for u in past_the_end], past_the_end.number) == (["bruger5"], 3)
    assert [u.username for u in not_a_number] == ["bruger444", "bruger22"]


def _kept_ranked_users(head: int = 2) -> RankedRows:
    # Kept under the stamp of municipalities (a watched model; users are not watched).
    users = User.objects.filter(username__startswith="bruger")
    return RankedRows(
        users,
        Length("username"),
        then=("username", "pk"),
        cache_key="test-users",
        cache_models=(Municipality,),
        head=head,
    )


def test_kept_ranked_rows_read_a_page_within_the_head_without_ranking_again(
    make_user, django_assert_num_queries
):
    for name in ["bruger1", "bruger22", "bruger3", "bruger444", "bruger5"]:
        make_user(username=name)
    with django_assert_num_queries(3):  # the stamp, the ranking of the head, the page's rows
        first = page_and_count(_kept_ranked_users(), slice(0, 2), cap=10)

    with django_assert_num_queries(2):  # the stamp, the page's rows
        again = page_and_count(_kept_ranked_users(), slice(0, 2), cap=10)

    # Lengths 9, 8, 7, 7, 7: the head holds bruger444 and bruger22; 5 hits in all.
    assert [(u.username, u.rank, u.total_rows) for u in again[0]] == [
        ("bruger444", 9, 5),
        ("bruger22", 8, 5),
    ]
    assert (again[1], again[2]) == (first[1], first[2]) == (5, False)


def test_kept_ranked_rows_rank_a_page_past_the_head_again(make_user, django_assert_num_queries):
    for name in ["bruger1", "bruger22", "bruger3", "bruger444", "bruger5"]:
        make_user(username=name)
    page_and_count(_kept_ranked_users(), slice(0, 2), cap=10)

    with django_assert_num_queries(2):  # the ranking of the window, the page's rows
        past = page_and_count(_kept_ranked_users(), slice(2, 4), cap=10)

    assert [u.username for u in past[0]] == ["bruger1", "bruger3"]
    assert (past[1], past[2]) == (5, False)


def test_kept_ranked_rows_are_counted_from_the_kept_number_within_the_cap(
    make_user, django_assert_num_queries
):
    for name in ["bruger1", "bruger22", "bruger3", "bruger444", "bruger5"]:
        make_user(username=name)
    kept = _kept_ranked_users()
    page_and_count(kept, slice(0, 2), cap=10)

    with django_assert_num_queries(1):  # the stamp: the number is the kept one
        assert capped_count(_kept_ranked_users(), cap=4) == (4, True)
    assert capped_count(_kept_ranked_users(), cap=5) == (5, False)
    with django_assert_num_queries(0):  # kept once per instance: its page read the stamp
        assert capped_count(kept, cap=10) == (5, False)
    assert len(_kept_ranked_users()) == 5


def test_kept_ranked_rows_are_ranked_again_after_a_write_to_their_models(make_user):
    for name in ["bruger1", "bruger22"]:
        make_user(username=name)
    assert [u.username for u in _kept_ranked_users()[0:2]] == ["bruger22", "bruger1"]
    make_user(username="bruger333")

    unchanged = [u.username for u in _kept_ranked_users()[0:2]]  # no watched model written
    MunicipalityFactory(name="Fanø", code="563", slug="fanoe")

    assert unchanged == ["bruger22", "bruger1"]
    assert [u.username for u in _kept_ranked_users()[0:2]] == ["bruger333", "bruger22"]
