from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "adisker.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db import connections
        from django.db.backends.signals import connection_created

        from adisker.core import cards, checks  # noqa: F401  (register the cards and checks)
        from adisker.lib import caching

        connection_created.connect(caching.install, dispatch_uid="adisker.lib.caching")
        for connection in connections.all(initialized_only=True):
            caching.install(connection)
