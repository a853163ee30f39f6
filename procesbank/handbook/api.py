"""API of the method handbook: pages (list, read, create, change), their versions and restore,
and the templates with their files. Every write goes through the services (audited)."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from procesbank.handbook import selectors
from procesbank.handbook.engine.files import CONTENT_TYPES
from procesbank.handbook.engine.markdown import MAX_CHARS, TooLong, render
from procesbank.handbook.models import DocumentTemplate, Page, PageVersion, Section
from procesbank.handbook.services import pages as page_services
from procesbank.kit.api import BodySchema
from procesbank.kit.downloads import download, file_name
from procesbank.organisations.models import AuthenticatedRequest, User
from procesbank.processes.models import Visibility

router = Router(tags=["handbook"])


class PageListOut(Schema):
    id: int
    title: str
    section: str
    section_label: str
    summary: str
    position: int
    municipality: str
    visibility: str
    owner: str
    last_reviewed: date
    review_due_on: date
    updated_at: datetime


class PageOut(PageListOut):
    body: str = Field(description="The page's text as Markdown.")
    body_html: str = Field(description="The text as the platform shows it (sanitised HTML).")
    review_interval_months: int
    lock_version: int
    version: int = Field(description="The number of the latest version.")


class PageVersionOut(Schema):
    number: int
    title: str
    note: str
    restored_from: int | None
    saved_by: str | None
    saved_at: datetime


class PageVersionDetailOut(PageVersionOut):
    summary: str
    body: str
    body_html: str


class PageIn(BodySchema):
    title: str = Field(..., min_length=1, max_length=200)
    section: Section
    summary: str = Field("", max_length=300)
    body: str = Field("", max_length=MAX_CHARS)
    position: int = Field(0, ge=0, le=32767)
    visibility: Visibility = Visibility.COLLABORATION
    owner_id: int | None = Field(
        None, description="The page owner, a user of the caller's municipality (default: caller)."
    )
    review_interval_months: int = Field(12, ge=1, le=60)
    note: str = Field("", max_length=300, description="What changed, for the history.")


class PagePatch(BodySchema):
    lock_version: int
    title: str | None = Field(None, min_length=1, max_length=200)
    section: Section | None = None
    summary: str | None = Field(None, max_length=300)
    body: str | None = Field(None, max_length=MAX_CHARS)
    position: int | None = Field(None, ge=0, le=32767)
    visibility: Visibility | None = None
    owner_id: int | None = None
    review_interval_months: int | None = Field(None, ge=1, le=60)
    note: str = Field("", max_length=300, description="What changed, for the history.")


class RestoreIn(BodySchema):
    lock_version: int


class TemplateVersionOut(Schema):
    number: int
    file_name: str
    size: int
    note: str
    uploaded_at: datetime
    uploaded_by: str | None


class TemplateOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    section: str
    description: str
    municipality: str
    visibility: str
    versions: list[TemplateVersionOut]


def _html(text: str) -> str:
    try:
        return render(text)
    except TooLong:
        return ""


def _page_list_out(page: Page) -> PageListOut:
    return PageListOut(
        id=page.pk,
        title=page.title,
        section=page.section,
        section_label=str(page.get_section_display()),
        summary=page.summary,
        position=page.position,
        municipality=page.municipality.name,
        visibility=page.visibility,
        owner=page.owner.get_username(),
        last_reviewed=page.last_reviewed,
        review_due_on=page.review_due_on,
        updated_at=page.updated_at,
    )


def _page_out(page: Page) -> PageOut:
    latest = page.versions.order_by("-number").values_list("number", flat=True).first()
    return PageOut(
        **_page_list_out(page).dict(),
        body=page.body,
        body_html=_html(page.body),
        review_interval_months=page.review_interval_months,
        lock_version=page.lock_version,
        version=latest or 0,
    )


def _version_out(version: PageVersion) -> PageVersionOut:
    return PageVersionOut(
        number=version.number,
        title=version.title,
        note=version.note,
        restored_from=version.restored_from,
        saved_by=version.saved_by.get_username() if version.saved_by else None,
        saved_at=version.saved_at,
    )


def _owner(user: User, owner_id: int | None) -> User:
    """The owner named in a body: a user of the caller's municipality."""
    if owner_id is None:
        return user
    owner = User.objects.filter(pk=owner_id, municipality=user.municipality).first()
    if owner is None:
        raise ValidationError({"owner_id": _("Sideejeren skal være en bruger i din kommune.")})
    return owner


@router.get(
    "/handbook/pages", response=list[PageListOut], summary="Handbook pages the caller may read"
)
def page_list(request: AuthenticatedRequest, section: Section | None = None) -> list[PageListOut]:
    pages = selectors.page_list(user=request.user, section=section or "")
    return [_page_list_out(page) for page in pages]


