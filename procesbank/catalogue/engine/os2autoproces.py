"""OS2autoproces' Excel export, read into candidates and written from them (pure: no Django).

OS2autoproces (the municipalities' shared catalogue of automation candidates) exports a search
result as ``processes.xlsx``: one sheet "Processer", a header row of 62 columns and a row per
process. The column names and the texts of its values (phases, statuses, domains, visibility,
run schedule, the five-step answers) are those of its back end: ``ProcessXlsView`` and the
enums ``Phase``, ``Status``, ``Domain``, ``Visibility``, ``RunPeriod`` and ``Level`` of
repository OS2autoproces/os2autoproces-backend (read at commit 00eaf80). :data:`HEADERS` is
that header row; :func:`export_rows` writes rows in it and :func:`parse_export` reads them.

Where the two models differ:

- Visibility: "Personlig" and "Myndighed" become our own municipality, "Offentlig" the
  collaboration; we write "Myndighed" and "Offentlig" (a public candidate is "Offentlig").
- Status "Ikke vurderet" has no twin here and is read as "Afventer".
- The nine questions. Five are ours too (structured information, digital information,
  quality, speed, routine work); three ask the opposite of ours and are mirrored on the scale
  ("I høj grad" <-> "Slet ikke", "I nogen grad" <-> "I mindre grad"): professional judgement
  against rule-based, frequent changes against a stable process, variation against uniform
  cases. "Can it be automated" (column 46) has no question here and is written as
  "Ikke forholdt sig". Our "documentation" question has no column. "Ikke forholdt sig" and an
  empty cell are no answer.
- Its export writes the value of "I hvor høj grad vurderes det at processen kan automatiseres?"
  under the routine-work header and the reverse (columns 45/46, swapped in ProcessXlsView); we
  read and write by header, as a reader of the sheet does.
- Computed columns (manual hours, expected saving), people (reporter, contacts), org units,
  links, attachments and comments are written for the reader and ignored on import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from procesbank.core.errors import UserError, gettext_noop
from procesbank.core.tables import Cell, text

SHEET = "Processer"
TITLE_MAX = 65
SUMMARY_MAX = 140

HEADERS = (
    "ID",
    "Titel",
    "Resumé",
    "Fase",
    "Status",
    "Statustekst",
    "Indberetter",
    "Faglig kontaktperson",
    "Kontaktperson",
    "Mail",
    "Anden kontakt information",
    "Tilknyttede personer",
    "Synlighed",
    "Fagområder",
    "Afdelinger",
    "Myndighed",
    "Leverandør",
    "Lovparagraf",
    "KLE-nr",
    "KL ID",
    "KL's Arbejdsgangsbank",
    "Beskrivelse",
    "Idéer til løsning",
    "Udfordringer i den nuværende proces",
    "Nuværende systemer",
    "Andre nuværende systemer",
    "Oprettet",
    "Sidst opdateret",
    "Antal gange processen foretages årligt",
    "Tidsforbrug pr. proces i minutter",
    "Forventet automatiseringsgrad",
    "Manuelt tidsforbrug i timer",
    "Forventet årlig effektiviseringspotentiale",
    "Antal medarbejdere der foretager processen",
    "Er borgere påvirket",
    "Er virksomheder påvirket",
    "Forventet timeforbrug på udvikling",
    "Kommentarer til tidsforbrug",
    "I hvor høj grad indgår der faglig vurdering i processen?",
    "I hvor høj grad er processen præget af hyppige ændringer?",
    "I hvor høj grad er processen baseret på struktureret information?",
    "Er der variation i den måde processen løses?",
    "Er de data og informationer, der skal bruges i processen, tilgængelige digitalt i "
    "IT-systemer?",
    "Vil en automatiseret løsning bidrage til en højere kvalitet, som er mere ensrettet og med "
    "færre fejl?",
    "Vil en automatiseret løsning bidrage til en hurtigere og mere fyldestgørende service?",
    "Vil automatisering frigive tid og nedbringe rutineopgaver, som skaber en bedre trivsel "
    "blandt medarbejderne?",
    "I hvor høj grad vurderes det at processen kan automatiseres? ",
    "Teknisk implementering",
    "Organisatorisk implementering",
    "Anvendt teknologi",
    "Skedulering",
    "Automatiseringen anvender følgende systemer/snitflader",
    "Beskrivelse af automatisering",
    "I hvor høj grad indfriede løsningen de forventede gevinster?",
    "Sidst kontrolleret i forhold til §",
    "Løsningen sat i drift",
    "Løsningen taget ud af drift",
    "Kommentar til realiseret gevinster",
    "Sagsreference i ESDH",
    "Links",
    "Bilag",
    "Interne Noter",
)

# Their value texts -> our stored values.
PHASES = {
    "Idé": "idea",
    "Foranalyse": "pre_analysis",
    "Specifikation": "specification",
    "Udvikling": "development",
    "Implementering": "implementation",
    "Drift": "operation",
    "Taget ud af drift": "decommissioned",
}
STATUSES = {
    "Afventer": "pending",
    "I gang": "in_progress",
    "Afvist": "rejected",
    "Mislykket": "failed",
    "Ikke relevant mere": "not_relevant",
    "Ikke vurderet": "pending",
}
DOMAINS = {
    "Administration": "administration",
    "Beskæftigelse": "employment",
    "Erhverv": "profession",
    "Familie": "family",
    "Uddannelse": "education",
    "Demokrati": "democracy",
    "Miljø": "environment",
    "Teknik": "technique",
    "Social": "social",
    "Sundhed": "health",
    "Bæredygtighed": "sustainability",
    "HR": "hr",
    "IT": "it",
    "Kultur": "culture",
    "Økonomi": "economy",
}
VISIBILITIES = {"Personlig": "own", "Myndighed": "own", "Offentlig": "collaboration"}
VISIBILITY_OUT = {"own": "Myndighed", "collaboration": "Offentlig", "public": "Offentlig"}
RUN_SCHEDULES = {
    "Efter behov": "on_demand",
    "Enkeltkørsel": "once",
    "Dagligt": "daily",
    "Ugentligt": "weekly",
    "Månedligt": "monthly",
    "Kvartalsvis": "quarterly",
    "Årligt": "yearly",
}
TECHNOLOGIES = {
    "rpa": "rpa",
    "integration": "integration",
    "selvbetjening": "self_service",
    "ai": "ai",
    "ai/maskinlæring": "ai",
    "maskinlæring": "ai",
}
TECHNOLOGY_OUT = {
    "rpa": "RPA",
    "integration": "Integration",
    "self_service": "Selvbetjening",
    "ai": "AI",
    "other": "",
}
LEVELS = {
    "I høj grad": "high",
    "I nogen grad": "some",
    "I mindre grad": "little",
    "Slet ikke": "not_at_all",
    "Ved ikke": "dont_know",
}
NOT_SET = "Ikke forholdt sig"
MIRROR = {"high": "not_at_all", "some": "little", "little": "some", "not_at_all": "high"}
# Header index of each question -> (our question, mirrored?).
QUESTIONS = {
    38: ("rule_based", True),
    39: ("process_stability", True),
    40: ("structured_input", False),
    41: ("uniformity", True),
    42: ("digital_input", False),
    43: ("quality_gain", False),
    44: ("speed_gain", False),
    45: ("routine_reduction", False),
}
COL = {name: index for index, name in enumerate(HEADERS)}

MSG_NOT_AN_EXPORT = gettext_noop(
    "Filen ligner ikke en eksport fra OS2autoproces: kolonnerne %(missing)s mangler."
)
MSG_NO_ROWS = gettext_noop("Filen har ingen processer under overskriften.")
ROW_TITLE_MISSING = gettext_noop("Titlen mangler.")
ROW_TOO_LONG = gettext_noop("%(column)s er længere end %(max)s tegn.")
ROW_UNKNOWN_VALUE = gettext_noop("%(column)s: “%(value)s” kendes ikke. Brug en af: %(known)s.")
ROW_NUMBER = gettext_noop("%(column)s skal være et tal fra 0 til %(max)s, ikke “%(value)s”.")
ROW_DATE = gettext_noop("%(column)s skal være en dato, ikke “%(value)s”.")
ROW_REPEATED = gettext_noop("Titlen “%(title)s” står også i række %(row)s.")


@dataclass
class Os2Row:
    """One process of the export: its row number, the candidate's fields and its problems."""

    number: int
    source_id: str = ""
    fields: dict[str, Any] = field(default_factory=dict)
    errors: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return str(self.fields.get("title", ""))


