"""The column picker and page size of the catalogue list, kept in the URL."""

from __future__ import annotations

from urllib.parse import parse_qs

from django.urls import reverse

from procesbank.catalogue.forms import chosen_columns


def _headers(html: str) -> list[str]:
    head = html[html.index("<thead>") : html.index("</thead>")]
    return [cell.split(">", 1)[1].split("<", 1)[0] for cell in head.split("<th ")[1:]]


def test_default_columns_when_none_is_chosen():
    assert chosen_columns("kandidater", []) == [
        "municipality", "kle", "phase", "technology", "potential", "saving", "interest",
    ]  # fmt: skip
    assert chosen_columns("processer", ["bogus"]) == [
        "municipality", "kle", "phase", "volume", "reuse",
    ]  # fmt: skip


def test_chosen_columns_keep_the_picker_order_and_drop_unknown_ones():
    assert chosen_columns("kandidater", ["vendor", "bogus", "domains"]) == ["domains", "vendor"]


def test_candidate_list_shows_only_the_chosen_columns(client, other_konsulent, make_candidate):
    make_candidate(vendor="Netcompany", domains=["health"], run_schedule="daily")
    client.force_login(other_konsulent)

    response = client.get(
        reverse("catalogue:catalogue"),
        {"vis": "kandidater", "kolonner": ["run_schedule", "domains", "vendor"]},
    )

    html = response.content.decode()
    assert _headers(html) == ["Titel", "Fagområder", "Kørselsfrekvens", "Leverandør"]
    assert "<td>Sundhed</td>" in html
    assert "<td>Dagligt</td>" in html
    assert "<td>Netcompany</td>" in html


def test_process_list_shows_only_the_chosen_columns(client, other_konsulent, make_process):
    make_process(it_systems=["SBSYS", "Nexus"])
    client.force_login(other_konsulent)

    response = client.get(reverse("catalogue:catalogue"), {"kolonner": ["it_systems"]})

    html = response.content.decode()
    assert _headers(html)[:2] == ["Navn", "It-systemer"]
    assert "<td>SBSYS, Nexus</td>" in html


def test_columns_and_page_size_stay_in_links_exports_and_saved_searches(
    client, other_konsulent, make_candidate
):
    for n in range(12):
        make_candidate(title=f"Kandidat {n:02d}")
    client.force_login(other_konsulent)

    response = client.get(
        reverse("catalogue:catalogue"),
        {"vis": "kandidater", "antal": "10", "kolonner": ["kle", "vendor"]},
    )

    html = response.content.decode()
    state = "vis=kandidater&amp;antal=10&amp;kolonner=kle&amp;kolonner=vendor"
    assert len(response.context["page"].object_list) == 10
    assert f'href="?{state}&amp;side=2"' in html
    assert f"/katalog/eksport/csv/?{state}" in html
    saved = parse_qs(response.context["save_form"].initial["query"])
    assert saved == {"vis": ["kandidater"], "antal": ["10"], "kolonner": ["kle", "vendor"]}


def test_switching_tab_keeps_filters_but_not_columns(client, other_konsulent):
    client.force_login(other_konsulent)

    response = client.get(
        reverse("catalogue:catalogue"),
        {"vis": "kandidater", "kle": "32.18", "kolonner": ["vendor"]},
    )

    assert response.context["base_query"] == "kle=32.18"
