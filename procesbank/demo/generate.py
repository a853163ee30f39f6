"""`procesbank generate`: a national-scale data set for benchmarks and load tests.

The demo (``procesbank demo``) is loaded first and is the template: its processes, versions,
revisions, task rows, candidates, projects and business cases were written by the real
services, and the generator copies those rows into every municipality with ``bulk_create``,
exactly as the services would have written them (the same figures, the same XML, one audit
row per created object). Going through the services one object at a time would take hours at
98 x 1,000 processes; copying service-made rows keeps the shapes real and takes minutes.

Per municipality (``--processes M``): M processes (about two versions each, the demo's task
rows and revisions), M / 5 automation candidates, M / 20 projects (with the demo project's
business case, stakeholders and communication plan) and 21 users. The first seven
municipalities are the demo's own; the rest are the other Danish municipalities (name and
municipality code; the population is synthetic).

Idempotent: a municipality, user, process, candidate or project that exists (by its natural
key) is left as it is, so a second run only tops up what is missing, and an interrupted run
resumes (each municipality is written in one transaction).
"""

from __future__ import annotations

import copy
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.db.models import prefetch_related_objects
from django.db.models.base import ModelState

from procesbank.catalogue.models import Candidate
from procesbank.demo import load_demo
from procesbank.demo.organisations import COLLABORATION_NAME, MUNICIPALITIES
from procesbank.demo.processes import ROLE_RATES
from procesbank.economics.models import BusinessCase, BusinessCaseLine
from procesbank.organisations.audit import snapshot
from procesbank.organisations.models import AuditEntry, Collaboration, Municipality, Role, User
from procesbank.processes.models import (
    Process,
    ProcessVersion,
    Revision,
    RoleRate,
    TaskMeasurement,
    VersionKind,
)
from procesbank.projects.models import CommunicationItem, Project, Stakeholder

# The 98 municipalities and their codes (Danmarks Statistik); the demo's seven come first.
DANISH_MUNICIPALITIES: list[tuple[str, str]] = [
    ("101", "København"), ("147", "Frederiksberg"), ("151", "Ballerup"), ("153", "Brøndby"),
    ("155", "Dragør"), ("157", "Gentofte"), ("159", "Gladsaxe"), ("161", "Glostrup"),
    ("163", "Herlev"), ("165", "Albertslund"), ("167", "Hvidovre"), ("169", "Høje-Taastrup"),
    ("173", "Lyngby-Taarbæk"), ("175", "Rødovre"), ("183", "Ishøj"), ("185", "Tårnby"),
    ("187", "Vallensbæk"), ("190", "Furesø"), ("201", "Allerød"), ("210", "Fredensborg"),
    ("217", "Helsingør"), ("219", "Hillerød"), ("223", "Hørsholm"), ("230", "Rudersdal"),
    ("240", "Egedal"), ("250", "Frederikssund"), ("253", "Greve"), ("259", "Køge"),
    ("260", "Halsnæs"), ("265", "Roskilde"), ("269", "Solrød"), ("270", "Gribskov"),
    ("306", "Odsherred"), ("316", "Holbæk"), ("320", "Faxe"), ("326", "Kalundborg"),
    ("329", "Ringsted"), ("330", "Slagelse"), ("336", "Stevns"), ("340", "Sorø"),
    ("350", "Lejre"), ("360", "Lolland"), ("370", "Næstved"), ("376", "Guldborgsund"),
    ("390", "Vordingborg"), ("400", "Bornholm"), ("410", "Middelfart"), ("420", "Assens"),
    ("430", "Faaborg-Midtfyn"), ("440", "Kerteminde"), ("450", "Nyborg"), ("461", "Odense"),
    ("479", "Svendborg"), ("480", "Nordfyn"), ("482", "Langeland"), ("492", "Ærø"),
    ("510", "Haderslev"), ("530", "Billund"), ("540", "Sønderborg"), ("550", "Tønder"),
    ("561", "Esbjerg"), ("563", "Fanø"), ("573", "Varde"), ("575", "Vejen"),
    ("580", "Aabenraa"), ("607", "Fredericia"), ("615", "Horsens"), ("621", "Kolding"),
    ("630", "Vejle"), ("657", "Herning"), ("661", "Holstebro"), ("665", "Lemvig"),
    ("671", "Struer"), ("706", "Syddjurs"), ("707", "Norddjurs"), ("710", "Favrskov"),
    ("727", "Odder"), ("730", "Randers"), ("740", "Silkeborg"), ("741", "Samsø"),
    ("746", "Skanderborg"), ("751", "Aarhus"), ("756", "Ikast-Brande"),
    ("760", "Ringkøbing-Skjern"), ("766", "Hedensted"), ("773", "Morsø"), ("779", "Skive"),
    ("787", "Thisted"), ("791", "Viborg"), ("810", "Brønderslev"), ("813", "Frederikshavn"),
    ("820", "Vesthimmerland"), ("825", "Læsø"), ("840", "Rebild"), ("846", "Mariagerfjord"),
    ("849", "Jammerbugt"), ("851", "Aalborg"), ("860", "Hjørring"),
]  # fmt: skip

