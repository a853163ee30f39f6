from django.urls import path

from procesbank.governance import views

app_name = "governance"

urlpatterns = [
    path(
        "processer/versioner/<int:version_id>/godkendelse/",
        views.version_review,
        name="version_review",
    ),
    path(
        "processer/versioner/<int:version_id>/godkendelse/send/",
        views.review_submit,
        name="review_submit",
    ),
    path(
        "processer/versioner/<int:version_id>/godkendelse/kommentar/",
        views.review_comment,
        name="review_comment",
    ),
    path(
        "processer/versioner/<int:version_id>/godkendelse/kommentarmaerker.json",
        views.comment_badges,
        name="comment_badges",
    ),
    path(
        "processer/versioner/<int:version_id>/godkendelse/faerdig/",
        views.review_done,
        name="review_done",
    ),
    path(
        "processer/versioner/<int:version_id>/godkendelse/godkend/",
        views.review_approve,
        name="review_approve",
    ),
    path(
        "processer/versioner/<int:version_id>/godkendelse/tilbage/",
        views.review_send_back,
        name="review_send_back",
    ),
    path(
        "processer/versioner/<int:version_id>/godkendelse/offentliggoer/",
        views.version_publish,
        name="version_publish",
    ),
]
