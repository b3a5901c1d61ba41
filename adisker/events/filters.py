from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from adisker.events.models import Event, EventQuerySet, Participation
from adisker.schools.filters import DistrictFilter


class EventFilter(django_filters.FilterSet):
    UPCOMING, PAST = "upcoming", "past"

    q = django_filters.CharFilter(label=_("Title or place"), method="filter_search")
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[(UPCOMING, _("upcoming")), (PAST, _("past"))],
        empty_label=_("Any time"),
        method="filter_when",
    )
    starts_from = django_filters.DateFilter(
        label=_("From"),
        field_name="starts_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    starts_until = django_filters.DateFilter(
        label=_("Until"),
        field_name="starts_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    mine = django_filters.ChoiceFilter(
        label=_("Whose"),
        choices=[("yes", _("where I take part or organise"))],
        empty_label=_("all I can see"),
        method="filter_mine",
    )

    district = DistrictFilter(empty_label=_("Choose a district"), method="filter_district")

    class Meta:
        model = Event
        fields = ["q", "district", "when", "starts_from", "starts_until", "mine"]

    def __init__(self, *args, request, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, request=request, **kwargs)
        # As the calendar: someone who sees several districts lists one district's events, or
        # searches them all by title or place.
        spans = request.user.scope.spans_districts
        self.too_wide = spans and not any(
            str(self.data.get(name, "")).strip() for name in ("q", "district")
        )
        if not spans:
            del self.filters["district"]

    def filter_district(self, queryset: EventQuerySet, name: str, value: str) -> EventQuerySet:
        return queryset.of_district(int(value))

    def filter_search(self, queryset: EventQuerySet, name: str, value: str) -> EventQuerySet:
        return queryset.search(value)

    def filter_when(self, queryset: EventQuerySet, name: str, value: str) -> EventQuerySet:
        now = timezone.now()
        if value == self.UPCOMING:
            return queryset.filter(ends_at__gte=now)
        return queryset.filter(ends_at__lt=now).order_by("-starts_at", "-pk")

    def filter_mine(self, queryset: EventQuerySet, name: str, value: str) -> EventQuerySet:
        user = self.request.user
        taking_part = Participation.objects.filter(staff__user=user).values("event_id")
        return queryset.filter(Q(pk__in=taking_part) | Q(organiser__user=user))
