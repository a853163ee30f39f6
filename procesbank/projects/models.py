"""Projects after the state project model: from idea to benefits realisation.

A project belongs to a municipality and may link the as-is and to-be versions of a process in
the library; its business case (economics) and benefits plan (benefits) hang on it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectPhase(models.TextChoices):
    """The phases of the state project model (Statens projektmodel)."""

    IDEA = "ide", _("Idé")
    ANALYSIS = "analyse", _("Analyse")
    PROCUREMENT = "anskaffelse", _("Anskaffelse")
    EXECUTION = "gennemfoerelse", _("Gennemførelse")
    REALISATION = "realisering", _("Realisering")


class ProjectKind(models.TextChoices):
    """An ordinary project, or a procurement (udbud) followed through its milestones."""

    PROJECT = "projekt", _("Projekt")
    PROCUREMENT = "udbud", _("Udbud")


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
    # Joint projects (issue 15): the municipality above is the lead (or the collaboration's
    # secretariat when the collaboration owns the project); the participants are in
    # ProjectParticipant.
    kind = models.CharField(
        _("projekttype"), max_length=10, choices=ProjectKind.choices, default=ProjectKind.PROJECT
    )
    collaboration_owned = models.BooleanField(
        _("ejet af samarbejdet"),
        default=False,
        help_text=_("Fællesprojektet ejes af samarbejdet; kommunen ovenfor er sekretariat."),
    )
    contract_value = models.DecimalField(
        _("kontraktværdi (kr.)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

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


class GateCriterion(models.TextChoices):
    """What must hold before a project leaves a phase (the gate at the end of it)."""

    PROCESS_MAPPED = "process_mapped", _("Som-er- og skal-være-processen er kortlagt")
    BUSINESS_CASE_APPROVED = "business_case_approved", _("Business casen er godkendt")
    BENEFITS_PLAN = "benefits_plan", _("Gevinstplanen har gevinster, og hver har en ejer")
    COMMUNICATION_PLAN = "communication_plan", _("Kommunikationsplanen er lagt")
    SUPPLIER_CHOSEN = "supplier_chosen", _("Leverandør eller løsning er valgt")
    GO_LIVE = "go_live", _("Løsningen er sat i drift")


class PhaseTransition(models.Model):
    """A project moved from one phase to the next; ``checklist`` keeps the gate as it was:
    ``{criterion: {"met": bool, "reason": str}}`` (a reason: the criterion was waived)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transitions")
    from_phase = models.CharField(_("fra fase"), max_length=20, choices=ProjectPhase.choices)
    to_phase = models.CharField(_("til fase"), max_length=20, choices=ProjectPhase.choices)
    at = models.DateTimeField(_("tidspunkt"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checklist = models.JSONField(_("tjekliste"), default=dict)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("faseskift")
        verbose_name_plural = _("faseskift")

    def __str__(self) -> str:
        return f"{self.project}: {self.from_phase} → {self.to_phase}"


class Stakeholder(models.Model):
    """A stakeholder of a project, placed on the influence x attitude grid (interessentanalyse).

    Influence runs 1 (little) to 5 (decisive); attitude -2 (against) to +2 (for). Moved here
    from the competence app: change management belongs to the project.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("interessent"), max_length=200)
    interest = models.CharField(_("interesse"), max_length=300, blank=True)
    influence = models.SmallIntegerField(
        _("indflydelse (1-5)"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    attitude = models.SmallIntegerField(
        _("holdning (-2 til +2)"), validators=[MinValueValidator(-2), MaxValueValidator(2)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-influence", "name"]
        verbose_name = _("interessent")
        verbose_name_plural = _("interessenter")
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="project_stakeholder_unique"),
            models.CheckConstraint(
                condition=models.Q(influence__gte=1, influence__lte=5)
                & models.Q(attitude__gte=-2, attitude__lte=2),
                name="project_stakeholder_on_grid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CommunicationStatus(models.TextChoices):
    PLANNED = "planlagt", _("Planlagt")
    DONE = "gennemfoert", _("Gennemført")
    CANCELLED = "aflyst", _("Aflyst")


class CommunicationItem(models.Model):
    """One line of a project's communication plan; one line is enough for the gate criterion
    "communication plan" (see :mod:`procesbank.projects.engine.gates`)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="communication_items"
    )
    audience = models.CharField(_("målgruppe"), max_length=200)
    message = models.TextField(_("budskab"))
    channel = models.CharField(_("kanal"), max_length=100)
    sender = models.CharField(_("afsender"), max_length=200)
    planned_on = models.DateField(_("dato"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CommunicationStatus.choices,
        default=CommunicationStatus.PLANNED,
    )

    class Meta:
        ordering = ["planned_on", "id"]
        verbose_name = _("kommunikationsaktivitet")
        verbose_name_plural = _("kommunikationsplan")

    def __str__(self) -> str:
        return f"{self.audience}: {self.channel}"


class ProjectParticipant(models.Model):
    """A municipality taking part in a joint project, with its split keys: the number of cases,
    seats (licences, users) and a fixed share in per cent. Its population is the
    municipality's own. The lead municipality is a participant like the others."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participants")
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="joint_participations",
        verbose_name=_("kommune"),
    )
    cases = models.PositiveIntegerField(_("antal sager"), default=0)
    seats = models.PositiveIntegerField(_("antal pladser"), default=0)
    fixed_share = models.DecimalField(
        _("fast andel (%)"),
        max_digits=7,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("deltagende kommune")
        verbose_name_plural = _("deltagende kommuner")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "municipality"], name="project_participant_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.municipality}"


class MilestoneKind(models.TextChoices):
    """The milestones of a procurement (udbud), in order."""

    MARKET_DIALOGUE = "markedsdialog", _("Markedsdialog")
    TENDER_DOCUMENTS = "udbudsmateriale", _("Udbudsmateriale")
    BID_DEADLINE = "tilbudsfrist", _("Tilbudsfrist")
    EVALUATION = "evaluering", _("Evaluering")
    CONTRACT = "kontrakt", _("Kontrakt")
    IMPLEMENTATION = "implementering", _("Implementering")


class ProcurementMilestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("milepæl"), max_length=20, choices=MilestoneKind.choices)
    due_on = models.DateField(_("dato"), null=True, blank=True)
    done = models.BooleanField(_("gennemført"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("udbudsmilepæl")
        verbose_name_plural = _("udbudsmilepæle")
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="procurement_milestone_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_kind_display()}"
