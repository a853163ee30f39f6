from django.urls import path

from procesbank.mining.views import conformance as views_conformance
from procesbank.mining.views import eventlogs as views

app_name = "mining"

urlpatterns = [
    path("procesanalyse/", views.eventlog_list, name="eventlog_list"),
    path("procesanalyse/sammenlign/", views.eventlog_comparison, name="eventlog_comparison"),
    path("procesanalyse/upload/", views.eventlog_upload, name="eventlog_upload"),
    path(
        "procesanalyse/upload/<str:token>/kolonner/",
        views.eventlog_mapping,
        name="eventlog_mapping",
    ),
    path("procesanalyse/job/<uuid:job_id>/", views.eventlog_job, name="eventlog_job"),
    path("procesanalyse/<int:eventlog_id>/", views.eventlog_overview, name="eventlog_overview"),
    path(
        "procesanalyse/<int:eventlog_id>/navngivning/",
        views.eventlog_naming,
        name="eventlog_naming",
    ),
    path("procesanalyse/<int:eventlog_id>/kort/", views.eventlog_map, name="eventlog_map"),
    path(
        "procesanalyse/<int:eventlog_id>/varianter/",
        views.eventlog_variants,
        name="eventlog_variants",
    ),
    path(
        "procesanalyse/<int:eventlog_id>/statistik/",
        views.eventlog_statistics,
        name="eventlog_statistics",
    ),
    path("procesanalyse/<int:eventlog_id>/sager/", views.eventlog_cases, name="eventlog_cases"),
    path("procesanalyse/<int:eventlog_id>/som-er/", views.eventlog_asis, name="eventlog_asis"),
    path(
        "procesanalyse/<int:eventlog_id>/overensstemmelse/",
        views_conformance.eventlog_conformance,
        name="eventlog_conformance",
    ),
    path(
        "procesanalyse/<int:eventlog_id>/overensstemmelse/kobling/",
        views_conformance.eventlog_activity_mapping,
        name="eventlog_activity_mapping",
    ),
    path("procesanalyse/<int:eventlog_id>/slet/", views.eventlog_delete, name="eventlog_delete"),
]
