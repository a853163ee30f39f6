"""When a handbook page is due for review, and what changed between two versions of it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date

from procesbank.core.dates import add_months


def review_due_on(last_reviewed: date, interval_months: int) -> date:
    """The day the next review is due."""
    return add_months(last_reviewed, interval_months)


def is_review_due(last_reviewed: date, interval_months: int, today: date) -> bool:
    return review_due_on(last_reviewed, interval_months) <= today


@dataclass(frozen=True)
class DiffLine:
    """One line of a side-by-side comparison: ``kind`` is "same", "removed", "added" or
    "changed" (a line replaced by another); the left is the older text, the right the newer;
    a number is None where that side has no line."""

    kind: str
    left_number: int | None
    left: str
    right_number: int | None
    right: str


def side_by_side(before: str, after: str) -> list[DiffLine]:
    """The lines of ``before`` and ``after`` paired as a side-by-side comparison."""
    old = before.splitlines()
    new = after.splitlines()
    rows: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [
                DiffLine("same", i + 1, old[i], j + 1, new[j])
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            ]
        elif tag == "delete":
            rows += [DiffLine("removed", i + 1, old[i], None, "") for i in range(i1, i2)]
        elif tag == "insert":
            rows += [DiffLine("added", None, "", j + 1, new[j]) for j in range(j1, j2)]
        else:  # replace: pair the lines, the longer side's rest stands alone
            left = list(range(i1, i2))
            right = list(range(j1, j2))
            for k in range(max(len(left), len(right))):
                i = left[k] if k < len(left) else None
                j = right[k] if k < len(right) else None
                kind = "changed" if i is not None and j is not None else "removed"
                if i is None:
                    kind = "added"
                rows.append(
                    DiffLine(
                        kind,
                        None if i is None else i + 1,
                        "" if i is None else old[i],
                        None if j is None else j + 1,
                        "" if j is None else new[j],
                    )
                )
    return rows


def diff_counts(rows: list[DiffLine]) -> tuple[int, int]:
    """(lines added, lines removed); a changed line counts as one of each."""
    added = sum(1 for r in rows if r.kind in {"added", "changed"})
    removed = sum(1 for r in rows if r.kind in {"removed", "changed"})
    return added, removed
