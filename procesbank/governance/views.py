"""The review page of a version: its state, reviewers, checklist and comments, and the one
step that is the reader's (send, comment, done, approve, send back, publish)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procesbank.governance import selectors, services
from procesbank.governance.forms import CommentForm, PublishForm, SubmitForm
from procesbank.kit.formerrors import form_errors, message_errors
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.permissions import Action, can
from procesbank.processes.models import ProcessVersion, VersionState


def _page(
    request: AuthenticatedRequest,
    version: ProcessVersion,
    *,
    submit_form: SubmitForm | None = None,
    comment_form: CommentForm | None = None,
    publish_form: PublishForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    process = version.process
    reviewers = selectors.reviewer_list(user=user, version=version)
    is_approver = selectors.is_approver(user=user, process=process)
    my_assignment = next((a for a in reviewers if a.user_id == user.pk), None)
    try:
        elements = selectors.element_choices(version=version)
        checklist = selectors.version_checklist(version=version)
    except Exception:
        elements, checklist = [], []
    can_edit = can(user, Action.EDIT, process.municipality)
    comments = selectors.comment_list(user=user, version=version)
    state = version.state
    context: dict[str, Any] = {
        "version": version,
        "process": process,
        "review": selectors.review_of(user=user, version=version),
        "reviewers": reviewers,
        "approvers": selectors.approvers(process=process),
        "checklist": checklist,
        "checklist_ok": bool(checklist) and all(row.item.ok for row in checklist),
        "comments": comments,
        "comment_badges": selectors.comment_badges(comments=comments),
        "can_submit": can_edit and state == VersionState.DRAFT,
        "can_comment": state in (VersionState.DRAFT, VersionState.IN_REVIEW)
        and can(user, Action.PARTICIPATE, process.municipality),
        "can_mark_done": state == VersionState.IN_REVIEW
        and my_assignment is not None
        and my_assignment.done_at is None,
        "can_approve": is_approver and state == VersionState.IN_REVIEW,
        "can_send_back": is_approver and state in (VersionState.IN_REVIEW, VersionState.APPROVED),
        "can_publish": is_approver and state == VersionState.APPROVED,
        "submit_form": submit_form or SubmitForm(choices=selectors.reviewer_choices(user=user)),
        "comment_form": comment_form or CommentForm(elements=elements),
        "publish_form": publish_form
        or PublishForm(
            initial={"next_review_on": timezone.localdate() + datetime.timedelta(days=365)}
        ),
    }
    return render(request, "governance/version_review.html", context, status=status)


@login_required
def comment_badges(request: AuthenticatedRequest, version_id: int) -> JsonResponse:
    """The count badges of the version's commented elements, for the process page's diagram
    (the own municipality's versions only, like the review page)."""
    version = selectors.access_review_version(user=request.user, version_id=version_id)
    comments = selectors.comment_list(user=request.user, version=version)
    return JsonResponse(
        {
            "review_url": reverse("governance:version_review", args=[version.pk]),
            "badges": selectors.comment_badges(comments=comments),
        }
    )


@login_required
def version_review(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    version = selectors.access_review_version(user=request.user, version_id=version_id)
    return _page(request, version)


def _back(version: ProcessVersion) -> HttpResponse:
    return redirect("governance:version_review", version_id=version.pk)


@login_required
@require_POST
def review_submit(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    version = selectors.access_review_version(user=request.user, version_id=version_id)
    form = SubmitForm(request.POST, choices=selectors.reviewer_choices(user=request.user))
    if form.is_valid():
        with form_errors(form):
            services.review_submit(
                user=request.user, version=version, reviewers=form.cleaned_data["reviewers"]
            )
            messages.success(request, _("Versionen er sendt til review."))
            return _back(version)
    return _page(request, version, submit_form=form, status=422)


@login_required
@require_POST
def review_comment(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    version = selectors.access_review_version(user=request.user, version_id=version_id)
    try:
        elements = selectors.element_choices(version=version)
    except Exception:
        elements = []
    form = CommentForm(request.POST, elements=elements)
    if form.is_valid():
        with form_errors(form):
            services.review_comment_add(
                user=request.user,
                version=version,
                text=form.cleaned_data["text"],
                element_id=form.cleaned_data["element_id"] or "",
            )
            messages.success(request, _("Kommentaren er gemt."))
            return _back(version)
    return _page(request, version, comment_form=form, status=422)


def _review_step(
    request: AuthenticatedRequest,
    version_id: int,
    step: Callable[..., object],
    done_message: str,
) -> HttpResponse:
    """One step of the review (done, approve, send back): the service decides whether the
    user may take it; its refusal is shown as a message on the version's page."""
    version = selectors.access_review_version(user=request.user, version_id=version_id)
    with message_errors(request):
        step(user=request.user, version=version)
        messages.success(request, done_message)
    return _back(version)


@login_required
@require_POST
def review_done(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    return _review_step(
        request,
        version_id,
        services.review_mark_done,
        _("Du er markeret som færdig med dit review."),
    )


@login_required
@require_POST
def review_approve(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    return _review_step(
        request,
        version_id,
        services.review_approve,
        _("Versionen er godkendt. Offentliggør den nu."),
    )


@login_required
@require_POST
def review_send_back(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    return _review_step(
        request,
        version_id,
        services.review_send_back,
        _("Versionen er sendt tilbage til kladde."),
    )


@login_required
@require_POST
def version_publish(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    version = selectors.access_review_version(user=request.user, version_id=version_id)
    form = PublishForm(request.POST)
    if form.is_valid():
        with form_errors(form):
            services.version_publish(
                user=request.user,
                version=version,
                next_review_on=form.cleaned_data["next_review_on"],
            )
            messages.success(request, _("Versionen er offentliggjort i medarbejderportalen."))
            return _back(version)
    return _page(request, version, publish_form=form, status=422)
