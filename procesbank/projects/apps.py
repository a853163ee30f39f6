from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "procesbank.projects"
    label = "projects"
    verbose_name = _("Projekter")

    def ready(self) -> None:
        from procesbank.kit.search import register_search_provider
        from procesbank.projects.search import ProjectSearch

        register_search_provider(ProjectSearch())
