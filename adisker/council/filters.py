from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from adisker.schools.models import School, SchoolQuerySet


class CouncilSchoolFilter(django_filters.FilterSet):
    """The search box of the council's index. No district list: for an administrator it renders
    two hundred options on every page, while a school's name or BIN finds it directly."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_search")

    class Meta:
        model = School
        fields = ["q"]

    def filter_search(self, queryset: SchoolQuerySet, name: str, value: str) -> SchoolQuerySet:
        return queryset.search(value)
