"""Business cases after the state model: one per project, with cost and benefit lines.

The computation lives in :mod:`procesbank.economics.engine.npv`; these tables hold its
inputs. Amounts are DKK per year from the case's first year on, stored as JSON lists of
decimal strings.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from procesbank.economics.engine.npv import MAX_YEARS_SPLIT, Category, Kind
from procesbank.kit.formatting import percent, short_date


class DiscountRate(models.Model):
    """A discount rate (a share: 0.035 for 3.5 %) in force from a date; the collaboration's
    administrator keeps the table in step with Finansministeriet."""

    valid_from = models.DateField(_("gælder fra"), unique=True)
    rate = models.DecimalField(
        _("rente"),
        max_digits=6,
        decimal_places=5,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal("0.99999"))],
    )
    later_rate = models.DecimalField(
        _("rente fra år 36"),
        max_digits=6,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal("0.99999"))],
        help_text=_(
            "Finansministeriets rente for år 36-70 (2,5 % siden 7. januar 2021). Tom: samme "
            "rente alle år, og casen kan højst have 35 år."
        ),
    )
    note = models.CharField(_("kilde"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("diskonteringsrente")
        verbose_name_plural = _("diskonteringsrenter")

    def __str__(self) -> str:
        if self.later_rate is None:
            return f"{percent(self.rate, None)} ({short_date(self.valid_from)})"
        rates = f"{percent(self.rate, None)} / {percent(self.later_rate, None)}"
        return f"{rates} ({short_date(self.valid_from)})"


class RiskMethod(models.TextChoices):
    """How a business case prices its risk: a flat share, or the state model's risk pool."""

    SHARE = "share", _("Fast risikoandel (procent)")
    RISK_LOG = "risk_log", _("Risikopulje fra risikologgen (statens model)")


