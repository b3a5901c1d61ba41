"""What `manage.py load_demo` hands to each app's demo data.

The people's demo (people.demo) builds the district, its schools, staff and logins; then each
module of DEMO_MODULES gets `demo.load(data)` to add its own records. Each loader must find its
objects by natural keys, so that running the command again changes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from importlib import import_module

from adisker.people.models import StaffProfile, User
from adisker.schools.models import District, InterSchoolAssociation, School


@dataclass(frozen=True)
class DemoData:
    district: District
    # The gymnasium, the rural base school, then the three small-class schools.
    schools: list[School]
    staff: dict[int, list[StaffProfile]]  # by school id, in the order they were created
    association: InterSchoolAssociation
    users: dict[str, User]  # the demo logins by username
    seed: int

    def rng(self, app_label: str) -> random.Random:
        """A generator of its own for each app, so one app's data never shifts another's."""
        return random.Random(f"{self.seed}-{app_label}")


# The modules that add their demo data to the people's, in this order.
DEMO_MODULES = ("records", "council", "events", "plc", "diagnostics")


def load_app_demos(data: DemoData) -> None:
    for name in DEMO_MODULES:
        import_module(f"adisker.{name}.demo").load(data)
