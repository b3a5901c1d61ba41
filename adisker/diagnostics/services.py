"""Workflows of diagnostics: launch a campaign, answer it, remind, and edit an instrument."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from adisker.diagnostics.models import (
    Answer,
    Campaign,
    DimensionScore,
    Instrument,
    InstrumentVersion,
    Invitation,
    Item,
    Option,
    Response,
)
from adisker.diagnostics.scoring import VersionStructure, dimension_scores
from adisker.people.models import Role, RoleMembership, StaffProfile, User
from adisker.schools.models import District, School

LEADER_ROLES = (Role.DEPUTY_DIRECTOR, Role.DIRECTOR, Role.ASSOCIATION_HEAD, Role.PLC_FACILITATOR)


def _targets(
    instrument: Instrument, schools: list[School], *, by: User
) -> list[tuple[User, School, StaffProfile | None]]:
    """Who is asked: (user, school, the staff profile the answers are about)."""
    school_ids = [s.pk for s in schools]
    by_id = {s.pk: s for s in schools}
    if instrument.respondent == Instrument.Respondent.TEACHER:
        staff = StaffProfile.objects.filter(
            school_id__in=school_ids, user__isnull=False, user__is_active=True
        ).select_related("user")
        return [(p.user, by_id[p.school_id], p) for p in staff]  # type: ignore[misc]
    memberships = (
        RoleMembership.objects.filter(school_id__in=school_ids, user__is_active=True)
        .select_related("user__staff_profile")
        .order_by("school_id", "user_id")
    )
    if instrument.respondent == Instrument.Respondent.LEADER:
        found: dict[tuple[int, int], tuple[User, School, StaffProfile | None]] = {}
        for m in memberships.filter(role__in=LEADER_ROLES):
            profile = getattr(m.user, "staff_profile", None)
            school_id = m.school_id
            assert school_id is not None  # a leader's role is held in a school
            found.setdefault((m.user_id, school_id), (m.user, by_id[school_id], profile))
        return list(found.values())
    # One answer per school, by its deputy director: the one launching it, else the first.
    deputies: dict[int, User] = {}
    for m in memberships.filter(role=Role.DEPUTY_DIRECTOR):
        if m.school_id not in deputies or m.user_id == by.pk:
            deputies[m.school_id] = m.user  # type: ignore[index]
    return [(user, by_id[school_id], None) for school_id, user in deputies.items()]


@transaction.atomic
def launch_campaign(
    *,
    instrument: Instrument,
    title: str,
    deadline: datetime.date,
    by: User,
    school: School | None = None,
    district: District | None = None,
) -> Campaign:
    """Freeze the instrument's latest version, create the campaign and invite everyone."""
    version = instrument.latest_version()
    version.freeze()
    campaign = Campaign.objects.create(
        version=version,
        title=title,
        school=school,
        district=district,
        deadline=deadline,
        created_by=by,
    )
    schools = [school] if school else list(School.objects.filter(district=district))
    Invitation.objects.bulk_create(
        Invitation(
            campaign=campaign,
            user=user,
            school=target_school,
            # Anonymous invitations do not even say whom the answers would be about.
            subject=None if instrument.anonymous else subject,
        )
        for user, target_school, subject in _targets(instrument, schools, by=by)
    )
    return campaign


def save_draft(invitation: Invitation, values: Mapping[int, Any]) -> None:
    """Keep a section's answers on the invitation until the person submits."""
    draft = dict(invitation.draft)
    for item_id, value in values.items():
        if value in (None, "", []):
            draft.pop(str(item_id), None)
        else:
            draft[str(item_id)] = str(value) if isinstance(value, Decimal) else value
    invitation.draft = draft
    invitation.save(update_fields=["draft"])


def missing_items(structure: VersionStructure, draft: Mapping[str, Any]) -> list[Item]:
    return [item for item in structure.items if item.required and str(item.pk) not in draft]


@transaction.atomic
def submit(invitation: Invitation) -> Response:
    """Turn the draft into a response with its answers and dimension scores.

    For an anonymous instrument the response carries neither the respondent nor the subject,
    and the invitation keeps only `submitted`: the draft is erased in the same transaction.
    """
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    campaign = Campaign.objects.select_related("version__instrument").get(pk=invitation.campaign_id)
    if invitation.submitted:
        raise ValidationError(_("These answers have already been submitted."))
    if not campaign.is_open:
        raise ValidationError(_("The campaign is closed."))
    structure = VersionStructure.load(campaign.version)
    if missing_items(structure, invitation.draft):
        raise ValidationError(_("Answer every required question first."))
    anonymous = campaign.instrument.anonymous
    response = record_response(
        campaign=campaign,
        structure=structure,
        answers={int(k): v for k, v in invitation.draft.items()},
        school=invitation.school,
        role=invitation.role,
        respondent=None if anonymous else invitation.user,
        subject=None if anonymous else invitation.subject,
    )
    invitation.submitted = True
    invitation.draft = {}
    invitation.save(update_fields=["submitted", "draft"])
    return response


def record_response(
    *,
    campaign: Campaign,
    structure: VersionStructure,
    answers: Mapping[int, Any],
    school: School,
    role: str = Invitation.Role.SELF,
    respondent: User | None = None,
    subject: StaffProfile | None = None,
) -> Response:
    """A response with its answers and dimension scores. Used by `submit`, and for answers
    given on paper and typed in (the demo data's staff without accounts)."""
    response = Response.objects.create(
        campaign=campaign, school=school, role=role, respondent=respondent, subject=subject
    )
    _store_answers(response, structure, answers)
    scores = dimension_scores(structure, answers)
    DimensionScore.objects.bulk_create(
        DimensionScore(
            response=response, dimension_id=dim_id, score=score, level=structure.level_for(score)
        )
        for dim_id, score in scores.items()
    )
    return response


