"""The process list's number without a search (issue #20) is kept per filters and viewer's
scope under the stamp of processes: every write that changes it shows on the next page, and no
viewer is given the number kept for another municipality's scope."""

from __future__ import annotations

import pytest

from procesbank.kit.paging import capped_count, page_and_count
from procesbank.processes import services
from procesbank.processes.selectors import ProcessFilters, process_list_paged

pytestmark = pytest.mark.django_db


def counted(user, **filters) -> int:
    """The list's number as the list page and the API read it."""
    count, _capped = capped_count(process_list_paged(user=user, filters=ProcessFilters(**filters)))
    return count


def test_the_number_again_reads_the_stamp_only(konsulent, make_process, django_assert_num_queries):
    make_process(name="Byggetilladelse")
    make_process(name="Parkeringstilladelse")
    assert counted(konsulent) == 2

    with django_assert_num_queries(1):  # the stamp
        assert counted(konsulent) == 2


def test_a_new_and_a_deleted_process_change_the_next_number(konsulent, make_process):
    first = make_process(name="Byggetilladelse")
    before = counted(konsulent)
    make_process(name="Parkeringstilladelse")
    after_new = counted(konsulent)
    services.process_delete(user=konsulent, process=first)

    assert (before, after_new, counted(konsulent)) == (1, 2, 1)


def test_sharing_and_unsharing_change_the_partners_number(konsulent, other_konsulent, make_process):
    theirs = make_process(user=other_konsulent, name="Byggetilladelse", visibility="own")
    before = counted(konsulent)
    shared = services.process_update(
        user=other_konsulent,
        process=theirs,
        lock_version=theirs.lock_version,
        visibility="collaboration",
    )
    while_shared = counted(konsulent)
    services.process_update(
        user=other_konsulent, process=shared, lock_version=shared.lock_version, visibility="own"
    )

    assert (before, while_shared, counted(konsulent)) == (0, 1, 0)


def test_a_viewer_of_another_municipality_never_gets_the_number_kept_for_this_one(
    konsulent, other_konsulent, stranger, make_process
):
    make_process(name="Helsingør privat 1", visibility="own")
    make_process(name="Helsingør privat 2", visibility="own")
    make_process(user=other_konsulent, name="Gribskov privat", visibility="own")
    make_process(user=stranger, name="Aarhus delt", visibility="collaboration")

    # Each counts right after the other, with the same filters.
    assert counted(konsulent) == 2
    assert counted(other_konsulent) == 1
    assert counted(stranger) == 1  # Aarhus: another collaboration; only its own
    assert counted(konsulent) == 2


def test_the_page_and_its_number_agree(konsulent, make_process):
    for number in range(3):
        make_process(name=f"Proces {number}")

    rows, count, capped = page_and_count(
        process_list_paged(user=konsulent, filters=ProcessFilters()), slice(0, 2)
    )

    assert ([row.name for row in rows], count, capped) == (["Proces 0", "Proces 1"], 3, False)