@router.post("/handbook/pages", response={201: PageOut}, summary="Write a new handbook page")
def page_create(request: AuthenticatedRequest, payload: PageIn) -> Status[PageOut]:
    data = payload.dict()
    owner = _owner(request.user, data.pop("owner_id"))
    page = page_services.page_create(user=request.user, owner=owner, **data)
    return Status(201, _page_out(page))


@router.get("/handbook/pages/{page_id}", response=PageOut, summary="A handbook page")
def page_get(request: AuthenticatedRequest, page_id: int) -> PageOut:
    return _page_out(selectors.access_page(user=request.user, page_id=page_id))


@router.patch(
    "/handbook/pages/{page_id}", response=PageOut, summary="Change a page (saved as a new version)"
)
def page_update(request: AuthenticatedRequest, page_id: int, payload: PagePatch) -> PageOut:
    page = selectors.access_page_for_edit(user=request.user, page_id=page_id)
    changes = payload.dict(exclude_unset=True)
    lock_version = changes.pop("lock_version")
    note = changes.pop("note", "")
    owner_id = changes.pop("owner_id", None)
    if owner_id is not None:
        changes["owner"] = _owner(request.user, owner_id)
    changes = {key: value for key, value in changes.items() if value is not None}
    saved = page_services.page_update(
        user=request.user, page=page, lock_version=lock_version, note=note, **changes
    )
    return _page_out(saved)


@router.get(
    "/handbook/pages/{page_id}/versions",
    response=list[PageVersionOut],
    summary="A page's versions, newest first",
)
def page_versions(request: AuthenticatedRequest, page_id: int) -> list[PageVersionOut]:
    _page, versions = selectors.version_list(user=request.user, page_id=page_id)
    return [_version_out(version) for version in versions]


@router.get(
    "/handbook/pages/{page_id}/versions/{number}",
    response=PageVersionDetailOut,
    summary="One version of a page with its text",
)
def page_version(request: AuthenticatedRequest, page_id: int, number: int) -> PageVersionDetailOut:
    version = selectors.access_page_version(user=request.user, page_id=page_id, number=number)
    return PageVersionDetailOut(
        **_version_out(version).dict(),
        summary=version.summary,
        body=version.body,
        body_html=_html(version.body),
    )


@router.post(
    "/handbook/pages/{page_id}/versions/{number}/restore",
    response=PageOut,
    summary="Restore an earlier version (as a new version)",
)
def page_restore(
    request: AuthenticatedRequest, page_id: int, number: int, payload: RestoreIn
) -> PageOut:
    page = selectors.access_page_for_edit(user=request.user, page_id=page_id)
    selectors.access_page_version(user=request.user, page_id=page_id, number=number)
    saved = page_services.page_restore(
        user=request.user, page=page, number=number, lock_version=payload.lock_version
    )
    return _page_out(saved)


def _template_out(template: DocumentTemplate, versions: list[TemplateVersionOut]) -> TemplateOut:
    return TemplateOut(
        id=template.pk,
        name=template.name,
        kind=template.kind,
        kind_label=str(template.get_kind_display()),
        section=template.section,
        description=template.description,
        municipality=template.municipality.name,
        visibility=template.visibility,
        versions=versions,
    )


@router.get(
    "/handbook/templates",
    response=list[TemplateOut],
    summary="Templates the caller may read, with their versions",
)
def template_list(request: AuthenticatedRequest) -> list[TemplateOut]:
    templates = list(selectors.template_list(user=request.user, counts=False))
    rows = []
    for template in templates:
        _template, versions = selectors.template_versions(
            user=request.user, template_id=template.pk
        )
        rows.append(
            _template_out(
                template,
                [
                    TemplateVersionOut(
                        number=v.number,
                        file_name=v.file_name,
                        size=v.size,
                        note=v.note,
                        uploaded_at=v.uploaded_at,
                        uploaded_by=v.uploaded_by.get_username() if v.uploaded_by else None,
                    )
                    for v in versions
                ],
            )
        )
    return rows


@router.get(
    "/handbook/templates/{template_id}/versions/{number}/file",
    summary="Download one version of a template's file",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file (.docx, .xlsx, .pptx, .pdf, .odt or .md)",
                "content": {
                    content_type: {"schema": {"type": "string", "format": "binary"}}
                    for content_type in sorted(set(CONTENT_TYPES.values()))
                },
            }
        }
    },
)
def template_download(request: AuthenticatedRequest, template_id: int, number: int) -> HttpResponse:
    version = selectors.access_template_version(
        user=request.user, template_id=template_id, number=number
    )
    name = file_name(version.template.name, f"v{version.number}", extension=version.extension)
    return download(bytes(version.content), name, CONTENT_TYPES.get(version.extension))
