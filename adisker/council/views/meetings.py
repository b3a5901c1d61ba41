"""Meetings and their protocols: attendance, agenda, decisions with owners and deadlines, the
DOCX."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from adisker.council import access, exports, forms
from adisker.council.models import (
    AgendaItem,
    Meeting,
    ProtocolDecision,
)
from adisker.council.services import (
    add_agenda_item,
    delete_agenda_item,
    schedule_meeting,
)
from adisker.council.views.common import form_page
from adisker.lib.dates import today
from adisker.lib.documents import DOCX, document_language, download
from adisker.lib.http import safe_next_url
from adisker.people.http import AuthenticatedRequest
from adisker.people.models import StaffProfile


@login_required
def meeting_create(request: AuthenticatedRequest, structure_pk: int) -> HttpResponse:
    association = access.get_association_for_user(request.user, structure_pk, edit=True)
    form = forms.MeetingForm(request.POST or None, association=association)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = schedule_meeting(
            association=association,
            held_on=data["held_on"],
            place=data["place"],
            plan_item=data["plan_item"],
            invited=data["invited"],
        )
        meeting.attendees.set(data["attendees"])
        messages.success(
            request, _("Meeting No. %(number)s is created.") % {"number": meeting.number}
        )
        return redirect(meeting)
    return form_page(
        request,
        form,
        title=_("New meeting: %(name)s") % {"name": association.name},
        back_url=association.get_absolute_url(),
    )


@login_required
def meeting_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk, edit=True)
    form = forms.MeetingForm(
        request.POST or None, instance=meeting, association=meeting.association
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The meeting is saved."))
        return redirect(meeting)
    return form_page(
        request,
        form,
        title=_("Meeting No. %(number)s") % {"number": meeting.number},
        back_url=meeting.get_absolute_url(),
    )


def attendance(meeting: Meeting) -> tuple[list[StaffProfile], list[StaffProfile]]:
    """Present, and members who were absent."""
    present = list(meeting.attendees.all())
    present_ids = {s.pk for s in present}
    absent = [m for m in meeting.association.members.all() if m.pk not in present_ids]
    return present, absent


def decisions_by_item(meeting: Meeting) -> dict[int, list[ProtocolDecision]]:
    found: dict[int, list[ProtocolDecision]] = defaultdict(list)
    # The agenda item too: a decision line compares its meeting with the page's.
    decisions = ProtocolDecision.objects.filter(agenda_item__meeting=meeting).select_related(
        "owner", "agenda_item"
    )
    for decision in decisions:
        found[decision.agenda_item_id].append(decision)
    return found


@login_required
def meeting(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk)
    association = meeting.association
    present, absent = attendance(meeting)
    agenda = list(meeting.agenda_items.select_related("speaker"))
    decisions = decisions_by_item(meeting)
    for item in agenda:
        item.decision_list = decisions.get(item.pk, [])  # type: ignore[attr-defined]
    # Decisions of earlier meetings still open come up at this one (follow-up).
    follow_up = (
        ProtocolDecision.objects.open()
        .filter(agenda_item__meeting__association=association)
        .filter(
            Q(agenda_item__meeting__held_on__lt=meeting.held_on)
            | Q(
                agenda_item__meeting__held_on=meeting.held_on,
                agenda_item__meeting__number__lt=meeting.number,
            )
        )
        .for_list()
    )
    context = {
        "meeting": meeting,
        "association": association,
        "present": present,
        "absent": absent,
        "agenda": agenda,
        "follow_up": follow_up,
        "today": today(),
        "can_edit": access.can_edit_association(request.user, association),
    }
    return TemplateResponse(request, "council/meeting.html", context)


@login_required
def agenda_item_form(
    request: AuthenticatedRequest, meeting_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    if pk is not None:
        item = access.get_agenda_item_for_user(request.user, pk, edit=True)
        meeting = item.meeting
    else:
        meeting = access.get_meeting_for_user(request.user, meeting_pk or 0, edit=True)
        item = AgendaItem(meeting=meeting)
    form = forms.AgendaItemForm(request.POST or None, instance=item, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        if item.pk:
            form.save()
        else:
            data = form.cleaned_data
            add_agenda_item(
                meeting=meeting,
                title=data["title"],
                speaker=data["speaker"],
                heard=data["heard"],
                spoke=data["spoke"],
            )
        messages.success(request, _("The agenda item is saved."))
        return redirect(meeting)
    return form_page(
        request,
        form,
        title=_("Agenda item"),
        back_url=meeting.get_absolute_url(),
        context={"delete_url": reverse("council:agenda_delete", args=[pk]) if pk else ""},
    )


@login_required
def decision_form(
    request: AuthenticatedRequest, agenda_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    if pk is not None:
        decision = access.get_decision_for_user(request.user, pk, edit=True)
        item = access.get_agenda_item_for_user(request.user, decision.agenda_item_id, edit=True)
    else:
        item = access.get_agenda_item_for_user(request.user, agenda_pk or 0, edit=True)
        decision = ProtocolDecision(agenda_item=item)
    form = forms.DecisionForm(request.POST or None, instance=decision, meeting=item.meeting)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The decision is saved."))
        return redirect(item.meeting)
    return form_page(
        request,
        form,
        title=_("Decision on «%(question)s»") % {"question": item.title},
        back_url=item.meeting.get_absolute_url(),
        context={"delete_url": reverse("council:decision_delete", args=[pk]) if pk else ""},
    )


@login_required
@require_POST
def agenda_item_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = access.get_agenda_item_for_user(request.user, pk, edit=True)
    meeting = item.meeting
    delete_agenda_item(item=item)
    messages.success(request, _("The agenda item is deleted."))
    return redirect(meeting)


@login_required
@require_POST
def decision_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    decision = access.get_decision_for_user(request.user, pk, edit=True)
    meeting = decision.agenda_item.meeting
    decision.delete()
    messages.success(request, _("The decision is deleted."))
    return redirect(meeting)


@login_required
@require_POST
def decision_follow_up(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    decision = access.get_decision_for_user(request.user, pk, follow_up=True)
    form = forms.FollowUpForm(request.POST)
    if form.is_valid():
        if form.cleaned_data["done"]:
            decision.complete(on=today(), outcome=form.cleaned_data["outcome"].strip())
            messages.success(request, _("The decision is marked done."))
        else:
            decision.reopen()
            messages.success(request, _("The decision is open again."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    meeting = decision.agenda_item.meeting
    return HttpResponseRedirect(safe_next_url(request, meeting.get_absolute_url()))


@login_required
def protocol_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = access.get_meeting_for_user(request.user, pk)
    present, absent = attendance(meeting)
    decisions = decisions_by_item(meeting)
    with translation.override(document_language(request)):
        content = exports.protocol_docx(
            meeting, present=present, absent=absent, decisions=decisions
        )
        name = _("Protocol No. %(number)s") % {"number": meeting.number}
    return download(
        content, DOCX, name, meeting.association.name, meeting.held_on.isoformat(), "docx"
    )
