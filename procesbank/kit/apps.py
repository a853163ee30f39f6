from django.apps import AppConfig


class KitConfig(AppConfig):
    name = "procesbank.kit"
    label = "kit"
