from __future__ import annotations

import factory

from procesbank.knowledge.models import Answer, Lesson, Question
from procesbank.organisations.tests.factories import UserFactory


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    author = factory.SubFactory(UserFactory)
    municipality = factory.LazyAttribute(lambda q: q.author.municipality)
    title = factory.Sequence(lambda n: f"Hvordan måler I tiden på byggesager? ({n})")
    body = "Vi overvejer at tage tid på hver opgave i to uger."
    topic = "tidsmaaling"
    kle_code = "02.34"
    visibility = "collaboration"


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    question = factory.SubFactory(QuestionFactory)
    author = factory.SubFactory(UserFactory)
    municipality = factory.LazyAttribute(lambda a: a.author.municipality)
    body = "Vi bruger tidsregistrering i ESDH i fire uger."


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    author = factory.SubFactory(UserFactory)
    municipality = factory.LazyAttribute(lambda x: x.author.municipality)
    project_name = "Digital byggesagsbehandling"
    title = factory.Sequence(lambda n: f"Erfaringer om byggetilladelser {n}")
    worked = "Tidlig inddragelse af sagsbehandlerne."
    did_not_work = "Integrationen til ESDH tog længere tid end ventet."
    advice = "Start med at måle tiden før I ændrer noget."
    topic = "tidsmaaling"
    kle_code = "02.34.02"
    visibility = "collaboration"
