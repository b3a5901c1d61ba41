"""Professional learning communities."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from adisker.lib.dates import today
from adisker.lib.documents import DOCX, document_language, download
from adisker.lib.storage import serve_file
from adisker.people.access import get_overseen_school_for_user
from adisker.people.http import AuthenticatedRequest
from adisker.people.models import StaffProfile
from adisker.plc import access, exports, forms, services
from adisker.plc.filters import CommunityFilter
from adisker.plc.models import (
    Community,
    FocusPupil,
    InquiryCycle,
    LessonObservation,
    Meeting,
    MeetingAssignment,
    MeetingRole,
    ObservationNote,
    ObservationRule,
    ObservationTemplate,
    ObservationVisit,
    Practice,
    PracticeAdaptation,
    PracticeComment,
    PracticeEndorsement,
    ResearchLesson,
    Stage,
    half_year_of,
)
from adisker.plc.results import read_results, save_results
from adisker.plc.selectors import evidence_of, leadership_of, visit_matrix
from adisker.schools.models import AcademicYear, InterSchoolAssociation, School

# How many schools' "who visited whom" pages the visit list links to at once.
SCHOOL_LINKS = 10

# Communities ---------------------------------------------------------------------------------


@login_required
def community_list(request: AuthenticatedRequest) -> HttpResponse:
    communities = Community.objects.visible_to(request.user).order_by("name", "pk")
    filterset = CommunityFilter(request.GET, queryset=communities, request=request)
    # Page through bare ids, then read places, facilitators and counts for one page only: an
    # offset over the joined and counted rows made the database build every row it skipped.
    ids = filterset.qs.values_list("pk", flat=True)
    page = Paginator(ids, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(
        Community.objects.filter(pk__in=list(page)).for_list().order_by("name", "pk")
    )
    context = {
        "filter": filterset,
        "page": page,
        "can_create": access.can_create_community(request.user),
    }
    template = "plc/community_list.html#results" if request.htmx else "plc/community_list.html"
    return TemplateResponse(request, template, context)


def _place(request: AuthenticatedRequest) -> School | InterSchoolAssociation | None:
    """The school or association a new PLC is for, from ?school= or ?association=."""
    for name, queryset in (
        ("school", access.creatable_schools(request.user)),
        ("association", access.creatable_associations(request.user)),
    ):
        value = request.GET.get(name, "")
        if value:
            if not value.isdigit():
                raise Http404
            found = queryset.filter(pk=int(value)).first()
            if found is None:
                raise Http404
            return found
    return None


@login_required
def community_create(request: AuthenticatedRequest) -> HttpResponse:
    schools = list(access.creatable_schools(request.user)[:50])
    associations = list(access.creatable_associations(request.user)[:50])
    if not (schools or associations):
        raise PermissionDenied
    place = _place(request)
    if place is None and len(schools) + len(associations) == 1:
        place = (schools or associations)[0]
    if place is None:
        context = {"schools": schools, "associations": associations}
        return TemplateResponse(request, "plc/community_place.html", context)
    community = Community(
        school=place if isinstance(place, School) else None,
        inter_school=place if isinstance(place, InterSchoolAssociation) else None,
        academic_year=AcademicYear.objects.current(),
        created_by=request.user,
    )
    profile = access.profile_of(request.user)
    initial = {"facilitator": profile} if profile else {}
    form = forms.CommunityForm(
        request.POST or None,
        instance=community,
        eligible=community.eligible_staff(),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The community was created."))
        return HttpResponseRedirect(community.get_absolute_url())
    context = {"form": form, "place": place, "community": None}
    return TemplateResponse(request, "plc/community_form.html", context)


@login_required
def community_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    community = access.get_community_for_user(request.user, pk, manage=True)
    form = forms.CommunityForm(
        request.POST or None, instance=community, eligible=community.eligible_staff()
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The community was saved."))
        return HttpResponseRedirect(community.get_absolute_url())
    context = {"form": form, "place": community.where, "community": community}
    return TemplateResponse(request, "plc/community_form.html", context)


@login_required
def community_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    community = access.get_community_for_user(request.user, pk)
    participants = [community.facilitator] + [
        m
        for m in community.members.select_related("school").order_by("last_name", "first_name")
        if m.pk != community.facilitator_id
    ]
    meetings = list(
        community.meetings.prefetch_related(
            Prefetch("assignments", queryset=MeetingAssignment.objects.select_related("staff"))
        )
    )
    upcoming = [m for m in meetings if m.held_on >= today()]
    context = {
        "community": community,
        "participants": participants,
        "meetings": meetings,
        "next_meeting": upcoming[-1] if upcoming else None,
        "roles": MeetingRole.choices,
        "leadership": leadership_of(community, participants),
        "cycles": community.cycles.select_related("subject"),
        "can_edit": access.can_edit_community(request.user, community),
        "can_manage": access.can_manage_community(request.user, community),
    }
    return TemplateResponse(request, "plc/community_detail.html", context)


@login_required
def community_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    community = access.get_community_for_user(request.user, pk)
    with translation.override(document_language(request)):
        content = exports.community_report_docx(community)
        return download(content, DOCX, _("PLC report"), community.name, "docx")


@login_required
def meeting_form(
    request: AuthenticatedRequest, pk: int, meeting_pk: int | None = None
) -> HttpResponse:
    community = access.get_community_for_user(request.user, pk, edit=True)
    meeting = (
        get_object_or_404(Meeting, pk=meeting_pk, community=community)
        if meeting_pk
        else Meeting(community=community, held_on=today())
    )
    form = forms.MeetingForm(
        request.POST or None, instance=meeting, participants=community.participants()
    )
    if request.method == "POST" and form.is_valid():
        services.save_meeting(meeting=form.save(commit=False), holders=form.role_holders())
        messages.success(request, _("The meeting was saved."))
        return HttpResponseRedirect(f"{community.get_absolute_url()}#meetings")
    context = {"form": form, "community": community, "meeting": meeting if meeting_pk else None}
    return TemplateResponse(request, "plc/meeting_form.html", context)


# Cycles -------------------------------------------------------------------------------------


@login_required
def cycle_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    community = access.get_community_for_user(request.user, pk, edit=True)
    cycle = InquiryCycle(community=community)
    form = forms.CycleForm(request.POST or None, instance=cycle)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The cycle was started."))
        return HttpResponseRedirect(cycle.get_absolute_url())
    context = {"form": form, "community": community, "title": _("New inquiry cycle")}
    return TemplateResponse(request, "plc/cycle_form.html", context)


@login_required
def cycle_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk, edit=True)
    form = forms.CycleForm(request.POST or None, instance=cycle)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The cycle was saved."))
        return HttpResponseRedirect(cycle.get_absolute_url())
    context = {"form": form, "community": cycle.community, "cycle": cycle, "title": cycle.title}
    return TemplateResponse(request, "plc/cycle_form.html", context)


def _cycle_context(request: AuthenticatedRequest, cycle: InquiryCycle) -> dict[str, object]:
    lessons = list(
        cycle.lessons.select_related("teacher").prefetch_related(
            Prefetch(
                "observations",
                queryset=LessonObservation.objects.select_related(
                    "observer", "pupil"
                ).prefetch_related("notes"),
            )
        )
    )
    cycle = InquiryCycle.objects.prefetch_related("results", "focus_pupils").get(pk=cycle.pk)
    can_edit = access.can_edit_community(request.user, cycle.community)
    return {
        "cycle": cycle,
        "community": cycle.community,
        "lessons": lessons,
        "lesson_rounds": [(n, next((x for x in lessons if x.round == n), None)) for n in (1, 2)],
        "pupils": list(cycle.focus_pupils.all()),
        "evidence": evidence_of(cycle),
        "changes": cycle.stage_changes.select_related("by__staff_profile"),
        "stages": Stage.choices,
        "missing": cycle.missing_for_next_stage() if can_edit else [],
        "can_edit": can_edit,
        "pupil_form": forms.FocusPupilForm(),
        "text_form": forms.CycleTextForm(instance=cycle),
        "results_form": forms.ResultsForm(),
        "import_form": forms.ResultsImportForm(),
    }


@login_required
def cycle_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk)
    return TemplateResponse(request, "plc/cycle_detail.html", _cycle_context(request, cycle))


@require_POST
@login_required
def cycle_advance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk, edit=True)
    cycle = InquiryCycle.objects.prefetch_related("focus_pupils", "lessons").get(pk=cycle.pk)
    try:
        cycle.advance(by=request.user, to=request.POST.get("to", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The cycle moved to: %(stage)s.") % {"stage": cycle.get_stage_display()}
        )
    return HttpResponseRedirect(cycle.get_absolute_url())


@require_POST
@login_required
def cycle_texts(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk, edit=True)
    form = forms.CycleTextForm(request.POST, instance=cycle)
    if form.is_valid():
        form.save()
        messages.success(request, _("The cycle was saved."))
    return HttpResponseRedirect(f"{cycle.get_absolute_url()}#texts")


@require_POST
@login_required
def pupil_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk, edit=True)
    form = forms.FocusPupilForm(request.POST, instance=FocusPupil(cycle=cycle))
    if form.is_valid():
        try:
            with transaction.atomic():
                form.save()
        except IntegrityError:
            messages.error(
                request, _("Each focus pupil needs a code and an attainment level of their own.")
            )
        else:
            messages.success(request, _("The focus pupil was added."))
            return HttpResponseRedirect(f"{cycle.get_absolute_url()}#pupils")
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return HttpResponseRedirect(f"{cycle.get_absolute_url()}#pupils")


@login_required
def lesson_form(request: AuthenticatedRequest, pk: int, round_number: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk, edit=True)
    if round_number not in (1, 2):
        raise Http404
    lesson = cycle.lessons.filter(round=round_number).first() or ResearchLesson(
        cycle=cycle, round=round_number
    )
    if round_number == 2 and lesson.pk is None:
        first = cycle.lessons.filter(round=1).first()
        if first is not None:
            lesson.teacher_id, lesson.topic, lesson.plan = first.teacher_id, first.topic, first.plan
            lesson.expected_responses = first.expected_responses
    form = forms.LessonForm(
        request.POST or None, instance=lesson, participants=cycle.community.participants()
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The research lesson was saved."))
        return HttpResponseRedirect(f"{cycle.get_absolute_url()}#lessons")
    context = {"form": form, "cycle": cycle, "round": round_number}
    return TemplateResponse(request, "plc/lesson_form.html", context)


@login_required
def observation_form(request: AuthenticatedRequest, pk: int, round_number: int) -> HttpResponse:
    """A member files the form for one focus pupil: time-stamped notes and a photo of work."""
    cycle = access.get_cycle_for_user(request.user, pk, edit=True)
    lesson = get_object_or_404(ResearchLesson, cycle=cycle, round=round_number)
    observer = access.profile_of(request.user)
    if observer is None:
        raise PermissionDenied
    form = forms.ObservationForm(
        request.POST or None,
        request.FILES or None,
        instance=LessonObservation(lesson=lesson, observer=observer),
        pupils=cycle.focus_pupils.all(),
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            observation, _created = LessonObservation.objects.update_or_create(
                lesson=lesson,
                observer=observer,
                pupil=form.cleaned_data["pupil"],
                defaults={"summary": form.cleaned_data["summary"]},
            )
            ObservationNote.objects.bulk_create(
                ObservationNote(observation=observation, at=at, text=text)
                for at, text in form.cleaned_data["notes"]
            )
            if form.cleaned_data.get("photo"):
                at, text = form.cleaned_data["photo_note"]
                ObservationNote.objects.create(
                    observation=observation, at=at, text=text, photo=form.cleaned_data["photo"]
                )
        messages.success(request, _("The observation form was filed."))
        return HttpResponseRedirect(f"{cycle.get_absolute_url()}#lessons")
    context = {"form": form, "cycle": cycle, "lesson": lesson}
    return TemplateResponse(request, "plc/observation_form.html", context)


@login_required
def note_photo(request: AuthenticatedRequest, pk: int, note_pk: int) -> HttpResponseBase:
    """Photos of pupils' work are served only to those who may read the cycle."""
    cycle = access.get_cycle_for_user(request.user, pk)
    note = get_object_or_404(ObservationNote, pk=note_pk, observation__lesson__cycle=cycle)
    return serve_file(note.photo, as_attachment=False)


