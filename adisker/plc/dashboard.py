"""Home card of the PLC app: the next meetings of my PLCs, cycles in progress, lesson
observations owed to me and by me, and the recognition my shared practice received."""

from __future__ import annotations

from django.db.models import OuterRef, Q, Subquery

from adisker.core.dashboard import Card, own_card
from adisker.lib.dates import today
from adisker.people.models import StaffProfile
from adisker.plc.models import Community, InquiryCycle, Meeting, ObservationVisit, Stage
from adisker.plc.selectors import recognition_for


@own_card
def my_plc(staff_id: int) -> Card | None:
    profile = StaffProfile.objects.get(pk=staff_id)
    on = today()
    next_meeting = (
        Meeting.objects.filter(community=OuterRef("pk"), held_on__gte=on)
        .order_by("held_on")
        .values("held_on")[:1]
    )
    communities = list(
        Community.objects.of_staff(profile)
        .annotate(next_on=Subquery(next_meeting))
        .order_by("name")
    )
    cycles = (
        list(
            InquiryCycle.objects.filter(community__in=[c.pk for c in communities])
            .exclude(stage=Stage.CLOSED)
            .select_related("community")
        )
        if communities
        else []
    )
    visits = list(
        ObservationVisit.objects.filter(
            Q(observer=profile) | Q(observed=profile), completed_at__isnull=True
        )
        .select_related("observer", "observed")
        .order_by("visit_on", "pk")[:20]
    )
    unread = list(
        ObservationVisit.objects.filter(
            observed=profile, completed_at__isnull=False, feedback_read_at__isnull=True
        ).select_related("observer")[:10]
    )
    recognition = recognition_for(profile)
    if not (communities or visits or unread or recognition.total):
        return None
    context = {
        "communities": communities,
        "cycles": cycles,
        "by_me": [v for v in visits if v.observer_id == profile.pk],
        "to_me": [v for v in visits if v.observed_id == profile.pk],
        "unread": unread,
        "recognition": recognition,
    }
    return Card("plc/cards/my_plc.html", context, order=31)
