from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.forms import ModelForm
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from adisker.lib.caching import cached
from adisker.lib.dates import today
from adisker.lib.documents import DOCX, XLSX, document_language, download
from adisker.lib.reference import reference_choices
from adisker.lib.storage import serve_file
from adisker.people.access import (
    get_district_for_user,
    get_overseen_school_for_user,
    get_staff_for_user,
    overseen_districts,
    overseen_schools,
)
from adisker.people.decorators import role_required
from adisker.people.http import AuthenticatedRequest
from adisker.people.models import SCHOOL_MANAGERS, STAFF_EDITORS, Role, StaffProfile, User
from adisker.records import access, exports, forms
from adisker.records.models import (
    Achievement,
    Attestation,
    CourseFollowUp,
    EducationEntry,
    PositionEntry,
    QualificationCourse,
    SelfEducationTopic,
    attestation_cycle,
    course_cycle,
)
from adisker.records.plan import (
    coverage,
    coverage_total,
    page_rows,
    plan_outline,
    plan_rows,
    plan_years,
    school_outline,
    school_plan,
    school_signers,
    schools_coverage,
    toggle_planned_course,
)
from adisker.records.services import confirm_attestation
from adisker.schools.models import District


@dataclass(frozen=True)
class EntryKind:
    model: type[models.Model]
    form: type[ModelForm]
    title: str | Promise
    file_field: str = ""

    @property
    def confirmable(self) -> bool:
        return hasattr(self.model, "confirmed_at")


ENTRY_KINDS = {
    "course": EntryKind(
        QualificationCourse,
        forms.QualificationCourseForm,
        gettext_lazy("qualification-upgrade course"),
        "certificate",
    ),
    "attestation": EntryKind(Attestation, forms.AttestationForm, gettext_lazy("attestation")),
    "education": EntryKind(EducationEntry, forms.EducationEntryForm, gettext_lazy("education")),
    "position": EntryKind(PositionEntry, forms.PositionEntryForm, gettext_lazy("position held")),
    "topic": EntryKind(
        SelfEducationTopic, forms.SelfEducationTopicForm, gettext_lazy("self-education topic")
    ),
    "achievement": EntryKind(
        Achievement, forms.AchievementForm, gettext_lazy("achievement"), "file"
    ),
}


def entry_kind(kind: str) -> EntryKind:
    try:
        return ENTRY_KINDS[kind]
    except KeyError:
        raise Http404 from None


def get_entry(kind: EntryKind, staff_pk: int, pk: int) -> models.Model:
    # Entries are reached only through a staff member the access layer has already let through.
    return get_object_or_404(kind.model, pk=pk, staff_id=staff_pk)


def check_entry_editable(request: AuthenticatedRequest, kind: EntryKind, entry) -> None:  # type: ignore[no-untyped-def]
    """A confirmed entry is locked for the teacher: only a confirmer may change it."""
    if (
        kind.confirmable
        and entry.is_confirmed
        and not access.can_confirm_record(request.user, entry.staff)
    ):
        raise PermissionDenied


@login_required
def record(request: AuthenticatedRequest, staff_pk: int) -> HttpResponse:
    staff = access.get_record_for_user(request.user, staff_pk)
    courses = list(staff.courses.select_related("confirmed_by__staff_profile", "follow_up"))
    attestations = list(
        staff.attestations.select_related("category", "confirmed_by__staff_profile")
    )
    last_course = next((c.finished_on for c in courses if c.is_confirmed), None)
    valid_until = next((a.valid_until for a in attestations if a.is_confirmed), None)
    context = {
        "staff": staff,
        "course_cycle": course_cycle(last_course),
        "attestation_cycle": attestation_cycle(valid_until),
        "courses": courses,
        "attestations": attestations,
        "education": staff.education_entries.all(),
        "positions": staff.position_entries.all(),
        "topics": staff.self_education_topics.select_related("academic_year"),
        "achievements": staff.achievements.all(),
        "can_edit": access.can_edit_record(request.user, staff),
        "can_confirm": access.can_confirm_record(request.user, staff),
    }
    return TemplateResponse(request, "records/record.html", context)


