from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "adisker.events"
    verbose_name = _("Events calendar")

    def ready(self) -> None:
        from adisker.events import dashboard  # noqa: F401  (registers the card)
