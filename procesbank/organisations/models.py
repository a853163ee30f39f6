"""Tenants and people: the collaboration, its municipalities, users with one role each, API
tokens and the audit log of every change to domain data."""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class Collaboration(models.Model):
    """A digitalisation collaboration of municipalities (e.g. seven in North Zealand)."""

    name = models.CharField(_("navn"), max_length=200, unique=True)
    founded = models.PositiveSmallIntegerField(_("stiftet år"), null=True, blank=True)

    class Meta:
        verbose_name = _("samarbejde")
        verbose_name_plural = _("samarbejder")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A municipality: the tenant that owns processes, cases, projects and users."""

    collaboration = models.ForeignKey(
        Collaboration,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("samarbejde"),
    )
    name = models.CharField(_("navn"), max_length=100, unique=True)
    code = models.CharField(
        _("kommunekode"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^\d{3}$", _("Kommunekoden skal være tre cifre."))],
    )
    slug = models.SlugField(_("kort navn"), max_length=50, unique=True)
    population = models.PositiveIntegerField(_("indbyggere"))
    annual_hours_per_fte = models.DecimalField(
        _("årlige timer pr. årsværk"),
        max_digits=6,
        decimal_places=1,
        default=1924,
        help_text=_("37 timer x 52 uger = 1.924 timer."),
    )
    default_hourly_rate = models.DecimalField(
        _("standard timepris (kr.)"), max_digits=8, decimal_places=2, default=450
    )
    accessibility_statement_url = models.URLField(
        _("link til tilgængelighedserklæring"),
        max_length=500,
        blank=True,
        # A default in the database too: code that inserts municipalities without knowing
        # the field (data migrations of other apps) still works.
        db_default="",
        help_text=_(
            "Kommunens tilgængelighedserklæring for Procesbank, fx lavet i Digitaliserings"
            "styrelsens WAS-værktøj (https://www.was.digst.dk/...). Vises i sidefoden for "
            "kommunens brugere; tom: installationens erklæring."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """A user's one role. Each role can do what the one before it can, and more.

    A medarbejder (an employee of the municipality who is no process consultant) uses only the
    staff portal: the published process versions of their own municipality."""

    MEDARBEJDER = "medarbejder", _("Medarbejder")
    LAESER = "laeser", _("Læser")
    KONSULENT = "konsulent", _("Konsulent")
    KOMMUNEADMIN = "kommuneadmin", _("Kommuneadministrator")
    SAMARBEJDSADMIN = "samarbejdsadmin", _("Samarbejdsadministrator")


class UnitKind(models.TextChoices):
    """The level of an organisational unit, as Danish municipalities name them."""

    FORVALTNING = "forvaltning", _("Forvaltning")
    AFDELING = "afdeling", _("Afdeling")
    TEAM = "team", _("Team")
    ANDET = "andet", _("Andet")


class OrganisationalUnit(models.Model):
    """A unit inside a municipality: forvaltning > afdeling > team (or another kind), as a tree.

    ``external_id`` is the unit's id in the municipality's HR or organisation system (for
    instance an OS2mo or SD unit number); an import matches rows on it and on ``parent``'s.
    """

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("kommune"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("overordnet enhed"),
    )
    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(
        _("type"), max_length=20, choices=UnitKind.choices, default=UnitKind.AFDELING
    )
    external_id = models.CharField(
        _("enheds-id"),
        max_length=64,
        blank=True,
        help_text=_("Enhedens id i kommunens organisations- eller lønsystem (valgfrit)."),
    )
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatorisk enhed")
        verbose_name_plural = _("organisatoriske enheder")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "external_id"],
                condition=~models.Q(external_id=""),
                name="unit_external_id_unique_per_municipality",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Language(models.TextChoices):
    """The interface languages a user may choose (``settings.LANGUAGES``)."""

    DANSK = "da", _("Dansk")
    ENGELSK = "en", _("Engelsk")


class User(AbstractUser):
    """A person who logs in. Belongs to exactly one municipality with exactly one role.

    Shown by name everywhere (``__str__``); the user name is only what one logs in with.
    """

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("kommune"),
        null=True,  # only for the technical superuser made with createsuperuser
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, default=Role.LAESER)
    job_title = models.CharField(_("stillingsbetegnelse"), max_length=200, blank=True)
    unit = models.ForeignKey(
        OrganisationalUnit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("enhed"),
    )
    # Empty until the user chooses (profile or the header's switch): pages then follow the
    # language cookie, mails are Danish. Once chosen it wins over the cookie (web.middleware).
    language = models.CharField(
        _("sprog"),
        max_length=5,
        choices=Language.choices,
        blank=True,
        default="",
        help_text=_("Sproget i Procesbanks sider og i de mails, du får."),
    )

    class Meta:
        ordering = ["username"]
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")

    def __str__(self) -> str:
        return self.get_full_name() or self.get_username()


class AuthenticatedRequest(HttpRequest):
    """For type checkers: a request behind ``login_required`` or API auth has a real user."""

    user: User


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 hash is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("navn"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API-nøgle")
        verbose_name_plural = _("API-nøgler")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class AuditEntry(models.Model):
    """Who changed what, when: one row per create, update or delete of domain data."""

    class Action(models.TextChoices):
        CREATE = "create", _("Oprettet")
        UPDATE = "update", _("Ændret")
        DELETE = "delete", _("Slettet")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, related_name="audit_entries"
    )
    user = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    username = models.CharField(max_length=150)  # kept when the user is deleted
    action = models.CharField(max_length=10, choices=Action.choices)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("logpost")
        verbose_name_plural = _("log")

    def __str__(self) -> str:
        return f"{self.username} {self.action} {self.object_repr}"
