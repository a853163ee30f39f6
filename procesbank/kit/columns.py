"""The column registry: a column of a list is defined once, and the list table, the column
picker, the CSV and Excel exports and the API output are all built from that one definition.

Modelled on NetBox's table columns and Zulip's ``property_types``: a domain app declares its
columns in one place (``<app>/columns.py``) and never writes a label, a header list or a row
list again. A new field of a model is one line there::

    CANDIDATE = Columns(
        field(Candidate, "title", always=True, link=candidate_url, subtitle="summary"),
        field(Candidate, "phase", pickable=True, default=True, subtitle="get_status_display"),
        field(Candidate, "esdh_reference", internal=True),
        Column("interest", _("Interesserede kommuner"), NUMBER, attr="interest_count", ...),
    )

What a column says
    ``key``      its name in URLs (``?kolonner=``), the picker, and the API unless ``api_name``
    ``label``    the Danish label (``gettext_lazy``): the export header; the table header too,
                 unless a shorter ``header`` is given. ``field()`` takes it from the model
                 field's ``verbose_name``, so a model field's label is written once, there.
    ``kind``     TEXT, NUMBER, MONEY, DATE, BOOL, CHOICE, LIST, URL: how a value is shown
                 (with the kit's ``number`` / ``money`` / ``day`` filters), exported (typed
                 Excel cells) and typed in the API
    ``attr``     a dotted attribute path of the row (``municipality.name``), or ``get``, a
                 callable taking the row
    ``internal`` only the owner may see it: exports blank it and the API sends null for rows
                 the caller may not see internals of (a predicate the caller passes: the kit
                 knows no municipalities); it is never in the picker or in API lists
    ``pickable`` / ``default`` / ``always``: offered in the column picker / shown when none is
                 picked / always shown (the row's name, as the row header)
    ``export`` / ``api``: part of the CSV/Excel export / the API output
    ``section``  the group of a record page the value is shown in (``Columns.facts``) and
                 whose fields open it (``Columns.section_fields``)

What is built from them
    the table         ``Columns.table(rows, chosen)`` rendered by ``kit/table.html``
    the picker        ``Columns.picker_choices()``, ``Columns.chosen(requested)``
    the exports       ``Columns.to_csv``, ``Columns.to_xlsx``, ``Columns.write_sheet`` (one
                      sheet of a larger workbook)
    the API           ``Columns.schema`` (an output schema: a base's fields and the columns),
                      ``Columns.api_values``, ``Columns.input_schema`` (a hand-written input
                      schema plus the editable fields with a column it lacks)
    a record page     ``Columns.facts(row)``, shown with ``{% column_value %}``

The kit knows Django but no domain: it imports nothing from the domain apps.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from io import BytesIO, StringIO
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import Field

from procesbank.kit.text import clean_text

Label = str | Promise
Row = Any


class Kind(StrEnum):
    TEXT = "text"
    NUMBER = "number"  # shown with ``number``, exported as a number
    MONEY = "money"  # kroner: shown with ``money``, exported as a number
    DATE = "date"  # a date, or the local day of a datetime: shown with ``day``
    BOOL = "bool"  # "Ja" / "Nej"
    CHOICE = "choice"  # a stored value shown as its label (``choices``)
    LIST = "list"  # a list of values (or choices), joined with ", "
    URL = "url"  # a web address, shown as a link to itself


TEXT, NUMBER, MONEY, DATE, BOOL, CHOICE, LIST, URL = Kind
NUMERIC = frozenset({Kind.NUMBER, Kind.MONEY})
EMPTY = "–"

EXCEL_DATE = "yyyy-mm-dd"

# The API type of each kind when the column does not say (``field()`` takes it from the model).
API_TYPES: dict[Kind, Any] = {
    Kind.TEXT: str,
    Kind.NUMBER: float,
    Kind.MONEY: Decimal,
    Kind.DATE: date,
    Kind.BOOL: bool,
    Kind.CHOICE: str,
    Kind.LIST: list[str],
    Kind.URL: str,
}

INTERNAL_DESCRIPTION = "Only for the owner's editors; null for everyone else."


def safe_cell(value: object) -> object:
    """Text a workbook accepts and never runs: control characters removed (a row stored before
    they were cleaned at input still exports, kit/text.py), and a leading =, +, -, @, tab or CR
    neutralised so a spreadsheet does not take it for a formula."""
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    if value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value


def _resolve(row: Row, path: str) -> Any:
    value = row
    for part in path.split("."):
        if value is None:
            return None
        value = value[part] if isinstance(value, Mapping) else getattr(value, part)
    return value() if callable(value) else value


def _getter(spec: str | Callable[[Row], Any] | None) -> Callable[[Row], Any] | None:
    if spec is None or callable(spec):
        return spec
    return lambda row: _resolve(row, spec)


@dataclass(frozen=True)
class Column:
    """One column of a list: see the module docstring."""

    key: str
    label: Label
    kind: Kind = Kind.TEXT
    attr: str | None = None  # dotted path; defaults to ``key``
    get: Callable[[Row], Any] | None = None  # instead of ``attr``
    header: Label | None = None  # a shorter table header and picker label
    choices: Mapping[Any, Label] | None = None  # stored value -> label (CHOICE, LIST)
    decimals: int = 0  # shown in the table
    unit: str = ""  # after a number in the table, e.g. "%"
    export_decimals: int | None = 2  # exports round a number to this (None: as it is)
    internal: bool = False
    pickable: bool = False
    default: bool = False
    always: bool = False
    export: bool = True
    api: bool = True
    api_name: str | None = None
    api_type: Any = None  # the API type; from the kind (or the model field) when None
    null: bool = False  # the value may be missing (None); the API type is then optional
    description: str = ""  # for the API schema, in English like the rest of it
    link: Callable[[Row], str] | None = None  # the table cell links to this address
    subtitle: str | Callable[[Row], Any] | None = None  # a second, muted line in the table
    formula_safe: bool = False  # text that is never a formula (a grade "-3"): not neutralised
    section: str = ""  # the record page group the value is shown in
    field_name: str = dataclass_field(default="", repr=False)  # the model field, if any

    # --- values ---------------------------------------------------------------------------
    @property
    def path(self) -> str:
        return self.attr or self.key

    @property
    def name(self) -> str:
        """The column's name in the API."""
        return self.api_name or (self.path if "." not in self.path else self.key)

    @property
    def table_header(self) -> Label:
        return self.header or self.label

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC

    def value(self, row: Row) -> Any:
        """The raw value: what the API sends (a choice's stored value, a list as a list)."""
        if self.get is not None:
            return self.get(row)
        return _resolve(row, self.path)

    def display(self, row: Row) -> Any:
        """The value as the table shows it before the template's filters: a choice as its
        label, a list joined, a boolean as "Ja"/"Nej"; numbers, money and dates unchanged."""
        return self._readable(self.value(row))

    def _readable(self, value: Any) -> Any:
        if self.kind == Kind.CHOICE:
            return "" if value in (None, "") else str(self._label(value))
        if self.kind == Kind.LIST:
            return ", ".join(str(self._label(item)) for item in value or ())
        if self.kind == Kind.BOOL:
            return _("Ja") if value else _("Nej")
        return value

    def _label(self, value: Any) -> Label:
        if self.choices is None:
            return str(value)
        return self.choices.get(value, value)

    def export_value(self, row: Row, *, typed: bool) -> Any:
        """The value of an export cell: numbers as numbers, dates as dates (``typed``, for
        Excel) or ISO text (CSV), everything else as the text the table shows."""
        value = self.value(row)
        if value is None:
            return None
        if self.kind in NUMERIC:
            if isinstance(value, int) and not isinstance(value, bool):
                return value
            if self.export_decimals is None:
                return float(value)
            return round(float(value), self.export_decimals)
        if self.kind == Kind.DATE:
            day = _day(value)
            return day if typed else day.isoformat()
        readable = self._readable(value)
        if self.formula_safe:
            return clean_text(readable) if isinstance(readable, str) else readable
        return safe_cell(readable)

    def subtitle_of(self, row: Row) -> Any:
        getter = _getter(self.subtitle)
        return getter(row) if getter else None


