from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    name = "adisker.schools"
    verbose_name = _("Schools")

    def ready(self) -> None:
        from adisker.core import navigation
        from adisker.schools import dashboard  # noqa: F401  (registers the cards)

        navigation.register(navigation.NavItem(_("Schools"), "schools:list", navigation.everyone))
