from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from lxml import etree

from procesbank.core.errors import UserError
from procesbank.kit.locking import StaleEditError
from procesbank.organisations.models import AuditEntry
from procesbank.processes import selectors, services
from procesbank.processes.engine.bpmn import TaskMeasurements
from procesbank.processes.models import Process, ProcessVersion, Revision, TaskMeasurement
from procesbank.processes.tests.conftest import MIWG, two_task_bpmn


def _measure(user, version, task_id, likely, minimum=None, maximum=None):
    return services.task_measurements_set(
        user=user,
        version=version,
        task_id=task_id,
        measurements=TaskMeasurements(
            minutes_min=likely if minimum is None else minimum,
            minutes_likely=likely,
            minutes_max=likely if maximum is None else maximum,
        ),
    )


def test_create_makes_an_as_is_version_with_tasks_mirrored_and_audit(make_process, konsulent):
    process = make_process(kle_code="32.18.08", yearly_volume=1800)

    version = process.versions.get()
    assert (version.kind, version.label, version.revision) == ("as_is", "Som-er", 1)
    assert list(version.tasks.values_list("element_id", "lane")) == [
        ("T1", "Sagsbehandler"),
        ("T2", "Økonomi"),
    ]
    assert Revision.objects.get(version=version).comment == "Oprettet"
    assert AuditEntry.objects.filter(object_type="processes.Process", action="create").count() == 1
    assert "Registrér ansøgning" in Process.objects.get().search_text


def test_reader_cannot_create(laeser):
    with pytest.raises(PermissionDenied):
        services.process_create(user=laeser, name="X")


def test_duplicate_name_in_same_municipality_is_refused(make_process):
    make_process()

    with pytest.raises(ValidationError) as error:
        make_process()

    assert error.value.message_dict == {
        "name": ["Din kommune har allerede en proces med det navn."]
    }


def test_measurements_give_hand_computed_figures(make_process, konsulent):
    # T1: min 5, likely 10, max 25 -> (5 + 40 + 25) / 6 = 11.6667 min per case
    # T2: 6 min flat. Total 17.6667 min per case; x 1800 cases / 60 = 530 hours per year;
    # 530 / 1924 = 0.27547 FTE; cost at the default 450 kr/h = 238,500 kr.
    process = make_process(yearly_volume=1800)
    version = process.versions.get()
    _measure(konsulent, version, "T1", 10, 5, 25)
    version = _measure(konsulent, version, "T2", 6)

    metrics = selectors.version_metrics(version=version)

    assert metrics.minutes_per_case == pytest.approx(17.666666, abs=1e-5)
    assert metrics.hours_per_year == pytest.approx(530.0)
    assert metrics.fte == pytest.approx(530 / 1924)
    assert metrics.cost_per_year == Decimal("238500.00")
    assert version.revision == 3
    assert TaskMeasurement.objects.get(
        version=version, element_id="T1"
    ).minutes_per_case == pytest.approx(70 / 6)


def test_role_rate_prices_a_lane(make_process, konsulent, make_user):
    # T1 10 min (Sagsbehandler at 500 kr/h), T2 6 min (Økonomi at the default 450 kr/h), 600
    # cases: T1 100 h x 500 = 50,000; T2 60 h x 450 = 27,000; total 77,000 kr.
    process = make_process(yearly_volume=600)
    version = process.versions.get()
    _measure(konsulent, version, "T1", 10)
    version = _measure(konsulent, version, "T2", 6)
    from procesbank.organisations.models import Role

    admin = make_user(Role.KOMMUNEADMIN)
    services.role_rate_set(user=admin, role="Sagsbehandler", hourly_rate=Decimal("500"))

    assert selectors.version_metrics(version=version).cost_per_year == Decimal("77000.00")


def test_to_be_copy_and_comparison_show_hours_saved(make_process, konsulent):
    # As-is: T1 10 + T2 6 = 16 min; to-be: T1 automated to 0 -> saves 10 min per case,
    # x 1800 / 60 = 300 hours per year, 300 x 450 = 135,000 kr.
    process = make_process(yearly_volume=1800)
    as_is = process.versions.get()
    _measure(konsulent, as_is, "T1", 10)
    as_is = _measure(konsulent, as_is, "T2", 6)

    to_be = services.version_copy(user=konsulent, version=as_is, label="Skal-være 2027")
    to_be = _measure(konsulent, to_be, "T1", 0)
    diff = selectors.version_comparison(before=as_is, after=to_be)

    assert diff.minutes_saved_per_case == pytest.approx(10)
    assert diff.hours_saved_per_year == pytest.approx(300)
    assert diff.cost_saved_per_year == Decimal("135000.00")


