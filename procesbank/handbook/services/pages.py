"""Every write to the handbook's pages: one transaction, a permission check, an audit row, and
a version for every save (a restore is a save of an old version's text)."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from procesbank.core.errors import UserError, gettext_noop
from procesbank.handbook.engine.markdown import MAX_CHARS
from procesbank.handbook.models import Page, PageVersion
from procesbank.kit.locking import locked_update
from procesbank.organisations.audit import audit_record, audited, snapshot
from procesbank.organisations.models import AuditEntry, User
from procesbank.organisations.permissions import require_edit

EDITABLE_FIELDS = (
    "section",
    "title",
    "summary",
    "body",
    "position",
    "visibility",
    "owner",
    "review_interval_months",
)
#: At creation also the day of the last review (an imported page was reviewed before).
CREATE_FIELDS = (*EDITABLE_FIELDS, "last_reviewed")
MSG_TOO_LONG = gettext_noop(
    "Teksten er for lang: en side må højst have %(limit)s tegn. Del den i flere sider."
)
MSG_NO_VERSION = gettext_noop("Siden har ingen version %(number)s.")


def _check(page: Page) -> None:
    if len(page.body) > MAX_CHARS:
        raise UserError(MSG_TOO_LONG, limit=f"{MAX_CHARS:,}".replace(",", "."), field="body")
    if page.owner_id is not None:
        if page.owner.municipality_id != page.municipality_id:
            raise ValidationError({"owner": _("Sideejeren skal være fra sidens kommune.")})
        if not page.owner.is_active:
            raise ValidationError({"owner": _("Sideejeren skal være en aktiv bruger.")})
    clash = Page.objects.filter(municipality_id=page.municipality_id, title=page.title)
    if page.pk:
        clash = clash.exclude(pk=page.pk)
    if clash.exists():
        raise ValidationError({"title": _("Kommunen har allerede en håndbogsside med den titel.")})


def _add_version(
    page: Page, *, user: User, note: str = "", restored_from: int | None = None
) -> PageVersion:
    latest = page.versions.aggregate(latest=Max("number"))["latest"] or 0
    version = PageVersion.objects.create(
        page=page,
        number=latest + 1,
        title=page.title,
        summary=page.summary,
        body=page.body,
        note=note.strip()[:300],
        restored_from=restored_from,
        saved_by=user,
    )
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=version,
        municipality=page.municipality,
        after=snapshot(version),
    )
    return version


@transaction.atomic
def page_create(*, user: User, title: str, section: str, note: str = "", **fields: Any) -> Page:
    """A new page of the user's municipality, owned by ``owner`` (default: the user), with its
    first version."""
    require_edit(user)
    unknown = set(fields) - set(CREATE_FIELDS)
    if unknown:
        raise TypeError(f"unknown page fields: {sorted(unknown)}")
    fields.setdefault("owner", user)
    page = Page(
        municipality=user.municipality,
        title=title.strip(),
        section=section,
        created_by=user,
        updated_by=user,
        **fields,
    )
    _check(page)
    page.full_clean(exclude=["municipality"])
    page.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=page,
        municipality=page.municipality,
        after=snapshot(page),
    )
    _add_version(page, user=user, note=note or _("Første udgave"))
    return page


@transaction.atomic
def page_update(
    *, user: User, page: Page, lock_version: int, note: str = "", **changes: Any
) -> Page:
    """Save the page's changes (refused if someone saved since ``lock_version``) and keep the
    result as a new version."""
    require_edit(user, page.municipality)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown page fields: {sorted(unknown)}")
    if "title" in changes:
        changes["title"] = str(changes["title"]).strip()
    saved = locked_update(
        user=user,
        instance=page,
        lock_version=lock_version,
        changes=changes,
        check=_check,
        exclude=["municipality"],
        audit=partial(audited, municipality=page.municipality),
    )
    _add_version(saved, user=user, note=note)
    return saved


@transaction.atomic
def page_restore(*, user: User, page: Page, number: int, lock_version: int) -> Page:
    """Make version ``number``'s title, summary and text the page's again, as a new version
    (nothing of the history is lost: the version restored over stays in the list)."""
    require_edit(user, page.municipality)
    old = page.versions.filter(number=number).first()
    if old is None:
        raise UserError(MSG_NO_VERSION, number=number)
    saved = locked_update(
        user=user,
        instance=page,
        lock_version=lock_version,
        changes={"title": old.title, "summary": old.summary, "body": old.body},
        check=_check,
        exclude=["municipality"],
        audit=partial(audited, municipality=page.municipality),
    )
    _add_version(
        saved,
        user=user,
        note=_("Gendannet fra version %(number)s") % {"number": number},
        restored_from=number,
    )
    return saved


@transaction.atomic
def page_mark_reviewed(
    *, user: User, page: Page, lock_version: int, on: date | None = None
) -> Page:
    """Record that the page was read through and is still right (no new version: the text is
    the same)."""
    require_edit(user, page.municipality)
    return locked_update(
        user=user,
        instance=page,
        lock_version=lock_version,
        changes={"last_reviewed": on or timezone.localdate()},
        exclude=["municipality"],
        audit=partial(audited, municipality=page.municipality),
    )


@transaction.atomic
def page_delete(*, user: User, page: Page) -> None:
    require_edit(user, page.municipality)
    audit_record(
        user=user,
        action=AuditEntry.Action.DELETE,
        instance=page,
        municipality=page.municipality,
        before=snapshot(page),
    )
    page.delete()
