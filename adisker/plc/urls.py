from django.urls import path

from adisker.plc import views

app_name = "plc"
urlpatterns = [
    path("", views.community_list, name="list"),
    path("new/", views.community_create, name="create"),
    path("<int:pk>/", views.community_detail, name="detail"),
    path("<int:pk>/edit/", views.community_edit, name="edit"),
    path("<int:pk>/report/docx/", views.community_docx, name="community_docx"),
    path("<int:pk>/meetings/new/", views.meeting_form, name="meeting_create"),
    path("<int:pk>/meetings/<int:meeting_pk>/", views.meeting_form, name="meeting_edit"),
    path("<int:pk>/cycles/new/", views.cycle_create, name="cycle_create"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle"),
    path("cycles/<int:pk>/edit/", views.cycle_edit, name="cycle_edit"),
    path("cycles/<int:pk>/advance/", views.cycle_advance, name="cycle_advance"),
    path("cycles/<int:pk>/texts/", views.cycle_texts, name="cycle_texts"),
    path("cycles/<int:pk>/pupils/", views.pupil_add, name="pupil_add"),
    path("cycles/<int:pk>/lessons/<int:round_number>/", views.lesson_form, name="lesson"),
    path(
        "cycles/<int:pk>/lessons/<int:round_number>/observe/",
        views.observation_form,
        name="observe",
    ),
    path("cycles/<int:pk>/photos/<int:note_pk>/", views.note_photo, name="note_photo"),
    path("cycles/<int:pk>/results/", views.results_enter, name="results"),
    path("cycles/<int:pk>/results/import/", views.results_import, name="results_import"),
    path("cycles/<int:pk>/docx/", views.cycle_docx, name="cycle_docx"),
    path("visits/", views.visit_list, name="visits"),
    path("visits/new/", views.visit_create, name="visit_create"),
    path("visits/<int:pk>/", views.visit_detail, name="visit"),
    path("visits/school/<int:school_pk>/", views.visit_matrix_page, name="visit_matrix"),
    path(
        "visits/school/<int:school_pk>/templates/new/",
        views.template_form,
        name="template_create",
    ),
    path("visits/templates/<int:pk>/", views.template_form, name="template_edit"),
    path("practice/", views.practice_list, name="practices"),
    path("practice/new/", views.practice_form, name="practice_create"),
    path("practice/<int:pk>/", views.practice_detail, name="practice"),
    path("practice/<int:pk>/edit/", views.practice_form, name="practice_edit"),
    path("practice/<int:pk>/endorse/", views.practice_endorse, name="practice_endorse"),
    path("practice/<int:pk>/comment/", views.practice_comment, name="practice_comment"),
    path("practice/<int:pk>/adapt/", views.practice_adapt, name="practice_adapt"),
    path("practice/<int:pk>/feature/", views.practice_feature, name="practice_feature"),
    path("practice/<int:pk>/file/", views.practice_file, name="practice_file"),
]
