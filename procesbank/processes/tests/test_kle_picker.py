"""KL's KLE plan imported from the sample, the picker's lookup (API and form widget), and
numbers outside the imported plan refused wherever KLE is entered."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from procesbank.catalogue import services as catalogue_services
from procesbank.processes import services
from procesbank.processes.engine.kle import KleError
from procesbank.processes.models import KleTopic
from procesbank.processes.services.kle import kle_plan_import

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[3] / "tests" / "data" / "kle" / "kle-emneplan-udsnit.xml"


@pytest.fixture
def plan(db) -> int:
    return kle_plan_import(data=SAMPLE.read_bytes())


def test_the_sample_of_kls_plan_imports_every_level(plan) -> None:
    # 3 main groups; groups 02.00, 02.34, 27.24, 27.36, 32.18, 32.24; topics 2+8+2+3+4+2.
    assert plan == 3 + 6 + 21
    assert KleTopic.objects.get(code="02.34").title == "Byggesagsbehandling"
    assert list(KleTopic.objects.filter(expired=True).values_list("code", flat=True)) == [
        "02.34.10",
        "32.24.48",
    ]


def test_the_picker_finds_byggesag_by_word(client, konsulent, plan) -> None:
    client.force_login(konsulent)

    found = client.get("/api/v1/kle", {"q": "byggesag"}).json()

    # 02.34.10 "Byggesager om midlertidige ..." matches too but has expired.
    assert [(e["code"], e["level"]) for e in found] == [("02.34", 2), ("02.34.00", 3)]
    assert found[0]["label"] == "02.34 Byggesagsbehandling"
    assert found[1]["parent_code"] == "02.34"


def test_the_picker_shows_a_group_with_its_topics_as_a_tree(client, konsulent, plan) -> None:
    client.force_login(konsulent)

    found = client.get("/api/v1/kle", {"q": "02.34"}).json()

    assert [e["code"] for e in found] == [
        "02.34",
        "02.34.00",
        "02.34.02",
        "02.34.03",
        "02.34.04",
        "02.34.05",
        "02.34.06",
        "02.34.07",
    ]


def test_the_picker_starts_with_the_main_groups(client, konsulent, plan) -> None:
    client.force_login(konsulent)

    found = client.get("/api/v1/kle").json()

    assert [e["code"] for e in found] == ["02", "27", "32"]


def test_without_a_plan_the_picker_knows_the_main_groups(client, konsulent) -> None:
    client.force_login(konsulent)

    found = client.get("/api/v1/kle", {"q": "byggeri"}).json()

    assert [(e["code"], e["title"]) for e in found] == [("02", "Byggeri")]


def test_the_lookup_refuses_a_limit_out_of_range(client, konsulent) -> None:
    client.force_login(konsulent)

    assert client.get("/api/v1/kle", {"q": "02", "limit": "0"}).status_code == 422
    assert client.get("/api/v1/kle", {"q": "x" * 101}).status_code == 422


def test_a_number_not_in_the_imported_plan_is_refused_on_processes(konsulent, plan) -> None:
    with pytest.raises(KleError) as caught:
        services.process_create(user=konsulent, name="Byggesag", kle_code="02.34.99")

    assert str(caught.value) == "KLE-nummeret 02.34.99 findes ikke i KLE-emneplanen"
    assert services.process_create(user=konsulent, name="Byggesag", kle_code="02.34.02")


def test_without_a_plan_only_the_form_and_main_group_are_checked(konsulent) -> None:
    process = services.process_create(user=konsulent, name="Byggesag", kle_code="02.34.99")

    assert process.kle_code == "02.34.99"


def test_a_number_not_in_the_imported_plan_is_refused_on_candidates(konsulent, plan) -> None:
    with pytest.raises(ValidationError) as caught:
        catalogue_services.candidate_create(user=konsulent, title="Robot", kle_code="27.99")

    assert caught.value.message_dict == {
        "kle_code": ["KLE-nummeret 27.99 findes ikke i KLE-emneplanen"]
    }


def test_an_expired_number_is_refused_with_its_title(konsulent, plan) -> None:
    with pytest.raises(KleError) as caught:
        services.process_create(user=konsulent, name="Pavillon", kle_code="02.34.10")

    assert "er udgået" in str(caught.value)


def test_the_process_form_renders_the_kle_field_as_a_labelled_combobox(client, konsulent) -> None:
    client.force_login(konsulent)

    page = client.get("/processer/ny/").content.decode()

    assert 'for="id_kle_code"' in page
    assert 'id="id_kle_code"' in page
    assert 'role="combobox"' in page
    assert 'data-suggest="/api/v1/kle"' in page
    assert 'data-suggest="/api/v1/it-systems"' in page


def test_the_form_shows_the_refusal_on_the_kle_field(client, konsulent, plan) -> None:
    client.force_login(konsulent)

    response = client.post(
        "/processer/ny/",
        {
            "name": "Byggesag",
            "kle_code": "02.34.99",
            "phase": "kortlagt",
            "visibility": "own",
            "yearly_volume": "10",
        },
    )

    assert response.status_code == 200
    assert "KLE-nummeret 02.34.99 findes ikke i KLE-emneplanen" in response.content.decode()


# --- KL's handlingsfacetter ----------------------------------------------------------------

FACETS = SAMPLE.parent / "kle-handlingsfacetter-udsnit.xml"


def test_kls_facet_file_imports_and_refuses_facets_outside_it(konsulent) -> None:
    from procesbank.processes.services.kle import kle_file_import

    assert kle_file_import(data=FACETS.read_bytes()) == ("facets", 1)

    with pytest.raises(KleError) as caught:
        services.process_create(user=konsulent, name="Byggesag", handlingsfacet="x99")
    assert str(caught.value) == "Handlingsfacetten X99 findes ikke i KLE's handlingsfacetter"
    process = services.process_create(user=konsulent, name="Byggesag", handlingsfacet="g01")
    assert process.handlingsfacet == "G01"


def test_without_facets_only_the_form_of_a_facet_is_checked(konsulent) -> None:
    process = services.process_create(user=konsulent, name="Byggesag", handlingsfacet="X99")

    assert process.handlingsfacet == "X99"


def test_an_expired_facet_and_a_foreign_root_are_refused() -> None:
    from procesbank.processes.engine.kle import parse_kle_facets, validate_handlingsfacet

    data = FACETS.read_bytes().replace(
        b"<OprettetDato>1988-01-01</OprettetDato>",
        b"<OprettetDato>1988-01-01</OprettetDato><Historisk><UdgaaetDato>2020-01-01"
        b"</UdgaaetDato></Historisk>",
    )
    facets = {f.code: f for f in parse_kle_facets(data)}

    with pytest.raises(KleError) as caught:
        validate_handlingsfacet("G01", facets=facets)
    assert "G01 (Generelle sager) er udgået" in str(caught.value)
    with pytest.raises(KleError) as caught:
        parse_kle_facets(SAMPLE.read_bytes())
    assert "rodelementet er KLE-Emneplan" in str(caught.value)
