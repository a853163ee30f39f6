"""Projects after the state project model: from idea to benefits realisation.

A project belongs to a municipality and may link the as-is and to-be versions of a process in
the library; its business case (economics) and benefits plan (benefits) hang on it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectPhase(models.TextChoices):
    """The phases of the state project model (Statens projektmodel)."""

    IDEA = "ide", _("Idé")
    ANALYSIS = "analyse", _("Analyse")
    PROCUREMENT = "anskaffelse", _("Anskaffelse")
    EXECUTION = "gennemfoerelse", _("Gennemførelse")
    REALISATION = "realisering", _("Realisering")


class Project(models.Model):
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("kommune"),
    )
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_projects",
        verbose_name=_("projektejer"),
    )
    phase = models.CharField(
        _("fase"), max_length=20, choices=ProjectPhase.choices, default=ProjectPhase.IDEA
    )
    as_is_version = models.ForeignKey(
        "processes.ProcessVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("som-er-proces"),
    )
    to_be_version = models.ForeignKey(
        "processes.ProcessVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skal-være-proces"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        verbose_name = _("projekt")
        verbose_name_plural = _("projekter")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="project_name_unique_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name
