from django.apps import AppConfig


class WebConfig(AppConfig):
    """The shell on top of the domain apps: layout, navigation, start page, health check."""

    name = "procesbank.web"
    label = "web"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from procesbank.web.visits import on_login

        user_logged_in.connect(on_login, dispatch_uid="procesbank.web.visits")
