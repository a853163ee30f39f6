from __future__ import annotations

import factory

from procesbank.dictionary.engine.names import fold
from procesbank.dictionary.models import ItSystem, Role


class ItSystemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ItSystem

    name = factory.Sequence(lambda n: f"System {n}")
    folded = factory.LazyAttribute(lambda o: fold(o.name))


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    name = factory.Sequence(lambda n: f"Rolle {n}")
    folded = factory.LazyAttribute(lambda o: fold(o.name))
