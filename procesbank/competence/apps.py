from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenceConfig(AppConfig):
    name = "procesbank.competence"
    label = "competence"
    verbose_name = _("Kompetencer")

    def ready(self) -> None:
        # Training counts as evidence in knowledge's "who knows about this?".
        from procesbank.competence import evidence
        from procesbank.competence.selectors.effect import effect_models
        from procesbank.kit.stamps import watch

        evidence.register()
        # Effekt keeps its figures under a stamp of what they read (selectors.effect_models):
        # every write of those models must raise their counters, from this app's models to the
        # business cases and lessons of the apps it reads (watching a model twice is harmless).
        watch(*effect_models())
