"""Benchmark the event-log pipeline against PM4Py's default path and r4pm, run by hand.

    .venv/bin/python bench/mining.py [--events 5000000] [--xes-events 600000] [--quick]
        [--fines] [--repeat 3] [--pm4py-repeat 1] [--ours-only]

For each log, each side does its work in a fresh subprocess:

* ours: ``eventlog.read_log`` (XES via the plain-shape reader, else rustxes; CSV via
  Polars), then ``discovery.dfg``, ``discovery.variants`` and ``discovery.case_durations``;
  and, as a whole process, ``procesbank mine LOG --json`` (interpreter start, imports, read
  of the mapped attributes only, all the figures, JSON out);
* r4pm (Rust4PM, MIT/Apache-2.0), XES only: ``r4pm.import_item("EventLog", path)`` and
  ``bindings.discover_dfg``, in-process and as a whole process (``python -c`` doing just
  that); it reads no CSV;
* PM4Py: ``pm4py.read_xes(variant="iterparse")``, or ``pandas.read_csv`` then
  ``pm4py.format_dataframe``, then ``discover_dfg``, ``get_variants`` and
  ``get_all_case_durations``.

In-process time is wall-clock from the start of the import to the last figure (interpreter
start and library imports excluded); "whole" is the wall-clock of the whole process. Peak
memory is the worker's maximum resident set size, read by a small parent process with
``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` after the worker
exits (so it includes the interpreter and the libraries). "same" says whether cases, events,
variants and DFG edges are equal, and the DFG's frequencies and the variants' case counts too.
"PM4/o" is PM4Py's in-process time over ours, "PM4/m" PM4Py's in-process time over the whole
``procesbank mine`` process (what the issue's 8x is about; PM4Py's interpreter start and
imports are not even counted); "mem/o" and "mem/m" are the same ratios of peak memory.

Logs: the shared ones in tests/data/event-logs (receipt, BPIC15_1..5), and up to three generated
into a temporary directory that is removed afterwards: a CSV of ``--events`` events (about 30
activities, about 500,000 cases at 5 million events), an XES of ``--xes-events`` events (0
skips it), and with ``--fines`` an XES the size and shape of the Road Traffic Fine
Management Process log (RTFMP: 150,370 cases, about 561,000 events, 11 activities, short
cases, dates at midnight).
PM4Py is AGPL: it is imported here, in the benchmark's own worker, never by procesbank.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import numpy as np
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "event-logs"
SHARED_LOGS = ("receipt.xes.gz", "receipt.csv", *(f"BPIC15_{i}.xes.gz" for i in range(1, 6)))

#: Thirty activities of a municipal permit case, in the order the main path visits them.
ACTIVITIES = (
    "Ansøgning modtaget", "Kvittering sendt", "Sag oprettet", "Sag fordelt", "Visitation",
    "Indhent oplysninger", "Oplysninger modtaget", "Partshøring", "Høring af naboer",
    "Faglig vurdering", "Besigtigelse", "Møde med borger", "Telefonnotat",
    "Juridisk vurdering", "Udkast til afgørelse", "Kvalitetssikring", "Godkendelse leder",
    "Afgørelse sendt", "Afslag sendt", "Aktindsigt", "Klage modtaget", "Genvurdering",
    "Sag sendt til Ankestyrelsen", "Faktura sendt", "Rykker sendt", "Betaling registreret",
    "Sag genoptaget", "Dokumentation journaliseret", "Sag lukket", "Sag arkiveret",
)  # fmt: skip
DEPARTMENTS = ("Byggeri", "Miljø", "Vej og park", "Borgerservice", "Social")
MAX_EVENTS_PER_CASE = 80
#: Mean events per case the transition matrix below produces (measured, about 10).
MEAN_CASE_LENGTH = 10.0


def _transitions(rng: np.random.Generator) -> np.ndarray:
    """Mostly forward along the main path, with skips, rework loops and random jumps."""
    n = len(ACTIVITIES)
    end = n - 1
    matrix = np.zeros((n, n))
    for i in range(end):
        for step, weight in ((1, 0.52), (2, 0.14), (3, 0.06)):
            matrix[i, min(i + step, end)] += weight
        matrix[i, max(i - 1, 0)] += 0.07  # rework: back one step
        matrix[i, max(i - 3, 0)] += 0.02
        matrix[i, rng.integers(0, end)] += 0.09
        matrix[i, end] += 0.08
    matrix[end, end] = 1.0
    return np.cumsum(matrix / matrix.sum(axis=1, keepdims=True), axis=1)


def _walk(n_cases: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Case numbers and activity codes of all events, case by case, in order."""
    cumulative = _transitions(rng)
    end = len(ACTIVITIES) - 1
    alive = np.arange(n_cases)
    state = np.zeros(n_cases, dtype=np.int64)
    cases, codes, steps = [], [], []
    for step in range(MAX_EVENTS_PER_CASE):
        cases.append(alive)
        codes.append(state)
        steps.append(np.full(alive.size, step))
        running = state != end
        alive, state = alive[running], state[running]
        if alive.size == 0:
            break
        draw = rng.random(alive.size)
        state = (draw[:, None] > cumulative[state]).sum(axis=1)
    case, code, order = np.concatenate(cases), np.concatenate(codes), np.concatenate(steps)
    by_case = np.lexsort((order, case))
    return case[by_case], code[by_case]


