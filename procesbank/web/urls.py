"""The shell's own pages: the start page and the health check."""

from django.urls import path

from procesbank.web.views import accessibility, healthz, home

app_name = "web"

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("tilgaengelighed/", accessibility, name="accessibility"),
]
