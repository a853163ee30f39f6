"""A log's saved naming (issue 13, item 2): which attribute names the activities, which the
resources, chosen at upload or on the overview by the log's editors, and followed by every
tab, the API and conformance unless the URL names another for a one-off look.

The small log below is made so that the namings give different figures (computed by hand):

- by ``trin`` (its own names): 2 activities (Modtag, Afgør), 2 variants: cases 1 and 3 are
  Modtag, Modtag, Afgør; case 2 is Modtag, Afgør;
- by name and lifecycle (``fase``): 3 activities (Modtag (start), Modtag (complete),
  Afgør (complete)) and 3 variants, since case 1 starts with "start" and case 3 does not;
- resources: by ``medarbejder`` Anna 3, Bo 2, Carl 2, Dora 1 events; by ``team`` Team A 5,
  Team B 3;
- ``afdeling`` is the one column constant within each case: a case attribute with 2 values.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procesbank.core.errors import UserError
from procesbank.jobs.models import Job
from procesbank.jobs.services import job_create
from procesbank.mining import selectors, services
from procesbank.mining.engine import discovery
from procesbank.mining.engine.eventlog import ColumnMapping, read_csv
from procesbank.mining.engine.labels import (
    WITH_LIFECYCLE,
    case_attributes,
    relabel,
    resource_attributes,
    with_resource,
)
from procesbank.mining.models import EventLog
from procesbank.mining.tests.test_models import DATA, import_log
from procesbank.organisations.models import AuditEntry, Role

SMALL_CSV = b"""sag,trin,fase,tid,medarbejder,team,afdeling
1,Modtag,start,2024-01-01T08:00:00,Anna,Team A,Byg
1,Modtag,complete,2024-01-01T09:00:00,Anna,Team A,Byg
1,Afg\xc3\xb8r,complete,2024-01-02T10:00:00,Bo,Team B,Byg
2,Modtag,complete,2024-01-03T08:00:00,Carl,Team A,Milj\xc3\xb8
2,Afg\xc3\xb8r,complete,2024-01-04T10:00:00,Bo,Team B,Milj\xc3\xb8
3,Modtag,complete,2024-01-05T08:00:00,Anna,Team A,Byg
3,Modtag,complete,2024-01-05T09:00:00,Carl,Team A,Byg
3,Afg\xc3\xb8r,complete,2024-01-06T10:00:00,Dora,Team B,Byg
"""
MAPPING = ColumnMapping(
    case_id="sag", activity="trin", timestamp="tid", resource="medarbejder", lifecycle="fase"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _import_small(user, *, name: str = "Lille", visibility: str = "own") -> EventLog:
    pending = services.eventlog_upload_stage(
        user=user,
        upload=SimpleUploadedFile("lille.csv", SMALL_CSV),
        name=name,
        visibility=visibility,
    )
    job = job_create(user=user, title="Import")
    services.eventlog_import_run(job_id=job.pk, user=user, pending=pending, mapping=MAPPING)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    return EventLog.objects.get(pk=job.result["eventlog_id"])


@pytest.fixture
def small(konsulent) -> EventLog:
    return _import_small(konsulent)


def _get(client, user, name, log, **params):
    client.force_login(user)
    return client.get(reverse(name, kwargs={"eventlog_id": log.pk}), params)


def _save(client, user, log, **data):
    client.force_login(user)
    return client.post(reverse("mining:eventlog_naming", kwargs={"eventlog_id": log.pk}), data)


# The engine: the small log read directly.


def test_lifecycle_naming_splits_activities_and_variants():
    log = read_csv(SMALL_CSV, MAPPING)

    own = discovery.summary(log)
    named = discovery.summary(relabel(log, WITH_LIFECYCLE))

    assert (own.activities, own.variants) == (2, 2)
    assert (named.activities, named.variants) == (3, 3)


def test_the_team_column_can_name_the_resources():
    log = read_csv(SMALL_CSV, MAPPING)

    by_team = discovery.resource_stats(with_resource(log, "team"))

    assert "team" in resource_attributes(log)
    assert by_team.select("resource", "frequency").rows() == [("Team A", 5), ("Team B", 3)]


def test_resources_by_org_group_count_as_pm4py_counts_them():
    import warnings

    import pm4py

    from procesbank.mining.engine.eventlog import read_log

    ours = discovery.resource_stats(with_resource(read_log(DATA / "receipt.xes.gz"), "org:group"))

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = pm4py.read_xes(str(DATA / "receipt.xes.gz"))
    theirs = frame["org:group"].value_counts().to_dict()
    assert dict(ours.select("resource", "frequency").rows()) == theirs


def test_a_case_attribute_cannot_name_the_resources():
    log = read_csv(SMALL_CSV, MAPPING).rename({"afdeling": "case:afdeling"})

    with pytest.raises(ValueError, match="not a resource attribute: 'case:afdeling'"):
        with_resource(log, "case:afdeling")


def test_a_csv_case_attribute_is_a_column_constant_within_each_case():
    assert case_attributes(read_csv(SMALL_CSV, MAPPING)) == [("afdeling", 2)]


def test_an_xes_case_attributes_are_its_case_columns():
    from procesbank.mining.engine.eventlog import read_log

    found = case_attributes(read_log(DATA / "running-example.xes"))

    assert found == [("case:creator", 1)]


# Saving the naming: who may, what is checked, what is recorded.


def test_editor_saves_the_naming_with_an_audit_row(konsulent, small):
    saved = services.eventlog_naming_set(
        user=konsulent, eventlog=small, activity_key=WITH_LIFECYCLE, resource_key="team"
    )

    small.refresh_from_db()
    assert (small.activity_key, small.resource_key) == (WITH_LIFECYCLE, "team")
    assert small.naming_chosen_at == saved.naming_chosen_at is not None
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE).get()
    assert (entry.before["activity_key"], entry.after["activity_key"]) == ("", WITH_LIFECYCLE)
    assert (entry.before["resource_key"], entry.after["resource_key"]) == ("", "team")


def test_an_attribute_the_log_lacks_is_refused_in_danish_and_nothing_saved(konsulent, small):
    with pytest.raises(UserError) as refused:
        services.eventlog_naming_set(
            user=konsulent, eventlog=small, activity_key="taskNameEN", resource_key="team"
        )

    assert str(refused.value.render(lambda text: text)) == (
        "»taskNameEN« er ikke en egenskab i loggen, som kan navngive aktiviteterne."
    )
    small.refresh_from_db()
    assert (small.activity_key, small.resource_key, small.naming_chosen_at) == ("", "", None)


def test_an_unknown_resource_attribute_is_refused_on_the_page(client, konsulent, small):
    response = _save(client, konsulent, small, activity_key="", resource_key="kontor")
    page = client.get(response["Location"])

    assert "»kontor« er ikke en egenskab i loggen, som kan angive ressourcen." in (
        page.content.decode()
    )
    small.refresh_from_db()
    assert small.resource_key == ""


def test_a_reader_may_not_save_the_naming(client, make_user, small):
    reader = make_user(Role.LAESER)

    response = _save(client, reader, small, activity_key=WITH_LIFECYCLE)

    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.eventlog_naming_set(
            user=reader, eventlog=small, activity_key=WITH_LIFECYCLE, resource_key=""
        )
    small.refresh_from_db()
    assert small.activity_key == ""


def test_another_municipality_reads_a_shared_log_but_may_not_name_it(
    client, konsulent, other_konsulent
):
    shared = _import_small(konsulent, name="Delt", visibility="collaboration")
    private = _import_small(konsulent, name="Privat")

    on_shared = _save(client, other_konsulent, shared, activity_key=WITH_LIFECYCLE)
    on_private = _save(client, other_konsulent, private, activity_key=WITH_LIFECYCLE)
    overview = _get(client, other_konsulent, "mining:eventlog_overview", shared)

    assert (on_shared.status_code, on_private.status_code) == (403, 404)
    assert overview.status_code == 200
    assert "Gem som loggens standard" not in overview.content.decode()
    assert set(EventLog.objects.values_list("activity_key", flat=True)) == {""}


# Every analysis follows the saved naming; the URL wins for a one-off look.


def _map_activities(client, user, log, **params) -> int:
    response = _get(client, user, "mining:eventlog_map", log, **params)
    return response.context["graph"]["activities_total"]


def test_saved_naming_is_followed_by_the_map_and_the_variants(client, konsulent, small):
    before = _map_activities(client, konsulent, small)

    _save(client, konsulent, small, activity_key=WITH_LIFECYCLE, resource_key="team")
    after = _map_activities(client, konsulent, small)
    variants = _get(client, konsulent, "mining:eventlog_variants", small)

    assert (before, after) == (2, 3)
    assert variants.context["page"]["variants"] == 3


def test_saved_resource_naming_is_followed_by_statistics_and_the_filter(client, konsulent, small):
    services.eventlog_naming_set(
        user=konsulent, eventlog=small, activity_key="", resource_key="team"
    )

    statistics = _get(client, konsulent, "mining:eventlog_statistics", small)
    by_anna = _get(client, konsulent, "mining:eventlog_overview", small, ressource="Anna")

    rows = [(row["resource"], row["frequency"]) for row in statistics.context["stats"]["resources"]]
    assert rows == [("Team A", 5), ("Team B", 3)]
    # Anna is no longer a resource to filter by: the filter offers the teams.
    assert "ressource" in by_anna.context["filter_form"].errors
    assert by_anna.context["filter_form"].fields["ressource"].choices == [
        ("Team A", "Team A"),
        ("Team B", "Team B"),
    ]


def test_the_url_names_the_activities_for_a_one_off_look(client, konsulent, small):
    services.eventlog_naming_set(
        user=konsulent, eventlog=small, activity_key=WITH_LIFECYCLE, resource_key=""
    )

    own = _get(client, konsulent, "mining:eventlog_map", small, aktivitet="")
    saved = _get(client, konsulent, "mining:eventlog_map", small)

    assert own.context["graph"]["activities_total"] == 2
    # The tabs keep the one-off choice; with the saved naming they need no parameter.
    assert "aktivitet=&" in own.context["query"] + "&"
    assert saved.context["graph"]["activities_total"] == 3
    assert "aktivitet" not in saved.context["query"]


def test_the_api_follows_the_saved_naming_unless_asked_otherwise(client, konsulent, small):
    services.eventlog_naming_set(
        user=konsulent, eventlog=small, activity_key=WITH_LIFECYCLE, resource_key=""
    )
    client.force_login(konsulent)
    url = f"/api/v1/eventlogs/{small.pk}/summary"

    saved = client.get(url).json()
    own = client.get(url, {"aktivitet": ""}).json()

    listed = client.get("/api/v1/eventlogs").json()

    assert (saved["activities"], saved["variants"]) == (3, 3)
    assert (own["activities"], own["variants"]) == (2, 2)
    assert [(log["activity_key"], log["resource_key"]) for log in listed] == [(WITH_LIFECYCLE, "")]


def test_the_conformance_mapping_lists_the_activities_by_the_saved_naming(konsulent, small):
    from django.http import QueryDict

    from procesbank.mining.filtering import analysis

    services.eventlog_naming_set(
        user=konsulent, eventlog=small, activity_key=WITH_LIFECYCLE, resource_key=""
    )
    small.refresh_from_db()

    seen = analysis(small, QueryDict(""))

    assert seen.activity_key == WITH_LIFECYCLE
    assert seen.activities == ["Modtag (complete)", "Afgør (complete)", "Modtag (start)"]
    assert selectors.activity_names(eventlog=small, activity_key=seen.activity_key) == (
        seen.activities
    )


def test_the_conformance_tab_replays_the_log_by_the_saved_naming(client, konsulent, small):
    from procesbank.mining.tests.test_conformance_web import _process
    from procesbank.processes.tests.conftest import two_task_bpmn

    version = _process(konsulent, "Modtag og afgør", bpmn=two_task_bpmn("Modtag", "Afgør"))
    services.eventlog_naming_set(
        user=konsulent, eventlog=small, activity_key=WITH_LIFECYCLE, resource_key=""
    )

    saved = _get(client, konsulent, "mining:eventlog_conformance", small, model=version.pk)
    own = _get(
        client, konsulent, "mining:eventlog_conformance", small, model=version.pk, aktivitet=""
    )

    assert [row["activity"] for row in saved.context["mapping_rows"]] == [
        "Modtag (complete)",
        "Afgør (complete)",
        "Modtag (start)",
    ]
    assert [row["activity"] for row in own.context["mapping_rows"]] == ["Modtag", "Afgør"]
    # By its own names case 2 (Modtag, Afgør) fits the model; cases 1 and 3 do Modtag twice.
    assert (own.context["result"].fitting_cases, own.context["result"].cases) == (1, 3)


# At upload, and the overview's notice and list of case attributes.


def _upload_csv(client, user, data: dict[str, str], django_capture_on_commit_callbacks):
    client.force_login(user)
    staged = client.post(
        reverse("mining:eventlog_upload"),
        {"file": SimpleUploadedFile("lille.csv", SMALL_CSV), "name": "", "visibility": "own"},
    )
    mapping = {"case_id": "sag", "activity": "trin", "timestamp": "tid", **data}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(staged["Location"], mapping)


def test_the_csv_mapping_combines_activity_and_lifecycle(
    client, konsulent, django_capture_on_commit_callbacks
):
    _upload_csv(
        client,
        konsulent,
        {"resource": "medarbejder", "lifecycle": "fase", "combine": "on"},
        django_capture_on_commit_callbacks,
    )

    log = EventLog.objects.get()
    assert (log.activity_key, log.naming_chosen_at is not None) == (WITH_LIFECYCLE, True)
    assert _map_activities(client, konsulent, log) == 3


def test_combining_without_a_second_column_is_refused(
    client, konsulent, django_capture_on_commit_callbacks
):
    response = _upload_csv(client, konsulent, {"combine": "on"}, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert "Vælg den kolonne, som skal kombineres med aktiviteten." in response.content.decode()
    assert not EventLog.objects.exists()


def test_overview_offers_the_choice_until_an_editor_saves(client, konsulent, small):
    first = _get(client, konsulent, "mining:eventlog_overview", small)

    _save(client, konsulent, small, activity_key="", resource_key="")
    later = _get(client, konsulent, "mining:eventlog_overview", small)

    content = " ".join(first.content.decode().split())
    assert 'data-testid="naming-offer"' in content
    assert "<code>Navn og livscyklus</code>" in content
    assert "<code>team</code>" in content
    assert 'data-testid="naming-offer"' not in later.content.decode()
    assert "Gem som loggens standard" in later.content.decode()


def test_overview_lists_case_attributes_with_their_distinct_values(client, konsulent, small):
    response = _get(client, konsulent, "mining:eventlog_overview", small)

    assert response.context["case_attributes"] == [("afdeling", 2)]
    content = " ".join(response.content.decode().split())
    assert '<td>afdeling</td> <td class="num">2</td>' in content


def test_a_long_list_of_case_attributes_is_capped_with_show_all(client, konsulent):
    # BPIC15_1 has 15 case attributes (case:case_type ... case:termName).
    bpic = import_log(konsulent, "BPIC15_1.xes.gz", name="Byggesager")

    capped = _get(client, konsulent, "mining:eventlog_overview", bpic)
    everything = _get(client, konsulent, "mining:eventlog_overview", bpic, alle_egenskaber="1")

    assert len(capped.context["case_attributes"]) == 10
    assert "Vis alle (5 flere)" in capped.content.decode()
    assert len(everything.context["case_attributes"]) == 15
    assert ("case:termName", 13) in everything.context["case_attributes"]
    assert "Vis alle (" not in everything.content.decode()
