from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from adisker.lib.reference import reference_choices
from adisker.schools.models import District, Reader, School


def district_choices(user: Reader) -> list[tuple[int, str]]:
    """The districts `user` sees schools in, as (pk, name)."""
    choices = reference_choices(District)
    if user.is_administrator:
        return choices
    seen = set(School.objects.visible_to(user).values_list("district_id", flat=True).distinct())
    return [choice for choice in choices if choice[0] in seen]


class DistrictFilter(django_filters.ChoiceFilter):
    """A choice of the districts the request's user sees (`district_choices`); its value is the
    district's id."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("label", _("District"))
        super().__init__(*args, **kwargs)

    @property
    def field(self):  # type: ignore[no-untyped-def]
        if not hasattr(self, "_field"):
            self.extra["choices"] = district_choices(self.parent.request.user)
        return super().field


class SchoolFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    district = DistrictFilter(empty_label=_("All districts"))
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
