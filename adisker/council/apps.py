from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "adisker.council"
    verbose_name = _("Methodological council")

    def ready(self) -> None:
        from adisker.council import dashboard  # noqa: F401  (registers the cards)
