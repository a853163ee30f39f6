"""``{% sso_buttons %}``: the login page's "Log ind med <kommune>s login" buttons."""

from __future__ import annotations

from typing import Any

from django import template

from procesbank.identity import selectors

register = template.Library()


@register.inclusion_tag("identity/_sso_buttons.html", takes_context=True)
def sso_buttons(context: template.Context) -> dict[str, Any]:
    buttons = [
        {"name": provider.name, "url_name": "identity:saml_login", "pk": provider.pk}
        for provider in selectors.enabled_saml_providers()
    ] + [
        {"name": provider.name, "url_name": "identity:oidc_login", "pk": provider.pk}
        for provider in selectors.enabled_oidc_providers()
    ]
    buttons.sort(key=lambda button: str(button["name"]))
    return {"buttons": buttons, "next": context.get("next", "")}
