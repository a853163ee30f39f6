"""A log no analysis can use is refused before it is stored, in Danish."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl
import pytest

from procesbank.core.errors import UserError
from procesbank.mining.engine.sanity import check_log


def log(**columns) -> pl.DataFrame:
    frame = {"case_id": ["1", "1"], "activity": ["Modtag", "Afslut"]}
    frame["timestamp"] = [datetime(2026, 1, 5, 9, tzinfo=UTC), datetime(2026, 1, 5, 10, tzinfo=UTC)]
    frame.update(columns)
    return pl.DataFrame(frame)


def test_a_sound_log_passes():
    check_log(log())


def test_an_event_that_ends_before_it_starts_is_reported():
    starts = [datetime(2026, 1, 5, 8, tzinfo=UTC), datetime(2026, 1, 5, 11, tzinfo=UTC)]

    with pytest.raises(UserError) as refused:
        check_log(log(start_timestamp=starts))

    assert str(refused.value) == (
        "I 1 hændelser ligger starttidspunktet efter sluttidspunktet (den første er hændelse "
        "nr. 2), så varigheden ville blive negativ. Ret tidspunkterne i filen, eller indlæs "
        "uden starttidspunkt."
    )


def test_years_outside_1900_to_2200_are_refused():
    stamps = [datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, tzinfo=UTC)]

    with pytest.raises(UserError) as refused:
        check_log(log(timestamp=stamps))

    assert str(refused.value) == (
        "Tidspunkterne spænder fra år 1 til år 9999. Procesbank læser tidspunkter fra år 1900 "
        "til 2200; ret tidspunkterne i filen."
    )


def test_a_nul_in_an_activity_is_refused():
    with pytest.raises(UserError) as refused:
        check_log(log(activity=["Modtag", "Af\x00slut"]))

    assert str(refused.value) == (
        "Aktiviteten i hændelse nr. 2 indeholder et kontroltegn (fx NUL), som en aktivitet ikke "
        "må have. Ret navnet i filen."
    )
