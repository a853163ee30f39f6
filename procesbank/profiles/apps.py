from django.apps import AppConfig


class ProfilesConfig(AppConfig):
    """The municipality profile: who to contact, which technologies and IT systems are used,
    what the municipality shared, and the candidates recommended for it."""

    name = "procesbank.profiles"
    label = "profiles"
