"""Methodological council: structures, themes, development topics, mentoring, the annual plan,
meetings with their protocols and decisions."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, Q
from django.forms import BaseForm
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from adisker.council import access, exports, forms
from adisker.council.composition import composition_warnings
from adisker.council.filters import CouncilSchoolFilter
from adisker.council.models import (
    AgendaItem,
    AnnualPlan,
    Association,
    DevelopmentTopic,
    Meeting,
    MentoringPair,
    MethodologicalTheme,
    PlanItem,
    ProtocolDecision,
    inter_schools_reached_by,
)
from adisker.council.services import (
    add_agenda_item,
    copy_plan,
    delete_agenda_item,
    plan_for,
    schedule_meeting,
)
from adisker.lib.caching import cached
from adisker.lib.counting import count_of
from adisker.lib.dates import academic_start_year, today
from adisker.lib.documents import DOCX, document_language, download
from adisker.lib.http import safe_next_url
from adisker.people.access import overseen_schools
from adisker.people.http import AuthenticatedRequest
from adisker.people.models import StaffProfile
from adisker.schools.models import AcademicYear, InterSchoolAssociation, School

# Years a page offers to switch to, around the current one.
YEARS_BACK, YEARS_AHEAD = 3, 1


def requested_year(request: AuthenticatedRequest) -> AcademicYear:
    value = request.GET.get("year", "") or request.POST.get("year", "")
    current = AcademicYear.objects.current()
    if not value:
        return current
    if not value.isdigit() or abs(int(value) - current.start_year) > 20:
        raise Http404
    year, _created = AcademicYear.objects.get_or_create(start_year=int(value))
    return year


def year_choices(year: AcademicYear) -> list[int]:
    current = academic_start_year(today())
    years = set(range(current - YEARS_BACK, current + YEARS_AHEAD + 1)) | {year.start_year}
    return sorted(years, reverse=True)


def form_page(
    request: AuthenticatedRequest,
    form: BaseForm,
    *,
    title: str,
    back_url: str,
    context: dict[str, Any] | None = None,
) -> TemplateResponse:
    return TemplateResponse(
        request,
        "council/form.html",
        {"form": form, "title": title, "back_url": back_url, **(context or {})},
    )


def owner_url(owner: School | InterSchoolAssociation, year: AcademicYear) -> str:
    if isinstance(owner, School):
        url = reverse("council:school", args=[owner.pk])
    else:
        url = reverse("council:joint", args=[owner.pk])
    return f"{url}?year={year.start_year}"


# Overview pages


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    """The user's own school when they belong to one; otherwise the schools and inter-school
    associations they oversee, a page of each, narrowed by the school filter (an administrator
    sees thousands)."""
    user = request.user
    own = sorted(user.scope.member_school_ids)
    if len(own) == 1 and not user.scope.district_ids and not user.is_administrator:
        return redirect("council:school", own[0])
    # No join, so no duplicates to remove: the OR stays one indexed WHERE.
    schools = (overseen_schools(user) | School.objects.filter(pk__in=own)).select_related(
        "district"
    )
    filterset = CouncilSchoolFilter(
        request.GET, queryset=schools.order_by("name_kk", "pk"), request=request
    )
    page = Paginator(filterset.qs, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    inter_schools = inter_schools_reached_by(user).select_related("base_school")
    # The search finds an inter-school association by its base school.
    text = filterset.form.cleaned_data.get("q") if filterset.form.is_valid() else ""
    if text:
        inter_schools = inter_schools.filter(base_school__in=School.objects.search(text))
    joint_page = Paginator(inter_schools.order_by("name_kk", "pk"), settings.PAGE_SIZE).get_page(
        request.GET.get("joint_page")
    )
    context = {"filter": filterset, "page": page, "joint_page": joint_page}
    template = "council/index.html#results" if request.htmx else "council/index.html"
    return TemplateResponse(request, template, context)


def staff_rows(staff: list[StaffProfile], on: datetime.date) -> list[dict[str, Any]]:
    return [
        {
            "staff": s,
            "subjects": ", ".join(sub.name for sub in s.subjects.all()),
            "experience": s.experience_years(on),
        }
        for s in staff
    ]


def structures_of(
    *, year: AcademicYear, school: School | None = None, inter: InterSchoolAssociation | None = None
) -> list[Association]:
    """The owner's structures of the year with their subjects, the ids of their members (enough to
    count them and to judge the council's composition) and `meeting_count`."""
    meetings = Meeting.objects.filter(association=OuterRef("pk"))
    return list(
        Association.objects.filter(school=school, inter_school=inter, academic_year=year)
        .select_related("head", "secretary")
        .prefetch_related(
            Prefetch(
                "members", queryset=StaffProfile.objects.select_related(None).only("pk").order_by()
            ),
            "subjects",
        )
        .annotate(meeting_count=count_of(meetings))
    )


