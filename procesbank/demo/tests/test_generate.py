"""The national-scale generator: counts per municipality, copies equal to the service-made
templates, and a second run that changes nothing."""

from __future__ import annotations

import pytest

from procesbank.catalogue.models import Candidate
from procesbank.demo.generate import Summary, generate, municipality_list, slugify_da
from procesbank.organisations.models import AuditEntry, Municipality, User
from procesbank.processes.models import Process
from procesbank.projects.models import Project

pytestmark = pytest.mark.django_db


def test_municipality_list_starts_with_the_demo_and_has_98():
    everyone = municipality_list(98)

    assert len(everyone) == 98
    assert len({code for code, _name in everyone}) == 98
    assert everyone[0] == ("210", "Fredensborg")
    assert everyone[7] == ("101", "København")


def test_slugify_spells_out_danish_letters():
    assert slugify_da("Ringkøbing-Skjern") == "ringkoebing-skjern"
    assert slugify_da("Ærø") == "aeroe"
    assert slugify_da("Tårnby") == "taarnby"


def test_generate_fills_each_municipality_and_a_second_run_adds_nothing():
    first = generate(municipalities=9, processes=20, password="demo")

    assert Municipality.objects.count() == 9
    new = Municipality.objects.get(code="147")  # Frederiksberg: not a demo municipality
    assert new.slug == "frederiksberg"
    assert Process.objects.filter(municipality=new).count() == 20
    assert Candidate.objects.filter(municipality=new).count() == 4  # 20 / 5
    assert Project.objects.filter(municipality=new).count() == 1  # 20 / 20
    assert User.objects.filter(municipality=new).count() == 21
    # A demo municipality keeps its own processes (a few have a name of their own) and is
    # topped up to at least 20.
    for municipality in Municipality.objects.all():
        assert 20 <= municipality.processes.count() <= 21, municipality.name
    assert (
        AuditEntry.objects.filter(municipality=new, object_type="processes.Process").count() == 20
    )

    second = generate(municipalities=9, processes=20, password="demo")

    assert first.processes > 0
    assert second.lines() == Summary().lines()


def test_a_copied_process_equals_its_service_made_template():
    generate(municipalities=8, processes=12, password="demo")
    name = "Behandling af ansøgning om enkeltydelse"
    copy = Process.objects.get(municipality__code="101", name=name)
    template = (
        Process.objects.filter(name=copy.name, municipality__code__in=["210", "217", "219"])
        .exclude(pk=copy.pk)
        .order_by("municipality__code")
        .first()
    )

    def shape(process):
        return [
            (v.kind, v.label, v.bpmn_xml, v.minutes_per_case, v.revisions.count(),
             [(t.element_id, t.name, t.minutes_per_case) for t in v.tasks.all()])
            for v in process.versions.order_by("kind", "id")
        ]  # fmt: skip

    assert template is not None
    assert shape(copy) == shape(template)
    assert copy.search_text == template.search_text
    assert copy.created_by.username == "konsulent.koebenhavn"
