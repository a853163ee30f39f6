from django.contrib.auth import views as auth_views
from django.urls import include, path

from procesbank.api import api
from procesbank.jobs.views import job_status
from procesbank.organisations import views as organisations
from procesbank.processes import views as processes
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
    path("processer/", processes.process_list, name="process_list"),
    path("processer/ny/", processes.process_create, name="process_create"),
    path("processer/importer/", processes.process_import, name="process_import"),
    path("processer/<int:process_id>/", processes.process_detail, name="process_detail"),
    path("processer/<int:process_id>/rediger/", processes.process_edit, name="process_edit"),
    path("processer/<int:process_id>/slet/", processes.process_delete, name="process_delete"),
    path("versioner/<int:version_id>/modeller/", processes.version_modeler, name="version_modeler"),
    path("versioner/<int:version_id>/gem/", processes.version_save, name="version_save"),
    path(
        "versioner/<int:version_id>/beregn/", processes.version_calculate, name="version_calculate"
    ),
    path("versioner/<int:version_id>/bpmn/", processes.version_bpmn, name="version_bpmn"),
    path("versioner/<int:version_id>/excel/", processes.version_xlsx, name="version_xlsx"),
    path("versioner/<int:version_id>/kopier/", processes.version_copy, name="version_copy"),
    path("versioner/<int:version_id>/gendan/", processes.version_restore, name="version_restore"),
    path("versioner/<int:version_id>/slet/", processes.version_delete, name="version_delete"),
    path("api/v1/", api.urls),
]
