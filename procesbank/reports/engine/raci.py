"""A RACI matrix of a BPMN model, derived from its lanes, pools, message flows and data.

The rule (the report's help text says the same in Danish):

* **R** (responsible, udfører): the lane a task lies in, else its pool (the role doing it);
* **A** (accountable, ansvarlig): the process owner, for every task;
* **C** (consulted, konsulteres): a party the task receives a message from (a message flow
  into the task: the task needs their input), or whose task writes a data object or store
  that this task reads;
* **I** (informed, informeres): a party the task sends a message to (a message flow out of
  the task), or whose task reads a data object or store this task writes.

A party is the lane of the element at the other end of the flow, else its pool, else the
black-box pool itself. A cell holds one letter; where two rules meet, R before A before C
before I.

Pure: the parsed model of :mod:`procesbank.processes.engine.bpmn`, no Django.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from procesbank.processes.engine.bpmn import BPMN_NS, BpmnDocument, FlowNode, NodeCategory

PRECEDENCE = "RACI"


@dataclass(frozen=True)
class RaciRow:
    """One task: its name and the letter of each role (role name -> "R", "A", "C" or "I")."""

    task_id: str
    task: str
    letters: dict[str, str]

    def letter(self, role: str) -> str:
        """The letter of ``role`` for this task, "" for none."""
        return self.letters.get(role, "")


@dataclass(frozen=True)
class RaciMatrix:
    """The roles (columns: the owner first, then the lanes and pools in the model's order)
    and one row per task."""

    roles: tuple[str, ...]
    rows: tuple[RaciRow, ...]

    def table(self) -> list[tuple[str, list[str]]]:
        """Each task's name with its letters in the order of :attr:`roles` ("" for none)."""
        return [(row.task, [row.letter(role) for role in self.roles]) for row in self.rows]


def _text(element: object, local: str) -> list[str]:
    return [
        (child.text or "").strip()
        for child in element.iterchildren(f"{{{BPMN_NS}}}{local}")  # type: ignore[attr-defined]
    ]


def task_documentation(doc: BpmnDocument, task_id: str) -> str:
    """The text of a task's ``bpmn:documentation`` elements, joined by blank lines."""
    element = doc.elements.get(task_id)
    if element is None:
        return ""
    parts = [
        " ".join("".join(child.itertext()).split())
        for child in element.iterchildren(f"{{{BPMN_NS}}}documentation")
    ]
    return "\n\n".join(part for part in parts if part)


def _party_of(doc: BpmnDocument, element_id: str, pools: dict[str, str]) -> str:
    """The role at one end of a flow: a node's lane, else its pool's name; a pool's name."""
    node = doc.nodes.get(element_id)
    if node is not None:
        return node.lane or pools.get(node.process_id, "")
    for participant in doc.participants:
        if participant.id == element_id:
            return participant.name or participant.id
    return ""


def raci_matrix(doc: BpmnDocument, *, owner: str, unassigned: str) -> RaciMatrix:
    """The RACI matrix of every task of ``doc`` (see the module's rule). ``owner`` names the
    accountable column (the process owner); ``unassigned`` is the responsible role of a task
    that lies in no lane and no named pool."""
    pools = {p.id: p.participant_name for p in doc.processes if p.participant_name}
    tasks = [node for node in doc.nodes.values() if node.category is NodeCategory.TASK]
    cells: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    order: list[str] = [owner]

    def mark(task: FlowNode, role: str, letter: str) -> None:
        if not role:
            return
        if role not in order:
            order.append(role)
        cells[task.id][role].add(letter)

    for task in tasks:
        mark(task, task.lane or pools.get(task.process_id, "") or unassigned, "R")
        mark(task, owner, "A")
    _message_letters(doc, pools, mark)
    _data_letters(doc, tasks, pools, mark)
    rows = tuple(
        RaciRow(
            task_id=task.id,
            task=" ".join(task.label.split()),
            letters={
                role: next(letter for letter in PRECEDENCE if letter in letters)
                for role, letters in cells[task.id].items()
            },
        )
        for task in tasks
    )
    return RaciMatrix(roles=tuple(order), rows=rows)


def _message_letters(doc: BpmnDocument, pools: dict[str, str], mark: object) -> None:
    root = doc.tree.getroot()
    for message in root.iter(f"{{{BPMN_NS}}}messageFlow"):
        source, target = str(message.get("sourceRef", "")), str(message.get("targetRef", ""))
        sender, receiver = doc.nodes.get(source), doc.nodes.get(target)
        if sender is not None and sender.category is NodeCategory.TASK:
            mark(sender, _party_of(doc, target, pools), "I")  # type: ignore[operator]
        if receiver is not None and receiver.category is NodeCategory.TASK:
            mark(receiver, _party_of(doc, source, pools), "C")  # type: ignore[operator]


def _data_letters(
    doc: BpmnDocument, tasks: list[FlowNode], pools: dict[str, str], mark: object
) -> None:
    """Readers of what a task writes are informed; writers of what it reads are consulted."""
    aliases: dict[str, str] = {}  # a data object reference -> the data object it refers to
    root = doc.tree.getroot()
    for reference in root.iter(f"{{{BPMN_NS}}}dataObjectReference"):
        if reference.get("id") and reference.get("dataObjectRef"):
            aliases[str(reference.get("id"))] = str(reference.get("dataObjectRef"))
    writers: dict[str, list[FlowNode]] = defaultdict(list)
    readers: dict[str, list[FlowNode]] = defaultdict(list)
    for task in tasks:
        element = doc.elements.get(task.id)
        if element is None:
            continue
        for association in element.iterchildren(f"{{{BPMN_NS}}}dataOutputAssociation"):
            for ref in _text(association, "targetRef"):
                writers[aliases.get(ref, ref)].append(task)
        for association in element.iterchildren(f"{{{BPMN_NS}}}dataInputAssociation"):
            for ref in _text(association, "sourceRef"):
                readers[aliases.get(ref, ref)].append(task)
    for data_id, writing in writers.items():
        for writer in writing:
            for reader in readers.get(data_id, []):
                if reader.id == writer.id:
                    continue
                mark(writer, reader.lane or pools.get(reader.process_id, ""), "I")  # type: ignore[operator]
                mark(reader, writer.lane or pools.get(writer.process_id, ""), "C")  # type: ignore[operator]
