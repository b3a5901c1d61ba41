"""The council, the subject associations, commissions and groups: forming and changing them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from adisker.council import access, forms
from adisker.council.models import (
    AnnualPlan,
    Association,
    PlanItem,
)
from adisker.council.views.common import form_page, owner_url, requested_year
from adisker.council.views.overview import staff_rows
from adisker.lib.dates import today
from adisker.people.http import AuthenticatedRequest


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
