from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from adisker.lib.reference import reference_choices
from adisker.people.forms import chosen_id
from adisker.people.models import Position, QualificationCategory, StaffProfile
from adisker.schools.filters import DistrictFilter
from adisker.schools.models import School, Subject


def offered_schools(request: HttpRequest) -> QuerySet[School]:
    """The schools the filter offers: all the user may see, unless they span several districts;
    then those of the chosen district, or of the chosen school's, so that an administrator's page
    does not list every school in the country."""
    schools = School.objects.visible_to(request.user)
    if not request.user.scope.spans_districts:
        return schools
    if district_id := chosen_id(request.GET.get("district")):
        return schools.filter(district_id=district_id)
    if school_id := chosen_id(request.GET.get("school")):
        return schools.filter(district__schools=school_id)
    return schools.none()


class StaffFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or IIN"), method="filter_search")
    district = DistrictFilter(field_name="school__district", empty_label=_("All districts"))
    school = django_filters.ModelChoiceFilter(
        label=_("School"), queryset=offered_schools, empty_label=_("All schools")
    )
    # Reference lists as (id, name), without a model instance a row.
    subjects = django_filters.ChoiceFilter(
        label=_("Subject"),
        choices=lambda: reference_choices(Subject),
        empty_label=_("All subjects"),
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"),
        choices=lambda: reference_choices(QualificationCategory),
        empty_label=_("All categories"),
    )
    position = django_filters.ChoiceFilter(
        label=_("Position"),
        choices=lambda: reference_choices(Position),
        empty_label=_("All positions"),
    )

    class Meta:
        model = StaffProfile
        fields = ["q", "district", "school", "subjects", "category", "position"]

    def __init__(self, *args, request: HttpRequest, **kwargs) -> None:
        super().__init__(*args, request=request, **kwargs)
        # One district's schools fit in the school list; one whose user sees one district
        # has nothing to choose there.
        self.spans_districts = request.user.scope.spans_districts
        # The whole country (or several districts) is no list to page through: someone who
        # sees that much narrows it to a district or a school, or searches by name or IIN.
        self.too_wide = self.spans_districts and not any(
            str(self.data.get(name, "")).strip() for name in ("q", "district", "school")
        )
        if not self.spans_districts:
            del self.filters["district"]
        elif getattr(request, "htmx", False):
            # The results answer carries the school list again, for the chosen district.
            self.filters["school"].extra["widget"] = forms.Select(attrs={"hx-swap-oob": "true"})

    def filter_search(self, queryset, name: str, value: str):
        return queryset.search(value)
