"""Every write of knowledge: one transaction, a permission check, an audit row; notifications
go out through the notifications app (mail after commit, in each recipient's language)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from procesbank.catalogue.models import Candidate
from procesbank.core.errors import UserError, gettext_noop
from procesbank.handbook.models import Page
from procesbank.kit.locking import locked_update
from procesbank.knowledge import selectors
from procesbank.knowledge.models import Answer, Lesson, Question, Topic, TopicFollow
from procesbank.notifications.services import notify
from procesbank.organisations.audit import audit_record, audited, snapshot
from procesbank.organisations.models import AuditEntry, User
from procesbank.organisations.permissions import Action, can, require_edit
from procesbank.organisations.selectors import own_municipality
from procesbank.processes.models import Process
from procesbank.projects.models import Project

MAX_IT_SYSTEMS = 20

MSG_NEW_QUESTION = gettext_noop("Nyt spørgsmål om %(topic)s fra %(municipality)s: “%(title)s”")
MSG_NEW_ANSWER = gettext_noop("%(who)s (%(municipality)s) har svaret på “%(title)s”")
MSG_ACCEPTED = gettext_noop("Dit svar på “%(title)s” er accepteret")
MSG_LESSON_DUE = gettext_noop(
    "Projektet “%(project)s” er i realisering: saml teamets erfaringer til de næste"
)
MSG_NOT_ASKER = gettext_noop("Kun den, der har stillet spørgsmålet, kan acceptere et svar.")
MSG_ANSWER_OTHER_QUESTION = gettext_noop("Svaret hører ikke til dette spørgsmål.")


def _name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def _it_systems(values: Iterable[str]) -> list[str]:
    systems: list[str] = []
    for value in values:
        value = " ".join(str(value).split())[:100]
        if value and value.lower() not in (s.lower() for s in systems):
            systems.append(value)
    if len(systems) > MAX_IT_SYSTEMS:
        raise ValidationError({"it_systems": _("Højst 20 it-systemer.")})
    return systems


def _audit_create(user: User, instance: Any, municipality: Any) -> None:
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=instance,
        municipality=municipality,
        after=snapshot(instance),
    )


# --- questions ----------------------------------------------------------------------------
@transaction.atomic
def question_create(
    *,
    user: User,
    title: str,
    topic: str,
    body: str = "",
    kle_code: str = "",
    it_systems: Iterable[str] = (),
    visibility: str = "collaboration",
) -> Question:
    """Ask the network. The followers of the topic who may read it are notified."""
    municipality = own_municipality(user=user)
    require_edit(user, municipality)
    question = Question(
        municipality=municipality,
        author=user,
        title=" ".join(title.split()),
        body=body.strip(),
        topic=topic,
        kle_code=kle_code.strip(),
        it_systems=_it_systems(it_systems),
        visibility=visibility,
    )
    question.full_clean()
    question.save()
    _audit_create(user, question, municipality)
    notify(
        recipients=selectors.topic_followers(question=question),
        kind="knowledge.question",
        message=MSG_NEW_QUESTION,
        params={
            "topic": str(Topic(question.topic).label),
            "municipality": municipality.name,
            "title": question.title,
        },
        url=reverse("knowledge:question_detail", args=[question.pk]),
        actor=user,
    )
    return question


def _check_links(user: User, links: dict[str, Any]) -> None:
    """Each target the answer points to must be one the answerer may read."""
    for target in selectors.LINK_TARGETS:
        obj = links.get(target.field)
        if obj is not None and not target.readable(user=user).filter(pk=obj.pk).exists():
            raise ValidationError(
                {
                    target.field: _("Du kan ikke se det, du henviser til: %(what)s.")
                    % {"what": target.kind_label}
                }
            )


@transaction.atomic
def answer_create(
    *,
    user: User,
    question: Question,
    body: str,
    linked_process: Process | None = None,
    linked_candidate: Candidate | None = None,
    linked_handbook_page: Page | None = None,
) -> Answer:
    """Answer a question the user may read (a consultant of any municipality that may read
    it). The asker and the earlier answerers are notified."""
    municipality = own_municipality(user=user)
    require_edit(user, municipality)  # the role: consultants and administrators answer
    selectors.access_question(user=user, question_id=question.pk)
    _check_links(
        user,
        {
            "linked_process": linked_process,
            "linked_candidate": linked_candidate,
            "linked_handbook_page": linked_handbook_page,
        },
    )
    answer = Answer(
        question=question,
        municipality=municipality,
        author=user,
        body=body.strip(),
        linked_process=linked_process,
        linked_candidate=linked_candidate,
        linked_handbook_page=linked_handbook_page,
    )
    answer.full_clean()
    answer.save()
    _audit_create(user, answer, question.municipality)
    notify(
        recipients=selectors.question_participants(question=question),
        kind="knowledge.answer",
        message=MSG_NEW_ANSWER,
        params={"who": _name(user), "municipality": municipality.name, "title": question.title},
        url=reverse("knowledge:question_detail", args=[question.pk]) + f"#svar-{answer.pk}",
        actor=user,
    )
    return answer


def can_accept(*, user: User, question: Question) -> bool:
    """The asker accepts; the municipality's administrator may when the asker has left."""
    if not user.is_authenticated:
        return False
    return user.pk == question.author_id or can(
        user, Action.ADMINISTER_MUNICIPALITY, question.municipality
    )