def _store_answers(
    response: Response, structure: VersionStructure, answers: Mapping[int, Any]
) -> None:
    rows = []
    multiple: list[tuple[int, list[int]]] = []
    for item in structure.items:
        value = answers.get(item.pk)
        if value in (None, "", []):
            continue
        answer = Answer(response=response, item=item)
        if item.kind in (Item.Kind.LIKERT, Item.Kind.SINGLE):
            answer.option_id = int(value)
        elif item.kind == Item.Kind.NUMBER:
            answer.number = Decimal(str(value))
        elif item.kind == Item.Kind.TEXT:
            answer.text = str(value)[:500]
        else:
            multiple.append((item.pk, [int(v) for v in value]))
        rows.append(answer)
    created = {a.item_id: a for a in Answer.objects.bulk_create(rows)}
    through = Answer.options.through
    through.objects.bulk_create(
        through(answer_id=created[item_id].pk, option_id=option_id)
        for item_id, option_ids in multiple
        for option_id in option_ids
    )


def expert_invitation(campaign: Campaign, staff: StaffProfile, *, by: User) -> Invitation:
    """The council's assessment of a teacher is answered like the teacher's own."""
    invitation, _created = Invitation.objects.get_or_create(
        campaign=campaign,
        user=by,
        subject=staff,
        defaults={"school": staff.school, "role": Invitation.Role.EXPERT},
    )
    return invitation


def reminder_email(invitation: Invitation, *, base_url: str) -> EmailMessage | None:
    user = invitation.user
    to = user.email or getattr(getattr(user, "staff_profile", None), "email", "")
    if not to or not user.is_active:
        return None
    language = user.language or settings.LANGUAGE_CODE
    context = {
        "campaign": invitation.campaign,
        "instrument": invitation.campaign.instrument,
        "url": f"{base_url.rstrip('/')}{invitation.get_absolute_url()}" if base_url else "",
        "site_name": settings.SITE_NAME,
    }
    with translation.override(language):
        subject = render_to_string("diagnostics/email/reminder_subject.txt", context)
        body = render_to_string("diagnostics/email/reminder_body.txt", context)
    return EmailMessage(
        " ".join(subject.split()), body, to=[to], headers={"Content-Language": language}
    )


@transaction.atomic
def remind_unanswered(campaign: Campaign, *, base_url: str = "") -> int:
    """E-mail everyone who has not submitted yet (self-answers only); the mail leaves after
    the commit. Returns how many were written to."""
    pending = list(
        campaign.invitations.filter(submitted=False, role=Invitation.Role.SELF)
        .select_related("user__staff_profile", "campaign__version__instrument")
        .order_by("pk")
    )
    emails = [e for inv in pending if (e := reminder_email(inv, base_url=base_url))]
    campaign.reminded_at = timezone.now()
    campaign.save(update_fields=["reminded_at"])

    def send() -> None:
        for email in emails:
            email.send(fail_silently=True)

    transaction.on_commit(send)
    return len(emails)


@transaction.atomic
def editable_version(instrument: Instrument) -> InstrumentVersion:
    """The version an edit goes into: the latest if no campaign used it, else a new draft
    copied from it, so that results already given never change."""
    latest = instrument.latest_version()
    if not latest.is_frozen:
        return latest
    return copy_version(latest)


def copy_version(source: InstrumentVersion) -> InstrumentVersion:
    version = InstrumentVersion.objects.create(
        instrument=source.instrument, number=source.number + 1
    )
    dimensions = {}
    for dim in source.dimensions.all():
        old_pk = dim.pk
        dim.pk = None
        dim.version = version
        dim.save()
        dimensions[old_pk] = dim
    for level in source.levels.all():
        level.pk = None
        level.version = version
        level.save()
    for section in source.sections.prefetch_related("items__options"):
        items = list(section.items.all())
        section.pk = None
        section.version = version
        section.save()
        for item in items:
            options = list(item.options.all())
            item.pk = None
            item.section = section
            item.dimension = dimensions.get(item.dimension_id)  # type: ignore[arg-type]
            item.save()
            for option in options:
                option.pk = None
                option.item = item
            Option.objects.bulk_create(options)
    return version


@transaction.atomic
def set_thresholds(instrument: Instrument, thresholds: Mapping[str, Decimal]) -> InstrumentVersion:
    """New level thresholds (by level code), in a new version if the latest one is used."""
    version = editable_version(instrument)
    for level in version.levels.filter(code__in=thresholds):
        level.min_score = thresholds[level.code]
        level.save(update_fields=["min_score"])
    return version


@transaction.atomic
def edit_item_text(item: Item, *, text_kk: str, text_ru: str, text_en: str) -> InstrumentVersion:
    """New wording of an item, in a new version if the item's version is used."""
    instrument = item.section.version.instrument
    version = editable_version(instrument)
    if version.pk != item.section.version_id:
        item = Item.objects.get(
            section__version=version, section__order=item.section.order, order=item.order
        )
    item.text_kk, item.text_ru, item.text_en = text_kk, text_ru, text_en
    item.save(update_fields=["text_kk", "text_ru", "text_en"])
    return version
