from django.urls import path

from procesbank.projects import views

app_name = "projects"

urlpatterns = [
    path("projekter/", views.project_list, name="project_list"),
    path("projekter/nyt/", views.project_create, name="project_create"),
    path("projekter/<int:project_id>/", views.project_detail, name="project_detail"),
    path("projekter/<int:project_id>/rediger/", views.project_edit, name="project_edit"),
    path("projekter/<int:project_id>/slet/", views.project_delete, name="project_delete"),
    path("projekter/<int:project_id>/fase/", views.project_advance, name="project_advance"),
    path("projekter/forankring/", views.anchoring_list, name="anchoring_list"),
    path("projekter/<int:project_id>/forankring/", views.anchoring_detail, name="anchoring_detail"),
    path(
        "projekter/<int:project_id>/forankring/interessenter/",
        views.stakeholder_create,
        name="stakeholder_create",
    ),
    path(
        "projekter/interessenter/<int:stakeholder_id>/slet/",
        views.stakeholder_delete,
        name="stakeholder_delete",
    ),
    path(
        "projekter/<int:project_id>/forankring/kommunikation/",
        views.communication_create,
        name="communication_create",
    ),
    path(
        "projekter/kommunikation/<int:item_id>/status/",
        views.communication_status,
        name="communication_status",
    ),
]
