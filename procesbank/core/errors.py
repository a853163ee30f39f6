"""User-facing errors raised by the pure modules (no Django here).

Pure modules cannot call Django's gettext, yet their messages must reach the user in the
user's language. They raise :class:`UserError` with a Danish message *template* marked by
:func:`gettext_noop` (so ``makemessages`` extracts it) and its parameters; the Django layer
translates the template at render time with :meth:`UserError.render`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any


def gettext_noop(message: str) -> str:
    """Mark a message for translation without translating it (read by makemessages)."""
    return message


def _iso(day: date) -> str:
    return day.isoformat()


# How a date parameter reads in a message. Pure modules pass dates as dates; the kit installs
# the house's date style for the reader's language when Django starts (kit/apps.py), so a date
# in a message reads as it does on the pages: "1.7.2026", English "2026-07-01".
present_date: Callable[[date], str] = _iso


class Phrase(str):
    """A parameter of a :class:`UserError` that is itself a Danish phrase marked with
    :func:`gettext_noop` (what an XML parser found, say), translated with the message; it may
    have named parameters of its own."""

    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Phrase:
        phrase = super().__new__(cls, template % params if params else template)
        phrase.template = template
        phrase.params = params
        return phrase

    template: str

    def render(self, translate: Callable[[str], str]) -> str:
        template = translate(self.template)
        return template % self.params if self.params else template


class UserError(Exception):
    """An error whose message is meant for the end user, in Danish, with named parameters."""

    def __init__(self, message: str, **params: Any) -> None:
        self.message = message
        self.params = params
        super().__init__(self.render())

    def render(self, translate: Callable[[str], str] = lambda text: text) -> str:
        """The message in the user's language; ``translate`` is Django's ``gettext``."""
        template = translate(self.message)
        if not self.params:
            return template
        shown = {
            key: present_date(value)
            if isinstance(value, date)
            else value.render(translate)
            if isinstance(value, Phrase)
            else value
            for key, value in self.params.items()
        }
        return template % shown
