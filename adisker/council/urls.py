from __future__ import annotations

from django.urls import path

from adisker.council.views import development, meetings, overview, plans, structures

app_name = "council"
urlpatterns = [
    path("", overview.index, name="index"),
    path("school/<int:pk>/", overview.school, name="school"),
    path("joint/<int:pk>/", overview.joint, name="joint"),
    path("school/<int:school_pk>/theme/new/", development.theme_form, name="theme_create"),
    path("theme/<int:pk>/", development.theme_form, name="theme_edit"),
    path("school/<int:school_pk>/topic/new/", development.topic_form, name="topic_create"),
    path("topic/<int:pk>/", development.topic_form, name="topic_edit"),
    path("school/<int:school_pk>/mentoring/new/", development.pair_create, name="pair_create"),
    path("mentoring/<int:pk>/delete/", development.pair_delete, name="pair_delete"),
    path(
        "school/<int:school_pk>/structure/new/",
        structures.structure_create,
        name="structure_create",
    ),
    path(
        "joint/<int:joint_pk>/structure/new/",
        structures.structure_create,
        name="joint_structure_create",
    ),
    path("structure/<int:pk>/", structures.structure, name="association"),
    path("structure/<int:pk>/edit/", structures.structure_edit, name="structure_edit"),
    path("plan/start/", plans.plan_start, name="plan_start"),
    path("plan/<int:pk>/", plans.plan, name="plan"),
    path("plan/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path("plan/<int:pk>/approve/", plans.plan_approve, name="plan_approve"),
    path("plan/<int:pk>/docx/", plans.plan_docx, name="plan_docx"),
    path("plan/<int:plan_pk>/items/new/", plans.item_form, name="item_create"),
    path("item/<int:pk>/", plans.item_form, name="item_edit"),
    path("item/<int:pk>/status/", plans.item_status, name="item_status"),
    path("item/<int:pk>/delete/", plans.item_delete, name="item_delete"),
    path(
        "structure/<int:structure_pk>/meetings/new/", meetings.meeting_create, name="meeting_create"
    ),
    path("meeting/<int:pk>/", meetings.meeting, name="meeting"),
    path("meeting/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meeting/<int:pk>/docx/", meetings.protocol_docx, name="protocol_docx"),
    path("meeting/<int:meeting_pk>/agenda/new/", meetings.agenda_item_form, name="agenda_create"),
    path("agenda/<int:pk>/", meetings.agenda_item_form, name="agenda_edit"),
    path("agenda/<int:pk>/delete/", meetings.agenda_item_delete, name="agenda_delete"),
    path("agenda/<int:agenda_pk>/decisions/new/", meetings.decision_form, name="decision_create"),
    path("decision/<int:pk>/", meetings.decision_form, name="decision_edit"),
    path("decision/<int:pk>/delete/", meetings.decision_delete, name="decision_delete"),
    path("decision/<int:pk>/follow-up/", meetings.decision_follow_up, name="decision_follow_up"),
]
