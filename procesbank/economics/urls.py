from django.urls import path

from procesbank.economics import views

app_name = "economics"

urlpatterns = [
    path("projekter/<int:project_id>/business-case/", views.business_case, name="business_case"),
    path(
        "projekter/<int:project_id>/business-case/linjer/",
        views.business_case_line_add,
        name="business_case_line_add",
    ),
    path(
        "projekter/<int:project_id>/business-case/frigjort-tid/",
        views.business_case_time_saving_add,
        name="business_case_time_saving_add",
    ),
    path(
        "projekter/<int:project_id>/business-case/godkend/",
        views.business_case_approve,
        name="business_case_approve",
    ),
    path(
        "projekter/<int:project_id>/business-case/excel/",
        views.business_case_xlsx,
        name="business_case_xlsx",
    ),
    path(
        "projekter/<int:project_id>/business-case/business-case.pdf",
        views.business_case_pdf,
        name="business_case_pdf",
    ),
    path(
        "business-case-linjer/<int:line_id>/rediger/",
        views.business_case_line_edit,
        name="business_case_line_edit",
    ),
    path(
        "business-case-linjer/<int:line_id>/slet/",
        views.business_case_line_delete,
        name="business_case_line_delete",
    ),
    path("diskonteringsrenter/", views.discount_rates, name="discount_rates"),
]
