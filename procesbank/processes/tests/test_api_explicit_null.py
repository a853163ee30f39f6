"""An explicit ``null`` for any field of a PATCH body answers 200 (the field may be empty) or a
structured 422 naming the field, never a 500 (issue #12, finding 8), and changes nothing when
refused."""

from __future__ import annotations

import json

import pytest

from procesbank.processes.api import ProcessPatch

pytestmark = pytest.mark.django_db

PATCHABLE = sorted(name for name in ProcessPatch.model_fields if name != "lock_version")


@pytest.mark.parametrize("field", PATCHABLE)
def test_an_explicit_null_is_taken_or_refused_with_the_field_named(
    client, konsulent, make_process, field
):
    process = make_process()
    client.force_login(konsulent)

    response = client.patch(
        f"/api/v1/processes/{process.pk}",
        json.dumps({field: None, "lock_version": process.lock_version}),
        content_type="application/json",
    )

    assert response.status_code in (200, 422), response.content
    if response.status_code == 422:
        assert response.json()["detail"][0]["loc"] == ["body", field]
        before = process.lock_version
        process.refresh_from_db()
        assert process.lock_version == before


@pytest.mark.parametrize(
    "field",
    ["contact_person", "contact_email", "contact_phone", "website", "technologies", "it_systems"],
)
def test_the_profile_takes_an_explicit_null_as_no_change(client, make_user, field):
    from procesbank.organisations.models import Role

    admin = make_user(Role.KOMMUNEADMIN, username="admin.helsingoer")
    client.force_login(admin)
    url = f"/api/v1/municipalities/{admin.municipality.code}/profile"
    before = client.get(url).json()

    response = client.patch(
        url,
        json.dumps({field: None, "lock_version": before["lock_version"]}),
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    assert response.json()[field] == before[field]
