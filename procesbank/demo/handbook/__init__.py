"""Demo handbook: the starter method handbook (one substantial page per section, shared with
the collaboration by the municipality that wrote it), one page kept in Hørsholm, and the five
templates as generated files. The BPMN page has an earlier edition in its history. Safe to run
again: nothing is created twice."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from procesbank.demo.handbook.pages import BPMN_FIRST_EDITION, PAGES, PRIVATE_PAGE
from procesbank.demo.handbook.templates import TEMPLATES
from procesbank.handbook.models import DocumentTemplate, Page
from procesbank.handbook.services import pages as page_services
from procesbank.handbook.services import templates as template_services
from procesbank.organisations.models import Role, User


def _consultant(slug: str) -> User | None:
    return (
        User.objects.filter(municipality__slug=slug, role=Role.KONSULENT, is_active=True)
        .order_by("username")
        .first()
    )


def load_handbook() -> int:
    """Create the missing demo pages and templates; returns how many were created."""
    created = 0
    today = timezone.localdate()
    for index, (slug, section, position, title, summary, body) in enumerate([*PAGES, PRIVATE_PAGE]):
        user = _consultant(slug)
        if user is None or Page.objects.filter(municipality=user.municipality, title=title):
            continue
        private = title == PRIVATE_PAGE[3]
        first_body = BPMN_FIRST_EDITION if index == 0 else body
        page = page_services.page_create(
            user=user,
            title=title,
            section=section,
            position=position,
            summary=summary,
            body=first_body,
            visibility="own" if private else "collaboration",
            # Spread the reviews; Helsingør's time-study page is overdue, so the reminder shows.
            last_reviewed=today - timedelta(days=400 if section == "times" else 30 * index),
        )
        if first_body != body:
            page_services.page_update(
                user=user,
                page=page,
                lock_version=page.lock_version,
                body=body,
                note="Tilføjet start og slut, beslutninger, detaljeniveau og tjekliste",
            )
        created += 1
    helsingoer = _consultant("helsingoer")
    if helsingoer is None:
        return created
    for name, kind, section, description, file_name, content in TEMPLATES:
        if DocumentTemplate.objects.filter(municipality=helsingoer.municipality, name=name):
            continue
        template_services.template_create(
            user=helsingoer,
            name=name,
            kind=kind,
            section=section,
            description=description,
            visibility="collaboration",
            file_name=file_name,
            content=content(),
            note="Første udgave fra metodehåndbogen",
        )
        created += 1
    return created
