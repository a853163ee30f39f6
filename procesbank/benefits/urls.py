from django.urls import path

from procesbank.benefits import views

app_name = "benefits"

urlpatterns = [
    path("projekter/<int:project_id>/gevinster/", views.benefit_register, name="benefit_register"),
    path(
        "projekter/<int:project_id>/gevinster/rapport.pdf",
        views.benefit_report,
        name="benefit_report",
    ),
    path(
        "gevinster/<int:benefit_id>/maalinger/",
        views.benefit_measurement_add,
        name="benefit_measurement_add",
    ),
    path("gevinster/<int:benefit_id>/rediger/", views.benefit_edit, name="benefit_edit"),
    path("gevinster/<int:benefit_id>/slet/", views.benefit_delete, name="benefit_delete"),
    path("portefoelje/", views.portfolio, name="portfolio"),
    path("projekter/<int:project_id>/gevinstdiagram/", views.benefit_map, name="benefit_map"),
    path(
        "gevinstdiagram/<int:node_id>/rediger/",
        views.benefit_map_node_edit,
        name="benefit_map_node_edit",
    ),
    path(
        "gevinstdiagram/<int:node_id>/slet/",
        views.benefit_map_node_delete,
        name="benefit_map_node_delete",
    ),
]
