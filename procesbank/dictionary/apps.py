from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DictionaryConfig(AppConfig):
    """The shared dictionary of the municipal landscape: IT systems (shared by the whole
    collaboration, with their KITOS uuid when known) and roles (job functions, per
    municipality). Below the process library so every app above can pick from it."""

    name = "procesbank.dictionary"
    label = "dictionary"
    verbose_name = _("Ordbog")
