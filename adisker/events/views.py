"""Events calendar: the month, the list, one event, its materials and feedback, and the feed."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Avg, Count
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from adisker.council.access import can_edit_owner, get_plan_item_for_user
from adisker.council.models import PlanItem
from adisker.events import access, forms
from adisker.events.calendar import (
    build_month,
    first_of_each_day,
    grid_range,
    requested_month,
)
from adisker.events.feed import build_feed
from adisker.events.filters import EventFilter
from adisker.events.models import CalendarFeed, Event, Feedback, Participation
from adisker.lib.storage import serve_file
from adisker.people.forms import chosen_id
from adisker.people.http import AuthenticatedRequest
from adisker.people.models import StaffProfile
from adisker.schools.filters import district_choices

# What the feed carries: recent events and the coming year.
FEED_PAST = datetime.timedelta(days=90)
FEED_AHEAD = datetime.timedelta(days=366)


@login_required
def calendar(request: AuthenticatedRequest) -> HttpResponse:
    """The month of what the user sees; someone who sees several districts (an administrator
    sees the country: 9,000 events a month) chooses one district's month at a time."""
    year, month = requested_month(request.GET.get("year"), request.GET.get("month"))
    events = Event.objects.visible_to(request.user)
    districts, district = None, None
    if request.user.scope.spans_districts:
        districts = district_choices(request.user)
        chosen = chosen_id(request.GET.get("district"))
        district = chosen if chosen in dict(districts) else None
        events = events.of_district(district) if district else events.none()
    start, end = grid_range(year, month)
    context = {
        "month": build_month(
            year, month, first_of_each_day(events.between(start, end).for_calendar())
        ),
        "can_create": access.can_create_events(request.user),
        "districts": districts,
        "district": district,
        # Kept on the month links, so that the chosen district stays.
        "district_query": f"&district={district}" if district else "",
    }
    template = "events/calendar.html#calendar" if request.htmx else "events/calendar.html"
    return TemplateResponse(request, template, context)


@login_required
def event_list(request: AuthenticatedRequest) -> HttpResponse:
    events = Event.objects.visible_to(request.user).for_list()
    filterset = EventFilter(request.GET, queryset=events, request=request)
    found = filterset.qs.none() if filterset.too_wide else filterset.qs
    page = Paginator(found, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "can_create": access.can_create_events(request.user),
    }
    template = "events/event_list.html#results" if request.htmx else "events/event_list.html"
    return TemplateResponse(request, template, context)


def my_participation(request: AuthenticatedRequest, event: Event) -> Participation | None:
    profile = getattr(request.user, "staff_profile", None)
    if profile is None:
        return None
    return event.participations.filter(staff=profile).first()


@login_required
def event_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_user(request.user, pk)
    participations = list(event.participations.select_related("staff__school"))
    feedback = list(event.feedback.select_related("staff"))
    manage = access.can_manage_event(request.user, event)
    mine = next((p for p in participations if p.staff.user_id == request.user.pk), None)
    own = [f for f in feedback if mine and f.staff_id == mine.staff_id]
    context = {
        "event": event,
        "participations": participations,
        "materials": list(event.materials.all()),
        "feedback": feedback if manage else own,
        "my_feedback": own,
        "rating": event.feedback.aggregate(average=Avg("rating"), count=Count("pk")),
        "can_edit": access.can_edit_event(request.user, event),
        "can_manage": manage,
        "can_give_feedback": bool(mine) and event.has_started,
        "my_participation": mine,
        "attendance_form": forms.AttendanceForm(
            event=event, initial={"attended": [p for p in participations if p.attended]}
        )
        if manage and event.has_started
        else None,
    }
    return TemplateResponse(request, "events/event_detail.html", context)


def initial_times(day: datetime.date | None) -> dict[str, datetime.datetime]:
    """A new event opened from a day of the month view starts that afternoon."""
    if day is None:
        return {}
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(15)))
    return {"starts_at": starts, "ends_at": starts + datetime.timedelta(minutes=90)}