def council_members(council: Association) -> list[StaffProfile]:
    """In full, unlike the ids `structures_of` prefetched."""
    return list(
        StaffProfile.objects.filter(associations=council)
        .select_related("category", "position")
        .prefetch_related("subjects")
    )


def plans_of(
    year: AcademicYear, *, school: School | None = None, inter: InterSchoolAssociation | None = None
) -> tuple[AnnualPlan | None, AnnualPlan | None]:
    """The owner's plan of the year and of the year before, read together."""
    plans = {
        p.academic_year.start_year: p
        for p in AnnualPlan.objects.filter(
            school=school,
            inter_school=inter,
            academic_year__start_year__in=[year.start_year, year.start_year - 1],
        ).select_related("academic_year")
    }
    return plans.get(year.start_year), plans.get(year.start_year - 1)


def school_work(school_id: int, year_id: int) -> dict[str, Any]:
    """What the school's page shows of the year: the same for everyone who may open it, so
    kept in the shared cache (lib.caching); what the reader may do is added by the view."""
    school = School.objects.get(pk=school_id)
    year = AcademicYear.objects.get(pk=year_id)
    on = today()
    structures = structures_of(year=year, school=school)
    council = next((s for s in structures if s.is_council), None)
    members = council_members(council) if council else []
    joint = list(
        InterSchoolAssociation.objects.filter(
            Q(base_school=school) | Q(member_schools=school)
        ).distinct()
    )
    themes = list(MethodologicalTheme.objects.filter(school=school))
    plan, previous_plan = plans_of(year, school=school)
    return {
        "school": school,
        "year": year,
        "themes": themes,
        "theme": next((t for t in themes if t.covers(year)), None),
        "council": council,
        "council_rows": staff_rows(members, on),
        "warnings": composition_warnings(members, structures, school) if council else [],
        "structures": [s for s in structures if not s.is_council],
        "joint": joint,
        "joint_structures": list(
            Association.objects.filter(inter_school__in=joint, academic_year=year).select_related(
                "inter_school", "head"
            )
        )
        if joint
        else [],
        "pairs": list(
            MentoringPair.objects.filter(school=school, academic_year=year).select_related(
                "mentor", "mentee"
            )
        ),
        "topics": list(
            DevelopmentTopic.objects.filter(school=school, academic_year=year)
            .prefetch_related("self_education_topics__staff")
            .order_by("title")
        ),
        "plan": plan,
        "previous_plan": previous_plan,
    }


