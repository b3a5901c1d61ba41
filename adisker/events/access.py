"""The one way the calendar's views reach events: 404 to outsiders, 403 to read-only users.

Who changes an event: the school's deputy director; the head of the methodological structure
that holds it; for an inter-school association's event, the district methodologist who runs
the association; administrators. The owner rule is the council's (`council/access.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from adisker.council.access import COUNCIL_EDITORS, can_edit_owner, is_head_of
from adisker.council.models import Association
from adisker.events.models import Event, EventMaterial
from adisker.people.models import User
from adisker.schools.models import AcademicYear, InterSchoolAssociation, School


def get_event_for_user(user: User, pk: int, *, edit: bool = False, manage: bool = False) -> Event:
    try:
        event = (
            Event.objects.visible_to(user)
            .select_related(
                "school",
                "inter_school__base_school",
                "organiser__school",
                "form_of_work",
                "plan_item",
                "structure__head",
            )
            .get(pk=pk)
        )
    except Event.DoesNotExist:
        raise Http404 from None
    if edit and not can_edit_event(user, event):
        raise PermissionDenied
    if manage and not can_manage_event(user, event):
        raise PermissionDenied
    return event


def can_edit_event(user: User, event: Event) -> bool:
    return can_edit_owner(user, school=event.school, inter_school=event.inter_school) or (
        is_head_of(user, event.structure)
    )


def can_manage_event(user: User, event: Event) -> bool:
    """Materials and attendance: the event's editors, and its organiser."""
    return can_edit_event(user, event) or event.organiser.user_id == user.pk


def get_material_for_user(
    user: User, event_pk: int, pk: int, *, manage: bool = False
) -> EventMaterial:
    event = get_event_for_user(user, event_pk, manage=manage)
    try:
        material = event.materials.get(pk=pk)
    except EventMaterial.DoesNotExist:
        raise Http404 from None
    material.event = event
    return material


@dataclass(frozen=True)
class Host:
    """Where a new event may belong: a school or an inter-school association; a head of a
    methodological structure plans only for the structures they head."""

    key: str
    school: School | None = None
    inter_school: InterSchoolAssociation | None = None
    structures: list[Association] = field(default_factory=list)
    structure_required: bool = False

    @property
    def label(self) -> str | Promise:
        if self.school is not None:
            return self.school.name
        assert self.inter_school is not None
        return _("%(name)s (inter-school)") % {"name": self.inter_school.name}


def structures_of(
    *, school: School | None = None, inter_school: InterSchoolAssociation | None = None
) -> QuerySet[Association]:
    year = AcademicYear.objects.current()
    owner = {"school": school} if school is not None else {"inter_school": inter_school}
    return Association.objects.filter(academic_year=year, **owner).order_by("kind", "name")


def hosts_for_user(user: User) -> list[Host]:
    """Schools whose events the user plans (deputy directors; heads, for their structures),
    and the inter-school associations of the districts where they are the methodologist."""
    if user.is_administrator:
        schools = School.objects.all()
        inter_schools = InterSchoolAssociation.objects.all()
    else:
        scope = user.scope
        schools = School.objects.filter(pk__in=scope.school_ids_with(COUNCIL_EDITORS))
        inter_schools = InterSchoolAssociation.objects.filter(district_id__in=scope.district_ids)
    hosts = [
        Host(f"school-{s.pk}", school=s, structures=list(structures_of(school=s))) for s in schools
    ]
    hosts += [
        Host(f"inter-{a.pk}", inter_school=a, structures=list(structures_of(inter_school=a)))
        for a in inter_schools.select_related("base_school")
    ]
    known = {h.school.pk for h in hosts if h.school is not None}
    headed = (
        Association.objects.filter(
            head__user=user, academic_year=AcademicYear.objects.current(), school__isnull=False
        )
        .exclude(school_id__in=known)
        .select_related("school")
        .order_by("school_id", "name")
    )
    by_school: dict[int, Host] = {}
    for structure in headed:
        host = by_school.setdefault(
            structure.school_id,
            Host(f"school-{structure.school_id}", school=structure.school, structure_required=True),
        )
        host.structures.append(structure)
    return hosts + list(by_school.values())


def can_create_events(user: User) -> bool:
    if user.is_administrator:
        return True
    scope = user.scope
    return bool(
        scope.school_ids_with(COUNCIL_EDITORS)
        or scope.district_ids
        or Association.objects.filter(head__user=user).exists()
    )
