from django.urls import path

from procesbank.competence import views

urlpatterns = [
    path("kompetencer/", views.competence_overview, name="competence_overview"),
    path("kompetencer/forloeb/ny/", views.programme_create, name="programme_create"),
    path("kompetencer/hold/ny/", views.cohort_create, name="cohort_create"),
    path("kompetencer/hold/<int:cohort_id>/", views.cohort_detail, name="cohort_detail"),
    path("kompetencer/hold/<int:cohort_id>/pladser/", views.cohort_seats, name="cohort_seats"),
    path(
        "kompetencer/hold/<int:cohort_id>/tilmeld/",
        views.enrolment_create,
        name="enrolment_create",
    ),
    path(
        "kompetencer/tilmeldinger/<int:enrolment_id>/",
        views.enrolment_edit,
        name="enrolment_edit",
    ),
    path(
        "kompetencer/tilmeldinger/<int:enrolment_id>/karakter/",
        views.enrolment_grade,
        name="enrolment_grade",
    ),
    path("kompetencer/konsulenter/", views.consultant_list, name="consultant_list"),
    path("kompetencer/workshops/", views.workshop_list, name="workshop_list"),
    path("kompetencer/workshops/ny/", views.workshop_create, name="workshop_create"),
    path("kompetencer/workshops/<int:workshop_id>/", views.workshop_detail, name="workshop_detail"),
    path(
        "kompetencer/workshops/<int:workshop_id>/evaluering/",
        views.workshop_evaluate,
        name="workshop_evaluate",
    ),
    path(
        "kompetencer/workshops/<int:workshop_id>/handlinger/",
        views.action_create,
        name="action_create",
    ),
    path("kompetencer/handlinger/", views.action_list, name="action_list"),
    path(
        "kompetencer/handlinger/<int:action_id>/status/",
        views.action_status,
        name="action_status",
    ),
    path("kompetencer/hold/<int:cohort_id>/excel/", views.cohort_xlsx, name="cohort_xlsx"),
    path("kompetencer/forankring/", views.anchoring_list, name="anchoring_list"),
    path(
        "kompetencer/forankring/<int:project_id>/",
        views.anchoring_detail,
        name="anchoring_detail",
    ),
    path(
        "kompetencer/forankring/<int:project_id>/interessenter/",
        views.stakeholder_create,
        name="stakeholder_create",
    ),
    path(
        "kompetencer/interessenter/<int:stakeholder_id>/slet/",
        views.stakeholder_delete,
        name="stakeholder_delete",
    ),
    path(
        "kompetencer/forankring/<int:project_id>/kommunikation/",
        views.communication_create,
        name="communication_create",
    ),
    path(
        "kompetencer/kommunikation/<int:item_id>/status/",
        views.communication_status,
        name="communication_status",
    ),
    path("effekt/", views.effect_dashboard, name="effect_dashboard"),
]
