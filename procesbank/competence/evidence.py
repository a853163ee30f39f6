""" "Who knows about this?": training as evidence, registered into knowledge's registry from
``CompetenceConfig.ready`` (competence stands above knowledge, so knowledge cannot ask it).

A consultant with a login and a passed exam (02 or above) counts once per enrolment that
matches: for a topic, an attended module whose name speaks of it; for a KLE number or an IT
system, a final assignment on a process the reader may see that has it.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from procesbank.competence.engine.grades import Grade
from procesbank.competence.models import Enrolment
from procesbank.competence.selectors.training import _collaboration_id
from procesbank.knowledge.experts import ExpertQuery, matching_ids
from procesbank.organisations.models import User
from procesbank.processes.models import Process
from procesbank.processes.selectors import visible_to

# Words in a module's name (lower case) that make it training in a topic of knowledge.
TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "kortlaegning": ("proces", "bpmn", "kortlæg"),
    "tidsmaaling": ("tidsmåling", "procesoptimering"),
    "process_mining": ("mining",),
    "automatisering": ("automati", "rpa"),
    "business_case": ("business case",),
    "gevinster": ("gevinst",),
    "forandring": ("forandring", "kommunikation"),
    "projektmodel": ("projekt",),
}


class TrainingSource:
    key = "training"
    label = _("Uddannelse")
    order = 60

    def collect(self, *, user: User, query: ExpertQuery) -> Counter[int]:
        if user.municipality is None:
            return Counter()
        enrolments = Enrolment.objects.filter(
            cohort__programme__collaboration_id=_collaboration_id(user),
            grade__gte=Grade.TWO,
            consultant__user__isnull=False,
        )
        condition = Q()
        if query.topic:
            words = TOPIC_WORDS.get(query.topic, ())
            if not words:
                return Counter()
            for word in words:
                condition |= Q(attended_modules__name__icontains=word)
        if query.kle or query.it_system:
            processes = matching_ids(
                Process.objects.filter(visible_to(user)), kle=query.kle, it_system=query.it_system
            )
            condition &= Q(assignment_process__in=processes)
        matched = enrolments.filter(condition).values_list("pk", "consultant__user_id").distinct()
        return Counter(user_id for _pk, user_id in set(matched))


def register() -> None:
    from procesbank.knowledge.experts import register_evidence_source

    register_evidence_source(TrainingSource())
