"""Every write to organisation data: people, roles, API tokens, settings and organisational
units. Each is one transaction with an audit entry."""

from procesbank.organisations.services.units import (
    UnitImportResult,
    UnitPreviewRow,
    preview_as_session,
    unit_create,
    unit_delete,
    unit_import,
    unit_import_preview,
    unit_update,
)
from procesbank.organisations.services.users import (
    PERSON_FIELDS,
    TOKEN_PREFIX,
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
    municipality_accessibility_statement_update,
    municipality_settings_update,
    person_update,
    user_create,
    user_language_set,
    user_profile_update,
    user_update,
)

__all__ = [
    "PERSON_FIELDS",
    "TOKEN_PREFIX",
    "UnitImportResult",
    "UnitPreviewRow",
    "api_token_authenticate",
    "api_token_create",
    "api_token_revoke",
    "municipality_accessibility_statement_update",
    "municipality_settings_update",
    "person_update",
    "preview_as_session",
    "unit_create",
    "unit_delete",
    "unit_import",
    "unit_import_preview",
    "unit_update",
    "user_create",
    "user_language_set",
    "user_profile_update",
    "user_update",
]
