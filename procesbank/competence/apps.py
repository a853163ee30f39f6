from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenceConfig(AppConfig):
    name = "procesbank.competence"
    label = "competence"
    verbose_name = _("Kompetencer")

    def ready(self) -> None:
        # Training counts as evidence in knowledge's "who knows about this?".
        from procesbank.competence import evidence

        evidence.register()
