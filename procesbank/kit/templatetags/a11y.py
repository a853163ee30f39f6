"""Accessibility helpers for templates: ``{% load a11y %}``.

``form|has_required`` decides whether a form shows the legend that explains the asterisk of
its required fields; ``value|da`` marks text the users wrote (process names, descriptions) as
Danish when the interface is English, so a screen reader reads it with a Danish voice
(WCAG 3.1.2, language of parts).
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.filter
def has_required(form: forms.BaseForm | None) -> bool:
    """True when a visible field of the form must be filled in."""
    if form is None or not hasattr(form, "visible_fields"):
        return False
    return any(field.field.required for field in form.visible_fields())


@register.filter(name="da")
def danish(value: Any) -> SafeString | Any:
    """The value inside ``<span lang="da">`` on an English page; as it is on a Danish one."""
    if value in (None, ""):
        return value
    if (get_language() or "da").split("-")[0] == "da":
        return value
    return format_html('<span lang="da">{}</span>', value)


@register.filter
def page_title(value: str, section: str | None = None) -> SafeString:
    """The page's ``<title>``: what, where, whose site (WCAG 2.4.2).

    ``"Byggetilladelse · Redigér"`` in the section "Processer" becomes "Byggetilladelse – Redigér
    – Processer – Procesbank"; the section is left out when the page's own title already is or
    ends with it (a list page called after its section)."""
    # The block arrives rendered and escaped; the section label is escaped here.
    parts = [part.strip() for part in " ".join(str(value).split()).split(" · ") if part.strip()]
    if section and (not parts or parts[-1] != conditional_escape(section)):
        parts.append(conditional_escape(section))
    return mark_safe(" – ".join([*parts, "Procesbank"]))  # noqa: S308 - parts are escaped
