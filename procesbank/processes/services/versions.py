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
    VersionState,
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
        after={
            "revision": version.revision,
            "label": version.label,
            "comment": comment,
            "state": version.state,
        },
    )


def _draft_label(version: ProcessVersion) -> str:
    """A free name for a new draft of ``version``: "Som-er (kladde)", "... (kladde 2)"."""
    taken = set(version.process.versions.values_list("label", flat=True))
    base = version.label[:80]
    label = f"{base} (kladde)"
    counter = 2
    while label in taken:
        label = f"{base} (kladde {counter})"
        counter += 1
    return label


def _new_draft(user: User, version: ProcessVersion) -> ProcessVersion:
    """A new draft beside a published (or superseded) version, as a copy of its BPMN: the
    published row itself is not written to at all, so its BPMN stays byte for byte."""
    draft = ProcessVersion(process=version.process, kind=version.kind, label=_draft_label(version))
    write_document(
        user=user,
        version=draft,
        doc=parse_upload(version.bpmn_xml.encode("utf-8")),
        comment_kind=RevisionComment.COPIED,
        comment_params={"label": version.label, "kind": version.kind},
    )
    _audit_version(user, draft, AuditEntry.Action.CREATE, "")
    return draft


def _writable(user: User, version: ProcessVersion, base_revision: int | None) -> ProcessVersion:
    """The version a change of ``version``'s BPMN goes to, claimed at ``base_revision``
    (None: the stored one): itself, or for a published version a new draft copy. A version in
    review or approved goes back to draft: what was approved is what is published."""
    if version.frozen:
        # The copy is the draft's first revision; the change becomes its second.
        draft = _new_draft(user, version)
        return claim_version(user=user, instance=draft, version=draft.revision, field="revision")
    locked = ProcessVersion.objects.select_for_update().get(pk=version.pk)
    claimed = locked.revision if base_revision is None else base_revision
    current = claim_version(user=user, instance=locked, version=claimed, field="revision")
    if current.state != VersionState.DRAFT:
        current.state = VersionState.DRAFT
    return current


@transaction.atomic
def version_save_bpmn(
    *, user: User, version: ProcessVersion, data: bytes, base_revision: int, comment: str = ""
) -> ProcessVersion:
    """Save the modeler's BPMN as the next revision; refused when another save came first.
    A save to a published version goes to a new draft (returned), see :func:`_writable`."""
    require_edit(user, version.process.municipality)
    doc = parse_upload(data)
    current = _writable(user, version, base_revision)
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
    current = _writable(user, version, base_revision)
    doc = parse_upload(current.bpmn_xml.encode("utf-8"))
    set_task_measurements(doc, task_id, measurements)
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
    current = _writable(user, version, base_revision)
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
    if version.state == VersionState.PUBLISHED:
        raise ValidationError(
            _("Den offentliggjorte version kan ikke slettes; offentliggør først en anden.")
        )
    _audit_version(user, version, AuditEntry.Action.DELETE, "")
    version.delete()
