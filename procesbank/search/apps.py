from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """One search over everything: the header's box and the results page. The providers are
    each app's own (``<app>/search.py``, registered in its ``AppConfig.ready``)."""

    name = "procesbank.search"
    label = "search"
    verbose_name = _("Søgning")
