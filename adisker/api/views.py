"""Read-only API over the same querysets as the pages: a user gets exactly what they may see.

Identifiers are the stable national ones (IIN, BIN) so that an exchange with state systems
needs no mapping table.
"""

from __future__ import annotations

from rest_framework import viewsets
from rest_framework.pagination import CursorPagination

from adisker.api.serializers import SchoolSerializer, StaffSerializer
from adisker.people.models import StaffProfile
from adisker.schools.models import School


class ById(CursorPagination):
    """Pages by a cursor: an exchange walks through every row, and no page counts all of them
    first (an administrator's would count the country's staff on every page)."""

    ordering = "id"
    page_size = 50


class BySchool(ById):
    """Staff school by school: the cursor follows the index on the school that the user's
    visibility filters on. Over the id alone, PostgreSQL walked the whole table from the
    first id to reach one district's staff."""

    ordering = ("school_id", "id")


class SchoolViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SchoolSerializer
    pagination_class = ById
    lookup_value_converter = "int"

    def get_queryset(self):
        return School.objects.visible_to(self.request.user).select_related("district")


class StaffViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = StaffSerializer
    pagination_class = BySchool
    lookup_value_converter = "int"

    def get_queryset(self):
        return StaffProfile.objects.visible_to(self.request.user).for_list()
