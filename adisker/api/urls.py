from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from adisker.api import views

app_name = "api"
router = SimpleRouter(use_regex_path=False)
router.register("schools", views.SchoolViewSet, basename="school")
router.register("staff", views.StaffViewSet, basename="staff")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
]