@login_required
def entry_form(
    request: AuthenticatedRequest, staff_pk: int, kind: str, pk: int | None = None
) -> HttpResponse:
    staff = access.get_record_for_user(request.user, staff_pk, edit=True)
    spec = entry_kind(kind)
    entry = get_entry(spec, staff.pk, pk) if pk else spec.model(staff=staff)
    if pk:
        check_entry_editable(request, spec, entry)
    form = spec.form(request.POST or None, request.FILES or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The record was saved."))
        return HttpResponseRedirect(f"{staff.get_record_url()}#{kind}")
    context = {"staff": staff, "form": form, "kind": spec, "entry": entry if pk else None}
    return TemplateResponse(request, "records/entry_form.html", context)


@require_POST
@login_required
def entry_delete(request: AuthenticatedRequest, staff_pk: int, kind: str, pk: int) -> HttpResponse:
    staff = access.get_record_for_user(request.user, staff_pk, edit=True)
    spec = entry_kind(kind)
    entry = get_entry(spec, staff.pk, pk)
    check_entry_editable(request, spec, entry)
    entry.delete()
    messages.success(request, _("The entry was deleted."))
    return HttpResponseRedirect(f"{staff.get_record_url()}#{kind}")


@require_POST
@login_required
def entry_confirm(request: AuthenticatedRequest, staff_pk: int, kind: str, pk: int) -> HttpResponse:
    staff = access.get_record_for_user(request.user, staff_pk, confirm=True)
    spec = entry_kind(kind)
    if not spec.confirmable:
        raise Http404
    entry = get_entry(spec, staff.pk, pk)
    if isinstance(entry, Attestation):
        confirm_attestation(attestation=entry, by=request.user)
    else:
        entry.confirm(by=request.user)
    messages.success(request, _("The entry was confirmed."))
    return HttpResponseRedirect(f"{staff.get_record_url()}#{kind}")


@login_required
def entry_file(
    request: AuthenticatedRequest, staff_pk: int, kind: str, pk: int
) -> HttpResponseBase:
    """Uploaded documents are never served publicly: only to those who may see the record."""
    staff = access.get_record_for_user(request.user, staff_pk)
    spec = entry_kind(kind)
    if not spec.file_field:
        raise Http404
    return serve_file(getattr(get_entry(spec, staff.pk, pk), spec.file_field))


@login_required
def follow_up(request: AuthenticatedRequest, staff_pk: int, course_pk: int) -> HttpResponse:
    staff = access.get_record_for_user(request.user, staff_pk, edit=True)
    course = get_object_or_404(QualificationCourse, pk=course_pk, staff=staff)
    existing = getattr(course, "follow_up", None)
    form = forms.CourseFollowUpForm(
        request.POST or None, instance=existing or CourseFollowUp(course=course)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The follow-up was saved."))
        return HttpResponseRedirect(f"{staff.get_record_url()}#course")
    context = {"staff": staff, "form": form, "course": course}
    return TemplateResponse(request, "records/follow_up_form.html", context)


# The perspective plan of courses (R4) and the portfolio

PLAN_VIEWERS = (*SCHOOL_MANAGERS, Role.DISTRICT_METHODOLOGIST)


def requested_pk(request: AuthenticatedRequest, name: str) -> int | None:
    value = request.GET.get(name, "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return int(value)


@role_required(*PLAN_VIEWERS)
def plan(request: AuthenticatedRequest) -> HttpResponse:
    """A school's perspective plan; without ?school=, the school the user manages, and for
    those who manage none (methodologists, administrators) the district roll-up."""
    school_pk = requested_pk(request, "school")
    if school_pk is None:
        managed = overseen_schools(request.user).filter(
            pk__in=request.user.scope.school_ids_with(SCHOOL_MANAGERS)
        )
        school = managed.order_by("name_kk", "pk").first()
        if school is None:
            return HttpResponseRedirect(reverse("records:district_plan"))
    else:
        school = get_overseen_school_for_user(request.user, school_pk)
    outline = cached(school_outline, school.pk)
    # The totals cover the whole school; the rows of a large one come a page at a time.
    page = Paginator(outline.staff_ids, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    planner = access.can_plan(request.user, school)
    context = {
        "plan": outline,
        "page": page,
        "rows": cached(page_rows, tuple(page.object_list)),
        "can_plan": planner,
        "schools": overseen_schools(request.user)
        .filter(district_id=school.district_id)
        .order_by("name_kk", "pk"),
        "languages": settings.LANGUAGES,
        "period": settings.QUALIFICATION_COURSE_PERIOD_YEARS,
    }
    return TemplateResponse(request, "records/plan.html", context)


@require_POST
@role_required(*STAFF_EDITORS)
def plan_toggle(request: AuthenticatedRequest, staff_pk: int) -> HttpResponse:
    """Plan a course in the posted year or take it out; only the school's deputy plans."""
    staff = get_staff_for_user(request.user, staff_pk, edit=True)
    posted = request.POST.get("year", "")
    if not posted.isdigit() or int(posted) not in plan_years():
        raise Http404
    year = int(posted)
    toggle_planned_course(staff=staff, year=year)
    if not request.htmx:
        messages.success(request, _("The plan was changed."))
        return HttpResponseRedirect(f"{reverse('records:plan')}?school={staff.school_id}")
    (row,) = plan_rows(StaffProfile.objects.filter(pk=staff.pk))
    context = {"plan": plan_outline(staff.school), "row": row, "can_plan": True}
    return TemplateResponse(request, "records/plan_toggled.html", context)


@role_required(*PLAN_VIEWERS)
def plan_xlsx(request: AuthenticatedRequest, school_pk: int) -> HttpResponse:
    school = get_overseen_school_for_user(request.user, school_pk)
    with translation.override(document_language(request)):
        perspective = school_plan(school)
        content = exports.plan_xlsx(perspective)
        name = (_("Course plan"), school.name, perspective.years[0], "xlsx")
    return download(content, XLSX, *name)


@role_required(*PLAN_VIEWERS)
def plan_docx(request: AuthenticatedRequest, school_pk: int) -> HttpResponse:
    school = get_overseen_school_for_user(request.user, school_pk)
    with translation.override(document_language(request)):
        perspective = school_plan(school)
        content = exports.plan_docx(perspective)
        name = (_("Course plan"), school.name, perspective.years[0], "docx")
    return download(content, DOCX, *name)


def requested_district(request: AuthenticatedRequest) -> District:
    district_pk = requested_pk(request, "district")
    if district_pk is not None:
        return get_district_for_user(request.user, district_pk)
    district = overseen_districts(request.user).order_by("name_kk", "pk").first()
    if district is None:
        raise Http404
    return district


@role_required(*PLAN_VIEWERS)
def district_plan(request: AuthenticatedRequest) -> HttpResponse:
    """Course coverage per school of a district. A deputy or director sees only the rows of
    the schools they manage: other schools' figures are the district's business."""
    district = requested_district(request)
    on = today()
    schools = overseen_schools(request.user).filter(district=district).order_by()
    rows = cached(schools_coverage, tuple(sorted(schools.values_list("pk", flat=True))))
    context = {
        "district": district,
        "rows": rows,
        "total": coverage_total(rows),
        "year": on.year,
        "period": settings.QUALIFICATION_COURSE_PERIOD_YEARS,
        "on": on,
        "districts": district_options(request.user),
    }
    return TemplateResponse(request, "records/district_plan.html", context)


def district_options(user: User) -> list[tuple[int, str]]:
    """The districts the user may choose between, as (pk, name): the administrator's 203 as
    two columns, which rendered as model instances took a fifth of the page."""
    if user.is_administrator:
        return reference_choices(District)
    return [(d.pk, d.name) for d in overseen_districts(user).order_by("name_kk", "pk")]


@role_required(*PLAN_VIEWERS)
def district_plan_xlsx(request: AuthenticatedRequest, district_pk: int) -> HttpResponse:
    district = get_district_for_user(request.user, district_pk)
    on = today()
    with translation.override(document_language(request)):
        rows = coverage(overseen_schools(request.user).filter(district=district), on=on)
        content = exports.coverage_xlsx(district, rows, on=on)
        name = (_("Course coverage"), district.name, on.year, "xlsx")
    return download(content, XLSX, *name)


@login_required
def portfolio_docx(request: AuthenticatedRequest, staff_pk: int) -> HttpResponse:
    staff = access.get_record_for_user(request.user, staff_pk)
    director = school_signers(staff.school).get(Role.DIRECTOR)
    with translation.override(document_language(request)):
        content = exports.portfolio_docx(staff, director=director)
        name = (_("Portfolio"), staff.full_name, "docx")
    return download(content, DOCX, *name)
