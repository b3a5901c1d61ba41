from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from adisker.people.models import Position, QualificationCategory, StaffProfile
from adisker.schools.models import School, Subject


def visible_schools(request) -> object:
    return School.objects.visible_to(request.user)


class StaffFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or IIN"), method="filter_search")
    school = django_filters.ModelChoiceFilter(
        label=_("School"), queryset=visible_schools, empty_label=_("All schools")
    )
    subjects = django_filters.ModelChoiceFilter(
        label=_("Subject"), queryset=Subject.objects.all(), empty_label=_("All subjects")
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Category"),
        queryset=QualificationCategory.objects.all(),
        empty_label=_("All categories"),
    )
    position = django_filters.ModelChoiceFilter(
        label=_("Position"), queryset=Position.objects.all(), empty_label=_("All positions")
    )

    class Meta:
        model = StaffProfile
        fields = ["q", "school", "subjects", "category", "position"]

    def filter_search(self, queryset, name: str, value: str):
        return queryset.search(value)
