from django.urls import path

from procesbank.projects import views

urlpatterns = [
    path("projekter/", views.project_list, name="project_list"),
    path("projekter/nyt/", views.project_create, name="project_create"),
    path("projekter/<int:project_id>/", views.project_detail, name="project_detail"),
    path("projekter/<int:project_id>/rediger/", views.project_edit, name="project_edit"),
    path("projekter/<int:project_id>/slet/", views.project_delete, name="project_delete"),
    path("projekter/<int:project_id>/fase/", views.project_advance, name="project_advance"),
]
