"""In-process cost of pages for one or more users: median time of five requests, queries, size.

No server and no concurrency: the figure is the CPU and database time one request costs, which
is what changed in the before/after table of the README's scale section. For latency under
load, see bench/load.py.

    DATABASE_URL=... .venv/bin/python bench/page_times.py LOGIN[,LOGIN...] [EXTRA_URL ...]

Each login gets /floor/, the home page, every menu item shown to them and the extra URLs.
"""

from __future__ import annotations

import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
# As bench/load.py: the pages need the collected static files' manifest.
os.environ.setdefault("STATIC_ROOT", "/tmp/adisker-bench-static")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from adisker.core.navigation import items_for  # noqa: E402
from adisker.people.models import User  # noqa: E402

REPEATS = 5


def main(logins: list[str], extra: list[str]) -> None:
    call_command("collectstatic", interactive=False, verbosity=0)
    setup_test_environment()
    logging.disable(logging.WARNING)
    for login in logins:
        user = User.objects.get(username=login)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        for url in ["/floor/", "/", *(item.url for item in items_for(user)), *extra]:
            times = []
            for _repeat in range(REPEATS):
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(url)
                times.append(time.perf_counter() - started)
            print(
                f"{login:18} {statistics.median(times) * 1000:8.1f} ms {len(queries):4d} q "
                f"{response.status_code} {len(response.content) // 1024:6d} KB  {url}"
            )


if __name__ == "__main__":
    main(sys.argv[1].split(","), sys.argv[2:])
