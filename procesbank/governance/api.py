"""API of the approval workflow: the caller's reviews, a version's governance state and the
steps (send for review, comment, done, approve, send back, publish), through the same services
and selectors as the review page. Mounted by procesbank.api.

A review is the owner municipality's internal business (``selectors``): a version of another
municipality answers 404, even when its process is shared.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from procesbank.governance import selectors, services
from procesbank.kit.api import BodySchema
from procesbank.kit.badinput import db_int
from procesbank.organisations.models import AuthenticatedRequest, User
from procesbank.processes.engine.bpmn_extension import BpmnError
from procesbank.processes.models import ProcessVersion

router = Router(tags=["governance"])


class PersonOut(Schema):
    id: int
    name: str = Field(..., description="The person's full name (the user name without one).")
    job_title: str


class ReviewerOut(PersonOut):
    done_at: datetime | None = Field(None, description="When the reviewer said they are done.")


class CommentOut(Schema):
    id: int
    author: str = Field(..., description="The author's name (the user name without one).")
    element_id: str = Field(..., description="The diagram element; empty for the whole version.")
    element_name: str
    text: str
    created_at: datetime


class CheckOut(Schema):
    key: str
    label: str
    ok: bool
    detail: str


class ReviewOut(Schema):
    submitted_by: str | None
    submitted_at: datetime | None
    approved_by: str | None
    approved_at: datetime | None
    published_by: str | None
    published_at: datetime | None
    next_review_on: date | None


class VersionStateOut(Schema):
    version_id: int
    process_id: int
    process_name: str
    label: str
    state: str = Field(
        ..., description="draft, in_review, approved, published or superseded (VersionState)."
    )
    state_label: str
    review: ReviewOut | None = Field(None, description="None until the version is first sent.")
    reviewers: list[ReviewerOut]
    approvers: list[PersonOut] = Field(
        ..., description="Who approves and publishes: the process owner, else the administrators."
    )
    comments: list[CommentOut]
    checklist: list[CheckOut] = Field(
        ..., description="Empty when the version's BPMN cannot be read."
    )
    checklist_ok: bool


class ReviewListOut(Schema):
    version_id: int
    process_id: int
    process_name: str
    label: str
    state: str
    next_review_on: date | None = Field(None, description="Published versions only.")


class ReviewSubmitIn(BodySchema):
    reviewer_ids: list[int] = Field(
        ..., description="Active users of the caller's municipality (not medarbejdere)."
    )


class CommentIn(BodySchema):
    text: str = Field(..., description="At most 4,000 characters.")
    element_id: str = Field("", description="A diagram element's id; empty for the whole version.")


class PublishIn(BodySchema):
    next_review_on: date = Field(..., description="After today and within five years.")


def _person(user: User) -> PersonOut:
    return PersonOut(id=user.pk, name=str(user), job_title=user.job_title)


def _name(user: User | None) -> str | None:
    return str(user) if user is not None else None


def _state_out(user: User, version: ProcessVersion) -> VersionStateOut:
    review = selectors.review_of(user=user, version=version)
    try:
        checklist = selectors.version_checklist(version=version)
    except BpmnError:  # a model that no longer parses still shows its review (as the page)
        checklist = []
    return VersionStateOut(
        version_id=version.pk,
        process_id=version.process_id,
        process_name=version.process.name,
        label=version.label,
        state=version.state,
        state_label=version.get_state_display(),
        review=ReviewOut(
            submitted_by=_name(review.submitted_by),
            submitted_at=review.submitted_at,
            approved_by=_name(review.approved_by),
            approved_at=review.approved_at,
            published_by=_name(review.published_by),
            published_at=review.published_at,
            next_review_on=review.next_review_on,
        )
        if review is not None
        else None,
        reviewers=[
            ReviewerOut(**_person(a.user).dict(), done_at=a.done_at)
            for a in selectors.reviewer_list(user=user, version=version)
        ],
        approvers=[_person(p) for p in selectors.approvers(process=version.process)],
        comments=[
            CommentOut(
                id=row.comment.pk,
                author=row.author,
                element_id=row.comment.element_id,
                element_name=row.element_name,
                text=row.comment.text,
                created_at=row.comment.created_at,
            )
            for row in selectors.comment_list(user=user, version=version)
        ],
        checklist=[
            CheckOut(key=row.item.key, label=row.label, ok=row.item.ok, detail=row.detail)
            for row in checklist
        ],
        checklist_ok=bool(checklist) and all(row.item.ok for row in checklist),
    )


def _list_out(version: ProcessVersion, *, due: bool = False) -> ReviewListOut:
    review = version.review if due else None  # reviews_due selects it; awaiting does not
    return ReviewListOut(
        version_id=version.pk,
        process_id=version.process_id,
        process_name=version.process.name,
        label=version.label,
        state=version.state,
        next_review_on=review.next_review_on if review is not None else None,
    )


def _version(request: AuthenticatedRequest, version_id: int) -> ProcessVersion:
    return selectors.access_review_version(user=request.user, version_id=version_id)


@router.get(
    "/governance/reviews/awaiting",
    response=list[ReviewListOut],
    summary="Versions whose next step is the caller's (review, approve or publish)",
)
def reviews_awaiting(request: AuthenticatedRequest) -> list[ReviewListOut]:
    return [_list_out(v) for v in selectors.reviews_awaiting(request.user)]


@router.get(
    "/governance/reviews/due",
    response=list[ReviewListOut],
    summary="Published versions the caller owns whose next review is past or near",
)
def reviews_due(request: AuthenticatedRequest) -> list[ReviewListOut]:
    return [_list_out(v, due=True) for v in selectors.reviews_due(request.user)]


@router.get(
    "/governance/versions/{version_id}",
    response=VersionStateOut,
    summary="A version's governance state and its review (own municipality only)",
)
def version_state(request: AuthenticatedRequest, version_id: int) -> VersionStateOut:
    return _state_out(request.user, _version(request, version_id))


def _reviewers(user: User, ids: list[int]) -> list[User]:
    """The named reviewers; an unknown id, or one of another municipality, is refused alike."""
    for reviewer_id in ids:
        db_int(reviewer_id)
    found = list(selectors.reviewer_choices(user=user).filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError(
            {"reviewer_ids": [_("En reviewer skal være en bruger i din kommune.")]}
        )
    return found


@router.post(
    "/governance/versions/{version_id}/review",
    response=VersionStateOut,
    summary="Send a draft for review to the named reviewers",
)
def review_submit(
    request: AuthenticatedRequest, version_id: int, payload: ReviewSubmitIn
) -> VersionStateOut:
    version = _version(request, version_id)
    reviewers = _reviewers(request.user, payload.reviewer_ids)
    services.review_submit(user=request.user, version=version, reviewers=reviewers)
    return _state_out(request.user, _version(request, version_id))


@router.post(
    "/governance/versions/{version_id}/comments",
    response={201: CommentOut},
    summary="Comment on a draft or a version in review, or on one of its elements",
)
def review_comment(
    request: AuthenticatedRequest, version_id: int, payload: CommentIn
) -> Status[CommentOut]:
    version = _version(request, version_id)
    comment = services.review_comment_add(
        user=request.user, version=version, text=payload.text, element_id=payload.element_id
    )
    return Status(
        201,
        CommentOut(
            id=comment.pk,
            author=str(request.user),
            element_id=comment.element_id,
            element_name=comment.element_name,
            text=comment.text,
            created_at=comment.created_at,
        ),
    )


@router.post(
    "/governance/versions/{version_id}/done",
    response=VersionStateOut,
    summary="The caller, a named reviewer, is done with the version",
)
def review_done(request: AuthenticatedRequest, version_id: int) -> VersionStateOut:
    services.review_mark_done(user=request.user, version=_version(request, version_id))
    return _state_out(request.user, _version(request, version_id))


@router.post(
    "/governance/versions/{version_id}/approve",
    response=VersionStateOut,
    summary="Approve a version in review (its process owner, else an administrator)",
)
def review_approve(request: AuthenticatedRequest, version_id: int) -> VersionStateOut:
    services.review_approve(user=request.user, version=_version(request, version_id))
    return _state_out(request.user, _version(request, version_id))


@router.post(
    "/governance/versions/{version_id}/send-back",
    response=VersionStateOut,
    summary="Send a version in review or approved back to draft (the approver)",
)
def review_send_back(request: AuthenticatedRequest, version_id: int) -> VersionStateOut:
    services.review_send_back(user=request.user, version=_version(request, version_id))
    return _state_out(request.user, _version(request, version_id))


@router.post(
    "/governance/versions/{version_id}/publish",
    response=VersionStateOut,
    summary="Publish an approved version with the date of its next review",
)
def version_publish(
    request: AuthenticatedRequest, version_id: int, payload: PublishIn
) -> VersionStateOut:
    services.version_publish(
        user=request.user,
        version=_version(request, version_id),
        next_review_on=payload.next_review_on,
    )
    return _state_out(request.user, _version(request, version_id))
