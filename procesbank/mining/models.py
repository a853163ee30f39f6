"""Tables of process mining: an uploaded event log, stored as Parquet with its headline figures.

The events themselves live in a Parquet file under ``MEDIA_ROOT/eventlogs/<file_id>.parquet``
(see :mod:`procesbank.mining.engine.eventlog`); the row keeps what lists and comparisons show
without opening the file.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from procesbank.organisations.audit import AuditPolicy
from procesbank.organisations.models import Municipality
from procesbank.processes.models import Process, Visibility


class EventLog(models.Model):
    """A hændelseslog (event log) of one municipality, read from a CSV, XES or Parquet file."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XES = "xes", "XES"
        PARQUET = "parquet", "Parquet"

    class Status(models.TextChoices):
        # The row is written only when the import has succeeded; the job keeps progress and
        # the reason for a failure.
        READY = "ready", _("Klar")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="event_logs"
    )
    name = models.CharField(_("navn"), max_length=200)
    process = models.ForeignKey(
        Process,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_logs",
        verbose_name=_("proces i biblioteket"),
    )
    visibility = models.CharField(
        _("synlighed"), max_length=20, choices=Visibility.choices, default=Visibility.OWN
    )
    source_filename = models.CharField(_("filnavn"), max_length=255)
    source_format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    file_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.READY)
    cases = models.PositiveIntegerField(_("sager"), default=0)
    events = models.PositiveIntegerField(_("hændelser"), default=0)
    activities = models.PositiveIntegerField(_("aktiviteter"), default=0)
    variants = models.PositiveIntegerField(_("varianter"), default=0)
    resources = models.PositiveIntegerField(_("ressourcer"), default=0)
    has_start_timestamps = models.BooleanField(default=False)
    started_at = models.DateTimeField(_("første hændelse"), null=True, blank=True)
    ended_at = models.DateTimeField(_("sidste hændelse"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The log's naming, chosen by its editors and used by every analysis whose URL does not
    # name another: the attribute that names the activities ("" the log's own activity
    # column; labels.WITH_LIFECYCLE name and lifecycle) and the one that names who did an
    # event ("" the log's own resource column). See mining.engine.labels.
    activity_key = models.CharField(_("aktiviteter navngives efter"), max_length=200, blank=True)
    resource_key = models.CharField(_("ressourcer efter"), max_length=200, blank=True)
    # When the naming was last chosen (None: never, so the overview offers the choice).
    naming_chosen_at = models.DateTimeField(null=True, blank=True)

    audit_policy = AuditPolicy(visibility="visibility")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("hændelseslog")
        verbose_name_plural = _("hændelseslogge")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="mining_eventlog_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def relative_path(self) -> str:
        return f"eventlogs/{self.file_id}.parquet"

    @property
    def path(self) -> Path:
        return Path(settings.MEDIA_ROOT) / self.relative_path


class ActivityMapping(models.Model):
    """Which of a log's activities (as named by ``activity_key``) is which task of a model
    version, kept per log and version so that a conformance check starts where the consultant
    left it. ``mapping``: activity -> task name ("" for "not in the model")."""

    eventlog = models.ForeignKey(EventLog, on_delete=models.CASCADE, related_name="mappings")
    version = models.ForeignKey(
        "processes.ProcessVersion", on_delete=models.CASCADE, related_name="+"
    )
    activity_key = models.CharField(max_length=200, blank=True)
    mapping = models.JSONField(default=dict)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("aktivitetskobling")
        verbose_name_plural = _("aktivitetskoblinger")
        constraints = [
            models.UniqueConstraint(
                fields=["eventlog", "version", "activity_key"], name="mining_mapping_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.eventlog} → {self.version}"
