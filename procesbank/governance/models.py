"""The approval workflow of process versions: who reviews a version, their comments (on the
version or on one element of its diagram) and when it was approved and published.

The state itself lives on the version (``processes.ProcessVersion.state``), so the process
library can show it and keep a published version's BPMN unchanged; this app moves it, with an
audit entry and notifications at each step (``services``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Review(models.Model):
    """The review of one version: sent by a consultant to named reviewers, approved by the
    process owner (or, without one, a municipal administrator) and published with the date of
    the next review. The municipality's own business: nobody else reads it."""

    version = models.OneToOneField(
        "processes.ProcessVersion", on_delete=models.CASCADE, related_name="review"
    )
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="ReviewerAssignment", related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True)
    next_review_on = models.DateField(_("næste gennemgang"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        indexes = [models.Index(fields=["next_review_on"], name="review_next_review_on")]

    def __str__(self) -> str:
        return str(self.version)


class ReviewerAssignment(models.Model):
    """A named reviewer of a review; ``done_at`` when they said they are done."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "user"], name="reviewer_once_per_review")
        ]

    def __str__(self) -> str:
        return f"{self.review}: {self.user}"


class ReviewComment(models.Model):
    """A comment on a version, or on one element of its diagram (``element_id``); the element's
    name is kept as it was when the comment was written."""

    version = models.ForeignKey(
        "processes.ProcessVersion", on_delete=models.CASCADE, related_name="review_comments"
    )
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(max_length=150)
    element_id = models.CharField(_("element"), max_length=200, blank=True)
    element_name = models.CharField(max_length=500, blank=True)
    text = models.TextField(_("kommentar"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("reviewkommentar")
        verbose_name_plural = _("reviewkommentarer")

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:60]}"
