"""Every read of the approval workflow, on behalf of the acting user.

Reviews, comments and checklists are the owner municipality's internal business: a user of
another municipality sees none of them, even of a process shared with them (404), and a
medarbejder (the staff portal's user) sees none either.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from procesbank.governance.engine.checklist import CheckItem, review_checklist
from procesbank.governance.engine.guide import element_names
from procesbank.governance.models import Review, ReviewComment, ReviewerAssignment
from procesbank.kit.access import access_or_404
from procesbank.organisations.models import Role, User
from procesbank.organisations.permissions import Action, can
from procesbank.processes.engine.bpmn import BpmnDocument, parse_bpmn
from procesbank.processes.models import Process, ProcessVersion, VersionState

DUE_WITHIN_DAYS = 30  # reviews_due: a review date this close counts as due


def _municipality_id(user: User) -> int:
    """The user's municipality's id; -1 (no row) for a user without one."""
    return user.municipality_id if user.municipality_id is not None else -1


def version_document(*, version: ProcessVersion) -> BpmnDocument:
    """The version's BPMN, parsed (for its element names and the checklist)."""
    limit = int(settings.PROCESBANK_BPMN_LIMIT_MB) * 1024 * 1024
    return parse_bpmn(version.bpmn_xml.encode("utf-8"), max_bytes=limit)


def access_review_version(*, user: User, version_id: int) -> ProcessVersion:
    """A version of the user's own municipality, for its review page; 404 for any other."""
    if not can(user, Action.VIEW):
        return access_or_404(ProcessVersion.objects.none(), pk=version_id)
    versions = ProcessVersion.objects.filter(
        process__municipality_id=_municipality_id(user)
    ).select_related("process__municipality", "process__owner_user")
    return access_or_404(versions, pk=version_id)


def approvers(*, process: Process) -> list[User]:
    """Who approves and publishes the process's versions: its owner (a person), or without
    one the municipality's administrators."""
    owner = process.owner_user
    if owner is not None and owner.is_active and owner.municipality_id == process.municipality_id:
        return [owner]
    return list(
        User.objects.filter(
            municipality_id=process.municipality_id, role=Role.KOMMUNEADMIN, is_active=True
        ).order_by("username")
    )


def is_approver(*, user: User, process: Process) -> bool:
    return any(approver.pk == user.pk for approver in approvers(process=process))


def review_of(*, user: User, version: ProcessVersion) -> Review | None:
    """The version's review (None before it was first sent), own municipality only."""
    if version.process.municipality_id != user.municipality_id:
        return None
    return (
        Review.objects.filter(version=version)
        .select_related("submitted_by", "approved_by", "published_by")
        .first()
    )


def reviewer_list(*, user: User, version: ProcessVersion) -> list[ReviewerAssignment]:
    if version.process.municipality_id != user.municipality_id:
        return []
    return list(
        ReviewerAssignment.objects.filter(review__version=version)
        .select_related("user")
        .order_by("user__username")
    )


def reviewer_choices(*, user: User) -> QuerySet[User]:
    """Who may be named reviewer: active library users of the user's municipality."""
    if user.municipality_id is None:
        return User.objects.none()
    return (
        User.objects.filter(municipality_id=user.municipality_id, is_active=True)
        .exclude(role=Role.MEDARBEJDER)
        .order_by("first_name", "last_name", "username")
    )


@dataclass(frozen=True)
class CommentRow:
    comment: ReviewComment
    element_name: str  # the element's name now, else as it was when the comment was written
    author: str = ""  # the author's name now, else as stored when the comment was written


def comment_list(*, user: User, version: ProcessVersion) -> list[CommentRow]:
    """The version's comments, each with its element's name (own municipality only)."""
    if version.process.municipality_id != user.municipality_id:
        return []
    comments = list(
        ReviewComment.objects.filter(
            version=version, municipality_id=user.municipality_id
        ).select_related("author")
    )
    try:
        names = element_names(version_document(version=version))
    except Exception:  # a model that no longer parses still shows its comments
        names = {}
    return [
        CommentRow(
            c,
            names.get(c.element_id, c.element_name) if c.element_id else "",
            str(c.author) if c.author is not None else c.author_name,
        )
        for c in comments
    ]


def comment_badges(*, comments: list[CommentRow]) -> list[dict[str, object]]:
    """The count badge of each commented diagram element, from the comments the user may see
    (:func:`comment_list`): ``[{"element": id, "name": name, "count": n}]`` in the order of
    each element's first comment."""
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for row in comments:
        element = row.comment.element_id
        if element:
            counts[element] = counts.get(element, 0) + 1
            names.setdefault(element, row.element_name)
    return [
        {"element": element, "name": names[element], "count": count}
        for element, count in counts.items()
    ]


