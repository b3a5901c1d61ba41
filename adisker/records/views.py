from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms import ModelForm
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from adisker.core.access import can_confirm_record, can_edit_record, get_record_for_user
from adisker.core.http import AuthenticatedRequest
from adisker.records import forms
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
from adisker.records.services import confirm_attestation


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
        and not can_confirm_record(request.user, entry.staff)
    ):
        raise PermissionDenied


@login_required
def record(request: AuthenticatedRequest, staff_pk: int) -> HttpResponse:
    staff = get_record_for_user(request.user, staff_pk)
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
        "can_edit": can_edit_record(request.user, staff),
        "can_confirm": can_confirm_record(request.user, staff),
    }
    return TemplateResponse(request, "records/record.html", context)


@login_required
def entry_form(
    request: AuthenticatedRequest, staff_pk: int, kind: str, pk: int | None = None
) -> HttpResponse:
    staff = get_record_for_user(request.user, staff_pk, edit=True)
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
    staff = get_record_for_user(request.user, staff_pk, edit=True)
    spec = entry_kind(kind)
    entry = get_entry(spec, staff.pk, pk)
    check_entry_editable(request, spec, entry)
    entry.delete()
    messages.success(request, _("The entry was deleted."))
    return HttpResponseRedirect(f"{staff.get_record_url()}#{kind}")


@require_POST
@login_required
def entry_confirm(request: AuthenticatedRequest, staff_pk: int, kind: str, pk: int) -> HttpResponse:
    staff = get_record_for_user(request.user, staff_pk, confirm=True)
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
def entry_file(request: AuthenticatedRequest, staff_pk: int, kind: str, pk: int) -> HttpResponse:
    """Uploaded documents are never served publicly: only to those who may see the record."""
    staff = get_record_for_user(request.user, staff_pk)
    spec = entry_kind(kind)
    if not spec.file_field:
        raise Http404
    document = getattr(get_entry(spec, staff.pk, pk), spec.file_field)
    if not document:
        raise Http404
    return FileResponse(
        document.open("rb"), as_attachment=True, filename=document.name.split("/")[-1]
    )


@login_required
def follow_up(request: AuthenticatedRequest, staff_pk: int, course_pk: int) -> HttpResponse:
    staff = get_record_for_user(request.user, staff_pk, edit=True)
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
