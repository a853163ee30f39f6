from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "procesbank.processes"
    label = "processes"
    verbose_name = _("Processer")

    def ready(self) -> None:
        from procesbank.kit.stamps import watch
        from procesbank.processes.models import Process, ProcessVersion

        # The filter choices are cached under their stamp (selectors.library_stamp).
        watch(Process, ProcessVersion)
        from procesbank.processes.it_system_texts import register_usages

        register_usages()
        from procesbank.kit.search import register_search_provider
        from procesbank.processes.search import ProcessSearch, TaskSearch

        register_search_provider(ProcessSearch())
        register_search_provider(TaskSearch())
