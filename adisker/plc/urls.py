from django.urls import path  # noqa: F401

from adisker.plc import views  # noqa: F401

app_name = "plc"
urlpatterns: list = []
