"""Competence and anchoring: training programmes, cohorts with seats bought per municipality,
consultants and their enrolments (attendance, final assignment, exam), follow-up workshops
(erfaringsworkshops) with evaluations and improvement actions.

A programme and its cohorts belong to the collaboration (its administrator buys them); a
consultant and an enrolment belong to the consultant's municipality, whose administrator
enrols them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from procesbank.handbook.models import Section


class Programme(models.Model):
    """A training programme (uddannelsesforløb) bought from a supplier, with its modules."""

    collaboration = models.ForeignKey(
        "organisations.Collaboration", on_delete=models.PROTECT, related_name="programmes"
    )
    name = models.CharField(_("navn"), max_length=200)
    supplier = models.CharField(_("leverandør"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("uddannelsesforløb")
        verbose_name_plural = _("uddannelsesforløb")
        constraints = [
            models.UniqueConstraint(
                fields=["collaboration", "name"], name="programme_name_unique_per_collaboration"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Module(models.Model):
    """A module of a programme, e.g. procesoptimering or gevinstrealisering."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="modules")
    name = models.CharField(_("navn"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    handbook_section = models.CharField(
        _("afsnit i metodehåndbogen"),
        max_length=20,
        choices=Section.choices,
        blank=True,
        help_text=_("Det afsnit af metodehåndbogen, modulet lærer fra sig."),
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="module_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Cohort(models.Model):
    """One run of a programme (a hold) with dates and a price shared by the seats bought."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(_("navn"), max_length=200)
    start_date = models.DateField(_("startdato"))
    end_date = models.DateField(_("slutdato"))
    price = models.DecimalField(
        _("pris (kr.)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("hold")
        verbose_name_plural = _("hold")
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="cohort_name_unique"),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="cohort_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme.name}: {self.name}"


class CohortSeats(models.Model):
    """The seats a municipality bought on a cohort; its share of the price follows them."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="seats")
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    seats = models.PositiveSmallIntegerField(_("pladser"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["municipality__name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "municipality"], name="seats_unique")
        ]

    def __str__(self) -> str:
        return f"{self.cohort}: {self.municipality} ({self.seats})"


class Consultant(models.Model):
    """A person of a municipality who takes part in training: a user, or someone without a
    login (then only the name is known)."""

    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="consultants",
        verbose_name=_("kommune"),
    )
    name = models.CharField(_("navn"), max_length=200)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultant",
        verbose_name=_("bruger"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("konsulent")
        verbose_name_plural = _("konsulenter")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="consultant_name_unique_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Enrolment(models.Model):
    """A consultant on a cohort: attendance, final assignment and exam.

    The grade is stored as the number it counts as (12 ... -3); ``grades.Grade`` writes it.
    """

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="enrolments")
    consultant = models.ForeignKey(Consultant, on_delete=models.PROTECT, related_name="enrolments")
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    attended_modules = models.ManyToManyField(Module, blank=True, related_name="+")
    assignment_title = models.CharField(_("afsluttende opgave"), max_length=200, blank=True)
    assignment_process = models.ForeignKey(
        "processes.Process",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proces i biblioteket"),
    )
    # Consent: the graduate agreed that the final assignment is shown to the whole
    # collaboration as an example (its process only to those who may read it).
    assignment_example = models.BooleanField(_("vises som eksempel"), default=False)
    grade = models.SmallIntegerField(_("karakter"), null=True, blank=True)
    external_examiner = models.BooleanField(_("ekstern censor"), default=False)
    examined_on = models.DateField(_("eksamensdato"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality__name", "consultant__name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "consultant"], name="enrolment_unique"),
            models.CheckConstraint(
                condition=models.Q(grade__isnull=True)
                | models.Q(grade__in=[12, 10, 7, 4, 2, 0, -3]),
                name="enrolment_grade_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consultant.name} ({self.cohort.name})"


class Workshop(models.Model):
    """A follow-up workshop (erfaringsworkshop) where graduates share what worked."""

    collaboration = models.ForeignKey(
        "organisations.Collaboration", on_delete=models.PROTECT, related_name="workshops"
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshops",
        verbose_name=_("hold"),
    )
    title = models.CharField(_("titel"), max_length=200)
    held_on = models.DateField(_("dato"))
    participants = models.ManyToManyField(
        Consultant, blank=True, related_name="workshops", verbose_name=_("deltagere")
    )
    agenda = models.TextField(_("dagsorden"), blank=True)
    findings = models.TextField(_("erfaringer og fund"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "title"]
        verbose_name = _("erfaringsworkshop")
        verbose_name_plural = _("erfaringsworkshops")

    def __str__(self) -> str:
        return self.title


SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class WorkshopEvaluation(models.Model):
    """One participant's short, anonymous evaluation of a workshop (1 = poor, 5 = very good)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="evaluations")
    usefulness = models.PositiveSmallIntegerField(_("udbytte"), validators=SCALE)
    relevance = models.PositiveSmallIntegerField(_("relevans for arbejdet"), validators=SCALE)
    organisation = models.PositiveSmallIntegerField(_("tilrettelæggelse"), validators=SCALE)
    comment = models.TextField(_("kommentar"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.workshop}: {self.usefulness}/{self.relevance}/{self.organisation}"


class ActionStatus(models.TextChoices):
    OPEN = "aaben", _("Åben")
    IN_PROGRESS = "i_gang", _("I gang")
    DONE = "faerdig", _("Færdig")


class ImprovementAction(models.Model):
    """An improvement action agreed at a workshop, with an owner and a deadline."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("handling"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="improvement_actions",
        verbose_name=_("ansvarlig"),
    )
    deadline = models.DateField(_("frist"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    handbook_page = models.ForeignKey(
        "handbook.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("side i metodehåndbogen"),
        help_text=_("Den side, handlingen skal ændre eller skrive."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("forbedringshandling")
        verbose_name_plural = _("forbedringshandlinger")

    def __str__(self) -> str:
        return self.title
