"""The conformance tab and API: choosing a library model, the figures shown, and tenancy
(Helsingør is the own municipality, Gribskov the other, in the same collaboration)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.http import Http404
from django.urls import reverse

from procesbank.mining.selectors import conformance as selectors_conformance
from procesbank.mining.tests.test_models import DATA, import_log
from procesbank.processes.services.processes import process_create

BLANK = (
    '<?xml version="1.0"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'id="d"><process id="p"><startEvent id="s"/><endEvent id="e"/>'
    '<sequenceFlow id="f" sourceRef="s" targetRef="e"/></process></definitions>'
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _process(user, name, *, shared=False, bpmn=None):
    process = process_create(
        user=user,
        name=name,
        bpmn_xml=bpmn or (DATA / "running-example.bpmn").read_bytes(),
    )
    if shared:
        process.visibility = "collaboration"
        process.save(update_fields=["visibility"])
    return process.versions.get()


@pytest.fixture
def world(konsulent, other_konsulent):
    return SimpleNamespace(
        log=import_log(konsulent, name="Helsingørs log"),
        other_log=import_log(other_konsulent, name="Gribskovs private log"),
        own=_process(konsulent, "Helsingørs model"),
        other_shared=_process(other_konsulent, "Gribskovs delte model", shared=True),
        other_private=_process(other_konsulent, "Gribskovs private model"),
    )


def _url(log, **query):
    url = reverse("mining:eventlog_conformance", kwargs={"eventlog_id": log.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_model_choices_are_own_and_shared_never_the_others_unshared(world, konsulent):
    labels = [label for _, label in selectors_conformance.conformance_model_choices(user=konsulent)]

    assert labels == [
        "Helsingørs model – Som-er (Helsingør)",
        "Gribskovs delte model – Som-er (Gribskov)",
    ]


def test_the_others_unshared_version_cannot_be_reached(world, konsulent):
    with pytest.raises(Http404):
        selectors_conformance.access_conformance_version(
            user=konsulent, version_id=world.other_private.pk
        )


def test_attached_process_is_preselected_only_when_visible(world, konsulent):
    world.log.process = world.own.process
    world.log.save()
    other = import_log(konsulent, name="Knyttet til skjult")
    other.process = world.other_private.process
    other.save()

    chosen = selectors_conformance.default_conformance_version(user=konsulent, eventlog=world.log)
    hidden = selectors_conformance.default_conformance_version(user=konsulent, eventlog=other)

    assert (chosen, hidden) == (world.own, None)


def test_comparison_conformance_replays_only_on_models_the_reader_may_see(world, konsulent):
    # Both logs hang on a process; the other municipality's is private to it. The running
    # example replays on its own model with fitness 1.0 (as the conformance tests show); the
    # other row gets no figure, not even a derived one.
    world.log.process = world.own.process
    world.log.save()
    world.other_log.process = world.other_private.process
    world.other_log.save()
    rows = [{"eventlog": world.log}, {"eventlog": world.other_log}]

    selectors_conformance.comparison_conformance(user=konsulent, rows=rows)

    assert rows[0]["conformance_percent"] == pytest.approx(100.0)
    assert (rows[1]["conformance"], rows[1]["conformance_percent"]) == (None, None)


def test_page_preselects_the_attached_process(client, world, konsulent):
    world.log.process = world.own.process
    world.log.save()
    client.force_login(konsulent)

    response = client.get(_url(world.log))

    assert response.status_code == 200
    assert f'<option value="{world.own.pk}" selected>' in response.content.decode()
    assert "report" not in response.context


def test_page_shows_full_fitness_of_the_running_example(client, world, konsulent):
    client.force_login(konsulent)

    response = client.get(_url(world.log, model=world.own.pk))

    result = response.context["result"]
    assert (result.fitness, result.fitting_cases, result.cases) == (1.0, 6, 6)
    # 6 cases, 78 tokens consumed and produced in all (PM4Py's counts), none missing.
    assert (result.missing, result.consumed, result.remaining, result.produced) == (0, 78, 0, 78)
    assert "Alle sager passer til modellen." in response.content.decode()


def test_page_checks_against_a_shared_model_of_another_municipality(client, world, konsulent):
    client.force_login(konsulent)

    response = client.get(_url(world.log, model=world.other_shared.pk))

    assert response.context["result"].cases == 6


def test_page_refuses_the_others_unshared_model(client, world, konsulent):
    client.force_login(konsulent)

    response = client.get(_url(world.log, model=world.other_private.pk))

    assert response.status_code == 200
    assert "report" not in response.context
    assert response.context["form"].errors["model"]


def test_page_refuses_another_municipalitys_unshared_log(client, world, konsulent):
    client.force_login(konsulent)

    response = client.get(_url(world.other_log, model=world.own.pk))

    assert response.status_code == 404


def test_model_without_tasks_gets_a_clear_message(client, world, konsulent):
    empty = _process(konsulent, "Tom model", bpmn=BLANK.encode())
    client.force_login(konsulent)

    response = client.get(_url(world.log, model=empty.pk))

    assert response.context["error"] == (
        "Modellen »Tom model: Som-er« har ingen navngivne opgaver, så loggens aktiviteter "
        "kan ikke sammenlignes med den."
    )


def test_empty_library_explains_what_to_do(client, konsulent):
    log = import_log(konsulent, name="Alene")
    client.force_login(konsulent)

    response = client.get(_url(log))

    assert "Der er ingen processer i biblioteket at sammenligne med." in response.content.decode()


API = "/api/v1/eventlogs/{}/conformance"


def test_api_returns_the_replay(client, world, konsulent):
    client.force_login(konsulent)

    body = client.get(API.format(world.log.pk), {"version_id": world.own.pk}).json()

    assert (body["fitness"], body["fitting_cases"], body["cases"]) == (1.0, 6, 6)
    assert (body["consumed"], body["produced"], body["variants_replayed"]) == (78, 78, 6)
    assert body["deviating_variants"] == []


def test_api_refuses_the_others_unshared_model_and_log(client, world, konsulent):
    client.force_login(konsulent)

    model = client.get(API.format(world.log.pk), {"version_id": world.other_private.pk})
    log = client.get(API.format(world.other_log.pk), {"version_id": world.own.pk})

    assert (model.status_code, log.status_code) == (404, 404)


def test_comparison_shows_fitness_only_against_processes_the_user_may_see(
    client, world, konsulent, other_konsulent
):
    world.log.process = world.own.process
    world.log.save()
    shared = import_log(other_konsulent, name="Gribskovs delte log", visibility="collaboration")
    shared.process = world.other_private.process
    shared.save()
    client.force_login(konsulent)

    response = client.get(reverse("mining:eventlog_comparison"))

    rows = {row["eventlog"].name: row for row in response.context["rows"]}
    assert rows["Helsingørs log"]["conformance"].result.fitness == 1.0
    assert rows["Helsingørs log"]["conformance_percent"] == 100.0
    assert rows["Gribskovs delte log"]["conformance"] is None
    assert "Gribskovs private log" not in rows


def test_api_reports_activities_outside_the_model(client, world, konsulent):
    # The receipt log against the running example: no activity is known, so every case
    # keeps its start token (remaining 1 of 1 produced) and lacks the end token (missing 1
    # of 1 consumed): fitness ½(1 − 1) + ½(1 − 1) = 0, and every event is "not in the model".
    receipt = import_log(konsulent, "receipt.xes.gz", name="Kvitteringer")
    client.force_login(konsulent)

    body = client.get(API.format(receipt.pk), {"version_id": world.own.pk}).json()

    assert (body["fitness"], body["fitting_cases"], body["cases"]) == (0.0, 0, 1434)
    assert sum(row["unknown"] for row in body["activities"]) == receipt.events
    skipped = {row["activity"]: row["skipped"] for row in body["activities"] if row["skipped"]}
    assert skipped == {"register request": 1434}  # the start token waits for it
    assert {row["out_of_order"] for row in body["activities"]} == {0}
    assert sum(variant["cases"] for variant in body["deviating_variants"]) == 1434


def test_a_model_sharing_no_task_with_the_log_gets_a_clear_warning(client, world, konsulent):
    # The receipt log against the running example's model: none of its 27 activities is a
    # task there, so every one of its 1,434 cases deviates and none fits.
    receipt = import_log(konsulent, "receipt.xes.gz", name="Kvitteringer")
    client.force_login(konsulent)

    response = client.get(_url(receipt, model=world.own.pk))

    content = " ".join(response.content.decode().split())
    assert "Ingen af loggens 27 aktiviteter findes som opgave i modellen" in content
    assert response.context["deviating_cases"] + response.context["result"].fitting_cases == 1434
    assert '<strong data-testid="deviating">1.434</strong>' in content
    # Its 116 variants all deviate: five pages of 25, not one long page.
    second = client.get(_url(receipt, model=world.own.pk, afvigelser_side=2))
    assert "Side 2 af 5 (i alt 116)" in second.content.decode()
    assert [row["position"] for row in second.context["variants"]][:2] == [26, 27]


def test_fitting_and_deviating_cases_add_up_to_all_cases(client, world, konsulent):
    client.force_login(konsulent)

    response = client.get(_url(world.log, model=world.own.pk))

    result = response.context["result"]
    assert result.fitting_cases + response.context["deviating_cases"] == result.cases == 6
    assert response.context["report"].matched_activities == 8
