from django.urls import path

from procesbank.reports import views

app_name = "reports"

urlpatterns = [
    path("rapporter/", views.selection, name="selection"),
    path("rapporter/job/<uuid:job_id>/", views.report_job, name="job"),
    path("rapporter/job/<uuid:job_id>/hent/", views.report_download, name="job_download"),
    path(
        "processer/versioner/<int:version_id>/rapport.pdf",
        views.version_report,
        {"extension": "pdf"},
        name="version_pdf",
    ),
    path(
        "processer/versioner/<int:version_id>/rapport.docx",
        views.version_report,
        {"extension": "docx"},
        name="version_docx",
    ),
]
