"""KLE numbers and handlingsfacetter: validation, KL's XML plan, and search for a picker.

KLE (Kommunernes Landsforenings Emnesystematik) is KL's classification of the subjects of
municipal cases. A KLE number has up to three levels of two digits each: the main group
(hovedgruppe, ``32``), the group (gruppe, ``32.18``) and the topic (emne, ``32.18.08``). The
handlingsfacet says what the municipality does in the case: a letter and two digits, such as
``G01`` (Generelle sager). A process in Procesbank is filed under one KLE number, so
municipalities find each other's maps of the same task.

KL distributes the full plan as an XML file (``KLE-Emneplan``); :func:`parse_kle_plan` reads it
into a :class:`KlePlan` that validates numbers exactly and serves the picker's search. Without a
plan, :func:`validate_kle_code` checks the form and the main group against
:data:`~procesbank.processes.engine.kle_groups.KLE_MAIN_GROUPS`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any

from lxml import etree

from procesbank.core import safexml
from procesbank.core.errors import UserError, gettext_noop
from procesbank.processes.engine.bpmn import (
    MSG_DOCTYPE,
    MSG_EMPTY,
    MSG_INVALID_XML,
    MSG_TOO_LARGE,
    format_number,
)
from procesbank.processes.engine.kle_groups import KLE_MAIN_GROUPS

# KL's full plan with its guidance texts is some tens of megabytes; far beyond that is not a plan.
DEFAULT_MAX_BYTES = 100 * 1024 * 1024
DEFAULT_SEARCH_LIMIT = 20

# lxml ships no type hints, so its elements are typed as Any in this module.
Element = Any

# The first message is the one the model field's validator shows, so both share a translation.
MSG_KLE_FORMAT = gettext_noop("KLE-nummeret skal have formen NN.NN.NN, fx 32.18.08.")
MSG_KLE_MAIN_GROUP = gettext_noop("KLE har ingen hovedgruppe %(main_group)s (KLE-nummer %(code)s)")
MSG_KLE_NOT_IN_PLAN = gettext_noop("KLE-nummeret %(code)s findes ikke i KLE-emneplanen")
MSG_KLE_EXPIRED = gettext_noop(
    "KLE-nummeret %(code)s (%(title)s) er udgået og kan ikke bruges på nye processer"
)
MSG_FACET_FORMAT = gettext_noop("Handlingsfacetten skal være et bogstav og to cifre, fx G01.")
MSG_FACET_UNKNOWN = gettext_noop("Handlingsfacetten %(code)s findes ikke i KLE's handlingsfacetter")
MSG_FACET_EXPIRED = gettext_noop(
    "Handlingsfacetten %(code)s (%(title)s) er udgået og kan ikke bruges på nye processer"
)
MSG_FACETS_ROOT = gettext_noop(
    "Filen er ikke KLE's handlingsfacetter: rodelementet er %(root)s, men skal være "
    "KLE-Handlingsfacetter"
)
MSG_FACETS_NONE = gettext_noop("Filen med handlingsfacetter indeholder ingen handlingsfacetter")
MSG_PLAN_ROOT = gettext_noop(
    "Filen er ikke en KLE-emneplan: rodelementet er %(root)s, men skal være KLE-Emneplan"
)
MSG_PLAN_NO_MAIN_GROUPS = gettext_noop("KLE-emneplanen indeholder ingen hovedgrupper")
MSG_PLAN_MISSING = gettext_noop("%(element)s på linje %(line)s mangler %(child)s")
MSG_PLAN_BAD_NUMBER = gettext_noop(
    "%(element)s på linje %(line)s har nummeret »%(code)s«, som ikke har formen %(form)s"
)
MSG_PLAN_WRONG_PARENT = gettext_noop(
    "%(element)s %(code)s på linje %(line)s står under %(parent)s, som det ikke hører til"
)
MSG_PLAN_DUPLICATE = gettext_noop(
    "KLE-nummeret %(code)s står flere gange i emneplanen (igen på linje %(line)s)"
)
MSG_PLAN_BAD_DATE = gettext_noop("%(element)s på linje %(line)s har en ugyldig dato: »%(value)s«")

_KLE_CODE = re.compile(r"[0-9]{2}(\.[0-9]{2}){0,2}")
_FACET = re.compile(r"[A-Z][0-9]{2}")
# A search word that is (the start of) a KLE number, with or without the dots.
_DOTTED_PREFIX = re.compile(r"[0-9]{1,2}(\.[0-9]{0,2}){0,2}")
_UNDOTTED_PREFIX = re.compile(r"[0-9]{3,6}")
_PUNCTUATION = ",;:()[]\"'»«"


class KleError(UserError):
    """A KLE number, handlingsfacet or plan file we refuse."""


class KleLevel(IntEnum):
    """The level of a KLE number; the values are those of ``KleTopic.level``."""

    MAIN_GROUP = 1  # hovedgruppe, NN
    GROUP = 2  # gruppe, NN.NN
    TOPIC = 3  # emne, NN.NN.NN


# Element name prefix in KL's XML and the form of the number, per level.
_LEVELS = {
    KleLevel.MAIN_GROUP: ("Hovedgruppe", re.compile(r"[0-9]{2}"), "NN"),
    KleLevel.GROUP: ("Gruppe", re.compile(r"[0-9]{2}\.[0-9]{2}"), "NN.NN"),
    KleLevel.TOPIC: ("Emne", re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}"), "NN.NN.NN"),
}


@dataclass(frozen=True)
class KleEntry:
    """One main group, group or topic of the plan.

    ``expired`` is true when the entry, or one above it, has an expiry date (UdgaaetDato) on or
    before the day the plan was read for; ``expires_on`` keeps the entry's own date, which KL
    sets months ahead when it announces that a topic goes.
    """

    code: str
    title: str
    level: KleLevel
    parent_code: str = ""
    uuid: str = ""
    expired: bool = False
    created_on: date | None = None
    changed_on: date | None = None
    expires_on: date | None = None

    @property
    def label(self) -> str:
        """Number and title, as ESDH systems show them: ``32.18.08 Hjælp til enkeltudgifter``."""
        return f"{self.code} {self.title}"


class KlePlan:
    """The entries of a KLE plan, in the plan's order, with lookup by number and search."""

    def __init__(self, entries: Iterable[KleEntry], *, published_on: date | None = None) -> None:
        self.entries = tuple(entries)
        self.published_on = published_on
        self._by_code = {entry.code: entry for entry in self.entries}
        # Titles folded once, so the picker's search does not fold thousands of them per key.
        self._folded = [(entry, entry.title.casefold()) for entry in self.entries]

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[KleEntry]:
        return iter(self.entries)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> KleEntry | None:
        """The entry with this exact number (``NN``, ``NN.NN`` or ``NN.NN.NN``), if any."""
        return self._by_code.get(code)

    @property
    def main_group_codes(self) -> frozenset[str]:
        """The numbers of the plan's main groups."""
        return frozenset(e.code for e in self.entries if e.level is KleLevel.MAIN_GROUP)

    def children(self, code: str) -> tuple[KleEntry, ...]:
        """The groups of a main group, or the topics of a group, in the plan's order."""
        return tuple(entry for entry in self.entries if entry.parent_code == code)

    def search(
        self, text: str, limit: int = DEFAULT_SEARCH_LIMIT, *, include_expired: bool = False
    ) -> tuple[KleEntry, ...]:
        """Entries for a picker: at most ``limit``, best first.

        Every word of ``text`` must match: a word of digits (``32``, ``32.1``, ``3218``) the start
        of the number, any other word a part of the title, ignoring case (Danish letters
        included). An exact number comes first, then titles where every word starts a word of
        the title, then the rest; each in number order. Expired entries only on request.
        """
        words = [w.strip(_PUNCTUATION) for w in text.casefold().split()]
        words = [w for w in words if w]
        if not words or limit <= 0:
            return ()
        prefixes = [p for p in map(_code_prefix, words) if p is not None]
        title_words = [w for w in words if _code_prefix(w) is None]
        exact = prefixes[0] if len(prefixes) == 1 else None
        ranked = []
        for entry, folded in self._folded:
            if entry.expired and not include_expired:
                continue
            if not all(entry.code.startswith(prefix) for prefix in prefixes):
                continue
            if not all(word in folded for word in title_words):
                continue
            title_starts = re.split(r"[\s,./()-]+", folded)
            at_word_start = all(
                any(part.startswith(word) for part in title_starts) for word in title_words
            )
            ranked.append((entry.code != exact, not at_word_start, entry.code, entry))
        ranked.sort(key=lambda item: item[:3])
        return tuple(item[3] for item in ranked[:limit])


