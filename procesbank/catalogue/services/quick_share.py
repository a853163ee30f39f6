"""The quick share ("Hurtig deling"): a candidate with a handful of fields, shared with the
collaboration at once. Making it a full record is just editing it."""

from __future__ import annotations

from django.db import transaction

from procesbank.catalogue.models import Candidate, CandidatePhase, CandidateStatus
from procesbank.catalogue.services.candidates import candidate_create
from procesbank.organisations.models import User
from procesbank.processes.models import Visibility


@transaction.atomic
def candidate_quick_share(
    *,
    user: User,
    title: str,
    technology: str,
    summary: str = "",
    kle_code: str = "",
    contact_email: str = "",
) -> Candidate:
    """An idea shared with the collaboration; the contact is the user's e-mail when none is
    given."""
    return candidate_create(
        user=user,
        title=title,
        quick_share=True,
        summary=summary.strip(),
        kle_code=kle_code.strip(),
        technology=technology,
        contact_email=contact_email.strip() or user.email,
        phase=CandidatePhase.IDEA,
        status=CandidateStatus.PENDING,
        visibility=Visibility.COLLABORATION,
    )
