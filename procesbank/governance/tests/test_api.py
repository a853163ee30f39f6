"""The approval workflow's API: each step through the same services, its refusals as Danish
4xx answers, and a version of another municipality answering 404 even when shared."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from procesbank.governance.models import Review, ReviewComment
from procesbank.governance.tests.conftest import publish
from procesbank.organisations.services import api_token_create
from procesbank.processes.models import VersionState, Visibility

pytestmark = pytest.mark.django_db


def _bearer(user) -> dict[str, str]:
    _token, raw = api_token_create(user=user, name="test")
    return {"Authorization": f"Bearer {raw}"}


def _post(client, url, user, body=None):
    return client.post(url, body or {}, content_type="application/json", headers=_bearer(user))


def _url(version, step=""):
    return f"/api/v1/governance/versions/{version.pk}" + (f"/{step}" if step else "")


def test_the_whole_workflow_through_the_api(client, version, konsulent, reviewer, owner):
    reviewer.first_name, reviewer.last_name, reviewer.job_title = "Lone", "Berg", "Jurist"
    reviewer.save()
    next_review = timezone.localdate() + datetime.timedelta(days=200)

    sent = _post(client, _url(version, "review"), konsulent, {"reviewer_ids": [reviewer.pk]})
    commented = _post(
        client, _url(version, "comments"), reviewer, {"text": "Frist?", "element_id": "T2"}
    )
    done = _post(client, _url(version, "done"), reviewer)
    approved = _post(client, _url(version, "approve"), owner)
    published = _post(
        client, _url(version, "publish"), owner, {"next_review_on": next_review.isoformat()}
    )

    assert [r.status_code for r in (sent, commented, done, approved, published)] == [
        200,
        201,
        200,
        200,
        200,
    ]
    assert sent.json()["state"] == "in_review"
    assert sent.json()["reviewers"] == [
        {"id": reviewer.pk, "name": "Lone Berg", "job_title": "Jurist", "done_at": None}
    ]
    assert (commented.json()["element_id"], commented.json()["element_name"]) == (
        "T2",
        "Træf afgørelse",
    )
    assert approved.json()["state"] == "approved"
    body = published.json()
    assert (body["state"], body["state_label"]) == ("published", "Offentliggjort")
    assert body["review"]["next_review_on"] == next_review.isoformat()
    assert body["review"]["published_by"] == str(owner)
    assert [(c["author"], c["text"]) for c in body["comments"]] == [("Lone Berg", "Frist?")]
    assert commented.json()["author"] == "Lone Berg"
    assert body["reviewers"][0]["done_at"] is not None
    assert [a["id"] for a in body["approvers"]] == [owner.pk]


def test_state_of_a_draft_has_no_review_and_names_the_checklist(client, version, konsulent):
    answer = client.get(_url(version), headers=_bearer(konsulent))

    body = answer.json()
    assert answer.status_code == 200
    assert (body["state"], body["review"], body["reviewers"], body["comments"]) == (
        "draft",
        None,
        [],
        [],
    )
    # two_task_bpmn has a start, two named tasks in lanes and an end; the process a
    # description and an owner: every item passes.
    assert [(c["key"], c["ok"]) for c in body["checklist"]] == [
        ("start_and_end", True),
        ("tasks_named", True),
        ("tasks_in_lanes", True),
        ("all_reachable", True),
        ("no_dead_ends", True),
        ("description", True),
        ("owner", True),
    ]
    assert body["checklist_ok"] is True


def test_another_municipality_gets_404_for_a_shared_process_and_changes_nothing(
    client, process, version, konsulent, other_konsulent
):
    process.visibility = Visibility.COLLABORATION
    process.save(update_fields=["visibility"])
    headers = _bearer(other_konsulent)

    readable = client.get(f"/api/v1/processes/{process.pk}", headers=headers)
    answers = [
        client.get(_url(version), headers=headers),
        _post(client, _url(version, "review"), other_konsulent, {"reviewer_ids": []}),
        _post(client, _url(version, "comments"), other_konsulent, {"text": "Hej"}),
        _post(client, _url(version, "approve"), other_konsulent),
        _post(client, _url(version, "publish"), other_konsulent, {"next_review_on": "2027-06-01"}),
    ]

    assert readable.status_code == 200  # the process itself is shared with them
    assert [a.status_code for a in answers] == [404] * 5
    assert {a.json()["detail"] for a in answers} == {"Findes ikke."}
    assert not Review.objects.exists()
    assert not ReviewComment.objects.exists()


def test_approving_before_the_reviewers_are_done_is_a_422_in_danish(
    client, version, konsulent, reviewer, owner
):
    _post(client, _url(version, "review"), konsulent, {"reviewer_ids": [reviewer.pk]})

    answer = _post(client, _url(version, "approve"), owner)

    assert answer.status_code == 422
    assert answer.json()["detail"] == [
        {
            "loc": ["body"],
            "msg": "Alle reviewere skal være færdige, før versionen kan godkendes.",
            "type": "value_error",
        }
    ]
    version.refresh_from_db()
    assert version.state == VersionState.IN_REVIEW


def test_only_the_approver_approves(client, version, konsulent, reviewer, owner):
    _post(client, _url(version, "review"), konsulent, {"reviewer_ids": [reviewer.pk]})
    _post(client, _url(version, "done"), reviewer)

    answer = _post(client, _url(version, "approve"), konsulent)

    assert (answer.status_code, answer.json()) == (403, {"detail": "Du har ikke adgang til dette."})
    version.refresh_from_db()
    assert version.state == VersionState.IN_REVIEW


def test_a_reviewer_of_another_municipality_or_unknown_is_refused_alike(
    client, version, konsulent, other_konsulent
):
    foreign = _post(
        client, _url(version, "review"), konsulent, {"reviewer_ids": [other_konsulent.pk]}
    )
    unknown = _post(client, _url(version, "review"), konsulent, {"reviewer_ids": [987654]})

    expected = [
        {
            "loc": ["body", "reviewer_ids"],
            "msg": "En reviewer skal være en bruger i din kommune.",
            "type": "value_error",
        }
    ]
    assert (foreign.status_code, foreign.json()["detail"]) == (422, expected)
    assert (unknown.status_code, unknown.json()["detail"]) == (422, expected)
    assert not Review.objects.exists()


def test_an_empty_comment_is_refused(client, version, konsulent):
    answer = _post(client, _url(version, "comments"), konsulent, {"text": "   "})

    assert answer.status_code == 422
    assert answer.json()["detail"][0]["msg"] == "Skriv en kommentar."
    assert not ReviewComment.objects.exists()


def test_publish_refuses_a_review_date_in_the_past(client, version, konsulent, reviewer, owner):
    _post(client, _url(version, "review"), konsulent, {"reviewer_ids": [reviewer.pk]})
    _post(client, _url(version, "done"), reviewer)
    _post(client, _url(version, "approve"), owner)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    answer = _post(
        client, _url(version, "publish"), owner, {"next_review_on": yesterday.isoformat()}
    )

    assert answer.status_code == 422
    assert answer.json()["detail"][0]["msg"] == "Næste gennemgang skal ligge efter i dag."
    version.refresh_from_db()
    assert version.state == VersionState.APPROVED


def test_awaiting_lists_the_reviewers_step_and_due_the_owners(
    client, version, process, konsulent, reviewer, owner, other_konsulent
):
    _post(client, _url(version, "review"), konsulent, {"reviewer_ids": [reviewer.pk]})

    mine = client.get("/api/v1/governance/reviews/awaiting", headers=_bearer(reviewer)).json()
    owners = client.get("/api/v1/governance/reviews/awaiting", headers=_bearer(owner)).json()
    foreign = client.get(
        "/api/v1/governance/reviews/awaiting", headers=_bearer(other_konsulent)
    ).json()

    assert mine == [
        {
            "version_id": version.pk,
            "process_id": process.pk,
            "process_name": "Behandling af ansøgning om enkeltydelse",
            "label": version.label,
            "state": "in_review",
            "next_review_on": None,
        }
    ]
    assert owners == []  # the reviewer is not done yet: not the owner's step
    assert foreign == []


def test_due_lists_a_published_version_whose_review_date_is_near(
    client, version, konsulent, reviewer, owner, other_konsulent
):
    # The service is given today, so the date is 10 days from the real today: within 30.
    soon = timezone.localdate() + datetime.timedelta(days=10)
    publish(version, konsulent=konsulent, reviewer=reviewer, owner=owner, next_review_on=soon)

    due = client.get("/api/v1/governance/reviews/due", headers=_bearer(owner)).json()
    foreign = client.get("/api/v1/governance/reviews/due", headers=_bearer(other_konsulent)).json()

    assert [(d["version_id"], d["state"], d["next_review_on"]) for d in due] == [
        (version.pk, "published", soon.isoformat())
    ]
    assert foreign == []
