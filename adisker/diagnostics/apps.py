from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiagnosticsConfig(AppConfig):
    name = "adisker.diagnostics"
    verbose_name = _("Diagnostics")

    def ready(self) -> None:
        from adisker.diagnostics import dashboard  # noqa: F401  (registers the cards)
