from django.urls import path  # noqa: F401

from adisker.council import views  # noqa: F401

app_name = "council"
urlpatterns: list = []
