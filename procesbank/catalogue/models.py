"""The shared catalogue: automation candidates (as in OS2autoproces) with their interest marks,
comments, follows, favourites, views, attachments and timeline, and the reuse links that
remember which revision of a shared process a municipality copied."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from procesbank.organisations.audit import AuditPolicy
from procesbank.processes.models import KLE_CODE_VALIDATOR, Visibility

TITLE_MAX = 65
SUMMARY_MAX = 140


class CandidatePhase(models.TextChoices):
    IDEA = "idea", _("Idé")
    PRE_ANALYSIS = "pre_analysis", _("Foranalyse")
    SPECIFICATION = "specification", _("Specifikation")
    DEVELOPMENT = "development", _("Udvikling")
    IMPLEMENTATION = "implementation", _("Implementering")
    OPERATION = "operation", _("Drift")
    DECOMMISSIONED = "decommissioned", _("Taget ud af drift")


class CandidateStatus(models.TextChoices):
    PENDING = "pending", _("Afventer")
    IN_PROGRESS = "in_progress", _("I gang")
    REJECTED = "rejected", _("Afvist")
    FAILED = "failed", _("Mislykket")
    NOT_RELEVANT = "not_relevant", _("Ikke relevant mere")


class Technology(models.TextChoices):
    RPA = "rpa", _("RPA")
    INTEGRATION = "integration", _("Integration")
    SELF_SERVICE = "self_service", _("Selvbetjening")
    AI = "ai", _("AI/maskinlæring")
    OTHER = "other", _("Anden")


class Domain(models.TextChoices):
    """The 15 domains ("fagområder") of OS2autoproces."""

    ADMINISTRATION = "administration", _("Administration")
    EMPLOYMENT = "employment", _("Beskæftigelse")
    PROFESSION = "profession", _("Erhverv")
    FAMILY = "family", _("Familie")
    EDUCATION = "education", _("Undervisning")
    DEMOCRACY = "democracy", _("Demokrati")
    ENVIRONMENT = "environment", _("Miljø")
    TECHNIQUE = "technique", _("Teknik")
    SOCIAL = "social", _("Social")
    HEALTH = "health", _("Sundhed")
    SUSTAINABILITY = "sustainability", _("Bæredygtighed")
    HR = "hr", _("HR")
    IT = "it", _("IT")
    CULTURE = "culture", _("Kultur")
    ECONOMY = "economy", _("Økonomi")


class RunSchedule(models.TextChoices):
    """How often the automation runs (OS2autoproces' "kørselsfrekvens")."""

    ON_DEMAND = "on_demand", _("Efter behov")
    ONCE = "once", _("Én gang")
    DAILY = "daily", _("Dagligt")
    WEEKLY = "weekly", _("Ugentligt")
    MONTHLY = "monthly", _("Månedligt")
    QUARTERLY = "quarterly", _("Kvartalsvis")
    YEARLY = "yearly", _("Årligt")


class Candidate(models.Model):
    """An automation candidate, owned by one municipality, linked to a process or standalone.

    ``potential``, ``hours_per_year`` and ``expected_hours`` are stored when the candidate is
    saved (from assessment.py and the linked process's figures) so the catalogue can sort and
    page by them in the database.
    """

    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="candidates",
        verbose_name=_("kommune"),
    )
    process = models.ForeignKey(
        "processes.Process",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidates",
        verbose_name=_("proces"),
    )
    title = models.CharField(_("titel"), max_length=TITLE_MAX)
    summary = models.CharField(_("resumé"), max_length=SUMMARY_MAX, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    problems = models.TextField(_("problemstillinger"), blank=True)
    kle_code = models.CharField(
        _("KLE-nummer"), max_length=8, blank=True, validators=[KLE_CODE_VALIDATOR]
    )
    phase = models.CharField(
        _("fase"), max_length=20, choices=CandidatePhase.choices, default=CandidatePhase.IDEA
    )
    status = models.CharField(
        _("status"), max_length=20, choices=CandidateStatus.choices, default=CandidateStatus.PENDING
    )
    status_reason = models.TextField(_("begrundelse for status"), blank=True)
    technology = models.CharField(
        _("teknologi"), max_length=20, choices=Technology.choices, default=Technology.RPA
    )
    it_systems = models.JSONField(_("it-systemer"), default=list, blank=True)
    solution_ideas = models.TextField(_("idéer til løsning"), blank=True)
    # The time fields of OS2autoproces, for a candidate without a linked process (with one,
    # the process's own figures count): hours per year = occurrences x minutes / 60.
    yearly_occurrences = models.PositiveIntegerField(
        _("antal gange pr. år"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100_000_000)],
        help_text=_("Hvor mange gange processen foretages om året."),
    )
    minutes_per_occurrence = models.FloatField(
        _("minutter pr. gang"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1_000_000)],
    )
    employees = models.PositiveIntegerField(
        _("medarbejdere der udfører processen"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1_000_000)],
    )
    automation_share = models.DecimalField(
        _("forventet automatiseringsgrad (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Bruges til den forventede besparelse, når vurderingen ikke giver en."),
    )
    answers = models.JSONField(_("vurdering"), default=dict, blank=True)
    internal_notes = models.TextField(_("interne noter"), blank=True)
    legal_basis = models.TextField(_("lovgrundlag"), blank=True)
    legal_basis_checked_on = models.DateField(
        _("lovgrundlag sidst kontrolleret"), null=True, blank=True
    )
    domains = models.JSONField(_("fagområder"), default=list, blank=True)
    run_schedule = models.CharField(
        _("kørselsfrekvens"), max_length=20, choices=RunSchedule.choices, blank=True
    )
    kl_generic = models.BooleanField(_("KL's generiske proces"), default=False)
    kl_id = models.CharField(_("KL-id"), max_length=40, blank=True)
    targets_citizens = models.BooleanField(_("retter sig mod borgere"), default=False)
    targets_companies = models.BooleanField(_("retter sig mod virksomheder"), default=False)
    vendor = models.CharField(_("leverandør"), max_length=200, blank=True)
    expected_in_operation_on = models.DateField(
        _("forventet idriftsættelse"), null=True, blank=True
    )
    in_operation_on = models.DateField(_("sat i drift"), null=True, blank=True)
    decommissioned_on = models.DateField(_("taget ud af drift"), null=True, blank=True)
    code_repository_url = models.URLField(_("link til kode"), max_length=500, blank=True)
    # Internal like internal_notes: a case number in the municipality's own ESDH system says
    # nothing to others and OS2autoproces hides it from readers in other municipalities.
    esdh_reference = models.CharField(_("ESDH-reference"), max_length=100, blank=True)
    visibility = models.CharField(
        _("synlighed"), max_length=20, choices=Visibility.choices, default=Visibility.COLLABORATION
    )
    potential = models.DecimalField(max_digits=6, decimal_places=2, null=True, editable=False)
    ease = models.DecimalField(max_digits=6, decimal_places=2, null=True, editable=False)
    hours_per_year = models.FloatField(default=0, editable=False)
    expected_hours = models.FloatField(default=0, editable=False)
    expected_kroner = models.DecimalField(
        max_digits=14, decimal_places=2, default=0, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)
    # Made with "Hurtig deling" (a handful of fields, shared at once); a full edit clears it.
    quick_share = models.BooleanField(_("hurtig deling"), default=False)
    contact_email = models.EmailField(_("kontakt (e-mail)"), blank=True)

    # Internal fields are the owner's alone, in the log as everywhere (columns.py: internal).
    audit_policy = AuditPolicy(
        visibility="visibility", internal=("internal_notes", "esdh_reference")
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("automatiseringskandidat")
        verbose_name_plural = _("automatiseringskandidater")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "title"], name="candidate_title_unique_per_municipality"
            )
        ]
        # The list's sorts: at national scale (20,000 candidates) each was a sort of every
        # visible row on disk before the page of 50 was cut. Each ends with the id, as the
        # sorts do (selectors.CANDIDATE_SORTS): equal titles in a fixed order.
        indexes = [
            models.Index(fields=["title", "id"], name="candidate_title_id"),
            models.Index(fields=["-updated_at", "title", "id"], name="candidate_updated_title_id"),
            models.Index(fields=["kle_code", "title", "id"], name="candidate_kle_title_id"),
            models.Index(fields=["-potential", "title", "id"], name="candidate_potential_title_id"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def domain_labels(self) -> list[str]:
        labels = dict(Domain.choices)
        return [str(labels[d]) for d in self.domains if d in labels]


class Interest(models.Model):
    """ "Vi er også interesserede": another municipality marks a candidate."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="interests")
    audit_policy = AuditPolicy(owner="candidate__municipality", visibility="candidate__visibility")
    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "municipality"], name="interest_unique_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality_id} → {self.candidate_id}"


class Comment(models.Model):
    """A comment on a candidate; comments are never edited."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="comments")
    audit_policy = AuditPolicy(owner="candidate__municipality", visibility="candidate__visibility")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("kommentar"), max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:50]


class UserMark(models.Model):
    """A user's follow, favourite or view of a candidate (one row of each kind at most)."""

    class Kind(models.TextChoices):
        FOLLOW = "follow", _("Følger")
        FAVOURITE = "favourite", _("Favorit")
        SEEN = "seen", _("Set")

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="marks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["candidate", "user", "kind"], name="user_mark_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.user_id} → {self.candidate_id}"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"catalogue/{instance.candidate.municipality_id}/{instance.candidate_id}/{filename}"


