"""Stakeholders and communication plans moved from competence to projects (projects.0003 copies
the rows, competence.0002 drops the old tables): the rows arrive whole, with their ids and
creation times, and new rows get fresh ids after them."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("projects", "0002_phasetransition"), ("competence", "0001_initial")]
AFTER = [
    ("projects", "0003_stakeholder_communicationitem"),
    ("competence", "0002_move_anchoring_to_projects"),
]
CREATED = timezone.make_aware(datetime.datetime(2026, 1, 5, 9, 30))


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_rows(transactional_db):
    apps = _migrate(BEFORE)
    collaboration = apps.get_model("organisations", "Collaboration").objects.create(
        name="Samarbejdet", founded=2024
    )
    municipality = apps.get_model("organisations", "Municipality").objects.create(
        collaboration=collaboration,
        name="Helsingør",
        code="217",
        slug="helsingoer",
        population=64_210,
    )
    project = apps.get_model("projects", "Project").objects.create(
        municipality=municipality, name="Digital ansøgning"
    )
    stakeholder = apps.get_model("competence", "Stakeholder").objects.create(
        id=41, project=project, name="Direktionen", interest="Budget", influence=5, attitude=-1
    )
    apps.get_model("competence", "Stakeholder").objects.filter(pk=stakeholder.pk).update(
        created_at=CREATED
    )
    apps.get_model("competence", "CommunicationItem").objects.create(
        id=17,
        project=project,
        audience="Medarbejdere",
        message="Vi starter",
        channel="Intranet",
        sender="Direktør",
        planned_on=datetime.date(2026, 3, 1),
        status="gennemfoert",
    )
    yield project.pk
    _migrate(executor_leaf_nodes())


def executor_leaf_nodes():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_migration_copies_stakeholders_and_communication_to_projects(old_rows):
    apps = _migrate(AFTER)

    stakeholder = apps.get_model("projects", "Stakeholder").objects.get()
    item = apps.get_model("projects", "CommunicationItem").objects.get()
    assert (stakeholder.pk, stakeholder.project_id, stakeholder.name, stakeholder.interest) == (
        41,
        old_rows,
        "Direktionen",
        "Budget",
    )
    assert (stakeholder.influence, stakeholder.attitude, stakeholder.created_at) == (5, -1, CREATED)
    assert (item.pk, item.audience, item.status, item.planned_on) == (
        17,
        "Medarbejdere",
        "gennemfoert",
        datetime.date(2026, 3, 1),
    )
    assert "competence_stakeholder" not in connection.introspection.table_names()


def test_new_rows_after_the_migration_get_ids_after_the_copied_ones(old_rows):
    apps = _migrate(AFTER)

    created = apps.get_model("projects", "Stakeholder").objects.create(
        project_id=old_rows, name="Borgerne", influence=2, attitude=1
    )

    assert created.pk > 41


def test_migration_back_restores_the_competence_rows(old_rows):
    _migrate(AFTER)

    apps = _migrate(BEFORE)

    assert list(apps.get_model("competence", "Stakeholder").objects.values_list("id", "name")) == [
        (41, "Direktionen")
    ]
    assert apps.get_model("competence", "CommunicationItem").objects.get().pk == 17
