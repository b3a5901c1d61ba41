from django.urls import path

from adisker.roster import views

app_name = "roster"
urlpatterns = [
    path("", views.roster_import, name="import"),
    path("confirm/", views.roster_import_confirm, name="confirm"),
    path("template.xlsx", views.roster_import_template, name="template"),
]
