from django.urls import path

from procesbank.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifikationer/", views.notification_list, name="notification_list"),
    path(
        "notifikationer/<int:notification_id>/",
        views.notification_open,
        name="notification_open",
    ),
    path(
        "notifikationer/<int:notification_id>/laest/",
        views.notification_read,
        name="notification_read",
    ),
    path("notifikationer/alle-laest/", views.notification_read_all, name="notification_read_all"),
    path(
        "notifikationer/indstillinger/",
        views.notification_settings,
        name="notification_settings",
    ),
]
