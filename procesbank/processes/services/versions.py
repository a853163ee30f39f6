"""Saving BPMN versions: the modeler's save, copies to to-be versions, restore, measurements."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from procesbank.kit.locking import claim_version
from procesbank.organisations.audit import audit_record
from procesbank.organisations.models import AuditEntry, User
from procesbank.organisations.permissions import require_edit
from procesbank.processes.engine.bpmn import TaskMeasurements, set_task_measurements
from procesbank.processes.models import (
    VERSION_DEFAULT_LABELS,
    ProcessVersion,
    Revision,
    RevisionComment,
    VersionKind,
)
from procesbank.processes.services.common import parse_upload, write_document


def _latest_comment(version: ProcessVersion) -> str:
    """The comment just stored with the version's current revision (Danish if the system's)."""
    revision = version.revisions.filter(number=version.revision).first()
    return revision.comment if revision else ""


def _audit_version(user: User, version: ProcessVersion, action: str, comment: str) -> None:
    audit_record(
        user=user,
        action=action,
        instance=version,
        municipality=version.process.municipality,
        after={"revision": version.revision, "label": version.label, "comment": comment},
    )


@transaction.atomic
def version_save_bpmn(
    *, user: User, version: ProcessVersion, data: bytes, base_revision: int, comment: str = ""
) -> ProcessVersion:
    """Save the modeler's BPMN as the next revision; refused when another save came first."""
    require_edit(user, version.process.municipality)
    doc = parse_upload(data)
    current = claim_version(user=user, instance=version, version=base_revision, field="revision")
    write_document(user=user, version=current, doc=doc, comment=comment)
    _audit_version(user, current, AuditEntry.Action.UPDATE, comment)
    return current


@transaction.atomic
def task_measurements_set(
    *,
    user: User,
    version: ProcessVersion,
    task_id: str,
    measurements: TaskMeasurements,
    base_revision: int | None = None,
) -> ProcessVersion:
    """Write one task's measurements into the BPMN (everything else left as it was)."""
    require_edit(user, version.process.municipality)
    locked = ProcessVersion.objects.select_for_update().get(pk=version.pk)
    doc = parse_upload(locked.bpmn_xml.encode("utf-8"))
    set_task_measurements(doc, task_id, measurements)
    claimed = locked.revision if base_revision is None else base_revision
    current = claim_version(user=user, instance=locked, version=claimed, field="revision")
    write_document(
        user=user,
        version=current,
        doc=doc,
        comment_kind=RevisionComment.MEASUREMENTS,
        comment_params={"task": doc.nodes[task_id].label},
    )
    _audit_version(user, current, AuditEntry.Action.UPDATE, _latest_comment(current))
    return current


@transaction.atomic
def version_copy(
    *, user: User, version: ProcessVersion, label: str, kind: str = VersionKind.TO_BE
) -> ProcessVersion:
    """A new version (usually a to-be) that starts as a copy of ``version``'s current BPMN."""
    process = version.process
    require_edit(user, process.municipality)
    label = label.strip()
    if not label:
        raise ValidationError({"label": _("Giv versionen et navn, fx “Skal-være 2027”.")})
    if label == str(VersionKind(kind).label):
        # The name the form proposes, left as it was: stored as the system's default so that
        # it reads "To-be" in English and "Skal-være" in Danish.
        label = VERSION_DEFAULT_LABELS[kind]
    if process.versions.filter(label=label).exists():
        raise ValidationError({"label": _("Processen har allerede en version med det navn.")})
    copy = ProcessVersion(process=process, kind=kind, label=label[:100])
    doc = parse_upload(version.bpmn_xml.encode("utf-8"))
    write_document(
        user=user,
        version=copy,
        doc=doc,
        comment_kind=RevisionComment.COPIED,
        comment_params={"label": version.label, "kind": version.kind},
    )
    _audit_version(user, copy, AuditEntry.Action.CREATE, "")
    return copy


@transaction.atomic
def version_restore(
    *, user: User, version: ProcessVersion, number: int, base_revision: int
) -> ProcessVersion:
    """Make an earlier revision current again, as a new revision (history is never lost)."""
    require_edit(user, version.process.municipality)
    old = Revision.objects.filter(version=version, number=number).first()
    if old is None:
        raise ValidationError({"number": _("Den udgave findes ikke.")})
    doc = parse_upload(old.bpmn_xml.encode("utf-8"))
    current = claim_version(user=user, instance=version, version=base_revision, field="revision")
    write_document(
        user=user,
        version=current,
        doc=doc,
        comment_kind=RevisionComment.RESTORED,
        comment_params={"number": number},
    )
    _audit_version(user, current, AuditEntry.Action.UPDATE, _latest_comment(current))
    return current


@transaction.atomic
def version_delete(*, user: User, version: ProcessVersion) -> None:
    """Delete a to-be version; the as-is version goes only with its process."""
    require_edit(user, version.process.municipality)
    if version.kind == VersionKind.AS_IS:
        raise ValidationError(_("Som-er-versionen kan ikke slettes; slet i stedet processen."))
    _audit_version(user, version, AuditEntry.Action.DELETE, "")
    version.delete()
