"""A record of long work (an import, a mining run) that pages poll for a progress bar."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("I kø")
        RUNNING = "running", _("I gang")
        SUCCEEDED = "succeeded", _("Færdig")
        FAILED = "failed", _("Fejlet")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="jobs"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="jobs"
    )
    title = models.CharField(_("titel"), max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(default=0.0)  # 0..1
    message = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)  # the reason, in the user's language, kept after failure
    language = models.CharField(max_length=10, default="da")  # the messages' language
    result = models.JSONField(null=True, blank=True)  # e.g. {"url": ...} of what the job made
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("job")
        verbose_name_plural = _("job")

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.SUCCEEDED, self.Status.FAILED}

    @property
    def percent(self) -> int:
        return round(self.progress * 100)
