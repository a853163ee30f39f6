from __future__ import annotations

import pytest
from lxml import etree

from procesbank.organisations.models import Role
from procesbank.organisations.services import api_token_create
from procesbank.processes import services
from procesbank.processes.engine.bpmn import PB_NS
from procesbank.processes.models import Process, ProcessVersion
from procesbank.processes.tests.conftest import MIWG, two_task_bpmn


@pytest.fixture
def bearer(konsulent):
    _token, raw = api_token_create(user=konsulent, name="test")
    return {"Authorization": f"Bearer {raw}"}


def _import(client, headers, path, name=""):
    with open(path, "rb") as handle:
        return client.post(
            "/api/v1/processes/import", {"file": handle, "name": name}, headers=headers
        )


def test_import_then_get_lists_tasks(client, bearer):
    created = _import(client, bearer, MIWG / "A.1.0.bpmn", name="A.1.0")

    assert created.status_code == 201
    body = client.get(f"/api/v1/processes/{created.json()['id']}", headers=bearer).json()
    assert body["name"] == "A.1.0"
    assert [t["name"] for t in body["tasks"]] == ["Task 1", "Task 2", "Task 3"]
    assert body["tasks"][0]["measured"] is False


def test_measurements_are_written_into_the_bpmn_and_nothing_else_changes(client, bearer):
    original = (MIWG / "C.3.0.bpmn").read_bytes()
    process_id = _import(client, bearer, MIWG / "C.3.0.bpmn").json()["id"]
    process = client.get(f"/api/v1/processes/{process_id}", headers=bearer).json()
    tasks, revision = process["tasks"], process["version"]["revision"]

    for task in tasks:
        response = client.put(
            f"/api/v1/processes/{process_id}/tasks/{task['id']}/measurements",
            {
                "lock_version": revision,
                "minutes_min": 5,
                "minutes_likely": 10,
                "minutes_max": 25,
                "executions_per_case": 1,
            },
            content_type="application/json",
            headers=bearer,
        )
        assert response.status_code == 200
        task_figures = response.json()
        assert task_figures["lock_version"] == revision + 1
        revision = task_figures["lock_version"]
        # (5 + 4 x 10 + 25) / 6 = 11.667 minutes per execution, times the task's expected visits
        assert task_figures["minutes_per_case"] == pytest.approx(task_figures["visits"] * 70 / 6)
    exported = client.get(f"/api/v1/processes/{process_id}/bpmn", headers=bearer).content

    assert _without_pb(exported) == _without_pb(original)
    assert exported.count(b"measurements") >= len(tasks)


def test_measurements_out_of_order_get_422_naming_the_problem(client, bearer):
    process_id = _import(client, bearer, MIWG / "A.1.0.bpmn").json()["id"]
    process = client.get(f"/api/v1/processes/{process_id}", headers=bearer).json()
    task_id, revision = process["tasks"][0]["id"], process["version"]["revision"]

    response = client.put(
        f"/api/v1/processes/{process_id}/tasks/{task_id}/measurements",
        {"lock_version": revision, "minutes_min": 30, "minutes_likely": 10, "minutes_max": 25},
        content_type="application/json",
        headers=bearer,
    )

    assert response.status_code == 422
    assert response.json()["detail"] == (
        "Mindste tid (30 min) må ikke være større end den mest sandsynlige tid (10 min)"
    )


def test_negative_minutes_get_422(client, bearer):
    process_id = _import(client, bearer, MIWG / "A.1.0.bpmn").json()["id"]

    response = client.put(
        f"/api/v1/processes/{process_id}/tasks/x/measurements",
        {"lock_version": 1, "minutes_min": -1, "minutes_likely": 10, "minutes_max": 25},
        content_type="application/json",
        headers=bearer,
    )

    assert response.status_code == 422


def test_unknown_task_gets_422(client, bearer):
    process_id = _import(client, bearer, MIWG / "A.1.0.bpmn").json()["id"]

    response = client.put(
        f"/api/v1/processes/{process_id}/tasks/Nope/measurements",
        {
            "lock_version": _revision(process_id),
            "minutes_min": 1,
            "minutes_likely": 1,
            "minutes_max": 1,
        },
        content_type="application/json",
        headers=bearer,
    )

    assert (response.status_code, response.json()["detail"]) == (
        422,
        "Opgaven Nope findes ikke i modellen",
    )


def test_hostile_upload_gets_danish_422(client, bearer, tmp_path):
    hostile = tmp_path / "xxe.bpmn"
    hostile.write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&x;</definitions>'
    )

    response = _import(client, bearer, hostile)

    assert response.status_code == 422
    assert "DOCTYPE" in response.json()["detail"]
    assert "root:" not in response.content.decode()


