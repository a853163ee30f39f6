"""The RACI matrix derived from lanes, pools, message flows and data associations."""

from __future__ import annotations

from procesbank.processes.engine.bpmn import parse_bpmn
from procesbank.reports.engine.raci import raci_matrix, task_documentation
from procesbank.reports.tests.conftest import MIWG, SOCIAL_BENEFIT


def test_lane_is_responsible_owner_accountable_message_and_data_partners_c_or_i():
    doc = parse_bpmn(SOCIAL_BENEFIT.encode())

    matrix = raci_matrix(doc, owner="Ejer", unassigned="Uden rolle")

    assert matrix.roles == ("Ejer", "Sagsbehandler", "Økonomi", "Borger")
    assert matrix.table() == [
        # The citizen sends the application in (C); Økonomi reads the case file it writes (I).
        ("Registrér ansøgning", ["A", "R", "I", "C"]),
        # The decision goes out to the citizen (I).
        ("Træf afgørelse", ["A", "R", "", "I"]),
        # Sagsbehandler wrote the case file this task reads (C).
        ("Udbetal ydelse", ["A", "C", "R", ""]),
    ]


def test_a_task_outside_every_lane_and_pool_gets_the_unassigned_role():
    xml = b"""<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
      id="D" targetNamespace="t"><bpmn:process id="P"><bpmn:task id="T" name="Ring op"/>
      </bpmn:process></bpmn:definitions>"""

    matrix = raci_matrix(parse_bpmn(xml), owner="Ejer", unassigned="Uden rolle")

    assert matrix.roles == ("Ejer", "Uden rolle")
    assert matrix.table() == [("Ring op", ["A", "R"])]


def test_message_flows_between_miwg_pools():
    doc = parse_bpmn((MIWG / "C.1.0.bpmn").read_bytes())

    matrix = raci_matrix(doc, owner="Ejer", unassigned="?")
    rows = dict(matrix.table())
    column = matrix.roles.index

    # "Scan Invoice" (pool Team-Assistant, no lanes) sends the invoice to the engine's start
    # event in lane "Team Assistant": that lane is informed.
    assert rows["Scan Invoice"][column("Team-Assistant")] == "R"
    assert rows["Scan Invoice"][column("Team Assistant")] == "I"
    # "Rechnung klären" in lane "Team Assistant" is sent the review result from the other
    # pool: that pool is consulted.
    assert rows["Rechnung klären"][column("Team Assistant")] == "R"
    assert rows["Rechnung klären"][column("Team-Assistant")] == "C"


def test_task_documentation_is_read_from_the_model():
    doc = parse_bpmn(SOCIAL_BENEFIT.encode())

    assert task_documentation(doc, "T2") == "Afgørelsen skrives i fagsystemet."
    assert task_documentation(doc, "T1") == ""
