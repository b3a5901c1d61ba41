"""The annual plan: starting it, its items and their status, the director's approval, the DOCX."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from adisker.council import access, exports, forms
from adisker.council.models import (
    AnnualPlan,
    Association,
    PlanItem,
)
from adisker.council.services import (
    copy_plan,
    plan_for,
)
from adisker.council.views.common import form_page, owner_url, requested_year
from adisker.lib.dates import today
from adisker.lib.documents import DOCX, document_language, download
from adisker.people.http import AuthenticatedRequest


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
