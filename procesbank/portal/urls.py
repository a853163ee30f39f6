from django.urls import path

from procesbank.portal import views

app_name = "portal"

# Stable addresses, to link from the intranet: /portal/<municipality>/<process id>/.
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:municipality_slug>/<int:process_id>/", views.process, name="process"),
    path("<slug:municipality_slug>/<int:process_id>/print/", views.process_print, name="print"),
    path("<slug:municipality_slug>/<int:process_id>/bpmn/", views.process_bpmn, name="bpmn"),
]
