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


_next_code = 0


def _free_code() -> str:
    """The next three-digit code (100-999, round and round) that no municipality holds."""
    global _next_code
    taken = set(Municipality.objects.values_list("code", flat=True))
    for _ in range(900):
        code = f"{100 + _next_code % 900:03d}"
        _next_code += 1
        if code not in taken:
            return code
    raise RuntimeError("every three-digit municipality code is taken")


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    collaboration = factory.SubFactory(CollaborationFactory)
    name = factory.Sequence(lambda n: f"Testkommune {n}")
    # Three digits however many the session makes (PostgreSQL enforces the length), and never
    # one a test already holds: a plain sequence wraps after 900 and then met fixtures' real
    # codes (217 Helsingør) or earlier rows of the same test.
    code = factory.LazyFunction(lambda: _free_code())
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