def _code_prefix(word: str) -> str | None:
    if _UNDOTTED_PREFIX.fullmatch(word):
        # "321808" as typed on a number pad means 32.18.08.
        return ".".join(word[i : i + 2] for i in range(0, len(word), 2))
    if _DOTTED_PREFIX.fullmatch(word):
        return word.rstrip(".")
    return None


def validate_kle_code(code: str, *, plan: KlePlan | None = None) -> str:
    """Return the KLE number ``code`` without whitespace, or raise :class:`KleError`.

    The form must be ``NN``, ``NN.NN`` or ``NN.NN.NN`` (ASCII digits). Without ``plan`` the main
    group must be one of KLE's; with a plan the whole number must be in it and not expired.
    """
    normalised = "".join(code.split())
    if not _KLE_CODE.fullmatch(normalised):
        raise KleError(MSG_KLE_FORMAT, field="kle_code", code=code)
    main_group = normalised[:2]
    known_main_group = main_group in KLE_MAIN_GROUPS or (
        plan is not None and main_group in plan.main_group_codes
    )
    if not known_main_group:
        raise KleError(MSG_KLE_MAIN_GROUP, field="kle_code", main_group=main_group, code=normalised)
    if plan is not None:
        entry = plan.get(normalised)
        if entry is None:
            raise KleError(MSG_KLE_NOT_IN_PLAN, field="kle_code", code=normalised)
        if entry.expired:
            raise KleError(MSG_KLE_EXPIRED, field="kle_code", code=normalised, title=entry.title)
    return normalised