def _day(value: date) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def field(model: type[models.Model], name: str, **options: Any) -> Column:
    """The column of a model field: label (capitalised ``verbose_name``), kind, choices and API
    type come from the field, so a field's label is written once, on the model. ``key``
    defaults to the field's name; any other option overrides what the field says."""
    model_field = model._meta.get_field(name)
    kind, api_type = _kind_of(model_field)
    field_choices: Any = getattr(model_field, "choices", None)
    choices = dict(field_choices) if field_choices else None
    null = bool(getattr(model_field, "null", False))
    key = options.pop("key", name)
    options.setdefault("attr", name)
    options.setdefault("kind", kind)
    options.setdefault("choices", choices)
    options.setdefault("null", null)
    if "api_type" not in options and api_type is not None:
        options["api_type"] = api_type | None if options["null"] else api_type
    label = options.pop("label", None)
    if label is None:
        label = capfirst(model_field.verbose_name)  # type: ignore[union-attr]
    return Column(key, label, field_name=name, **options)


def _kind_of(model_field: Any) -> tuple[Kind, Any]:
    if getattr(model_field, "choices", None):
        return Kind.CHOICE, str
    if isinstance(model_field, models.BooleanField):
        return Kind.BOOL, bool
    if isinstance(model_field, models.DateTimeField):
        return Kind.DATE, datetime
    if isinstance(model_field, models.DateField):
        return Kind.DATE, date
    if isinstance(model_field, models.DecimalField):
        return Kind.NUMBER, Decimal
    if isinstance(model_field, models.FloatField):
        return Kind.NUMBER, float
    if isinstance(model_field, models.IntegerField):
        return Kind.NUMBER, int
    if isinstance(model_field, models.URLField):
        return Kind.URL, str
    if isinstance(model_field, models.JSONField):
        return Kind.LIST, list[str]
    return Kind.TEXT, str


