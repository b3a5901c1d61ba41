"""The overview pages: the list of schools and associations, a school's and a joint
association's methodological work."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import OuterRef, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from adisker.council import access
from adisker.council.composition import composition_warnings
from adisker.council.filters import CouncilSchoolFilter
from adisker.council.models import (
    AnnualPlan,
    Association,
    DevelopmentTopic,
    Meeting,
    MentoringPair,
    MethodologicalTheme,
    inter_schools_reached_by,
)
from adisker.council.views.common import requested_year, year_choices
from adisker.lib.caching import cached
from adisker.lib.counting import count_of
from adisker.lib.dates import today
from adisker.people.access import overseen_schools
from adisker.people.http import AuthenticatedRequest
from adisker.people.models import StaffProfile
from adisker.schools.models import AcademicYear, InterSchoolAssociation, School


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
