"""The progress page of a background job."""

from django.urls import path

from procesbank.jobs.views import job_status

app_name = "jobs"

urlpatterns = [
    path("job/<uuid:job_id>/", job_status, name="job_status"),
]
