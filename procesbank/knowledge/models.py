"""Knowledge shared between the municipalities: lessons learned from projects, questions to
the network of consultants (sparring) with their answers, and the topics people follow.

Lessons and questions are owned by a municipality and shared by their ``visibility``: with the
collaboration (the default: knowledge is meant to travel) or kept in the own municipality.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from procesbank.organisations.audit import AuditPolicy
from procesbank.processes.models import KLE_CODE_VALIDATOR

# Enough for a thorough answer; a pasted document is refused with a clear message.
TEXT_MAX = 10_000
TEXT_LIMIT = [MaxLengthValidator(TEXT_MAX)]


class Topic(models.TextChoices):
    """What a question or lesson is about; the sections of the method handbook."""

    MAPPING = "kortlaegning", _("Proceskortlægning og BPMN")
    TIME = "tidsmaaling", _("Tidsmåling")
    MINING = "process_mining", _("Process mining")
    AUTOMATION = "automatisering", _("Automatisering og RPA")
    BUSINESS_CASE = "business_case", _("Business case")
    BENEFITS = "gevinster", _("Gevinstrealisering")
    CHANGE = "forandring", _("Forandringsledelse og kommunikation")
    PROJECT_MODEL = "projektmodel", _("Statens projektmodel")
    IT_SYSTEMS = "it_systemer", _("It-systemer og integrationer")
    OTHER = "andet", _("Andet")


class Visibility(models.TextChoices):
    OWN = "own", _("Kun egen kommune")
    COLLABORATION = "collaboration", _("Samarbejdet")


class ProjectType(models.TextChoices):
    DIGITISATION = "digitalisering", _("Digitalisering")
    AUTOMATION = "automatisering", _("Automatisering (RPA m.m.)")
    PROCESS = "procesoptimering", _("Procesoptimering")
    SYSTEM = "systemskifte", _("Systemskifte")
    SELF_SERVICE = "selvbetjening", _("Selvbetjening")
    OTHER = "andet", _("Andet")


class Outcome(models.TextChoices):
    REALISED = "realiseret", _("Sat i drift")
    STOPPED = "stoppet", _("Stoppet")


class Lesson(models.Model):
    """A project team's short retrospective (erfaringer): what worked, what did not, advice."""

    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="lessons",
        verbose_name=_("kommune"),
    )
    project = models.OneToOneField(
        "projects.Project",
        on_delete=models.SET_NULL,  # the experience outlives the project record
        null=True,
        blank=True,
        related_name="lesson",
        verbose_name=_("projekt"),
    )
    project_name = models.CharField(_("projektets navn"), max_length=200)  # kept as it was
    title = models.CharField(_("overskrift"), max_length=200)
    outcome = models.CharField(
        _("udfald"), max_length=12, choices=Outcome.choices, default=Outcome.REALISED
    )
    worked = models.TextField(_("hvad virkede"), validators=TEXT_LIMIT)
    did_not_work = models.TextField(_("hvad virkede ikke"), validators=TEXT_LIMIT)
    advice = models.TextField(_("råd til den næste"), validators=TEXT_LIMIT)
    topic = models.CharField(_("emne"), max_length=20, choices=Topic.choices, blank=True)
    project_type = models.CharField(
        _("projekttype"), max_length=20, choices=ProjectType.choices, blank=True
    )
    kle_code = models.CharField(
        _("KLE-nummer"), max_length=8, blank=True, validators=[KLE_CODE_VALIDATOR]
    )
    it_systems = models.JSONField(_("it-systemer"), default=list, blank=True)
    processes = models.ManyToManyField(
        "processes.Process", blank=True, related_name="lessons", verbose_name=_("processer")
    )
    candidates = models.ManyToManyField(
        "catalogue.Candidate",
        blank=True,
        related_name="lessons",
        verbose_name=_("automatiseringskandidater"),
    )
    visibility = models.CharField(
        _("synlighed"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.COLLABORATION,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("skrevet af"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)

    audit_policy = AuditPolicy(visibility="visibility")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("erfaring")
        verbose_name_plural = _("erfaringer")

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """A question to the network of consultants (sparring)."""

    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("kommune"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("spurgt af"),
    )
    title = models.CharField(_("spørgsmål"), max_length=200)
    body = models.TextField(_("uddybning"), blank=True, validators=TEXT_LIMIT)
    topic = models.CharField(_("emne"), max_length=20, choices=Topic.choices)
    kle_code = models.CharField(
        _("KLE-nummer"), max_length=8, blank=True, validators=[KLE_CODE_VALIDATOR]
    )
    it_systems = models.JSONField(_("it-systemer"), default=list, blank=True)
    visibility = models.CharField(
        _("hvem kan svare"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.COLLABORATION,
    )
    accepted_answer = models.ForeignKey(
        "Answer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepteret svar"),
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    audit_policy = AuditPolicy(visibility="visibility")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("spørgsmål")
        verbose_name_plural = _("spørgsmål")

    def __str__(self) -> str:
        return self.title


class Answer(models.Model):
    """An answer to a question, by a consultant of any municipality that may read it.

    An answer may point to things in the platform. Each target is one nullable field listed in
    ``LINK_FIELDS``; a new kind of target (the handbook's pages) is one more field there.
    """

    LINK_FIELDS = ("linked_process", "linked_candidate", "linked_handbook_page")

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    municipality = models.ForeignKey(
        "organisations.Municipality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kommune"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("svaret af"),
    )
    body = models.TextField(_("svar"), validators=TEXT_LIMIT)
    linked_process = models.ForeignKey(
        "processes.Process",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("henvisning til proces"),
    )
    linked_candidate = models.ForeignKey(
        "catalogue.Candidate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("henvisning til automatiseringskandidat"),
    )
    linked_handbook_page = models.ForeignKey(
        "handbook.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("henvisning til side i metodehåndbogen"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Readable wherever the question is; the answerer's municipality does not own the thread.
    audit_policy = AuditPolicy(owner="question__municipality", visibility="question__visibility")

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("svar")
        verbose_name_plural = _("svar")

    def __str__(self) -> str:
        return self.body[:80]


class TopicFollow(models.Model):
    """A user follows a topic: new questions in it are notified."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followed_topics"
    )
    topic = models.CharField(_("emne"), max_length=20, choices=Topic.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="topic_follow_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.topic}"
