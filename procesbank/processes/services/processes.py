"""Creating, importing, changing and deleting processes."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any
from xml.sax.saxutils import quoteattr

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from procesbank.core.errors import gettext_noop
from procesbank.dictionary.selectors import canonical_it_systems
from procesbank.dictionary.services import role_ensure
from procesbank.kit.locking import locked_update
from procesbank.organisations.audit import audit_record, audited, snapshot
from procesbank.organisations.models import AuditEntry, Municipality, Role, User
from procesbank.organisations.permissions import Action, can, require_edit
from procesbank.organisations.selectors import own_municipality
from procesbank.processes.engine import diagram
from procesbank.processes.engine.bpmn import serialize_bpmn, suggested_name
from procesbank.processes.engine.kle import validate_handlingsfacet, validate_kle_code
from procesbank.processes.models import (
    MSG_YEARLY_VOLUME_TOO_HIGH,
    VERSION_DEFAULT_LABELS,
    YEARLY_VOLUME_MAX,
    Process,
    ProcessVersion,
    RevisionComment,
    RoleRate,
    VersionKind,
    Visibility,
    WithdrawnShare,
)
from procesbank.processes.selectors import kle_facets, kle_plan
from procesbank.processes.services.common import parse_upload, write_document
from procesbank.processes.signals import process_figures_changed

EDITABLE_FIELDS = (
    "name",
    "description",
    "purpose",
    "kle_code",
    "handlingsfacet",
    "form_number",
    "legal_basis",
    "owner",
    "owner_user",
    "contact",
    "phase",
    "visibility",
    "it_systems",
    "tags",
    "yearly_volume",
    "digital_share",
    "unit",
)


def blank_bpmn(name: str) -> bytes:
    """A new map: one pool with a start event, ready to draw on."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  id="Definitions_1" targetNamespace="https://procesbank.dk/bpmn">
  <bpmn:process id="Process_1" name={quoteattr(name)} isExecutable="false">
    <bpmn:startEvent id="StartEvent_1" name="Start"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Process_1">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="180" y="160" width="36" height="36"/>
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
""".encode()


def _normalise_classification(fields: dict[str, Any]) -> None:
    """KLE number checked against the loaded KLE plan (or the main groups); facet in capitals;
    IT systems named as the dictionary names them."""
    if fields.get("kle_code"):
        fields["kle_code"] = validate_kle_code(str(fields["kle_code"]), plan=kle_plan())
    if fields.get("handlingsfacet"):
        fields["handlingsfacet"] = validate_handlingsfacet(
            str(fields["handlingsfacet"]), facets=kle_facets()
        )
    if fields.get("it_systems"):
        # Spelled as the shared dictionary spells them ("sbsys" -> "SBSYS").
        fields["it_systems"] = canonical_it_systems(list(fields["it_systems"]))


def _check_unit(municipality_id: int, fields: dict[str, Any]) -> None:
    """The owning unit must be one of the process's own municipality's units."""
    unit = fields.get("unit")
    if unit is not None and unit.municipality_id != municipality_id:
        raise ValidationError({"unit": [_("Vælg en af kommunens egne enheder.")]})


def _check_owner_user(fields: dict[str, Any], municipality: Municipality) -> None:
    """The owner as a person: an active user of the process's own municipality (who may
    approve its versions), never someone of another municipality."""
    owner = fields.get("owner_user")
    if owner is None:
        return
    if (
        not isinstance(owner, User)
        or owner.municipality_id != municipality.pk
        or not owner.is_active
        or owner.role == Role.MEDARBEJDER
    ):
        raise ValidationError(
            {"owner_user": [_("Procesejeren skal være en aktiv bruger i din kommune.")]}
        )


def _check_yearly_volume(fields: dict[str, Any]) -> None:
    """The form's cap, for the API too; named after the field so a client knows what to fix."""
    volume = fields.get("yearly_volume")
    if volume is not None and volume > YEARLY_VOLUME_MAX:
        raise ValidationError({"yearly_volume": [str(MSG_YEARLY_VOLUME_TOO_HIGH)]})


@transaction.atomic
def process_create(
    *, user: User, name: str, bpmn_xml: bytes | None = None, **fields: Any
) -> Process:
    """A new process of the user's municipality, with an as-is version (blank or given)."""
    municipality = own_municipality(user=user)
    require_edit(user, municipality)
    doc = parse_upload(bpmn_xml if bpmn_xml is not None else blank_bpmn(name))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown process fields: {sorted(unknown)}")
    _check_unit(municipality.pk, fields)
    _check_yearly_volume(fields)
    _check_owner_user(fields, municipality)
    _normalise_classification(fields)
    process = Process(municipality=municipality, name=name.strip(), created_by=user, **fields)
    _check_unique_name(process)
    process.full_clean()
    process.save()
    label = VERSION_DEFAULT_LABELS[VersionKind.AS_IS]  # shown translated, see display_label
    version = ProcessVersion(process=process, kind=VersionKind.AS_IS, label=label)
    write_document(user=user, version=version, doc=doc, comment_kind=RevisionComment.CREATED)
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=process,
        municipality=municipality,
        after=snapshot(process),
    )
    return process


def _check_unique_name(process: Process) -> None:
    clash = Process.objects.filter(municipality=process.municipality, name=process.name)
    if process.pk:
        clash = clash.exclude(pk=process.pk)
    if clash.exists():
        raise ValidationError({"name": _("Din kommune har allerede en proces med det navn.")})


MSG_DIAGRAM_DRAWN = gettext_noop("Filen havde intet diagram; Procesbank har tegnet et.")


