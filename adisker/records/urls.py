from django.urls import path

from adisker.records import views

app_name = "records"
urlpatterns = [
    path("<int:staff_pk>/", views.record, name="record"),
    path("<int:staff_pk>/<slug:kind>/new/", views.entry_form, name="entry_create"),
    path("<int:staff_pk>/<slug:kind>/<int:pk>/", views.entry_form, name="entry_edit"),
    path("<int:staff_pk>/<slug:kind>/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("<int:staff_pk>/<slug:kind>/<int:pk>/confirm/", views.entry_confirm, name="entry_confirm"),
    path("<int:staff_pk>/<slug:kind>/<int:pk>/file/", views.entry_file, name="entry_file"),
    path("<int:staff_pk>/course/<int:course_pk>/follow-up/", views.follow_up, name="follow_up"),
    path("<int:staff_pk>/portfolio/docx/", views.portfolio_docx, name="portfolio_docx"),
    path("plan/", views.plan, name="plan"),
    path("plan/<int:school_pk>/xlsx/", views.plan_xlsx, name="plan_xlsx"),
    path("plan/<int:school_pk>/docx/", views.plan_docx, name="plan_docx"),
    path("plan/toggle/<int:staff_pk>/", views.plan_toggle, name="plan_toggle"),
    path("plan/district/", views.district_plan, name="district_plan"),
    path(
        "plan/district/<int:district_pk>/xlsx/",
        views.district_plan_xlsx,
        name="district_plan_xlsx",
    ),
]
