from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from adisker.core.urls import school_patterns
from adisker.people.forms import LoginForm

urlpatterns = [
    path("", include("adisker.core.urls")),
    path("schools/", include((school_patterns, "schools"))),
    path("staff/import/", include("adisker.roster.urls")),
    path("staff/", include("adisker.people.urls")),
    path("records/", include("adisker.records.urls")),
    path("council/", include("adisker.council.urls")),
    path("events/", include("adisker.events.urls")),
    path("plc/", include("adisker.plc.urls")),
    path("diagnostics/", include("adisker.diagnostics.urls")),
    path("api/", include("adisker.api.urls")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/password/reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
]
