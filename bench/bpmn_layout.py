"""How long drawing a diagram for an imported BPMN file without one takes, by model size.

Run by hand (not in CI): ``PYTHONPATH=. .venv/bin/python bench/bpmn_layout.py``.

Each model is generated: a start event, ``tasks`` user tasks in three lanes, an exclusive
split and join around every tenth pair of tasks, a loop back every 50 tasks, an end event,
and no BPMN DI. What is timed is the engine's ``parse_bpmn`` plus ``add_diagram`` (what the
import does before it stores the file), each size in its own subprocess with a time limit,
fastest of ``--repeat`` runs. The element cap of the import is lifted for the benchmark, so
the sizes above it are measured too.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

SIZES = (250, 500, 1_000, 2_000, 20_000)


def model(tasks: int) -> bytes:
    """A BPMN 2.0 file with ``tasks`` tasks in three lanes and no diagram."""
    nodes: list[str] = ['<startEvent id="start" name="Ansøgning modtaget"/>']
    flows: list[tuple[str, str]] = []
    lanes: dict[str, list[str]] = {"L0": ["start"], "L1": [], "L2": []}
    previous = "start"
    index = 0
    while index < tasks:
        if index % 10 == 0 and index + 2 <= tasks:
            split, join = f"split{index}", f"join{index}"
            a, b = f"t{index}", f"t{index + 1}"
            nodes += [
                f'<exclusiveGateway id="{split}" name="Godkendt?"/>',
                f'<userTask id="{a}" name="Behandl sag {index}"/>',
                f'<userTask id="{b}" name="Afvis sag {index + 1}"/>',
                f'<exclusiveGateway id="{join}"/>',
            ]
            flows += [(previous, split), (split, a), (split, b), (a, join), (b, join)]
            for key in (split, a, b, join):
                lanes[f"L{index % 3}"].append(key)
            previous = join
            index += 2
        else:
            key = f"t{index}"
            nodes.append(f'<userTask id="{key}" name="Opgave {index}"/>')
            flows.append((previous, key))
            lanes[f"L{index % 3}"].append(key)
            if index % 50 == 49:
                flows.append((key, f"t{index - 20}"))
            previous = key
            index += 1
    nodes.append('<endEvent id="end" name="Afsluttet"/>')
    flows.append((previous, "end"))
    lanes["L0"].append("end")
    lane_xml = "".join(
        f'<lane id="{lane}" name="Rolle {lane}">'
        + "".join(f"<flowNodeRef>{key}</flowNodeRef>" for key in keys)
        + "</lane>"
        for lane, keys in lanes.items()
    )
    flow_xml = "".join(
        f'<sequenceFlow id="f{i}" sourceRef="{s}" targetRef="{t}"/>'
        for i, (s, t) in enumerate(flows)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" '
        'targetNamespace="x"><collaboration id="c"><participant id="p" name="Sag" '
        'processRef="P"/></collaboration>'
        f'<process id="P"><laneSet id="ls">{lane_xml}</laneSet>{"".join(nodes)}{flow_xml}'
        "</process></definitions>"
    ).encode()


def measure(tasks: int, repeat: int) -> None:
    """Print the fastest of ``repeat`` runs of parse + layout for ``tasks`` tasks, in seconds."""
    import inspect

    from procesbank.processes.engine import bpmn, diagram

    data = model(tasks)
    limits = {"max_bytes": 100 * 1024 * 1024}
    if "max_elements" in inspect.signature(bpmn.parse_bpmn).parameters:
        limits["max_elements"] = 10**9
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        doc = bpmn.parse_bpmn(data, **limits)
        diagram.add_diagram(doc)
        best = min(best, time.perf_counter() - start)
    print(f"{best:.3f} {len(data) / 1024 / 1024:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=180, help="seconds per size")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.repeat)
        return
    print(f"{'tasks':>7} {'MB':>5} {'seconds':>9}")
    for tasks in args.sizes:
        command = [sys.executable, __file__, "--measure", str(tasks), "--repeat", str(args.repeat)]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=args.timeout, check=True
            )
        except subprocess.TimeoutExpired:
            print(f"{tasks:>7} {'':>5} {'> ' + str(int(args.timeout)):>9}")
            continue
        seconds, size = done.stdout.split()
        print(f"{tasks:>7} {size:>5} {seconds:>9}")


if __name__ == "__main__":
    main()