def validate_handlingsfacet(code: str, *, facets: Mapping[str, KleFacet] | None = None) -> str:
    """Return the handlingsfacet in capitals without whitespace (``g01`` -> ``G01``).

    An empty value is allowed (the facet is optional) and returned as ``""``; anything but a
    letter A-Z followed by two digits raises :class:`KleError`. With ``facets`` (KL's
    imported list, by number) the facet must be one of them and not expired.
    """
    normalised = "".join(code.split()).upper()
    if normalised and not _FACET.fullmatch(normalised):
        raise KleError(MSG_FACET_FORMAT, field="handlingsfacet", code=code)
    if normalised and facets:
        facet = facets.get(normalised)
        if facet is None:
            raise KleError(MSG_FACET_UNKNOWN, field="handlingsfacet", code=normalised)
        if facet.expired:
            raise KleError(
                MSG_FACET_EXPIRED, field="handlingsfacet", code=normalised, title=facet.title
            )
    return normalised


@dataclass(frozen=True)
class KleFacet:
    """A handlingsfacet of KL's list (``KLE-Handlingsfacetter``): what the municipality does
    in a case, within a category (``G`` Generelle sager -> ``G01``)."""

    code: str
    title: str
    category_code: str
    category_title: str
    expired: bool = False


def parse_kle_facets(
    data: bytes, *, as_of: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[KleFacet, ...]:
    """Read KL's ``KLE-Handlingsfacetter`` XML file into its facets, in the file's order.

    The root holds ``HandlingsfacetKategori`` elements (``HandlingsfacetKategoriNr``,
    ``HandlingsfacetKategoriTitel``), each ``Handlingsfacet`` elements (``HandlingsfacetNr``,
    ``HandlingsfacetTitel``, ``HandlingsfacetAdministrativInfo`` with the dates). A facet is
    expired when its ``UdgaaetDato`` is on or before ``as_of`` (today). Refused like a plan:
    empty, too large, DOCTYPE, broken XML, another root, no facets, a facet number that is not
    a letter and two digits, or one given twice.
    """
    if len(data) > max_bytes:
        raise KleError(
            MSG_TOO_LARGE,
            size_mb=format_number(math.ceil(len(data) / 1024 / 1024 * 10) / 10),
            max_mb=format_number(round(max_bytes / 1024 / 1024, 1)),
        )
    if not data.strip():
        raise KleError(MSG_EMPTY)
    _refuse_doctype(data)
    root = _parse_xml(data)
    if _local(root) != "KLE-Handlingsfacetter":
        raise KleError(MSG_FACETS_ROOT, root=_local(root))
    today = as_of or date.today()
    facets: list[KleFacet] = []
    seen: set[str] = set()
    for category in _children(root, "HandlingsfacetKategori"):
        category_code = _required_text(
            category, "HandlingsfacetKategoriNr", "HandlingsfacetKategori"
        )
        category_title = _required_text(
            category, "HandlingsfacetKategoriTitel", "HandlingsfacetKategori"
        )
        for element in _children(category, "Handlingsfacet"):
            code = "".join(_required_text(element, "HandlingsfacetNr", "Handlingsfacet").split())
            if not _FACET.fullmatch(code):
                raise KleError(
                    MSG_PLAN_BAD_NUMBER,
                    element="Handlingsfacet",
                    line=element.sourceline,
                    code=code,
                    form="A00",
                )
            if code in seen:
                raise KleError(MSG_PLAN_DUPLICATE, code=code, line=element.sourceline)
            seen.add(code)
            info = _child(element, "HandlingsfacetAdministrativInfo")
            expires = None if info is None else _first_date(info, "UdgaaetDato")
            facets.append(
                KleFacet(
                    code=code,
                    title=" ".join(
                        _required_text(element, "HandlingsfacetTitel", "Handlingsfacet").split()
                    ),
                    category_code=category_code,
                    category_title=" ".join(category_title.split()),
                    expired=expires is not None and expires <= today,
                )
            )
    if not facets:
        raise KleError(MSG_FACETS_NONE)
    return tuple(facets)


def main_group_title(code: str) -> str:
    """The title of the main group of a KLE number (``32.18.08`` -> ``Kontante ydelser``)."""
    return KLE_MAIN_GROUPS.get(code[:2], "")


def parse_kle_plan(
    data: bytes, *, as_of: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> KlePlan:
    """Read KL's ``KLE-Emneplan`` XML file (at most ``max_bytes`` bytes) into a :class:`KlePlan`.

    The root ``KLE-Emneplan`` holds ``Hovedgruppe`` elements, each ``Gruppe`` elements, each
    ``Emne`` elements; each has its number (``HovedgruppeNr`` ...), title (``...Titel``), an
    optional ``UUID`` and ``...AdministrativInfo`` with ``OprettetDato``, ``RettetDato`` and,
    for entries that go, ``UdgaaetDato``. Elements are matched by local name, so the file may
    use a namespace; unknown elements (guidance texts, legal references) are skipped. An entry
    counts as expired when its or a parent's UdgaaetDato is on or before ``as_of`` (today).

    Refused with a :class:`KleError`: an empty or too large file, a DOCTYPE, XML that does not
    parse, another root element, a plan without main groups, and entries whose number is
    missing, malformed, misplaced or repeated.
    """
    if len(data) > max_bytes:
        raise KleError(
            MSG_TOO_LARGE,
            size_mb=format_number(math.ceil(len(data) / 1024 / 1024 * 10) / 10),
            max_mb=format_number(round(max_bytes / 1024 / 1024, 1)),
        )
    if not data.strip():
        raise KleError(MSG_EMPTY)
    _refuse_doctype(data)
    root = _parse_xml(data)
    docinfo = root.getroottree().docinfo
    # Defence in depth: the probe above should already have stopped any DOCTYPE.
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise KleError(MSG_DOCTYPE)
    if _local(root) != "KLE-Emneplan":
        raise KleError(MSG_PLAN_ROOT, root=_local(root))
    reader = _PlanReader(as_of or date.today())
    for main_group in _children(root, "Hovedgruppe"):
        reader.read(main_group, KleLevel.MAIN_GROUP, None)
    if not reader.entries:
        raise KleError(MSG_PLAN_NO_MAIN_GROUPS)
    published = _child(root, "UdgivelsesDato")
    published_on = None if published is None else _date(published, "UdgivelsesDato")
    return KlePlan(reader.entries, published_on=published_on)


class _PlanReader:
    """Collects the entries of a plan, depth first, checking numbers against their parents."""

    def __init__(self, as_of: date) -> None:
        self.as_of = as_of
        self.entries: list[KleEntry] = []
        self.seen: set[str] = set()

    def read(self, element: Element, level: KleLevel, parent: KleEntry | None) -> None:
        entry = self._entry(element, level, parent)
        self.entries.append(entry)
        if level is not KleLevel.TOPIC:
            child_level = KleLevel(level + 1)
            for child in _children(element, _LEVELS[child_level][0]):
                self.read(child, child_level, entry)

    def _entry(self, element: Element, level: KleLevel, parent: KleEntry | None) -> KleEntry:
        name, form, form_text = _LEVELS[level]
        line = element.sourceline
        code = "".join(_required_text(element, f"{name}Nr", name).split())
        if not form.fullmatch(code):
            raise KleError(MSG_PLAN_BAD_NUMBER, element=name, line=line, code=code, form=form_text)
        if parent is not None and not code.startswith(f"{parent.code}."):
            raise KleError(
                MSG_PLAN_WRONG_PARENT, element=name, code=code, line=line, parent=parent.code
            )
        if code in self.seen:
            raise KleError(MSG_PLAN_DUPLICATE, code=code, line=line)
        self.seen.add(code)
        info = _child(element, f"{name}AdministrativInfo")
        created = changed = expires = None
        if info is not None:
            created = _first_date(info, "OprettetDato")
            changed = max(
                (_date(d, "RettetDato") for d in _descendants(info, "RettetDato")), default=None
            )
            expires = _first_date(info, "UdgaaetDato")
        uuid_element = _child(element, "UUID")
        own_expiry = expires is not None and expires <= self.as_of
        return KleEntry(
            code=code,
            title=" ".join(_required_text(element, f"{name}Titel", name).split()),
            level=level,
            parent_code="" if parent is None else parent.code,
            uuid="" if uuid_element is None else (uuid_element.text or "").strip(),
            # A topic under an expired group cannot be used either, whatever its own dates say.
            expired=own_expiry or (parent is not None and parent.expired),
            created_on=created,
            changed_on=changed,
            expires_on=expires,
        )


def _local(element: Element) -> str:
    return str(etree.QName(element).localname)


def _children(element: Element, local: str) -> Iterator[Element]:
    for child in element.iterchildren(tag=etree.Element):
        if _local(child) == local:
            yield child


def _child(element: Element, local: str) -> Element | None:
    return next(_children(element, local), None)


def _descendants(element: Element, local: str) -> Iterator[Element]:
    # UdgaaetDato sits inside AdministrativInfo/Historisk, dates of other kinds directly in it.
    for child in element.iter(tag=etree.Element):
        if child is not element and _local(child) == local:
            yield child


def _required_text(element: Element, local: str, name: str) -> str:
    child = _child(element, local)
    text = "" if child is None else "".join(child.itertext()).strip()
    if not text:
        raise KleError(MSG_PLAN_MISSING, element=name, line=element.sourceline, child=local)
    return text


def _first_date(element: Element, local: str) -> date | None:
    found = next(_descendants(element, local), None)
    return None if found is None else _date(found, local)


def _date(element: Element, name: str) -> date:
    value = (element.text or "").strip()
    try:
        # xsd:date may carry a time zone ("2019-01-01+01:00"); the day is what counts.
        return date.fromisoformat(value[:10])
    except ValueError:
        raise KleError(
            MSG_PLAN_BAD_DATE, element=name, line=element.sourceline, value=value
        ) from None


def _refuse_doctype(data: bytes) -> None:
    if safexml.has_doctype(data):
        raise KleError(MSG_DOCTYPE)


def _parse_xml(data: bytes) -> Element:
    try:
        return safexml.parse(data, lossless=False)
    except safexml.XmlSyntaxError as error:
        raise KleError(MSG_INVALID_XML, line=error.line, detail=error.detail) from None
