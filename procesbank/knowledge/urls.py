from django.urls import path

from procesbank.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("sparring/", views.question_list, name="question_list"),
    path("sparring/nyt/", views.question_create, name="question_create"),
    path("sparring/emner/", views.topic_follow, name="topic_follow"),
    path("sparring/<int:question_id>/", views.question_detail, name="question_detail"),
    path("sparring/<int:question_id>/svar/", views.answer_create, name="answer_create"),
    path("sparring/svar/<int:answer_id>/accepter/", views.answer_accept, name="answer_accept"),
    path("erfaringer/", views.lesson_list, name="lesson_list"),
    path("erfaringer/<int:lesson_id>/", views.lesson_detail, name="lesson_detail"),
    path("erfaringer/<int:lesson_id>/rediger/", views.lesson_edit, name="lesson_edit"),
    path("erfaringer/projekt/<int:project_id>/ny/", views.lesson_create, name="lesson_create"),
    path("hvem-ved/", views.who_knows, name="who_knows"),
]
