from django.urls import path

from procesbank.identity import views

app_name = "identity"

urlpatterns = [
    # The SAML service provider: the metadata URL is what KOMBIT's administration module and
    # the ACS/SLO addresses in it are registered with; keep these paths stable.
    path("sso/saml/metadata/", views.SamlMetadataView.as_view(), name="saml_metadata"),
    path("sso/saml/acs/", views.SamlAcsView.as_view(), name="saml_acs"),
    path("sso/saml/sls/", views.SamlLogoutView.as_view(), name="saml_sls"),
    path("sso/saml/<int:provider_id>/log-ind/", views.SamlLoginView.as_view(), name="saml_login"),
    path("sso/oidc/<int:provider_id>/log-ind/", views.oidc_login, name="oidc_login"),
    path("sso/oidc/<int:provider_id>/tilbage/", views.oidc_callback, name="oidc_callback"),
    path("sso/log-ud/", views.logout, name="logout"),
    # The collaboration admin's set-up.
    path("sso/opsaetning/", views.sso_admin, name="admin"),
    path("sso/opsaetning/saml/ny/", views.saml_provider_edit, name="saml_provider_create"),
    path(
        "sso/opsaetning/saml/<int:provider_id>/",
        views.saml_provider_edit,
        name="saml_provider_edit",
    ),
    path("sso/opsaetning/oidc/ny/", views.oidc_provider_edit, name="oidc_provider_create"),
    path(
        "sso/opsaetning/oidc/<int:provider_id>/",
        views.oidc_provider_edit,
        name="oidc_provider_edit",
    ),
    path("sso/opsaetning/roller/", views.role_mapping_create, name="role_mapping_create"),
    path(
        "sso/opsaetning/roller/<int:mapping_id>/slet/",
        views.role_mapping_delete,
        name="role_mapping_delete",
    ),
]
