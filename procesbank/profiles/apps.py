from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    """The municipality profile: who to contact, which technologies and IT systems are used,
    what the municipality shared, and the candidates recommended for it."""

    name = "procesbank.profiles"
    label = "profiles"

    def ready(self) -> None:
        from procesbank.profiles.it_system_texts import register_usages

        register_usages()
        from procesbank.kit.stamps import watch
        from procesbank.profiles.models import MunicipalityProfile

        # The recommendations are cached under a stamp that includes the profiles.
        watch(MunicipalityProfile)
