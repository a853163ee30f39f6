from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "procesbank.knowledge"
    label = "knowledge"
    verbose_name = _("Viden")

    def ready(self) -> None:
        from procesbank.kit.search import register_search_provider
        from procesbank.knowledge import experts, search, signals

        register_search_provider(search.LessonSearch())
        register_search_provider(search.QuestionSearch())
        experts.register_builtin_sources()
        signals.connect()
