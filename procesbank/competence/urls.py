from django.urls import path

from procesbank.competence import views
from procesbank.competence.views.anchoring import moved_to

app_name = "competence"

urlpatterns = [
    path("kompetencer/", views.competence_overview, name="competence_overview"),
    path("kompetencer/forloeb/ny/", views.programme_create, name="programme_create"),
    path(
        "kompetencer/moduler/<int:module_id>/haandbog/",
        views.module_handbook_section,
        name="module_handbook_section",
    ),
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
    path("effekt/", views.effect_dashboard, name="effect_dashboard"),
]

# The anchoring pages moved to projects; their old addresses redirect (308) to the new ones.
MOVED_TO_PROJECTS = [
    ("kompetencer/forankring/", "anchoring_list"),
    ("kompetencer/forankring/<int:project_id>/", "anchoring_detail"),
    ("kompetencer/forankring/<int:project_id>/interessenter/", "stakeholder_create"),
    ("kompetencer/interessenter/<int:stakeholder_id>/slet/", "stakeholder_delete"),
    ("kompetencer/forankring/<int:project_id>/kommunikation/", "communication_create"),
    ("kompetencer/kommunikation/<int:item_id>/status/", "communication_status"),
]
urlpatterns += [
    path(old, moved_to(f"projects:{name}"), name=f"{name}_moved") for old, name in MOVED_TO_PROJECTS
]
