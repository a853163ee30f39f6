"""A benefit's profile as a server-drawn SVG chart (the register page and the realisation
report): planned against realised per year by the one realisation rule."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from procesbank.benefits.engine.realisation import ProfileYear
from procesbank.benefits.selectors import BenefitStatus
from procesbank.core.svgchart import Series, bar_chart
from procesbank.kit.formatting import number


@dataclass(frozen=True)
class ProfileChart:
    """The chart of one benefit: its title, the SVG, the unit of its values, and whether the
    values are kroner per year (a benefit with a value) or the KPI's own unit."""

    title: str
    svg: str
    unit: str
    in_kroner: bool
    years: tuple[ProfileYear, ...]


def profile_chart(row: BenefitStatus) -> ProfileChart:
    """Planned against realised at each year's end: in kroner per year for a benefit with a
    value, in the KPI's unit for a qualitative one."""
    benefit = row.benefit
    in_kroner = benefit.yearly_value > 0
    unit = _("kr. pr. år") if in_kroner else benefit.kpi_unit
    planned = [float(p.planned_value if in_kroner else p.planned_kpi) for p in row.profile]
    realised = [
        None
        if (p.realised_value if in_kroner else p.realised_kpi) is None
        else float((p.realised_value if in_kroner else p.realised_kpi) or 0)
        for p in row.profile
    ]
    title = _("Gevinstprofil for “%(name)s” (%(unit)s)") % {"name": benefit.name, "unit": unit}
    svg = bar_chart(
        [str(p.year) for p in row.profile],
        [Series(_("Planlagt"), planned, "#5f87b8"), Series(_("Realiseret"), realised, "#15803d")],
        title=title,
        height=200,
        fmt=lambda value: number(value, 0),
    )
    return ProfileChart(title, svg, unit, in_kroner, row.profile)
