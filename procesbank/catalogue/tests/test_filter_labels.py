"""The catalogue's filters: "no filter" says what it shows all of, never a bare "Alle", which
is the public visibility and reads "Everyone" in English."""

from __future__ import annotations

import re

from django.urls import reverse


def _first_option(page: str, name: str) -> str:
    select = re.search(rf'<select name="{name}"[^>]*>\s*<option[^>]*>(.*?)</option>', page, re.S)
    assert select is not None
    return select[1].strip()


def test_candidate_filters_name_what_they_show_all_of(client, konsulent):
    client.force_login(konsulent)

    page = client.get(reverse("catalogue:catalogue"), {"vis": "kandidater"}).content.decode()

    assert [
        _first_option(page, name)
        for name in ("technology", "domain", "run_schedule", "kl_generic", "mine")
    ] == ["Alle teknologier", "Alle fagområder", "Alle frekvenser", "Alle kandidater",
          "Alle kandidater"]  # fmt: skip


def test_the_english_technology_filter_reads_all_technologies_not_everyone(client, konsulent):
    client.force_login(konsulent)
    client.cookies["django_language"] = "en"

    page = client.get(reverse("catalogue:catalogue")).content.decode()

    assert "<h1>Shared catalogue</h1>" in page
    assert _first_option(page, "technology") != "Everyone"
