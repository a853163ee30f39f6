from django.apps import AppConfig


class WebConfig(AppConfig):
    """The site around the domain apps: layout, navigation, formatting filters, health check."""

    name = "procesbank.web"
    label = "web"
