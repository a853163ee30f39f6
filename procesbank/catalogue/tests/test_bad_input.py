"""Input that used to answer 500 answers 4xx with a clear Danish message (issue #12, finding 8).

A NUL in a query parameter and out-of-range numbers are refused for every page and API
operation by procesbank/kit/badinput.py (a NUL in a body's text is cleaned at input, see
kit/tests/test_control_characters.py); they are tried here on the catalogue's and the process
library's lists, an update and a page with an id in its path."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from procesbank.kit.badinput import parse_int

API = "/api/v1"
MSG_NUL = (
    "Forespørgslen indeholder et NUL-tegn (\\0), som Procesbank ikke modtager. Fjern det og "
    "prøv igen."
)
MSG_RANGE = "Et tal i forespørgslen er uden for det gyldige område."
HUGE = "99999999999999999999999"


def test_a_number_out_of_range_answers_422_in_danish(client, konsulent):
    client.force_login(konsulent)

    response = client.get(f"{API}/catalogue/processes?municipality={HUGE}")

    assert (response.status_code, response.json()) == (
        422,
        {"detail": [{"loc": ["query"], "msg": MSG_RANGE, "type": "out_of_range"}]},
    )


def test_a_nul_in_a_pages_query_answers_400_in_danish(client, konsulent):
    client.force_login(konsulent)

    response = client.get("/katalog/?q=a%00b")

    assert response.status_code == 400
    assert MSG_NUL in response.content.decode()


@pytest.mark.parametrize(
    "url", [f"{API}/processes?page={HUGE}", f"{API}/catalogue/processes?page={HUGE}"]
)
def test_a_page_beyond_the_last_possible_answers_422(client, konsulent, url):
    client.force_login(konsulent)

    response = client.get(url)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "page"]


def test_a_huge_id_in_a_path_is_not_found(client, konsulent):
    client.force_login(konsulent)

    api = client.get(f"{API}/catalogue/candidates/{HUGE}")
    page = client.get(f"/katalog/kandidater/{HUGE}/")

    assert (api.status_code, api.json()) == (404, {"detail": "Findes ikke."})
    assert page.status_code == 404


def test_an_explicit_null_for_a_required_field_answers_422(client, konsulent, make_candidate):
    candidate = make_candidate()
    client.force_login(konsulent)

    response = client.patch(
        f"{API}/catalogue/candidates/{candidate.pk}",
        json.dumps({"title": None, "lock_version": candidate.lock_version}),
        content_type="application/json",
    )

    assert (response.status_code, response.json()) == (
        422,
        {
            "detail": [
                {
                    "loc": ["body", "title"],
                    "msg": "Dette felt kan ikke være null.",
                    "type": "value_error",
                }
            ]
        },
    )


def test_a_superscript_digit_is_no_process_id(client, konsulent):
    client.force_login(konsulent)

    response = client.get("/katalog/kandidater/ny/?proces=²")

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12", 12),
        ("²", None),
        ("١٢", None),
        ("", None),
        (None, None),
        ("-1", None),
        ("9" * 19, None),
    ],
)
def test_parse_int_takes_ascii_digits_within_range_only(text, number):
    assert parse_int(text) == number


def test_no_code_trusts_isdigit():
    # "²".isdigit() is True and int("²") raises: parse_int is the one way to read a number.
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "tests" not in path.parts
        and re.search(r"\.(isdigit|isnumeric|isdecimal)\(\)", path.read_text(encoding="utf-8"))
    ]

    assert offenders == []
