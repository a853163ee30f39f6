"""The process list's filters: "no filter" is never spelt like a real option."""

from __future__ import annotations

import re

from django.urls import reverse


def _options(page: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select is not None
    return [label.strip() for label in re.findall(r"<option[^>]*>(.*?)</option>", select[1])]


def test_the_visibility_filter_tells_no_filter_from_the_public_visibility(client, konsulent):
    client.force_login(konsulent)

    page = client.get(reverse("processes:process_list")).content.decode()

    # "Alle" alone is the public visibility; as the empty choice it read "Everyone" in English.
    assert _options(page, "visibility") == [
        "Alle synligheder",
        "Kun egen kommune",
        "Samarbejdet",
        "Alle",
    ]


def test_the_group_and_it_system_filters_say_what_they_show_all_of(client, konsulent, make_process):
    make_process(kle_code="32.18.08")
    client.force_login(konsulent)

    page = client.get(reverse("processes:process_list")).content.decode()

    assert _options(page, "kle_group")[0] == "Alle grupper"
    assert _options(page, "it_system")[0] == "Alle it-systemer"
