from django.urls import path

from adisker.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.switch_language, name="switch_language"),
    path("floor/", views.floor, name="floor"),
]
