from __future__ import annotations

from procesbank.competence import selectors
from procesbank.competence.models import Cohort, Enrolment, ImprovementAction
from procesbank.demo.competence import load_competence
from procesbank.demo.organisations import load_organisations
from procesbank.organisations.models import User


def test_demo_cohort_averages_ten_point_one_and_loads_once(db):
    load_organisations(password="demo")

    first = load_competence()
    second = load_competence()

    admin = User.objects.get(username="samarbejde.admin")
    cohort = Cohort.objects.get()
    stats = selectors.cohort_statistics(user=admin, cohort=cohort)
    assert (first, second) == (12, 0)
    assert Enrolment.objects.filter(grade__isnull=False).count() == 9
    assert stats.overall.average == "10,1"
    assert len(selectors.cohort_seat_shares(cohort=cohort)) == 7
    assert ImprovementAction.objects.count() == 4
    assert selectors.overdue_action_list(user=admin).count() == 2
