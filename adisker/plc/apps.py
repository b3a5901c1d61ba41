from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlcConfig(AppConfig):
    name = "adisker.plc"
    verbose_name = _("Professional learning communities")

    def ready(self) -> None:
        from adisker.plc import dashboard, exports  # noqa: F401  (register a card and a section)
