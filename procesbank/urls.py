"""Site routes: each app keeps its own in ``<app>/urls.py``; the API mounts at /api/v1/."""

from django.urls import include, path

from procesbank.api import api
from procesbank.jobs.views import job_status
from procesbank.web.views import healthz, home

urlpatterns = [
    path("", home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("job/<uuid:job_id>/", job_status, name="job_status"),
    path("", include("procesbank.organisations.urls")),
    path("", include("procesbank.processes.urls")),
    path("", include("procesbank.mining.urls")),
    path("", include("procesbank.catalogue.urls")),
    path("", include("procesbank.projects.urls")),
    path("", include("procesbank.economics.urls")),
    path("", include("procesbank.benefits.urls")),
    path("", include("procesbank.competence.urls")),
    path("api/v1/", api.urls),
]
