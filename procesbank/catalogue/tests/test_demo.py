from __future__ import annotations

import pytest

from procesbank.catalogue.models import Candidate, Interest, Reuse
from procesbank.demo.catalogue import OWNERS, SPECS, load_catalogue
from procesbank.demo.organisations import load_organisations
from procesbank.organisations.models import User
from procesbank.processes import services


@pytest.mark.django_db
def test_demo_catalogue_is_idempotent():
    load_organisations(password="demo")
    # The process demo is slow (70 processes); only the processes the candidates link to.
    for slug, indexes in OWNERS.items():
        user = User.objects.get(username=f"konsulent.{slug}")
        for index in indexes:
            services.process_create(
                user=user, name=SPECS[index].process_name, visibility="collaboration"
            )

    first = load_catalogue()
    second = load_catalogue()

    assert (first, second) == (7, 0)
    assert Candidate.objects.filter(process__isnull=False).count() == 7
    assert Interest.objects.count() == 1
    assert Reuse.objects.get().municipality.slug == "gribskov"
