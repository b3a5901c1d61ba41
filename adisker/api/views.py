"""Read-only API over the same querysets as the pages: a user gets exactly what they may see.

Identifiers are the stable national ones (IIN, BIN) so that an exchange with state systems
needs no mapping table.
"""

from __future__ import annotations

from rest_framework import viewsets

from adisker.api.serializers import SchoolSerializer, StaffSerializer
from adisker.people.models import StaffProfile
from adisker.schools.models import School


class SchoolViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SchoolSerializer
    lookup_value_converter = "int"

    def get_queryset(self):
        return School.objects.visible_to(self.request.user).select_related("district")


class StaffViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = StaffSerializer
    lookup_value_converter = "int"

    def get_queryset(self):
        return StaffProfile.objects.visible_to(self.request.user).for_list()
