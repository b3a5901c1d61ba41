from __future__ import annotations

from django.urls import path

from adisker.council import views

app_name = "council"
urlpatterns = [
    path("", views.index, name="index"),
    path("school/<int:pk>/", views.school, name="school"),
    path("joint/<int:pk>/", views.joint, name="joint"),
    path("school/<int:school_pk>/theme/new/", views.theme_form, name="theme_create"),
    path("theme/<int:pk>/", views.theme_form, name="theme_edit"),
    path("school/<int:school_pk>/topic/new/", views.topic_form, name="topic_create"),
    path("topic/<int:pk>/", views.topic_form, name="topic_edit"),
    path("school/<int:school_pk>/mentoring/new/", views.pair_create, name="pair_create"),
    path("mentoring/<int:pk>/delete/", views.pair_delete, name="pair_delete"),
    path("school/<int:school_pk>/structure/new/", views.structure_create, name="structure_create"),
    path(
        "joint/<int:joint_pk>/structure/new/", views.structure_create, name="joint_structure_create"
    ),
    path("structure/<int:pk>/", views.structure, name="association"),
    path("structure/<int:pk>/edit/", views.structure_edit, name="structure_edit"),
    path("plan/start/", views.plan_start, name="plan_start"),
    path("plan/<int:pk>/", views.plan, name="plan"),
    path("plan/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plan/<int:pk>/approve/", views.plan_approve, name="plan_approve"),
    path("plan/<int:pk>/docx/", views.plan_docx, name="plan_docx"),
    path("plan/<int:plan_pk>/items/new/", views.item_form, name="item_create"),
    path("item/<int:pk>/", views.item_form, name="item_edit"),
    path("item/<int:pk>/status/", views.item_status, name="item_status"),
    path("item/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("structure/<int:structure_pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meeting/<int:pk>/", views.meeting, name="meeting"),
    path("meeting/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meeting/<int:pk>/docx/", views.protocol_docx, name="protocol_docx"),
    path("meeting/<int:meeting_pk>/agenda/new/", views.agenda_item_form, name="agenda_create"),
    path("agenda/<int:pk>/", views.agenda_item_form, name="agenda_edit"),
    path("agenda/<int:pk>/delete/", views.agenda_item_delete, name="agenda_delete"),
    path("agenda/<int:agenda_pk>/decisions/new/", views.decision_form, name="decision_create"),
    path("decision/<int:pk>/", views.decision_form, name="decision_edit"),
    path("decision/<int:pk>/delete/", views.decision_delete, name="decision_delete"),
    path("decision/<int:pk>/follow-up/", views.decision_follow_up, name="decision_follow_up"),
]
