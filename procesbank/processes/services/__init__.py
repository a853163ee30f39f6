"""Every write to the process library. Each service is one transaction with an audit entry."""

from procesbank.processes.services.processes import (
    BpmnImport,
    process_create,
    process_delete,
    process_import_bpmn,
    process_import_name,
    process_update,
    role_rate_delete,
    role_rate_set,
)
from procesbank.processes.services.versions import (
    task_measurements_set,
    version_copy,
    version_delete,
    version_restore,
    version_save_bpmn,
)

__all__ = [
    "BpmnImport",
    "process_create",
    "process_delete",
    "process_import_bpmn",
    "process_import_name",
    "process_update",
    "role_rate_delete",
    "role_rate_set",
    "task_measurements_set",
    "version_copy",
    "version_delete",
    "version_restore",
    "version_save_bpmn",
]