def generate_log(n_events: int, seed: int = 1849) -> pl.DataFrame:
    """A synthetic permit log of at least ``n_events`` events, one row per event, in the order
    a case system's export has them: by time over all cases.

    Waiting times are log-normal (median four hours), 8 % of events share their predecessor's
    timestamp, cases start uniformly over three years.
    """
    rng = np.random.default_rng(seed)
    case, code = _walk(int(n_events / MEAN_CASE_LENGTH * 1.3) + 100, rng)
    cut = np.searchsorted(np.cumsum(np.bincount(case)), n_events) + 1
    keep = case < cut
    case, code = case[keep], code[keep]
    n = case.size
    first = np.r_[True, case[1:] != case[:-1]]
    wait = np.round(np.exp(rng.normal(np.log(4 * 3600), 1.7, n))).astype(np.int64)
    wait[(rng.random(n) < 0.08) | first] = 0
    elapsed = np.cumsum(wait)
    elapsed -= np.maximum.accumulate(np.where(first, elapsed, 0))
    start = rng.integers(1_640_995_200, 1_640_995_200 + 3 * 365 * 86_400, cut)
    frame = pl.DataFrame(
        {
            "case": case,
            "code": code,
            "seconds": start[case] + elapsed,
            "resource": rng.integers(1, 250, n),
            "department": rng.integers(0, len(DEPARTMENTS), cut)[case],
            "cost": np.round(rng.gamma(2.0, 150.0, n), 2),
        }
    )
    return frame.select(
        pl.format("SAG-{}", pl.col("case").cast(pl.String).str.zfill(7)).alias("case"),
        pl.col("code").replace_strict(range(len(ACTIVITIES)), ACTIVITIES, return_dtype=pl.String)
        .alias("activity"),
        pl.from_epoch("seconds").dt.replace_time_zone("UTC").alias("timestamp"),
        pl.format("Sagsbehandler {}", "resource").alias("resource"),
        pl.col("department").replace_strict(range(len(DEPARTMENTS)), DEPARTMENTS,
                                            return_dtype=pl.String),
        "cost",
    ).sort("timestamp", maintain_order=True)  # fmt: skip


