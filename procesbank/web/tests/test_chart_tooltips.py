"""Every chart's tooltip formatter escapes what it shows: ECharts inserts a formatter's string
as HTML, and the names in it come from users, some of another municipality.

The rule is checked in the source (a new chart cannot forget it); the browser test
tests/e2e/test_hostile_labels.py hovers a hostile activity name on the process map."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted(
    path
    for path in ROOT.glob("*/static/**/*.js")
    if "vendor" not in path.parts and path.name != "escape.js"
)
#: Keys of an ECharts option whose ``formatter`` is shown as text (labels) or as HTML (tooltip).
_KEYS = re.compile(r"\b(tooltip|label|axisLabel|edgeLabel)\s*:")


def tooltip_formatters(source: str) -> list[str]:
    """What follows each ``formatter:`` that belongs to a tooltip (the nearest key before it)."""
    found = []
    for match in re.finditer(r"\bformatter\s*:\s*", source):
        keys = list(_KEYS.finditer(source, 0, match.start()))
        if keys and keys[-1].group(1) == "tooltip":
            found.append(source[match.end() : match.end() + 60])
    return found


def test_the_chart_scripts_are_found():
    names = {path.name for path in SCRIPTS}

    assert {"mining.js", "stakeholders.js", "business_case.js", "charts.js"} <= names


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_tooltip_formatter_escapes_through_the_one_helper(path):
    formatters = tooltip_formatters(path.read_text(encoding="utf-8"))

    assert [f for f in formatters if not f.startswith("Procesbank.tooltip(")] == []


def test_the_rule_catches_a_formatter_that_builds_html_itself():
    source = 'tooltip: { trigger: "item", formatter: function (p) { return p.name; } }'

    assert tooltip_formatters(source) == ["function (p) { return p.name; } }"]


def test_the_helper_is_loaded_before_every_pages_own_scripts():
    base = (ROOT / "templates" / "base.html").read_text(encoding="utf-8")

    assert base.index("procesbank/escape.js") < base.index("{% block head %}")
