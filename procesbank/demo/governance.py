"""Demo data of the approval workflow and the staff portal: one ``medarbejder.<slug>`` user
per municipality (the portal's role) and, in each municipality, a few processes taken through
the whole workflow to published: steps documented for the portal, sent for review by the
consultant, commented on and reviewed by the reader, approved and published by the owner (the
municipality's administrator). One of them is due for its next review within the month, so the
start page's "reviews due" has something to show.

Idempotent: a process with a version that left draft is left as it is, and users are made once.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from lxml import etree

from procesbank.demo.organisations import DemoAccount
from procesbank.governance import services as governance
from procesbank.governance.selectors import version_checklist
from procesbank.organisations.models import Municipality, Role, User
from procesbank.processes import services as processes
from procesbank.processes.engine.bpmn_extension import BPMN_NS
from procesbank.processes.models import Process, ProcessVersion, VersionKind, VersionState

PUBLISHED_PER_MUNICIPALITY = 3


def load_governance(*, password: str) -> list[DemoAccount]:
    """Create the medarbejder users and publish the demo processes; returns the new accounts."""
    accounts = []
    for municipality in Municipality.objects.order_by("name"):
        accounts.append(_employee(municipality, password))
        _publish_some(municipality)
    return accounts


def _employee(municipality: Municipality, password: str) -> DemoAccount:
    user, created = User.objects.get_or_create(
        username=f"medarbejder.{municipality.slug}",
        defaults={"role": Role.MEDARBEJDER, "municipality": municipality},
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return DemoAccount(
        username=user.username, role=user.get_role_display(), municipality=municipality.name
    )


def _documented(xml: str) -> bytes:
    """The model with a line of guidance on every task that has none: who does it and where."""
    tree = etree.fromstring(xml.encode("utf-8"))
    lanes: dict[str, str] = {}
    for lane in tree.iter(f"{{{BPMN_NS}}}lane"):
        for ref in lane.iter(f"{{{BPMN_NS}}}flowNodeRef"):
            lanes[(ref.text or "").strip()] = lane.get("name", "")
    for task in tree.iter(
        f"{{{BPMN_NS}}}userTask", f"{{{BPMN_NS}}}task", f"{{{BPMN_NS}}}manualTask"
    ):
        if task.find(f"{{{BPMN_NS}}}documentation") is not None:
            continue
        who = lanes.get(task.get("id", ""), "")
        text = f"{task.get('name', '').strip()}."
        if who:
            text += f" Udføres af {who.lower()}."
        text += " Spørg din teamleder, hvis sagen ikke passer ind i arbejdsgangen."
        documentation = etree.Element(f"{{{BPMN_NS}}}documentation")
        documentation.text = text
        task.insert(0, documentation)
    return bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))


@transaction.atomic
def _publish_some(municipality: Municipality) -> None:
    consultant = User.objects.filter(municipality=municipality, role=Role.KONSULENT).first()
    reader = User.objects.filter(municipality=municipality, role=Role.LAESER).first()
    admin = User.objects.filter(municipality=municipality, role=Role.KOMMUNEADMIN).first()
    if consultant is None or reader is None or admin is None:
        return
    candidates = Process.objects.filter(municipality=municipality).exclude(description="")
    done = 0
    for index, process in enumerate(candidates.order_by("name")):
        if done >= PUBLISHED_PER_MUNICIPALITY:
            break
        if process.versions.exclude(state=VersionState.DRAFT).exists():
            done += 1  # published by an earlier run (or by a user): left as it is
            continue
        if _publish(process, consultant, reader, admin, due_soon=index == 0):
            done += 1


def _publish(
    process: Process, consultant: User, reader: User, admin: User, *, due_soon: bool
) -> bool:
    version = process.versions.filter(kind=VersionKind.AS_IS).first()
    if version is None:
        return False
    if process.owner_user_id is None:
        processes.process_update(
            user=admin, process=process, lock_version=process.lock_version, owner_user=admin
        )
        process.refresh_from_db()
    rows = version_checklist(version=version)
    if not all(row.item.ok for row in rows):
        return False  # a demo model that breaks a convention stays a draft
    version = processes.version_save_bpmn(
        user=consultant,
        version=version,
        data=_documented(version.bpmn_xml),
        base_revision=version.revision,
        comment="Vejledning til medarbejderportalen",
    )
    governance.review_submit(user=consultant, version=version, reviewers=[reader])
    first_task = version.tasks.order_by("position").first()
    governance.review_comment_add(
        user=reader,
        version=version,
        text="Stemmer med, hvordan vi gør i dag. Kan vi skrive frister på?",
        element_id=first_task.element_id if first_task else "",
    )
    governance.review_mark_done(user=reader, version=version)
    version = ProcessVersion.objects.get(pk=version.pk)
    governance.review_approve(user=admin, version=version)
    today = timezone.localdate()
    next_review = today + datetime.timedelta(days=20 if due_soon else 365)
    governance.version_publish(
        user=admin, version=ProcessVersion.objects.get(pk=version.pk), next_review_on=next_review
    )
    return True
