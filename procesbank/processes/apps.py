from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "procesbank.processes"
    label = "processes"
    verbose_name = _("Processer")

    def ready(self) -> None:
        from procesbank.processes.it_system_texts import register_usages

        register_usages()
