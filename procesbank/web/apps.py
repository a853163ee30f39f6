from django.apps import AppConfig


class WebConfig(AppConfig):
    """The shell on top of the domain apps: layout, navigation, start page, health check."""

    name = "procesbank.web"
    label = "web"
