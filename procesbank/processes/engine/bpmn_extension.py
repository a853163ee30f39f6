"""Procesbank's own ``pb:`` extension inside a BPMN model: measurements and branch chances.

``<pb:measurements .../>`` on a task and ``<pb:branch probability=/>`` on a sequence flow,
boundary event or event sub-process (see :mod:`procesbank.processes.engine.bpmn` for their meaning).
This module validates the values, reads them from an lxml element and writes them back into
the element's ``bpmn:extensionElements``; :mod:`procesbank.processes.engine.bpmn` parses the whole
model and re-exports the public names here, so callers keep importing from there.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from procesbank.core.errors import UserError, gettext_noop

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
PB_NS = "https://procesbank.dk/schema/bpmn/1.0"
PB_PREFIX = "pb"

# lxml ships no type hints, so its elements and trees are typed as Any in this module.
Element = Any

MSG_NEGATIVE = gettext_noop("Feltet »%(label)s« må ikke være negativt (fik %(value)s)")
MSG_NOT_FINITE = gettext_noop("Feltet »%(label)s« skal være et endeligt tal (fik %(value)s)")
MSG_TOO_BIG = gettext_noop("Feltet »%(label)s« må højst være %(max)s (fik %(value)s)")
MSG_MIN_OVER_LIKELY = gettext_noop(
    "Mindste tid (%(minutes_min)s min) må ikke være større end den mest sandsynlige tid "
    "(%(minutes_likely)s min)"
)
MSG_LIKELY_OVER_MAX = gettext_noop(
    "Den mest sandsynlige tid (%(minutes_likely)s min) må ikke være større end største tid "
    "(%(minutes_max)s min)"
)
MSG_BAD_CHARACTERS = gettext_noop("Feltet »%(label)s« indeholder tegn, som ikke kan gemmes i XML")
MSG_PROBABILITY = gettext_noop("Sandsynligheden skal ligge mellem 0 og 1 (fik %(value)s)")
MSG_MISSING_ATTRIBUTE = gettext_noop("Målingen på %(element_id)s mangler attributten %(attribute)s")
MSG_BAD_NUMBER = gettext_noop(
    "Målingen på %(element_id)s har en ugyldig værdi i %(attribute)s: »%(value)s«"
)
MSG_BAD_MEASUREMENT = gettext_noop("Målingen på %(element_id)s er ugyldig: %(detail)s")

FIELD_LABELS = {
    "minutes_min": gettext_noop("mindste tid (minutter)"),
    "minutes_likely": gettext_noop("mest sandsynlige tid (minutter)"),
    "minutes_max": gettext_noop("største tid (minutter)"),
    "executions_per_case": gettext_noop("udførelser pr. sag"),
    "waiting_minutes": gettext_noop("ventetid (minutter)"),
    "it_system": gettext_noop("it-system"),
    "automation_note": gettext_noop("note om automatisering"),
}


class BpmnError(UserError):
    """A BPMN file or measurement we refuse; ``params["field"]`` names the offending field."""


# Characters that XML 1.0 cannot carry, even escaped; lxml would raise on them.
_NON_XML_CHARS = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# xsd:double without INF/NaN; Python's float() also takes "1_000" and "nan", which we refuse.
_XSD_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _bpmn(local: str) -> str:
    return f"{{{BPMN_NS}}}{local}"


def _pb(local: str) -> str:
    return f"{{{PB_NS}}}{local}"


def _attr(element: Element, name: str) -> str:
    return str(element.get(name, ""))


def format_number(value: float) -> str:
    """A number as Danish users write it (decimal comma), for messages; ``value`` in any unit."""
    return f"{value:.10g}".replace(".", ",")


@dataclass(frozen=True)
class TaskMeasurements:
    """What a municipality measured about one task; all times in minutes.

    ``minutes_min``/``minutes_likely``/``minutes_max`` are the three-point estimate of the
    handling time of one execution; ``executions_per_case`` how many times the task is done each
    time the flow reaches it; ``waiting_minutes`` the calendar time the case waits before it.
    """

    minutes_min: float
    minutes_likely: float
    minutes_max: float
    executions_per_case: float = 1.0
    waiting_minutes: float | None = None
    it_system: str = ""
    automation_note: str = ""

    def __post_init__(self) -> None:
        for name in ("minutes_min", "minutes_likely", "minutes_max", "executions_per_case"):
            _check_non_negative(name, getattr(self, name))
        if self.waiting_minutes is not None:
            _check_non_negative("waiting_minutes", self.waiting_minutes)
        if self.minutes_min > self.minutes_likely:
            raise BpmnError(
                MSG_MIN_OVER_LIKELY,
                field="minutes_min",
                minutes_min=format_number(self.minutes_min),
                minutes_likely=format_number(self.minutes_likely),
            )
        if self.minutes_likely > self.minutes_max:
            raise BpmnError(
                MSG_LIKELY_OVER_MAX,
                field="minutes_max",
                minutes_likely=format_number(self.minutes_likely),
                minutes_max=format_number(self.minutes_max),
            )
        for name in ("it_system", "automation_note"):
            if _NON_XML_CHARS.search(getattr(self, name)):
                raise BpmnError(MSG_BAD_CHARACTERS, field=name, label=FIELD_LABELS[name])


# A million minutes is almost two years of one execution, a thousand executions of one task
# per case more than any process has; above these a typing slip (1e300) overflowed the cost
# in DKK, a Decimal of 28 digits, and the modeler answered with a server error.
MEASUREMENT_MAX = {
    "minutes_min": 1_000_000.0,
    "minutes_likely": 1_000_000.0,
    "minutes_max": 1_000_000.0,
    "waiting_minutes": 1_000_000.0,
    "executions_per_case": 1_000.0,
}


def _check_non_negative(name: str, value: float) -> None:
    if not math.isfinite(value):
        raise BpmnError(
            MSG_NOT_FINITE, field=name, label=FIELD_LABELS[name], value=format_number(value)
        )
    if value < 0:
        raise BpmnError(
            MSG_NEGATIVE, field=name, label=FIELD_LABELS[name], value=format_number(value)
        )
    if value > MEASUREMENT_MAX[name]:
        raise BpmnError(
            MSG_TOO_BIG,
            field=name,
            label=FIELD_LABELS[name],
            max=f"{MEASUREMENT_MAX[name]:,.0f}".replace(",", "."),
            value=format_number(value),
        )


def validate_probability(probability: float) -> float:
    """Return ``probability`` (a fraction, 0 to 1) or raise :class:`BpmnError` naming the field."""
    if not math.isfinite(probability) or not 0.0 <= probability <= 1.0:
        raise BpmnError(MSG_PROBABILITY, field="probability", value=format_number(probability))
    return probability


def measurement_attributes(m: TaskMeasurements) -> dict[str, str]:
    attributes = {
        "minutesMin": format_xml_number(m.minutes_min),
        "minutesLikely": format_xml_number(m.minutes_likely),
        "minutesMax": format_xml_number(m.minutes_max),
        "executionsPerCase": format_xml_number(m.executions_per_case),
    }
    if m.waiting_minutes is not None:
        attributes["waitingMinutes"] = format_xml_number(m.waiting_minutes)
    if m.it_system:
        attributes["itSystem"] = m.it_system
    if m.automation_note:
        attributes["automationNote"] = m.automation_note
    return attributes


def format_xml_number(value: float) -> str:
    # repr() is the shortest text that reads back to the same float; "10.0" becomes "10".
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def write_pb_element(owner: Element, local: str, attributes: dict[str, str] | None) -> None:
    extension = owner.find(_bpmn("extensionElements"))
    existing = None if extension is None else extension.find(_pb(local))
    if attributes is None:
        if existing is not None:
            extension.remove(existing)
        return
    # Declared on our element itself: adding a namespace to the root would mean rebuilding it.
    element = etree.Element(_pb(local), nsmap={PB_PREFIX: PB_NS})
    for name, value in attributes.items():
        element.set(name, value)
    if existing is not None:
        element.tail = existing.tail
        extension.replace(existing, element)
        return
    if extension is None:
        extension = _insert_extension_elements(owner)
    extension.append(element)


def _insert_extension_elements(owner: Element) -> Element:
    # The schema puts extensionElements right after the documentation elements of tBaseElement.
    position = 0
    for index, child in enumerate(owner):
        if child.tag == _bpmn("documentation"):
            position = index + 1
        elif isinstance(child.tag, str):
            break
    extension = etree.Element(_bpmn("extensionElements"), nsmap=None)
    # Reuse the indentation already there so the exported file stays readable.
    extension.tail = owner.text if position == 0 else owner[position - 1].tail
    owner.insert(position, extension)
    return extension


def _find_pb(owner: Element, local: str) -> Element:
    extension = owner.find(_bpmn("extensionElements"))
    return None if extension is None else extension.find(_pb(local))


def read_probability(owner: Element) -> float | None:
    branch = _find_pb(owner, "branch")
    if branch is None:
        return None
    return validate_probability(_read_number(branch, "probability", _attr(owner, "id")))


def read_measurements(owner: Element) -> TaskMeasurements | None:
    element = _find_pb(owner, "measurements")
    if element is None:
        return None
    owner_id = _attr(owner, "id")
    waiting = element.get("waitingMinutes")
    try:
        return _measurements_from(element, owner_id, waiting)
    except BpmnError as error:
        if error.message in (MSG_MISSING_ATTRIBUTE, MSG_BAD_NUMBER):
            raise
        # A file edited by hand can hold min > max; say which task, not just which field.
        raise BpmnError(MSG_BAD_MEASUREMENT, element_id=owner_id, detail=str(error)) from None


def _measurements_from(element: Element, owner_id: str, waiting: str | None) -> TaskMeasurements:
    return TaskMeasurements(
        minutes_min=_read_number(element, "minutesMin", owner_id),
        minutes_likely=_read_number(element, "minutesLikely", owner_id),
        minutes_max=_read_number(element, "minutesMax", owner_id),
        executions_per_case=(
            _read_number(element, "executionsPerCase", owner_id)
            if element.get("executionsPerCase") is not None
            else 1.0
        ),
        waiting_minutes=None
        if waiting is None
        else _read_number(element, "waitingMinutes", owner_id),
        it_system=_attr(element, "itSystem"),
        automation_note=_attr(element, "automationNote"),
    )


def _read_number(element: Element, attribute: str, owner_id: str) -> float:
    text = element.get(attribute)
    if text is None:
        raise BpmnError(MSG_MISSING_ATTRIBUTE, element_id=owner_id, attribute=attribute)
    if not _XSD_NUMBER.fullmatch(text.strip()):
        raise BpmnError(MSG_BAD_NUMBER, element_id=owner_id, attribute=attribute, value=text)
    return float(text)