def requested_day(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return None


def requested_plan_item(request: AuthenticatedRequest) -> PlanItem | None:
    value = request.GET.get("plan_item") or request.POST.get("plan_item")
    if not value:
        return None
    try:
        return get_plan_item_for_user(request.user, int(value))
    except ValueError:
        raise Http404 from None


def plan_item_initial(item: PlanItem) -> dict[str, object]:
    """An event made from a line of the annual plan starts as that line says."""
    initial: dict[str, object] = {
        "title": item.title,
        "form_of_work": item.form_of_work_id,
        "structure": item.association_id,
    }
    if item.responsible_id:
        initial["organiser"] = item.responsible_id
    if item.planned_on:
        initial.update(initial_times(item.planned_on))
    return initial


@login_required
def event_create(request: AuthenticatedRequest) -> HttpResponse:
    if not access.can_create_events(request.user):
        raise PermissionDenied
    hosts = access.hosts_for_user(request.user)
    item = requested_plan_item(request)
    if item is not None:
        key = (
            f"school-{item.plan.school_id}"
            if item.plan.school_id
            else f"inter-{item.plan.inter_school_id}"
        )
    else:
        key = request.GET.get("host") or request.POST.get("host")
    host = next((h for h in hosts if h.key == key), None)
    if host is None and item is not None:
        raise PermissionDenied
    if host is None and not key and len(hosts) == 1:
        host = hosts[0]
    if host is None:
        context = {"hosts": hosts, "day": request.GET.get("date")}
        return TemplateResponse(request, "events/host_choice.html", context)
    event = Event(school=host.school, inter_school=host.inter_school, plan_item=item)
    pool = event.staff_pool()
    initial: dict[str, object] = initial_times(requested_day(request.GET.get("date")))
    profile = getattr(request.user, "staff_profile", None)
    if profile is not None and pool.filter(pk=profile.pk).exists():
        initial["organiser"] = profile.pk
    if item is not None:
        initial.update(plan_item_initial(item))
    form = forms.EventForm(
        request.POST or None,
        instance=event,
        staff_pool=pool,
        structures=host.structures,
        structure_required=host.structure_required,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        event = form.save()
        messages.success(request, _("The event was added to the calendar."))
        return HttpResponseRedirect(event.get_absolute_url())
    context = {"form": form, "host": host, "event": None, "plan_item": item}
    return TemplateResponse(request, "events/event_form.html", context)


@login_required
def event_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_user(request.user, pk, edit=True)
    owner_editor = can_edit_owner(
        request.user, school=event.school, inter_school=event.inter_school
    )
    structures = (
        list(access.structures_of(school=event.school, inter_school=event.inter_school))
        if owner_editor
        else None
    )
    form = forms.EventForm(
        request.POST or None,
        instance=event,
        staff_pool=event.staff_pool(),
        structures=structures,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The event was saved."))
        return HttpResponseRedirect(event.get_absolute_url())
    context = {"form": form, "host": None, "event": event, "plan_item": event.plan_item}
    return TemplateResponse(request, "events/event_form.html", context)


@require_POST
@login_required
def event_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_user(request.user, pk, edit=True)
    for material in event.materials.all():
        material.file.delete(save=False)
    event.delete()
    messages.success(request, _("The event was deleted."))
    return HttpResponseRedirect(reverse("events:calendar"))


@login_required
def material_upload(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_user(request.user, pk, manage=True)
    form = forms.MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        material = form.save(commit=False)
        material.event = event
        material.uploaded_by = request.user
        material.save()
        messages.success(request, _("The material was uploaded."))
        return HttpResponseRedirect(f"{event.get_absolute_url()}#materials")
    return TemplateResponse(request, "events/material_form.html", {"event": event, "form": form})


@login_required
def material(request: AuthenticatedRequest, pk: int, material_pk: int) -> HttpResponseBase:
    """Materials are never served publicly: only to those who may see the event."""
    item = access.get_material_for_user(request.user, pk, material_pk)
    return serve_file(item.file, filename=item.filename)


@require_POST
@login_required
def material_delete(request: AuthenticatedRequest, pk: int, material_pk: int) -> HttpResponse:
    item = access.get_material_for_user(request.user, pk, material_pk, manage=True)
    item.file.delete(save=False)
    item.delete()
    messages.success(request, _("The material was deleted."))
    return HttpResponseRedirect(f"{reverse('events:detail', args=[pk])}#materials")


@require_POST
@login_required
def attendance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    event = access.get_event_for_user(request.user, pk, manage=True)
    if not event.has_started:
        messages.error(request, _("Attendance is marked once the event has started."))
        return HttpResponseRedirect(event.get_absolute_url())
    form = forms.AttendanceForm(request.POST, event=event)
    if form.is_valid():
        present = {p.pk for p in form.cleaned_data["attended"]}
        rows = list(event.participations.all())
        for row in rows:
            row.attended = row.pk in present
        Participation.objects.bulk_update(rows, ["attended"])
        messages.success(request, _("Attendance was saved."))
    return HttpResponseRedirect(f"{event.get_absolute_url()}#participants")


@login_required
def feedback(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A participant's short feedback, once the event has started; one each, editable."""
    event = access.get_event_for_user(request.user, pk)
    participation = my_participation(request, event)
    if participation is None or not event.has_started:
        raise PermissionDenied
    existing = Feedback.objects.filter(event=event, staff_id=participation.staff_id).first()
    form = forms.FeedbackForm(
        request.POST or None,
        instance=existing or Feedback(event=event, staff_id=participation.staff_id),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Thank you for your feedback."))
        return HttpResponseRedirect(f"{event.get_absolute_url()}#feedback")
    return TemplateResponse(request, "events/feedback_form.html", {"event": event, "form": form})


@login_required
def feed_settings(request: AuthenticatedRequest) -> HttpResponse:
    feed = CalendarFeed.for_user(request.user)
    url = request.build_absolute_uri(feed.get_absolute_url())
    context = {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[-1]}
    return TemplateResponse(request, "events/feed_settings.html", context)


@require_POST
@login_required
def feed_reset(request: AuthenticatedRequest) -> HttpResponse:
    CalendarFeed.for_user(request.user).regenerate()
    messages.success(
        request, _("A new address was made; the old one no longer works. Subscribe again.")
    )
    return HttpResponseRedirect(reverse("events:feed_settings"))


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The secret address is the credential: calendar apps have no session."""
    try:
        subscription = CalendarFeed.objects.select_related("user").get(
            token=token, user__is_active=True
        )
    except CalendarFeed.DoesNotExist:
        raise Http404 from None
    user = subscription.user
    now = timezone.now()
    events = (
        Event.objects.visible_to(user)
        .between(now - FEED_PAST, now + FEED_AHEAD)
        .select_related("school", "inter_school")
        .order_by("starts_at", "pk")
    )
    profile = StaffProfile.objects.filter(user=user).first()
    name = _("Adisker: %(name)s") % {"name": profile.short_name if profile else user.username}
    content = build_feed(events, name=name, base_url=request.build_absolute_uri("/")[:-1])
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="adisker.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response
