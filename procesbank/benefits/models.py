"""Benefits realisation: a gevinst (a registered benefit of a project) followed with a KPI
from a baseline to a target, and the measurements that show how far it has come.

The status rule lives in :mod:`procesbank.benefits.engine.realisation`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from procesbank.benefits.engine.realisation import STATUS_LABELS, Status
from procesbank.kit.formatting import number, short_date


class BenefitType(models.TextChoices):
    BUDGET = "economic_budget", _("Økonomisk, budgetrelevant")
    ECONOMIC_OTHER = "economic_other", _("Økonomisk, ikke budgetrelevant")
    QUALITATIVE = "qualitative", _("Kvalitativ")


class Schedule(models.TextChoices):
    MONTHLY = "monthly", _("Månedligt")
    QUARTERLY = "quarterly", _("Kvartalsvis")
    YEARLY = "yearly", _("Årligt")


class Benefit(models.Model):
    """A gevinst: what the project should bring, with a KPI plan and an owner."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="benefits"
    )
    name = models.CharField(_("navn"), max_length=200)
    benefit_type = models.CharField(
        _("type"), max_length=20, choices=BenefitType.choices, default=BenefitType.ECONOMIC_OTHER
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gevinstejer"),
    )
    owner_name = models.CharField(
        _("gevinstejer (navn)"),
        max_length=200,
        blank=True,
        help_text=_("Hvis ejeren ikke er bruger i Procesbank."),
    )
    kpi_name = models.CharField(_("KPI"), max_length=200)
    kpi_unit = models.CharField(_("enhed"), max_length=50)
    baseline_value = models.DecimalField(_("baselineværdi"), max_digits=14, decimal_places=2)
    baseline_date = models.DateField(_("baselinedato"))
    target_value = models.DecimalField(_("målværdi"), max_digits=14, decimal_places=2)
    target_date = models.DateField(_("måldato"))
    schedule = models.CharField(
        _("måles"), max_length=10, choices=Schedule.choices, default=Schedule.QUARTERLY
    )
    yearly_value = models.DecimalField(
        _("værdi pr. år (kr.)"),
        max_digits=14,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Gevinsten i kroner pr. år, når målet er nået (0 for en kvalitativ)."),
    )
    business_case_line = models.ForeignKey(
        "economics.BusinessCaseLine",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("business case-linje"),
    )
    # The due date of the last measurement reminder sent to the owner, so that a reminder goes
    # out once per due date however often the reminder command runs.
    reminded_for = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gevinst")
        verbose_name_plural = _("gevinster")
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="benefit_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def owner_label(self) -> str:
        if self.owner is not None:
            return self.owner.get_full_name() or self.owner.get_username()
        return self.owner_name


class Measurement(models.Model):
    benefit = models.ForeignKey(Benefit, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("dato"))
    value = models.DecimalField(_("værdi"), max_digits=14, decimal_places=2)
    note = models.TextField(_("note"), blank=True)
    explanation = models.TextField(
        _("forklaring"),
        blank=True,
        help_text=_("Skal udfyldes, når gevinsten ikke er på sporet."),
    )
    status = models.CharField(_("status"), max_length=20)
    # In a joint project each participating municipality measures its own part of the benefit;
    # empty for a measurement of the project as a whole (every single municipality's project).
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kommune"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measured_on", "id"]
        verbose_name = _("måling")
        verbose_name_plural = _("målinger")

    def __str__(self) -> str:
        return f"{self.benefit}: {number(self.value, None)} ({short_date(self.measured_on)})"

    @property
    def status_label(self) -> str:
        """The status in Danish (untranslated; templates translate it)."""
        return STATUS_LABELS[Status(self.status)]


class MapLevel(models.TextChoices):
    """The columns of a benefits map, read from left to right."""

    DELIVERABLE = "deliverable", _("Leverance")
    CHANGE = "change", _("Forandring")
    BENEFIT = "benefit", _("Gevinst")
    GOAL = "goal", _("Mål")


MAP_LEVELS = [MapLevel.DELIVERABLE, MapLevel.CHANGE, MapLevel.BENEFIT, MapLevel.GOAL]


class BenefitMapNode(models.Model):
    """A box of a project's benefits map (gevinstdiagram); ``leads_to`` points at boxes of the
    next column: a deliverable enables changes, a change brings benefits, a benefit serves goals.

    A box of the benefit column IS a registered benefit (``benefit``): it is created with the
    benefit, carries its name and goes with it. Boxes of the other columns have no benefit.
    """

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="benefit_map_nodes"
    )
    level = models.CharField(_("niveau"), max_length=20, choices=MapLevel.choices)
    label = models.CharField(_("tekst"), max_length=200)
    position = models.PositiveIntegerField(default=0)
    leads_to = models.ManyToManyField(
        "self", symmetrical=False, related_name="comes_from", blank=True
    )
    benefit = models.OneToOneField(
        Benefit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="map_node",
        verbose_name=_("gevinst"),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("element i gevinstdiagram")
        verbose_name_plural = _("elementer i gevinstdiagram")

    def __str__(self) -> str:
        return self.label
