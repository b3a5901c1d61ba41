from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlcConfig(AppConfig):
    name = "adisker.plc"
    verbose_name = _("Professional learning communities")

    def ready(self) -> None:
        from adisker.core import navigation
        from adisker.plc import dashboard  # noqa: F401  (registers the cards)

        # One menu item: the PLC page links to shared practice and mutual observation, and
        # the menu is shared by every module.
        navigation.register(navigation.NavItem(_("PLC"), "plc:list", navigation.everyone))