FINE_ACTIVITIES = (
    "Create Fine", "Send Fine", "Insert Fine Notification", "Add penalty",
    "Send for Credit Collection", "Payment", "Insert Date Appeal to Prefecture",
    "Send Appeal to Prefecture", "Receive Result Appeal from Prefecture",
    "Notify Result Appeal to Offender", "Appeal to Judge",
)  # fmt: skip
#: The most common variants of RTFMP with their numbers of cases (as published for the log);
#: the codes index FINE_ACTIVITIES.
FINE_VARIANTS = (
    ((0, 1, 2, 3, 4), 56_482), ((0, 5), 46_371), ((0, 1), 20_385), ((0, 1, 2, 3, 5), 9_520),
    ((0, 1, 2, 3, 5, 5), 3_736), ((0, 1, 2, 5, 3, 5), 3_301), ((0, 1, 5), 3_131),
    ((0, 1, 2, 6, 3, 7), 2_497), ((0, 1, 2, 3, 5, 4), 1_538), ((0, 1, 2, 5, 3), 1_515),
)  # fmt: skip
#: Cases beyond the common variants, each a random walk of 5 to 10 steps: RTFMP's 150,370.
FINE_RARE_CASES = 1_894


def generate_fines_log(seed: int = 2016) -> pl.DataFrame:
    """A log shaped like RTFMP: 150,370 cases, about 561,000 events, the same columns as
    :func:`generate_log`, every timestamp at local midnight (many ties, as in RTFMP)."""
    rng = np.random.default_rng(seed)
    sequences = [np.array(codes) for codes, _count in FINE_VARIANTS]
    counts = [count for _codes, count in FINE_VARIANTS]
    for _ in range(FINE_RARE_CASES):
        steps = rng.integers(1, len(FINE_ACTIVITIES), rng.integers(4, 10))
        sequences.append(np.r_[0, steps])
        counts.append(1)
    variant = rng.permutation(np.repeat(np.arange(len(sequences)), counts))
    code = np.concatenate([sequences[v] for v in variant])
    lengths = np.array([sequences[v].size for v in variant])
    case = np.repeat(np.arange(variant.size), lengths)
    first = np.r_[True, case[1:] != case[:-1]]
    days = np.where(rng.random(code.size) < 0.2, 0, rng.integers(1, 200, code.size))
    days[first] = 0
    elapsed = np.cumsum(days)
    elapsed -= np.maximum.accumulate(np.where(first, elapsed, 0))
    start = rng.integers(0, 13 * 365, variant.size)
    frame = pl.DataFrame(
        {
            "case": case,
            "code": code,
            "day": start[case] + elapsed,
            "resource": rng.integers(1, 600, code.size),
            "cost": np.round(rng.choice([35.0, 36.0, 74.0, 131.0], code.size), 2),
        }
    )
    local_midnight = (
        (pl.date(2000, 1, 1) + pl.duration(days="day"))
        .cast(pl.Datetime("us"))
        .dt.replace_time_zone("Europe/Rome")
        .dt.convert_time_zone("UTC")
    )
    return frame.select(
        pl.format("A{}", "case").alias("case"),
        pl.col("code").replace_strict(range(len(FINE_ACTIVITIES)), FINE_ACTIVITIES,
                                      return_dtype=pl.String).alias("activity"),
        local_midnight.alias("timestamp"),
        pl.format("{}", "resource").alias("resource"),
        pl.lit("Vigili").alias("department"),
        "cost",
    )  # fmt: skip


def _local_text(expr: pl.Expr, fmt: str) -> pl.Expr:
    return expr.dt.convert_time_zone("Europe/Copenhagen").dt.strftime(fmt)


def write_csv(frame: pl.DataFrame, path: Path) -> None:
    """PM4Py's column names, local time with its offset (+01:00 or +02:00)."""
    frame.select(
        pl.col("case").alias("case:concept:name"),
        pl.col("activity").alias("concept:name"),
        _local_text(pl.col("timestamp"), "%Y-%m-%d %H:%M:%S%:z").alias("time:timestamp"),
        pl.col("resource").alias("org:resource"),
        pl.lit("complete").alias("lifecycle:transition"),
        pl.col("department").alias("case:afdeling"),
        pl.col("cost").alias("omkostning"),
    ).write_csv(path)


