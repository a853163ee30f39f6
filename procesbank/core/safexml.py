"""Parsing uploaded XML safely (BPMN models, KL's KLE plan): no DTDs, no entities, no network.

One place for the rules, so every importer refuses the same tricks the same way.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from procesbank.core.errors import Phrase, gettext_noop

# lxml ships no type hints.
Element = Any

_CODES = etree.ErrorTypes
#: What libxml2's error codes mean, in Danish (libxml2 speaks English only), for messages
#: that already give the line: "Filen er ikke gyldig XML (linje 3): <phrase>".
_PHRASES = {
    _CODES.ERR_DOCUMENT_EMPTY: gettext_noop("dokumentet er tomt eller begynder ikke med et tag"),
    _CODES.ERR_DOCUMENT_END: gettext_noop("der står mere efter rodelementets sluttag"),
    _CODES.ERR_INVALID_CHAR: gettext_noop("et tegn, som XML ikke tillader (fx et kontroltegn)"),
    _CODES.ERR_INVALID_CHARREF: gettext_noop(
        "en tegnreference (&#...;) til et tegn, som XML ikke tillader"
    ),
    _CODES.ERR_UNDECLARED_ENTITY: gettext_noop("en entitet (&navn;), som ikke er erklæret"),
    _CODES.WAR_UNDECLARED_ENTITY: gettext_noop("en entitet (&navn;), som ikke er erklæret"),
    _CODES.ERR_ENTITYREF_SEMICOL_MISSING: gettext_noop(
        "et &-tegn, som ikke indleder en entitet (skriv &amp;)"
    ),
    _CODES.ERR_UNSUPPORTED_ENCODING: gettext_noop("en tegnkodning, som ikke kendes"),
    _CODES.ERR_INVALID_ENCODING: gettext_noop("bytes, som ikke passer til filens tegnkodning"),
    _CODES.ERR_LT_IN_ATTRIBUTE: gettext_noop("tegnet < i en attributværdi (skriv &lt;)"),
    _CODES.ERR_ATTRIBUTE_NOT_STARTED: gettext_noop("en attributværdi uden anførselstegn"),
    _CODES.ERR_ATTRIBUTE_NOT_FINISHED: gettext_noop("en attributværdi uden anførselstegn"),
    _CODES.ERR_ATTRIBUTE_WITHOUT_VALUE: gettext_noop("en attribut uden værdi"),
    _CODES.ERR_ATTRIBUTE_REDEFINED: gettext_noop("den samme attribut to gange i ét element"),
    _CODES.ERR_COMMENT_NOT_FINISHED: gettext_noop("en kommentar, som ikke afsluttes med -->"),
    _CODES.ERR_HYPHEN_IN_COMMENT: gettext_noop("to bindestreger (--) inde i en kommentar"),
    _CODES.ERR_RESERVED_XML_NAME: gettext_noop("XML-erklæringen står ikke allerførst i filen"),
    _CODES.ERR_NAME_REQUIRED: gettext_noop(
        "et tag uden gyldigt navn (fx en DOCTYPE-erklæring inde i dokumentet)"
    ),
    _CODES.ERR_GT_REQUIRED: gettext_noop("et tag, som ikke lukkes med >"),
    _CODES.ERR_LT_REQUIRED: gettext_noop("tekst, hvor der skulle stå et tag"),
    _CODES.ERR_TAG_NAME_MISMATCH: gettext_noop("et sluttag, som ikke passer til starttagget"),
    _CODES.ERR_TAG_NOT_FINISHED: gettext_noop("filen slutter, før alle elementer er lukket"),
    _CODES.ERR_DOCTYPE_NOT_FINISHED: gettext_noop("en DOCTYPE-erklæring, som ikke afsluttes"),
    _CODES.NS_ERR_UNDEFINED_NAMESPACE: gettext_noop("et navnerumspræfiks, som ikke er erklæret"),
    _CODES.ERR_RESOURCE_LIMIT: gettext_noop(
        "en grænse for sikker læsning er overskredet (en tekst over 10 MB eller elementer "
        "indlejret mere end 256 niveauer)"
    ),
}
MSG_OTHER = gettext_noop("en fejl i XML-strukturen")
MSG_MISMATCH = gettext_noop(
    "sluttagget </%(end)s> passer ikke til starttagget <%(start)s> i linje %(line)s"
)
MSG_NOT_CLOSED = gettext_noop("filen slutter, før <%(tag)s> fra linje %(line)s er lukket")
_MISMATCH = re.compile(r"Opening and ending tag mismatch: ([^\s,]+) line (\d+) and ([^\s,]+)")
_NOT_CLOSED = re.compile(r"Premature end of data in tag ([^\s,]+) line (\d+)")


def describe(error: etree.XMLSyntaxError) -> Phrase:
    """What libxml2 found, as a Danish phrase to put in a message (translated with it); the
    element names libxml2 gives are kept where they help find the place."""
    text = str(error.msg or "")
    if error.code == _CODES.ERR_TAG_NAME_MISMATCH and (found := _MISMATCH.search(text)):
        start, line, end = found.groups()
        return Phrase(MSG_MISMATCH, start=start, line=int(line), end=end)
    if error.code == _CODES.ERR_TAG_NOT_FINISHED and (found := _NOT_CLOSED.search(text)):
        return Phrase(MSG_NOT_CLOSED, tag=found.group(1), line=int(found.group(2)))
    return Phrase(_PHRASES.get(error.code, MSG_OTHER))


class XmlSyntaxError(Exception):
    """XML that does not parse; ``line`` (1-based) and what is wrong, as a Danish phrase."""

    def __init__(self, line: int, detail: Phrase) -> None:
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
        #: The first error libxml2 reported, when the document is not well-formed.
        self.error: etree.XMLSyntaxError | None = None

    def feed(self, chunk: bytes) -> None:
        """Parse the next bytes; :class:`DoctypeFound` when they declare a DOCTYPE."""
        if not self.well_formed or not chunk:
            return
        try:
            self._parser.feed(chunk)
        except etree.XMLSyntaxError as error:
            self.well_formed, self.error = False, error

    def close(self) -> None:
        """The end of the document (a document cut off is not well-formed)."""
        if not self.well_formed:
            return
        try:
            self._parser.close()
        except etree.XMLSyntaxError as error:
            self.well_formed, self.error = False, error


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
        raise XmlSyntaxError(error.lineno or 1, describe(error)) from None
