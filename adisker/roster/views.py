"""Importing a school's staff list: upload, the preview where questions are answered, then the
import itself, all or nothing."""

from __future__ import annotations

import re

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from adisker.lib.documents import XLSX, download
from adisker.lib.uploads import KEPT_UPLOADS_FOLDER, keep_upload
from adisker.people.access import get_school_for_staff_editing
from adisker.people.decorators import role_required
from adisker.people.forms import chosen_id
from adisker.people.http import AuthenticatedRequest
from adisker.people.models import (
    STAFF_EDITORS,
    Position,
    QualificationCategory,
    StaffProfile,
)
from adisker.roster.exports import roster_template
from adisker.roster.forms import RosterChoicesForm, RosterUploadForm
from adisker.roster.reading import RosterResult, import_summary, read_roster
from adisker.roster.services import apply_roster
from adisker.schools.models import School, Subject

# The stored upload between preview and confirmation travels in a signed value, so the
# confirmation reads the very file the user previewed, and nobody can point it at another.
ROSTER_SIGNING_SALT = "adisker.people.roster_import"
ROSTER_PREVIEW_MAX_AGE = 2 * 60 * 60
_KEPT_NAME = re.compile(rf"{KEPT_UPLOADS_FOLDER}/[A-Za-z0-9_-]+\.(xlsx|xls|ods|csv)")


def _column_labels(result: RosterResult) -> list[tuple[str, str]]:
    """(header as written in the file, what it was read as), for the preview."""
    not_fields = {
        "full_name": _("full name"),
        "experience_years": _("pedagogical experience, years"),
        "course": _("last qualification-upgrade course (date or year)"),
        "course_provider": _("where the last course was taken"),
        "course_title": _("title of the last course"),
        "course_hours": _("hours of the last course"),
        "attested_on": _("date the category was assigned"),
    }
    return [
        (header, str(not_fields.get(name) or StaffProfile._meta.get_field(name).verbose_name))
        for name, header in result.columns.items()
    ]


def _roster_page(
    request: AuthenticatedRequest,
    form: RosterUploadForm,
    *,
    school: School | None = None,
    result: RosterResult | None = None,
    choices: RosterChoicesForm | None = None,
    upload: str = "",
    error: str = "",
    status: int = 200,
) -> TemplateResponse:
    if result is not None and choices is None:
        choices = RosterChoicesForm(questions=result.questions)
    context = {
        "form": form,
        "error": error,
        "school": school,
        "result": result,
        "choices": choices,
        "columns": _column_labels(result) if result else [],
        "upload": upload,
    }
    return TemplateResponse(request, "roster/import.html", context, status=status)


@role_required(*STAFF_EDITORS)
def roster_import(request: AuthenticatedRequest) -> HttpResponse:
    """Upload a roster and preview it; nothing is written until the preview is confirmed."""
    posted = request.method == "POST"
    form = RosterUploadForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        user=request.user,
        district_id=chosen_id(request.GET.get("district")),
    )
    if not (posted and form.is_valid()):
        return _roster_page(request, form)
    school = form.cleaned_data["school"]
    upload = form.cleaned_data["file"]
    try:
        result = read_roster(upload, school=school, name=upload.name)
    except ValidationError as error:
        form.add_error("file", error)
        return _roster_page(request, form)
    signed = ""
    if result.ok:
        name = keep_upload(upload, suffix=f".{result.kind}")
        signed = signing.dumps(
            {"file": name, "school": school.pk, "user": request.user.pk}, salt=ROSTER_SIGNING_SALT
        )
    return _roster_page(request, form, school=school, result=result, upload=signed)


def _kept_upload(request: AuthenticatedRequest) -> tuple[str, int] | None:
    """The stored file and school a signed preview names, if it is this user's and still
    there."""
    try:
        kept = signing.loads(
            request.POST.get("upload", ""),
            salt=ROSTER_SIGNING_SALT,
            max_age=ROSTER_PREVIEW_MAX_AGE,
        )
        name, school_id, user_id = str(kept["file"]), int(kept["school"]), kept["user"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if user_id != request.user.pk or not _KEPT_NAME.fullmatch(name):
        return None
    return (name, school_id) if default_storage.exists(name) else None


@role_required(*STAFF_EDITORS)
@require_POST
def roster_import_confirm(request: AuthenticatedRequest) -> HttpResponse:
    """Read the previewed file again, check it again, take the answers to its questions, and
    import it all or nothing."""
    form = RosterUploadForm(user=request.user)
    kept = _kept_upload(request)
    if kept is None:
        error = _("This preview has expired or is not valid. Upload the file again, please.")
        return _roster_page(request, form, error=error, status=400)
    name, school_id = kept
    school = get_school_for_staff_editing(request.user, school_id)
    with default_storage.open(name, "rb") as kept_file:
        result = read_roster(kept_file, school=school, name=name)
    if result.problems:
        # Someone changed the staff list since the preview; show what stands in the way.
        default_storage.delete(name)
        return _roster_page(request, form, school=school, result=result)
    choices = RosterChoicesForm(request.POST, questions=result.questions)
    if not choices.is_valid():
        upload = request.POST["upload"]
        return _roster_page(
            request, form, school=school, result=result, choices=choices, upload=upload
        )
    result.resolve(choices.choices())
    counts = apply_roster(result=result, school=school, by=request.user)
    default_storage.delete(name)
    summary = import_summary(counts, left_out=result.left_out)
    messages.success(request, _("The staff list was imported. %(summary)s") % {"summary": summary})
    return HttpResponseRedirect(f"{reverse('people:staff_list')}?school={school.pk}")


@role_required(*STAFF_EDITORS)
def roster_import_template(request: AuthenticatedRequest) -> HttpResponse:
    content = roster_template(
        positions=Position.objects.all(),
        categories=QualificationCategory.objects.all(),
        subjects=Subject.objects.all(),
    )
    return download(content, XLSX, "adisker-staff-list", "xlsx")
