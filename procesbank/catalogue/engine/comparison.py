"""Comparison of one KLE number's processes across municipalities (pure: no Django).

Per municipality, over its shared processes with that KLE number (an emne NN.NN.NN or a group
NN.NN and everything under it), using each process's as-is figures:

- yearly volume: the sum of cases per year;
- handling time per case (minutes): hours per year x 60 / yearly volume, i.e. the average
  weighted by volume;
- hours per year: the sum of handling time per case x cases per year / 60;
- FTE per 10,000 inhabitants: hours per year / hours per FTE / population x 10,000;
- cases per 10,000 inhabitants: yearly volume / population x 10,000 (context for the above);
- number of tasks: the tasks of the as-is maps;
- automation share (percent): tasks done by a system (service, script, business-rule, send
  and receive tasks) over all tasks.

Which columns get a "best" mark, and why only those: a mark must mean "solves the task
better", whatever the municipality's size. Hours per year and FTE per 10,000 inhabitants
grow with the number of cases (a municipality with more applicants per inhabitant, or one
that counts cases differently, spends more hours with the same way of working), so the
lowest of them is not the best practice: they get no mark. Volume itself has no best. The
fair measures are per case: handling time per case (lower is better), the number of tasks
(lower is better, but only comparable when every municipality shared the same number of
processes: otherwise it counts processes, not steps) and the automation share (higher is
better).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

AUTOMATED_KINDS = frozenset(
    {"serviceTask", "scriptTask", "businessRuleTask", "sendTask", "receiveTask"}
)
PER_INHABITANTS = 10_000

# Which columns have a best value, and whether lower is better (see the module docstring for
# why hours per year, FTE per 10,000 inhabitants and the volume have none).
BEST_LOWER = {
    "minutes_per_case": True,
    "task_count": True,
    "automation_share": False,
}


@dataclass(frozen=True)
class ProcessFigures:
    """One process's as-is figures: volume (cases/year), minutes per case, and the number of
    its tasks and of those done by a system (:func:`automated_count` of their kinds; counted
    in the database, as the comparison of a KLE group reads thousands of processes)."""

    municipality: str
    population: int
    annual_hours_per_fte: float
    yearly_volume: int
    minutes_per_case: float
    task_count: int
    automated_tasks: int


def automated_count(kinds: Iterable[str]) -> int:
    """How many of the task kinds (BPMN element names) are done by a system."""
    return sum(1 for kind in kinds if kind in AUTOMATED_KINDS)


@dataclass
class Row:
    municipality: str
    population: int
    process_count: int = 0
    yearly_volume: int = 0
    hours_per_year: float = 0.0
    fte: float = 0.0
    task_count: int = 0
    automated_tasks: int = 0
    best: set[str] = field(default_factory=set)

    @property
    def minutes_per_case(self) -> float | None:
        """Volume-weighted handling time in minutes; None without volume."""
        if not self.yearly_volume:
            return None
        return self.hours_per_year * 60 / self.yearly_volume

    @property
    def fte_per_10000(self) -> float | None:
        """FTE per 10,000 inhabitants; None without a population."""
        if not self.population:
            return None
        return self.fte / self.population * PER_INHABITANTS

    @property
    def cases_per_10000(self) -> float | None:
        """Cases per year per 10,000 inhabitants; None without a population."""
        if not self.population:
            return None
        return self.yearly_volume / self.population * PER_INHABITANTS

    @property
    def automation_share(self) -> float | None:
        """Automated tasks over all tasks, in percent; None without tasks."""
        if not self.task_count:
            return None
        return self.automated_tasks / self.task_count * 100


def compare(processes: Iterable[ProcessFigures]) -> list[Row]:
    """One row per municipality (sorted by name), with the best value of each column marked."""
    rows: dict[str, Row] = {}
    for figures in processes:
        row = rows.setdefault(
            figures.municipality,
            Row(municipality=figures.municipality, population=figures.population),
        )
        hours = figures.minutes_per_case * figures.yearly_volume / 60
        row.process_count += 1
        row.yearly_volume += figures.yearly_volume
        row.hours_per_year += hours
        if figures.annual_hours_per_fte:
            row.fte += hours / figures.annual_hours_per_fte
        row.task_count += figures.task_count
        row.automated_tasks += figures.automated_tasks
    result = sorted(rows.values(), key=lambda r: r.municipality)
    _mark_best(result)
    return result


def _mark_best(rows: list[Row]) -> None:
    if len(rows) < 2:
        return
    same_process_count = len({r.process_count for r in rows}) == 1
    for column, lower in BEST_LOWER.items():
        if column == "task_count" and not same_process_count:
            continue  # summed over unequal numbers of processes: not a count of steps
        values = [getattr(r, column) for r in rows if getattr(r, column) is not None]
        if not values:
            continue
        best = min(values) if lower else max(values)
        if all(v == best for v in values):
            continue  # no one stands out
        for row in rows:
            if getattr(row, column) == best:
                row.best.add(column)
