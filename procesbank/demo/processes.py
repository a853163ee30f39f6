"""Demo data for the process library: ten realistic processes in each demo municipality
(with municipal variation in volumes and times), to-be versions where the process has one, and
the receipt model of a Dutch municipality's permit process from the public test data.

Idempotent: a process that exists (same municipality and name) is left as it is.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.db import transaction

from procesbank.demo.bpmn_models import (
    DEMO_PROCESSES,
    ProcessSpec,
    Variant,
    build_bpmn,
    municipality_variant,
)
from procesbank.organisations.models import Municipality, Role, User
from procesbank.processes import services
from procesbank.processes.models import (
    KleFacetEntry,
    KleTopic,
    Phase,
    Process,
    RoleRate,
    Visibility,
)
from procesbank.processes.services.kle import kle_facets_import, kle_plan_import

RECEIPT_BPMN = (
    Path(__file__).resolve().parents[2] / "tests" / "data" / "event-logs" / "receipt.bpmn"
)

# Hourly rates (DKK, incl. overhead) that the demo municipalities use for the lanes' roles.
ROLE_RATES = {
    "Sagsbehandler": Decimal("460"),
    "Borgerservicemedarbejder": Decimal("410"),
    "Økonomimedarbejder": Decimal("440"),
    "Teamleder": Decimal("590"),
    "Byggesagsbehandler": Decimal("480"),
    "Visitator": Decimal("470"),
    "HR-konsulent": Decimal("480"),
}

DEMO_KLE_PLAN = Path(__file__).resolve().parent / "data" / "kle-emneplan-demo.xml"
DEMO_KLE_FACETS = Path(__file__).resolve().parent / "data" / "kle-handlingsfacetter-demo.xml"

# Most demo processes are shared with the collaboration, so the catalogue and the comparisons
# have something to show; every fourth stays private, as real municipalities' drafts do.
_PHASES = [Phase.MAPPED, Phase.IMPROVING, Phase.IMPLEMENTED, Phase.MAPPED, Phase.IDEA]


@transaction.atomic
def load_processes() -> int:
    """Create the missing demo processes; returns how many were created. The demo's KLE plan
    (data/kle-emneplan-demo.xml) is loaded first when no plan is, so every demo process is
    filed under a number of the plan."""
    if not KleTopic.objects.exists():
        kle_plan_import(data=DEMO_KLE_PLAN.read_bytes())
    if not KleFacetEntry.objects.exists():
        kle_facets_import(data=DEMO_KLE_FACETS.read_bytes())
    created = 0
    for municipality in Municipality.objects.order_by("name"):
        consultant = User.objects.filter(municipality=municipality, role=Role.KONSULENT).first()
        if consultant is None:
            continue
        _rates(municipality)
        for index, base in enumerate(DEMO_PROCESSES):
            spec = municipality_variant(base, municipality.slug, municipality.population)
            if Process.objects.filter(municipality=municipality, name=spec.name).exists():
                continue
            _create(consultant, spec, index)
            created += 1
        if municipality.slug == "helsingoer":
            created += _receipt(consultant)
    return created


def _rates(municipality: Municipality) -> None:
    for role, rate in ROLE_RATES.items():
        RoleRate.objects.get_or_create(
            municipality=municipality, role=role, defaults={"hourly_rate": rate}
        )


def _create(user: User, spec: ProcessSpec, index: int) -> None:
    process = services.process_create(
        user=user,
        name=spec.name,
        bpmn_xml=build_bpmn(spec, variant=Variant.AS_IS),
        description=spec.description,
        purpose=spec.purpose,
        kle_code=spec.kle_code,
        handlingsfacet=spec.handlingsfacet,
        legal_basis="\n".join(spec.legal_basis),
        owner=f"Afdelingsleder, {user.municipality.name if user.municipality else ''}",
        phase=_PHASES[index % len(_PHASES)],
        visibility=Visibility.OWN if index % 4 == 3 else Visibility.COLLABORATION,
        it_systems=list(spec.it_systems),
        yearly_volume=spec.yearly_volume,
    )
    if spec.to_be is not None:
        as_is = process.versions.get()
        to_be = services.version_copy(user=user, version=as_is, label="Skal-være")
        services.version_save_bpmn(
            user=user,
            version=to_be,
            data=build_bpmn(spec, variant=Variant.TO_BE),
            base_revision=to_be.revision,
            comment=spec.to_be.description[:300],
        )


def _receipt(user: User) -> int:
    name = "Modtagelse af ansøgning om miljøtilladelse (WABO)"
    if Process.objects.filter(municipality=user.municipality, name=name).exists():
        return 0
    process = services.process_import_bpmn(
        user=user, data=RECEIPT_BPMN.read_bytes(), name=name
    ).process
    services.process_update(
        user=user,
        process=process,
        lock_version=process.lock_version,
        description=(
            "Modtagelsesfasen af en ansøgning om miljøtilladelse i en hollandsk kommune (CoSeLoG, "
            "4TU.ResearchData): en offentlig model, der passer til hændelsesloggen receipt."
        ),
        yearly_volume=1434,
        visibility=Visibility.COLLABORATION,
    )
    return 1
