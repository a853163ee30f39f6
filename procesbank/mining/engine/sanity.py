"""Checks of a normalised event log before it is stored: values a reader accepted but that no
analysis can use, refused with a Danish message rather than failing later as a crash.

* Timestamps outside the years 1900 to 2200: a log "from year 1 to 9999" overflowed Python's
  dates in the summary and ended the import as an unexpected error.
* Events whose start lies after their end (a mapped start timestamp): their duration would
  come out negative and pull every average and lead time down without a word.
* Activity names with a NUL or another control character (other than tab): they break the
  exports and the process map, and no system names an activity so.
"""

from __future__ import annotations

import polars as pl

from procesbank.core.errors import UserError, gettext_noop
from procesbank.mining.engine.normalise import ACTIVITY, START_TIMESTAMP, TIMESTAMP

FIRST_YEAR, LAST_YEAR = 1900, 2200
MSG_YEARS = gettext_noop(
    "Tidspunkterne spænder fra år %(first)d til år %(last)d. Procesbank læser tidspunkter fra "
    "år 1900 til 2200; ret tidspunkterne i filen."
)
MSG_CONTROL = gettext_noop(
    "Aktiviteten i hændelse nr. %(row)d indeholder et kontroltegn (fx NUL), som en "
    "aktivitet ikke må have. Ret navnet i filen."
)
MSG_NEGATIVE = gettext_noop(
    "I %(count)d hændelser ligger starttidspunktet efter sluttidspunktet (den første er "
    "hændelse nr. %(row)d), så varigheden ville blive negativ. Ret tidspunkterne i filen, "
    "eller indlæs uden starttidspunkt."
)
_CONTROL = r"[\x00-\x08\x0b-\x1f\x7f]"


def check_log(log: pl.DataFrame) -> None:
    """Raise :class:`UserError` for a log whose times or activity names cannot be used."""
    if log.height == 0 or TIMESTAMP not in log.columns:
        return
    years = log.select(
        pl.col(TIMESTAMP).dt.year().min().alias("first"),
        pl.col(TIMESTAMP).dt.year().max().alias("last"),
    ).row(0)
    first, last = years
    if first is not None and (first < FIRST_YEAR or last > LAST_YEAR):
        raise UserError(MSG_YEARS, first=first, last=last)
    if START_TIMESTAMP in log.columns:
        backwards = log.select(
            (pl.col(START_TIMESTAMP) > pl.col(TIMESTAMP)).fill_null(False).alias("backwards")
        ).get_column("backwards")
        if backwards.any():
            first_row = int(backwards.arg_true()[0])
            raise UserError(MSG_NEGATIVE, count=int(backwards.sum()), row=first_row + 1)
    if ACTIVITY in log.columns:
        bad = log.select(
            pl.col(ACTIVITY).cast(pl.String).str.contains(_CONTROL).arg_true().first()
        ).item()
        if bad is not None:
            raise UserError(MSG_CONTROL, row=bad + 1)
