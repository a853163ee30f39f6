from django.urls import path

from procesbank.economics import joint_views, riskviews, views, workbookviews

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
    # Joint projects and procurements (issue 15).
    path("projekter/<int:project_id>/faellesprojekt/", joint_views.joint_case, name="joint_case"),
    path(
        "projekter/<int:project_id>/faellesprojekt/ramme/",
        joint_views.joint_frame,
        name="joint_frame",
    ),
    path(
        "projekter/<int:project_id>/faellesprojekt/deltagere/",
        joint_views.participant_add,
        name="participant_add",
    ),
    path(
        "projekter/deltagere/<int:participant_id>/fjern/",
        joint_views.participant_remove,
        name="participant_remove",
    ),
    path(
        "projekter/milepaele/<int:milestone_id>/",
        joint_views.milestone_update,
        name="milestone_update",
    ),
    path(
        "business-case-linjer/<int:line_id>/fordeling/",
        joint_views.line_split,
        name="line_split",
    ),
    path(
        "projekter/<int:project_id>/faellesprojekt/lokale-linjer/",
        joint_views.local_line_add,
        name="local_line_add",
    ),
    path(
        "lokale-linjer/<int:local_id>/slet/",
        joint_views.local_line_delete,
        name="local_line_delete",
    ),
]