def test_create_search_update_delete(client, bearer):
    created = client.post(
        "/api/v1/processes",
        {"name": "Aktindsigt", "kle_code": "85.02.02", "yearly_volume": 300},
        content_type="application/json",
        headers=bearer,
    )
    process_id = created.json()["id"]

    listed = client.get("/api/v1/processes?q=aktindsigt", headers=bearer).json()
    patched = client.patch(
        f"/api/v1/processes/{process_id}",
        {"lock_version": 1, "phase": "implementeret"},
        content_type="application/json",
        headers=bearer,
    )
    stale = client.patch(
        f"/api/v1/processes/{process_id}",
        {"lock_version": 1, "phase": "udfaset"},
        content_type="application/json",
        headers=bearer,
    )
    deleted = client.delete(f"/api/v1/processes/{process_id}", headers=bearer)

    assert created.status_code == 201
    assert [p["name"] for p in listed["items"]] == ["Aktindsigt"]
    assert (patched.status_code, patched.json()["phase"]) == (200, "implementeret")
    assert stale.status_code == 409
    assert deleted.status_code == 204


def test_other_municipality_gets_404_and_reader_403(
    client, make_process, make_user, other_municipality
):
    process = make_process()
    client.force_login(make_user(Role.KONSULENT, other_municipality))
    assert client.get(f"/api/v1/processes/{process.pk}").status_code == 404

    client.force_login(make_user(Role.LAESER))
    response = client.put(
        f"/api/v1/processes/{process.pk}/tasks/T1/measurements",
        {
            "lock_version": _revision(process.pk),
            "minutes_min": 1,
            "minutes_likely": 1,
            "minutes_max": 1,
        },
        content_type="application/json",
    )
    assert response.status_code == 403


def _revision(process_id: int) -> int:
    return ProcessVersion.objects.filter(process_id=process_id).order_by("pk").first().revision


def _without_pb(data: bytes) -> list[tuple[str, dict[str, str], str]]:
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    items = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag.startswith(f"{{{PB_NS}}}"):
            continue
        if (
            element.tag.endswith("extensionElements")
            and all(str(child.tag).startswith(f"{{{PB_NS}}}") for child in element)
            and len(element)
        ):
            continue
        items.append((str(element.tag), dict(element.attrib), (element.text or "").strip()))
    return items


def test_create_with_a_huge_yearly_volume_gets_422_naming_the_field(client, bearer):
    response = client.post(
        "/api/v1/processes",
        {"name": "Aktindsigt", "yearly_volume": 100_000_001},
        content_type="application/json",
        headers=bearer,
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["body", "yearly_volume"],
                "msg": "Højst 100.000.000 sager pr. år.",
                "type": "value_error",
            }
        ]
    }
    assert not Process.objects.exists()


def test_update_with_a_huge_yearly_volume_gets_422_and_changes_nothing(client, bearer):
    created = client.post(
        "/api/v1/processes",
        {"name": "Aktindsigt", "yearly_volume": 100_000_000},
        content_type="application/json",
        headers=bearer,
    )
    process_id = created.json()["id"]

    response = client.patch(
        f"/api/v1/processes/{process_id}",
        {"lock_version": 1, "yearly_volume": int("9" * 30)},
        content_type="application/json",
        headers=bearer,
    )

    assert created.status_code == 201
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "loc": ["body", "yearly_volume"],
            "msg": "Højst 100.000.000 sager pr. år.",
            "type": "value_error",
        }
    ]
    assert Process.objects.get().yearly_volume == 100_000_000


@pytest.mark.parametrize("query", ["", "?q=byggetilladelse"])
def test_the_list_reads_only_its_fields_and_no_badges(
    client, bearer, konsulent, django_assert_max_num_queries, query
):
    process = services.process_create(
        user=konsulent,
        name="Byggetilladelse",
        description="Ansøgning om byggeri",
        kle_code="02.34.02",
        yearly_volume=120,
        bpmn_xml=two_task_bpmn(),
    )
    client.get(f"/api/v1/processes{query}", headers=bearer)  # a search keeps its ranking

    with django_assert_max_num_queries(6) as counted:
        body = client.get(f"/api/v1/processes{query}", headers=bearer).json()

    assert body["items"] == [
        {
            "id": process.pk,
            "name": "Byggetilladelse",
            "municipality": "Helsingør",
            "kle_code": "02.34.02",
            "phase": "kortlagt",
            "visibility": "own",
            "yearly_volume": 120,
            "updated_at": body["items"][0]["updated_at"],
        }
    ]
    [page] = [
        q["sql"] for q in counted.captured_queries if '"processes_process"."name"' in q["sql"]
    ]
    assert "processes_processversion" not in page  # no version count, no approval badges
    assert '"processes_process"."description"' not in page.split(" FROM ")[0]
