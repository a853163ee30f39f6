"""Every read of projects, on behalf of an acting user.

Projects are internal to a municipality: a user reads the projects of their own municipality
only. The collaboration's administrator sees every municipality's projects on the portfolio
page, through :func:`portfolio_projects`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet

from procesbank.kit.access import access_or_404
from procesbank.organisations.models import User
from procesbank.organisations.permissions import Action, can, require_edit
from procesbank.organisations.pickers import own_first
from procesbank.processes.models import Process, ProcessVersion
from procesbank.processes.selectors import visible_to as processes_visible_to
from procesbank.projects.engine import gates, split
from procesbank.projects.models import (
    CommunicationItem,
    GateCriterion,
    MilestoneKind,
    PhaseTransition,
    ProcurementMilestone,
    Project,
    ProjectParticipant,
    ProjectPhase,
    Stakeholder,
)


def visible_to(user: User) -> Q:
    """The projects a user may read: those of the own municipality and the joint projects it
    takes part in (a participant reads the joint project; only the lead changes it)."""
    if user.municipality_id is None:
        return Q(pk__in=[])
    # A subquery, not a join: the join would repeat a joint project once per participant.
    joint = ProjectParticipant.objects.filter(municipality_id=user.municipality_id)
    return Q(municipality_id=user.municipality_id) | Q(pk__in=joint.values("project_id"))


#: The list's order: by name, then by id, so equal names (a project name repeats across
#: municipalities and joint projects) come in the same order on every request.
PROJECT_ORDER = ("name", "id")


def project_list(*, user: User) -> QuerySet[Project]:
    """The own municipality's projects with their owner and linked process versions."""
    return (
        Project.objects.filter(visible_to(user))
        .select_related(
            "municipality",
            "owner",
            "as_is_version__process__municipality",
            "to_be_version__process__municipality",
        )
        .order_by(*PROJECT_ORDER)
    )


def project_rows(*, user: User) -> QuerySet[Project]:
    """The projects page: the projects the user may read with their owner and the process of
    their as-is version (the link the page shows), fetched by key in a query of its own and
    only the columns the link needs.

    Joined into one query, the tables passed PostgreSQL's join search limit and it hashed
    every process version of the country to find the page's few (200 ms at 98
    municipalities); a list shows no BPMN, and each document is kilobytes, as is a process's
    search text."""
    versions = ProcessVersion.objects.select_related("process__municipality").only(
        "process_id", "process__name", "process__municipality_id", "process__municipality__name"
    )
    return (
        Project.objects.filter(visible_to(user))
        .select_related("municipality", "owner")
        .prefetch_related(Prefetch("as_is_version", queryset=versions))
        .order_by(*PROJECT_ORDER)
    )


def project_values(*, user: User) -> QuerySet[Project, Any]:
    """The API's project list: the projects the user may read as plain values in one query
    (their versions by id; the owner's user name), in the list's order."""
    return (
        Project.objects.filter(visible_to(user))
        .order_by(*PROJECT_ORDER)
        .values(
            "id",
            "name",
            "description",
            "phase",
            "as_is_version_id",
            "to_be_version_id",
            "lock_version",
            municipality_name=F("municipality__name"),
            owner_username=F(f"owner__{User.USERNAME_FIELD}"),
        )
    )


def access_project(*, user: User, project_id: int) -> Project:
    """One project the user may read; 404 for any other."""
    return access_or_404(project_list(user=user), pk=project_id)


def access_project_for_edit(*, user: User, project_id: int) -> Project:
    """One project the user may change: the own municipality's, and the role allows it."""
    project = access_project(user=user, project_id=project_id)
    require_edit(user, project.municipality)
    return project


def can_edit(*, user: User, project: Project) -> bool:
    return can(user, Action.EDIT, project.municipality)


def version_choices(*, user: User, kind: str | None = None) -> QuerySet[ProcessVersion]:
    """Process versions the user may link a project to: those of the processes they may read,
    the own municipality's first."""
    versions = ProcessVersion.objects.filter(
        process__in=Process.objects.filter(processes_visible_to(user)).values("pk")
    ).select_related("process__municipality")
    if kind:
        versions = versions.filter(kind=kind)
    return own_first(
        versions, user=user, via="process__municipality", then=("process__name", "kind", "label")
    )


def access_version(*, user: User, version_id: int) -> ProcessVersion:
    """A process version the user may read (to link it to a project); 404 otherwise."""
    return access_or_404(version_choices(user=user), pk=version_id)