@dataclass(frozen=True)
class BpmnImport:
    """An imported process and what the user should be told about the import."""

    process: Process
    drew_diagram: bool  # the file had no BPMN DI, so Procesbank laid one out

    @property
    def notices(self) -> list[str]:
        return [_(MSG_DIAGRAM_DRAWN)] if self.drew_diagram else []


@transaction.atomic
def process_import_bpmn(
    *, user: User, data: bytes, name: str = "", filename: str = ""
) -> BpmnImport:
    """Import a .bpmn file as a new process (visible to the own municipality only).

    A file without a diagram (some tools export only the semantics) gets one drawn by
    :func:`diagram.add_diagram`, so bpmn-js can show it; its semantic part is kept as it was.
    """
    doc = parse_upload(data)
    drew_diagram = diagram.add_diagram(doc)
    if drew_diagram:
        data = serialize_bpmn(doc)
    chosen = name.strip() or suggested_name(doc, filename) or _("Importeret proces")
    municipality = own_municipality(user=user)
    require_edit(user, municipality)
    unique = chosen
    counter = 2
    while Process.objects.filter(municipality=municipality, name=unique).exists():
        unique = f"{chosen} ({counter})"
        counter += 1
    # The uploaded bytes are stored exactly as parsed (with the drawn diagram, if any):
    # write_document serialises the same tree.
    process = process_create(user=user, name=unique, bpmn_xml=data)
    return BpmnImport(process=process, drew_diagram=drew_diagram)


def process_import_name(*, data: bytes, name: str = "", filename: str = "") -> str:
    """The name :func:`process_import_bpmn` would give (before any "(2)" for a clash), so the
    import form can show it before saving; a file that is not BPMN raises its ``UserError``."""
    doc = parse_upload(data)
    return name.strip() or suggested_name(doc, filename) or _("Importeret proces")


@transaction.atomic
def process_update(*, user: User, process: Process, lock_version: int, **changes: Any) -> Process:
    """Change a process's facts. ``lock_version`` is the one the user's form was loaded with.
    Taking a share back (fewer may read it afterwards) freezes what was shared first
    (:class:`WithdrawnShare`)."""
    require_edit(user, process.municipality)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown process fields: {sorted(unknown)}")
    _check_unit(process.municipality_id, changes)
    _check_yearly_volume(changes)
    _check_owner_user(changes, process.municipality)
    _normalise_classification(changes)
    current = locked_update(
        user=user,
        instance=process,
        lock_version=lock_version,
        changes=changes,
        check=_check_unique_name,
        audit=partial(audited, municipality=process.municipality),
    )
    if _AUDIENCE[current.visibility] < _AUDIENCE[process.visibility]:
        share_withdraw(process=process)
    if process.yearly_volume != current.yearly_volume:
        process_figures_changed.send(sender=Process, process=current)
    return current


# How many may read a process: a change to a smaller audience takes a share back.
_AUDIENCE: dict[str, int] = {Visibility.OWN: 0, Visibility.COLLABORATION: 1, Visibility.PUBLIC: 2}


def share_withdraw(*, process: Process) -> WithdrawnShare:
    """Freeze ``process`` as it was shared (``process`` as loaded before the change): its name,
    volume and every version's BPMN (with the measurements in it). Called by the service that
    narrows the visibility, inside its transaction."""
    return WithdrawnShare.objects.create(
        process=process,
        visibility=process.visibility,
        name=process.name,
        yearly_volume=process.yearly_volume,
        versions={
            str(version.pk): {
                "label": version.label,
                "kind": version.kind,
                "bpmn_xml": version.bpmn_xml,
            }
            for version in ProcessVersion.objects.filter(process_id=process.pk)
        },
    )


@transaction.atomic
def process_delete(*, user: User, process: Process) -> None:
    require_edit(user, process.municipality)
    before = snapshot(process)
    audit_record(
        user=user,
        action=AuditEntry.Action.DELETE,
        instance=process,
        municipality=process.municipality,
        before=before,
    )
    process.delete()


@transaction.atomic
def role_rate_set(*, user: User, role: str, hourly_rate: Decimal) -> RoleRate:
    """Set the own municipality's hourly rate (DKK) for a role (a lane name)."""
    municipality = own_municipality(user=user)
    if not can(user, Action.ADMINISTER_MUNICIPALITY, municipality):
        raise PermissionDenied
    if not role.strip():
        raise ValidationError({"role": _("Angiv rollen, som den hedder i banerne.")})
    if hourly_rate < 0:
        raise ValidationError({"hourly_rate": _("Timeprisen må ikke være negativ.")})
    rate, created = RoleRate.objects.get_or_create(
        municipality=municipality, role=role.strip(), defaults={"hourly_rate": hourly_rate}
    )
    role_ensure(municipality=municipality, name=rate.role)  # a priced role is a known role
    before = None if created else snapshot(rate)
    rate.hourly_rate = hourly_rate
    rate.full_clean()
    rate.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        instance=rate,
        municipality=municipality,
        before=before,
        after=snapshot(rate),
    )
    return rate


@transaction.atomic
def role_rate_delete(*, user: User, rate_id: int) -> None:
    """Remove a role's rate; the role then costs the municipality's default rate."""
    municipality = own_municipality(user=user)
    if not can(user, Action.ADMINISTER_MUNICIPALITY, municipality):
        raise PermissionDenied
    rate = RoleRate.objects.filter(municipality=municipality, pk=rate_id).first()
    if rate is None:
        raise PermissionDenied
    audit_record(
        user=user,
        action=AuditEntry.Action.DELETE,
        instance=rate,
        municipality=municipality,
        before=snapshot(rate),
    )
    rate.delete()
