from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from adisker.plc.models import Community, CommunityQuerySet


class CommunityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")

    class Meta:
        model = Community
        fields = ["q"]

    def filter_search(
        self, queryset: CommunityQuerySet, name: str, value: str
    ) -> CommunityQuerySet:
        return queryset.search(value)
