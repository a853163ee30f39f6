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


def test_the_library_opens_on_the_own_municipality_with_the_others_one_click_away(
    client, konsulent, other_konsulent, make_process
):
    make_process(name="Egen proces")
    make_process(user=other_konsulent, name="Gribskovs delte proces", visibility="collaboration")
    client.force_login(konsulent)

    page = client.get(reverse("processes:process_list")).content.decode()
    scope = client.get(reverse("processes:process_scope")).content.decode()
    everything = client.get(reverse("processes:process_list") + "?municipality=alle")

    assert "Egen proces" in page
    assert "Gribskovs delte proces" not in page
    assert _options(page, "municipality") == ["Alle kommuner", "Helsingør", "Gribskov"]
    assert re.search(r'<option value="\d+" selected>Helsingør</option>', page)
    assert "Viser processer fra Helsingør." in page
    # The number in all municipalities comes after the page (htmx), from process_scope.
    assert 'href="/processer/?municipality=alle">Vis alle kommuners processer</a>' in page
    assert 'hx-get="/processer/alle-kommuner/?municipality=' in page
    assert "Viser processer fra Helsingør." in scope
    assert 'href="/processer/?municipality=alle">Vis alle kommuners processer (2)</a>' in scope
    assert [p.name for p in everything.context["page"].object_list] == [
        "Egen proces",
        "Gribskovs delte proces",
    ]


def test_an_empty_own_library_points_to_the_others(
    client, konsulent, other_konsulent, make_process
):
    make_process(user=other_konsulent, name="Gribskovs delte proces", visibility="collaboration")
    client.force_login(konsulent)

    page = client.get(reverse("processes:process_list")).content.decode()

    assert "Der er ingen processer endnu." not in page
    assert "Vis alle kommuners processer (1)" in page


def test_the_count_in_all_municipalities_leaves_out_the_others_private_processes(
    client, konsulent, other_konsulent, make_process
):
    make_process(name="Byggetilladelse, egen")
    make_process(user=other_konsulent, name="Byggetilladelse, delt", visibility="collaboration")
    make_process(user=other_konsulent, name="Byggetilladelse, privat")
    client.force_login(konsulent)

    scope = client.get(reverse("processes:process_scope"), {"q": "byggetilladelse"})

    # Own 1 + Gribskov's shared 1; Gribskov's private one is not counted.
    assert "Vis alle kommuners processer (2)</a>" in scope.content.decode()
    assert "q=byggetilladelse" in scope.content.decode()


def test_the_count_in_all_municipalities_says_nothing_when_there_are_no_more(
    client, konsulent, other_konsulent, make_process
):
    make_process(name="Byggetilladelse, egen")
    make_process(user=other_konsulent, name="Byggetilladelse, privat")
    client.force_login(konsulent)

    scoped = client.get(reverse("processes:process_scope"), {"q": "byggetilladelse"})
    everywhere = client.get(reverse("processes:process_scope"), {"municipality": "alle"})

    assert scoped.status_code == everywhere.status_code == 200
    assert scoped.content.decode().strip() == ""
    assert everywhere.content.decode() == ""
