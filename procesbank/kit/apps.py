from django.apps import AppConfig
from django.db.models.signals import pre_save


class KitConfig(AppConfig):
    name = "procesbank.kit"
    label = "kit"

    def ready(self) -> None:
        # Dates in the pure modules' messages (core.errors.UserError) read as on the pages.
        from procesbank.core import errors
        from procesbank.kit.formatting import short_date
        from procesbank.kit.text import clean_before_save

        errors.present_date = short_date
        # Every model, whichever app: text is cleaned of control characters before it is stored.
        pre_save.connect(clean_before_save, dispatch_uid="procesbank.kit.text")
