from django.apps import AppConfig


class KitConfig(AppConfig):
    name = "procesbank.kit"
    label = "kit"

    def ready(self) -> None:
        # Dates in the pure modules' messages (core.errors.UserError) read as on the pages.
        from procesbank.core import errors
        from procesbank.kit.formatting import short_date

        errors.present_date = short_date
