from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "adisker.people"
    verbose_name = _("People")

    def ready(self) -> None:
        from adisker.core import navigation
        from adisker.people import dashboard  # noqa: F401  (registers the cards)

        navigation.register(
            navigation.NavItem(_("Staff"), "people:staff_list", navigation.staff_viewers)
        )
        navigation.register(
            navigation.NavItem(_("My profile"), "people:my_profile", navigation.has_staff_profile)
        )
