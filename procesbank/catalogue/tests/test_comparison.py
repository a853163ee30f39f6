from __future__ import annotations

import pytest

from procesbank.catalogue.engine.comparison import ProcessFigures, automated_count, compare


def figures(municipality="Helsingør", population=64_210, volume=1000, minutes=6.0, kinds=()):
    return ProcessFigures(
        municipality=municipality,
        population=population,
        annual_hours_per_fte=1924.0,
        yearly_volume=volume,
        minutes_per_case=minutes,
        task_count=len(kinds),
        automated_tasks=automated_count(kinds),
    )


def test_fte_per_10000_inhabitants_is_fte_over_population_times_10000():
    # 1,924 cases x 60 min / 60 = 1,924 hours = 1 FTE; 1 / 40,000 x 10,000 = 0.25.
    [row] = compare([figures(population=40_000, volume=1924, minutes=60)])

    assert row.hours_per_year == pytest.approx(1924)
    assert row.fte == pytest.approx(1)
    assert row.fte_per_10000 == pytest.approx(0.25)


def test_handling_time_is_weighted_by_volume_across_processes():
    # (100 x 10 + 300 x 2) min / 400 cases = 1,600 / 400 = 4 min per case.
    [row] = compare([figures(volume=100, minutes=10), figures(volume=300, minutes=2)])

    assert row.process_count == 2
    assert row.yearly_volume == 400
    assert row.minutes_per_case == pytest.approx(4)


def test_automation_share_counts_system_tasks():
    kinds = ["userTask", "serviceTask", "scriptTask", "manualTask"]

    [row] = compare([figures(kinds=kinds)])

    assert row.task_count == 4
    assert row.automation_share == pytest.approx(50)


def test_best_marks_only_the_per_case_measures():
    rows = compare(
        [
            figures("Gribskov", 40_000, 1000, 6.0, ["userTask", "serviceTask"]),
            figures("Helsingør", 64_210, 1000, 12.0, ["userTask", "userTask", "userTask"]),
        ]
    )

    gribskov, helsingoer = rows
    assert gribskov.municipality == "Gribskov"
    # Gribskov: 6 min per case, 2 tasks, 50 % automated; Helsingør: 12 min, 3 tasks, 0 %.
    # Gribskov also has fewer hours (100 against 200), but hours get no mark.
    assert gribskov.best == {"minutes_per_case", "task_count", "automation_share"}
    assert helsingoer.best == set()


def test_fewer_hours_from_fewer_cases_is_not_marked_best():
    # Gribskov: 500 cases x 10 min / 60 = 83.3 hours; Helsingør: 2,000 x 5 / 60 = 166.7 hours.
    # Gribskov spends fewer hours only because it has fewer cases; Helsingør is faster per case.
    gribskov, helsingoer = compare(
        [figures("Gribskov", 40_000, 500, 10.0), figures("Helsingør", 40_000, 2000, 5.0)]
    )

    assert gribskov.hours_per_year == pytest.approx(500 * 10 / 60)
    assert helsingoer.hours_per_year == pytest.approx(2000 * 5 / 60)
    assert gribskov.best == set()
    assert helsingoer.best == {"minutes_per_case"}


def test_task_count_is_not_compared_across_unequal_numbers_of_processes():
    # Gribskov shared two processes (2 + 2 tasks), Helsingør one (3 tasks): 4 against 3 counts
    # processes, not steps.
    gribskov, helsingoer = compare(
        [
            figures("Gribskov", kinds=["userTask", "userTask"]),
            figures("Gribskov", kinds=["userTask", "userTask"]),
            figures("Helsingør", kinds=["userTask", "userTask", "userTask"]),
        ]
    )

    assert (gribskov.task_count, helsingoer.task_count) == (4, 3)
    assert "task_count" not in gribskov.best | helsingoer.best


def test_cases_per_10000_inhabitants():
    # 1,000 cases / 40,000 inhabitants x 10,000 = 250.
    [row] = compare([figures(population=40_000, volume=1000)])

    assert row.cases_per_10000 == pytest.approx(250)


def test_single_municipality_has_no_best_mark():
    [row] = compare([figures()])

    assert row.best == set()


def test_no_volume_gives_no_handling_time():
    [row] = compare([figures(volume=0)])

    assert row.minutes_per_case is None