USERS_PER_MUNICIPALITY = 21  # 98 x 21 = 2,058 users, as in the measurement
_USER_MIX = [Role.KONSULENT, Role.LAESER, Role.LAESER, Role.LAESER, Role.KONSULENT]
_USER_PREFIX = {Role.LAESER: "laeser", Role.KONSULENT: "konsulent"}

M = TypeVar("M", bound=models.Model)


@dataclass
class Summary:
    """What a run created (zeros on a second run)."""

    municipalities: int = 0
    users: int = 0
    processes: int = 0
    versions: int = 0
    revisions: int = 0
    tasks: int = 0
    candidates: int = 0
    projects: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        return [
            f"  {label:<16} {value:>10,}"
            for label, value in (
                ("municipalities", self.municipalities),
                ("users", self.users),
                ("processes", self.processes),
                ("versions", self.versions),
                ("revisions", self.revisions),
                ("task rows", self.tasks),
                ("candidates", self.candidates),
                ("projects", self.projects),
            )
        ]


@dataclass
class _ProcessTemplate:
    process: Process
    versions: list[tuple[ProcessVersion, list[Revision], list[TaskMeasurement]]]


@dataclass
class _ProjectTemplate:
    project: Project
    stakeholders: list[Stakeholder]
    communication: list[CommunicationItem]
    business_case: BusinessCase | None
    lines: list[BusinessCaseLine] = field(default_factory=list)


@dataclass
class _Templates:
    processes: list[_ProcessTemplate]
    candidates: list[Candidate]
    projects: list[_ProjectTemplate]


def municipality_list(count: int) -> list[tuple[str, str]]:
    """The first ``count`` municipalities as (code, name): the demo's seven, then the rest."""
    demo_codes = [m.code for m in MUNICIPALITIES]
    by_code = dict(DANISH_MUNICIPALITIES)
    rest = [(code, name) for code, name in DANISH_MUNICIPALITIES if code not in demo_codes]
    return [(code, by_code[code]) for code in demo_codes][:count] + rest[: max(0, count - 7)]


def slugify_da(name: str) -> str:
    """Aabenraa -> aabenraa, Hørsholm -> hoersholm (the demo's slugs spell æ ø å out)."""
    text = name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in ascii_text).strip("-")


def generate(
    *,
    municipalities: int,
    processes: int,
    password: str,
    progress: Callable[[int, int, str], None] | None = None,
) -> Summary:
    """Load the demo, then fill ``municipalities`` municipalities with ``processes`` each."""
    started = time.monotonic()
    load_demo(password=password)
    templates = _templates()
    collaboration = Collaboration.objects.get(name=COLLABORATION_NAME)
    password_hash = make_password(password)  # hashed once: 2,000 hashes would take minutes
    summary = Summary()
    chosen = municipality_list(municipalities)
    for done, (code, name) in enumerate(chosen):
        if progress:
            progress(done, len(chosen), name)
        with transaction.atomic():
            _fill_municipality(
                code=code,
                name=name,
                collaboration=collaboration,
                processes=processes,
                password_hash=password_hash,
                templates=templates,
                summary=summary,
            )
    if progress:
        progress(len(chosen), len(chosen), "")
    _refresh_statistics()
    summary.seconds = time.monotonic() - started
    return summary


def _refresh_statistics() -> None:
    """Give PostgreSQL's planner statistics of the rows just written. Autovacuum gets there in
    its own time; until then the planner guesses a handful of rows per table, and the
    catalogue's first page took 2.4 s instead of 0.1 s (a nested loop over 80,000 rows it
    expected to be 10). A bulk load ends with ANALYZE, as ``pg_restore`` users are told to."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


_GENERATED = re.compile(r" \(\d+\)$")  # the suffix _names gives a reused name


def _first_by_name(rows: Iterable[M], name: Callable[[M], str]) -> list[M]:
    """The demo's own rows as templates: one per distinct name, none the generator made."""
    chosen: dict[str, M] = {}
    for row in rows:
        key = name(row)
        if not _GENERATED.search(key):
            chosen.setdefault(key, row)
    return list(chosen.values())