def write_xes(frame: pl.DataFrame, path: Path) -> None:
    """An XES 1849 file, one trace per case, events in time order."""
    ordered = frame.sort("case", "timestamp", maintain_order=True)
    ordered = ordered.with_columns(
        pl.col("activity", "resource", "department").map_elements(
            quoteattr, return_dtype=pl.String
        ),
        _local_text(pl.col("timestamp"), "%Y-%m-%dT%H:%M:%S%.3f%:z").alias("when"),
    )
    events = ordered.select(
        "case",
        "department",
        pl.format(
            '<event><string key="concept:name" value={}/><string key="org:resource" value={}/>'
            '<date key="time:timestamp" value="{}"/>'
            '<string key="lifecycle:transition" value="complete"/>'
            '<float key="omkostning" value="{}"/></event>',
            "activity", "resource", "when", "cost",
        ).alias("xml"),
    )  # fmt: skip
    traces = events.group_by("case", maintain_order=True).agg(
        pl.col("department").first(), pl.col("xml").str.join("\n")
    )
    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write('<log xes.version="1849.2016" xmlns="http://www.xes-standard.org/">\n')
        for case, department, xml in traces.iter_rows():
            out.write(f'<trace><string key="concept:name" value="{case}"/>')
            out.write(f'<string key="afdeling" value={department}/>\n{xml}\n</trace>\n')
        out.write("</log>\n")


def _digest(items: list[Any]) -> str:
    return hashlib.sha1(json.dumps(sorted(items), default=str).encode()).hexdigest()[:12]


def run_ours(path: Path) -> dict[str, Any]:
    """Our pipeline; returns counts and digests of what it computed."""
    from procesbank.mining.engine import discovery, eventlog

    started = time.perf_counter()
    log = eventlog.read_log(path)
    edges = discovery.dfg(log)
    variants = discovery.variants(log)
    durations = discovery.case_durations(log)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cases": durations.height,
        "events": log.height,
        "variants": variants.height,
        "edges": edges.height,
        "dfg": _digest(
            [(a, b, int(n)) for a, b, n in edges.select("source", "target", "frequency").rows()]
        ),
        "variant_counts": _digest(
            [(tuple(v), n) for v, n in variants.select("variant", "cases").rows()]
        ),
    }


def run_pm4py(path: Path) -> dict[str, Any]:
    """PM4Py's default path for the same figures."""
    import warnings

    warnings.filterwarnings("ignore")
    import pandas as pd
    import pm4py

    started = time.perf_counter()
    if path.name.endswith(".csv"):
        frame = pm4py.format_dataframe(
            pd.read_csv(path),
            case_id="case:concept:name",
            activity_key="concept:name",
            timestamp_key="time:timestamp",
        )
    else:
        frame = pm4py.read_xes(str(path), variant="iterparse", show_progress_bar=False)
    dfg, _start, _end = pm4py.discover_dfg(frame)
    variants = pm4py.get_variants(frame)
    durations = pm4py.get_all_case_durations(frame)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cases": len(durations),
        "events": len(frame),
        "variants": len(variants),
        "edges": len(dfg),
        "dfg": _digest([(a, b, int(n)) for (a, b), n in dfg.items()]),
        "variant_counts": _digest([(tuple(v), int(n)) for v, n in variants.items()]),
    }


def run_r4pm(path: Path) -> dict[str, Any]:
    """r4pm's import and DFG, timed; its case and variant counts after the clock stops."""
    import r4pm
    from r4pm import bindings

    started = time.perf_counter()
    log = r4pm.import_item("EventLog", str(path))
    dfg = bindings.discover_dfg(log)
    seconds = time.perf_counter() - started
    projection = bindings.log_to_activity_projection(log=log)
    edges = [(a, b, int(n)) for (a, b), n in dfg["directly_follows_relations"]]
    return {
        "seconds": seconds,
        "cases": int(bindings.get_num_cases(projection)),
        "events": int(sum(dfg["activities"].values())),
        "variants": int(bindings.get_num_variants(projection)),
        "edges": len(edges),
        "dfg": _digest(edges),
    }


#: The whole-process commands: ours as a user runs it, r4pm doing only import and DFG.
R4PM_SCRIPT = (
    "import sys, r4pm; from r4pm import bindings; "
    "bindings.discover_dfg(r4pm.import_item('EventLog', sys.argv[1]))"
)


