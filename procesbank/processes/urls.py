from django.urls import path

from procesbank.processes import views

app_name = "processes"

urlpatterns = [
    path("processer/", views.process_list, name="process_list"),
    path("processer/alle-kommuner/", views.process_scope, name="process_scope"),
    path("processer/ny/", views.process_create, name="process_create"),
    path("processer/importer/", views.process_import, name="process_import"),
    path("processer/importer/navn/", views.process_import_name, name="process_import_name"),
    path(
        "processer/importer/job/<uuid:job_id>/", views.process_import_job, name="process_import_job"
    ),
    path("processer/timepriser/", views.rate_settings, name="rate_settings"),
    path(
        "processer/timepriser/<int:rate_id>/slet/", views.role_rate_delete, name="role_rate_delete"
    ),
    path("processer/<int:process_id>/", views.process_detail, name="process_detail"),
    path("processer/<int:process_id>/rediger/", views.process_edit, name="process_edit"),
    path("processer/<int:process_id>/slet/", views.process_delete, name="process_delete"),
    path(
        "processer/versioner/<int:version_id>/modeller/",
        views.version_modeler,
        name="version_modeler",
    ),
    path("processer/versioner/<int:version_id>/gem/", views.version_save, name="version_save"),
    path(
        "processer/versioner/<int:version_id>/beregn/",
        views.version_calculate,
        name="version_calculate",
    ),
    path("processer/versioner/<int:version_id>/bpmn/", views.version_bpmn, name="version_bpmn"),
    path("processer/versioner/<int:version_id>/excel/", views.version_xlsx, name="version_xlsx"),
    path("processer/versioner/<int:version_id>/kopier/", views.version_copy, name="version_copy"),
    path(
        "processer/versioner/<int:version_id>/gendan/",
        views.version_restore,
        name="version_restore",
    ),
    path("processer/versioner/<int:version_id>/slet/", views.version_delete, name="version_delete"),
]