@require_POST
@login_required
def results_enter(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk, edit=True)
    form = forms.ResultsForm(request.POST)
    if form.is_valid():
        written = save_results(cycle=cycle, rows=form.cleaned_data["lines"])
        messages.success(request, _("%(count)d results were saved.") % {"count": written})
        return HttpResponseRedirect(f"{cycle.get_absolute_url()}#results")
    context = _cycle_context(request, cycle)
    context["results_form"] = form
    return TemplateResponse(request, "plc/cycle_detail.html", context, status=400)


@require_POST
@login_required
def results_import(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk, edit=True)
    form = forms.ResultsImportForm(request.POST, request.FILES)
    problems: list[str] = []
    if form.is_valid():
        try:
            found = read_results(form.cleaned_data["file"])
        except ValidationError as error:
            problems = error.messages
        else:
            problems = found.problems
            if not problems:
                written = save_results(cycle=cycle, rows=found.rows)
                messages.success(request, _("%(count)d results were saved.") % {"count": written})
                return HttpResponseRedirect(f"{cycle.get_absolute_url()}#results")
    context = _cycle_context(request, cycle)
    context["import_form"] = form
    context["import_problems"] = problems
    return TemplateResponse(request, "plc/cycle_detail.html", context, status=400)


@login_required
def cycle_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk)
    with translation.override(document_language(request)):
        content = exports.lesson_study_docx(cycle)
        return download(content, DOCX, "Lesson Study", cycle.title, "docx")


