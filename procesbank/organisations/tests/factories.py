from __future__ import annotations

import factory

from procesbank.organisations.models import Collaboration, Municipality, Role, User

PASSWORD = "korrekt-hest-batteri-42"


class CollaborationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collaboration
        django_get_or_create = ("name",)

    name = "Testsamarbejdet"
    founded = 2016


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    collaboration = factory.SubFactory(CollaborationFactory)
    name = factory.Sequence(lambda n: f"Testkommune {n}")
    # Three digits however many the session makes (PostgreSQL enforces the length).
    code = factory.Sequence(lambda n: f"{100 + n % 900:03d}")
    slug = factory.Sequence(lambda n: f"testkommune-{n}")
    population = 40_000


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruger{n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Role.KONSULENT
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()
