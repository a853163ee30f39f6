"""The municipality profile ("Kommuneprofil"): contact details, technologies and IT systems."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from procesbank.catalogue.models import Technology


class MunicipalityProfile(models.Model):
    """A municipality's "Kommuneprofil": its contact details and the technologies and IT
    systems it uses, which "Anbefalet til din kommune" matches candidates against.

    Its own app above the catalogue: its technologies are the candidates' :class:`Technology`
    choices, and its page shows what the municipality shared. A municipality without a row has
    an empty profile; the row is made on the first save.
    """

    municipality = models.OneToOneField(
        "organisations.Municipality",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="profile",
        verbose_name=_("kommune"),
    )
    contact_person = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(
        _("telefon"),
        max_length=30,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[0-9 ]{8,20}$", _("Skriv telefonnummeret med cifre, fx 48 20 48 20.")
            )
        ],
    )
    website = models.URLField(_("hjemmeside"), max_length=300, blank=True)
    technologies = models.JSONField(_("teknologier"), default=list, blank=True)
    it_systems = models.JSONField(_("it-systemer"), default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        db_table = "catalogue_municipalityprofile"  # made by the catalogue before the app existed
        verbose_name = _("kommuneprofil")
        verbose_name_plural = _("kommuneprofiler")

    def __str__(self) -> str:
        return str(self.municipality)

    @property
    def technology_labels(self) -> list[str]:
        labels = dict(Technology.choices)
        return [str(labels[t]) for t in self.technologies if t in labels]
