"""The municipality's archive: make one, download it."""

from django.urls import path

from procesbank.archive import views

app_name = "archive"

urlpatterns = [
    path("kommune/arkiv/", views.archive_home, name="home"),
    path("kommune/arkiv/<uuid:job_id>/hent/", views.archive_download, name="download"),
]