# Mutual lesson observation ----------------------------------------------------------------


@login_required
def visit_list(request: AuthenticatedRequest) -> HttpResponse:
    visits = (
        ObservationVisit.objects.visible_to(request.user)
        .select_related("observer", "observed", "school")
        .order_by("-visit_on", "-pk")[:200]
    )
    # A methodologist or an administrator oversees tens or thousands of schools: link a few,
    # and let them search for the others.
    overseen = access.observation_schools(request.user)
    school_query = request.GET.get("school", "").strip()
    if school_query:
        overseen = overseen.search(school_query)
    schools = list(overseen.order_by("name_kk", "pk")[: SCHOOL_LINKS + 1])
    context = {
        "visits": visits,
        "schools": schools[:SCHOOL_LINKS],
        "school_search": school_query or len(schools) > SCHOOL_LINKS,
        "school_query": school_query,
        "profile": access.profile_of(request.user),
    }
    return TemplateResponse(request, "plc/visit_list.html", context)


@login_required
def visit_create(request: AuthenticatedRequest) -> HttpResponse:
    profile = access.profile_of(request.user)
    scheduling = [
        pk
        for pk in request.user.scope.member_school_ids
        if access.can_schedule_visits(request.user, pk)
    ]
    school_id = scheduling[0] if scheduling else (profile.school_id if profile else None)
    if school_id is None:
        raise PermissionDenied
    staff = StaffProfile.objects.filter(school_id=school_id)
    observers = staff if scheduling else staff.filter(pk=profile.pk)  # type: ignore[union-attr]
    form = forms.VisitForm(
        request.POST or None,
        staff=staff,
        observers=observers,
        templates=ObservationTemplate.objects.for_school(school_id),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        visit = ObservationVisit.schedule(
            observer=data["observer"],
            observed=data["observed"],
            on=data["visit_on"],
            by=request.user,
            template=data["template"],
            lesson=data["lesson"],
        )
        messages.success(request, _("The visit was scheduled."))
        return HttpResponseRedirect(visit.get_absolute_url())
    return TemplateResponse(request, "plc/visit_form.html", {"form": form})


@login_required
def visit_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    visit = access.get_visit_for_user(request.user, pk)
    can_fill = access.can_fill_visit(request.user, visit)
    questions = visit.template.questions if visit.template else []
    if visit.is_done:
        questions = [a["question"] for a in visit.answers] or questions
    initial = {"feedback": visit.feedback}
    initial.update({f"answer_{i}": a.get("answer", "") for i, a in enumerate(visit.answers)})
    form = (
        forms.VisitFillForm(request.POST or None, questions=questions, initial=initial)
        if can_fill
        else None
    )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            visit.complete(answers=form.answers(), feedback=form.cleaned_data["feedback"])
            messages.success(request, _("The observation form was filed."))
            return HttpResponseRedirect(visit.get_absolute_url())
    visit.mark_read_by(request.user)
    context = {
        "visit": visit,
        "form": form,
        "feedback_visible": visit.feedback_visible_to(request.user),
        "is_observed": access.profile_of(request.user) is not None
        and access.profile_of(request.user).pk == visit.observed_id,  # type: ignore[union-attr]
    }
    return TemplateResponse(request, "plc/visit_detail.html", context)


@login_required
def visit_matrix_page(request: AuthenticatedRequest, school_pk: int) -> HttpResponse:
    school = get_overseen_school_for_user(request.user, school_pk)
    start, end = half_year_of(today())
    staff, rows, required = visit_matrix(school, start, end)
    rule = ObservationRule.objects.filter(school=school).first() or ObservationRule(school=school)
    can_set = access.can_schedule_visits(request.user, school.pk)
    form = forms.RuleForm(request.POST or None, instance=rule) if can_set else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            form.save()
            messages.success(request, _("The rule was saved."))
            return HttpResponseRedirect(reverse("plc:visit_matrix", args=[school.pk]))
    context = {
        "school": school,
        "staff": staff,
        # A page of observed teachers at a time: a large school's whole matrix was 20,000
        # cells (650 KB). The columns stay every teacher, numbered as in the whole list.
        "page": Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("page")),
        "required": required,
        "start": start,
        "end": end,
        "below": [r for r in rows if r.below],
        "form": form,
        "templates": ObservationTemplate.objects.filter(school=school) if can_set else [],
    }
    return TemplateResponse(request, "plc/visit_matrix.html", context)


