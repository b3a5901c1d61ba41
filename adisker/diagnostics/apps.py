from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosticsConfig(AppConfig):
    name = "adisker.diagnostics"
    verbose_name = _("Diagnostics")

    def ready(self) -> None:
        from adisker.core import navigation
        from adisker.diagnostics import dashboard  # noqa: F401  (registers the cards)

        def shown(user) -> bool:  # type: ignore[no-untyped-def]
            return navigation.has_staff_profile(user) or navigation.staff_viewers(user)

        navigation.register(navigation.NavItem(_("Diagnostics"), "diagnostics:index", shown))
