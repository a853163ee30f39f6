"""The method handbook: pages written in Markdown in sections, each save kept as a version,
reviewed on an interval by its owner; and templates (project charter, communication plan, ...)
as downloadable files with versions.

A page or a template belongs to one municipality and is shared like a process: kept in the
municipality, shared with the collaboration or with everyone (``processes.Visibility``).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procesbank.handbook.engine.markdown import MAX_CHARS
from procesbank.handbook.engine.review import is_review_due, review_due_on
from procesbank.organisations.audit import AuditPolicy
from procesbank.processes.models import Visibility


class Section(models.TextChoices):
    """The handbook's sections, in the order a project meets them."""

    MAPPING = "mapping", _("Proceskortlægning og BPMN-konventioner")
    TIMES = "times", _("Tidsmåling")
    MINING = "mining", _("Process mining")
    BUSINESS_CASE = "business_case", _("Business case")
    BENEFITS = "benefits", _("Gevinstrealisering")
    CHANGE = "change", _("Forandringsledelse og kommunikation")
    PROJECT_MODEL = "project_model", _("Den statslige projektmodel")


SECTION_ORDER = {value: index for index, value in enumerate(Section.values)}


class Page(models.Model):
    """A page of the method handbook; its text is Markdown, rendered safely on the server."""

    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="handbook_pages",
        verbose_name=_("kommune"),
    )
    section = models.CharField(_("afsnit"), max_length=20, choices=Section.choices)
    title = models.CharField(_("titel"), max_length=200)
    summary = models.CharField(
        _("resumé"),
        max_length=300,
        blank=True,
        help_text=_("Én sætning om, hvad siden hjælper med. Vises i oversigten og i søgningen."),
    )
    body = models.TextField(
        _("tekst"),
        max_length=MAX_CHARS,
        blank=True,
        help_text=_(
            "Markdown: # overskrift, **fed**, *kursiv*, - punkter, 1. nummereret liste, "
            "[tekst](https://adresse), tabeller med |. HTML vises som tekst."
        ),
    )
    position = models.PositiveSmallIntegerField(
        _("rækkefølge"), default=0, help_text=_("Sider med lavere tal står først i afsnittet.")
    )
    visibility = models.CharField(
        _("synlighed"), max_length=20, choices=Visibility.choices, default=Visibility.COLLABORATION
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="handbook_pages",
        verbose_name=_("sideejer"),
        help_text=_("Holder siden ajour og får påmindelsen, når den skal gennemgås."),
    )
    last_reviewed = models.DateField(_("sidst gennemgået"), default=timezone.localdate)
    review_interval_months = models.PositiveSmallIntegerField(
        _("gennemgås hver (måneder)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)

    audit_policy = AuditPolicy(visibility="visibility")

    class Meta:
        ordering = ["section", "position", "title"]
        verbose_name = _("håndbogsside")
        verbose_name_plural = _("håndbogssider")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "title"], name="handbook_page_title_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def review_due_on(self) -> date:
        return review_due_on(self.last_reviewed, self.review_interval_months)

    def review_due(self, today: date | None = None) -> bool:
        return is_review_due(
            self.last_reviewed, self.review_interval_months, today or timezone.localdate()
        )


class PageVersion(models.Model):
    """A page as one save left it; never changed afterwards. A restore is a new version."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("titel"), max_length=200)
    summary = models.CharField(_("resumé"), max_length=300, blank=True)
    body = models.TextField(_("tekst"), blank=True)
    note = models.CharField(_("ændringsnote"), max_length=300, blank=True)
    restored_from = models.PositiveIntegerField(_("gendannet fra version"), null=True, blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(default=timezone.now)

    audit_policy = AuditPolicy(owner="page__municipality", visibility="page__visibility")

    class Meta:
        ordering = ["-number"]
        verbose_name = _("sideversion")
        verbose_name_plural = _("sideversioner")
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="handbook_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"


class ReviewReminderSent(models.Model):
    """A review reminder for a page's due date, so a repeated run never sends it twice."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["page", "due_on"], name="handbook_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.page_id} {self.due_on.isoformat()}"


class TemplateKind(models.TextChoices):
    CHARTER = "charter", _("Projektgrundlag")
    COMMUNICATION = "communication", _("Kommunikationsplan")
    BENEFITS = "benefits", _("Gevinstrealiseringsplan")
    WORKSHOP = "workshop", _("Workshopdagsorden")
    INTERVIEW = "interview", _("Interviewguide til kortlægning")
    OTHER = "other", _("Anden skabelon")


class DocumentTemplate(models.Model):
    """A template (skabelon) the consultants download and fill in; its files are versions."""

    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="handbook_templates",
        verbose_name=_("kommune"),
    )
    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(
        _("type"), max_length=20, choices=TemplateKind.choices, default=TemplateKind.OTHER
    )
    section = models.CharField(_("afsnit"), max_length=20, choices=Section.choices, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True, max_length=5000)
    visibility = models.CharField(
        _("synlighed"), max_length=20, choices=Visibility.choices, default=Visibility.COLLABORATION
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)

    audit_policy = AuditPolicy(visibility="visibility")

    class Meta:
        ordering = ["name"]
        verbose_name = _("skabelon")
        verbose_name_plural = _("skabeloner")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="handbook_template_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class TemplateVersion(models.Model):
    """One uploaded file of a template. The bytes are kept in the database: templates are small
    (at most ``PROCESBANK_TEMPLATE_LIMIT_MB``, 10 MB by default), a version is written in the
    same transaction as its audit row, and a backup of the database holds them all."""

    template = models.ForeignKey(
        DocumentTemplate, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    file_name = models.CharField(_("filnavn"), max_length=200)
    extension = models.CharField(max_length=5)
    size = models.PositiveIntegerField(_("størrelse"), default=0)
    content = models.BinaryField()
    note = models.CharField(_("ændringsnote"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    audit_policy = AuditPolicy(owner="template__municipality", visibility="template__visibility")

    class Meta:
        ordering = ["-number"]
        verbose_name = _("skabelonversion")
        verbose_name_plural = _("skabelonversioner")
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"], name="handbook_template_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.file_name} v{self.number}"
