from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from adisker.people.access import get_staff_for_user
from adisker.people.decorators import role_required
from adisker.people.filters import StaffFilter
from adisker.people.forms import (
    StaffProfileForm,
    chosen_id,
)
from adisker.people.http import AuthenticatedRequest
from adisker.people.models import (
    SCHOOL_MANAGERS,
    STAFF_EDITORS,
    Role,
    StaffProfile,
)

STAFF_VIEWERS = (*SCHOOL_MANAGERS, Role.DISTRICT_METHODOLOGIST)
HISTORY_SHOWN = 20


@role_required(*STAFF_VIEWERS)
def staff_list(request: AuthenticatedRequest) -> HttpResponse:
    staff = StaffProfile.objects.visible_to(request.user).for_list()
    filterset = StaffFilter(request.GET, queryset=staff, request=request)
    found = filterset.qs.none() if filterset.too_wide else filterset.qs
    context = {
        "filter": filterset,
        "page": Paginator(found, settings.PAGE_SIZE).get_page(request.GET.get("page")),
        "can_add": request.user.is_administrator or request.user.has_role(*STAFF_EDITORS),
    }
    template = "people/staff_list.html#results" if request.htmx else "people/staff_list.html"
    return TemplateResponse(request, template, context)


@login_required
def my_profile(request: AuthenticatedRequest) -> HttpResponse:
    profile = getattr(request.user, "staff_profile", None)
    if profile is None:
        messages.info(request, _("Your account has no staff profile yet."))
        return redirect("home")
    return redirect(profile)


@login_required
def staff_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    staff = get_staff_for_user(request.user, pk)
    context = {
        "staff": staff,
        "subjects": staff.subjects.all(),
        "can_edit": StaffProfile.objects.editable_by(request.user).filter(pk=pk).exists(),
        "history": staff.history.select_related("history_user__staff_profile")[:HISTORY_SHOWN],
    }
    return TemplateResponse(request, "people/staff_detail.html", context)


@role_required(*STAFF_EDITORS)
def staff_create(request: AuthenticatedRequest) -> HttpResponse:
    form = StaffProfileForm(
        request.POST or None, user=request.user, district_id=chosen_id(request.GET.get("district"))
    )
    if request.method == "POST" and form.is_valid():
        staff = form.save()
        messages.success(request, _("%(name)s was added.") % {"name": staff.full_name})
        return HttpResponseRedirect(staff.get_absolute_url())
    return TemplateResponse(request, "people/staff_form.html", {"form": form})


@login_required
def staff_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    staff = get_staff_for_user(request.user, pk, edit=True)
    form = StaffProfileForm(
        request.POST or None,
        instance=staff,
        user=request.user,
        district_id=chosen_id(request.GET.get("district")),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The changes were saved."))
        return HttpResponseRedirect(staff.get_absolute_url())
    return TemplateResponse(request, "people/staff_form.html", {"form": form, "staff": staff})
