"""Every read of the handbook, on behalf of an acting user. Pages and templates are visible
like processes: the user's own municipality's, those shared with the collaboration by its
municipalities, and public ones (``processes.selectors.visible_to``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from procesbank.handbook.engine.review import DiffLine, side_by_side
from procesbank.handbook.models import (
    SECTION_ORDER,
    DocumentTemplate,
    Page,
    PageVersion,
    Section,
    TemplateVersion,
)
from procesbank.kit.access import access_or_404
from procesbank.organisations.models import User
from procesbank.organisations.permissions import Action, can, require_edit
from procesbank.processes.selectors import visible_to


def page_list(
    *, user: User, section: str = "", municipality_id: int | None = None, counts: bool = True
) -> QuerySet[Page]:
    """The pages the user may read, in section order, then by position and title; with
    ``counts`` each carries its ``version_count``."""
    pages = Page.objects.filter(visible_to(user)).select_related("municipality", "owner")
    if counts:
        pages = pages.annotate(version_count=Count("versions"))
    if section:
        pages = pages.filter(section=section)
    if municipality_id is not None:
        pages = pages.filter(municipality_id=municipality_id)
    return pages.order_by("section", "position", "title")


@dataclass(frozen=True)
class SectionPages:
    section: Section
    pages: list[Page]


def handbook_sections(*, user: User, municipality_id: int | None = None) -> list[SectionPages]:
    """Every section in the handbook's order with the pages the user may read in it (empty
    sections too: the table of contents shows what is still missing)."""
    by_section: dict[str, list[Page]] = {value: [] for value in Section.values}
    for page in page_list(user=user, municipality_id=municipality_id):
        by_section[page.section].append(page)
    return [
        SectionPages(Section(value), by_section[value])
        for value in sorted(by_section, key=SECTION_ORDER.__getitem__)
    ]


def reviews_due(*, user: User, today: date | None = None) -> list[Page]:
    """The pages the user owns whose review is due (the in-app reminder)."""
    today = today or timezone.localdate()
    owned = Page.objects.filter(visible_to(user), owner=user).select_related("municipality")
    return [page for page in owned if page.review_due(today)]


def access_page(*, user: User, page_id: int) -> Page:
    """A page the user may read; 404 otherwise."""
    visible = Page.objects.filter(visible_to(user)).select_related(
        "municipality", "owner", "updated_by"
    )
    return access_or_404(visible, pk=page_id)


def access_page_for_edit(*, user: User, page_id: int) -> Page:
    """A page the user may change: 404 if unreadable, 403 if another municipality's or the
    user only reads."""
    page = access_page(user=user, page_id=page_id)
    require_edit(user, page.municipality)
    return page


def can_edit_page(*, user: User, page: Page) -> bool:
    return can(user, Action.EDIT, page.municipality)


def can_create(*, user: User) -> bool:
    return can(user, Action.EDIT)


def version_list(*, user: User, page_id: int) -> tuple[Page, QuerySet[PageVersion]]:
    """A page the user may read and its versions, newest first."""
    page = access_page(user=user, page_id=page_id)
    return page, page.versions.select_related("saved_by").order_by("-number")


def access_page_version(*, user: User, page_id: int, number: int) -> PageVersion:
    """One version of a page the user may read; 404 otherwise."""
    page = access_page(user=user, page_id=page_id)
    return access_or_404(page.versions.select_related("saved_by", "page"), number=number)


@dataclass(frozen=True)
class Comparison:
    before: PageVersion
    after: PageVersion
    lines: list[DiffLine]


def version_comparison(*, user: User, page_id: int, before: int, after: int) -> Comparison:
    """Two versions of a page the user may read, side by side (title and text)."""
    older = access_page_version(user=user, page_id=page_id, number=before)
    newer = access_page_version(user=user, page_id=page_id, number=after)
    lines = side_by_side(f"# {older.title}\n\n{older.body}", f"# {newer.title}\n\n{newer.body}")
    return Comparison(older, newer, lines)


def template_list(
    *, user: User, kind: str = "", municipality_id: int | None = None, counts: bool = True
) -> QuerySet[DocumentTemplate]:
    """The templates the user may read; with ``counts`` each carries its ``latest_number``."""
    templates = DocumentTemplate.objects.filter(visible_to(user)).select_related("municipality")
    if counts:
        templates = templates.annotate(latest_number=Max("versions__number"))
    if kind:
        templates = templates.filter(kind=kind)
    if municipality_id is not None:
        templates = templates.filter(municipality_id=municipality_id)
    return templates.order_by("name")


def access_template(*, user: User, template_id: int) -> DocumentTemplate:
    visible = DocumentTemplate.objects.filter(visible_to(user)).select_related("municipality")
    return access_or_404(visible, pk=template_id)


def access_template_for_edit(*, user: User, template_id: int) -> DocumentTemplate:
    template = access_template(user=user, template_id=template_id)
    require_edit(user, template.municipality)
    return template


def can_edit_template(*, user: User, template: DocumentTemplate) -> bool:
    return can(user, Action.EDIT, template.municipality)


def template_versions(
    *, user: User, template_id: int
) -> tuple[DocumentTemplate, QuerySet[TemplateVersion]]:
    """A template the user may read and its versions (without the bytes), newest first."""
    template = access_template(user=user, template_id=template_id)
    versions = template.versions.defer("content").select_related("uploaded_by").order_by("-number")
    return template, versions


def access_template_version(*, user: User, template_id: int, number: int) -> TemplateVersion:
    """One version of a template the user may read, with its bytes; 404 otherwise."""
    template = access_template(user=user, template_id=template_id)
    return access_or_404(template.versions.select_related("template"), number=number)


def page_choices(*, user: User) -> list[tuple[int, str]]:
    """Pages the user may read, for a picker ("Titel (Kommune)"), own municipality first."""
    pages = Page.objects.filter(visible_to(user)).select_related("municipality")
    rows = sorted(pages, key=lambda p: (p.municipality_id != user.municipality_id, p.title.lower()))
    return [(p.pk, f"{p.title} ({p.municipality.name})") for p in rows]


def readable_page(*, user: User, page_id: int | None) -> Page | None:
    """The page if the user may read it, else None (a link shown only to those who may follow
    it)."""
    if page_id is None:
        return None
    return Page.objects.filter(visible_to(user), pk=page_id).first()
