"""Every read of the competence app, on behalf of an acting user.

Who sees what:

* Programmes, cohorts, seats, the cost per municipality, the participants (name, municipality,
  attendance, final assignment) and workshops are shared by the whole collaboration.
* An individual grade is personal: it is shown to the collaboration administrator (who enters
  it), to the administrators of the graduate's own municipality and to the graduate. Everyone
  else sees statistics only, and statistics of a group of fewer than
  :data:`MIN_GROUP_FOR_STATISTICS` graded people are hidden from them, since a group of one
  or two would give the individual grades away.

The reads live in two modules, re-exported here so that ``selectors.<name>`` keeps working:
:mod:`.training` (programmes, cohorts, grades, consultants, workshops, actions) and
:mod:`.effect` (the effect dashboard). Stakeholders and communication plans moved to
:mod:`procesbank.projects.selectors`.
"""

from procesbank.competence.selectors.effect import (
    EFFECT_APPENDED,
    SHARED_VISIBILITIES,
    BenefitFigures,
    BenefitRealisation,
    Effect,
    MunicipalityBenefits,
    MunicipalityEffect,
    ProjectBenefits,
    benefit_figures,
    benefit_realisation,
    benefit_realisation_projects,
    effect_figures,
    effect_models,
    trained_consultant_list,
)
from procesbank.competence.selectors.training import (
    ACTIVE_APPS,
    ACTIVE_DAYS,
    MIN_GROUP_FOR_STATISTICS,
    CohortStatistics,
    EvaluationSummary,
    SeatShare,
    ShownStatistics,
    access_action,
    access_cohort,
    access_enrolment,
    access_module,
    access_programme,
    access_workshop,
    action_list,
    action_owner_choices,
    assignment_examples,
    assignment_process_choices,
    can_administer,
    can_enrol,
    can_see_grade,
    cohort_list,
    cohort_seat_shares,
    cohort_statistics,
    consultant_list,
    enrollable_consultants,
    enrolment_list,
    grade_label,
    municipality_users,
    overdue_action_list,
    overdue_actions_for,
    programme_list,
    today,
    workshop_evaluation_summary,
    workshop_list,
)

__all__ = [
    "ACTIVE_APPS",
    "ACTIVE_DAYS",
    "EFFECT_APPENDED",
    "MIN_GROUP_FOR_STATISTICS",
    "SHARED_VISIBILITIES",
    "BenefitFigures",
    "BenefitRealisation",
    "CohortStatistics",
    "Effect",
    "EvaluationSummary",
    "MunicipalityBenefits",
    "MunicipalityEffect",
    "ProjectBenefits",
    "SeatShare",
    "ShownStatistics",
    "access_action",
    "access_cohort",
    "access_enrolment",
    "access_module",
    "access_programme",
    "access_workshop",
    "action_list",
    "action_owner_choices",
    "assignment_examples",
    "assignment_process_choices",
    "benefit_figures",
    "benefit_realisation",
    "benefit_realisation_projects",
    "can_administer",
    "can_enrol",
    "can_see_grade",
    "cohort_list",
    "cohort_seat_shares",
    "cohort_statistics",
    "consultant_list",
    "effect_figures",
    "effect_models",
    "enrollable_consultants",
    "enrolment_list",
    "grade_label",
    "municipality_users",
    "overdue_action_list",
    "overdue_actions_for",
    "programme_list",
    "today",
    "trained_consultant_list",
    "workshop_evaluation_summary",
    "workshop_list",
]