class BusinessCase(models.Model):
    project = models.OneToOneField(
        "projects.Project",
        on_delete=models.CASCADE,
        related_name="business_case",
        verbose_name=_("projekt"),
    )
    first_year = models.PositiveIntegerField(
        _("første år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    horizon = models.PositiveSmallIntegerField(
        _("antal år"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_YEARS_SPLIT)],
        help_text=_(
            "Højst 35 år med én rente; med Finansministeriets delte rente (3,5 %/2,5 %) op til "
            "71 (år 0-70)."
        ),
    )
    risk_share = models.DecimalField(
        _("risikoandel for hele casen"),
        max_digits=4,
        decimal_places=3,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    risk_method = models.CharField(
        _("risikometode"),
        max_length=10,
        choices=RiskMethod.choices,
        default=RiskMethod.SHARE,
        help_text=_(
            "Statens model: de højst 12 største risici i risikologgen (sandsynlighed × "
            "konsekvens) udgør risikopuljen. Den er en del af projektbudgettet og lægges til "
            "som omkostning fordelt på årene med engangsomkostninger (udvikling, anskaffelse, "
            "implementering, uddannelse) i forhold til dem; uden engangsomkostninger i år 0. "
            "Med risikopulje bruges ingen risikoandele."
        ),
    )
    discount_rate = models.ForeignKey(
        DiscountRate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diskonteringsrente"),
        help_text=_("Tom: den rente, der gælder 1. januar i det første år."),
    )
    approved = models.BooleanField(_("godkendt"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("business case")
        verbose_name_plural = _("business cases")

    def __str__(self) -> str:
        return str(_("Business case for %(project)s") % {"project": self.project})


class BusinessCaseLine(models.Model):
    """A cost or benefit line. ``likely`` holds the amounts; with ``minimum`` and ``maximum``
    also given the line is a three-point estimate. A line linked to two process versions is
    generated: its amounts are hours saved x hourly rate x ramp-up, computed when read."""

    class KindChoices(models.TextChoices):
        COST = Kind.COST.value, _("Omkostning")
        BENEFIT = Kind.BENEFIT.value, _("Gevinst")

    class CategoryChoices(models.TextChoices):
        DEVELOPMENT = Category.DEVELOPMENT.value, _("Udvikling")
        PURCHASE = Category.PURCHASE.value, _("Anskaffelse")
        IMPLEMENTATION = Category.IMPLEMENTATION.value, _("Implementering")
        TRAINING = Category.TRAINING.value, _("Uddannelse")
        LICENCES = Category.LICENCES.value, _("Licenser")
        OPERATION = Category.OPERATION.value, _("Drift")
        MAINTENANCE = Category.MAINTENANCE.value, _("Vedligehold")
        BUDGET_RELEVANT = Category.BUDGET_RELEVANT.value, _("Budgetrelevant gevinst")
        NOT_BUDGET_RELEVANT = Category.NOT_BUDGET_RELEVANT.value, _("Ikke-budgetrelevant gevinst")
        NON_ECONOMIC = Category.NON_ECONOMIC.value, _("Ikke-økonomisk gevinst")
        SOCIETAL = Category.SOCIETAL.value, _("Samfundsmæssig gevinst")

    business_case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(_("type"), max_length=10, choices=KindChoices.choices)
    category = models.CharField(_("kategori"), max_length=30, choices=CategoryChoices.choices)
    name = models.CharField(_("navn"), max_length=200)
    likely = models.JSONField(_("beløb (sandsynlige)"), default=list, blank=True)
    minimum = models.JSONField(_("minimum"), default=list, blank=True)
    maximum = models.JSONField(_("maksimum"), default=list, blank=True)
    risk_share = models.DecimalField(
        _("risikoandel"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    as_is_version = models.ForeignKey(
        "processes.ProcessVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("som-er-version"),
    )
    to_be_version = models.ForeignKey(
        "processes.ProcessVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skal-være-version"),
    )
    hourly_rate = models.DecimalField(
        _("timepris (kr.)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    ramp_up = models.JSONField(_("indfasning"), default=list, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("business case-linje")
        verbose_name_plural = _("business case-linjer")

    def __str__(self) -> str:
        return self.name

    @property
    def is_generated(self) -> bool:
        """Generated from a process comparison (the versions may since have been deleted)."""
        return self.hourly_rate is not None

    @property
    def is_three_point(self) -> bool:
        return bool(self.minimum) and bool(self.maximum)


class RiskLogEntry(models.Model):
    """One risk of a business case's risk log (risikolog): probability in percent, consequence
    in DKK. The 12 largest by expected value form the risk pool (statens business case-model)."""

    business_case = models.ForeignKey(
        BusinessCase,
        on_delete=models.CASCADE,
        related_name="risks",
        verbose_name=_("business case"),
    )
    name = models.CharField(_("risiko"), max_length=300)
    probability = models.DecimalField(
        _("sandsynlighed (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    consequence = models.DecimalField(
        _("konsekvens (kr.)"),
        max_digits=15,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal("1e12"))],
    )
    owner = models.CharField(_("risikoejer"), max_length=200, blank=True)
    action = models.TextField(_("handling"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("risiko")
        verbose_name_plural = _("risikolog")

    def __str__(self) -> str:
        return self.name

    @property
    def expected(self) -> Decimal:
        """Probability x consequence, in DKK."""
        return self.probability * self.consequence / 100


# --- joint projects (issue 15): how each line is split between the participants ------------
class SplitKey(models.TextChoices):
    POPULATION = "population", _("Indbyggertal")
    CASES = "cases", _("Antal sager")
    SEATS = "seats", _("Antal pladser")
    FIXED = "fixed", _("Faste andele")
    AMOUNTS = "amounts", _("Beløb pr. kommune")


class LineSplit(models.Model):
    """How a joint project's line is split between its participants. A line without one is
    split by population. ``amounts`` (the amounts key only) holds, per municipality id, one
    amount per year (DKK, decimal strings) that must add up to the line's amounts."""

    line = models.OneToOneField(
        BusinessCaseLine, on_delete=models.CASCADE, related_name="split", verbose_name=_("linje")
    )
    key = models.CharField(
        _("fordelingsnøgle"), max_length=12, choices=SplitKey.choices, default=SplitKey.POPULATION
    )
    amounts = models.JSONField(_("beløb pr. kommune"), default=dict, blank=True)

    class Meta:
        verbose_name = _("fordeling af linje")
        verbose_name_plural = _("fordelinger af linjer")

    def __str__(self) -> str:
        return f"{self.line}: {self.get_key_display()}"


class LocalLine(models.Model):
    """A participant's own cost or benefit line in a joint project's business case: it counts
    only in that participant's case and is visible only to it and the lead municipality."""

    business_case = models.ForeignKey(
        BusinessCase, on_delete=models.CASCADE, related_name="local_lines"
    )
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("type"), max_length=10, choices=BusinessCaseLine.KindChoices.choices)
    category = models.CharField(
        _("kategori"), max_length=30, choices=BusinessCaseLine.CategoryChoices.choices
    )
    name = models.CharField(_("navn"), max_length=200)
    amounts = models.JSONField(_("beløb"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("lokal linje")
        verbose_name_plural = _("lokale linjer")

    def __str__(self) -> str:
        return self.name
