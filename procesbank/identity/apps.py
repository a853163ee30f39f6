import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "procesbank.identity"
    label = "identity"
    verbose_name = _("Single sign-on")

    def ready(self) -> None:
        # pysaml2 loads its XML schemas through xmlschema, which reports each one at INFO
        # ("Resource 'XMLSchema.xsd' is already loaded") on every command; nothing to act on.
        logging.getLogger("xmlschema").setLevel(logging.WARNING)
