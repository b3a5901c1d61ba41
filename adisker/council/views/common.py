"""What the council's pages share: the year asked for, the form page, the owner's link."""

from __future__ import annotations

from typing import Any

from django.forms import BaseForm
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse

from adisker.lib.dates import academic_start_year, today
from adisker.people.http import AuthenticatedRequest
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