def test_stale_save_is_refused_and_nothing_is_written(make_process, konsulent):
    version = make_process().versions.get()
    services.version_save_bpmn(
        user=konsulent, version=version, data=two_task_bpmn("Først"), base_revision=1
    )

    with pytest.raises(StaleEditError) as error:
        services.version_save_bpmn(
            user=konsulent, version=version, data=two_task_bpmn("Anden"), base_revision=1
        )

    version.refresh_from_db()
    assert error.value.render().startswith(
        "Mens du redigerede, har konsulent.helsingoer gemt en nyere udgave ("
    )
    assert "Dine ændringer er ikke gemt" in error.value.render()
    assert version.revision == 2
    assert "Først" in version.bpmn_xml
    assert version.revisions.count() == 2


def test_broken_bpmn_save_is_refused_with_line_and_nothing_written(make_process, konsulent):
    version = make_process().versions.get()

    with pytest.raises(UserError) as error:
        services.version_save_bpmn(
            user=konsulent, version=version, data=b"<bpmn:definitions\n<oops", base_revision=1
        )

    version.refresh_from_db()
    assert error.value.render().startswith("Filen er ikke gyldig XML (linje 2)")
    assert version.revision == 1


def test_restore_brings_back_an_old_revision_as_a_new_one(make_process, konsulent):
    version = make_process().versions.get()
    version = services.version_save_bpmn(
        user=konsulent, version=version, data=two_task_bpmn("Ændret"), base_revision=1
    )

    restored = services.version_restore(user=konsulent, version=version, number=1, base_revision=2)

    assert restored.revision == 3
    assert "Registrér ansøgning" in restored.bpmn_xml
    assert restored.revisions.get(number=3).comment == "Gendannet fra udgave 1"


def test_other_municipality_cannot_save(make_process, other_konsulent):
    version = make_process().versions.get()

    with pytest.raises(PermissionDenied):
        services.version_save_bpmn(
            user=other_konsulent, version=version, data=two_task_bpmn(), base_revision=1
        )


def test_metadata_update_with_stale_lock_version_is_refused(make_process, konsulent):
    process = make_process()
    services.process_update(user=konsulent, process=process, lock_version=1, yearly_volume=10)

    with pytest.raises(StaleEditError):
        services.process_update(user=konsulent, process=process, lock_version=1, yearly_volume=20)

    assert Process.objects.get().yearly_volume == 10


def test_bad_kle_code_is_refused(make_process):
    with pytest.raises(UserError) as error:
        make_process(kle_code="32.18.8")

    assert error.value.render() == "KLE-nummeret skal have formen NN.NN.NN, fx 32.18.08."
    assert error.value.params["field"] == "kle_code"
    assert not Process.objects.exists()


def test_unknown_kle_main_group_is_refused(make_process):
    with pytest.raises(UserError) as error:
        make_process(kle_code="99.01.01")

    assert error.value.render() == "KLE har ingen hovedgruppe 99 (KLE-nummer 99.01.01)"


def test_loaded_kle_plan_decides_which_numbers_exist(make_process):
    from procesbank.processes.services.kle import kle_plan_import
    from procesbank.processes.tests.conftest import DATA

    sample = (
        DATA.parent.parent
        / "procesbank"
        / "processes"
        / "tests"
        / "data"
        / "kle-emneplan-sample.xml"
    )
    kle_plan_import(data=sample.read_bytes())

    assert make_process(kle_code="32.18.08").kle_code == "32.18.08"
    with pytest.raises(UserError) as error:
        make_process(name="Anden", kle_code="32.18.99")
    assert error.value.render() == "KLE-nummeret 32.18.99 findes ikke i KLE-emneplanen"


def test_handlingsfacet_is_normalised(make_process):
    assert make_process(handlingsfacet=" g01").handlingsfacet == "G01"


def test_import_keeps_the_file_and_takes_its_name(konsulent):
    data = (MIWG / "A.2.0.bpmn").read_bytes()

    process = services.process_import_bpmn(user=konsulent, data=data, filename="A.2.0.bpmn").process

    stored = process.versions.get().bpmn_xml.encode("utf-8")
    assert _tree(stored) == _tree(data)
    assert process.visibility == "own"


