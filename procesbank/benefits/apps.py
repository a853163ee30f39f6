from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenefitsConfig(AppConfig):
    name = "procesbank.benefits"
    label = "benefits"
    verbose_name = _("Gevinster")

    def ready(self) -> None:
        from procesbank.benefits.selectors import portfolio_models
        from procesbank.kit.stamps import watch

        # The portfolio's and Effekt's benefit figures are cached under a stamp of these.
        watch(*portfolio_models())
