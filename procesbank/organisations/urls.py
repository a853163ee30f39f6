from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from procesbank.organisations import views
from procesbank.organisations.passwordreset import ThrottledPasswordResetView

app_name = "organisations"

urlpatterns = [
    path(
        "konto/log-ind/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("konto/log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "konto/adgangskode/",
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("organisations:password_change_done")
        ),
        name="password_change",
    ),
    path(
        "konto/adgangskode/skiftet/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # Password reset by e-mail (organisations/passwordreset.py): public, throttled.
    path(
        "konto/glemt-adgangskode/",
        ThrottledPasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "konto/glemt-adgangskode/sendt/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "konto/nulstil/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("organisations:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "konto/nulstil/faerdig/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("konto/api-noegler/", views.api_tokens, name="api_tokens"),
    path(
        "konto/api-noegler/<int:token_id>/spaer/", views.api_token_revoke, name="api_token_revoke"
    ),
    path("konto/profil/", views.profile, name="profile"),
    path("konto/sprog/", views.language_set, name="language_set"),
    path("personer/", views.person_list, name="person_list"),
    path("personer/<int:person_id>/", views.person_edit, name="person_edit"),
    path("enheder/", views.unit_tree, name="unit_tree"),
    path("enheder/import/", views.unit_import, name="unit_import"),
    path("enheder/import/gem/", views.unit_import_save, name="unit_import_save"),
    path("enheder/<int:unit_id>/", views.unit_edit, name="unit_edit"),
    path("enheder/<int:unit_id>/slet/", views.unit_delete, name="unit_delete"),
    path("kommuner/", views.municipality_list, name="municipality_list"),
    path(
        "kommuner/tilgaengelighedserklaering/",
        views.accessibility_statement_edit,
        name="accessibility_statement_edit",
    ),
    path("brugere/", views.user_list, name="user_list"),
    path("brugere/<int:user_id>/", views.user_update, name="user_update"),
    path("log/", views.audit_log, name="audit_log"),
]
