from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from adisker.core.dashboard import cards_for
from adisker.lib.http import safe_next_url
from adisker.people.access import get_school_for_user
from adisker.people.http import AuthenticatedRequest
from adisker.people.models import QualificationCategory, StaffProfile
from adisker.schools.filters import SchoolFilter
from adisker.schools.models import School


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    return TemplateResponse(request, "core/home.html", {"cards": cards_for(request)})


# The directory of schools: a school's page shows its staff by category too, so it lives
# above both the schools and the people.


@login_required
def school_list(request: AuthenticatedRequest) -> HttpResponse:
    # Counted per row by a subquery, for the page's schools only, not grouped over the country.
    staff_count = (
        StaffProfile.objects.filter(school=OuterRef("pk"))
        .order_by()
        .values("school")
        .annotate(count=Count("pk"))
        .values("count")
    )
    schools = (
        School.objects.visible_to(request.user)
        .select_related("district")
        .annotate(staff_count=Coalesce(Subquery(staff_count), 0))
        .order_by("name_kk", "pk")
    )
    filterset = SchoolFilter(request.GET, queryset=schools, request=request)
    context = {
        "filter": filterset,
        "page": Paginator(filterset.qs, settings.PAGE_SIZE).get_page(request.GET.get("page")),
    }
    template = "schools/school_list.html#results" if request.htmx else "schools/school_list.html"
    return TemplateResponse(request, template, context)


@login_required
def school_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    school = get_school_for_user(request.user, pk)
    staff = StaffProfile.objects.visible_to(request.user).filter(school=school)
    context = {
        "school": school,
        "associations": school.inter_school_associations.select_related("base_school"),
        "based_associations": school.based_associations.prefetch_related("member_schools"),
        "staff_total": school.staff.count(),
        # Counted within this school's rows, not over the whole country's staff.
        "categories": QualificationCategory.objects.annotate(
            staff_count=Coalesce(
                Subquery(
                    staff.filter(category=OuterRef("pk"))
                    .order_by()
                    .values("category")
                    .annotate(count=Count("pk"))
                    .values("count")
                ),
                0,
            )
        ),
        "can_see_staff": staff.exclude(user_id=request.user.pk).exists(),
    }
    return TemplateResponse(request, "schools/school_detail.html", context)


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Remember the chosen language: on the account when signed in, in a cookie always."""
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(safe_next_url(request, reverse("home")))
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return TemplateResponse(request, "core/csrf_failure.html", {"reason": reason}, status=403)
