"""Automation candidates: create, change, interest, comments, follow, favourite, attachments.

Followers get an e-mail (after the transaction commits) on changes and comments; users named
with @brugernavn in a comment get one too, if they may read the candidate.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from procesbank.catalogue.columns import EDITABLE_FIELDS
from procesbank.catalogue.engine.assessment import assess, expected_saving, parse_answers
from procesbank.catalogue.models import (
    Attachment,
    Candidate,
    Comment,
    Domain,
    Event,
    Interest,
    SavedSearch,
    UserMark,
    render_event_text,
)
from procesbank.catalogue.selectors import process_hours_and_rate
from procesbank.dictionary.selectors import canonical_it_systems
from procesbank.kit.locking import locked_update
from procesbank.kit.stamps import touch
from procesbank.organisations.audit import audit_record, audited, snapshot
from procesbank.organisations.models import AuditEntry, User
from procesbank.organisations.permissions import Action, can, require_edit
from procesbank.organisations.selectors import own_municipality
from procesbank.processes.engine.kle import KleError, validate_kle_code
from procesbank.processes.models import Process
from procesbank.processes.selectors import kle_plan, visible_to

ATTACHMENT_LIMIT_BYTES = 10 * 1024 * 1024
CENT = Decimal("0.01")
logger = logging.getLogger(__name__)
MENTION = re.compile(r"@([\w.@+-]+)")

# Changes to these are not told to followers or written on the timeline: other
# municipalities' followers must not learn internal facts.
INTERNAL_FIELDS = ("internal_notes", "esdh_reference")


def _check_process(user: User, process: Process | None) -> None:
    if process is not None and process.municipality_id != user.municipality_id:
        raise ValidationError({"process": _("Kandidaten kan kun knyttes til egne processer.")})


def _check_facts(candidate: Candidate) -> None:
    """Domains must be known ones (kept in order, once each); decommissioning cannot come
    before the candidate was put into operation; the KLE number must be in the imported KLE
    plan (without one: a KLE main group); IT systems are named as the dictionary names them."""
    if candidate.kle_code:
        try:
            candidate.kle_code = validate_kle_code(candidate.kle_code, plan=kle_plan())
        except KleError as error:
            raise ValidationError({"kle_code": [error.render(_)]}) from None
    if isinstance(candidate.it_systems, list) and candidate.it_systems:
        candidate.it_systems = canonical_it_systems([str(s) for s in candidate.it_systems])
    domains = candidate.domains if isinstance(candidate.domains, list) else None
    known = set(Domain.values)
    if domains is None or any(d not in known for d in domains):
        raise ValidationError({"domains": _("Vælg fagområder fra listen.")})
    candidate.domains = [d for d in Domain.values if d in domains]
    if (
        candidate.in_operation_on
        and candidate.decommissioned_on
        and candidate.decommissioned_on < candidate.in_operation_on
    ):
        raise ValidationError(
            {"decommissioned_on": _("Datoen for ud af drift ligger før datoen for i drift.")}
        )


def _compute(candidate: Candidate) -> None:
    """Store the scores and the expected saving (assessment.py) on the candidate."""
    assessment = assess(parse_answers(candidate.answers))
    candidate.potential = (
        None if assessment.potential is None else assessment.potential.quantize(CENT)
    )
    candidate.ease = None if assessment.ease is None else assessment.ease.quantize(CENT)
    for field, value in _expected_figures(candidate, assessment.potential).items():
        setattr(candidate, field, value)
    if not candidate.kle_code and candidate.process is not None:
        candidate.kle_code = candidate.process.kle_code


def _expected_figures(candidate: Candidate, potential: Decimal | None) -> dict[str, Any]:
    """Hours per year of the linked process (else of the candidate's own time fields) and the
    expected saving in hours and DKK (by the assessment's potential, else the expected
    automation share)."""
    hours, rate = process_hours_and_rate(
        process=candidate.process, default_rate=Decimal(candidate.municipality.default_hourly_rate)
    )
    if (
        candidate.process is None
        and candidate.yearly_occurrences
        and candidate.minutes_per_occurrence
    ):
        # OS2autoproces' own time fields, for a candidate without a map.
        hours = candidate.yearly_occurrences * candidate.minutes_per_occurrence / 60
    if potential is None and candidate.automation_share is not None:
        potential = Decimal(str(candidate.automation_share))
    if potential is None:
        return {"hours_per_year": hours, "expected_hours": 0, "expected_kroner": Decimal(0)}
    saving = expected_saving(Decimal(str(hours)), potential, rate)
    return {
        "hours_per_year": hours,
        "expected_hours": float(saving.hours),
        "expected_kroner": saving.kroner.quantize(CENT),
    }


def candidates_refresh_for_process(*, process: Process) -> int:
    """Recompute the stored expected saving of the candidates linked to ``process`` after its
    figures changed; returns how many were refreshed.

    Why stored and refreshed, not computed at read time: the catalogue sorts and pages by
    expected hours in the database, and the figures need a BPMN walk per process. The process
    library announces changes with its ``process_figures_changed`` signal (it must not import
    the catalogue); this runs in the same transaction as the process change. Only the derived
    columns are written: no lock_version bump (an open edit form stays valid), no updated_at
    (a recomputation is not a change by anyone), no audit entry (nobody acted on the candidate).
    """
    refreshed = 0
    for candidate in Candidate.objects.filter(process=process).select_related("municipality"):
        candidate.process = process
        potential = assess(parse_answers(candidate.answers)).potential
        figures = _expected_figures(candidate, potential)
        Candidate.objects.filter(pk=candidate.pk).update(**figures)
        refreshed += 1
    if refreshed:
        touch(Candidate)  # the recommendations, cached, rank by the expected hours
    return refreshed


def _check_unique(candidate: Candidate) -> None:
    clash = Candidate.objects.filter(municipality=candidate.municipality, title=candidate.title)
    if candidate.pk:
        clash = clash.exclude(pk=candidate.pk)
    if clash.exists():
        raise ValidationError({"title": _("Din kommune har allerede en kandidat med den titel.")})


@transaction.atomic
def candidate_create(
    *, user: User, title: str, quick_share: bool = False, **fields: Any
) -> Candidate:
    """A new candidate of the user's municipality; ``quick_share`` marks one made with
    "Hurtig deling"."""
    municipality = own_municipality(user=user)
    require_edit(user, municipality)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown candidate fields: {sorted(unknown)}")
    _check_process(user, fields.get("process"))
    candidate = Candidate(
        municipality=municipality,
        title=title.strip(),
        created_by=user,
        quick_share=quick_share,
        **fields,
    )
    _check_facts(candidate)
    _compute(candidate)
    candidate.full_clean()
    _check_unique(candidate)
    candidate.save()
    _event(candidate, user, Event.Kind.CREATED, {})
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=candidate,
        municipality=municipality,
        after=snapshot(candidate),
    )
    return candidate


@transaction.atomic
def candidate_update(
    *, user: User, candidate: Candidate, lock_version: int, **changes: Any
) -> Candidate:
    """Change a candidate; ``lock_version`` is the one the user's form was loaded with."""
    require_edit(user, candidate.municipality)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown candidate fields: {sorted(unknown)}")
    _check_process(user, changes.get("process", candidate.process))

    def check(current: Candidate) -> None:
        _check_facts(current)
        _compute(current)
        _check_unique(current)

    return locked_update(
        user=user,
        instance=candidate,
        lock_version=lock_version,
        # Editing a quick share makes it a full record.
        changes={**changes, "quick_share": False},
        check=check,
        audit=_audited_and_told,
    )


@contextmanager
def _audited_and_told(*, user: User, instance: Candidate) -> Iterator[None]:
    """The audit row of a change, and an event for followers naming the fields that changed
    (internal ones left out: other municipalities' followers must not learn them)."""
    before = snapshot(instance)
    with audited(user=user, instance=instance, municipality=instance.municipality):
        yield
    after = snapshot(instance)
    changed = sorted(
        k
        for k in after
        if k in EDITABLE_FIELDS and before.get(k) != after.get(k) and k not in INTERNAL_FIELDS
    )
    if changed:
        event = _event(instance, user, Event.Kind.CHANGED, {"fields": changed})
        _notify_followers(instance, user, event)


@transaction.atomic
def candidate_delete(*, user: User, candidate: Candidate) -> None:
    require_edit(user, candidate.municipality)
    audit_record(
        user=user,
        action=AuditEntry.Action.DELETE,
        instance=candidate,
        municipality=candidate.municipality,
        before=snapshot(candidate),
    )
    files = [attachment.file for attachment in candidate.attachments.all()]
    candidate.delete()

    def remove_files() -> None:
        for file in files:
            file.delete(save=False)

    transaction.on_commit(remove_files)


def _may_read(user: User, candidate: Candidate) -> bool:
    return Candidate.objects.filter(visible_to(user), pk=candidate.pk).exists()


@transaction.atomic
def interest_toggle(*, user: User, candidate: Candidate) -> bool:
    """Mark (or unmark) "Vi er også interesserede" for the user's municipality; True if marked."""
    if candidate.municipality_id == user.municipality_id or not can(user, Action.EDIT):
        raise PermissionDenied
    if not _may_read(user, candidate):
        raise PermissionDenied
    existing = Interest.objects.filter(candidate=candidate, municipality=user.municipality).first()
    municipality = own_municipality(user=user)
    if existing:
        audit_record(
            user=user,
            action=AuditEntry.Action.DELETE,
            instance=existing,
            municipality=municipality,
            before={"candidate": candidate.pk},
        )
        existing.delete()
        return False
    interest = Interest.objects.create(candidate=candidate, municipality=municipality, user=user)
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=interest,
        municipality=municipality,
        after={"candidate": candidate.pk},
    )
    event = _event(candidate, user, Event.Kind.INTEREST, {"municipality": municipality.name})
    _notify_followers(candidate, user, event)
    return True


