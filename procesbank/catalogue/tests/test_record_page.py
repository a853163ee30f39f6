"""The candidate page unfolds the sections its phase has reached and any that already hold
something; the rest stay folded."""

from __future__ import annotations

import re

from django.urls import reverse


def _sections(client, candidate) -> dict[str, bool]:
    """Each record section's key and whether its <details> is open."""
    page = client.get(reverse("catalogue:candidate_detail", args=[candidate.pk])).content.decode()
    found = re.findall(
        r'<details class="card record-section" aria-labelledby="(\w+)-heading" ?(open)?>', page
    )
    return {key: bool(is_open) for key, is_open in found}


def test_a_vendor_entered_on_an_idea_opens_the_development_section(
    client, konsulent, make_candidate
):
    candidate = make_candidate(vendor="Netcompany")
    client.force_login(konsulent)

    sections = _sections(client, candidate)

    assert sections["development"] is True
    assert sections["operation"] is False
    assert sections["time_and_process"] is False


def test_an_idea_without_later_content_folds_the_later_sections(client, konsulent, make_candidate):
    candidate = make_candidate()
    client.force_login(konsulent)

    sections = _sections(client, candidate)

    assert [key for key, is_open in sections.items() if not is_open] == [
        "time_and_process",
        "assessment",
        "development",
        "operation",
    ]


def test_a_candidate_in_operation_shows_every_section_open(client, konsulent, make_candidate):
    candidate = make_candidate(phase="operation")
    client.force_login(konsulent)

    sections = _sections(client, candidate)

    assert list(sections) == [
        "basics",
        "problems",
        "time_and_process",
        "assessment",
        "development",
        "operation",
        "attachments",
        "internal_notes",
        "comments",
    ]
    assert all(sections.values())
