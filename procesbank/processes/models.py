"""The process library: processes, their BPMN versions with history, and the task figures
mirrored from the BPMN for queries.

The BPMN document is the source of truth for tasks and measurements (they live in it as
``pb:`` extension elements, so a downloaded file keeps them); :class:`TaskMeasurement` rows are
a mirror rebuilt on every save, for lists, search and comparison across municipalities.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from procesbank.organisations.audit import AuditPolicy

KLE_CODE_VALIDATOR = RegexValidator(
    r"^\d{2}(\.\d{2}){0,2}$", _("KLE-nummeret skal have formen NN.NN.NN, fx 32.18.08.")
)
# No municipal process comes near this; without our own cap the user would meet the database's
# limit, a 19-digit number that differs between SQLite and PostgreSQL. Form, service and API
# share it.
YEARLY_VOLUME_MAX = 100_000_000
MSG_YEARLY_VOLUME_TOO_HIGH = _("Højst 100.000.000 sager pr. år.")
HANDLINGSFACET_VALIDATOR = RegexValidator(
    r"^[A-Z]\d{2}$", _("Handlingsfacetten skal være et bogstav og to cifre, fx G01.")
)


class Visibility(models.TextChoices):
    """Who besides the owner municipality may read a row."""

    OWN = "own", _("Kun egen kommune")
    COLLABORATION = "collaboration", _("Samarbejdet")
    PUBLIC = "public", _("Alle")


class Phase(models.TextChoices):
    IDEA = "ide", _("Idé")
    MAPPED = "kortlagt", _("Kortlagt")
    IMPROVING = "under_forbedring", _("Under forbedring")
    IMPLEMENTED = "implementeret", _("Implementeret")
    RETIRED = "udfaset", _("Udfaset")


class Process(models.Model):
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="processes",
        verbose_name=_("kommune"),
    )
    name = models.CharField(_("navn"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True)
    purpose = models.TextField(_("formål"), blank=True)
    kle_code = models.CharField(
        _("KLE-nummer"),
        max_length=8,
        blank=True,
        validators=[KLE_CODE_VALIDATOR],
        help_text=_("Emne i KLE, fx 32.18.08."),
    )
    handlingsfacet = models.CharField(
        _("handlingsfacet"),
        max_length=3,
        blank=True,
        validators=[HANDLINGSFACET_VALIDATOR],
        help_text=_("Valgfri, fx G01."),
    )
    form_number = models.CharField(_("FORM-nummer"), max_length=30, blank=True)
    legal_basis = models.TextField(_("lovgrundlag"), blank=True)
    owner = models.CharField(_("procesejer"), max_length=200, blank=True)
    # The owning unit (forvaltning, afdeling or team) of the municipality (issue #14).
    unit = models.ForeignKey(
        "organisations.OrganisationalUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="processes",
        verbose_name=_("enhed"),
    )
    # The owner as a person of the same municipality (the free-text ``owner`` stays, for a
    # title or a unit): approves new versions and is reminded of the next review.
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_processes",
        verbose_name=_("procesejer (person)"),
    )
    contact = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices, default=Phase.MAPPED)
    visibility = models.CharField(
        _("synlighed"), max_length=20, choices=Visibility.choices, default=Visibility.OWN
    )
    it_systems = models.JSONField(_("it-systemer"), default=list, blank=True)
    tags = models.JSONField(_("nøgleord"), default=list, blank=True)
    yearly_volume = models.PositiveIntegerField(
        _("sager pr. år"), default=0, help_text=_("Hvor mange gange processen kører om året.")
    )
    digital_share = models.DecimalField(
        _("digital andel (%)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    # Task names of the current versions, kept for search (the fallback on SQLite uses it too).
    search_text = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)  # optimistic locking of the metadata

    # The owning unit is the owner municipality's internal organisation (issue #14).
    audit_policy = AuditPolicy(visibility="visibility", internal=("unit",))

    class Meta:
        ordering = ["name"]
        verbose_name = _("proces")
        verbose_name_plural = _("processer")
        # Sorts and filters of the process list, and the library's change stamp (issue #20);
        # the search vector and trigram indexes are PostgreSQL-only, see migration 0004.
        indexes = [
            models.Index(fields=["name"], name="process_name"),
            models.Index(fields=["-updated_at"], name="process_updated_at"),
            models.Index(fields=["visibility", "name"], name="process_visibility_name"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="process_name_unique_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def kle_main_group(self) -> str:
        return self.kle_code[:2]


class VersionKind(models.TextChoices):
    AS_IS = "as_is", _("Som-er")
    TO_BE = "to_be", _("Skal-være")


class VersionState(models.TextChoices):
    """Where a version is in the approval workflow (the governance app moves it): a draft is
    sent for review, approved by the process owner and published; publishing another version
    supersedes the one published before. A published (or superseded) version's BPMN is never
    changed: a save to it starts a new draft, see ``services.versions``."""

    DRAFT = "draft", _("Kladde")
    IN_REVIEW = "in_review", _("Til review")
    APPROVED = "approved", _("Godkendt")
    PUBLISHED = "published", _("Offentliggjort")
    SUPERSEDED = "superseded", _("Afløst")


# States whose BPMN stays as it was: a save goes to a new draft copy instead.
FROZEN_STATES = frozenset({VersionState.PUBLISHED, VersionState.SUPERSEDED})


# The names the system gives the versions it creates, stored in Danish whatever the user's
# language; a version still carrying one is shown with its kind's translated name instead.
VERSION_DEFAULT_LABELS = {"as_is": "Som-er", "to_be": "Skal-være"}


def version_label_display(label: str, kind: str) -> str:
    """A version's name as shown: the kind's translated name if it is the system's default."""
    if VERSION_DEFAULT_LABELS.get(kind) == label:
        return str(VersionKind(kind).label)
    return label


