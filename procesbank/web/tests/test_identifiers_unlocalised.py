"""Integers printed into markup (primary keys, lock versions, years in URLs and form values)
must stay plain digits in every language (USE_THOUSAND_SEPARATOR stays on so that Danish
input such as "250.000" parses), while figures meant for people are grouped by the
`number` filter. The PostgreSQL run found ``?kommune=3.893`` when a key passed 999."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

import procesbank


@pytest.mark.parametrize("language", ["da", "en"])
def test_stringformat_prints_an_identifier_without_grouping(language):
    with translation.override(language):
        html = Template(
            '<a href="?kommune={{ pk|stringformat:"d" }}&aar={{ year|stringformat:"d" }}">'
        ).render(Context({"pk": 3893, "year": 2026}))

    assert html == '<a href="?kommune=3893&aar=2026">'
    # ...where a bare {{ pk }} would be grouped in Danish: the reason for the filter.
    with translation.override("da"):
        assert Template("{{ pk }}").render(Context({"pk": 3893})) == "3.893"


@pytest.mark.parametrize(("language", "expected"), [("da", "3.893"), ("en", "3,893")])
def test_the_number_filter_still_groups_figures_for_people(language, expected):
    with translation.override(language):
        html = Template("{% load procesbank %}{{ n|number }}").render(Context({"n": 3893}))

    assert html == expected


# Integer identifiers that templates print into URLs, ids and form values. Job keys are UUIDs,
# which localisation leaves alone.
IDENTIFIER = re.compile(
    r"\{\{\s*(?P<expr>[\w.]*(?:\.pk|\.id|lock_version|\.revision|revision\.number|"
    r"municipality_id|process_id|version_id|model_id))\s*\}\}"
)
UUID_KEYS = {"job.pk"}


def test_templates_print_integer_identifiers_unlocalised():
    """With USE_THOUSAND_SEPARATOR on (Danish input "250.000" must parse as 250000), a bare
    ``{{ obj.pk }}`` prints "3.893" once keys pass 999: write ``{{ obj.pk|stringformat:"d" }}``."""
    root = Path(procesbank.__file__).parent
    bare = [
        f"{path.relative_to(root)}:{number}: {match.group(0)}"
        for path in sorted(root.rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        for match in IDENTIFIER.finditer(line)
        if match.group("expr") not in UUID_KEYS
    ]

    assert bare == []
