from django.urls import path

from procesbank.profiles import views

app_name = "profiles"

urlpatterns = [
    path("kommuner/<str:code>/", views.municipality_profile, name="municipality_profile"),
    path(
        "kommuner/<str:code>/rediger/",
        views.municipality_profile_edit,
        name="municipality_profile_edit",
    ),
    path("anbefalet/", views.recommended, name="recommended"),
]
