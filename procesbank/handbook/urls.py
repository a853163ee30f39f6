from django.urls import path

from procesbank.handbook import views

app_name = "handbook"

urlpatterns = [
    path("haandbog/", views.index, name="index"),
    path("haandbog/ny/", views.page_create, name="page_create"),
    path("haandbog/forhaandsvisning/", views.preview, name="preview"),
    path("haandbog/sider/<int:page_id>/", views.page_detail, name="page_detail"),
    path("haandbog/sider/<int:page_id>/rediger/", views.page_edit, name="page_edit"),
    path("haandbog/sider/<int:page_id>/gennemgaaet/", views.page_reviewed, name="page_reviewed"),
    path("haandbog/sider/<int:page_id>/historik/", views.page_history, name="page_history"),
    path(
        "haandbog/sider/<int:page_id>/versioner/<int:number>/",
        views.page_version,
        name="page_version",
    ),
    path(
        "haandbog/sider/<int:page_id>/versioner/<int:number>/gendan/",
        views.page_restore,
        name="page_restore",
    ),
    path("haandbog/sider/<int:page_id>/sammenlign/", views.page_compare, name="page_compare"),
    path("haandbog/skabeloner/", views.template_list, name="template_list"),
    path("haandbog/skabeloner/ny/", views.template_create, name="template_create"),
    path("haandbog/skabeloner/<int:template_id>/", views.template_detail, name="template_detail"),
    path(
        "haandbog/skabeloner/<int:template_id>/versioner/<int:number>/hent/",
        views.template_download,
        name="template_download",
    ),
]
