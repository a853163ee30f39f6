"""A consultant imports a BPMN file that a tool exported without a diagram (semantics only):
Procesbank draws one, says so, and the viewer shows every pool, lane, node and flow."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.processes.engine.bpmn import BPMNDI_NS, parse_bpmn
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)
MIWG = Path(__file__).resolve().parents[1] / "data" / "bpmn-miwg"


@pytest.fixture
def demo(transactional_db):
    load_organisations(password="demo")


def semantics_only(name: str, folder: Path) -> Path:
    """The MIWG file with every BPMNDiagram removed, as a semantics-only exporter writes it."""
    root = etree.fromstring((MIWG / name).read_bytes())
    for element in root.findall(f"{{{BPMNDI_NS}}}BPMNDiagram"):
        root.remove(element)
    path = folder / f"uden-diagram-{name}"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return path


# C.1.0: two pools, four lanes, message flows and a loop; A.4.0: a pool and a process
# outside it, with collapsed sub-processes; C.6.0: boundary events and a sub-process whose
# content opens on a diagram of its own.
@pytest.mark.parametrize("name", ["C.1.0.bpmn", "A.4.0.bpmn", "C.6.0.bpmn"])
def test_file_without_diagram_is_drawn_and_shown(page: Page, demo, tmp_path, name):
    upload = semantics_only(name, tmp_path)
    doc = parse_bpmn(upload.read_bytes())
    login(page, "konsulent.helsingoer", "demo")

    page.goto("/processer/importer/")
    page.get_by_label("BPMN-fil").set_input_files(str(upload))
    page.get_by_label("Navn").fill("Uden diagram")
    page.get_by_role("button", name="Importér").click()

    expect(page.get_by_text("“Uden diagram” er importeret.")).to_be_visible()
    expect(page.get_by_text("Filen havde intet diagram; Procesbank har tegnet et.")).to_be_visible()
    viewer = page.locator("#bpmn-viewer")
    expect(viewer.locator(".djs-element").first).to_be_attached()
    pooled = {participant.process_id for participant in doc.participants}
    drawn = [
        *(participant.id for participant in doc.participants),
        *(lane.id for p in doc.processes if p.id in pooled for lane in p.lanes),
        *(node.id for node in doc.nodes.values() if node.parent_id == node.process_id),
        *(flow.id for flow in doc.flows.values() if flow.parent_id == flow.process_id),
    ]
    for element_id in drawn:
        expect(element(page, element_id)).to_have_count(1)
    check_accessibility(page)
    shot(page, f"process-without-diagram-{name.removesuffix('.bpmn')}")

    # A sub-process is drawn collapsed; its content is one click away, on a diagram of its own.
    # (bpmn-js opens those only for processes in a pool, or without a collaboration: A.4.0's
    # sub-processes lie in a process outside its pool.)
    sub_process = next(
        (
            n
            for n in doc.nodes.values()
            if n.kind == "subProcess"
            and n.parent_id == n.process_id
            and (n.process_id in pooled or not doc.participants)
        ),
        None,
    )
    if sub_process is not None:
        page.locator(f'.djs-overlays[data-container-id="{sub_process.id}"] .bjs-drilldown').click()
        for child in doc.children(sub_process.id):
            expect(element(page, child.id)).to_have_count(1)
        shot(page, f"process-without-diagram-{name.removesuffix('.bpmn')}-sub-process")


def element(page: Page, element_id: str):
    return page.locator(f'#bpmn-viewer .djs-element[data-element-id="{element_id}"]')