class RevisionComment(models.TextChoices):
    """Why the system (not a user) saved a revision; the comment is rendered in the reader's
    language from :data:`REVISION_COMMENT_TEXTS` and the revision's ``comment_params``."""

    CREATED = "created", _("Oprettet")
    COPIED = "copied", _("Kopieret")
    RESTORED = "restored", _("Gendannet")
    MEASUREMENTS = "measurements", _("Målinger")


REVISION_COMMENT_TEXTS = {
    RevisionComment.CREATED: gettext_noop("Oprettet"),
    RevisionComment.COPIED: gettext_noop("Kopieret fra %(label)s"),
    RevisionComment.RESTORED: gettext_noop("Gendannet fra udgave %(number)s"),
    RevisionComment.MEASUREMENTS: gettext_noop("Målinger for %(task)s"),
}


def revision_comment_text(kind: str, params: dict[str, object], *, translate: bool) -> str:
    """A system comment in the active language (``translate``) or in Danish, for storage."""
    template = REVISION_COMMENT_TEXTS[RevisionComment(kind)]
    values = dict(params)
    if translate and "label" in values:
        values["label"] = version_label_display(str(values["label"]), str(values.get("kind", "")))
    return (gettext(template) if translate else template) % values


class ProcessVersion(models.Model):
    """One BPMN map of a process: the as-is, or a to-be. ``revision`` counts saves and is the
    optimistic lock: a save names the revision it started from."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="versions")
    kind = models.CharField(_("type"), max_length=10, choices=VersionKind.choices)
    label = models.CharField(_("navn"), max_length=100)
    bpmn_xml = models.TextField()
    revision = models.PositiveIntegerField(default=1)
    state = models.CharField(
        _("status"), max_length=12, choices=VersionState.choices, default=VersionState.DRAFT
    )
    minutes_per_case = models.FloatField(default=0)  # mirror of the BPMN, see TaskMeasurement
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    audit_policy = AuditPolicy(owner="process__municipality", visibility="process__visibility")

    class Meta:
        ordering = ["kind", "created_at", "id"]
        indexes = [
            models.Index(fields=["-updated_at"], name="version_updated_at"),
            # The list's "in review" badge: without it PostgreSQL read all 178,000 versions
            # of the country to find the few in review (the published badge has the unique
            # constraint's index).
            models.Index(
                fields=["process"],
                condition=models.Q(state="in_review"),
                name="version_in_review",
            ),
        ]
        verbose_name = _("version")
        verbose_name_plural = _("versioner")
        constraints = [
            models.UniqueConstraint(fields=["process", "label"], name="version_label_unique"),
            # Only one version of a process is published at a time.
            models.UniqueConstraint(
                fields=["process"],
                condition=models.Q(state="published"),
                name="version_one_published_per_process",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process.name}: {self.label}"

    @property
    def display_label(self) -> str:
        return version_label_display(self.label, self.kind)

    @property
    def frozen(self) -> bool:
        return self.state in FROZEN_STATES


class Revision(models.Model):
    """A saved state of a version: who, when, why, and the measurements at that point."""

    version = models.ForeignKey(ProcessVersion, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    bpmn_xml = models.TextField()
    measurements = models.JSONField(default=dict)  # element id -> figures, for diffs
    comment = models.CharField(_("kommentar"), max_length=300, blank=True)  # Danish if by system
    comment_kind = models.CharField(max_length=20, blank=True, choices=RevisionComment.choices)
    comment_params = models.JSONField(default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="revision_number_unique")
        ]
        indexes = [
            # The start page walks a user's own edits newest first (processes_edited_by): with
            # the author index alone PostgreSQL joined all 178,000 versions to sort 3,000 rows.
            models.Index(fields=["author", "-created_at", "-id"], name="revision_author_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.version} #{self.number}"

    @property
    def display_comment(self) -> str:
        """The user's comment as typed, or the system's in the reader's language."""
        if not self.comment_kind:
            return self.comment
        return revision_comment_text(self.comment_kind, self.comment_params, translate=True)


