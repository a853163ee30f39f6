"""The one search over everything: the results page and the API (issue #16)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from procesbank.catalogue import services as catalogue_services
from procesbank.kit.search import SearchFilters, highlight_parts, snippet, word_stem
from procesbank.processes import services as process_services
from procesbank.projects import services as project_services
from procesbank.search.selectors import search_everything

pytestmark = pytest.mark.django_db

URL = reverse("search:search")
API = "/api/v1/search"


def process(user, name, **fields):
    return process_services.process_create(user=user, name=name, **fields)


def candidate(user, title, **fields):
    fields.setdefault("visibility", "collaboration")
    return catalogue_services.candidate_create(user=user, title=title, **fields)


@pytest.fixture
def permits(konsulent, other_konsulent):
    """Helsingør: a process, a candidate and a project on building permits; Gribskov: a
    private process and a private candidate (never shown to Helsingør) and a shared process."""
    process(konsulent, "Byggetilladelse", kle_code="02.34.02", description="Ansøgning om byg.")
    candidate(konsulent, "Robot til byggetilladelser", kle_code="02.34.02")
    project_services.project_create(user=konsulent, name="Digitale byggetilladelser")
    process(other_konsulent, "Byggetilladelse, Gribskovs hemmelige", visibility="own")
    candidate(other_konsulent, "Gribskovs hemmelige byggetilladelsesrobot", visibility="own")
    process(other_konsulent, "Byggetilladelse til erhverv", visibility="collaboration")


# --- the kit's Danish stemming, snippet and highlight --------------------------------------


def test_the_danish_stem_is_shared_by_singular_plural_and_definite_forms():
    stems = {word_stem(w) for w in ("byggetilladelse", "byggetilladelser", "byggetilladelsen")}
    assert stems == {"byggetillad"}


def test_a_short_stem_is_replaced_by_the_word():
    assert word_stem("ok") == "ok"


def test_the_snippet_is_cut_around_the_first_match_on_word_boundaries():
    text = " ".join(["fyld"] * 60) + " her står byggetilladelser og mere " + " ".join(["x"] * 60)
    cut = snippet(text, "byggetilladelse", width=60)
    assert cut == "…fyld fyld her står byggetilladelser og mere x x x x x x x x…"


def test_highlight_marks_the_stem_inside_an_inflected_word():
    assert highlight_parts("Nye Byggetilladelser i dag", "byggetilladelse") == [
        ("Nye ", False),
        ("Byggetilladelser", True),
        (" i dag", False),
    ]


# --- the selector ---------------------------------------------------------------------------


def test_the_groups_come_in_the_providers_order_with_their_counts(konsulent, permits):
    groups = search_everything(user=konsulent, query="byggetilladelser", filters=SearchFilters())

    assert [(g.kind, g.count) for g in groups] == [
        ("process", 2),
        ("candidate", 1),
        ("project", 1),
    ]
    assert [h.title for h in groups[0].hits] == ["Byggetilladelse", "Byggetilladelse til erhverv"]


def test_a_group_is_paged_when_one_type_is_asked_for(konsulent):
    for n in range(23):
        process(konsulent, f"Byggetilladelse {n:02d}")

    overview = search_everything(user=konsulent, query="byggetilladelse", filters=SearchFilters())
    second = search_everything(
        user=konsulent,
        query="byggetilladelse",
        filters=SearchFilters(kinds=frozenset({"process"})),
        page=2,
    )

    assert (len(overview[0].hits), overview[0].count) == (5, 23)
    assert (second[0].pages, second[0].first_number, len(second[0].hits)) == (2, 21, 3)


def test_a_query_without_a_word_finds_nothing(konsulent, permits):
    assert search_everything(user=konsulent, query=" a ", filters=SearchFilters()) == []


def test_the_providers_run_the_same_queries_however_many_rows(konsulent, permits):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from procesbank.kit.search import search_providers

    def queries() -> tuple[int, list]:
        with CaptureQueriesContext(connection) as captured:
            found = search_everything(
                user=konsulent, query="byggetilladelse", filters=SearchFilters()
            )
        return len(captured), found

    few, _ = queries()
    for n in range(30):
        process(konsulent, f"Byggetilladelse {n:02d}")
        candidate(konsulent, f"Robot til byggetilladelse {n:02d}")
    many, groups = queries()

    # Nothing per hit: the same queries for 2 and for 32 hits, at most two per provider.
    assert many == few <= 2 * len(search_providers())
    counts = {g.kind: g.count for g in groups}
    assert (counts["process"], counts["candidate"]) == (32, 31)


# --- the page -------------------------------------------------------------------------------


def test_the_page_shows_the_groups_and_never_another_municipalitys_private_rows(
    client, konsulent, permits
):
    client.force_login(konsulent)

    response = client.get(URL, {"q": "byggetilladelse"})

    page = response.content.decode()
    assert response.status_code == 200
    sections = [page.index(f'id="gruppe-{kind}"') for kind in ("process", "candidate", "project")]
    assert sections == sorted(sections)
    assert "<mark>Byggetilladelse</mark> til erhverv" in page
    assert "hemmelige" not in page
    assert "4 resultater for »byggetilladelse«" in page


def test_the_type_filter_in_the_url_keeps_one_group(client, konsulent, permits):
    client.force_login(konsulent)

    response = client.get(URL, {"q": "byggetilladelse", "type": "candidate"})

    groups = response.context["groups"]
    assert [g.kind for g in groups] == ["candidate"]
    assert "Vis alle typer" in response.content.decode()


def test_vis_flere_links_to_the_group_with_the_filters(client, konsulent):
    for n in range(7):
        process(konsulent, f"Byggetilladelse {n}", kle_code="02.34.02")
    client.force_login(konsulent)

    response = client.get(URL, {"q": "byggetilladelse", "kle": "02"})

    assert 'href="?q=byggetilladelse&amp;kle=02&amp;type=process"' in response.content.decode()
    assert "Vis flere processer" in response.content.decode()


def test_a_hit_title_is_escaped(client, konsulent):
    process(konsulent, "Byggesag <script>alert(1)</script>")
    client.force_login(konsulent)

    page = client.get(URL, {"q": "byggesag"}).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_nothing_found_shows_tips(client, konsulent):
    client.force_login(konsulent)

    page = client.get(URL, {"q": "zebraovergang"}).content.decode()

    assert "Ingen resultater for »zebraovergang«." in page
    assert "Søg på grundformen" in page


def test_an_empty_search_explains_what_can_be_searched(client, konsulent):
    client.force_login(konsulent)

    page = client.get(URL).content.decode()

    assert "Skriv, hvad du leder efter." in page
    assert "processer, opgaver i procesversioner, automatiseringskandidater" in page


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"q": "x", "kle": "2a"}, "kle", "KLE-nummeret skal have formen NN, NN.NN eller NN.NN.NN"),
        ({"q": "x" * 201}, "q", "højst have 200 tegn"),
        ({"q": "x", "type": "hemmelig"}, "type", "Marker en gyldig valgmulighed"),
        ({"q": "x", "municipality": "99999999999999999999"}, "municipality", "Marker en gyldig"),
    ],
)
def test_bad_filters_are_refused_in_danish_on_the_form(client, konsulent, params, field, message):
    client.force_login(konsulent)

    response = client.get(URL, params)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])


def test_the_page_speaks_english_on_request(client, konsulent, permits):
    client.force_login(konsulent)
    client.cookies["django_language"] = "en"

    response = client.get(URL, {"q": "byggetilladelse"})

    page = response.content.decode()
    assert "Automation candidates" in page
    assert "4 results for" in page


def test_the_header_has_a_labelled_search_landmark(client, konsulent):
    client.force_login(konsulent)

    page = client.get("/").content.decode()

    assert 'role="search"' in page
    assert 'aria-label="Søg i Procesbank"' in page
    assert f'action="{URL}"' in page


def test_the_page_needs_a_login(client):
    assert client.get(URL, {"q": "x"}).status_code == 302


# --- the API --------------------------------------------------------------------------------


def test_the_api_answers_the_groups_and_never_another_municipalitys_private_rows(
    client, konsulent, permits
):
    client.force_login(konsulent)

    body = client.get(API, {"q": "byggetilladelser"}).json()

    assert [(g["kind"], g["count"], g["capped"]) for g in body["groups"]] == [
        ("process", 2, False),
        ("candidate", 1, False),
        ("project", 1, False),
    ]
    titles = [hit["title"] for group in body["groups"] for hit in group["hits"]]
    assert not [t for t in titles if "hemmelig" in t]
    assert body["groups"][0]["hits"][0]["municipality"] == "Helsingør"


def test_the_other_municipality_finds_its_own_private_rows(client, other_konsulent, permits):
    client.force_login(other_konsulent)

    body = client.get(API, {"q": "byggetilladelse", "type": "process"}).json()

    # Not Helsingør's "Byggetilladelse": it is Helsingør's own (the default visibility).
    assert sorted(h["title"] for h in body["groups"][0]["hits"]) == [
        "Byggetilladelse til erhverv",
        "Byggetilladelse, Gribskovs hemmelige",
    ]


def test_the_api_filters_and_pages_per_group(client, konsulent, permits):
    client.force_login(konsulent)

    body = client.get(
        API,
        {
            "q": "byggetilladelse",
            "type": ["process", "candidate"],
            "kle": "02.34",
            "page_size": 1,
            "page": 1,
        },
    ).json()

    assert [(g["kind"], g["count"], g["pages"], len(g["hits"])) for g in body["groups"]] == [
        ("process", 1, 1, 1),
        ("candidate", 1, 1, 1),
    ]


@pytest.mark.parametrize(
    ("params", "where"),
    [
        ({"q": "x", "kle": "abc"}, "kle"),
        ({"q": "x", "type": "hemmelig"}, "type"),
        ({"q": "x", "page": 51}, "page"),
        ({"q": "x", "municipality": "99999999999999999999"}, "uden for det gyldige område"),
    ],
)
def test_the_api_refuses_bad_filters_with_a_422(client, konsulent, params, where):
    client.force_login(konsulent)

    response = client.get(API, params)

    assert response.status_code == 422
    assert where in str(response.json()["detail"])


def test_the_api_needs_a_login(client):
    assert client.get(API, {"q": "x"}).status_code == 401


@pytest.mark.parametrize(
    "query",
    [
        "'",
        '"byggetilladelse',
        "!!! & | :*",
        "(byggetilladelse",
        "-byggetilladelse",
        "%_\\",
        "ø" * 200,
    ],
)
def test_hostile_queries_are_searched_without_an_error(client, konsulent, permits, query):
    client.force_login(konsulent)

    page = client.get(URL, {"q": query})
    api = client.get(API, {"q": query})

    assert (page.status_code, api.status_code) == (200, 200)


def test_a_nul_character_in_the_query_is_refused_by_the_api(client, konsulent):
    client.force_login(konsulent)

    response = client.get(API, {"q": "bygge\x00tilladelse"})

    assert response.status_code == 422
