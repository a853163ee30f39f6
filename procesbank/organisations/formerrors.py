"""Putting a service's refusal on the form the user filled in (shared by every app's views)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from procesbank.core.errors import UserError


def attach_errors(form: Any, error: ValidationError | UserError) -> None:
    """Show ``error`` on ``form``: on the field it names when the form has that field, else
    above the form. A :class:`UserError` names its field in ``params["field"]``."""
    if isinstance(error, UserError):
        field = error.params.get("field")
        form.add_error(field if field in form.fields else None, error.render(_))
    elif hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
