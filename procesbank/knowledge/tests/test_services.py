"""Questions, answers, accepting, following and lessons: who is notified, what is refused,
what is audited."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from procesbank.core.errors import UserError
from procesbank.knowledge import services
from procesbank.knowledge.models import Lesson, Question
from procesbank.knowledge.tests.factories import AnswerFactory, QuestionFactory
from procesbank.notifications.models import Notification
from procesbank.organisations.models import AuditEntry, Role
from procesbank.projects import services as project_services
from procesbank.projects.models import PhaseTransition

pytestmark = pytest.mark.django_db


def test_new_question_notifies_followers_of_the_topic_not_the_asker(
    konsulent, other_konsulent, make_user, django_capture_on_commit_callbacks
):
    other_konsulent.email = "gribskov@example.org"
    other_konsulent.save()
    not_following = make_user(Role.KONSULENT, username="anden")
    services.topic_follow_set(user=other_konsulent, topics=["tidsmaaling"])
    services.topic_follow_set(user=konsulent, topics=["tidsmaaling"])

    with django_capture_on_commit_callbacks(execute=True):
        question = services.question_create(
            user=konsulent, title="Hvordan  måler I tid?", topic="tidsmaaling"
        )

    notified = Notification.objects.values_list("recipient__username", flat=True)
    assert list(notified) == ["konsulent.gribskov"]
    assert question.title == "Hvordan måler I tid?"
    assert not_following.notifications.count() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["gribskov@example.org"]
    assert mail.outbox[0].subject == (
        "Procesbank: Nyt spørgsmål om Tidsmåling fra Helsingør: “Hvordan måler I tid?”"
    )
    assert AuditEntry.objects.filter(object_type="knowledge.Question").count() == 1


def test_private_question_is_not_notified_to_another_municipality(konsulent, other_konsulent):
    services.topic_follow_set(user=other_konsulent, topics=["tidsmaaling"])

    services.question_create(
        user=konsulent, title="Kun til os", topic="tidsmaaling", visibility="own"
    )

    assert Notification.objects.count() == 0


def test_mail_is_not_sent_when_switched_off(
    konsulent, other_konsulent, django_capture_on_commit_callbacks
):
    from procesbank.notifications.services import mail_preference_set

    other_konsulent.email = "g@example.org"
    other_konsulent.save()
    mail_preference_set(user=other_konsulent, send_mail=False)
    question = QuestionFactory(author=other_konsulent)

    with django_capture_on_commit_callbacks(execute=True):
        services.answer_create(user=konsulent, question=question, body="Svar")

    assert mail.outbox == []
    assert other_konsulent.notifications.count() == 1


def test_answer_notifies_the_asker_with_a_link_to_the_answer(konsulent, other_konsulent):
    question = QuestionFactory(author=other_konsulent)

    answer = services.answer_create(user=konsulent, question=question, body="Sådan gør vi")

    notification = other_konsulent.notifications.get()
    assert notification.url == f"/sparring/{question.pk}/#svar-{answer.pk}"
    assert notification.kind == "knowledge.answer"


def test_reader_may_not_answer(laeser, other_konsulent):
    question = QuestionFactory(author=other_konsulent)

    with pytest.raises(PermissionDenied):
        services.answer_create(user=laeser, question=question, body="Svar")


def test_answer_may_not_link_a_process_the_answerer_cannot_see(
    konsulent, other_konsulent, make_process
):
    question = QuestionFactory(author=konsulent)
    private = make_process(user=konsulent, name="Helsingørs egen", visibility="own")

    with pytest.raises(ValidationError) as refused:
        services.answer_create(
            user=other_konsulent, question=question, body="Se her", linked_process=private
        )

    assert refused.value.message_dict == {
        "linked_process": ["Du kan ikke se det, du henviser til: Proces."]
    }


def test_only_the_asker_accepts(konsulent, other_konsulent, make_user):
    question = QuestionFactory(author=other_konsulent)
    answer = AnswerFactory(question=question, author=konsulent)
    colleague = make_user(Role.KONSULENT, username="kollega")

    with pytest.raises(UserError):
        services.answer_accept(user=colleague, answer=answer)
    services.answer_accept(user=other_konsulent, answer=answer)

    assert Question.objects.get(pk=question.pk).accepted_answer == answer
    assert konsulent.notifications.filter(kind="knowledge.accepted").count() == 1
    assert AuditEntry.objects.filter(object_type="knowledge.Question", action="update").count() == 1


def test_accepting_another_answer_moves_the_mark(konsulent, other_konsulent):
    question = QuestionFactory(author=konsulent)
    first = AnswerFactory(question=question, author=other_konsulent)
    second = AnswerFactory(question=question, author=other_konsulent)

    services.answer_accept(user=konsulent, answer=first)
    services.answer_accept(user=konsulent, answer=second)

    assert Question.objects.get(pk=question.pk).accepted_answer == second


def test_lesson_once_per_project_with_links_checked(konsulent, other_konsulent, make_process):
    project = project_services.project_create(user=konsulent, name="Byggesag digital")
    shared = make_process(user=other_konsulent, name="Gribskovs byggesag")
    fields = {
        "title": "Erfaringer",
        "worked": "Workshops",
        "did_not_work": "Integration",
        "advice": "Mål først",
    }

    lesson = services.lesson_create(user=konsulent, project=project, processes=[shared], **fields)

    assert list(lesson.processes.all()) == [shared]
    assert lesson.project_name == "Byggesag digital"
    with pytest.raises(ValidationError):
        services.lesson_create(user=konsulent, project=project, **fields)


def test_lesson_refuses_a_private_process_of_another(konsulent, other_konsulent, make_process):
    project = project_services.project_create(user=konsulent, name="P")
    private = make_process(user=other_konsulent, name="Privat", visibility="own")

    with pytest.raises(ValidationError):
        services.lesson_create(
            user=konsulent, project=project, title="T", worked="a", did_not_work="b",
            advice="c", processes=[private],
        )  # fmt: skip

    assert Lesson.objects.count() == 0


def test_lesson_update_refuses_a_stale_edit(konsulent):
    from procesbank.kit.locking import StaleEditError

    project = project_services.project_create(user=konsulent, name="P")
    lesson = services.lesson_create(
        user=konsulent, project=project, title="T", worked="a", did_not_work="b", advice="c"
    )
    services.lesson_update(user=konsulent, lesson=lesson, lock_version=1, title="Ny")

    with pytest.raises(StaleEditError):
        services.lesson_update(user=konsulent, lesson=lesson, lock_version=1, title="Gammel")


def test_reaching_realisation_asks_the_team_for_lessons(
    konsulent, make_user, django_capture_on_commit_callbacks
):
    owner = make_user(Role.KONSULENT, username="ejer")
    project = project_services.project_create(
        user=konsulent, name="Selvbetjening", owner=owner, phase="gennemfoerelse"
    )

    with django_capture_on_commit_callbacks(execute=True):
        project_services.project_advance(
            user=konsulent, project=project, lock_version=1, reasons={"go_live": "Testet"}
        )

    assert PhaseTransition.objects.get().to_phase == "realisering"
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert recipients == {"ejer", "konsulent.helsingoer"}
    assert Notification.objects.first().url == f"/erfaringer/projekt/{project.pk}/ny/"


def test_earlier_phase_changes_ask_for_nothing(konsulent, django_capture_on_commit_callbacks):
    project = project_services.project_create(user=konsulent, name="Idé", owner=konsulent)

    with django_capture_on_commit_callbacks(execute=True):
        project_services.project_advance(
            user=konsulent, project=project, lock_version=1, reasons={"process_mapped": "Kendt"}
        )

    assert Notification.objects.count() == 0


def test_answer_may_not_link_a_handbook_page_the_answerer_cannot_see(konsulent, other_konsulent):
    from procesbank.handbook.services.pages import page_create

    question = QuestionFactory(author=konsulent)
    private = page_create(
        user=konsulent, title="Helsingørs note", section="times", body="x", visibility="own"
    )

    with pytest.raises(ValidationError) as refused:
        services.answer_create(
            user=other_konsulent, question=question, body="Se her", linked_handbook_page=private
        )

    assert refused.value.message_dict == {
        "linked_handbook_page": ["Du kan ikke se det, du henviser til: Side i metodehåndbogen."]
    }