def _whole_command(side: str, path: str) -> list[str]:
    if side == "mine":
        return [sys.executable, "-m", "procesbank.cli", "mine", path, "--json"]
    return [sys.executable, "-c", R4PM_SCRIPT, path]


def _mine_counts(output: str) -> dict[str, Any]:
    figures = json.loads(output)
    edges = [(e["source"], e["target"], int(e["frequency"])) for e in figures["dfg"]]
    return {
        "cases": figures["cases"],
        "events": figures["events"],
        "variants": figures["variants"],
        "edges": len(edges),
        "dfg": _digest(edges),
    }


def _worker(side: str, path: str) -> None:
    runner = {"ours": run_ours, "pm4py": run_pm4py, "r4pm": run_r4pm}[side]
    print(json.dumps(runner(Path(path))))


def _measure(side: str, path: str) -> None:
    """Run one worker (or, for "mine" and "r4pm-whole", the whole command, timed from
    outside) as this process's only child and report its peak memory too."""
    whole = side in ("mine", "r4pm-whole")
    command = (
        _whole_command(side, path) if whole else [sys.executable, __file__, "--worker", side, path]
    )
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        print(json.dumps({"error": done.stderr.strip().splitlines()[-1:]}))
        return
    if side == "mine":
        result = {"seconds": seconds, **_mine_counts(done.stdout)}
    elif whole:
        result = {"seconds": seconds}
    else:
        result = json.loads(done.stdout.strip().splitlines()[-1])
    # ru_maxrss is in kibibytes on Linux.
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(result))


def measure(side: str, path: Path, repeat: int = 1) -> dict[str, Any]:
    """One side on one log, each run in a fresh pair of processes; the fastest run counts (on
    a shared machine the others measure the neighbours), with the highest peak seen."""
    runs = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, __file__, "--measure", side, str(path)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        runs.append(dict(json.loads(done.stdout.strip().splitlines()[-1])))
    if any("error" in run for run in runs):
        return next(run for run in runs if "error" in run)
    best = min(runs, key=lambda run: run["seconds"])
    return {**best, "peak_mb": max(run["peak_mb"] for run in runs)}


COUNTS = ("cases", "events", "variants", "edges", "dfg", "variant_counts")
#: What r4pm and ``procesbank mine`` report, compared with PM4Py's.
DFG_COUNTS = ("cases", "events", "variants", "edges", "dfg")


def _seconds(result: dict[str, Any] | None) -> str:
    if result is None:
        return f"{'-':>8}"
    if "error" in result:
        return f"{'failed':>8}"
    return f"{result['seconds']:>8.2f}"


def _megabytes(result: dict[str, Any] | None) -> str:
    if result is None or "error" in result:
        return f"{'-':>8}"
    return f"{result['peak_mb']:>8.0f}"


def _same(result: dict[str, Any] | None, reference: dict[str, Any], keys: tuple[str, ...]) -> str:
    if result is None or "error" in result:
        return "-"
    return "yes" if all(result[key] == reference[key] for key in keys) else "NO"


def _ratio(slow: dict[str, Any] | None, fast: dict[str, Any] | None, key: str) -> str:
    if slow is None or fast is None or "error" in slow or "error" in fast:
        return f"{'-':>6}"
    return f"{slow[key] / fast[key]:>5.1f}x"


def _row(name: str, sides: dict[str, dict[str, Any] | None]) -> str:
    ours, mine, pm4py = sides["ours"], sides["mine"], sides["pm4py"]
    r4pm, r4pm_whole = sides["r4pm"], sides["r4pm-whole"]
    if ours is None or "error" in ours:
        return f"{name:<24} ours failed: {ours and ours['error']}"
    reference = pm4py if pm4py is not None and "error" not in pm4py else ours
    return (
        f"{name:<24} {ours['events']:>10,} {ours['cases']:>9,} {ours['variants']:>9,} "
        f"{ours['edges']:>6,} {_seconds(ours)} {_megabytes(ours)} {_seconds(mine)} "
        f"{_megabytes(mine)} {_seconds(r4pm)} {_seconds(r4pm_whole)} {_megabytes(r4pm_whole)} "
        f"{_seconds(pm4py)} {_megabytes(pm4py)} {_ratio(r4pm_whole, mine, 'seconds')} "
        f"{_ratio(pm4py, ours, 'seconds')} {_ratio(pm4py, mine, 'seconds')} "
        f"{_ratio(pm4py, ours, 'peak_mb')} {_ratio(pm4py, mine, 'peak_mb')}  "
        f"{_same(ours, reference, COUNTS)}/{_same(mine, reference, DFG_COUNTS)}/"
        f"{_same(r4pm, reference, DFG_COUNTS)}"
    )


