"""Site routes: each app keeps its own in ``<app>/urls.py``; the API mounts at /api/v1/."""

from django.urls import include, path

from procesbank.api import api

# Every app names its routes under its own namespace (``app_name``): {% url 'catalogue:...' %}.
urlpatterns = [
    path("", include("procesbank.web.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("procesbank.jobs.urls")),
    path("", include("procesbank.organisations.urls")),
    path("", include("procesbank.identity.urls")),
    path("", include("procesbank.dictionary.urls")),
    path("", include("procesbank.processes.urls")),
    path("", include("procesbank.mining.urls")),
    path("", include("procesbank.governance.urls")),
    path("", include("procesbank.catalogue.urls")),
    path("", include("procesbank.profiles.urls")),
    path("", include("procesbank.projects.urls")),
    path("", include("procesbank.economics.urls")),
    path("", include("procesbank.reports.urls")),
    path("", include("procesbank.benefits.urls")),
    path("", include("procesbank.handbook.urls")),
    path("", include("procesbank.notifications.urls")),
    path("", include("procesbank.knowledge.urls")),
    path("", include("procesbank.competence.urls")),
    path("", include("procesbank.archive.urls")),
    path("", include("procesbank.search.urls")),
    path("portal/", include("procesbank.portal.urls")),
    path("api/v1/", api.urls),
]
