from django.urls import path

from procesbank.catalogue import views
from procesbank.catalogue.views import os2autoproces

app_name = "catalogue"

urlpatterns = [
    path("katalog/", views.catalogue, name="catalogue"),
    path("katalog/eksport/<str:fmt>/", views.catalogue_export, name="catalogue_export"),
    path("katalog/processer/<int:process_id>/genbrug/", views.process_reuse, name="process_reuse"),
    path("katalog/overblik/", views.catalogue_dashboard, name="catalogue_dashboard"),
    path("katalog/soegninger/", views.saved_search_create, name="saved_search_create"),
    path(
        "katalog/soegninger/<int:search_id>/slet/",
        views.saved_search_delete,
        name="saved_search_delete",
    ),
    path("katalog/paraplyer/", views.umbrella_list, name="umbrella_list"),
    path("katalog/paraplyer/ny/", views.umbrella_create, name="umbrella_create"),
    path("katalog/paraplyer/<int:umbrella_id>/", views.umbrella_detail, name="umbrella_detail"),
    path("katalog/paraplyer/<int:umbrella_id>/rediger/", views.umbrella_edit, name="umbrella_edit"),
    path(
        "katalog/paraplyer/<int:umbrella_id>/slet/", views.umbrella_delete, name="umbrella_delete"
    ),
    path("katalog/importer/", views.catalogue_import, name="catalogue_import"),
    path("katalog/importer/gem/", views.catalogue_import_save, name="catalogue_import_save"),
    path(
        "katalog/os2autoproces/importer/",
        os2autoproces.os2autoproces_import_page,
        name="os2autoproces_import",
    ),
    path(
        "katalog/os2autoproces/importer/gem/",
        os2autoproces.os2autoproces_import_save,
        name="os2autoproces_import_save",
    ),
    path(
        "katalog/os2autoproces/eksport/",
        os2autoproces.os2autoproces_export_page,
        name="os2autoproces_export",
    ),
    path("katalog/genbrug/", views.reuse_list, name="reuse_list"),
    path("katalog/genbrug/<int:reuse_id>/", views.reuse_detail, name="reuse_detail"),
    path("katalog/sammenlign/", views.comparison, name="comparison"),
    path("katalog/kandidater/ny/", views.candidate_create, name="candidate_create"),
    path(
        "katalog/kandidater/hurtig-deling/",
        views.candidate_quick_share,
        name="candidate_quick_share",
    ),
    path("katalog/kandidater/<int:candidate_id>/", views.candidate_detail, name="candidate_detail"),
    path(
        "katalog/kandidater/<int:candidate_id>/rediger/",
        views.candidate_edit,
        name="candidate_edit",
    ),
    path(
        "katalog/kandidater/<int:candidate_id>/slet/",
        views.candidate_delete,
        name="candidate_delete",
    ),
    path(
        "katalog/kandidater/<int:candidate_id>/interesse/",
        views.candidate_interest,
        name="candidate_interest",
    ),
    path(
        "katalog/kandidater/<int:candidate_id>/marker/<str:kind>/",
        views.candidate_mark,
        name="candidate_mark",
    ),
    path(
        "katalog/kandidater/<int:candidate_id>/kommentar/",
        views.candidate_comment,
        name="candidate_comment",
    ),
    path(
        "katalog/kandidater/<int:candidate_id>/bilag/",
        views.attachment_upload,
        name="attachment_upload",
    ),
    path(
        "katalog/bilag/<int:attachment_id>/", views.attachment_download, name="attachment_download"
    ),
    path(
        "katalog/bilag/<int:attachment_id>/slet/",
        views.attachment_delete,
        name="attachment_delete",
    ),
]
