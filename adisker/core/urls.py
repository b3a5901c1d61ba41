from django.urls import path

from adisker.core import views

urlpatterns = [
    path("", views.home, name="home"),
    path("language/", views.switch_language, name="switch_language"),
]

# Included under "schools/" with the namespace "schools".
school_patterns = [
    path("", views.school_list, name="list"),
    path("<int:pk>/", views.school_detail, name="detail"),
]
