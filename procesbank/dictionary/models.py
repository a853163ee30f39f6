"""The shared dictionary: IT systems with the free-text spellings mapped onto them, and each
municipality's roles (job functions).

Tasks, processes, profiles and candidates keep their IT systems as text (a BPMN file carries a
name, not a row id, and free text stays possible); the dictionary says which texts are the same
system. A text typed before it had a record is mapped by an administrator ("SBsys " is SBSYS),
which stores an :class:`ItSystemAlias` and rewrites the text where it is used.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from procesbank.organisations.audit import NOBODY_ELSE

NAME_MAX = 100


class ItSystem(models.Model):
    """An IT system, shared by every municipality of the collaboration."""

    name = models.CharField(_("navn"), max_length=NAME_MAX)
    # Case-folded, whitespace-collapsed name: the key that makes "SBSYS" and "sbsys " one.
    folded = models.CharField(max_length=NAME_MAX, unique=True, editable=False)
    vendor = models.CharField(_("leverandør"), max_length=200, blank=True)
    kitos_uuid = models.UUIDField(_("KITOS-uuid"), null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)

    # No owner municipality: the log row stays with the administrator's municipality.
    audit_policy = NOBODY_ELSE

    class Meta:
        ordering = ["folded"]
        verbose_name = _("it-system")
        verbose_name_plural = _("it-systemer")

    def __str__(self) -> str:
        return self.name


class ItSystemAlias(models.Model):
    """Another spelling of an IT system's name ("SBsys", "Sbsys 4"), folded like the name."""

    it_system = models.ForeignKey(ItSystem, on_delete=models.CASCADE, related_name="aliases")
    folded = models.CharField(max_length=NAME_MAX, unique=True)
    text = models.CharField(_("stavemåde"), max_length=NAME_MAX)

    audit_policy = NOBODY_ELSE

    class Meta:
        ordering = ["folded"]
        verbose_name = _("stavemåde")
        verbose_name_plural = _("stavemåder")

    def __str__(self) -> str:
        return f"{self.text} → {self.it_system.name}"


class Role(models.Model):
    """A role (job function) of one municipality: the names its lanes and hourly rates use."""

    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="dictionary_roles",
        verbose_name=_("kommune"),
    )
    name = models.CharField(_("navn"), max_length=200)
    folded = models.CharField(max_length=200, editable=False)
    description = models.CharField(_("beskrivelse"), max_length=300, blank=True)

    class Meta:
        ordering = ["folded"]
        verbose_name = _("rolle")
        verbose_name_plural = _("roller")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "folded"], name="dictionary_role_unique_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name