@transaction.atomic
def comment_add(*, user: User, candidate: Candidate, text: str) -> Comment:
    """Add a comment (never editable afterwards); followers and @mentioned users are told.
    Readers may comment too (``Action.PARTICIPATE``) on what they may read."""
    if not (can(user, Action.PARTICIPATE, candidate.municipality) and _may_read(user, candidate)):
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Skriv en kommentar.")})
    comment = Comment(candidate=candidate, author=user, text=text)
    comment.full_clean()
    comment.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=comment,
        municipality=candidate.municipality,
        after={"candidate": candidate.pk, "text": text[:200]},
    )
    event = _event(candidate, user, Event.Kind.COMMENTED, {"text": text[:300]})
    mentioned = [
        u
        for u in User.objects.filter(username__in=MENTION.findall(text), is_active=True)
        if u.pk != user.pk and _may_read(u, candidate)
    ]
    _notify_followers(candidate, user, event, extra=mentioned)
    return comment


@transaction.atomic
def mark_toggle(*, user: User, candidate: Candidate, kind: str) -> bool:
    """Follow or favourite (or undo it); True when the mark is now set."""
    if kind not in (UserMark.Kind.FOLLOW, UserMark.Kind.FAVOURITE):
        raise ValidationError(_("Ukendt markering."))
    if not (can(user, Action.PARTICIPATE, candidate.municipality) and _may_read(user, candidate)):
        raise PermissionDenied
    deleted, _rows = UserMark.objects.filter(user=user, candidate=candidate, kind=kind).delete()
    if deleted:
        return False
    UserMark.objects.create(user=user, candidate=candidate, kind=kind)
    return True