# --- the table ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Cell:
    column: Column
    value: Any  # ``Column.display``: formatted by the template with the kit's filters
    link: str = ""
    subtitle: Any = None


@dataclass(frozen=True)
class TableRow:
    object: Row
    cells: list[Cell]


@dataclass(frozen=True)
class Table:
    """What ``kit/table.html`` renders: the header and, row by row, the cells."""

    columns: list[Column]
    rows: list[TableRow]


# --- the registry -------------------------------------------------------------------------
class Columns:
    """The columns of one kind of row, in the order of exports and API schemas."""

    def __init__(self, *columns: Column) -> None:
        keys = [c.key for c in columns]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise ValueError(f"duplicate column keys: {duplicates}")
        self.columns: tuple[Column, ...] = columns
        self._by_key = {c.key: c for c in columns}

    def __iter__(self) -> Iterator[Column]:
        return iter(self.columns)

    def __len__(self) -> int:
        return len(self.columns)

    def __getitem__(self, key: str) -> Column:
        return self._by_key[key]

    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def where(self, predicate: Callable[[Column], bool]) -> Columns:
        return Columns(*[c for c in self.columns if predicate(c)])

    # --- the picker and the table ---------------------------------------------------------
    def picker_choices(self) -> list[tuple[str, Label]]:
        """(key, header) of the columns a user may pick, for the column picker."""
        return [(c.key, c.table_header) for c in self.columns if c.pickable and not c.internal]

    def default_keys(self) -> list[str]:
        return [c.key for c in self.columns if c.default and c.pickable and not c.internal]

    def chosen(self, requested: Iterable[str]) -> list[str]:
        """The pickable columns asked for, in the registry's order; the defaults if none is."""
        wanted = set(requested)
        chosen = [key for key, _label in self.picker_choices() if key in wanted]
        return chosen or self.default_keys()

    def table(self, rows: Iterable[Row], chosen: Iterable[str] = ()) -> Table:
        """The list table: the ``always`` columns, then the ``chosen`` ones (registry order)."""
        wanted = set(chosen)
        columns = [c for c in self.columns if c.always or (c.key in wanted and c.pickable)]
        columns = [c for c in columns if not c.internal]
        return Table(
            columns=columns,
            rows=[
                TableRow(
                    object=row,
                    cells=[
                        Cell(
                            column=c,
                            value=c.display(row),
                            link=c.link(row) if c.link else "",
                            subtitle=c.subtitle_of(row),
                        )
                        for c in columns
                    ],
                )
                for row in rows
            ],
        )

    # --- a record page ----------------------------------------------------------------------
    def section(self, name: str) -> Columns:
        return self.where(lambda c: c.section == name)

    def section_fields(self) -> dict[str, tuple[str, ...]]:
        """The model fields of each record section (section name -> field names)."""
        sections: dict[str, tuple[str, ...]] = {}
        for c in self.columns:
            if c.section and c.field_name:
                sections[c.section] = (*sections.get(c.section, ()), c.field_name)
        return sections

    def facts(self, row: Row, *, internal: bool = False) -> dict[str, list[Cell]]:
        """One row's values by record section (section name -> cells, in registry order; the
        label is ``cell.column.label``), for ``{% column_value %}``; internal columns only when
        ``internal`` is true."""
        facts: dict[str, list[Cell]] = {}
        for c in self.columns:
            if c.section and (internal or not c.internal):
                facts.setdefault(c.section, []).append(Cell(column=c, value=c.display(row)))
        return facts

    # --- exports ----------------------------------------------------------------------------
    def exported(self) -> list[Column]:
        return [c for c in self.columns if c.export]

    def export_header(self) -> list[str]:
        return [str(c.label) for c in self.exported()]

    def export_rows(
        self,
        rows: Iterable[Row],
        *,
        typed: bool = False,
        internal: Callable[[Row], bool] | None = None,
    ) -> Iterator[list[Any]]:
        """The exported values, row by row; ``internal`` columns are blank (None) unless
        ``internal(row)`` says the exporting user may see them."""
        columns = self.exported()
        for row in rows:
            shown = internal(row) if internal is not None else False
            yield [
                None if c.internal and not shown else c.export_value(row, typed=typed)
                for c in columns
            ]

    def to_csv(
        self, rows: Iterable[Row], *, internal: Callable[[Row], bool] | None = None
    ) -> bytes:
        """Semicolon-separated UTF-8 with BOM, as Danish Excel opens it."""
        buffer = StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerow(self.export_header())
        for values in self.export_rows(rows, internal=internal):
            writer.writerow(["" if v is None else v for v in values])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")

    def to_xlsx(
        self, title: str, rows: Iterable[Row], *, internal: Callable[[Row], bool] | None = None
    ) -> bytes:
        """A workbook of one sheet named ``title``: bold header, typed cells."""
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = clean_text(title)[:31]
        self.write_sheet(sheet, rows, internal=internal)
        buffer = BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    def write_sheet(
        self,
        sheet: Worksheet,
        rows: Iterable[Row],
        *,
        internal: Callable[[Row], bool] | None = None,
        widths: Mapping[str, int] | None = None,
    ) -> None:
        """Append the header and the rows to ``sheet`` (one of a larger workbook): numbers as
        numbers and dates as dates with a number format, text neutralised."""
        columns = self.exported()
        sheet.append(self.export_header())
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for values in self.export_rows(rows, typed=True, internal=internal):
            sheet.append(values)
            for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
                number_format = _excel_format(column, value)
                if number_format:
                    sheet.cell(row=sheet.max_row, column=index).number_format = number_format
        for index, column in enumerate(columns, start=1):
            width = (widths or {}).get(column.key)
            if width:
                sheet.column_dimensions[get_column_letter(index)].width = width

    # --- the API ----------------------------------------------------------------------------
    def api_columns(self, *, internal: bool = True) -> list[Column]:
        return [c for c in self.columns if c.api and (internal or not c.internal)]

    def api_values(self, row: Row, *, internal: bool = False) -> dict[str, Any]:
        """The API values of one row (raw: a choice's stored value, a list as a list);
        ``internal`` columns are None unless ``internal`` is true."""
        return {
            c.name: (c.value(row) if internal or not c.internal else None)
            for c in self.api_columns()
        }

    def schema(self, name: str, *, base: type[Any], internal: bool = True) -> type[Any]:
        """A ninja ``Schema`` named ``name`` with ``base``'s fields and one field a column
        (internal ones nullable, left out when ``internal`` is false). It reads a row object
        (a queryset of the API's list) or a mapping from ``api_values``; for an object each
        column resolves its own value, so an internal column must not be in a schema that
        reads objects: build that one with ``internal=False``."""
        annotations: dict[str, Any] = {}
        namespace: dict[str, Any] = {"__module__": base.__module__, "__qualname__": name}
        for column in self.api_columns(internal=internal):
            api_type = column.api_type or API_TYPES[column.kind]
            if column.null and column.api_type is None:
                api_type = api_type | None
            if column.internal:
                description = column.description or INTERNAL_DESCRIPTION
                annotations[column.name] = api_type | None
                namespace[column.name] = Field(None, description=description)
            else:
                annotations[column.name] = api_type
                if column.description:
                    namespace[column.name] = Field(..., description=column.description)
            # ninja reads a field through its resolve_<name> method when it has one.
            namespace[f"resolve_{column.name}"] = staticmethod(_api_resolver(column))
        namespace["__annotations__"] = annotations
        metaclass: Any = type(base)
        return metaclass(name, (base,), namespace)

    def input_schema(
        self,
        name: str,
        *,
        base: type[Any],
        model: type[models.Model],
        fields: Iterable[str],
        partial: bool = False,
    ) -> type[Any]:
        """``base`` (a hand-written ``...In`` schema) with a field for each column of a model
        field in ``fields`` that ``base`` does not declare: the column's API type, the model
        field's default and maximum length. ``partial`` (a PATCH): every added field optional,
        None by default. A new editable model field with a column is so writable in the API
        without a line in the app's api.py."""
        declared = set(base.model_fields)
        annotations: dict[str, Any] = {}
        namespace: dict[str, Any] = {"__module__": base.__module__, "__qualname__": name}
        for column in self.columns:
            if not column.field_name or column.field_name not in fields:
                continue
            if column.name in declared or column.name != column.field_name:
                continue
            model_field = model._meta.get_field(column.field_name)
            api_type = column.api_type or API_TYPES[column.kind]
            max_length = getattr(model_field, "max_length", None)
            default = None if partial else model_field.get_default()  # type: ignore[union-attr]
            annotations[column.name] = api_type | None if partial else api_type
            namespace[column.name] = Field(default, max_length=max_length)
        namespace["__annotations__"] = annotations
        metaclass: Any = type(base)
        return metaclass(name, (base,), namespace)