def _templates() -> _Templates:
    demo = Municipality.objects.filter(code__in=[m.code for m in MUNICIPALITIES])
    demo_processes = _first_by_name(
        Process.objects.filter(municipality__in=demo).order_by("municipality__code", "id"),
        lambda p: p.name,
    )
    prefetch_related_objects(demo_processes, "versions__revisions", "versions__tasks")
    processes = [
        _ProcessTemplate(
            process=p,
            versions=[
                (v, list(v.revisions.all()), list(v.tasks.all()))
                for v in sorted(p.versions.all(), key=lambda v: (v.kind, v.id))
            ],
        )
        for p in sorted(demo_processes, key=lambda p: p.name)
    ]
    candidates = _first_by_name(
        Candidate.objects.filter(municipality__in=demo).order_by("municipality__code", "id"),
        lambda c: c.title,
    )
    projects = []
    for project in _first_by_name(
        Project.objects.filter(municipality__in=demo).order_by("municipality__code", "id"),
        lambda p: p.name,
    ):
        case = BusinessCase.objects.filter(project=project).first()
        projects.append(
            _ProjectTemplate(
                project=project,
                stakeholders=list(project.stakeholders.order_by("id")),
                communication=list(project.communication_items.order_by("id")),
                business_case=case,
                lines=list(case.lines.order_by("position", "id")) if case else [],
            )
        )
    return _Templates(processes=processes, candidates=candidates, projects=projects)


def _clone(obj: M, **changes: Any) -> M:
    """A copy of a row as a new, unsaved row with ``changes`` applied."""
    new = copy.copy(obj)
    new._state = ModelState()
    new.pk = None
    new.__dict__.pop("_prefetched_objects_cache", None)
    for key, value in changes.items():
        setattr(new, key, value)
    return new


