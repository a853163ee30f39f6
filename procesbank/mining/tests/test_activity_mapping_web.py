"""The activity mapping of the conformance tab: suggested by name, saved per log and model,
applied before the replay, drawn as badges on the model; and only the log's owner may save."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from procesbank.mining.models import ActivityMapping
from procesbank.mining.tests.test_conformance_web import _process
from procesbank.mining.tests.test_models import DATA, import_log
from procesbank.organisations.models import AuditEntry, Role

TASKS = [
    "register request",
    "examine casually",
    "examine thoroughly",
    "check ticket",
    "decide",
    "reinitiate request",
    "pay compensation",
    "reject request",
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _renamed_model(user):
    """The running example's model with its tasks capitalised and punctuated ("Decide."):
    no activity of the log has a task of exactly its name."""
    xml = (DATA / "running-example.bpmn").read_text()
    for task in TASKS:
        xml = xml.replace(f'name="{task}"', f'name="{task.title()}."')
    return _process(user, "Omdøbt model", bpmn=xml.encode())


def _page(client, user, log, version):
    client.force_login(user)
    url = reverse("mining:eventlog_conformance", args=[log.pk])
    return client.get(url, {"model": version.pk})


def test_a_model_with_other_spellings_fits_through_the_suggested_mapping(client, konsulent):
    log = import_log(konsulent)
    version = _renamed_model(konsulent)

    response = _page(client, konsulent, log, version)

    # Every activity is suggested its capitalised task; the example then fits as before.
    result = response.context["result"]
    assert (result.fitness, result.fitting_cases, result.cases) == (1.0, 6, 6)
    assert response.context["mapping_saved"] is False
    assert response.context["mapping_renamed"] == 8
    assert "foreslået ud fra navnene" in response.content.decode()


def test_a_saved_mapping_is_used_and_audited(client, konsulent):
    log = import_log(konsulent)
    version = _renamed_model(konsulent)
    client.force_login(konsulent)
    rows = {}
    for number, task in enumerate(TASKS, start=1):
        rows[f"aktivitet-{number}"] = task
        # "decide" left out of the model: every case then lacks a token for it.
        rows[f"opgave-{number}"] = "" if task == "decide" else f"{task.title()}."

    response = client.post(
        reverse("mining:eventlog_activity_mapping", args=[log.pk]),
        {"model": version.pk, "aktivitet": "", "query": "slut=reject+request", **rows},
    )

    assert response.status_code == 302
    assert "slut=reject+request" in response["Location"]
    saved = ActivityMapping.objects.get(eventlog=log, version=version)
    assert saved.mapping["decide"] == ""
    assert saved.mapping["check ticket"] == "Check Ticket."
    assert AuditEntry.objects.filter(object_type__icontains="activitymapping").count() == 1
    page = _page(client, konsulent, log, version)
    assert page.context["mapping_saved"] is True
    # Without "decide" mapped, no case fits: each one has a decision the model waits for.
    assert page.context["result"].fitting_cases == 0


def test_deviations_are_drawn_on_the_models_tasks(client, konsulent):
    log = import_log(konsulent)
    version = _renamed_model(konsulent)
    client.force_login(konsulent)
    rows = {f"aktivitet-{n}": task for n, task in enumerate(TASKS, start=1)}
    rows |= {
        f"opgave-{n}": "" if task == "decide" else f"{task.title()}."
        for n, task in enumerate(TASKS, start=1)
    }
    client.post(
        reverse("mining:eventlog_activity_mapping", args=[log.pk]),
        {"model": version.pk, **rows},
    )

    content = _page(client, konsulent, log, version).content.decode()

    start = content.index('id="conformance-overlays"')
    badges = json.loads(content[content.index(">", start) + 1 : content.index("</script>", start)])
    # The model's "Decide." is never done (the log's decisions are mapped to nothing): every
    # case skips it at least once; the badge sits on the diagram element of that task.
    xml = version.bpmn_xml
    decide_id = xml[: xml.index('name="Decide."')].rsplit('id="', 1)[1].split('"', 1)[0]
    decide = [badge for badge in badges if badge["element"] == decide_id]
    assert decide
    assert decide[0]["skipped"] >= 6


def test_a_task_the_model_lacks_is_refused_and_nothing_saved(client, konsulent):
    log = import_log(konsulent)
    version = _renamed_model(konsulent)
    client.force_login(konsulent)

    response = client.post(
        reverse("mining:eventlog_activity_mapping", args=[log.pk]),
        {"model": version.pk, "aktivitet-1": "decide", "opgave-1": "Beslut"},
        follow=True,
    )

    assert "»Beslut« er ikke en opgave i modellen" in response.content.decode()
    assert not ActivityMapping.objects.exists()


def test_only_the_logs_own_consultants_may_save_a_mapping(
    client, konsulent, make_user, other_konsulent
):
    log = import_log(konsulent)
    version = _renamed_model(konsulent)
    url = reverse("mining:eventlog_activity_mapping", args=[log.pk])
    body = {"model": version.pk, "aktivitet-1": "decide", "opgave-1": "Decide."}

    client.force_login(other_konsulent)
    assert client.post(url, body).status_code == 404
    client.force_login(make_user(Role.LAESER))
    assert client.post(url, body).status_code in (403, 404)
    assert not ActivityMapping.objects.exists()
