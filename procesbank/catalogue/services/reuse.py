"""Reuse ("Genbrug"): copy another municipality's shared process, with every version's current
BPMN and measurements, into the user's municipality, through the process services."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from procesbank.catalogue.models import Reuse
from procesbank.organisations.audit import audit_record
from procesbank.organisations.models import AuditEntry, User
from procesbank.organisations.permissions import Action, can
from procesbank.organisations.selectors import own_municipality
from procesbank.processes import services as process_services
from procesbank.processes.models import Process, ProcessVersion, Visibility

COPIED_FIELDS = (
    "description",
    "purpose",
    "kle_code",
    "handlingsfacet",
    "form_number",
    "legal_basis",
    "phase",
    "it_systems",
    "tags",
    "yearly_volume",
    "digital_share",
)


def _free_name(municipality_id: int, name: str) -> str:
    candidate, counter = name, 2
    while Process.objects.filter(municipality_id=municipality_id, name=candidate).exists():
        suffix = f" ({counter})"
        candidate = name[: 200 - len(suffix)] + suffix
        counter += 1
    return candidate


@transaction.atomic
def process_reuse(*, user: User, source: Process) -> Reuse:
    """A private copy of ``source`` in the user's municipality, remembering the source's
    revisions so later changes to it can be shown."""
    municipality = own_municipality(user=user)
    if not can(user, Action.EDIT, municipality) or source.municipality_id == municipality.pk:
        raise PermissionDenied
    versions = list(
        ProcessVersion.objects.filter(process=source).order_by("kind", "created_at", "id")
    )
    first, *rest = versions
    fields = {field: getattr(source, field) for field in COPIED_FIELDS}
    copy = process_services.process_create(
        user=user,
        name=_free_name(municipality.pk, source.name),
        bpmn_xml=first.bpmn_xml.encode("utf-8"),
        visibility=Visibility.OWN,
        **fields,
    )
    copy_first = copy.versions.get()
    if copy_first.label != first.label:
        ProcessVersion.objects.filter(pk=copy_first.pk).update(label=first.label[:100])
        copy_first.label = first.label
    for version in rest:
        new = process_services.version_copy(
            user=user, version=copy_first, label=version.label, kind=version.kind
        )
        process_services.version_save_bpmn(
            user=user,
            version=new,
            data=version.bpmn_xml.encode("utf-8"),
            base_revision=new.revision,
            comment=_("Kopieret fra %(municipality)s") % {"municipality": source.municipality.name},
        )
    reuse = Reuse.objects.create(
        municipality=municipality,
        source=source,
        source_name=source.name,
        source_municipality_name=source.municipality.name,
        copy=copy,
        revisions={str(v.pk): v.revision for v in versions},
        created_by=user,
    )
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=reuse,
        municipality=municipality,
        after={"source": source.pk, "copy": copy.pk, "revisions": reuse.revisions},
    )
    return reuse