class TaskMeasurement(models.Model):
    """A task of a version's current BPMN with its measurements (a mirror, rebuilt on save)."""

    version = models.ForeignKey(ProcessVersion, on_delete=models.CASCADE, related_name="tasks")
    element_id = models.CharField(max_length=200)
    name = models.CharField(max_length=500, blank=True)
    kind = models.CharField(max_length=40)
    lane = models.CharField(max_length=200, blank=True)
    minutes_min = models.FloatField(null=True)
    minutes_likely = models.FloatField(null=True)
    minutes_max = models.FloatField(null=True)
    executions_per_case = models.FloatField(default=1)
    waiting_minutes = models.FloatField(null=True)
    it_system = models.CharField(max_length=200, blank=True)
    automation_note = models.TextField(blank=True)
    visits = models.FloatField(default=1)
    minutes_per_case = models.FloatField(default=0)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        indexes = [models.Index(Upper("it_system"), name="task_it_system_upper")]  # iexact filter
        constraints = [
            models.UniqueConstraint(
                fields=["version", "element_id"], name="task_unique_per_version"
            )
        ]

    def __str__(self) -> str:
        return self.name or self.element_id

    @property
    def measured(self) -> bool:
        return self.minutes_likely is not None


class RoleRate(models.Model):
    """A municipality's hourly rate for a role (a lane name), in DKK."""

    municipality = models.ForeignKey(
        "organisations.Municipality", on_delete=models.PROTECT, related_name="role_rates"
    )
    role = models.CharField(_("rolle"), max_length=200)
    hourly_rate = models.DecimalField(_("timepris (kr.)"), max_digits=8, decimal_places=2)

    class Meta:
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "role"], name="role_rate_unique")
        ]

    def __str__(self) -> str:
        return f"{self.role}: {self.hourly_rate}"


class KleTopic(models.Model):
    """An entry of the full KLE plan, loaded with ``procesbank kle import`` (KL's licence)."""

    code = models.CharField(max_length=8, unique=True)
    title = models.CharField(max_length=300)
    uuid = models.CharField(max_length=64, blank=True)
    level = models.PositiveSmallIntegerField()  # 1 main group, 2 group, 3 topic
    expired = models.BooleanField(default=False)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class KleFacetEntry(models.Model):
    """A handlingsfacet of KL's list, loaded with ``procesbank kle import`` (the
    ``KLE-Handlingsfacetter`` file)."""

    code = models.CharField(max_length=3, unique=True)
    title = models.CharField(max_length=300)
    category_code = models.CharField(max_length=3)
    category_title = models.CharField(max_length=300)
    expired = models.BooleanField(default=False)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class WithdrawnShare(models.Model):
    """What a shared process looked like when its owner took the share back (made it private,
    or narrowed it from everyone to the collaboration).

    Withdrawal means: the municipalities that could read the process keep, wherever they
    linked to it (a project, a business case line, an event log, a reuse), this frozen copy,
    clearly marked as withdrawn; they no longer see its changes, its name or its figures as
    they are now, and what they computed from it (a business case's time saving) is computed
    from the copy. Those who could not read it see only "a process of <municipality>".
    """

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="withdrawals")
    visibility = models.CharField(max_length=20, choices=Visibility.choices)  # as shared
    name = models.CharField(max_length=200)
    yearly_volume = models.PositiveIntegerField(default=0)
    # str(version id) -> {"label", "kind", "bpmn_xml"}: each version as it was shared.
    versions = models.JSONField(default=dict)
    withdrawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-withdrawn_at", "-id"]

    def __str__(self) -> str:
        return self.name
