"""Pages of the competence programme: cohorts, consultants, grades, workshops, actions,
and effect. The anchoring pages moved to projects (see views.anchoring)."""

from procesbank.competence.views.effect import (
    effect_dashboard,
)
from procesbank.competence.views.training import (
    cohort_create,
    cohort_detail,
    cohort_seats,
    cohort_xlsx,
    competence_overview,
    consultant_list,
    enrolment_create,
    enrolment_edit,
    enrolment_grade,
    module_handbook_section,
    programme_create,
)
from procesbank.competence.views.workshops import (
    action_create,
    action_list,
    action_status,
    workshop_create,
    workshop_detail,
    workshop_evaluate,
    workshop_list,
)

__all__ = [
    "action_create",
    "action_list",
    "action_status",
    "cohort_create",
    "cohort_detail",
    "cohort_seats",
    "cohort_xlsx",
    "competence_overview",
    "consultant_list",
    "effect_dashboard",
    "enrolment_create",
    "enrolment_edit",
    "enrolment_grade",
    "module_handbook_section",
    "programme_create",
    "workshop_create",
    "workshop_detail",
    "workshop_evaluate",
    "workshop_list",
]