@transaction.atomic
def answer_accept(*, user: User, answer: Answer) -> Question:
    """Mark ``answer`` as the one that answered the question (one per question; accepting
    another moves the mark). The answer's author is notified."""
    question = Question.objects.select_for_update().get(pk=answer.question_id)
    if not can_accept(user=user, question=question):
        raise UserError(MSG_NOT_ASKER)
    with audited(user=user, instance=question, municipality=question.municipality):
        question.accepted_answer = answer
        question.save(update_fields=["accepted_answer", "updated_at"])
    if answer.author is not None:
        notify(
            recipients=[answer.author],
            kind="knowledge.accepted",
            message=MSG_ACCEPTED,
            params={"title": question.title},
            url=reverse("knowledge:question_detail", args=[question.pk]) + f"#svar-{answer.pk}",
            actor=user,
        )
    return question


@transaction.atomic
def topic_follow_set(*, user: User, topics: Iterable[str]) -> set[str]:
    """Follow exactly ``topics`` (readers too: it is the user's own bookmark)."""
    wanted = {t for t in topics if t in Topic.values}
    current = selectors.followed_topics(user=user)
    TopicFollow.objects.filter(user=user, topic__in=current - wanted).delete()
    TopicFollow.objects.bulk_create(
        [TopicFollow(user=user, topic=t) for t in sorted(wanted - current)]
    )
    return wanted


# --- lessons -------------------------------------------------------------------------------
LESSON_FIELDS = (
    "title",
    "outcome",
    "worked",
    "did_not_work",
    "advice",
    "topic",
    "project_type",
    "kle_code",
    "it_systems",
    "visibility",
    "processes",
    "candidates",
)


def _check_lesson_links(user: User, fields: dict[str, Any]) -> None:
    processes = list(fields.get("processes") or [])
    candidates = list(fields.get("candidates") or [])
    visible_processes = selectors.link_process_choices(user=user)
    if visible_processes.filter(pk__in=[p.pk for p in processes]).count() != len(processes):
        raise ValidationError({"processes": _("Du kan ikke se en af de valgte processer.")})
    visible_candidates = selectors.link_candidate_choices(user=user)
    if visible_candidates.filter(pk__in=[c.pk for c in candidates]).count() != len(candidates):
        raise ValidationError(
            {"candidates": _("Du kan ikke se en af de valgte automatiseringskandidater.")}
        )


@transaction.atomic
def lesson_create(*, user: User, project: Project, **fields: Any) -> Lesson:
    """Record the lessons of a project of the user's municipality (one per project)."""
    require_edit(user, project.municipality)
    if not selectors.lesson_projects(user=user).filter(pk=project.pk).exists():
        raise ValidationError({"project": _("Projektet har allerede en registreret erfaring.")})
    unknown = set(fields) - set(LESSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown lesson fields: {sorted(unknown)}")
    _check_lesson_links(user, fields)
    processes = list(fields.pop("processes", None) or [])
    candidates = list(fields.pop("candidates", None) or [])
    if "it_systems" in fields:
        fields["it_systems"] = _it_systems(fields["it_systems"])
    lesson = Lesson(
        municipality=project.municipality,
        project=project,
        project_name=project.name,
        author=user,
        **fields,
    )
    lesson.full_clean()
    lesson.save()
    lesson.processes.set(processes)
    lesson.candidates.set(candidates)
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=lesson,
        municipality=lesson.municipality,
        after=snapshot(lesson),
    )
    return lesson


@transaction.atomic
def lesson_update(*, user: User, lesson: Lesson, lock_version: int, **changes: Any) -> Lesson:
    require_edit(user, lesson.municipality)
    unknown = set(changes) - set(LESSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown lesson fields: {sorted(unknown)}")
    _check_lesson_links(user, changes)
    if "it_systems" in changes:
        changes["it_systems"] = _it_systems(changes["it_systems"])
    return locked_update(
        user=user,
        instance=lesson,
        lock_version=lock_version,
        changes=changes,
        audit=partial(audited, municipality=lesson.municipality),
    )


def lesson_requested(*, project: Project, by: User | None) -> None:
    """A project reached realisation: ask its team (the owner and whoever moved it) to record
    the lessons. Called after the phase change commits."""
    team = [u for u in (project.owner, by) if u is not None]
    if not team or Lesson.objects.filter(project=project).exists():
        return
    notify(
        recipients=team,
        kind="knowledge.lesson_due",
        message=MSG_LESSON_DUE,
        params={"project": project.name},
        url=reverse("knowledge:lesson_create", args=[project.pk]),
    )
