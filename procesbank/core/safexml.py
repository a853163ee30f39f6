"""Parsing uploaded XML safely (BPMN models, KL's KLE plan): no DTDs, no entities, no network.

One place for the rules, so every importer refuses the same tricks the same way.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

# lxml ships no type hints.
Element = Any

_LIBXML_POSITION = re.compile(r", line \d+, column \d+$")


class XmlSyntaxError(Exception):
    """XML that does not parse; ``line`` (1-based) and libxml2's ``detail`` without position."""

    def __init__(self, line: int, detail: str) -> None:
        super().__init__(f"line {line}: {detail}")
        self.line = line
        self.detail = detail


class _ProbeStop(Exception):
    def __init__(self, doctype: bool) -> None:
        self.doctype = doctype


class _DoctypeProbe:
    """lxml parser target that stops at the DOCTYPE, or at the root element if there is none."""

    def doctype(self, name: str, public_id: str | None, system_id: str | None) -> None:
        raise _ProbeStop(doctype=True)

    def start(self, tag: str, attributes: Any) -> None:
        raise _ProbeStop(doctype=False)

    def close(self) -> None:
        return None


def has_doctype(data: bytes) -> bool:
    """Whether ``data`` declares a DOCTYPE, found before any of it is read.

    libxml2 reports the DOCTYPE before it reads the internal subset, so this stops before any
    entity is declared or expanded (even in attributes, which libxml2 expands regardless of
    resolve_entities), and it decodes exactly as the real parse will (UTF-16, UTF-7 ...).
    Broken XML answers False: the real parse reports it, with its line.
    """
    try:
        etree.fromstring(data, safe_parser(target=_DoctypeProbe()))
    except _ProbeStop as stop:
        return stop.doctype
    except etree.XMLSyntaxError:
        return False
    return False


class DoctypeFound(Exception):
    """The document declares a DOCTYPE (a DTD, and with it entities)."""


class _DoctypeOnly:
    """Parser target that hears only of a DOCTYPE: lxml calls just the callbacks a target
    has, so the rest of the document is parsed in C without a Python call per element."""

    def doctype(self, name: str, public_id: str | None, system_id: str | None) -> None:
        raise DoctypeFound

    def close(self) -> None:
        return None


class DoctypeProbe:
    """Feed a whole document to libxml2, chunk by chunk, with the settings of
    :func:`safe_parser`, to learn whether it declares a DOCTYPE and whether it is well-formed.

    The parser itself decides what is a comment, a CDATA section or the prolog, so neither a
    ``<log`` inside a comment nor a DOCTYPE behind megabytes of comment hides one; libxml2
    reports the DOCTYPE before it reads the internal subset, so no entity is declared. A
    DOCTYPE anywhere else is not well-formed XML (``well_formed`` becomes False): readers that
    are lenient about that (rustxes) must not see such a file. Memory stays at one chunk."""

    def __init__(self) -> None:
        self._parser = safe_parser(target=_DoctypeOnly())
        self.well_formed = True

    def feed(self, chunk: bytes) -> None:
        """Parse the next bytes; :class:`DoctypeFound` when they declare a DOCTYPE."""
        if not self.well_formed or not chunk:
            return
        try:
            self._parser.feed(chunk)
        except etree.XMLSyntaxError:
            self.well_formed = False

    def close(self) -> None:
        """The end of the document (a document cut off is not well-formed)."""
        if not self.well_formed:
            return
        try:
            self._parser.close()
        except etree.XMLSyntaxError:
            self.well_formed = False


def safe_parser(*, target: object = None, lossless: bool = True) -> Element:
    """A fresh parser (lxml parsers keep an error log and are not thread-safe) that resolves no
    entities, loads no DTD and touches no network. ``lossless`` keeps comments, processing
    instructions and CDATA, for files we write back."""
    return etree.XMLParser(
        target=target,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        strip_cdata=not lossless,
        remove_blank_text=False,
        remove_comments=not lossless,
        remove_pis=not lossless,
    )


def parse(data: bytes, *, lossless: bool = True) -> Element:
    """The root element of ``data``; :class:`XmlSyntaxError` when it does not parse."""
    try:
        return etree.fromstring(data, safe_parser(lossless=lossless))
    except etree.XMLSyntaxError as error:
        detail = _LIBXML_POSITION.sub("", str(error.msg or error))
        raise XmlSyntaxError(error.lineno or 1, detail) from None