def test_import_twice_gets_a_numbered_name(konsulent):
    data = (MIWG / "A.1.0.bpmn").read_bytes()

    first = services.process_import_bpmn(user=konsulent, data=data, name="Testproces").process
    second = services.process_import_bpmn(user=konsulent, data=data, name="Testproces").process

    assert (first.name, second.name) == ("Testproces", "Testproces (2)")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Filen er tom"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "DOCTYPE"),
        (b"<html><body>hej</body></html>", "Filen er ikke en BPMN 2.0-model"),
    ],
)
def test_hostile_or_wrong_files_are_refused_and_nothing_saved(konsulent, data, message):
    with pytest.raises(UserError) as error:
        services.process_import_bpmn(user=konsulent, data=data, name="X")

    assert message in error.value.render()
    assert not Process.objects.exists()
    assert not ProcessVersion.objects.exists()


def test_oversized_file_is_refused(konsulent, settings):
    settings.PROCESBANK_BPMN_LIMIT_MB = 1
    data = (MIWG / "A.1.0.bpmn").read_bytes() + b" " * (1024 * 1024)

    with pytest.raises(UserError) as error:
        services.process_import_bpmn(user=konsulent, data=data)

    assert error.value.render() == "Filen er for stor (1,1 MB); den må højst fylde 1 MB"


def _tree(data: bytes) -> list[tuple[str, dict[str, str], str]]:
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    return [
        (str(e.tag), dict(e.attrib), (e.text or "").strip())
        for e in root.iter()
        if isinstance(e.tag, str)
    ]


def test_consultant_cannot_set_rates(konsulent):
    with pytest.raises(PermissionDenied):
        services.role_rate_set(user=konsulent, role="Sagsbehandler", hourly_rate=Decimal("500"))


def test_municipality_hours_per_fte_change_the_fte(make_process, make_user, konsulent):
    # 10 min x 1,924 cases / 60 = 320.67 hours; at 1,600 hours per FTE: 0.20042 FTE.
    from procesbank.organisations.models import Role
    from procesbank.organisations.services import municipality_settings_update

    process = make_process(yearly_volume=1924)
    version = _measure(konsulent, process.versions.get(), "T1", 10)
    admin = make_user(Role.KOMMUNEADMIN)

    municipality_settings_update(
        user=admin, annual_hours_per_fte=Decimal("1600"), default_hourly_rate=Decimal("450")
    )

    version.process.municipality.refresh_from_db()
    metrics = selectors.version_metrics(version=version)
    assert metrics.fte == pytest.approx(10 * 1924 / 60 / 1600)


def test_removing_a_role_rate_falls_back_to_the_default(make_process, make_user, konsulent):
    from procesbank.organisations.models import Role

    admin = make_user(Role.KOMMUNEADMIN)
    rate = services.role_rate_set(user=admin, role="Sagsbehandler", hourly_rate=Decimal("600"))
    process = make_process(yearly_volume=60)
    version = _measure(konsulent, process.versions.get(), "T1", 60)  # 60 h a year

    before = selectors.version_metrics(version=version).cost_per_year
    services.role_rate_delete(user=admin, rate_id=rate.pk)
    after = selectors.version_metrics(version=version).cost_per_year

    assert (before, after) == (Decimal("36000.00"), Decimal("27000.00"))


@pytest.mark.parametrize(
    ("typed", "filename", "expected"),
    [
        ("Fakturamodtagelse", "C.1.0.bpmn", "Fakturamodtagelse"),
        # The definitions' name, not the first pool ("Team-Assistant").
        ("", "C.1.0.bpmn", "C.1.0"),
        ("", "fra-signavio.bpmn", "C.1.0"),
    ],
)
def test_import_takes_the_typed_name_else_the_definitions(konsulent, typed, filename, expected):
    data = (MIWG / "C.1.0.bpmn").read_bytes()

    process = services.process_import_bpmn(
        user=konsulent, data=data, name=typed, filename=filename
    ).process

    assert process.name == expected


def test_import_without_definitions_name_takes_the_process_then_the_file_name(konsulent):
    named_process = (
        b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">'
        b'<collaboration id="c"><participant id="pp" name="Borgerservice" processRef="p"/>'
        b'</collaboration><process id="p" name="Flytning"><startEvent id="s"/></process>'
        b"</definitions>"
    )
    unnamed = named_process.replace(b' name="Flytning"', b"").replace(b' name="Borgerservice"', b"")

    first = services.process_import_bpmn(user=konsulent, data=named_process, filename="x.bpmn")
    second = services.process_import_bpmn(user=konsulent, data=unnamed, filename="Flyt.bpmn")

    assert first.process.name == "Flytning"
    assert second.process.name == "Flyt"