class Attachment(models.Model):
    """A file on a candidate; ``shared`` ones other municipalities may download."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="attachments")
    # Private attachments (not ``shared``) are the owner's alone, names included.
    audit_policy = AuditPolicy(
        owner="candidate__municipality", visibility="candidate__visibility", shared=Q(shared=True)
    )
    file = models.FileField(upload_to=attachment_path, max_length=300)
    name = models.CharField(_("navn"), max_length=200)
    size = models.PositiveIntegerField(default=0)
    shared = models.BooleanField(_("delt med andre kommuner"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name


class Event(models.Model):
    """The timeline of a candidate and the feed of its followers."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Oprettet")
        CHANGED = "changed", _("Ændret")
        COMMENTED = "commented", _("Kommenteret")
        INTEREST = "interest", _("Interesse")
        ATTACHMENT = "attachment", _("Bilag")

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="events")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    # The values the text is rendered from in the reader's language (``text``). ``None`` marks a
    # row from before the parameters were stored whose text could not be parsed back: it shows
    # ``fallback_text``, the text as rendered in the actor's language when it happened.
    params = models.JSONField(null=True, blank=True)
    fallback_text = models.CharField(max_length=300)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The event in the active language (the reader's, not the actor's)."""
        if self.params is None:
            return self.fallback_text
        return render_event_text(self.kind, self.params) or self.fallback_text


def render_event_text(kind: str, params: dict[str, object]) -> str:
    """The timeline text of an event of ``kind`` with ``params`` in the active language, or ""
    when the parameters it needs are missing (the caller then falls back to the stored text)."""
    kinds = Event.Kind
    try:
        if kind == kinds.CREATED:
            return str(_("Oprettede kandidaten"))
        if kind == kinds.CHANGED:
            return str(_("Ændrede %(fields)s") % {"fields": _field_names(params["fields"])})
        if kind == kinds.INTEREST:
            return str(
                _("%(municipality)s er også interesseret")
                % {"municipality": params["municipality"]}
            )
        if kind == kinds.COMMENTED:
            return str(_("Kommenterede: %(text)s") % {"text": params["text"]})[:300]
        if kind == kinds.ATTACHMENT:
            return str(_("Tilføjede bilaget %(name)s") % {"name": params["name"]})
    except (KeyError, TypeError, FieldDoesNotExist):
        pass
    return ""


def _field_names(fields: object) -> str:
    """Candidate field names as their verbose names, sorted in the active language."""
    if not isinstance(fields, list) or not fields:
        raise TypeError("no changed fields")
    names = [
        str(getattr(Candidate._meta.get_field(field), "verbose_name", field)) for field in fields
    ]
    return ", ".join(sorted(names))


class Reuse(models.Model):
    """A process copied ("Genbrug") from another municipality's shared process.

    ``revisions`` maps the source version's id (as text) to the revision number copied, so
    the copy can tell when the source changed and what.
    """

    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    source = models.ForeignKey(
        "processes.Process", on_delete=models.SET_NULL, null=True, related_name="reuses"
    )
    source_name = models.CharField(max_length=200)
    source_municipality_name = models.CharField(max_length=100)
    copy = models.OneToOneField(
        "processes.Process", on_delete=models.CASCADE, related_name="reused_from"
    )
    revisions = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.source_name} → {self.copy_id}"


class SavedSearch(models.Model):
    """A user's named catalogue search: the query string of the catalogue page."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(_("navn"), max_length=100)
    query = models.CharField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_search_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Umbrella(models.Model):
    """A paraplyproces: groups related processes (own or shared) under one name. Its
    processes must be at least as visible as the umbrella itself."""

    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="umbrellas",
        verbose_name=_("kommune"),
    )
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    visibility = models.CharField(
        _("synlighed"), max_length=20, choices=Visibility.choices, default=Visibility.OWN
    )
    processes = models.ManyToManyField(
        "processes.Process", related_name="umbrellas", blank=True, verbose_name=_("processer")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)

    audit_policy = AuditPolicy(visibility="visibility")

    class Meta:
        ordering = ["name"]
        verbose_name = _("paraplyproces")
        verbose_name_plural = _("paraplyprocesser")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="umbrella_name_unique_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ReminderSent(models.Model):
    """A reminder mailed about a candidate in one ISO week, so a weekly run that is repeated
    (by hand, or by two timers) never sends the same reminder twice in that week."""

    class Kind(models.TextChoices):
        LEGAL_BASIS = "legal_basis", _("Lovgrundlag ikke kontrolleret")
        UNCHANGED = "unchanged", _("Uændret i et år")

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    iso_year = models.PositiveSmallIntegerField()
    iso_week = models.PositiveSmallIntegerField()
    recipients = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "kind", "iso_year", "iso_week"],
                name="reminder_once_per_week",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.candidate_id} {self.iso_year}-W{self.iso_week}"
