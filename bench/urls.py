"""The application's addresses and the floor page (bench/load.py, bench/page_times.py)."""

from django.urls import path

from adisker.urls import urlpatterns as application
from bench import views

urlpatterns = [path("floor/", views.floor, name="floor"), *application]
