"""Every write to the catalogue. Each service is one transaction with an audit entry."""

from procesbank.catalogue.services.candidates import (
    ATTACHMENT_LIMIT_BYTES,
    attachment_add,
    attachment_delete,
    candidate_create,
    candidate_delete,
    candidate_seen,
    candidate_update,
    candidates_refresh_for_process,
    comment_add,
    interest_toggle,
    mark_toggle,
    saved_search_create,
    saved_search_delete,
)
from procesbank.catalogue.services.importing import catalogue_import_check, catalogue_import_save
from procesbank.catalogue.services.quick_share import candidate_quick_share
from procesbank.catalogue.services.reminders import reminders_send
from procesbank.catalogue.services.reuse import process_reuse
from procesbank.catalogue.services.umbrellas import (
    umbrella_create,
    umbrella_delete,
    umbrella_update,
)

__all__ = [
    "ATTACHMENT_LIMIT_BYTES",
    "attachment_add",
    "attachment_delete",
    "candidate_create",
    "candidate_delete",
    "candidate_quick_share",
    "candidate_seen",
    "candidate_update",
    "candidates_refresh_for_process",
    "catalogue_import_check",
    "catalogue_import_save",
    "comment_add",
    "interest_toggle",
    "mark_toggle",
    "process_reuse",
    "reminders_send",
    "saved_search_create",
    "saved_search_delete",
    "umbrella_create",
    "umbrella_delete",
    "umbrella_update",
]
