"""The column registry: one list of columns gives the table, the picker, CSV, Excel and the
API output, with the same labels and values everywhere."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Schema
from openpyxl import load_workbook

from procesbank.kit.columns import (
    BOOL,
    CHOICE,
    DATE,
    LIST,
    MONEY,
    NUMBER,
    URL,
    Column,
    Columns,
    Kind,
    editable_field_names,
    field,
    in_order,
    safe_cell,
)
from procesbank.organisations.models import Municipality

PHASES = {"idea": _("Idé"), "operation": _("Drift")}
DOMAINS = {"health": _("Sundhed"), "it": _("IT")}


@dataclass
class Owner:
    id: int
    name: str


@dataclass
class Robot:
    """A row as the registry sees it: any object with attributes."""

    title: str
    owner: Owner
    phase: str
    domains: list[str]
    hours: float
    kroner: Decimal
    share: Decimal | None
    live: bool
    started: date | None
    changed: datetime
    code: str
    secret: str

    def phase_label(self) -> str:
        return str(PHASES[self.phase])


COLUMNS = Columns(
    Column("title", _("Titel"), always=True, link=lambda r: f"/robot/{r.title}/"),
    Column("owner", _("Kommune"), attr="owner.name", pickable=True, default=True),
    Column("phase", _("Fase"), CHOICE, choices=PHASES, pickable=True, default=True),
    Column("domains", _("Fagområder"), LIST, choices=DOMAINS, pickable=True),
    Column("hours", _("Sparede timer pr. år"), NUMBER, pickable=True, default=True, decimals=1),
    Column("kroner", _("Forventet besparelse (kr.)"), MONEY, header=_("Besparelse"), pickable=True),
    Column("share", _("Potentiale (%)"), NUMBER, unit="%", null=True, api_type=Decimal | None),
    Column("live", _("I drift"), BOOL),
    Column("started", _("Sat i drift"), DATE, null=True, pickable=True),
    Column("changed", _("Ændret"), DATE, api_type=datetime, export=False),
    Column("code", _("Link til kode"), URL, api=False),
    Column("secret", _("ESDH-reference"), internal=True, pickable=True),
)


def _robot(**changes) -> Robot:
    values = {
        "title": "Robot",
        "owner": Owner(1, "Hillerød"),
        "phase": "operation",
        "domains": ["it", "health"],
        "hours": 1234.567,
        "kroner": Decimal("98765.4"),
        "share": Decimal("87.50"),
        "live": True,
        "started": date(2026, 7, 1),
        # 22:30 UTC on 30 June is 00:30 on 1 July in Copenhagen: the local day is exported.
        "changed": datetime(2026, 6, 30, 22, 30, tzinfo=UTC),
        "code": "https://github.com/os2/robot",
        "secret": "A-1",
    }
    values.update(changes)
    return Robot(**values)


def _others_robot() -> Robot:
    return _robot(
        title="=Nabo", owner=Owner(2, "Gribskov"), phase="idea", domains=[], hours=0,
        kroner=Decimal(0), share=None, live=False, started=None, code="", secret="B-2",
    )  # fmt: skip


def _own(row: Robot) -> bool:
    return row.owner.id == 1


# --- the picker and the table ---------------------------------------------------------------
def test_picker_offers_the_pickable_columns_in_registry_order_without_internal_ones():
    choices = [(key, str(label)) for key, label in COLUMNS.picker_choices()]

    assert choices == [
        ("owner", "Kommune"),
        ("phase", "Fase"),
        ("domains", "Fagområder"),
        ("hours", "Sparede timer pr. år"),
        ("kroner", "Besparelse"),
        ("started", "Sat i drift"),
    ]


def test_chosen_columns_keep_registry_order_drop_unknown_and_fall_back_to_defaults():
    assert COLUMNS.chosen(["started", "bogus", "owner", "secret"]) == ["owner", "started"]
    assert COLUMNS.chosen([]) == ["owner", "phase", "hours"]


def test_table_cells_show_labels_joined_lists_and_raw_numbers_for_the_filters():
    table = COLUMNS.table([_robot()], ["domains", "hours", "kroner", "secret"])

    assert [c.key for c in table.columns] == ["title", "domains", "hours", "kroner"]
    cells = table.rows[0].cells
    assert [cell.value for cell in cells] == ["Robot", "IT, Sundhed", 1234.567, Decimal("98765.4")]
    assert cells[0].link == "/robot/Robot/"


def test_table_template_formats_cells_with_the_kits_filters():
    table = COLUMNS.table([_robot(), _others_robot()], ["owner", "phase", "hours", "kroner"])
    table_with_dates = COLUMNS.table([_robot(), _others_robot()], ["started", "domains"])

    html = render_to_string("kit/table.html", {"table": table})
    dates = render_to_string("kit/table.html", {"table": table_with_dates})

    assert '<th scope="col" class="num">Sparede timer pr. år</th>' in html
    assert '<th scope="col" class="num">Besparelse</th>' in html
    assert '<th scope="row"><a href="/robot/Robot/">Robot</a></th>' in html
    assert "<td>Hillerød</td>" in html
    assert "<td>Drift</td>" in html
    # 1234.567 with one decimal, Danish grouping; 98765.4 kr. without decimals (money:0).
    assert '<td class="num">1.234,6</td>' in html
    assert '<td class="num">98.765 kr.</td>' in html
    assert '<td class="num">0,0</td>' in html
    assert "<td>1.7.2026</td>" in dates
    assert "<td>IT, Sundhed</td>" in dates
    assert dates.count("<td>–</td>") == 2  # the other robot: no date, no domains


def test_table_template_follows_the_language():
    table = COLUMNS.table([_robot()], ["kroner", "started"])

    with translation.override("en"):
        html = render_to_string("kit/table.html", {"table": table})

    assert '<td class="num">DKK 98,765</td>' in html
    assert "<td>2026-07-01</td>" in html


def test_subtitle_is_a_muted_second_line():
    columns = Columns(Column("title", _("Titel"), always=True, subtitle="phase_label"))

    html = render_to_string("kit/table.html", {"table": columns.table([_robot()])})

    assert '<th scope="row">Robot<br><span class="muted">Drift</span></th>' in html


# --- exports ------------------------------------------------------------------------------------
def test_csv_has_the_labels_once_and_values_in_the_same_order():
    content = COLUMNS.to_csv([_robot(), _others_robot()], internal=_own)

    assert content.decode("utf-8") == (
        "\ufeff"
        "Titel;Kommune;Fase;Fagområder;Sparede timer pr. år;Forventet besparelse (kr.);"
        "Potentiale (%);I drift;Sat i drift;Link til kode;ESDH-reference\r\n"
        "Robot;Hillerød;Drift;IT, Sundhed;1234.57;98765.4;87.5;Ja;2026-07-01;"
        "https://github.com/os2/robot;A-1\r\n"
        "'=Nabo;Gribskov;Idé;;0;0.0;;Nej;;;\r\n"
    )


def test_internal_columns_are_blank_without_a_predicate():
    rows = list(COLUMNS.export_rows([_robot()]))

    assert rows[0][-1] is None


def test_excel_cells_are_typed_numbers_dates_and_neutralised_text():
    content = COLUMNS.to_xlsx("Robotter", [_robot(), _others_robot()], internal=_own)

    sheet = load_workbook(BytesIO(content))["Robotter"]
    header = [cell.value for cell in sheet[1]]
    own = [cell.value for cell in sheet[2]]
    other = [cell.value for cell in sheet[3]]
    assert header == COLUMNS.export_header()
    assert sheet["A1"].font.bold is True
    assert own == [
        "Robot", "Hillerød", "Drift", "IT, Sundhed", 1234.57, 98765.4, 87.5, "Ja",
        datetime(2026, 7, 1), "https://github.com/os2/robot", "A-1",
    ]  # fmt: skip
    assert other == ["'=Nabo", "Gribskov", "Idé", None, 0, 0, None, "Nej", None, None, None]
    assert (sheet["E2"].data_type, sheet["E2"].number_format) == ("n", "#,##0.00")
    assert (sheet["E3"].data_type, sheet["E3"].number_format) == ("n", "#,##0")  # 0 is an int
    assert (sheet["F2"].data_type, sheet["F2"].number_format) == ("n", "#,##0.00")
    assert (sheet["I2"].is_date, sheet["I2"].number_format) == (True, "yyyy-mm-dd")
    assert sheet["A3"].data_type == "s"


def test_datetime_columns_export_the_local_day():
    columns = Columns(Column("changed", _("Ændret"), DATE))

    assert list(columns.export_rows([_robot()])) == [["2026-07-01"]]
    assert list(columns.export_rows([_robot()], typed=True)) == [[date(2026, 7, 1)]]


def test_formula_safe_text_is_written_as_it_is():
    columns = Columns(Column("grade", _("Karakter"), formula_safe=True))

    assert list(columns.export_rows([{"grade": "-3"}])) == [["-3"]]
    assert safe_cell("-3") == "'-3"


# --- the API ------------------------------------------------------------------------------------
def test_api_schema_reads_objects_with_raw_values_and_no_internal_columns():
    RobotListOut = COLUMNS.schema("RobotListOut", base=Schema, internal=False)

    out = RobotListOut.from_orm(_robot()).model_dump(mode="json")

    assert out == {
        "title": "Robot",
        "owner": "Hillerød",
        "phase": "operation",
        "domains": ["it", "health"],
        "hours": 1234.567,
        "kroner": "98765.4",
        "share": "87.50",
        "live": True,
        "started": "2026-07-01",
        "changed": "2026-06-30T22:30:00Z",
    }


def test_api_values_hide_internal_columns_unless_allowed():
    class BaseOut(Schema):
        id: int

    RobotOut = COLUMNS.schema("RobotOut", base=BaseOut)

    hidden = RobotOut(id=2, **COLUMNS.api_values(_others_robot(), internal=False))
    shown = RobotOut(id=1, **COLUMNS.api_values(_robot(), internal=True))

    assert (hidden.id, hidden.title, hidden.secret, hidden.share) == (2, "=Nabo", None, None)
    assert (shown.id, shown.secret) == (1, "A-1")


def test_api_schema_types_follow_the_columns():
    RobotOut = COLUMNS.schema("RobotOut", base=Schema)

    properties = RobotOut.model_json_schema()["properties"]

    assert properties["started"]["anyOf"] == [
        {"format": "date", "type": "string"},
        {"type": "null"},
    ]
    assert properties["domains"] == {
        "items": {"type": "string"},
        "title": "Domains",
        "type": "array",
    }
    assert properties["live"]["type"] == "boolean"
    assert properties["secret"]["description"].startswith("Only for the owner's editors")
    assert "code" not in properties
    assert RobotOut.model_json_schema()["required"] == [
        "title", "owner", "phase", "domains", "hours", "kroner", "share", "live", "started",
        "changed",
    ]  # fmt: skip


# --- columns of model fields --------------------------------------------------------------------
def test_field_takes_label_kind_and_api_type_from_the_model():
    name = field(Municipality, "name")
    population = field(Municipality, "population", pickable=True)
    hours = field(Municipality, "annual_hours_per_fte", label=_("Timer"))

    assert (str(name.label), name.kind, name.api_type, name.path) == (
        "Navn",
        Kind.TEXT,
        str,
        "name",
    )
    assert (str(population.label), population.kind, population.api_type) == (
        "Indbyggere",
        Kind.NUMBER,
        int,
    )
    assert population.pickable is True
    assert (str(hours.label), hours.api_type) == ("Timer", Decimal)


def test_field_labels_follow_the_language():
    column = field(Municipality, "population")

    with translation.override("en"):
        assert Columns(column).export_header() == ["Inhabitants"]


def test_section_fields_group_model_fields_by_record_section():
    columns = Columns(
        field(Municipality, "name", section="basics"),
        field(Municipality, "population", section="figures"),
        field(Municipality, "annual_hours_per_fte", section="figures"),
        Column("derived", _("Afledt"), section="figures"),
    )

    assert columns.section_fields() == {
        "basics": ("name",),
        "figures": ("population", "annual_hours_per_fte"),
    }
    assert [c.key for c in columns.section("figures")] == [
        "population",
        "annual_hours_per_fte",
        "derived",
    ]


def test_duplicate_keys_are_refused():
    with pytest.raises(ValueError, match=r"duplicate column keys: \['a'\]"):
        Columns(Column("a", "A"), Column("a", "B"))


def test_in_order_puts_an_unknown_name_after_the_one_it_follows():
    declared = ["name", "code", "new_after_code", "slug", "new_after_slug"]

    assert in_order(declared, ["slug", "code", "name"]) == [
        "slug", "new_after_slug", "code", "new_after_code", "name",
    ]  # fmt: skip
    assert in_order(["new", "name"], ["name"]) == ["new", "name"]


def test_editable_field_names_leave_out_the_key_automatic_and_excluded_fields():
    names = editable_field_names(Municipality, exclude=("collaboration",))

    assert names[:4] == ("name", "code", "slug", "population")
    assert "id" not in names
    assert "collaboration" not in names


def test_unrounded_numbers_stay_as_they_are_with_two_decimals_shown():
    columns = Columns(Column("hours", _("Timer"), NUMBER, export_decimals=None))

    content = columns.to_xlsx("Timer", [{"hours": 1 / 3}])

    cell = load_workbook(BytesIO(content))["Timer"]["A2"]
    assert (cell.value, cell.number_format) == (1 / 3, "#,##0.00")