def _excel_format(column: Column, value: Any) -> str:
    """The number format of a typed cell: a date as yyyy-mm-dd, a whole number with a thousand
    separator, any other number with its export decimals (2 when unrounded)."""
    if value is None:
        return ""
    if column.kind == Kind.DATE:
        return EXCEL_DATE
    if column.kind not in NUMERIC:
        return ""
    places = 2 if column.export_decimals is None else column.export_decimals
    if isinstance(value, int) or places == 0:
        return "#,##0"
    return "#,##0." + "0" * places


def _api_resolver(column: Column) -> Callable[[Row], Any]:
    def resolve(row: Row) -> Any:
        if isinstance(row, Mapping):
            return row.get(column.name)
        return column.value(row)

    return resolve


# --- model fields --------------------------------------------------------------------------
def editable_field_names(
    model: type[models.Model], *, exclude: Iterable[str] = ()
) -> tuple[str, ...]:
    """The names of ``model``'s editable fields in declaration order, without the primary key,
    the automatic and ``editable=False`` ones and ``exclude``: what a service lets a user
    change, so a new model field is editable without a list to extend."""
    excluded = set(exclude)
    return tuple(
        f.name
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in excluded
    )


def in_order(names: Sequence[str], preferred: Sequence[str]) -> list[str]:
    """``names`` in the ``preferred`` order (e.g. a form's layout); a name the order does not
    know goes right after the name it follows in ``names`` (a new model field next to the field
    declared before it), or first."""
    result = [name for name in preferred if name in names]
    for index, name in enumerate(names):
        if name in result:
            continue
        before = next((n for n in reversed(names[:index]) if n in result), None)
        result.insert(result.index(before) + 1 if before is not None else 0, name)
    return result