def candidate_seen(*, user: User, candidate: Candidate) -> None:
    """Count the user once among those who have seen the candidate."""
    UserMark.objects.get_or_create(user=user, candidate=candidate, kind=UserMark.Kind.SEEN)


@transaction.atomic
def attachment_add(
    *, user: User, candidate: Candidate, upload: UploadedFile, shared: bool
) -> Attachment:
    """Attach a file (at most 10 MB); ``shared`` decides whether other municipalities see it.

    The row is saved now, the bytes are written only when the transaction commits: Django has
    no rollback hook, so a file written earlier would stay on disk, unreferenced, whenever this
    or any enclosing transaction rolls back. Until the commit the upload stays in memory or in
    Django's temporary upload file, which lives as long as the request.
    """
    require_edit(user, candidate.municipality)
    if upload.size is None or upload.size > ATTACHMENT_LIMIT_BYTES:
        raise ValidationError({"file": _("Filen er for stor. Et bilag må højst fylde 10 MB.")})
    name = (upload.name or "bilag").rsplit("/", 1)[-1][:200]
    attachment = Attachment(
        candidate=candidate, name=name, size=upload.size, shared=shared, uploaded_by=user
    )
    path = attachment.file.field.generate_filename(attachment, name)
    attachment.file.name = attachment.file.storage.get_available_name(
        path, max_length=_file_max_length()
    )
    attachment.save()
    transaction.on_commit(lambda: _store_upload(attachment, upload))
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=attachment,
        municipality=candidate.municipality,
        after={"candidate": candidate.pk, "name": name, "shared": shared},
    )
    if shared:
        _event(candidate, user, Event.Kind.ATTACHMENT, {"name": name})
    return attachment