@login_required
def template_form(
    request: AuthenticatedRequest, school_pk: int | None = None, pk: int | None = None
) -> HttpResponse:
    if pk is not None:
        template = access.get_template_for_user(request.user, pk)
        school = template.school
    else:
        school = get_overseen_school_for_user(request.user, school_pk or 0)
        if not access.can_schedule_visits(request.user, school.pk):
            raise PermissionDenied
        template = ObservationTemplate(school=school)
    form = forms.TemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The observation form template was saved."))
        return HttpResponseRedirect(reverse("plc:visit_matrix", args=[school.pk]))  # type: ignore[union-attr]
    context = {"form": form, "school": school, "template": template if pk else None}
    return TemplateResponse(request, "plc/template_form.html", context)


# Shared practice ----------------------------------------------------------------------------


@login_required
def practice_list(request: AuthenticatedRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    practices = Practice.objects.visible_to(request.user).search(query).for_list()
    if request.GET.get("featured"):
        practices = practices.filter(featured_at__isnull=False)
    context = {
        "practices": Paginator(practices, settings.PAGE_SIZE).get_page(request.GET.get("page")),
        "query": query,
        "can_publish": access.profile_of(request.user) is not None,
    }
    template = "plc/practice_list.html#results" if request.htmx else "plc/practice_list.html"
    return TemplateResponse(request, template, context)


@login_required
def practice_form(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    if pk is not None:
        practice = access.get_practice_for_user(request.user, pk, edit=True)
    else:
        author = access.profile_of(request.user)
        if author is None:
            raise PermissionDenied
        practice = Practice(author=author)
    form = forms.PracticeForm(request.POST or None, request.FILES or None, instance=practice)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The practice was published."))
        return HttpResponseRedirect(practice.get_absolute_url())
    context = {"form": form, "practice": practice if pk else None}
    return TemplateResponse(request, "plc/practice_form.html", context)


def _practice_context(request: AuthenticatedRequest, practice: Practice) -> dict[str, object]:
    profile = access.profile_of(request.user)
    endorsers = list(practice.endorsements.select_related("staff"))
    return {
        "practice": practice,
        "endorsers": endorsers,
        "endorsed": profile is not None and any(e.staff_id == profile.pk for e in endorsers),
        "comments": practice.comments.select_related("staff"),
        "adaptations": practice.adaptations.select_related("staff__school"),
        "can_edit": access.can_edit_practice(request.user, practice),
        "can_feature": access.can_feature_practice(request.user, practice),
        "can_respond": profile is not None and profile.pk != practice.author_id,
        "is_staff": profile is not None,
        "comment_form": forms.CommentForm(),
    }


@login_required
def practice_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    practice = access.get_practice_for_user(request.user, pk)
    return TemplateResponse(
        request, "plc/practice_detail.html", _practice_context(request, practice)
    )


@require_POST
@login_required
def practice_endorse(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    practice = access.get_practice_for_user(request.user, pk)
    profile = access.profile_of(request.user)
    if profile is None or profile.pk == practice.author_id:
        raise PermissionDenied
    deleted, _rows = PracticeEndorsement.objects.filter(practice=practice, staff=profile).delete()
    if not deleted:
        PracticeEndorsement.objects.get_or_create(practice=practice, staff=profile)
    if request.htmx:
        return TemplateResponse(
            request, "plc/practice_detail.html#endorse", _practice_context(request, practice)
        )
    return HttpResponseRedirect(practice.get_absolute_url())


@require_POST
@login_required
def practice_comment(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    practice = access.get_practice_for_user(request.user, pk)
    profile = access.profile_of(request.user)
    if profile is None:
        raise PermissionDenied
    form = forms.CommentForm(
        request.POST, instance=PracticeComment(practice=practice, staff=profile)
    )
    if form.is_valid():
        form.save()
        messages.success(request, _("The comment was added."))
    return HttpResponseRedirect(f"{practice.get_absolute_url()}#comments")


@login_required
def practice_adapt(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    practice = access.get_practice_for_user(request.user, pk)
    profile = access.profile_of(request.user)
    if profile is None or profile.pk == practice.author_id:
        raise PermissionDenied
    form = forms.AdaptationForm(
        request.POST or None, instance=PracticeAdaptation(practice=practice, staff=profile)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Thank you: your adaptation was recorded."))
        return HttpResponseRedirect(f"{practice.get_absolute_url()}#adaptations")
    return TemplateResponse(
        request, "plc/adaptation_form.html", {"form": form, "practice": practice}
    )


@require_POST
@login_required
def practice_feature(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    practice = access.get_practice_for_user(request.user, pk)
    if not access.can_feature_practice(request.user, practice):
        raise PermissionDenied
    practice.toggle_featured(by=request.user)
    return HttpResponseRedirect(practice.get_absolute_url())


@login_required
def practice_file(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    practice = access.get_practice_for_user(request.user, pk)
    return serve_file(practice.file)
