from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "adisker.records"
    verbose_name = _("Professional records")

    def ready(self) -> None:
        from adisker.records import dashboard  # noqa: F401  (registers the cards)
