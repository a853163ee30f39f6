"""User-facing errors raised by the pure modules (no Django here).

Pure modules cannot call Django's gettext, yet their messages must reach the user in the
user's language. They raise :class:`UserError` with a Danish message *template* marked by
:func:`gettext_noop` (so ``makemessages`` extracts it) and its parameters; the Django layer
translates the template at render time with :meth:`UserError.render`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def gettext_noop(message: str) -> str:
    """Mark a message for translation without translating it (read by makemessages)."""
    return message


class UserError(Exception):
    """An error whose message is meant for the end user, in Danish, with named parameters."""

    def __init__(self, message: str, **params: Any) -> None:
        self.message = message
        self.params = params
        super().__init__(self.render())

    def render(self, translate: Callable[[str], str] = lambda text: text) -> str:
        """The message in the user's language; ``translate`` is Django's ``gettext``."""
        template = translate(self.message)
        return template % self.params if self.params else template