def portfolio_projects(*, user: User) -> QuerySet[Project]:
    """The projects of the portfolio: the own municipality's, or for the collaboration's
    administrator those of every municipality in the collaboration."""
    if user.municipality is None:
        return Project.objects.none()
    if can(user, Action.ADMINISTER_COLLABORATION):
        scope = Q(municipality__collaboration_id=user.municipality.collaboration_id)
    else:
        # A joint project counts in every participant's portfolio.
        scope = visible_to(user)
    return Project.objects.filter(scope).select_related("municipality").order_by("name")


@dataclass(frozen=True)
class GateItem:
    """One criterion of the gate out of the project's current phase."""

    criterion: str
    label: str
    automatic: bool
    met: bool


def _gate_facts() -> dict[str, Exists]:
    """What the automatic criteria are decided from, as annotations of a project queryset (one
    query for any number of projects). The business case and the benefits live in apps above
    this one; the ORM's reverse relations reach them without importing them."""
    this = Project.objects.filter(pk=OuterRef("pk"))
    return {
        "gate_case_approved": Exists(this.filter(business_case__approved=True)),
        "gate_has_benefits": Exists(this.filter(benefits__isnull=False)),
        "gate_ownerless_benefit": Exists(
            this.filter(benefits__owner__isnull=True, benefits__owner_name="")
        ),
        # The plan is laid once it has a line.
        "gate_has_communication": Exists(this.filter(communication_items__isnull=False)),
    }


def with_gate_facts(projects: QuerySet[Project]) -> QuerySet[Project]:
    """``projects`` annotated for :func:`gate_items` (no query per project)."""
    return projects.annotate(**_gate_facts())


def _automatically_met(facts: dict[str, bool], project: Project, criterion: str) -> bool:
    if criterion == GateCriterion.PROCESS_MAPPED:
        return project.as_is_version_id is not None and project.to_be_version_id is not None
    if criterion == GateCriterion.BUSINESS_CASE_APPROVED:
        return facts["gate_case_approved"]
    if criterion == GateCriterion.BENEFITS_PLAN:
        return facts["gate_has_benefits"] and not facts["gate_ownerless_benefit"]
    if criterion == GateCriterion.COMMUNICATION_PLAN:
        return facts["gate_has_communication"]
    return False


def gate_items(*, project: Project) -> list[GateItem]:
    """The criteria of the gate out of the current phase; empty in the last phase. A project
    from :func:`with_gate_facts` costs no query; any other one query."""
    names = list(_gate_facts())
    if all(hasattr(project, name) for name in names):
        facts = {name: bool(getattr(project, name)) for name in names}
    else:
        row = with_gate_facts(Project.objects.filter(pk=project.pk)).values(*names).first()
        facts = {name: bool(row and row[name]) for name in names}
    labels = dict(GateCriterion.choices)
    return [
        GateItem(
            criterion=criterion,
            label=str(labels[criterion]),
            automatic=criterion in gates.AUTOMATIC,
            met=criterion in gates.AUTOMATIC and _automatically_met(facts, project, criterion),
        )
        for criterion in gates.GATES.get(project.phase, ())
    ]


@dataclass(frozen=True)
class ProjectGate:
    """A project with the phase it goes to next and the gate it must pass to get there
    (``next_phase`` None and no items in the last phase)."""

    project: Project
    next_phase: str | None
    items: list[GateItem]

    @property
    def next_phase_label(self) -> str:
        return str(dict(ProjectPhase.choices)[self.next_phase]) if self.next_phase else ""

    @property
    def met_count(self) -> int:
        return sum(1 for item in self.items if item.met)

    @property
    def missing(self) -> list[str]:
        """The labels of the criteria not met yet (those a person confirms included)."""
        return [item.label for item in self.items if not item.met]


def owned_project_gates(*, user: User, limit: int = 8) -> list[ProjectGate]:
    """The projects of the own municipality the user owns, latest changed first, each with its
    next gate."""
    projects = with_gate_facts(project_list(user=user).filter(owner_id=user.pk)).order_by(
        "-updated_at", "-pk"
    )[:limit]
    return [
        ProjectGate(
            project=project,
            next_phase=gates.next_phase(project.phase),
            items=gate_items(project=project),
        )
        for project in projects
    ]


def transition_list(*, project: Project) -> QuerySet[PhaseTransition]:
    return project.transitions.select_related("by").order_by("at", "id")


def lead_time_days(*, project: Project) -> int | None:
    """Days from the idea (the project's creation) to go-live (entering realisation)."""
    live = project.transitions.filter(to_phase=ProjectPhase.REALISATION).order_by("at").first()
    return None if live is None else (live.at - project.created_at).days


# --- anchoring: stakeholders and the communication plan ---------------------------------------
def anchoring_project_list(*, user: User) -> QuerySet[Project]:
    """The own municipality's projects with their number of stakeholders and plan lines."""
    return project_list(user=user).annotate(
        stakeholder_count=Count("stakeholders", distinct=True),
        communication_count=Count("communication_items", distinct=True),
    )


