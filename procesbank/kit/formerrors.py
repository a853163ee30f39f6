"""Showing a service's refusal to the user who asked for the change (every app's views).

A service refuses with Django's ``ValidationError`` (a field's value, a clash with another
row) or a :class:`~procesbank.core.errors.UserError` (a rule of the domain, a stale edit).
A view shows either on the form the user filled in, or, where there is no form (a button),
as a message on the page it redirects to:

    with form_errors(form):
        project = services.project_update(...)
        messages.success(request, _("Ændringerne er gemt."))
        return redirect(...)
    return render(...)          # refused: the form shows why

A refusal leaves the block at once: what follows the service call in the block runs only
when it succeeded. Other exceptions pass through.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from procesbank.core.errors import UserError

Refusal = ValidationError | UserError


def attach_errors(form: Any, error: Refusal) -> None:
    """Show ``error`` on ``form``: on the field it names when the form has that field, else
    above the form. A :class:`UserError` names its field in ``params["field"]``."""
    if isinstance(error, UserError):
        field = error.params.get("field")
        form.add_error(field if field in form.fields else None, error.render(_))
    elif hasattr(error, "error_dict"):
        for name, field_messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, field_messages)
    else:
        form.add_error(None, error.messages)


def error_messages(error: Refusal) -> list[str]:
    """The refusal as sentences in the user's language, one per problem."""
    if isinstance(error, UserError):
        return [error.render(_)]
    return list(error.messages)


def error_text(error: Refusal) -> str:
    """The refusal as one line of text (a flash message, a JSON ``detail``)."""
    return " ".join(error_messages(error))


class _Catch:
    """Catches a refusal raised in the block, hands it to ``show`` and carries on after the
    block; ``refused`` says whether it happened. ``__exit__`` returns ``bool`` so type
    checkers know the code after the block is reachable."""

    def __init__(self) -> None:
        self.refused = False

    def show(self, error: Refusal) -> None:
        raise NotImplementedError

    def __enter__(self) -> _Catch:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if isinstance(exc, ValidationError | UserError):
            self.refused = True
            self.show(exc)
            return True
        return False


class form_errors(_Catch):  # lower case: used like contextlib.suppress
    """Put a refusal raised in the block on ``form`` (see :func:`attach_errors`)."""

    def __init__(self, form: Any) -> None:
        super().__init__()
        self.form = form

    def show(self, error: Refusal) -> None:
        attach_errors(self.form, error)


class message_errors(_Catch):  # lower case: used like contextlib.suppress
    """Show a refusal raised in the block as an error message, one per problem (for buttons
    without a form, whose view redirects either way). ``prefix`` is a translated template with
    ``%(error)s`` when the message needs a lead-in ("Intet er gemt: %(error)s")."""

    def __init__(self, request: HttpRequest, prefix: str = "") -> None:
        super().__init__()
        self.request = request
        self.prefix = prefix

    def show(self, error: Refusal) -> None:
        if self.prefix:
            messages.error(self.request, self.prefix % {"error": error_text(error)})
            return
        for message in error_messages(error):
            messages.error(self.request, message)
