from django.contrib.auth import views as auth_views
from django.urls import include, path

from procesbank.api import api
from procesbank.jobs.views import job_status
from procesbank.organisations import views as organisations
from procesbank.web.views import healthz

urlpatterns = [
    path("", organisations.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "konto/log-ind/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("konto/log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/adgangskode/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "konto/adgangskode/skiftet/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("konto/api-noegler/", organisations.api_tokens, name="api_tokens"),
    path(
        "konto/api-noegler/<int:token_id>/spaer/",
        organisations.api_token_revoke,
        name="api_token_revoke",
    ),
    path("kommuner/", organisations.municipality_list, name="municipality_list"),
    path("brugere/", organisations.user_list, name="user_list"),
    path("brugere/<int:user_id>/", organisations.user_update, name="user_update"),
    path("log/", organisations.audit_log, name="audit_log"),
    path("job/<uuid:job_id>/", job_status, name="job_status"),
    path("api/v1/", api.urls),
]