# --- reading ----------------------------------------------------------------------------------


def parse_export(table: list[list[Cell]]) -> list[Os2Row]:
    """Every row of the sheet, each with the candidate fields read from it and its problems.

    The header must hold (at least) the columns this reads, by name; their order may differ.
    """
    if not table:
        raise UserError(MSG_NO_ROWS)
    header = {text(cell): index for index, cell in enumerate(table[0])}
    needed = [HEADERS[i] for i in (1, 3, 4, 18)]
    missing = [name for name in needed if name not in header]
    if missing:
        raise UserError(MSG_NOT_AN_EXPORT, missing=", ".join(f"“{m}”" for m in missing))
    rows: list[Os2Row] = []
    seen: dict[str, int] = {}
    for number, cells in enumerate(table[1:], start=2):
        if not any(text(cell) for cell in cells):
            continue
        row = _Reader(number, cells, header).read()
        key = row.title.casefold()
        if key and key in seen:
            row.errors.append((ROW_REPEATED, {"title": row.title, "row": seen[key]}))
        elif key:
            seen[key] = number
        rows.append(row)
    if not rows:
        raise UserError(MSG_NO_ROWS)
    return rows


class _Reader:
    def __init__(self, number: int, cells: list[Cell], header: dict[str, int]) -> None:
        self.cells = cells
        self.header = header
        self.row = Os2Row(number=number)

    def cell(self, index: int) -> Cell:
        position = self.header.get(HEADERS[index])
        if position is None or position >= len(self.cells):
            return None
        return self.cells[position]

    def string(self, index: int, limit: int | None = None) -> str:
        value = text(self.cell(index)).replace("\r\n", "\n")
        if limit is not None and len(value) > limit:
            self.error(ROW_TOO_LONG, column=HEADERS[index], max=limit)
            return value[:limit]
        return value

    def error(self, message: str, **params: Any) -> None:
        self.row.errors.append((message, params))

    def choice(self, index: int, values: dict[str, str]) -> str | None:
        raw = self.string(index)
        if not raw:
            return None
        found = {k.casefold(): v for k, v in values.items()}.get(raw.casefold())
        if found is None:
            known = ", ".join(dict.fromkeys(values))
            self.error(ROW_UNKNOWN_VALUE, column=HEADERS[index], value=raw[:60], known=known)
        return found

    def number(self, index: int, maximum: int, *, whole: bool = False) -> float | None:
        raw = self.cell(index)
        if raw is None or text(raw) == "":
            return None
        value: float | None
        if isinstance(raw, bool):
            value = None
        elif isinstance(raw, int | float):
            value = float(raw)
        else:
            value = _danish_number(text(raw))
        if value is None or not 0 <= value <= maximum or (whole and value != int(value)):
            self.error(ROW_NUMBER, column=HEADERS[index], max=maximum, value=text(raw)[:30])
            return None
        return value

    def day(self, index: int) -> date | None:
        raw = self.cell(index)
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        value = text(raw)
        if not value:
            return None
        for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"):
            try:
                return datetime.strptime(value[:10], pattern).date()
            except ValueError:
                continue
        self.error(ROW_DATE, column=HEADERS[index], value=value[:30])
        return None

    def yes(self, index: int) -> bool:
        return self.string(index).casefold() in {"ja", "yes", "true", "1"}

    def read(self) -> Os2Row:
        f = self.row.fields
        self.row.source_id = self.string(0)[:40]
        f["title"] = self.string(1, TITLE_MAX)
        if not f["title"]:
            self.error(ROW_TITLE_MISSING)
        f["summary"] = self.string(2, SUMMARY_MAX)
        f["phase"] = self.choice(3, PHASES) or "idea"
        f["status"] = self.choice(4, STATUSES) or "pending"
        f["status_reason"] = self.string(5)
        f["contact_email"] = self.string(9)[:254]
        f["visibility"] = self.choice(12, VISIBILITIES) or "own"
        f["domains"] = self._domains()
        f["vendor"] = self.string(16, 200)
        f["legal_basis"] = self.string(17)
        f["kle_code"] = "".join(self.string(18).split())
        f["kl_id"] = self.string(19, 40)
        f["description"] = self.string(21)
        f["solution_ideas"] = self.string(22)
        f["problems"] = self.string(23)
        f["it_systems"] = _split(self.string(24)) + _split(self.string(25))
        occurrences = self.number(28, 100_000_000, whole=True)
        f["yearly_occurrences"] = None if occurrences is None else int(occurrences)
        f["minutes_per_occurrence"] = self.number(29, 1_000_000)
        share = self.number(30, 100)
        f["automation_share"] = None if share is None else Decimal(str(share))
        employees = self.number(33, 1_000_000, whole=True)
        f["employees"] = None if employees is None else int(employees)
        f["targets_citizens"] = self.yes(34)
        f["targets_companies"] = self.yes(35)
        f["answers"] = self._answers()
        f["technology"] = self._technology()
        f["run_schedule"] = self.choice(50, RUN_SCHEDULES) or ""
        f["legal_basis_checked_on"] = self.day(54)
        f["in_operation_on"] = self.day(55)
        f["decommissioned_on"] = self.day(56)
        f["esdh_reference"] = self.string(58, 100)
        f["code_repository_url"] = self._repository()
        f["internal_notes"] = self.string(61)
        return self.row

    def _domains(self) -> list[str]:
        found = []
        for part in _split(self.string(13)):
            value = {k.casefold(): v for k, v in DOMAINS.items()}.get(part.casefold())
            if value is None:
                known = ", ".join(DOMAINS)
                self.error(ROW_UNKNOWN_VALUE, column=HEADERS[13], value=part[:60], known=known)
            elif value not in found:
                found.append(value)
        return found

    def _answers(self) -> dict[str, str]:
        answers = {}
        levels = LEVELS | {NOT_SET: ""}
        for index, (question, mirrored) in QUESTIONS.items():
            value = self.choice(index, levels)
            if not value:
                continue
            answers[question] = MIRROR.get(value, value) if mirrored else value
        return answers

    def _technology(self) -> str:
        names = _split(self.string(49))
        for name in names:
            value = TECHNOLOGIES.get(name.casefold())
            if value is not None:
                return value
        # No technology (or one we do not have) is "Anden", which is written back empty.
        return "other"

    def _repository(self) -> str:
        # The first link is the process's own page (in OS2autoproces, or in Procesbank when we
        # wrote the file); a code link follows it.
        for line in self.string(59).split("\n"):
            url = line.strip()
            own_page = "os2autoproces" in url or "/katalog/kandidater/" in url
            if re.match(r"https?://", url) and not own_page and len(url) <= 500:
                return url
        return ""


