from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from adisker.schools.models import District, School


def visible_districts(request) -> object:
    if request.user.is_administrator:
        return District.objects.all()
    return District.objects.filter(schools__in=School.objects.visible_to(request.user)).distinct()


class SchoolFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    district = django_filters.ModelChoiceFilter(
        label=_("District"), queryset=visible_districts, empty_label=_("All districts")
    )
    school_type = django_filters.ChoiceFilter(
        label=_("Type"), choices=School.Type.choices, empty_label=_("All types")
    )
    locality = django_filters.ChoiceFilter(
        label=_("Locality"), choices=School.Locality.choices, empty_label=_("Urban and rural")
    )

    class Meta:
        model = School
        fields = ["q", "district", "school_type", "locality"]

    def filter_search(self, queryset, name: str, value: str):
        return queryset.search(value)
