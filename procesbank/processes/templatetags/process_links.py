"""``{% process_link process %}`` and ``{% version_link version %}``: every link a page shows
from an object the reader may see to a process goes through the reader's access check
(``processes.selectors.process_links``): the live name and address, the frozen copy of a share
taken back, or "en proces fra <kommune> (ikke delt)". A list page passes the links it computed
for all its rows at once as ``process_links`` (process id -> link) to keep its queries flat."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string

from procesbank.processes.models import Process, ProcessVersion, version_label_display
from procesbank.processes.selectors import ProcessLink, process_links

register = template.Library()


def _link(context: template.Context, process: Process) -> ProcessLink:
    known: dict[int, ProcessLink] = context.get("process_links") or {}
    if process.pk in known:
        return known[process.pk]
    render_context: Any = context.render_context
    cache: dict[int, ProcessLink] = render_context.setdefault("process_links", {})
    if process.pk not in cache:
        user = context["request"].user
        cache[process.pk] = process_links(municipality=user.municipality, processes=[process])[
            process.pk
        ]
    return cache[process.pk]


@register.simple_tag(takes_context=True)
def process_link(context: template.Context, process: Process | None) -> str:
    if process is None:
        return ""
    return render_to_string("processes/_process_link.html", {"link": _link(context, process)})


@register.simple_tag(takes_context=True)
def version_link(
    context: template.Context, version: ProcessVersion | None, compare: Any = None
) -> str:
    """The process and version label; a live link opens the version (and the comparison)."""
    if version is None:
        return ""
    link = _link(context, version.process)
    label = version.display_label
    if link.state == "frozen":
        frozen = link.frozen_version(version.pk)
        label = version_label_display(str(frozen["label"]), str(frozen["kind"])) if frozen else ""
    elif not link.live:
        label = ""
    url = ""
    if link.live:
        url = f"{link.url}?version={version.pk}"
        if compare is not None:
            url += f"&sammenlign={compare.pk}"
    return render_to_string(
        "processes/_process_link.html", {"link": link, "version_label": label, "url": url}
    )


@register.simple_tag(takes_context=True)
def comparison_url(
    context: template.Context, before: ProcessVersion | None, after: ProcessVersion | None
) -> str:
    """The address of the comparison of two versions, when the reader may read their process
    now; empty otherwise."""
    if before is None or after is None or not _link(context, before.process).live:
        return ""
    return f"{_link(context, before.process).url}?version={before.pk}&sammenlign={after.pk}"