def stakeholder_list(*, project: Project) -> QuerySet[Stakeholder]:
    """The stakeholders of a project the caller has reached through :func:`access_project`."""
    return Stakeholder.objects.filter(project=project)


def communication_list(*, project: Project) -> QuerySet[CommunicationItem]:
    """The communication plan of a project reached through :func:`access_project`."""
    return CommunicationItem.objects.filter(project=project)


def access_stakeholder(*, user: User, stakeholder_id: int) -> Stakeholder:
    """A stakeholder of a project the user may change; 404/403 otherwise."""
    stakeholder = access_or_404(Stakeholder.objects.all(), pk=stakeholder_id)
    access_project_for_edit(user=user, project_id=stakeholder.project_id)
    return stakeholder


def access_communication(*, user: User, item_id: int) -> CommunicationItem:
    """A communication plan line of a project the user may change; 404/403 otherwise."""
    item = access_or_404(CommunicationItem.objects.all(), pk=item_id)
    access_project_for_edit(user=user, project_id=item.project_id)
    return item


# --- joint projects and procurements (issue 15) ----------------------------------------------
def participant_list(*, project: Project) -> list[ProjectParticipant]:
    """The participants of a project the caller has reached through :func:`access_project`
    (every participant reads the list: the split keys are shared by all of them)."""
    return list(
        ProjectParticipant.objects.filter(project=project)
        .select_related("municipality")
        .order_by("municipality__name")
    )


def is_joint(*, project: Project) -> bool:
    return ProjectParticipant.objects.filter(project=project).exists()


def is_lead(*, user: User, project: Project) -> bool:
    """The user belongs to the municipality that leads (runs) the project."""
    return user.municipality_id is not None and user.municipality_id == project.municipality_id


def access_participant(*, user: User, participant_id: int) -> ProjectParticipant:
    """A participant row of a project the user may change (the lead's); 404/403 otherwise."""
    participant = access_or_404(ProjectParticipant.objects.all(), pk=participant_id)
    access_project_for_edit(user=user, project_id=participant.project_id)
    return participant


def milestone_list(*, project: Project) -> list[ProcurementMilestone]:
    """A procurement's milestones in the order of :class:`MilestoneKind`."""
    order = {kind: index for index, kind in enumerate(MilestoneKind.values)}
    return sorted(ProcurementMilestone.objects.filter(project=project), key=lambda m: order[m.kind])


def access_milestone(*, user: User, milestone_id: int) -> ProcurementMilestone:
    """A milestone of a procurement the user may change; 404/403 otherwise."""
    milestone = access_or_404(ProcurementMilestone.objects.all(), pk=milestone_id)
    access_project_for_edit(user=user, project_id=milestone.project_id)
    return milestone


# The split keys by name (economics' ``SplitKey`` values; economics stands above this app).
PARTICIPANT_FIELDS = {"cases": "cases", "seats": "seats", "fixed": "fixed_share"}


def participant_weights(
    participants: Sequence[ProjectParticipant],
    key: str,
    amounts: Mapping[str, Sequence[Decimal | str]] | None = None,
) -> dict[int, Decimal]:
    """Each participant's weight by a split key, by municipality id: its population, cases,
    seats or fixed share, or (``amounts`` key) the sum over the years of the amounts given for
    it (``amounts``: municipality id as text -> DKK per year, as a line split stores them)."""
    if key == "amounts":
        stored = amounts or {}
        return {
            p.municipality_id: sum(
                (Decimal(str(v)) for v in stored.get(str(p.municipality_id), ())), Decimal(0)
            )
            for p in participants
        }
    field = PARTICIPANT_FIELDS.get(key)
    return {
        p.municipality_id: Decimal(getattr(p, field) if field else p.municipality.population or 0)
        for p in participants
    }


def participant_parts(
    amount: Decimal,
    participants: Sequence[ProjectParticipant],
    key: str = "population",
    amounts: Mapping[str, Sequence[Decimal | str]] | None = None,
) -> dict[int, Decimal]:
    """``amount`` (DKK) split between the participants by a split key, in øre that add up
    exactly (:func:`split.allocate`), by municipality id.

    A key whose weights are all 0 (cases not entered yet) falls back to population, and then to
    equal parts: a portfolio or a dashboard must not fail for every municipality because one
    joint project's key is unfinished (its business case page shows the refusal)."""
    for weights in (
        participant_weights(participants, key, amounts),
        participant_weights(participants, "population"),
        {p.municipality_id: Decimal(1) for p in participants},
    ):
        if any(weight > 0 for weight in weights.values()):
            return split.allocate(amount, weights)
    return {}
