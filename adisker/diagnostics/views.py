"""Diagnostics pages: campaigns, answering, results, proposals and instruments."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from adisker.council.models import FormOfWork
from adisker.diagnostics import exports, forms, proposals, services
from adisker.diagnostics.access import (
    CAMPAIGN_RUNNERS,
    can_assess,
    can_edit_instruments,
    can_run,
    can_see_individuals,
    get_assessed_staff_for_user,
    get_campaign_for_user,
    get_instrument_for_user,
    get_invitation_for_user,
    get_proposal_for_user,
    get_teacher_result_for_user,
    launch_places,
    overseen_campaigns,
    result_schools,
)
from adisker.diagnostics.models import (
    Campaign,
    Instrument,
    Invitation,
    Item,
    Proposal,
    Section,
)
from adisker.diagnostics.results import (
    answering_teachers,
    bar_chart,
    campaign_results,
    teacher_result,
    teacher_rows,
)
from adisker.diagnostics.scoring import VersionStructure, mean
from adisker.lib.counting import count_of
from adisker.lib.documents import XLSX, document_language, download
from adisker.people.decorators import role_required
from adisker.people.http import AuthenticatedRequest
from adisker.people.models import Role, StaffProfile
from adisker.schools.models import District, School

INSTRUMENT_VIEWERS = (Role.DEPUTY_DIRECTOR, Role.DIRECTOR, Role.DISTRICT_METHODOLOGIST)


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    """What the user answers, and the campaigns they run or oversee."""
    invitations = (
        Invitation.objects.filter(user=request.user, role=Invitation.Role.SELF)
        .select_related("campaign__version__instrument", "subject")
        .order_by("submitted", "campaign__deadline", "pk")
    )
    campaigns = overseen_campaigns(request.user).order_by("-created_at", "-pk")
    page = Paginator(campaigns, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    # Counted for the page's campaigns only, each by a subquery on its own invitations:
    # grouped over the join, an administrator's page counted the country's 900,000.
    asked = Invitation.objects.filter(campaign=OuterRef("pk"), role=Invitation.Role.SELF)
    page.object_list = list(
        Campaign.objects.filter(pk__in=[c.pk for c in page])
        .for_list()
        .annotate(invited=count_of(asked), answered=count_of(asked.filter(submitted=True)))
        .order_by("-created_at", "-pk")
    )
    context = {
        "invitations": invitations,
        "page": page,
        "can_launch": any(launch_places(request.user)),
        "can_see_instruments": request.user.is_administrator
        or request.user.has_role(*INSTRUMENT_VIEWERS),
    }
    return TemplateResponse(request, "diagnostics/index.html", context)


def launch_scopes(request: AuthenticatedRequest) -> list[tuple[str, School | District]]:
    """Where the user may launch: the schools they are deputy of, the districts they are
    methodologist of."""
    school_ids, district_ids = launch_places(request.user)
    found: list[tuple[str, School | District]] = [
        (f"school-{s.pk}", s) for s in School.objects.filter(pk__in=school_ids)
    ]
    found += [(f"district-{d.pk}", d) for d in District.objects.filter(pk__in=district_ids)]
    return found


@role_required(*CAMPAIGN_RUNNERS)
def campaign_create(request: AuthenticatedRequest) -> HttpResponse:
    scopes = launch_scopes(request)
    if not scopes:
        raise PermissionDenied
    form = forms.CampaignForm(request.POST or None)
    form.fields["scope"] = forms.forms.ChoiceField(
        label=_("Who is asked"), choices=[(key, str(place)) for key, place in scopes]
    )
    if request.method == "POST" and form.is_valid():
        place = dict(scopes)[form.cleaned_data["scope"]]
        campaign = services.launch_campaign(
            instrument=form.cleaned_data["instrument"],
            title=form.cleaned_data["title"],
            deadline=form.cleaned_data["deadline"],
            by=request.user,
            school=place if isinstance(place, School) else None,
            district=place if isinstance(place, District) else None,
        )
        messages.success(request, _("The campaign is open; everyone asked sees it on their page."))
        return HttpResponseRedirect(campaign.get_absolute_url())
    return TemplateResponse(request, "diagnostics/campaign_form.html", {"form": form})


def response_rate(campaign: Campaign) -> dict[str, Any]:
    counts = (
        campaign.invitations.filter(role=Invitation.Role.SELF)
        .values("school_id")
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(submitted=True)))
        .order_by()
    )
    by_school = {row["school_id"]: row for row in counts}
    schools = School.objects.filter(pk__in=by_school).order_by("name_kk")
    invited = sum(r["invited"] for r in by_school.values())
    answered = sum(r["answered"] for r in by_school.values())
    return {
        "invited": invited,
        "answered": answered,
        "percent": round(100 * answered / invited) if invited else 0,
        "schools": [(s, by_school[s.pk]) for s in schools] if campaign.district_id else [],
    }


@login_required
def campaign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, pk)
    context: dict[str, Any] = {
        "campaign": campaign,
        "rate": response_rate(campaign),
        "can_run": can_run(request.user, campaign),
    }
    if request.htmx:
        return TemplateResponse(request, "diagnostics/campaign.html#rate", context)
    schools = list(result_schools(request.user, campaign))
    instrument = campaign.instrument
    pending = []
    if not instrument.anonymous:
        visible = [s.pk for s in schools if can_see_individuals(request.user, s)]
        pending = list(
            campaign.invitations.filter(
                role=Invitation.Role.SELF, submitted=False, school_id__in=visible
            )
            .select_related("user__staff_profile")
            .order_by("user__staff_profile__last_name", "pk")
        )
    assessable: list[tuple[StaffProfile, Invitation | None]] = []
    if instrument.expert_assessment:
        assess_schools = [s.pk for s in schools if can_assess(request.user, s)]
        mine = {
            inv.subject_id: inv
            for inv in campaign.invitations.filter(user=request.user, role=Invitation.Role.EXPERT)
        }
        subjects = (
            StaffProfile.objects.filter(
                pk__in=campaign.invitations.filter(
                    role=Invitation.Role.SELF, school_id__in=assess_schools
                ).values("subject_id")
            )
            .exclude(user=request.user)
            .order_by("last_name", "first_name", "pk")
        )
        assessable = [(staff, mine.get(staff.pk)) for staff in subjects]
    context |= {
        "pending": pending,
        "assessable": assessable,
        "can_propose": instrument.kind == Instrument.Kind.COMPETENCE
        and any(can_assess(request.user, s) for s in schools),
    }
    return TemplateResponse(request, "diagnostics/campaign.html", context)


@require_POST
@login_required
def campaign_remind(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, pk, run=True)
    if not campaign.is_open:
        raise PermissionDenied
    sent = services.remind_unanswered(campaign, base_url=request.build_absolute_uri("/"))
    messages.success(request, _("Reminders sent: %(count)s.") % {"count": sent})
    return HttpResponseRedirect(campaign.get_absolute_url())


@require_POST
@login_required
def campaign_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, pk, run=True)
    campaign.close()
    messages.success(request, _("The campaign is closed."))
    return HttpResponseRedirect(campaign.get_absolute_url())


@require_POST
@login_required
def assess(request: AuthenticatedRequest, pk: int, staff_pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, pk)
    if not campaign.instrument.expert_assessment or not campaign.is_open:
        raise Http404
    staff = get_assessed_staff_for_user(request.user, campaign, staff_pk)
    invitation = services.expert_invitation(campaign, staff, by=request.user)
    return HttpResponseRedirect(invitation.get_absolute_url())


# Answering


def section_forms(
    invitation: Invitation, structure: VersionStructure, data: Any = None, only: int | None = None
) -> list[tuple[Section, forms.SectionForm]]:
    by_section: dict[int, list[Item]] = {}
    sections: dict[int, Section] = {}
    for item in structure.items:
        by_section.setdefault(item.section_id, []).append(item)
        sections[item.section_id] = item.section
    found = []
    for section_id, items in by_section.items():
        if only is not None and section_id != only:
            continue
        form = forms.SectionForm(
            data,
            items=items,
            options=structure.options,
            initial=forms.draft_initial(items, invitation.draft),
            prefix=f"s{section_id}",
        )
        found.append((sections[section_id], form))
    return found


@login_required
def answer(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    invitation = get_invitation_for_user(request.user, pk)
    campaign = invitation.campaign
    structure = VersionStructure.load(campaign.version)
    context = {
        "invitation": invitation,
        "campaign": campaign,
        "instrument": campaign.instrument,
        "sections": section_forms(invitation, structure),
        "answered": len(invitation.draft),
        "total": len(structure.items),
        "missing": [],
    }
    return TemplateResponse(request, "diagnostics/answer.html", context)


@require_POST
@login_required
def answer_section(request: AuthenticatedRequest, pk: int, section_pk: int) -> HttpResponse:
    """Autosave of one section (htmx on every change), or its plain save button."""
    invitation = get_invitation_for_user(request.user, pk)
    campaign = invitation.campaign
    if invitation.submitted or not campaign.is_open:
        raise PermissionDenied
    structure = VersionStructure.load(campaign.version)
    found = section_forms(invitation, structure, request.POST, only=section_pk)
    if not found:
        raise Http404
    section, form = found[0]
    saved = form.is_valid()
    if saved:
        services.save_draft(invitation, form.values())
    if request.htmx:
        context = {
            "invitation": invitation,
            "section": section,
            "form": form,
            "saved": saved,
            "answered": len(invitation.draft),
            "total": len(structure.items),
        }
        return TemplateResponse(request, "diagnostics/answer.html#section", context)
    if saved:
        messages.success(request, _("Your answers are saved; you can come back later."))
    else:
        messages.error(request, _("Please correct the answers marked below."))
    return HttpResponseRedirect(f"{invitation.get_absolute_url()}#section-{section.pk}")


@require_POST
@login_required
def answer_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    invitation = get_invitation_for_user(request.user, pk)
    campaign = invitation.campaign
    structure = VersionStructure.load(campaign.version)
    missing = services.missing_items(structure, invitation.draft)
    if missing or invitation.submitted or not campaign.is_open:
        if not missing:
            raise PermissionDenied
        context = {
            "invitation": invitation,
            "campaign": campaign,
            "instrument": campaign.instrument,
            "sections": section_forms(invitation, structure),
            "answered": len(invitation.draft),
            "total": len(structure.items),
            "missing": missing,
        }
        return TemplateResponse(request, "diagnostics/answer.html", context, status=400)
    try:
        services.submit(invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(invitation.get_absolute_url())
    messages.success(request, _("Thank you, your answers are submitted."))
    if invitation.role == Invitation.Role.EXPERT:
        return HttpResponseRedirect(campaign.get_absolute_url())
    return HttpResponseRedirect(reverse("diagnostics:index"))


# Results


def chart_for(results: Any, title: str) -> Any:
    series = [_("this campaign")]
    if results.previous_campaign is not None:
        series.append(_("previous campaign"))
    rows = [
        (r.dimension.name, [r.mean] + ([r.previous] if results.previous_campaign else []))
        for r in results.dimensions
    ]
    return bar_chart(title, series, rows)


def school_chart(results: Any) -> Any:
    """A district's schools side by side: each school's mean over the dimensions it shows."""
    if not results.schools:
        return None
    rows = []
    for school, dims in results.schools:
        shown = [r.mean for r in dims if r.mean is not None]
        rows.append((school.name, [mean(shown)]))
    return bar_chart(_("Mean over the dimensions by school, 0–100"), [_("this campaign")], rows)


@login_required
def results(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, pk)
    schools = list(result_schools(request.user, campaign).order_by("name_kk"))
    if not schools:
        raise Http404
    context: dict[str, Any] = {"campaign": campaign, "schools": schools}
    if campaign.results_visible:
        found = campaign_results(campaign, schools)
        dimensions = [r.dimension for r in found.dimensions]
        individuals = [s.pk for s in schools if can_see_individuals(request.user, s)]
        context |= {
            "results": found,
            "chart": chart_for(found, _("Mean score by dimension, 0–100")),
            "school_chart": school_chart(found),
            "dimensions": dimensions,
            "teachers": [],
        }
        if individuals and not campaign.instrument.anonymous:
            # A page of teachers at a time: a district's campaign answered by thousands.
            teachers = Paginator(answering_teachers(campaign, individuals), settings.PAGE_SIZE)
            page = teachers.get_page(request.GET.get("page"))
            rows = teacher_rows(campaign, individuals, subjects=list(page))
            context |= {"page": page, "teachers": [(r, r.cells(dimensions)) for r in rows]}
    return TemplateResponse(request, "diagnostics/results.html", context)


@login_required
def results_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, pk)
    schools = list(result_schools(request.user, campaign).order_by("name_kk"))
    if not schools or not campaign.results_visible:
        raise Http404
    with translation.override(document_language(request)):
        found = campaign_results(campaign, schools)
        individuals = [s.pk for s in schools if can_see_individuals(request.user, s)]
        rows = [] if campaign.instrument.anonymous else teacher_rows(campaign, individuals)
        content = exports.results_xlsx(found, rows)
        name = (campaign.instrument.name, campaign.created_at.date().isoformat(), "xlsx")
    return download(content, XLSX, *name)


@login_required
def teacher(request: AuthenticatedRequest, pk: int, staff_pk: int) -> HttpResponse:
    campaign = Campaign.objects.for_list().filter(pk=pk).first()
    if campaign is None:
        raise Http404
    staff = get_teacher_result_for_user(request.user, campaign, staff_pk)
    dimensions = teacher_result(campaign, staff)
    series = [_("self-assessment")]
    has_expert = any(d.expert for d in dimensions)
    has_previous = any(d.previous is not None for d in dimensions)
    if has_expert:
        series.append(_("expert assessment"))
    if has_previous:
        series.append(_("previous campaign"))
    rows = []
    for d in dimensions:
        values = [d.own[0] if d.own else None]
        if has_expert:
            values.append(d.expert[0] if d.expert else None)
        if has_previous:
            values.append(d.previous)
        rows.append((d.dimension.name, values))
    context = {
        "campaign": campaign,
        "staff": staff,
        "dimensions": dimensions,
        "has_expert": has_expert,
        "chart": bar_chart(_("Score by dimension, 0–100"), series, rows),
    }
    return TemplateResponse(request, "diagnostics/teacher.html", context)


# Proposals


def proposal_schools(request: AuthenticatedRequest, campaign: Campaign) -> list[School]:
    if campaign.instrument.kind != Instrument.Kind.COMPETENCE:
        raise Http404
    schools = [s for s in result_schools(request.user, campaign) if can_assess(request.user, s)]
    if not schools:
        raise PermissionDenied
    return schools


@login_required
def proposal_list(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, pk)
    schools = proposal_schools(request, campaign)
    found = (
        Proposal.objects.filter(campaign=campaign, school__in=schools)
        .select_related("dimension", "stronger", "weaker", "school")
        .prefetch_related("members")
    )
    forms_of_work = list(FormOfWork.objects.all())
    names = {f.code: f.name for f in forms_of_work}
    order = list(Proposal.Kind.values)
    found = sorted(found, key=lambda p: (order.index(p.kind), p.pk))
    for proposal in found:
        proposal.form_name = names.get(proposal.form_code, proposal.form_code)  # type: ignore[attr-defined]
    context = {
        "campaign": campaign,
        "proposals": found,
        "forms_of_work": forms_of_work,
    }
    return TemplateResponse(request, "diagnostics/proposals.html", context)


@require_POST
@login_required
def proposal_generate(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, pk)
    schools = proposal_schools(request, campaign)
    count = sum(len(proposals.generate(campaign, school)) for school in schools)
    messages.success(request, _("Proposals computed: %(count)s.") % {"count": count})
    return HttpResponseRedirect(reverse("diagnostics:proposals", args=[campaign.pk]))


@require_POST
@login_required
def proposal_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for_user(request.user, pk)
    form = forms.ProposalDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept the proposal or to set it aside."))
    elif form.cleaned_data["decision"] == "accept":
        if proposal.kind == Proposal.Kind.TOPIC and form.cleaned_data["form_code"]:
            proposal.form_code = form.cleaned_data["form_code"]
        try:
            title = form.cleaned_data["title"].strip() or proposal.title
            proposals.accept(proposal, by=request.user, title=title)
            messages.success(request, _("The proposal is accepted."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        proposals.reject(proposal, by=request.user)
        messages.info(request, _("The proposal is set aside."))
    return HttpResponseRedirect(
        reverse("diagnostics:proposals", args=[proposal.campaign_id]) + f"#proposal-{proposal.pk}"
    )


# Instruments


@role_required(*INSTRUMENT_VIEWERS)
def instrument_list(request: AuthenticatedRequest) -> HttpResponse:
    instruments = Instrument.objects.annotate(version_count=Count("versions"))
    return TemplateResponse(request, "diagnostics/instruments.html", {"instruments": instruments})


@role_required(*INSTRUMENT_VIEWERS)
def instrument(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    instrument = get_instrument_for_user(request.user, pk)
    version = instrument.latest_version()
    structure = VersionStructure.load(version)
    level_form = forms.LevelForm(levels=structure.levels)
    return TemplateResponse(
        request,
        "diagnostics/instrument.html",
        _instrument_context(request, instrument, structure, level_form),
    )


def _instrument_context(
    request: AuthenticatedRequest,
    instrument: Instrument,
    structure: VersionStructure,
    level_form: forms.LevelForm,
) -> dict[str, Any]:
    sections: dict[int, tuple[Section, list[Item]]] = {}
    for item in structure.items:
        sections.setdefault(item.section_id, (item.section, []))[1].append(item)
    return {
        "instrument": instrument,
        "version": structure.version,
        "structure": structure,
        "sections": list(sections.values()),
        "level_form": level_form,
        "can_edit": can_edit_instruments(request.user),
    }


@require_POST
@role_required(Role.DISTRICT_METHODOLOGIST)
def instrument_levels(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    instrument = get_instrument_for_user(request.user, pk, edit=True)
    structure = VersionStructure.load(instrument.latest_version())
    form = forms.LevelForm(request.POST, levels=structure.levels)
    if not form.is_valid():
        context = _instrument_context(request, instrument, structure, form)
        return TemplateResponse(request, "diagnostics/instrument.html", context, status=400)
    version = services.set_thresholds(
        instrument,
        {level.code: form.cleaned_data[f"level-{level.pk}"] for level in structure.levels[1:]},
    )
    messages.success(request, _("Saved in version %(number)s.") % {"number": version.number})
    return HttpResponseRedirect(instrument.get_absolute_url())


@role_required(Role.DISTRICT_METHODOLOGIST)
def item_edit(request: AuthenticatedRequest, pk: int, item_pk: int) -> HttpResponse:
    instrument = get_instrument_for_user(request.user, pk, edit=True)
    try:
        item = Item.objects.select_related("section__version").get(
            pk=item_pk, section__version=instrument.latest_version()
        )
    except Item.DoesNotExist:
        raise Http404 from None
    form = forms.ItemTextForm(
        request.POST or None,
        initial={"text_kk": item.text_kk, "text_ru": item.text_ru, "text_en": item.text_en},
    )
    if request.method == "POST" and form.is_valid():
        version = services.edit_item_text(item, **form.cleaned_data)
        messages.success(request, _("Saved in version %(number)s.") % {"number": version.number})
        return HttpResponseRedirect(instrument.get_absolute_url())
    context = {"instrument": instrument, "item": item, "form": form}
    return TemplateResponse(request, "diagnostics/item_form.html", context)
