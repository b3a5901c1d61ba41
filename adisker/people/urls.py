from django.urls import path

from adisker.people import views

app_name = "people"
urlpatterns = [
    path("", views.staff_list, name="staff_list"),
    path("me/", views.my_profile, name="my_profile"),
    path("new/", views.staff_create, name="staff_create"),
    path("<int:pk>/", views.staff_detail, name="staff_detail"),
    path("<int:pk>/edit/", views.staff_edit, name="staff_edit"),
]