@login_required
def school(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    school = access.get_council_school(request.user, pk)
    year = requested_year(request)
    context = {
        **cached(school_work, school.pk, year.pk),
        "school": school,
        "year": year,
        "years": year_choices(year),
        "can_edit": access.can_edit_owner(request.user, school=school),
    }
    return TemplateResponse(request, "council/school.html", context)


@login_required
def joint(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    inter = access.get_inter_school_for_user(request.user, pk)
    year = requested_year(request)
    plan, previous_plan = plans_of(year, inter=inter)
    context = {
        "inter": inter,
        "year": year,
        "years": year_choices(year),
        "member_schools": inter.member_schools.all(),
        "structures": structures_of(year=year, inter=inter),
        "plan": plan,
        "previous_plan": previous_plan,
        "can_edit": access.can_edit_owner(request.user, inter_school=inter),
    }
    return TemplateResponse(request, "council/joint.html", context)


# Themes, development topics, mentoring


@login_required
def theme_form(
    request: AuthenticatedRequest, school_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    if pk is not None:
        theme = access.get_theme_for_user(request.user, pk, edit=True)
        school = theme.school
    else:
        school = access.get_council_school(request.user, school_pk or 0, edit=True)
        start = AcademicYear.objects.current().start_year
        theme = MethodologicalTheme(school=school, start_year=start, end_year=start + 4)
    form = forms.ThemeForm(request.POST or None, instance=theme)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The methodological theme is saved."))
        return redirect("council:school", school.pk)
    return form_page(
        request,
        form,
        title=_("School methodological theme"),
        back_url=reverse("council:school", args=[school.pk]),
    )


@login_required
def topic_form(
    request: AuthenticatedRequest, school_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    if pk is not None:
        topic = access.get_topic_for_user(request.user, pk, edit=True)
        school, year = topic.school, topic.academic_year
    else:
        school = access.get_council_school(request.user, school_pk or 0, edit=True)
        year = requested_year(request)
        topic = DevelopmentTopic(school=school, academic_year=year)
    form = forms.TopicForm(request.POST or None, instance=topic, school=school, year=year)
    back = owner_url(school, year)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The topic of professional development is saved."))
        return HttpResponseRedirect(back)
    return form_page(
        request,
        form,
        title=_("Topic of professional development"),
        back_url=back,
        context={"year": year},
    )


@login_required
def pair_create(request: AuthenticatedRequest, school_pk: int) -> HttpResponse:
    school = access.get_council_school(request.user, school_pk, edit=True)
    year = requested_year(request)
    form = forms.MentoringPairForm(request.POST or None, school=school, year=year)
    back = owner_url(school, year)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The mentor-mentee pair is added."))
        return HttpResponseRedirect(back)
    return form_page(
        request, form, title=_("Mentor-mentee pair"), back_url=back, context={"year": year}
    )


@login_required
@require_POST
def pair_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    pair = access.get_mentoring_pair_for_user(request.user, pk, edit=True)
    back = owner_url(pair.school, pair.academic_year)
    pair.delete()
    messages.success(request, _("The mentor-mentee pair is removed."))
    return HttpResponseRedirect(back)


# Structures


@login_required
def structure_create(
    request: AuthenticatedRequest, school_pk: int | None = None, joint_pk: int | None = None
) -> HttpResponse:
    school = inter = None
    if joint_pk is not None:
        inter = access.get_inter_school_for_user(request.user, joint_pk, edit=True)
    else:
        school = access.get_council_school(request.user, school_pk or 0, edit=True)
    year = requested_year(request)
    owner = school or inter
    assert owner is not None
    initial = {"kind": Association.Kind.INTER_SCHOOL} if inter else {}
    if school and request.GET.get("kind") in Association.Kind.values:
        initial = {"kind": request.GET["kind"]}
    form = forms.AssociationForm(
        request.POST or None,
        initial=initial,
        academic_year=year,
        school=school,
        inter_school=inter,
    )
    if request.method == "POST" and form.is_valid():
        association = form.save()
        messages.success(request, _("The methodological structure is saved."))
        return redirect(association)
    return form_page(
        request,
        form,
        title=_("New methodological structure"),
        back_url=owner_url(owner, year),
        context={"year": year},
    )


@login_required
def structure_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    association = access.get_association_for_user(request.user, pk, compose=True)
    form = forms.AssociationForm(
        request.POST or None,
        instance=association,
        academic_year=association.academic_year,
        school=association.school,
        inter_school=association.inter_school,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The methodological structure is saved."))
        return redirect(association)
    return form_page(request, form, title=association.name, back_url=association.get_absolute_url())


@login_required
def structure(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    association = access.get_association_for_user(request.user, pk)
    on = today()
    members = list(
        association.members.select_related("category", "school").prefetch_related("subjects")
    )
    items = PlanItem.objects.filter(association=association).for_list().select_related("plan")
    meetings = association.meetings.annotate(agenda_count=Count("agenda_items")).order_by("number")
    context = {
        "association": association,
        "year": association.academic_year,
        "member_rows": staff_rows(members, on),
        "items": items,
        "meetings": meetings,
        "plan": AnnualPlan.objects.filter(
            school=association.school,
            inter_school=association.inter_school,
            academic_year=association.academic_year,
        ).first(),
        "can_edit": access.can_edit_association(request.user, association),
        "can_compose": access.can_edit_owned(request.user, association),
    }
    return TemplateResponse(request, "council/structure.html", context)


# Annual plan


@login_required
@require_POST
def plan_start(request: AuthenticatedRequest) -> HttpResponse:
    """Creates the owner's plan for the year, empty or as a copy of last year's."""
    year = requested_year(request)
    school = inter = None
    owner_pk = request.POST.get("school", "")
    joint_pk = request.POST.get("joint", "")
    if owner_pk.isdigit():
        school = access.get_council_school(request.user, int(owner_pk), edit=True)
    elif joint_pk.isdigit():
        inter = access.get_inter_school_for_user(request.user, int(joint_pk), edit=True)
    else:
        raise Http404
    existing = AnnualPlan.objects.filter(
        school=school, inter_school=inter, academic_year=year
    ).first()
    if existing is not None:
        return redirect(existing)
    if request.POST.get("copy"):
        source = AnnualPlan.objects.filter(
            school=school, inter_school=inter, academic_year__start_year=year.start_year - 1
        ).first()
        if source is None:
            raise Http404
        plan = copy_plan(source=source, academic_year=year)
        messages.success(request, _("Last year's plan is copied; review the dates and people."))
    else:
        plan = plan_for(academic_year=year, school=school, inter_school=inter)
        messages.success(request, _("The annual plan is created."))
    return redirect(plan)


def plan_progress(items: list[PlanItem], on: datetime.date) -> dict[str, int]:
    this_month = [i for i in items if _in_month(i, on)]
    return {
        "total": len(items),
        "done": sum(i.status == PlanItem.Status.DONE for i in items),
        "month_total": len(this_month),
        "month_done": sum(i.status == PlanItem.Status.DONE for i in this_month),
    }


def _in_month(item: PlanItem, on: datetime.date) -> bool:
    if item.planned_on:
        return (item.planned_on.year, item.planned_on.month) == (on.year, on.month)
    return item.planned_month == on.month


@login_required
def plan(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for_user(request.user, pk)
    items = list(plan.items.for_list())
    joint_items: list[PlanItem] = []
    if plan.school_id is not None:
        joint_plans = AnnualPlan.objects.for_school(plan.school).filter(
            academic_year=plan.academic_year, inter_school__isnull=False
        )
        joint_items = list(
            PlanItem.objects.filter(plan__in=joint_plans)
            .for_list()
            .select_related("plan__inter_school")
        )
    user = request.user
    can_edit = access.can_edit_owned(user, plan)
    # The structures the user heads among this plan's items' and the owner's of the year: one
    # query, not a scan of every structure they ever headed.
    headed = list(
        Association.objects.filter(head__user=user)
        .filter(
            Q(pk__in={i.association_id for i in items if i.association_id})
            | Q(
                school=plan.school_id,
                inter_school=plan.inter_school_id,
                academic_year=plan.academic_year_id,
            )
        )
        .order_by()
        .values_list("pk", "school", "inter_school", "academic_year")
    )
    headed_ids = {pk for pk, *_owner in headed}
    for item in items:
        item.editable = can_edit or item.association_id in headed_ids  # type: ignore[attr-defined]
    owner = (plan.school_id, plan.inter_school_id, plan.academic_year_id)
    headed_here = any(tuple(row[1:]) == owner for row in headed)
    context = {
        "plan": plan,
        "items": items,
        "joint_items": joint_items,
        "progress": plan_progress(items, today()),
        "can_edit": can_edit,
        "can_add": can_edit or headed_here,
        "can_approve": access.can_approve_plan(user, plan) and not plan.is_approved,
        "statuses": PlanItem.Status.choices,
        "back_url": owner_url(plan.owner, plan.academic_year),
    }
    return TemplateResponse(request, "council/plan.html", context)


@login_required
def plan_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for_user(request.user, pk, edit=True)
    form = forms.PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The plan is saved."))
        return redirect(plan)
    return form_page(
        request,
        form,
        title=_("Goal and tasks of the annual plan"),
        back_url=plan.get_absolute_url(),
    )


@login_required
@require_POST
def plan_approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for_user(request.user, pk, approve=True)
    plan.approve(by=request.user)
    messages.success(request, _("The plan is approved."))
    return redirect(plan)


@login_required
def plan_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for_user(request.user, pk)
    items = list(plan.items.for_list())
    with translation.override(document_language(request)):
        content = exports.plan_docx(plan, items)
        name = _("Annual plan")
    return download(content, DOCX, name, plan.owner.name, plan.academic_year, "docx")


@login_required
def item_form(
    request: AuthenticatedRequest, plan_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    user = request.user
    if pk is not None:
        item = access.get_plan_item_for_user(user, pk, edit=True)
        plan = item.plan
    else:
        plan = access.get_plan_for_user(user, plan_pk or 0)
        item = PlanItem(plan=plan)
    only = access.items_limited_to(user, plan)
    initial = {}
    association_pk = request.GET.get("association", "")
    if pk is None and association_pk.isdigit():
        initial["association"] = int(association_pk)
    form = forms.PlanItemForm(
        request.POST or None, instance=item, plan=plan, only_association=only, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("The plan item is saved."))
        return HttpResponseRedirect(saved.get_absolute_url())
    return form_page(
        request,
        form,
        title=_("Plan item"),
        back_url=plan.get_absolute_url(),
        context={"delete_url": reverse("council:item_delete", args=[pk]) if pk else ""},
    )


@login_required
@require_POST
def item_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = access.get_plan_item_for_user(request.user, pk, edit=True)
    plan = item.plan
    item.delete()
    messages.success(request, _("The plan item is deleted."))
    return redirect(plan)


@login_required
@require_POST
def item_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    item = access.get_plan_item_for_user(request.user, pk, edit=True)
    form = forms.ItemStatusForm(request.POST, instance=item)
    if form.is_valid():
        form.save()
        if not request.htmx:
            messages.success(request, _("The status is saved."))
    elif not request.htmx:
        for error in form.errors.get("evidence", []):
            messages.error(request, error)
    if request.htmx:
        item.editable = True  # type: ignore[attr-defined]
        context = {
            "item": item,
            "form_errors": form.errors,
            "statuses": PlanItem.Status.choices,
            "counter": request.POST.get("counter", ""),
        }
        return TemplateResponse(request, "council/plan.html#item-row", context)
    return HttpResponseRedirect(item.get_absolute_url())


# Meetings and protocols


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