def _split(value: str) -> list[str]:
    parts = re.split(r"[,\n;]", value)
    return [p.strip() for p in parts if p.strip()]


def _danish_number(value: str) -> float | None:
    value = value.replace(" ", "").replace("\xa0", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", value):
        value = value.replace(".", "").replace(",", ".")
    elif "," in value:
        value = value.replace(",", ".")
    try:
        return float(Decimal(value))
    except (InvalidOperation, ValueError):
        return None


# --- writing ----------------------------------------------------------------------------------


def _label(values: dict[str, str], value: str) -> str:
    for label, stored in values.items():
        if stored == value:
            return label
    return ""


def export_row(candidate: dict[str, Any]) -> list[Any]:
    """One row in the layout of :data:`HEADERS` from a candidate's values (plain dict: the
    stored field values plus ``id``, ``municipality``, ``created_at``, ``updated_at``,
    ``hours_per_year`` and ``expected_hours``)."""
    row: list[Any] = [""] * len(HEADERS)
    c = candidate
    occurrences = c.get("yearly_occurrences")
    minutes = c.get("minutes_per_occurrence")
    row[0] = c["id"]
    row[1] = c["title"]
    row[2] = c.get("summary", "")
    row[3] = _label(PHASES, c["phase"])
    row[4] = _label(STATUSES, c["status"])
    row[5] = c.get("status_reason", "")
    row[9] = c.get("contact_email", "")
    row[12] = VISIBILITY_OUT.get(c["visibility"], "Myndighed")
    row[13] = ",".join(_label(DOMAINS, d) for d in c.get("domains", []) if _label(DOMAINS, d))
    row[15] = c.get("municipality", "")
    row[16] = c.get("vendor", "")
    row[17] = c.get("legal_basis", "")
    row[18] = c.get("kle_code", "")
    row[19] = c.get("kl_id", "")
    row[21] = c.get("description", "")
    row[22] = c.get("solution_ideas", "")
    row[23] = c.get("problems", "")
    row[24] = ",".join(c.get("it_systems", []))
    row[26] = c.get("created_at")
    row[27] = c.get("updated_at")
    row[28] = occurrences if occurrences is not None else ""
    row[29] = minutes if minutes is not None else ""
    share = c.get("automation_share")
    row[30] = float(share) if share is not None else ""
    row[31] = round(float(c.get("hours_per_year") or 0), 2)
    row[32] = round(float(c.get("expected_hours") or 0), 2)
    employees = c.get("employees")
    row[33] = employees if employees is not None else ""
    row[34] = "Ja" if c.get("targets_citizens") else "Nej"
    row[35] = "Ja" if c.get("targets_companies") else "Nej"
    answers = c.get("answers") or {}
    for index, (question, mirrored) in QUESTIONS.items():
        value = answers.get(question)
        if value and mirrored:
            value = MIRROR.get(value, value)
        row[index] = _label(LEVELS, value) if value else NOT_SET
    row[46] = NOT_SET
    row[49] = TECHNOLOGY_OUT.get(c.get("technology", ""), "")
    row[50] = _label(RUN_SCHEDULES, c.get("run_schedule", ""))
    row[54] = c.get("legal_basis_checked_on") or ""
    row[55] = c.get("in_operation_on") or ""
    row[56] = c.get("decommissioned_on") or ""
    row[58] = c.get("esdh_reference", "")
    links = [c.get("url", "")] + (
        [c["code_repository_url"]] if c.get("code_repository_url") else []
    )
    row[59] = "\n".join(link for link in links if link)
    row[61] = c.get("internal_notes", "")
    return row
