from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from procesbank.kit.durations import readable_duration


@pytest.mark.parametrize(
    ("minutes", "danish", "english"),
    [
        # 21535 min. / 1440 = 14.95 days
        (21535, "15 dage", "15 days"),
        (45, "45 min.", "45 min."),
        (2.5, "2,5 min.", "2.5 min."),
        (11.7, "11,7 min.", "11.7 min."),
        (0, "0 min.", "0 min."),
        (59.96, "60 min.", "60 min."),
        (60, "1 time", "1 hour"),
        (90, "1,5 timer", "1.5 hours"),
        (120, "2 timer", "2 hours"),
        (15 * 60, "15 timer", "15 hours"),
        (1440, "1 dag", "1 day"),
        # 3600 min. / 1440 = 2.5 days
        (3600, "2,5 dage", "2.5 days"),
        # 1,500 days
        (1500 * 1440, "1.500 dage", "1,500 days"),
        (-90, "-1,5 timer", "-1.5 hours"),
        (None, "", ""),
        ("", "", ""),
        ("abc", "", ""),
    ],
)
def test_readable_duration_picks_the_unit(minutes, danish, english):
    with translation.override("da"):
        in_danish = readable_duration(minutes)
    with translation.override("en"):
        in_english = readable_duration(minutes)

    assert (in_danish, in_english) == (danish, english)


def test_readable_duration_of_days_and_hours():
    assert readable_duration(14.95, "days") == "15 dage"
    assert readable_duration(0.5, "hours") == "30 min."


def test_duration_filter_reads_minutes_or_the_unit_given():
    template = Template('{% load procesbank %}{{ m|duration }} / {{ d|duration:"days" }}')

    with translation.override("da"):
        text = template.render(Context({"m": 21535, "d": 0.25}))

    assert text == "15 dage / 6 timer"
