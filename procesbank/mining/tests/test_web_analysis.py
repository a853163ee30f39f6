"""The analysis pages of a log: figures, process map, variants, statistics, cases, filters."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from procesbank.mining.tests.test_models import import_log


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def log(konsulent):
    return import_log(konsulent)


def _get(client, user, name, log, **params):
    client.force_login(user)
    return client.get(reverse(name, kwargs={"eventlog_id": log.pk}), params)


def _json(response, element_id):
    content = response.content.decode()
    start = content.index(f'id="{element_id}"')
    start = content.index(">", start) + 1
    return json.loads(content[start : content.index("</script>", start)])


def test_overview_shows_six_cases_and_lead_time_percentiles(client, konsulent, log):
    response = _get(client, konsulent, "mining:eventlog_overview", log)

    content = response.content.decode()
    assert '<strong data-testid="cases">6</strong>' in content
    assert sum(_json(response, "histogram-data")["histogram"]["counts"]) == 6


def test_overview_lists_start_and_end_activities_with_their_cases(client, konsulent, log):
    # The running example: all six cases start with "register request"; three end with
    # "reject request" (cases 1, 4, 6) and three with "pay compensation" (2, 3, 5).
    response = _get(client, konsulent, "mining:eventlog_overview", log)

    content = " ".join(response.content.decode().split())
    assert "<h2>Startaktiviteter</h2>" in content
    assert "<td>register request</td> <td>6</td>" in content
    assert "<h2>Slutaktiviteter</h2>" in content
    assert "<td>reject request</td> <td>3</td>" in content
    assert "<td>pay compensation</td> <td>3</td>" in content


def test_filter_by_activity_applies_to_the_figures(client, konsulent, log):
    # Cases 1, 4 and 6 (of the running example) end with "reject request".
    response = _get(client, konsulent, "mining:eventlog_overview", log, slut="reject request")

    content = response.content.decode()
    assert '<strong data-testid="cases">3</strong>' in content
    assert "3 af 6 sager" in content


def test_process_map_carries_the_graph_for_the_browser_to_lay_out(client, konsulent, log):
    response = _get(client, konsulent, "mining:eventlog_map", log, stier=100)

    graph = _json(response, "map-data")
    names = {node["name"] for node in graph["nodes"]}
    assert names == {
        "▶",
        "■",
        "register request",
        "examine casually",
        "examine thoroughly",
        "check ticket",
        "decide",
        "reinitiate request",
        "pay compensation",
        "reject request",
    }
    assert graph["nodes"][0] == {"name": "▶", "kind": "start", "frequency": 6, "cases": 6}
    assert (graph["direction"], graph["activities_hidden"]) == ("TB", 0)
    assert ("▶", "register request", 6) in {
        (edge["source"], edge["target"], edge["frequency"]) for edge in graph["edges"]
    }


def test_path_slider_keeps_every_activity_connected(client, konsulent, log):
    response = _get(client, konsulent, "mining:eventlog_map", log, stier=1)

    graph = _json(response, "map-data")
    connected = {e["source"] for e in graph["edges"]} | {e["target"] for e in graph["edges"]}
    assert connected == {node["name"] for node in graph["nodes"]}


def test_variants_list_counts_and_shares(client, konsulent, log):
    response = _get(client, konsulent, "mining:eventlog_variants", log)

    content = response.content.decode()
    assert content.count('class="variant"') == 6
    assert "16,7 %" in content


def test_statistics_and_case_timeline(client, konsulent, log):
    stats = _get(client, konsulent, "mining:eventlog_statistics", log)
    case = _get(client, konsulent, "mining:eventlog_cases", log, sag="3")

    assert "Langsomste overgange" in stats.content.decode()
    assert "Omarbejde" in stats.content.decode()
    assert len(_json(case, "timeline-data")) == 9


def test_list_query_count_does_not_grow(client, konsulent, django_assert_max_num_queries):
    for index in range(3):
        import_log(konsulent, name=f"Log {index}")
    client.force_login(konsulent)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("mining:eventlog_list"))

    assert response.content.decode().count("running-example") == 0
    assert "Log 2" in response.content.decode()


def test_comparison_shows_shared_logs_side_by_side(
    client, konsulent, make_user, other_municipality
):
    from procesbank.organisations.models import Role

    other = make_user(Role.KONSULENT, other_municipality)
    import_log(konsulent, name="Egen")
    import_log(other, name="Delt", visibility="collaboration")
    import_log(other, name="Privat")
    client.force_login(konsulent)

    response = client.get(reverse("mining:eventlog_comparison"))

    chart = _json(response, "comparison-data")
    assert sorted(chart["names"]) == ["Delt", "Egen"]
    # running example: median lead time of the six cases is 9.4 days (as on the overview).
    assert round(chart["median"][0], 1) == 9.4


def test_filter_to_cases_through_an_arc(client, konsulent, log):
    # "decide" directly follows "check ticket" in cases 1, 3, 5 and 6 of the running example.
    response = _get(
        client, konsulent, "mining:eventlog_overview", log,
        sti_fra="check ticket", sti_til="decide",
    )  # fmt: skip

    assert "4 af 6 sager" in response.content.decode()


def test_arc_filter_with_one_end_only_is_refused_in_danish(client, konsulent, log):
    response = _get(client, konsulent, "mining:eventlog_overview", log, sti_fra="decide")

    content = response.content.decode()
    assert "Vælg både den aktivitet der kommer først, og den der følger direkte efter." in content
    assert '<strong data-testid="cases">6</strong>' in content


def test_picked_variants_filter_every_tab(client, konsulent, log):
    # Variants 1 and 3 of the running example are cases 1 and 5.
    overview = _get(client, konsulent, "mining:eventlog_overview", log, variant=["1", "3"])
    variants = _get(client, konsulent, "mining:eventlog_variants", log, variant=["1", "3"])

    assert "2 af 6 sager" in overview.content.decode()
    content = " ".join(variants.content.decode().split())
    # The variants page still lists all six, with the picked ones ticked.
    assert content.count('class="variant"') == 6
    assert content.count("checked>") == 2
    assert "2 varianter valgt med 2 sager" in content


def test_a_variant_number_that_is_no_number_is_refused_in_danish(client, konsulent, log):
    response = _get(client, konsulent, "mining:eventlog_overview", log, variant="to")

    content = response.content.decode()
    assert "Varianter vælges med deres nummer (1, 2, 3 …)." in content
    assert '<strong data-testid="cases">6</strong>' in content


def test_slow_transitions_take_a_minimum_frequency(client, konsulent, log):
    default = _get(client, konsulent, "mining:eventlog_statistics", log)
    rare = _get(client, konsulent, "mining:eventlog_statistics", log, min_overgange=1)

    # Six cases: at least 2 by default, so "decide -> pay compensation" (3) leads and the
    # one-off "reinitiate request -> check ticket" (2.9 days) is left out.
    pair = "<td>reinitiate request</td> <td>check ticket</td>"
    assert 'name="min_overgange" min="1" value="2"' in default.content.decode()
    assert pair not in " ".join(default.content.decode().split())
    assert pair in " ".join(rare.content.decode().split())


def test_activities_named_by_another_attribute_on_every_tab(client, konsulent):
    # BPIC15_1 names its 398 activities by code; its activityNameEN merges them into 289.
    bpic = import_log(konsulent, "BPIC15_1.xes.gz", name="Byggesager")

    overview = _get(client, konsulent, "mining:eventlog_overview", bpic, aktivitet="activityNameEN")
    graph = _json(
        _get(client, konsulent, "mining:eventlog_map", bpic, aktivitet="activityNameEN"),
        "map-data",
    )
    unknown = _get(client, konsulent, "mining:eventlog_map", bpic, aktivitet="case:caseStatus")

    assert "aktivitet=activityNameEN" in overview.content.decode()
    assert graph["activities_total"] == 289
    assert _json(unknown, "map-data")["activities_total"] == 398


def test_process_map_labels_each_edge_median_by_the_one_duration_rule(client, konsulent, log):
    from procesbank.kit.durations import readable_duration

    graph = _json(_get(client, konsulent, "mining:eventlog_map", log, stier=100), "map-data")

    timed = [edge for edge in graph["edges"] if edge["median_seconds"] is not None]
    assert timed
    for edge in timed:
        assert edge["median_label"] == readable_duration(edge["median_seconds"] / 60)
    # e.g. 86400 s -> "1 dag", 5400 s -> "1,5 timer"
    assert readable_duration(86400 / 60) == "1 dag"


def test_variants_show_lead_times_in_a_readable_unit(client, konsulent, log):
    response = _get(client, konsulent, "mining:eventlog_variants", log)

    from procesbank.kit.durations import readable_duration

    content = response.content.decode()
    median = readable_duration(response.context["page"]["rows"][0]["median_days"], "days")
    assert f'<td class="num">{median}</td>' in content
    assert median.endswith(("dage", "dag", "timer"))


def test_kept_figures_follow_the_filters(client, konsulent, log):
    # Figures are kept beside the loaded log per naming and filters: the unfiltered overview,
    # then cases ending with "reject request" (1, 4 and 6), then unfiltered again.
    pages = [
        _get(client, konsulent, "mining:eventlog_overview", log),
        _get(client, konsulent, "mining:eventlog_overview", log, slut="reject request"),
        _get(client, konsulent, "mining:eventlog_overview", log),
    ]
    variants = _get(client, konsulent, "mining:eventlog_variants", log, slut="reject request")

    shown = ['<strong data-testid="cases">6</strong>' in page.content.decode() for page in pages]
    assert shown == [True, False, True]
    assert '<strong data-testid="cases">3</strong>' in pages[1].content.decode()
    assert variants.content.decode().count('class="variant"') == 3


def test_each_slider_position_reduces_the_kept_map(client, konsulent, log):
    # One percent of the paths keeps each activity's strongest edges only; going back to all
    # of them gives the full map again, from the same kept figures.
    full = _json(_get(client, konsulent, "mining:eventlog_map", log, stier=100), "map-data")
    reduced = _json(_get(client, konsulent, "mining:eventlog_map", log, stier=1), "map-data")
    again = _json(_get(client, konsulent, "mining:eventlog_map", log, stier=100), "map-data")

    assert full["paths_hidden"] == 0
    assert len(reduced["edges"]) < len(full["edges"])
    assert reduced["paths_hidden"] == len(full["edges"]) - len(reduced["edges"])
    assert again == full
