from django.urls import path

from procesbank.dictionary import views

app_name = "dictionary"

urlpatterns = [
    path("ordbog/it-systemer/", views.it_system_list, name="it_system_list"),
    path("ordbog/it-systemer/<int:it_system_id>/", views.it_system_edit, name="it_system_edit"),
    path("ordbog/it-systemer/ukoblede/", views.unmapped_texts, name="unmapped_texts"),
    path("ordbog/roller/", views.role_list, name="role_list"),
    path("ordbog/roller/<int:role_id>/slet/", views.role_delete, name="role_delete"),
]
