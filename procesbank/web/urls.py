"""The shell's own pages: the start page, the health check and the Prometheus metrics."""

from django.urls import path

from procesbank.web.metrics import metrics
from procesbank.web.views import accessibility, healthz, home

app_name = "web"

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("metrics", metrics, name="metrics"),
    path("tilgaengelighed/", accessibility, name="accessibility"),
]
