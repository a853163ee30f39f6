"""KLE numbers, handlingsfacetter, KL's XML plan and the picker's search."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest

from procesbank.processes.engine.kle import (
    KleEntry,
    KleError,
    KleLevel,
    KlePlan,
    main_group_title,
    parse_kle_plan,
    validate_handlingsfacet,
    validate_kle_code,
)
from procesbank.processes.engine.kle_groups import KLE_MAIN_GROUPS

SAMPLE = Path(__file__).resolve().parent / "data" / "kle-emneplan-sample.xml"
AS_OF = date(2025, 6, 1)


@pytest.fixture(scope="module")
def plan() -> KlePlan:
    return parse_kle_plan(SAMPLE.read_bytes(), as_of=AS_OF)


def plan_error(data: bytes, **kwargs: int) -> str:
    with pytest.raises(KleError) as caught:
        parse_kle_plan(data, as_of=AS_OF, **kwargs)
    return str(caught.value)


def entry(plan: KlePlan, code: str) -> KleEntry:
    found = plan.get(code)
    assert found is not None, code
    return found


def emneplan(body: str, root: str = "KLE-Emneplan", xmlns: str = "") -> bytes:
    namespace = f' xmlns="{xmlns}"' if xmlns else ""
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<{root}{namespace}>{body}</{root}>'.encode()


def main_group(number: str, title: str, inner: str = "") -> str:
    return (
        f"<Hovedgruppe><HovedgruppeNr>{number}</HovedgruppeNr>"
        f"<HovedgruppeTitel>{title}</HovedgruppeTitel>{inner}</Hovedgruppe>"
    )


def group(number: str, title: str, inner: str = "") -> str:
    return (
        f"<Gruppe><GruppeNr>{number}</GruppeNr><GruppeTitel>{title}</GruppeTitel>{inner}</Gruppe>"
    )


def topic(number: str, title: str, inner: str = "") -> str:
    return f"<Emne><EmneNr>{number}</EmneNr><EmneTitel>{title}</EmneTitel>{inner}</Emne>"


# --- the main groups ---------------------------------------------------------------------------


def test_main_groups_are_two_digit_numbers_in_order_with_titles() -> None:
    codes = list(KLE_MAIN_GROUPS)

    assert codes == sorted(codes)
    assert all(len(code) == 2 and code.isdigit() for code in codes)
    assert all(title.strip() == title and title for title in KLE_MAIN_GROUPS.values())
    assert KLE_MAIN_GROUPS["00"] == "Kommunens styrelse"
    assert KLE_MAIN_GROUPS["32"] == "Kontante ydelser"
    assert KLE_MAIN_GROUPS["81"] == "Kommunens personale"


def test_main_group_title_names_the_main_group_of_any_level() -> None:
    assert main_group_title("32.18.08") == "Kontante ydelser"
    assert main_group_title("02") == "Byggeri"
    assert main_group_title("10.01") == ""


# --- validate_kle_code --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("32.18.08", "32.18.08"),
        ("32.18", "32.18"),
        ("32", "32"),
        ("  32.18.08\n", "32.18.08"),
        ("32. 18 .08", "32.18.08"),
        ("32.18.08\u00a0", "32.18.08"),  # a no-break space pasted from a document
    ],
)
def test_validate_kle_code_accepts_the_three_levels_and_drops_whitespace(
    given: str, expected: str
) -> None:
    assert validate_kle_code(given) == expected


@pytest.mark.parametrize(
    "given",
    ["", " ", "3", "32.1", "32.18.8", "321808", "32-18-08", "32.18.08.01", "ab.cd", "٣٢.١٨"],
)
def test_validate_kle_code_refuses_other_forms_naming_the_expected_form(given: str) -> None:
    with pytest.raises(KleError) as caught:
        validate_kle_code(given)

    assert str(caught.value) == "KLE-nummeret skal have formen NN.NN.NN, fx 32.18.08."
    assert caught.value.params["field"] == "kle_code"


def test_validate_kle_code_refuses_a_main_group_kle_does_not_have() -> None:
    with pytest.raises(KleError) as caught:
        validate_kle_code("10.01.02")

    assert str(caught.value) == "KLE har ingen hovedgruppe 10 (KLE-nummer 10.01.02)"


def test_validate_kle_code_with_a_plan_accepts_a_number_in_it(plan: KlePlan) -> None:
    assert validate_kle_code(" 32.18.08 ", plan=plan) == "32.18.08"


def test_validate_kle_code_with_a_plan_refuses_a_number_not_in_it(plan: KlePlan) -> None:
    with pytest.raises(KleError) as caught:
        validate_kle_code("32.18.99", plan=plan)

    assert str(caught.value) == "KLE-nummeret 32.18.99 findes ikke i KLE-emneplanen"


def test_validate_kle_code_with_a_plan_refuses_an_expired_number(plan: KlePlan) -> None:
    with pytest.raises(KleError) as caught:
        validate_kle_code("32.24.48", plan=plan)

    assert str(caught.value) == (
        "KLE-nummeret 32.24.48 (Selvforsørgelses- og hjemrejseydelse eller overgangsydelse) "
        "er udgået og kan ikke bruges på nye processer"
    )


def test_validate_kle_code_accepts_a_new_main_group_of_a_loaded_plan() -> None:
    plan = KlePlan([KleEntry("89", "En ny hovedgruppe", KleLevel.MAIN_GROUP)])

    assert validate_kle_code("89", plan=plan) == "89"


# --- validate_handlingsfacet --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"), [("G01", "G01"), ("g01", "G01"), (" p20 ", "P20"), ("", ""), ("  ", "")]
)
def test_validate_handlingsfacet_normalises_case_and_allows_empty(
    given: str, expected: str
) -> None:
    assert validate_handlingsfacet(given) == expected


@pytest.mark.parametrize("given", ["G1", "G001", "01G", "GG1", "Æ01", "G0١", "G-01"])
def test_validate_handlingsfacet_refuses_other_forms(given: str) -> None:
    with pytest.raises(KleError) as caught:
        validate_handlingsfacet(given)

    assert str(caught.value) == "Handlingsfacetten skal være et bogstav og to cifre, fx G01."
    assert caught.value.params["field"] == "handlingsfacet"


# --- parse_kle_plan -----------------------------------------------------------------------------


def test_parse_kle_plan_reads_every_level_in_document_order(plan: KlePlan) -> None:
    levels = [entry.level for entry in plan]

    assert len(plan) == 11
    assert levels.count(KleLevel.MAIN_GROUP) == 2
    assert levels.count(KleLevel.GROUP) == 3
    assert levels.count(KleLevel.TOPIC) == 6
    assert [entry.code for entry in plan][:4] == ["02", "02.34", "02.34.00", "02.34.02"]
    assert plan.published_on == date(2025, 1, 1)
    assert plan.main_group_codes == {"02", "32"}


def test_parse_kle_plan_reads_a_topic_with_its_administrative_dates(plan: KlePlan) -> None:
    assert plan.get("32.18.08") == KleEntry(
        code="32.18.08",
        title="Hjælp til enkeltudgifter",  # the file's double space collapsed
        level=KleLevel.TOPIC,
        parent_code="32.18",
        uuid="7b0f9e8d-d0b9-43b0-8c8f-90edf0147f88",
        expired=False,
        created_on=date(1998, 7, 1),
        changed_on=date(2014, 1, 1),
        expires_on=None,
    )


def test_parse_kle_plan_takes_the_latest_of_several_correction_dates(plan: KlePlan) -> None:
    assert entry(plan, "02.34.02").changed_on == date(2019, 1, 1)


def test_parse_kle_plan_marks_an_entry_expired_from_its_expiry_date_in_historisk(
    plan: KlePlan,
) -> None:
    expired = [entry.code for entry in plan if entry.expired]

    assert expired == ["32.24.48"]
    assert entry(plan, "32.24.48").expires_on == date(2022, 2, 1)


def test_parse_kle_plan_keeps_an_entry_current_until_its_announced_expiry_date() -> None:
    before = parse_kle_plan(SAMPLE.read_bytes(), as_of=date(2022, 1, 31))
    on_the_day = parse_kle_plan(SAMPLE.read_bytes(), as_of=date(2022, 2, 1))

    assert entry(before, "32.24.48").expired is False
    assert entry(on_the_day, "32.24.48").expired is True


def test_parse_kle_plan_expires_the_topics_of_an_expired_group() -> None:
    expiry = (
        "<GruppeAdministrativInfo><Historisk><UdgaaetDato>2020-01-01</UdgaaetDato></Historisk>"
        "</GruppeAdministrativInfo>"
    )
    data = emneplan(
        main_group(
            "32",
            "Kontante ydelser",
            group("32.30", "Gammel", expiry + topic("32.30.00", "Gammel i almindelighed")),
        )
    )

    plan = parse_kle_plan(data, as_of=AS_OF)

    assert entry(plan, "32.30.00").expired is True
    assert entry(plan, "32.30.00").expires_on is None


def test_parse_kle_plan_matches_elements_by_local_name_in_a_namespace(plan: KlePlan) -> None:
    body = SAMPLE.read_text(encoding="utf-8")
    namespaced = body.replace(
        "<KLE-Emneplan ", '<KLE-Emneplan xmlns="http://klxml.dk/kle/emneplan" ', 1
    ).encode()

    assert parse_kle_plan(namespaced, as_of=AS_OF).entries == plan.entries


def test_parse_kle_plan_lists_children_of_a_group(plan: KlePlan) -> None:
    assert [entry.code for entry in plan.children("32.24")] == ["32.24.04", "32.24.48"]
    assert [entry.code for entry in plan.children("32")] == ["32.18", "32.24"]


def test_parse_kle_plan_refuses_an_empty_file() -> None:
    assert plan_error(b"  \n") == "Filen er tom"


def test_parse_kle_plan_refuses_a_file_over_the_size_limit() -> None:
    data = emneplan(main_group("02", "Byggeri"))

    assert plan_error(data, max_bytes=50) == ("Filen er for stor (0,1 MB); den må højst fylde 0 MB")


def test_parse_kle_plan_refuses_broken_xml_naming_the_line() -> None:
    data = b"<KLE-Emneplan>\n<Hovedgruppe>\n<HovedgruppeNr>02</HovedgruppeNr>\n</KLE-Emneplan>"

    message = plan_error(data)

    assert message.startswith("Filen er ikke gyldig XML (linje 4): ")
    assert "Hovedgruppe" in message


def test_parse_kle_plan_refuses_a_doctype_before_expanding_any_entity() -> None:
    laughs = (
        b'<?xml version="1.0"?>\n<!DOCTYPE KLE-Emneplan [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;">]>'
        b"<KLE-Emneplan><UdgivelsesDato>&b;</UdgivelsesDato></KLE-Emneplan>"
    )

    assert plan_error(laughs) == (
        "Filen indeholder en DOCTYPE-erklæring (DTD eller entiteter), som vi af "
        "sikkerhedshensyn ikke modtager"
    )


def test_parse_kle_plan_refuses_another_root_element() -> None:
    data = emneplan(main_group("02", "Byggeri"), root="KLE-Handlingsfacetter")

    assert plan_error(data) == (
        "Filen er ikke en KLE-emneplan: rodelementet er KLE-Handlingsfacetter, men skal være "
        "KLE-Emneplan"
    )


def test_parse_kle_plan_refuses_a_plan_without_main_groups() -> None:
    data = emneplan("<UdgivelsesDato>2025-01-01</UdgivelsesDato>")

    assert plan_error(data) == "KLE-emneplanen indeholder ingen hovedgrupper"


def test_parse_kle_plan_refuses_an_entry_without_a_number() -> None:
    data = emneplan(
        main_group("02", "Byggeri", "\n<Gruppe><GruppeTitel>Uden nummer</GruppeTitel></Gruppe>")
    )

    assert plan_error(data) == "Gruppe på linje 3 mangler GruppeNr"


def test_parse_kle_plan_refuses_an_entry_without_a_title() -> None:
    data = emneplan("<Hovedgruppe><HovedgruppeNr>02</HovedgruppeNr></Hovedgruppe>")

    assert plan_error(data) == "Hovedgruppe på linje 2 mangler HovedgruppeTitel"


def test_parse_kle_plan_refuses_a_number_of_the_wrong_form() -> None:
    data = emneplan(main_group("02", "Byggeri", group("02.3", "Forkert")))

    assert plan_error(data) == ("Gruppe på linje 2 har nummeret »02.3«, som ikke har formen NN.NN")


def test_parse_kle_plan_refuses_an_entry_under_the_wrong_parent() -> None:
    data = emneplan(main_group("02", "Byggeri", group("03.34", "Forkert sted")))

    assert plan_error(data) == ("Gruppe 03.34 på linje 2 står under 02, som det ikke hører til")


def test_parse_kle_plan_refuses_a_repeated_number() -> None:
    data = emneplan(main_group("02", "Byggeri") + "\n" + main_group("02", "Byggeri igen"))

    assert plan_error(data) == "KLE-nummeret 02 står flere gange i emneplanen (igen på linje 3)"


def test_parse_kle_plan_refuses_an_invalid_date() -> None:
    info = "<HovedgruppeAdministrativInfo><OprettetDato>1. januar 1988</OprettetDato>"
    data = emneplan(main_group("02", "Byggeri", info + "</HovedgruppeAdministrativInfo>"))

    assert plan_error(data) == ("OprettetDato på linje 2 har en ugyldig dato: »1. januar 1988«")


# --- KlePlan.search -----------------------------------------------------------------------------


def codes(entries: Iterable[KleEntry]) -> list[str]:
    return [entry.code for entry in entries]


def test_search_by_number_prefix_lists_the_entry_and_what_lies_under_it(plan: KlePlan) -> None:
    assert codes(plan.search("32.18")) == ["32.18", "32.18.00", "32.18.08"]


def test_search_by_number_typed_without_dots(plan: KlePlan) -> None:
    assert codes(plan.search("321808")) == ["32.18.08"]


def test_search_puts_the_exact_number_first(plan: KlePlan) -> None:
    assert codes(plan.search("32.18.0")) == ["32.18.00", "32.18.08"]
    assert codes(plan.search("32.18.08")) == ["32.18.08"]


def test_search_by_title_ignores_case_including_danish_letters(plan: KlePlan) -> None:
    assert codes(plan.search("SÆRLIGE")) == ["32.18", "32.18.00"]
    assert codes(plan.search("enfamiliehuse")) == ["02.34.02"]


def test_search_ranks_word_starts_before_matches_inside_words(plan: KlePlan) -> None:
    # "Kontanthjælp" holds "hjælp" inside a word, so it comes after the titles that start a word
    # with it, though its number (32.24) sorts before 32.24.04.
    assert codes(plan.search("hjælp")) == ["32.18", "32.18.00", "32.18.08", "32.24.04", "32.24"]


def test_search_combines_number_and_title_words(plan: KlePlan) -> None:
    assert codes(plan.search("32 hjælp forsørgelse")) == ["32.24.04"]
    assert codes(plan.search("02 hjælp")) == []


def test_search_leaves_out_expired_entries_unless_asked(plan: KlePlan) -> None:
    assert codes(plan.search("hjemrejseydelse")) == []
    assert codes(plan.search("hjemrejseydelse", include_expired=True)) == ["32.24.48"]


def test_search_returns_at_most_limit_entries(plan: KlePlan) -> None:
    assert codes(plan.search("32", limit=2)) == ["32", "32.18"]
    assert plan.search("32", limit=0) == ()


def test_search_with_an_empty_query_finds_nothing(plan: KlePlan) -> None:
    assert plan.search("  ") == ()
    assert plan.search("»«") == ()
