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
]
