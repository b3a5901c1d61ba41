from django.urls import path

from adisker.diagnostics import views

app_name = "diagnostics"
urlpatterns = [
    path("", views.index, name="index"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign, name="campaign"),
    path("campaigns/<int:pk>/remind/", views.campaign_remind, name="campaign_remind"),
    path("campaigns/<int:pk>/close/", views.campaign_close, name="campaign_close"),
    path("campaigns/<int:pk>/assess/<int:staff_pk>/", views.assess, name="assess"),
    path("campaigns/<int:pk>/results/", views.results, name="results"),
    path("campaigns/<int:pk>/results/xlsx/", views.results_xlsx, name="results_xlsx"),
    path("campaigns/<int:pk>/teachers/<int:staff_pk>/", views.teacher, name="teacher"),
    path("campaigns/<int:pk>/proposals/", views.proposal_list, name="proposals"),
    path(
        "campaigns/<int:pk>/proposals/compute/",
        views.proposal_generate,
        name="proposal_generate",
    ),
    path("proposals/<int:pk>/decide/", views.proposal_decide, name="proposal_decide"),
    path("answer/<int:pk>/", views.answer, name="answer"),
    path("answer/<int:pk>/section/<int:section_pk>/", views.answer_section, name="answer_section"),
    path("answer/<int:pk>/submit/", views.answer_submit, name="answer_submit"),
    path("instruments/", views.instrument_list, name="instruments"),
    path("instruments/<int:pk>/", views.instrument, name="instrument"),
    path("instruments/<int:pk>/levels/", views.instrument_levels, name="instrument_levels"),
    path("instruments/<int:pk>/items/<int:item_pk>/", views.item_edit, name="item_edit"),
]
