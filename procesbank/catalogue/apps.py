from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _refresh_candidates(sender: Any, *, process: Any, **kwargs: Any) -> None:
    """A process's figures changed: its candidates' stored expected saving follows (the
    decision and its reasons are in services.candidates.candidates_refresh_for_process)."""
    from procesbank.catalogue.services import candidates_refresh_for_process

    candidates_refresh_for_process(process=process)


class CatalogueConfig(AppConfig):
    name = "procesbank.catalogue"
    label = "catalogue"
    verbose_name = _("Fælles katalog")

    def ready(self) -> None:
        from procesbank.processes.signals import process_figures_changed

        process_figures_changed.connect(_refresh_candidates, dispatch_uid="catalogue-candidates")
        from procesbank.catalogue.models import Candidate, Reuse, UserMark
        from procesbank.kit.stamps import watch
        from procesbank.organisations.models import Municipality, OrganisationalUnit

        # The overview, the comparison and Effekt's reuse counts are cached under their stamps.
        watch(Candidate, Reuse, UserMark, Municipality, OrganisationalUnit)
        from procesbank.catalogue.it_system_texts import register_usages

        register_usages()

        from procesbank.catalogue.search import CandidateSearch
        from procesbank.kit.search import register_search_provider

        register_search_provider(CandidateSearch())
