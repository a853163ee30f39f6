"""Template filters of the business-case pages."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.translation import gettext as _

from procesbank.kit.formatting import number

register = template.Library()


@register.filter
def percent(value: object, decimals: int = 1) -> str:
    """A share as percent in the language's format: 0.035 -> "3,5 %"."""
    if value is None or value == "":
        return ""
    try:
        share = Decimal(str(value))
    except InvalidOperation:
        return ""
    return f"{number(share * 100, decimals)} %"


@register.filter
def payback(years: object) -> str:
    """Payback time as the pages and the PDF show it: "3,6 år", or that it never pays back."""
    if years is None:
        return _("Tjener sig ikke hjem")
    return f"{number(years, 1)} {_('år')}"


@register.simple_tag
def statemodel_phase_name(phase: str) -> str:
    """The Danish (translated) name of a phase of the state IT project model."""
    from procesbank.economics.engine.statemodel import PHASE_NAMES, StatePhase

    return _(PHASE_NAMES[StatePhase(phase)])


@register.simple_tag
def statemodel_document_name(document: str) -> str:
    """The Danish (translated) name of a document of the state IT project model."""
    from procesbank.economics.engine.statemodel import DOCUMENT_NAMES, Document

    return _(DOCUMENT_NAMES[Document(document)])
