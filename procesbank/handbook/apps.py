from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandbookConfig(AppConfig):
    name = "procesbank.handbook"
    label = "handbook"
    verbose_name = _("Metodehåndbog")

    def ready(self) -> None:
        from procesbank.handbook.search import register

        register()
