"""Every write of the approval workflow: draft -> in review -> approved -> published.

Each step is one transaction that moves the version's state, writes an audit entry (on the
review, which only the own municipality reads) and notifies who is next, in the app and by
mail (``notifications.services.notify``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from procesbank.governance import selectors
from procesbank.governance.engine.checklist import checklist_passes
from procesbank.governance.engine.guide import element_names
from procesbank.governance.models import Review, ReviewComment, ReviewerAssignment
from procesbank.notifications.services import notify
from procesbank.organisations.audit import audit_record
from procesbank.organisations.models import AuditEntry, User
from procesbank.organisations.permissions import Action, can, require_edit
from procesbank.processes.models import ProcessVersion, VersionState

NOTIFY_KIND = "governance"
COMMENT_MAX = 4000


def _municipality_id(user: User) -> int:
    """The user's municipality's id; -1 (no row) for a user without one."""
    return user.municipality_id if user.municipality_id is not None else -1


def _review_url(version: ProcessVersion) -> str:
    return reverse("governance:version_review", args=[version.pk])


def _locked(version: ProcessVersion, *states: str) -> ProcessVersion:
    """The version, locked for the step, refused unless it is in one of ``states``."""
    current = (
        ProcessVersion.objects.select_for_update().select_related("process").get(pk=version.pk)
    )
    if current.state not in states:
        raise ValidationError(
            _("Versionen er %(state)s; det trin kan ikke tages nu. Genindlæs siden.")
            % {"state": current.get_state_display().lower()}
        )
    return current


def _set_state(version: ProcessVersion, state: str) -> None:
    # Only the state column: the version's BPMN and its change stamp stay as they are.
    ProcessVersion.objects.filter(pk=version.pk).update(state=state)
    version.state = state


def _audit(user: User, review: Review, step: str, **extra: object) -> None:
    audit_record(
        user=user,
        action=AuditEntry.Action.UPDATE,
        instance=review,
        municipality=review.municipality,
        after={"step": step, "version": review.version_id, **extra},
    )


def _tell(recipients: Iterable[User], message: str, version: ProcessVersion, actor: User) -> None:
    notify(
        recipients=recipients,
        kind=NOTIFY_KIND,
        message=message,
        params={"process": version.process.name, "version": version.label},
        url=_review_url(version),
        actor=actor,
    )


MSG_SUBMITTED = gettext_noop(
    "%(process)s (%(version)s) er sendt til review; du er nævnt som reviewer eller godkender."
)
MSG_COMMENTED = gettext_noop("Ny kommentar i review af %(process)s (%(version)s).")
MSG_REVIEWED = gettext_noop("En reviewer er færdig med %(process)s (%(version)s).")
MSG_APPROVED = gettext_noop("%(process)s (%(version)s) er godkendt.")
MSG_SENT_BACK = gettext_noop("%(process)s (%(version)s) er sendt tilbage til kladde.")
MSG_PUBLISHED = gettext_noop("%(process)s (%(version)s) er offentliggjort.")


@transaction.atomic
def review_submit(*, user: User, version: ProcessVersion, reviewers: Iterable[User]) -> Review:
    """Send a draft for review to the named reviewers (own municipality, at least one)."""
    process = version.process
    require_edit(user, process.municipality)
    current = _locked(version, VersionState.DRAFT)
    allowed = set(selectors.reviewer_choices(user=user).values_list("pk", flat=True))
    chosen = list({r.pk: r for r in reviewers}.values())
    if not chosen:
        raise ValidationError({"reviewers": [_("Vælg mindst én reviewer.")]})
    if any(r.pk not in allowed for r in chosen):
        raise ValidationError({"reviewers": [_("En reviewer skal være en bruger i din kommune.")]})
    review, _created = Review.objects.get_or_create(
        version=current, defaults={"municipality": process.municipality}
    )
    review.submitted_by = user
    review.submitted_at = timezone.now()
    review.approved_by = review.approved_at = None
    review.save()
    # A new round: every reviewer reviews again, those no longer named are let go.
    review.assignments.exclude(user__in=chosen).delete()
    for reviewer in chosen:
        ReviewerAssignment.objects.update_or_create(
            review=review, user=reviewer, defaults={"done_at": None}
        )
    _set_state(current, VersionState.IN_REVIEW)
    _audit(user, review, "submitted", reviewers=sorted(r.username for r in chosen))
    _tell(chosen + selectors.approvers(process=process), MSG_SUBMITTED, current, user)
    return review


@transaction.atomic
def review_comment_add(
    *, user: User, version: ProcessVersion, text: str, element_id: str = ""
) -> ReviewComment:
    """A comment on a draft or a version in review, on the whole or on one element."""
    process = version.process
    if process.municipality_id != user.municipality_id or not can(user, Action.PARTICIPATE):
        raise PermissionDenied
    current = _locked(version, VersionState.DRAFT, VersionState.IN_REVIEW)
    text = text.strip()
    if not text:
        raise ValidationError({"text": [_("Skriv en kommentar.")]})
    if len(text) > COMMENT_MAX:
        raise ValidationError({"text": [_("Højst 4.000 tegn.")]})
    element_name = ""
    if element_id:
        names = element_names(selectors.version_document(version=current))
        if element_id not in names:
            raise ValidationError({"element_id": [_("Elementet findes ikke i diagrammet.")]})
        element_name = names[element_id][:500]
    comment = ReviewComment(
        version=current,
        municipality=process.municipality,
        author=user,
        author_name=user.get_username(),
        element_id=element_id[:200],
        element_name=element_name,
        text=text,
    )
    comment.full_clean()
    comment.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=comment,
        municipality=process.municipality,
        after={"version": current.pk, "element_id": element_id, "text": text},
    )
    review = Review.objects.filter(version=current).first()
    recipients = selectors.approvers(process=process)
    if review is not None:
        recipients += [a.user for a in review.assignments.select_related("user")]
        if review.submitted_by is not None:
            recipients.append(review.submitted_by)
    _tell(recipients, MSG_COMMENTED, current, user)
    return comment


@transaction.atomic
def review_mark_done(*, user: User, version: ProcessVersion) -> ReviewerAssignment:
    """A named reviewer says they are done with the version."""
    current = _locked(version, VersionState.IN_REVIEW)
    assignment = ReviewerAssignment.objects.filter(
        review__version=current, user=user, review__municipality_id=_municipality_id(user)
    ).first()
    if assignment is None:
        raise PermissionDenied
    assignment.done_at = timezone.now()
    assignment.save(update_fields=["done_at"])
    review = assignment.review
    _audit(user, review, "reviewed")
    _tell(selectors.approvers(process=current.process), MSG_REVIEWED, current, user)
    return assignment


def _require_approver(user: User, version: ProcessVersion) -> None:
    if version.process.municipality_id != user.municipality_id or not selectors.is_approver(
        user=user, process=version.process
    ):
        raise PermissionDenied


@transaction.atomic
def review_approve(*, user: User, version: ProcessVersion) -> Review:
    """The process owner (or an administrator when it has none) approves: every reviewer is
    done and the checklist passes."""
    _require_approver(user, version)
    current = _locked(version, VersionState.IN_REVIEW)
    review = Review.objects.select_for_update().get(version=current)
    if review.assignments.filter(done_at__isnull=True).exists():
        raise ValidationError(_("Alle reviewere skal være færdige, før versionen kan godkendes."))
    rows = selectors.version_checklist(version=current)
    if not checklist_passes(tuple(row.item for row in rows)):
        failing = ", ".join(row.label for row in rows if not row.item.ok)
        raise ValidationError(_("Tjeklisten er ikke opfyldt: %(items)s.") % {"items": failing})
    review.approved_by = user
    review.approved_at = timezone.now()
    review.save(update_fields=["approved_by", "approved_at"])
    _set_state(current, VersionState.APPROVED)
    _audit(user, review, "approved")
    _tell([review.submitted_by] if review.submitted_by else [], MSG_APPROVED, current, user)
    return review


@transaction.atomic
def review_send_back(*, user: User, version: ProcessVersion) -> Review:
    """The approver sends a version in review (or approved) back to draft."""
    _require_approver(user, version)
    current = _locked(version, VersionState.IN_REVIEW, VersionState.APPROVED)
    review = Review.objects.get(version=current)
    review.approved_by = review.approved_at = None
    review.save(update_fields=["approved_by", "approved_at"])
    _set_state(current, VersionState.DRAFT)
    _audit(user, review, "sent_back")
    _tell([review.submitted_by] if review.submitted_by else [], MSG_SENT_BACK, current, user)
    return review


@transaction.atomic
def version_publish(
    *,
    user: User,
    version: ProcessVersion,
    next_review_on: datetime.date,
    today: datetime.date | None = None,
) -> Review:
    """Publish an approved version with the date of its next review; the version published
    before it (if any) is superseded: only one version of a process is published at a time."""
    _require_approver(user, version)
    today = today or timezone.localdate()
    if next_review_on <= today:
        raise ValidationError({"next_review_on": [_("Næste gennemgang skal ligge efter i dag.")]})
    if next_review_on > today + datetime.timedelta(days=5 * 366):
        raise ValidationError(
            {"next_review_on": [_("Næste gennemgang skal ligge inden for fem år.")]}
        )
    current = _locked(version, VersionState.APPROVED)
    review = Review.objects.select_for_update().get(version=current)
    before = list(
        ProcessVersion.objects.select_for_update().filter(
            process_id=current.process_id, state=VersionState.PUBLISHED
        )
    )
    for old in before:
        _set_state(old, VersionState.SUPERSEDED)
    review.published_by = user
    review.published_at = timezone.now()
    review.next_review_on = next_review_on
    review.save(update_fields=["published_by", "published_at", "next_review_on"])
    _set_state(current, VersionState.PUBLISHED)
    _audit(
        user,
        review,
        "published",
        next_review_on=next_review_on.isoformat(),
        superseded=[old.pk for old in before],
    )
    recipients = [a.user for a in review.assignments.select_related("user")]
    if review.submitted_by is not None:
        recipients.append(review.submitted_by)
    _tell(recipients, MSG_PUBLISHED, current, user)
    return review