def _fill_municipality(
    *,
    code: str,
    name: str,
    collaboration: Collaboration,
    processes: int,
    password_hash: str,
    templates: _Templates,
    summary: Summary,
) -> None:
    slug = slugify_da(name)
    municipality, created = Municipality.objects.get_or_create(
        code=code,
        defaults={
            "collaboration": collaboration,
            "name": name,
            "slug": slug,
            # Synthetic: 15,000-115,000 inhabitants, stable per code.
            "population": 15_000 + (int(code) * 7919) % 100_000,
        },
    )
    summary.municipalities += int(created)
    RoleRate.objects.bulk_create(
        [RoleRate(municipality=municipality, role=r, hourly_rate=v) for r, v in ROLE_RATES.items()],
        ignore_conflicts=True,
    )
    users = _users(municipality, password_hash, summary)
    consultant = next(u for u in users if u.role == Role.KONSULENT)
    new_processes = _processes(municipality, consultant, processes, templates, summary)
    own = list(Process.objects.filter(municipality=municipality).order_by("id").only("id", "name"))
    _candidates(municipality, consultant, processes // 5, own, templates, summary)
    _projects(municipality, consultant, processes // 20, templates, summary)
    del new_processes


def _users(municipality: Municipality, password_hash: str, summary: Summary) -> list[User]:
    slug = municipality.slug
    wanted = [(f"laeser.{slug}", Role.LAESER), (f"konsulent.{slug}", Role.KONSULENT)]
    wanted.append((f"admin.{slug}", Role.KOMMUNEADMIN))
    for n in range(2, USERS_PER_MUNICIPALITY - 1):
        role = _USER_MIX[n % len(_USER_MIX)]
        wanted.append((f"{_USER_PREFIX[role]}{n}.{slug}", role))
    existing = set(
        User.objects.filter(username__in=[u for u, _ in wanted]).values_list("username", flat=True)
    )
    rows = [
        User(username=u, role=r, municipality=municipality, password=password_hash)
        for u, r in wanted
        if u not in existing
    ]
    User.objects.bulk_create(rows)
    summary.users += len(rows)
    return list(User.objects.filter(municipality=municipality).order_by("id"))


def _names(base: Iterable[str], count: int) -> list[str]:
    """``count`` distinct names drawn round-robin from ``base`` (which may repeat a name: the
    demo municipalities share theirs); a name's first use keeps it, later uses get the number
    of their place (``Navn (137)``), so the k-th name is the same on every run."""
    pool = list(base)
    seen: set[str] = set()
    names = []
    for k in range(count):
        name = pool[k % len(pool)]
        names.append(name if name not in seen else f"{name} ({k + 1})")
        seen.add(name)
    return names


def _audit(user: User, municipality: Municipality, rows: list[models.Model]) -> None:
    AuditEntry.objects.bulk_create(
        [
            AuditEntry(
                municipality=municipality,
                user=user,
                username=user.username,
                action=AuditEntry.Action.CREATE,
                object_type=row._meta.label,
                object_id=str(row.pk),
                object_repr=str(row)[:200],
                after=snapshot(row),
            )
            for row in rows
        ],
        batch_size=2000,
    )


def _processes(
    municipality: Municipality,
    user: User,
    count: int,
    templates: _Templates,
    summary: Summary,
) -> list[Process]:
    existing = set(Process.objects.filter(municipality=municipality).values_list("name", flat=True))
    pool = templates.processes
    names = _names((t.process.name for t in pool), count)
    plan = [(pool[k % len(pool)], n) for k, n in enumerate(names) if n[:200] not in existing]
    if not plan:
        return []
    rows = [
        _clone(t.process, municipality=municipality, name=n[:200], created_by=user) for t, n in plan
    ]
    Process.objects.bulk_create(rows, batch_size=1000)
    versions: list[ProcessVersion] = []
    children: list[tuple[list[Revision], list[TaskMeasurement]]] = []
    for process, (template, _name) in zip(rows, plan, strict=True):
        for version, revisions, tasks in template.versions:
            versions.append(_clone(version, process=process, updated_by=user))
            children.append((revisions, tasks))
    if connection.vendor == "postgresql":
        # The XML is 14 kB a version and revision: copied inside the database, not through
        # Python (2.5 ms a row with bulk_create, 0.07 ms with INSERT ... SELECT).
        version_ids = _copy_in_database(
            ProcessVersion, "process_id", "updated_by_id", user.pk, [
                (v.id, p.pk) for p, (t, _n) in zip(rows, plan, strict=True)
                for v, _r, _t in t.versions
            ],
        )  # fmt: skip
        pairs = list(zip(version_ids, children, strict=True))
        revision_count = len(_copy_in_database(
            Revision, "version_id", "author_id", user.pk,
            [(r.id, vid) for vid, (revisions, _t) in pairs for r in revisions],
        ))  # fmt: skip
        task_count = len(_copy_in_database(
            TaskMeasurement, "version_id", None, None,
            [(t.id, vid) for vid, (_r, tasks) in pairs for t in tasks],
        ))  # fmt: skip
    else:
        ProcessVersion.objects.bulk_create(versions, batch_size=500)
        revision_rows = []
        task_rows = []
        for version, (revisions, tasks) in zip(versions, children, strict=True):
            revision_rows += [_clone(r, version=version, author=user) for r in revisions]
            task_rows += [_clone(t, version=version) for t in tasks]
        Revision.objects.bulk_create(revision_rows, batch_size=250)
        TaskMeasurement.objects.bulk_create(task_rows, batch_size=5000)
        revision_count, task_count = len(revision_rows), len(task_rows)
    _audit(user, municipality, list(rows))
    summary.processes += len(rows)
    summary.versions += len(versions)
    summary.revisions += revision_count
    summary.tasks += task_count
    return rows


def _copy_in_database(
    model: type[models.Model],
    parent: str,
    user_column: str | None,
    user_id: int | None,
    pairs: list[tuple[int, int]],
) -> list[int]:
    """Copy rows of ``model`` inside PostgreSQL: for each (template id, new parent id), a new
    row equal to the template but for its id, its parent and (if given) its user column.
    Returns the new ids in the order of ``pairs``."""
    if not pairs:
        return []
    table = model._meta.db_table
    columns = [
        f.column for f in model._meta.concrete_fields if f.column not in {"id", parent, user_column}
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(pairs)],
        )
        new_ids = [row[0] for row in cursor.fetchall()]
        own = [parent] + ([user_column] if user_column else [])
        target = ", ".join(['"id"', *(f'"{c}"' for c in own + columns)])
        source = ", ".join(["v.new_id", "v.parent", *(["%s"] if user_column else [])])
        source += "".join(f', s."{c}"' for c in columns)
        for start in range(0, len(pairs), 5000):
            chunk = list(
                zip(new_ids[start : start + 5000], pairs[start : start + 5000], strict=True)
            )
            values = ", ".join(["(%s, %s, %s)"] * len(chunk))
            params: list[int | None] = [user_id] if user_column else []
            for new_id, (template_id, parent_id) in chunk:
                params += [new_id, template_id, parent_id]
            cursor.execute(
                f'INSERT INTO "{table}" ({target}) SELECT {source} FROM "{table}" s '  # noqa: S608
                f"JOIN (VALUES {values}) AS v(new_id, template, parent) ON s.id = v.template",
                params,
            )
    return new_ids


def _candidates(
    municipality: Municipality,
    user: User,
    count: int,
    own: list[Process],
    templates: _Templates,
    summary: Summary,
) -> None:
    pool = templates.candidates
    if not pool or count <= 0:
        return
    existing = set(
        Candidate.objects.filter(municipality=municipality).values_list("title", flat=True)
    )
    rows = []
    for k, title in enumerate(_names((c.title for c in pool), count)):
        if title in existing:
            continue
        template = pool[k % len(pool)]
        process = own[(k * 5) % len(own)] if template.process_id and own else None
        rows.append(
            _clone(
                template,
                municipality=municipality,
                title=title,
                process=process,
                created_by=user,
                esdh_reference=f"{municipality.code}-{k:05d}" if template.esdh_reference else "",
            )
        )
    Candidate.objects.bulk_create(rows, batch_size=1000)
    _audit(user, municipality, list(rows))
    summary.candidates += len(rows)


def _projects(
    municipality: Municipality,
    user: User,
    count: int,
    templates: _Templates,
    summary: Summary,
) -> None:
    pool = templates.projects
    if not pool or count <= 0:
        return
    existing = set(Project.objects.filter(municipality=municipality).values_list("name", flat=True))
    pairs = _version_pairs(municipality)
    plan = [
        (pool[k % len(pool)], name, pairs[k % len(pairs)] if pairs else (None, None))
        for k, name in enumerate(_names((t.project.name for t in pool), count))
        if name[:200] not in existing
    ]
    rows = [
        _clone(t.project, municipality=municipality, name=n[:200], owner=user,
               as_is_version_id=a, to_be_version_id=b)
        for t, n, (a, b) in plan
    ]  # fmt: skip
    Project.objects.bulk_create(rows, batch_size=1000)
    stakeholders, items, cases, case_lines = [], [], [], []
    for project, (template, _n, (as_is, to_be)) in zip(rows, plan, strict=True):
        stakeholders += [_clone(s, project=project) for s in template.stakeholders]
        items += [_clone(c, project=project) for c in template.communication]
        if template.business_case is not None:
            case = _clone(template.business_case, project=project, updated_by=user)
            cases.append(case)
            case_lines.append((case, template.lines, as_is, to_be))
    Stakeholder.objects.bulk_create(stakeholders, batch_size=1000)
    CommunicationItem.objects.bulk_create(items, batch_size=1000)
    BusinessCase.objects.bulk_create(cases, batch_size=1000)
    lines = []
    for case, template_lines, as_is, to_be in case_lines:
        for line in template_lines:
            changes: dict[str, Any] = {"business_case": case}
            if line.as_is_version_id:
                changes["as_is_version_id"] = as_is
            if line.to_be_version_id:
                changes["to_be_version_id"] = to_be
            lines.append(_clone(line, **changes))
    BusinessCaseLine.objects.bulk_create(lines, batch_size=1000)
    _audit(user, municipality, list(rows))
    summary.projects += len(rows)


def _version_pairs(municipality: Municipality) -> list[tuple[int | None, int | None]]:
    """(as-is, to-be) version ids of the municipality's processes that have a to-be."""
    by_process: dict[int, dict[str, int]] = {}
    versions = ProcessVersion.objects.filter(process__municipality=municipality).order_by("id")
    for process_id, kind, version_id in versions.values_list("process_id", "kind", "id"):
        by_process.setdefault(process_id, {}).setdefault(kind, version_id)
    return [
        (kinds.get(VersionKind.AS_IS), kinds[VersionKind.TO_BE])
        for kinds in by_process.values()
        if VersionKind.TO_BE in kinds
    ]


class ProgressBar:
    """A one-line progress bar on stderr: ``[#####.....] 12/98 Aarhus 1m02s``."""

    def __init__(self, stream: Any = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.started = time.monotonic()

    def __call__(self, done: int, total: int, label: str) -> None:
        filled = int(self.width * done / total) if total else self.width
        elapsed = int(time.monotonic() - self.started)
        bar = "#" * filled + "." * (self.width - filled)
        line = f"\r[{bar}] {done}/{total} {label:<20} {elapsed // 60}m{elapsed % 60:02d}s"
        self.stream.write(line)
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()