def element_choices(*, version: ProcessVersion) -> list[tuple[str, str]]:
    """The diagram's elements a comment may be about: (id, name), tasks first by name."""
    doc = version_document(version=version)
    nodes = [(n.id, n.label) for n in doc.nodes.values()]
    return sorted(nodes, key=lambda pair: pair[1].lower())


@dataclass(frozen=True)
class ChecklistRow:
    item: CheckItem
    label: str
    detail: str


_LABELS = {
    "start_and_end": lambda: _("Diagrammet har en starthændelse og en sluthændelse"),
    "tasks_named": lambda: _("Alle opgaver har et navn"),
    "tasks_in_lanes": lambda: _("Alle opgaver ligger i en bane (en rolle)"),
    "all_reachable": lambda: _("Alle elementer kan nås fra en starthændelse"),
    "no_dead_ends": lambda: _("Intet element er en blindgyde (alle forløb ender i en slut)"),
    "description": lambda: _("Processen har en beskrivelse"),
    "owner": lambda: _("Processen har en procesejer (en person)"),
}


def version_checklist(*, version: ProcessVersion) -> list[ChecklistRow]:
    """The checklist of the version now, with Danish labels and what fails."""
    process = version.process
    items = review_checklist(
        version_document(version=version),
        has_description=bool(process.description.strip()),
        has_owner=process.owner_user_id is not None,
    )
    rows = []
    for item in items:
        detail = ""
        if item.offenders:
            shown = ", ".join(item.offenders[:5])
            detail = ngettext(
                "Gælder %(count)d element: %(names)s",
                "Gælder %(count)d elementer: %(names)s",
                len(item.offenders),
            ) % {"count": len(item.offenders), "names": shown}
        rows.append(ChecklistRow(item, str(_LABELS[item.key]()), detail))
    return rows


def reviews_awaiting(user: User) -> QuerySet[ProcessVersion]:
    """Versions of the user's municipality where the next step is the user's: a named reviewer
    who is not done yet, or the approver of one in review whose reviewers are all done, or of
    an approved one waiting to be published."""
    if not can(user, Action.VIEW):
        return ProcessVersion.objects.none()
    own = ProcessVersion.objects.filter(process__municipality_id=_municipality_id(user))
    mine_to_review = ReviewerAssignment.objects.filter(
        review__version=OuterRef("pk"), user=user, done_at__isnull=True
    )
    open_reviews = ReviewerAssignment.objects.filter(
        review__version=OuterRef("pk"), done_at__isnull=True
    )
    if user.role == Role.KOMMUNEADMIN:
        my_approval = (
            Q(process__owner_user=user)
            | Q(process__owner_user__isnull=True)
            | Q(process__owner_user__is_active=False)
        )
    else:
        my_approval = Q(process__owner_user=user)
    # Only versions in review or approved can wait for anyone: the few rows the partial index
    # finds, and the reviewer conditions checked on those alone (as "id IN (every version of
    # the municipality with ...)" PostgreSQL scanned all of them: 50 ms at 1,000 processes).
    waiting = own.filter(state__in=[VersionState.IN_REVIEW, VersionState.APPROVED])
    return (
        waiting.filter(
            Q(Exists(mine_to_review), state=VersionState.IN_REVIEW)
            | (
                my_approval
                & (
                    Q(~Exists(open_reviews), state=VersionState.IN_REVIEW)
                    | Q(state=VersionState.APPROVED)
                )
            )
        )
        .select_related("process")
        .order_by("updated_at", "id")
    )


def reviews_due(user: User, *, today: datetime.date | None = None) -> QuerySet[ProcessVersion]:
    """Published versions of processes the user owns whose next review date is past or within
    :data:`DUE_WITHIN_DAYS` days, the most urgent first."""
    if not can(user, Action.VIEW):
        return ProcessVersion.objects.none()
    today = today or timezone.localdate()
    return (
        ProcessVersion.objects.filter(
            state=VersionState.PUBLISHED,
            process__municipality_id=_municipality_id(user),
            process__owner_user=user,
            review__next_review_on__lte=today + datetime.timedelta(days=DUE_WITHIN_DAYS),
        )
        .select_related("process", "review")
        .order_by("review__next_review_on", "id")
    )
