from __future__ import annotations

from procesbank.catalogue.tests.conftest import measure


def test_api_shows_internal_notes_to_owner_editors_only(
    client, konsulent, other_konsulent, make_candidate
):
    candidate = make_candidate(internal_notes="Kun til os")
    url = f"/api/v1/catalogue/candidates/{candidate.pk}"

    client.force_login(konsulent)
    assert client.get(url).json()["internal_notes"] == "Kun til os"
    client.force_login(other_konsulent)
    assert client.get(url).json()["internal_notes"] is None


def test_api_creates_candidate_linked_to_own_process(client, konsulent, make_process):
    process = make_process(yearly_volume=1000)
    measure(konsulent, process)
    client.force_login(konsulent)

    created = client.post(
        "/api/v1/catalogue/candidates",
        {"title": "Robot", "process_id": process.pk, "answers": {"rule_based": "high"}},
        content_type="application/json",
    )

    body = client.get(f"/api/v1/catalogue/candidates/{created.json()['id']}").json()
    # 6 min x 1,000 / 60 = 100 hours; potential 3 / 3 = 100 %; 100 h x 450 kr. = 45,000 kr.
    assert (body["hours_per_year"], body["expected_hours"]) == (100.0, 100.0)
    assert body["expected_kroner"] == "45000.00"


def test_api_refuses_unknown_answer_with_a_danish_message(client, konsulent):
    client.force_login(konsulent)

    response = client.post(
        "/api/v1/catalogue/candidates",
        {"title": "Robot", "answers": {"rule_based": "maybe"}},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": "Svaret 'maybe' på spørgsmålet 'rule_based' findes ikke på skalaen."
    }


def test_api_comparison_lists_shared_processes_per_municipality(
    client, konsulent, other_konsulent, make_process
):
    make_process(kle_code="32.18.08", yearly_volume=10)
    make_process(user=other_konsulent, kle_code="32.18.08", visibility="own")
    client.force_login(konsulent)

    rows = client.get("/api/v1/catalogue/comparison", {"kle": "32.18"}).json()

    assert [(r["municipality"], r["yearly_volume"]) for r in rows] == [("Helsingør", 10)]


def test_api_lists_candidates_filtered_by_technology(client, konsulent, make_candidate):
    make_candidate(title="Robot", technology="rpa")
    make_candidate(title="Sprogmodel", technology="ai")
    client.force_login(konsulent)

    body = client.get("/api/v1/catalogue/candidates", {"technology": "ai"}).json()

    assert [c["title"] for c in body["items"]] == ["Sprogmodel"]


def test_api_refuses_linking_another_municipalitys_process(
    client, konsulent, other_konsulent, make_process
):
    foreign = make_process(user=other_konsulent)
    client.force_login(konsulent)

    response = client.post(
        "/api/v1/catalogue/candidates",
        {"title": "Robot", "process_id": foreign.pk},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "loc": ["body", "process_id"],
                "msg": "Kandidaten kan kun knyttes til egne processer.",
                "type": "value_error",
            }
        ]
    }