def _file_max_length() -> int | None:
    return Attachment._meta.get_field("file").max_length


def _store_upload(attachment: Attachment, upload: UploadedFile) -> None:
    """Write the committed attachment's bytes. Another upload may have taken the name in the
    meantime: the storage then picks a free one, and the row follows it. A failed write removes
    the row, so no attachment points at a file that does not exist."""
    storage = attachment.file.storage
    upload.seek(0)
    try:
        stored = storage.save(attachment.file.name, upload, max_length=_file_max_length())
    except OSError:
        logger.exception("Attachment %s could not be written; removing it", attachment.pk)
        Attachment.objects.filter(pk=attachment.pk).delete()
        raise
    if stored != attachment.file.name:
        Attachment.objects.filter(pk=attachment.pk).update(file=stored)
        attachment.file.name = stored


@transaction.atomic
def attachment_delete(*, user: User, attachment: Attachment) -> None:
    """Remove an attachment; its file goes only once the deletion is committed (a rollback
    keeps both)."""
    candidate = attachment.candidate
    require_edit(user, candidate.municipality)
    audit_record(
        user=user,
        action=AuditEntry.Action.DELETE,
        instance=attachment,
        municipality=candidate.municipality,
        before={"candidate": candidate.pk, "name": attachment.name, "shared": attachment.shared},
    )
    file = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: file.delete(save=False))


def _event(candidate: Candidate, user: User, kind: str, params: dict[str, Any]) -> Event:
    """Record an event by its kind and values; its text is rendered when read, in the reader's
    language. The Danish rendering is kept as the fallback text (a later, unknown kind or
    parameter still shows something)."""
    with translation.override(settings.LANGUAGE_CODE):
        fallback = render_event_text(kind, params)
    return Event.objects.create(
        candidate=candidate, user=user, kind=kind, params=params, fallback_text=fallback[:300]
    )


def _notify_followers(
    candidate: Candidate, actor: User, event: Event, extra: list[User] | None = None
) -> None:
    """E-mail followers (who may still read the candidate) and ``extra`` after commit.

    Each mail is written in its recipient's language (stored on the user, issue #14), not in
    whatever language the actor happened to browse in.
    """
    followers = User.objects.filter(
        pk__in=UserMark.objects.filter(candidate=candidate, kind=UserMark.Kind.FOLLOW).values(
            "user"
        ),
        is_active=True,
    ).exclude(pk=actor.pk)
    recipients = {u.email for u in followers if u.email and _may_read(u, candidate)} | {
        u.email for u in extra or [] if u.email
    }
    if not recipients:
        return
    languages = {u.email: u.language for u in [*followers, *(extra or [])] if u.email}
    sender = settings.DEFAULT_FROM_EMAIL
    messages = []
    for address in sorted(recipients):
        with translation.override(languages.get(address) or settings.LANGUAGE_CODE):
            subject = _("Procesbank: %(title)s") % {"title": candidate.title}
            body = f"{event.text}\n\n{candidate.title} ({candidate.municipality.name})"
        messages.append((subject, body, sender, [address]))
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))


@transaction.atomic
def saved_search_create(*, user: User, name: str, query: str) -> SavedSearch:
    """Save (or overwrite) the user's named catalogue search (readers too: only they see it)."""
    if not can(user, Action.PARTICIPATE):
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Giv søgningen et navn.")})
    search, _created = SavedSearch.objects.update_or_create(
        user=user, name=name[:100], defaults={"query": query[:1000]}
    )
    return search


@transaction.atomic
def saved_search_delete(*, user: User, search: SavedSearch) -> None:
    if search.user_id != user.pk:
        raise PermissionDenied
    search.delete()
