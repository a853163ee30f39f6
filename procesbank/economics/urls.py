from django.urls import path

from procesbank.economics import riskviews, views, workbookviews

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
    path(
        "projekter/<int:project_id>/business-case/risici/",
        riskviews.risk_add,
        name="risk_add",
    ),
    path("business-case-risici/<int:risk_id>/rediger/", riskviews.risk_edit, name="risk_edit"),
    path("business-case-risici/<int:risk_id>/slet/", riskviews.risk_delete, name="risk_delete"),
    path(
        "projekter/<int:project_id>/business-case/excel/indlaes/",
        workbookviews.workbook_import,
        name="workbook_import",
    ),
]