HEADER = (
    f"{'log':<24} {'events':>10} {'cases':>9} {'variants':>9} {'edges':>6} "
    f"{'ours s':>8} {'ours MB':>8} {'mine s':>8} {'mine MB':>8} {'r4pm s':>8} {'r4pm wh':>8} "
    f"{'r4pm MB':>8} {'PM4Py s':>8} {'PM4Py MB':>8} {'r4pm/m':>6} {'PM4/o':>6} {'PM4/m':>6} "
    f"{'mem/o':>6} {'mem/m':>6}  "
    "same (ours/mine/r4pm)"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5_000_000, help="events in the CSV")
    parser.add_argument("--xes-events", type=int, default=600_000, help="events in the XES")
    parser.add_argument("--fines", action="store_true", help="also an RTFMP-shaped XES")
    parser.add_argument("--quick", action="store_true", help="shared logs only")
    parser.add_argument("--ours-only", action="store_true", help="skip PM4Py and r4pm")
    parser.add_argument("--repeat", type=int, default=3, help="runs of ours, fastest counts")
    parser.add_argument("--pm4py-repeat", type=int, default=1, help="runs of PM4Py")
    parser.add_argument("--logs", nargs="*", type=Path, default=None, help="these logs only")
    parser.add_argument("--worker", nargs=2, metavar=("SIDE", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--measure", nargs=2, metavar=("SIDE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        _worker(*args.worker)
        return
    if args.measure:
        _measure(*args.measure)
        return
    has_r4pm = importlib.util.find_spec("r4pm") is not None
    if not has_r4pm:
        print("r4pm is not installed: its columns are left empty (pip install r4pm).")
    with tempfile.TemporaryDirectory(prefix="procesbank-bench-") as folder:
        logs = args.logs or [DATA / name for name in SHARED_LOGS]
        if not args.quick and args.logs is None:
            logs += _generate(Path(folder), args.events, args.xes_events, args.fines)
        print(HEADER)
        for path in logs:
            is_xes = ".xes" in path.name
            others = not args.ours_only
            sides: dict[str, dict[str, Any] | None] = {
                "ours": measure("ours", path, args.repeat),
                "mine": measure("mine", path, args.repeat),
                "r4pm": measure("r4pm", path, args.repeat)
                if others and has_r4pm and is_xes
                else None,
                "r4pm-whole": (
                    measure("r4pm-whole", path, args.repeat)
                    if others and has_r4pm and is_xes
                    else None
                ),
                "pm4py": measure("pm4py", path, args.pm4py_repeat) if others else None,
            }
            print(_row(path.name, sides), flush=True)


def _generate(folder: Path, events: int, xes_events: int, fines: bool) -> list[Path]:
    started = time.perf_counter()
    paths = []
    if events:
        paths.append(folder / f"generated-{events // 1000}k.csv")
        write_csv(generate_log(events), paths[-1])
    if xes_events:
        paths.append(folder / f"generated-{xes_events // 1000}k.xes")
        write_xes(generate_log(xes_events, seed=1850), paths[-1])
    if fines:
        paths.append(folder / "fines-rtfmp-shaped.xes")
        write_xes(generate_fines_log(), paths[-1])
    print(f"generated {', '.join(path.name for path in paths)} in "
          f"{time.perf_counter() - started:.0f} s", file=sys.stderr)  # fmt: skip
    return paths


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
