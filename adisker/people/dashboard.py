from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.signals import pre_save

from adisker.core.dashboard import Card, summary_card, summary_counts, summary_links, user_card
from adisker.core.http import AuthenticatedRequest
from adisker.people.models import Position, QualificationCategory, StaffProfile
from adisker.schools.models import School, Subject


@user_card
def my_profile(request: AuthenticatedRequest) -> Card | None:
    profile = getattr(request.user, "staff_profile", None)
    if profile is None:
        return None
    # The card names the position, school and category, read with the user (StaffBackend).
    return Card("people/cards/my_profile.html", {"profile": profile}, order=10)


@summary_card
def school_staff(school_ids: set[int], on: datetime.date) -> Card | None:
    """Per managed school: how many staff, and how they spread over the categories."""
    categories = list(QualificationCategory.objects.all())
    annotations = {
        f"category_{c.pk}": Count("staff", filter=Q(staff__category=c)) for c in categories
    }
    schools = School.objects.filter(pk__in=school_ids).annotate(
        staff_count=Count("staff"), **annotations
    )
    rows = [
        (school, [(c, getattr(school, f"category_{c.pk}")) for c in categories])
        for school in schools
    ]
    return Card("people/cards/school_staff.html", {"rows": rows}, order=20)


def _remember_school(sender: type[StaffProfile], instance: StaffProfile, **kwargs: Any) -> None:
    # A move to another school changes the figures of both: note the one being left. A save
    # of named fields other than the school cannot move anyone, and needs no query.
    update_fields = kwargs.get("update_fields")
    if instance.pk is not None and (
        update_fields is None or not {"school", "school_id"}.isdisjoint(update_fields)
    ):
        before = StaffProfile.objects.filter(pk=instance.pk).values_list("school_id", flat=True)
        instance._school_before_save = before.first()  # type: ignore[attr-defined]


def schools_of_staff(staff: StaffProfile) -> QuerySet[School]:
    before = getattr(staff, "_school_before_save", None)
    return School.objects.filter(pk__in={staff.school_id, before} - {None})


# The staff card counts staff by category; the other summary cards name staff.
pre_save.connect(_remember_school, sender=StaffProfile, dispatch_uid="summary:staff-before")
summary_counts(StaffProfile, schools_of_staff)
summary_counts(QualificationCategory, lambda category: School.objects.all())
# The course plan's rows and the council's school page name positions and subjects.
summary_counts(Position, lambda position: School.objects.all())
summary_counts(Subject, lambda subject: School.objects.all())
summary_links(StaffProfile.subjects, schools_of_staff)
summary_counts(School, lambda school: School.objects.filter(pk=school.pk))


@user_card
def district_schools(request: AuthenticatedRequest) -> Card | None:
    district_ids = request.user.scope.district_ids
    if not district_ids:
        return None
    schools = (
        School.objects.filter(district_id__in=district_ids)
        .annotate(staff_count=Count("staff"))
        .order_by("-staff_count")
    )
    totals = StaffProfile.objects.filter(school__district_id__in=district_ids).count()
    return Card(
        "people/cards/district_schools.html",
        {"schools": schools, "staff_total": totals},
        order=30,
    )
