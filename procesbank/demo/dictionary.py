"""Demo data for the dictionary: the IT systems the demo's processes, candidates and profiles
name, and each municipality's roles from the lanes of its maps.

"Nexus" (the demo's task maps) is left without a record on purpose: the collaboration
administrator finds it under "tekster uden it-system" and maps it onto KMD Nexus.
"""

from __future__ import annotations

from django.db import transaction

from procesbank.dictionary.engine.names import fold
from procesbank.dictionary.models import ItSystem
from procesbank.dictionary.services import role_ensure
from procesbank.organisations.models import Municipality
from procesbank.processes.models import TaskMeasurement

# (name, vendor); vendors only where the product name says it.
IT_SYSTEMS = [
    ("Acadre", ""),
    ("Byg og Miljø", ""),
    ("CPR", ""),
    ("Digital Post", ""),
    ("Emply Hire", "Emply"),
    ("KMD Institution", "KMD"),
    ("KMD Nexus", ""),
    ("KMD Opus Debitor", "KMD"),
    ("KMD Opus Økonomi", "KMD"),
    ("Prisme", ""),
    ("SBSYS", ""),
]


@transaction.atomic
def load_dictionary() -> int:
    """Create the missing demo IT systems and roles; returns how many records were made."""
    created = 0
    for name, vendor in IT_SYSTEMS:
        _system, made = ItSystem.objects.get_or_create(
            folded=fold(name), defaults={"name": name, "vendor": vendor}
        )
        created += made
    for municipality in Municipality.objects.all():
        lanes = (
            TaskMeasurement.objects.filter(version__process__municipality=municipality)
            .exclude(lane="")
            .values_list("lane", flat=True)
            .distinct()
        )
        before = municipality.dictionary_roles.count()
        for lane in sorted(set(lanes)):
            role_ensure(municipality=municipality, name=lane)
        created += municipality.dictionary_roles.count() - before
    return created
